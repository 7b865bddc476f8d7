"""Typed records that the extractors yield and the graph layer consumes.

These dataclasses are the only thing that crosses from ``extractors/`` to
``graph/``: they hold plain values (no spaCy objects, no RDF terms), so they
can be cached as JSON, shipped to and from worker processes, and merged
across documents.

Every offset here refers to the *original* file text, never to the cleaned
text the model saw: ``text[start:end] == evidence`` always holds.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from itertools import permutations
from typing import Any

from tipgraph.ontology.model import relation_kind
from tipgraph.ontology.namespace import EntityClass, RelationKindName


@dataclass(frozen=True)
class Mention:
    """One surface form of an entity at its place in the original text."""

    text: str
    start: int
    end: int


@dataclass
class EntityRecord:
    """An actor or place found in one document.

    ``key`` is local to the document; ``cls`` is a class name of the ontology
    (``Agency``, ``Country``...). ``country`` is an ISO 3166-1 alpha-2 code and
    ``located_in`` the gazetteer id of the enclosing place (an ISO 3166 code
    such as ``VN`` or ``CN-GX``). ``gazetteer_id`` is set when world knowledge
    identified the entity; the graph layer merges on it across documents.
    ``affiliation`` is the key of another entity of the same document.
    """

    key: str
    label: str
    cls: EntityClass
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    country: str | None = None
    located_in: str | None = None
    lat: float | None = None
    long: float | None = None
    wikidata: str | None = None
    gazetteer_id: str | None = None
    role: str | None = None
    affiliation: str | None = None
    doubtful: bool = False  # the learned entity check does not trust it: kept only if a relation names it


@dataclass(frozen=True)
class Evidence:
    """The sentence that states a relation, with its offsets in the original text."""

    text: str
    start: int
    end: int


@dataclass
class CooperationRecord:
    """Two or more actors (entity keys) working together."""

    participants: list[str]
    evidence: Evidence
    confidence: float = 0.7
    negated: bool = False
    kind: RelationKindName = field(default="cooperation", init=False)

    def pairs(self) -> list[tuple[str, str]]:
        """Every (first, second) pair of participants, both ways: a group cooperates pairwise."""
        return list(permutations(self.participants, 2))


@dataclass
class FundingRecord:
    """``funder`` gives money to ``recipient`` (entity keys)."""

    funder: str
    recipient: str
    evidence: Evidence
    amount: str | None = None
    confidence: float = 0.7
    negated: bool = False
    kind: RelationKindName = field(default="funding", init=False)

    def pairs(self) -> list[tuple[str, str]]:
        """The (funder, recipient) pair."""
        return [(self.funder, self.recipient)]


@dataclass
class RouteRecord:
    """Victims moved from origin places to destination places (entity keys).

    ``purposes`` and ``victims`` hold local names of the ontology's
    ``tg:Purpose`` and ``tg:VictimGroup`` individuals (``ForcedLabour``,
    ``Children``).
    """

    origin: list[str]
    destination: list[str]
    evidence: Evidence
    transit: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    victims: list[str] = field(default_factory=list)
    confidence: float = 0.7
    negated: bool = False
    kind: RelationKindName = field(default="route", init=False)

    def pairs(self) -> list[tuple[str, str]]:
        """Every (origin, destination) pair."""
        return [(o, d) for o in self.origin for d in self.destination]


RelationRecord = CooperationRecord | FundingRecord | RouteRecord


@dataclass
class DocumentRecord:
    """Everything one document yields: its metadata, entities and relations.

    ``names`` are the file names the document was read under (the same bytes
    under two names are one document); ``sha256`` identifies it.
    """

    names: list[str]
    sha256: str
    title: str | None = None
    date: str | None = None
    creator: str | None = None
    classification: str | None = None
    entities: list[EntityRecord] = field(default_factory=list)
    relations: list[RelationRecord] = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.names[0]

    def entity(self, key: str) -> EntityRecord:
        for entity in self.entities:
            if entity.key == key:
                return entity
        raise KeyError(key)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DocumentRecord:
        entities = [EntityRecord(**{**e, "mentions": [Mention(**m) for m in e["mentions"]]}) for e in data["entities"]]
        relations = [_relation_from_dict(r) for r in data["relations"]]
        fields = {k: v for k, v in data.items() if k not in ("entities", "relations")}
        return cls(**fields, entities=entities, relations=relations)


_RELATION_TYPES = {r.__dataclass_fields__["kind"].default: r for r in (CooperationRecord, FundingRecord, RouteRecord)}


def _relation_from_dict(data: dict[str, Any]) -> RelationRecord:
    fields = {k: v for k, v in data.items() if k != "kind"}
    fields["evidence"] = Evidence(**fields["evidence"])
    return _RELATION_TYPES[data["kind"]](**fields)


def without_doubtful(
    entities: list[EntityRecord], relations: list[RelationRecord]
) -> tuple[list[EntityRecord], list[RelationRecord]]:
    """``entities`` less the doubtful ones that no relation names and no kept official serves.

    The entity check's doubt is weighed against the relations' evidence: a body a statement
    needs stays (measured: dropping those cost the shared dev set a sixth of its relations).
    """
    named = {key for r in relations for key in relation_kind(r.kind).entity_keys(r)}
    kept = [e for e in entities if not e.doubtful or e.key in named]
    named |= {e.affiliation for e in kept if e.affiliation}
    kept = [e for e in entities if not e.doubtful or e.key in named]
    keys = {e.key for e in kept}
    for e in kept:
        if e.affiliation not in keys:
            e.affiliation = None
    return kept, relations
