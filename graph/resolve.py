"""Resolve entities across documents: one node per real-world entity.

Records from different documents name the same body, place or person; this
module merges them on what identifies an entity: the gazetteer id where world
knowledge recognised it, else its class, canonical name and jurisdiction.
Bodies of the same name in different countries (China's and Vietnam's
Ministry of Public Security) never merge.

>>> from tipgraph.extractors.records import DocumentRecord, EntityRecord
>>> a = DocumentRecord(["a.txt"], "aa", entities=[EntityRecord("e0", "Ministry of Public Security", "Agency", country="VN")])
>>> b = DocumentRecord(["b.txt"], "bb", entities=[EntityRecord("e0", "Ministry of Public Security", "Agency", country="CN")])
>>> corpus = resolve_corpus([a, b])
>>> len(corpus.entities)
2
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rdflib import URIRef

from tipgraph.extractors.naming import body_identity
from tipgraph.extractors.records import DocumentRecord, EntityRecord, RelationRecord
from tipgraph.ontology.folding import name_key
from tipgraph.ontology.iris import statement_iri
from tipgraph.ontology.model import is_a, relation_kind


@dataclass
class ResolvedEntity:
    """One node of the graph: an entity and everything the corpus says of it."""

    id: str
    label: str
    cls: str
    aliases: set[str] = field(default_factory=set)
    documents: dict[str, int] = field(default_factory=dict)  # document sha256 -> mentions
    country: str | None = None
    located_in: str | None = None
    lat: float | None = None
    long: float | None = None
    wikidata: str | None = None
    gazetteer_id: str | None = None
    roles: set[str] = field(default_factory=set)
    affiliations: set[str] = field(default_factory=set)  # ids of other resolved entities

    @property
    def mention_count(self) -> int:
        return sum(self.documents.values())


@dataclass
class Corpus:
    """Resolved entities plus the document records that name them."""

    documents: list[DocumentRecord]
    entities: dict[str, ResolvedEntity]
    # (document sha256, entity key in that document) -> resolved entity id
    node_of: dict[tuple[str, str], str]

    def statements(self) -> Iterator[tuple[DocumentRecord, RelationRecord, URIRef]]:
        """Each statement with its document and IRI (a curated corpus leaves some out and adds others)."""
        for document in self.documents:
            for index, relation in enumerate(document.relations):
                if not self._joins_one_node(document, relation):
                    yield document, relation, statement_iri(document.sha256, relation.kind, index)

    def _joins_one_node(self, document: DocumentRecord, relation: RelationRecord) -> bool:
        """Whether every end of ``relation`` is one node: two names of one body ("WAJU" and the "Women and
        Juvenile Unit") that resolution merged, which a statement of the body with itself does not relate."""
        keys = relation_kind(relation.kind).entity_keys(relation)
        return len(set(keys)) > 1 and len({self.node_of[(document.sha256, key)] for key in keys}) == 1


def canonical_name(record: EntityRecord) -> str:
    """The name that identifies a body or person across documents.

    ``Civil Affairs Department``, ``Department of Civil Affairs`` and the
    ``Civil Affairs Department`` name one body (word order, filler words and
    spelling variants aside); a person's honorifics are already stripped by
    extraction.
    """
    if is_a(record.cls, "Person"):
        return name_key(record.label)  # as the extraction compares a person's names within a document
    return body_identity(record.label)


def merge_key(record: EntityRecord) -> str:
    """What identifies an entity across documents: gazetteer id, else class, canonical name and jurisdiction.

    >>> merge_key(EntityRecord("e1", "Civil Affairs Department", "Agency", country="CN"))
    'Agency:affairs civil department:CN'
    """
    if record.gazetteer_id:
        return f"gaz:{record.gazetteer_id}"
    family = "Person" if is_a(record.cls, "Person") else record.cls
    return f"{family}:{canonical_name(record)}:{record.country or ''}"


def resolve_corpus(documents: Iterable[DocumentRecord]) -> Corpus:
    """Merge the entities of ``documents`` into one node each."""
    documents = list(documents)
    entities: dict[str, ResolvedEntity] = {}
    node_of: dict[tuple[str, str], str] = {}
    for document in documents:
        for record in document.entities:
            node_id = merge_key(record)
            node_of[(document.sha256, record.key)] = node_id
            node = entities.get(node_id)
            if node is None:
                node = entities[node_id] = ResolvedEntity(node_id, record.label, record.cls)
            _absorb(node, record, document.sha256)
    _attach_countryless(entities, node_of)
    for document in documents:
        for record in document.entities:
            if record.affiliation:
                node = entities[node_of[(document.sha256, record.key)]]
                node.affiliations.add(node_of[(document.sha256, record.affiliation)])
    for node in entities.values():
        node.aliases.discard(node.label)  # the label is rdfs:label, not an alias
    return Corpus(documents, entities, node_of)


def _absorb(node: ResolvedEntity, record: EntityRecord, document: str) -> None:
    node.aliases.update(record.aliases)
    node.aliases.add(record.label)
    node.documents[document] = node.documents.get(document, 0) + max(1, len(record.mentions))
    if record.cls != node.cls and is_a(record.cls, node.cls):  # a merged node takes the most specific class
        node.cls = record.cls
    for attr in ("country", "located_in", "lat", "long", "wikidata", "gazetteer_id"):
        if getattr(node, attr) is None and getattr(record, attr) is not None:
            setattr(node, attr, getattr(record, attr))
    if record.role:
        node.roles.add(record.role)


def _attach_countryless(entities: dict[str, ResolvedEntity], node_of: dict[tuple[str, str], str]) -> None:
    """A body named without a jurisdiction joins the one same-named body that has one.

    Where two countries have a body of that name, the mention stays apart:
    guessing would merge bodies that must never merge.
    """
    with_country: dict[str, list[str]] = {}
    for node_id, node in entities.items():
        if node.country and not node.gazetteer_id:
            family, name, _ = node_id.split(":", 2)
            with_country.setdefault(f"{family}:{name}:", []).append(node_id)
    moved: dict[str, str] = {}
    for node_id in list(entities):
        targets = with_country.get(node_id, [])
        if len(targets) == 1:
            target = entities[targets[0]]
            source = entities.pop(node_id)
            target.aliases |= source.aliases
            target.roles |= source.roles
            for doc, count in source.documents.items():
                target.documents[doc] = target.documents.get(doc, 0) + count
            moved[node_id] = target.id
    if moved:
        for key, node_id in node_of.items():
            if node_id in moved:
                node_of[key] = moved[node_id]
