"""The vocabulary as one model: classes, their hierarchy and labels, and the relation kinds.

Everything here is read from ``tipgraph.ttl`` (the one ontology loader is
:func:`ontology_graph`); code asks the model instead of restating it, as
followthemoney's schema does:

>>> is_a("Official", "Actor"), is_a("Official", "Person"), is_a("City", "Actor")
(True, True, False)
>>> subclasses("Organization"), subclasses("Person")
(('Agency', 'InternationalOrganization', 'NGO'), ('Official',))
>>> entity_classes()[:3], "Organization" in entity_classes()
(('Agency', 'City', 'Country'), False)
>>> label("InternationalOrganization")
'International organization'

A relation kind is a statement class and how a record of that kind becomes
triples: the record field behind each role property, and the shortcut
property it expands into.

>>> kind = relation_kind("funding")
>>> kind.statement_class.endswith("#Funding"), [r.field for r in kind.roles]
(True, ['amount', 'funder', 'recipient'])
>>> [k.name for k in relation_kinds()]
['cooperation', 'funding', 'route']

Adding a relation kind means declaring its class and properties in the
ontology (``tg:recordKind``, ``tg:recordField``, ``tg:shortcut``...) and
writing its extractor and record; nothing here changes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from functools import cache
from typing import Any

from rdflib import Graph, URIRef
from rdflib import Literal as RDFLiteral
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from tipgraph.ontology import ONTOLOGY_FILE
from tipgraph.ontology.namespace import TG


@cache
def ontology_graph() -> Graph:
    """The ontology file, parsed once per process (do not modify the graph)."""
    return Graph().parse(ONTOLOGY_FILE)


def _local(term: Any) -> str:
    return str(term).rsplit("#", 1)[-1]


def _is_tg(term: Any) -> bool:
    return str(term).startswith(str(TG._NS))


class RoleType(Enum):
    """What a role's values are: entities of the document, concepts of the vocabulary, or plain literals."""

    ENTITY = "entity"
    CONCEPT = "concept"
    LITERAL = "literal"


@dataclass(frozen=True)
class Role:
    """A statement property and the record field it takes its values from."""

    predicate: URIRef
    field: str
    type: RoleType

    def values(self, record: Any) -> list[Any]:
        """The role's values in ``record``: a list field as it is, a single value as a list of one (none if empty)."""
        value = getattr(record, self.field)
        if isinstance(value, list | tuple):
            return list(value)
        return [] if value is None or value == "" else [value]


@dataclass(frozen=True)
class RelationKind:
    """One kind of statement: its class, its roles, and the shortcut triples it expands into."""

    name: str
    statement_class: URIRef
    roles: tuple[Role, ...]
    shortcut: URIRef
    shortcut_subject: Role
    shortcut_object: Role

    def role(self, field: str) -> Role:
        return next(r for r in self.roles if r.field == field)

    @property
    def entity_roles(self) -> tuple[Role, ...]:
        return tuple(r for r in self.roles if r.type is RoleType.ENTITY)

    def entity_keys(self, record: Any) -> list[str]:
        """The entity keys ``record`` names, role by role."""
        return [key for role in self.entity_roles for key in role.values(record)]

    def shortcut_pairs(self, subjects: list[Any], objects: list[Any] | None = None) -> Iterator[tuple[Any, Any]]:
        """(subject, object) of each shortcut triple: subject role x object role.

        When both ends are the same role (cooperation's participants), each pair of
        its values, in both directions.
        """
        if self.shortcut_subject == self.shortcut_object:
            for i, a in enumerate(subjects):
                for b in subjects[i + 1 :]:
                    yield a, b
                    yield b, a
            return
        for a in subjects:
            for b in objects or []:
                yield a, b


@dataclass(frozen=True)
class Vocabulary:
    """The classes of ``tg:`` with their direct parents and labels, and the declared relation kinds."""

    parents: dict[str, tuple[str, ...]]
    labels: dict[str, str]
    kinds: dict[str, RelationKind]
    abstract: frozenset[str] = frozenset()  # classes that only group others (tg:abstract)

    def ancestors(self, cls: str) -> set[str]:
        found: set[str] = set()
        todo = list(self.parents.get(cls, ()))
        while todo:
            parent = todo.pop()
            if parent not in found:
                found.add(parent)
                todo.extend(self.parents.get(parent, ()))
        return found

    def lineage(self, cls: str) -> list[str]:
        """The classes above ``cls``, nearest first (breadth first: parents, then theirs)."""
        found: list[str] = []
        todo = list(self.parents.get(cls, ()))
        while todo:
            parent = todo.pop(0)
            if parent not in found:
                found.append(parent)
                todo.extend(self.parents.get(parent, ()))
        return found

    def is_a(self, cls: str, ancestor: str) -> bool:
        return cls == ancestor or ancestor in self.ancestors(cls)

    def subclasses(self, ancestor: str) -> tuple[str, ...]:
        """Every class below ``ancestor`` (not itself), sorted."""
        return tuple(sorted(c for c in self.parents if c != ancestor and self.is_a(c, ancestor)))


