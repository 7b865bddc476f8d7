"""Human curation that survives rebuilds: a corrections file of a reviewer's decisions, applied on every build.

``tipgraph build DOCS --out DIR --corrections FILE`` (default ``DIR/corrections.yaml``
if present) reads the decisions (:mod:`.decisions`, checked against
``corrections.schema.json``), applies them to the resolved corpus before any
output is written (:mod:`.apply`), so Turtle, JSON, GraphML, the page and the
exports agree, and marks what they changed (:mod:`.provenance`).
``tipgraph review DIR`` lists what most needs a human look (:mod:`.review`);
the page lets a reviewer click decisions together and download them
(``graph/view/assets/review.js``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tipgraph.graph.curation.apply import apply_corrections
from tipgraph.graph.curation.decisions import CorrectionsError, Decision, find_corrections, load_decisions
from tipgraph.graph.curation.report import ConflictingDecisions, CuratedCorpus, CurationReport, StaleCorrections
from tipgraph.graph.resolve import Corpus

__all__ = [
    "ConflictingDecisions",
    "CorrectionsError",
    "CuratedCorpus",
    "CurationReport",
    "Decision",
    "StaleCorrections",
    "apply_corrections",
    "curate",
    "find_corrections",
    "load_decisions",
]


def curate(
    corpus: Corpus,
    decisions: list[Decision],
    source: str | Path,
    document_text: Callable[[str], str | None],
    strict: bool = False,
) -> CuratedCorpus:
    """Apply ``decisions``; with ``strict``, a stale one raises :class:`StaleCorrections` (nothing is written)."""
    curated = apply_corrections(corpus, decisions, str(source), document_text)
    if strict and curated.report.stale:
        raise StaleCorrections(curated.report.stale)
    return curated
