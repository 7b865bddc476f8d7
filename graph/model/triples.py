"""The build's graph in a compact triple table, and Turtle streamed from it a subject at a time.

An rdflib ``Graph`` keeps each triple in three nested indexes of Python
objects: about 1.5 kB a triple, most of a large build's peak memory.
:class:`TripleTable` keeps each term once and each triple as small integers
under its subject, with the few lookups the build makes (``value``,
``objects``, ``subjects``, ``subject_objects``, a triple test with ``None`` as
any object), so :func:`tipgraph.graph.model.rdf.fill_graph` and
:func:`tipgraph.graph.model.nx.rdf_to_networkx` run on it unchanged.

:func:`generate_turtle` writes any graph with ``subjects()`` and
``predicate_objects()`` (this table or an rdflib ``Graph``) one subject block
per string, in a fixed order, so the text never exists whole in memory and is
the same whatever the number of workers.

>>> from rdflib import Literal, URIRef
>>> from rdflib.namespace import RDF, RDFS
>>> table = TripleTable()
>>> table.add((URIRef("https://example.org/a"), RDF.type, RDFS.Class))
>>> table.set((URIRef("https://example.org/a"), RDFS.label, Literal("A")))
>>> print("".join(generate_turtle(table, {"rdfs": RDFS})), end="")
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<BLANKLINE>
<https://example.org/a> a rdfs:Class ;
    rdfs:label "A" .
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import RDF
from rdflib.term import Node

Triple = tuple[Node, Node, Node]
# A prefixed name is written only when its local part is this plain: anything else is a full IRI.
_PLAIN_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


class TripleTable:
    """A set of triples: each term stored once, each triple as ids under its subject and predicate."""

    def __init__(self) -> None:
        self._ids: dict[Node, int] = {}
        self._terms: list[Node] = []
        self._by_subject: dict[int, dict[int, dict[int, None]]] = {}  # s -> p -> objects, in order added
        self._subjects_by: dict[int, dict[int, dict[int, None]]] = {}  # p -> o -> subjects, built when asked
        self._count = 0

    def _id(self, term: Node) -> int:
        found = self._ids.get(term)
        if found is None:
            found = self._ids[term] = len(self._terms)
            self._terms.append(term)
        return found

    def _known(self, term: Node | None) -> int | None:
        return None if term is None else self._ids.get(term)

    def add(self, triple: Triple) -> None:
        s, p, o = (self._id(term) for term in triple)
        objects = self._by_subject.setdefault(s, {}).setdefault(p, {})
        if o not in objects:
            objects[o] = None
            self._count += 1
            index = self._subjects_by.get(p)
            if index is not None:
                index.setdefault(o, {})[s] = None

    def set(self, triple: Triple) -> None:
        """Replace every object of the subject and predicate by this one (rdflib's ``Graph.set``)."""
        s, p = self._known(triple[0]), self._known(triple[1])
        if s is not None and p is not None:
            for o in self._by_subject.get(s, {}).pop(p, {}):
                self._count -= 1
                index = self._subjects_by.get(p)
                if index is not None:
                    index.get(o, {}).pop(s, None)
        self.add(triple)

    def __len__(self) -> int:
        return self._count

    def __contains__(self, triple: tuple[Node, Node, Node | None]) -> bool:
        s, p, o = (self._known(term) for term in triple)
        objects = self._by_subject.get(s, {}).get(p, {}) if s is not None and p is not None else {}
        return bool(objects) if triple[2] is None else o in objects

    def objects(self, subject: Node, predicate: Node) -> Iterator[Node]:
        s, p = self._known(subject), self._known(predicate)
        if s is not None and p is not None:
            yield from (self._terms[o] for o in list(self._by_subject.get(s, {}).get(p, {})))

    def value(self, subject: Node, predicate: Node) -> Node | None:
        return next(self.objects(subject, predicate), None)

    def subjects(
        self, predicate: Node | None = None, object: Node | None = None, unique: bool = False
    ) -> Iterator[Node]:
        """The subjects with ``predicate`` and ``object`` (both, or neither: every subject once)."""
        if predicate is None and object is None:
            yield from (self._terms[s] for s in list(self._by_subject))
            return
        p, o = self._known(predicate), self._known(object)
        if p is None or o is None:
            return
        yield from (self._terms[s] for s in list(self._index(p).get(o, {})))

    def _index(self, p: int) -> dict[int, dict[int, None]]:
        index = self._subjects_by.get(p)
        if index is None:
            index = self._subjects_by[p] = {}
            for s, predicates in self._by_subject.items():
                for o in predicates.get(p, {}):
                    index.setdefault(o, {})[s] = None
        return index

    def subject_objects(self, predicate: Node) -> Iterator[tuple[Node, Node]]:
        p = self._known(predicate)
        if p is None:
            return
        for s, predicates in list(self._by_subject.items()):
            for o in list(predicates.get(p, {})):
                yield self._terms[s], self._terms[o]

    def predicate_objects(self, subject: Node) -> Iterator[tuple[Node, Node]]:
        s = self._known(subject)
        for p, objects in list(self._by_subject.get(s, {}).items()) if s is not None else []:
            for o in list(objects):
                yield self._terms[p], self._terms[o]

    def __iter__(self) -> Iterator[Triple]:
        for s, predicates in self._by_subject.items():
            for p, objects in predicates.items():
                for o in objects:
                    yield self._terms[s], self._terms[p], self._terms[o]


def _term_key(term: Node) -> tuple[str, str]:
    return (type(term).__name__, str(term))


class _Names:
    """Terms as Turtle: prefixed names where the prefix is known and the local part plain."""

    def __init__(self, prefixes: Mapping[str, Any]):
        self.prefixes = sorted(((str(ns), prefix) for prefix, ns in prefixes.items()), key=lambda p: -len(p[0]))
        self.cache: dict[URIRef, str] = {}

    def iri(self, term: URIRef) -> str:
        written = self.cache.get(term)
        if written is None:
            written = term.n3()
            for namespace, prefix in self.prefixes:
                if term.startswith(namespace) and _PLAIN_LOCAL.match(term[len(namespace) :]):
                    written = f"{prefix}:{term[len(namespace) :]}"
                    break
            if len(self.cache) < 10_000:  # the vocabulary's terms, not every entity's IRI
                self.cache[term] = written
        return written

    def term(self, term: Node) -> str:
        if isinstance(term, Literal):
            if term.datatype is not None:
                lexical = Literal(str(term)).n3()
                return f"{lexical}^^{self.iri(term.datatype)}"
            return term.n3()
        if isinstance(term, URIRef):
            return self.iri(term)
        return term.n3()


def generate_turtle(graph: Any, prefixes: Mapping[str, Any]) -> Iterator[str]:
    """Yield the Turtle of ``graph``: the prefixes, then one string per subject, subjects in IRI order."""
    names = _Names(prefixes)
    yield "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in prefixes.items()) + "\n"
    for subject in sorted(set(graph.subjects()), key=_term_key):
        yield _subject_block(names, subject, graph.predicate_objects(subject))


def _subject_block(names: _Names, subject: Node, pairs: Iterable[tuple[Node, Node]]) -> str:
    by_predicate: dict[Node, list[Node]] = {}
    for predicate, value in pairs:
        by_predicate.setdefault(predicate, []).append(value)
    order = sorted(by_predicate, key=lambda p: (p != RDF.type, str(p)))
    lines = []
    for predicate in order:
        verb = "a" if predicate == RDF.type else names.term(predicate)
        values = sorted(by_predicate[predicate], key=_term_key)
        lines.append(f"{verb} " + " ,\n        ".join(names.term(v) for v in values))
    return f"{names.term(subject)} " + " ;\n    ".join(lines) + " .\n\n"
