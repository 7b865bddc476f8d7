"""What applying a corrections file did: the decisions applied, the stale ones, and the curated corpus.

A stale decision is one whose target is no longer in the graph (a document
changed, a name went away): it is reported, never silently dropped, and the
build goes on unless ``--strict``. A conflict between two decisions is an
error of the file itself (:class:`ConflictingDecisions`): the build stops
before writing anything.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import URIRef

from tipgraph.extractors.records import DocumentRecord, RelationRecord
from tipgraph.graph.curation.decisions import CorrectionsError, Decision
from tipgraph.graph.model.rdf import node_iri
from tipgraph.graph.resolve import Corpus


class ConflictingDecisions(CorrectionsError):
    """Two decisions of the file contradict each other; the message names both lines."""

    def __init__(self, earlier: Decision, later: Decision, reason: str):
        self.earlier, self.later = earlier, later
        super().__init__(
            later.source, later.line, f"{later.kind} conflicts with {earlier.where} ({earlier.kind}): {reason}"
        )


class StaleCorrections(RuntimeError):
    """``--strict`` was asked for and some decisions are stale; nothing was written."""

    def __init__(self, stale: list[Stale]):
        self.stale = stale
        super().__init__(
            f"{len(stale)} correction(s) are stale and --strict is on: nothing written; "
            "update or remove them, or build without --strict"
        )


@dataclass
class Stale:
    """A decision whose target is not in this build's graph, and why."""

    decision: Decision
    reason: str

    def __str__(self) -> str:
        return f"{self.decision.where}: stale {self.decision.kind}: {self.reason}"


@dataclass
class Applied:
    """A decision that took effect: the nodes (resolution ids) and statements it corrected, the IRIs it removed."""

    decision: Decision
    nodes: set[str] = field(default_factory=set)
    statements: set[URIRef] = field(default_factory=set)
    rejected: set[URIRef] = field(default_factory=set)


@dataclass
class CurationReport:
    """The outcome of one corrections file on one build."""

    source: str
    applied: list[Applied] = field(default_factory=list)
    stale: list[Stale] = field(default_factory=list)

    def summary(self) -> str:
        return f"corrections {self.source}: {len(self.applied)} applied, {len(self.stale)} stale"


@dataclass
class CuratedCorpus(Corpus):
    """A resolved corpus with a reviewer's decisions applied.

    ``kept`` is every statement the graph keeps, with its IRI (extracted ones
    keep theirs, so rejecting one renames no other); ``revisions`` maps a
    node to the IRIs it had before the decisions (``prov:wasRevisionOf``).
    """

    kept: list[tuple[DocumentRecord, RelationRecord, URIRef]] = field(default_factory=list)
    revisions: dict[str, set[URIRef]] = field(default_factory=dict)
    report: CurationReport = field(default_factory=lambda: CurationReport(""))

    def statements(self) -> Iterator[tuple[DocumentRecord, RelationRecord, URIRef]]:
        return iter(self.kept)

    def iri_of(self, node_id: str) -> URIRef:
        return node_iri(self.entities[node_id])
