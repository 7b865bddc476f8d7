"""The pairs the patterns state, by sentence: what the learned model's ``r:KIND`` feature reads.

A pattern's statement carries its evidence (offsets in the original text); the model's
candidates are clauses of the parsed document. :func:`evidence_sentences` maps the one
to the other, :func:`stated_by_patterns` lists the pairs so found.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from tipgraph.extractors.source import sentence_evidence


def evidence_sentences(doc: Doc) -> dict[int, Span]:
    """Sentences by the original offset their evidence starts at (how a pattern's statement finds its sentence)."""
    return {sentence_evidence(sent).start: sent for sent in doc.sents}


def stated_by_patterns(doc: Doc, records: Iterable, sentences: dict[int, Span]) -> set[tuple[str, int, str, str]]:
    """(kind, sentence start, first key, second key) for every pair the patterns state."""
    found = set()
    for record in records:
        sent = sentences.get(record.evidence.start)
        if sent is not None:
            found |= {(record.kind, sent.start, a, b) for a, b in record.pairs()}
    return found