def _role(graph: Graph, predicate: URIRef) -> Role:
    field = graph.value(predicate, TG.recordField)
    if field is None:
        raise ValueError(f"{ONTOLOGY_FILE.name}: {_local(predicate)} has no tg:recordField")
    if (predicate, RDF.type, OWL.DatatypeProperty) in graph:
        kind = RoleType.LITERAL
    elif any((r, RDFS.subClassOf, SKOS.Concept) in graph for r in graph.objects(predicate, RDFS.range)):
        kind = RoleType.CONCEPT
    else:
        kind = RoleType.ENTITY
    return Role(predicate, str(field), kind)


def _relation_kind(graph: Graph, cls: URIRef) -> RelationKind:
    roles = tuple(
        sorted(
            (
                _role(graph, p)
                for p in graph.subjects(RDFS.domain, cls)
                if isinstance(p, URIRef) and graph.value(p, TG.recordField) is not None
            ),
            key=lambda r: r.field,
        )
    )
    by_predicate = {r.predicate: r for r in roles}
    subject, obj, shortcut = (graph.value(cls, p) for p in (TG.shortcutSubject, TG.shortcutObject, TG.shortcut))
    if not isinstance(subject, URIRef) or not isinstance(obj, URIRef) or not isinstance(shortcut, URIRef):
        raise ValueError(
            f"{ONTOLOGY_FILE.name}: {_local(cls)} needs tg:shortcut, tg:shortcutSubject, tg:shortcutObject"
        )
    if subject not in by_predicate or obj not in by_predicate:
        raise ValueError(
            f"{ONTOLOGY_FILE.name}: {_local(cls)} needs tg:shortcut, tg:shortcutSubject, tg:shortcutObject"
        )
    return RelationKind(
        str(graph.value(cls, TG.recordKind)), cls, roles, shortcut, by_predicate[subject], by_predicate[obj]
    )


@cache
def vocabulary() -> Vocabulary:
    """The model read from the ontology (once per process)."""
    graph = ontology_graph()
    parents: dict[str, tuple[str, ...]] = {}
    labels: dict[str, str] = {}
    for cls in graph.subjects(RDF.type, OWL.Class):
        if not _is_tg(cls):
            continue
        name = _local(cls)
        parents[name] = tuple(sorted(_local(p) for p in graph.objects(cls, RDFS.subClassOf) if _is_tg(p)))
        labels[name] = str(graph.value(cls, RDFS.label) or name)
    abstract = frozenset(_local(c) for c in graph.subjects(TG.abstract, RDFLiteral(True)))
    kinds = {}
    for cls in graph.subjects(TG.recordKind, None):
        kind = _relation_kind(graph, cls)  # type: ignore[arg-type]  # a subject of tg:recordKind is a class IRI
        kinds[kind.name] = kind
    return Vocabulary(parents, labels, dict(sorted(kinds.items())), abstract)


def is_a(cls: str, ancestor: str) -> bool:
    """``cls`` is ``ancestor`` or one of its subclasses (local names: ``is_a("NGO", "Actor")``)."""
    return vocabulary().is_a(cls, ancestor)


def superclasses(cls: str) -> list[str]:
    """The classes above ``cls``, nearest first: ``superclasses("Agency") == ["Organization", "Actor"]``."""
    return vocabulary().lineage(cls)


def subclasses(ancestor: str) -> tuple[str, ...]:
    """Every class below ``ancestor`` (not itself), sorted: ``subclasses("Place")``."""
    return vocabulary().subclasses(ancestor)


def entity_classes() -> tuple[str, ...]:
    """The classes an entity node can have: every class below tg:Actor or tg:Place that is not abstract."""
    v = vocabulary()
    return tuple(c for c in sorted(v.parents) if c not in v.abstract and (v.is_a(c, "Actor") or v.is_a(c, "Place")))


@cache
def individuals(cls: str) -> frozenset[str]:
    """The local names of the vocabulary's individuals of ``cls``: ``"Girls" in individuals("VictimGroup")``."""
    return frozenset(_local(s) for s in ontology_graph().subjects(RDF.type, TG[cls]) if _is_tg(s))


def label(cls: str) -> str:
    """The class's ``rdfs:label``."""
    return vocabulary().labels[cls]


def relation_kinds() -> tuple[RelationKind, ...]:
    """Every declared relation kind, by name."""
    return tuple(vocabulary().kinds.values())


def relation_kind(name: str) -> RelationKind:
    """The relation kind ``name`` (a record's ``kind``: ``"cooperation"``, ``"funding"``, ``"route"``)."""
    return vocabulary().kinds[name]
