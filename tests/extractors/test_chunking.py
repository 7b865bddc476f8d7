"""Long documents are parsed in chunks whose offsets still point into the whole file."""

from __future__ import annotations

import re

import pytest

from tipgraph.extractors import pipeline
from tipgraph.extractors.chunking import chunk_spans
from tipgraph.extractors.pipeline import extract_text

from ..conftest import SEEDS

SEED_TEXT = "\n\n".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))


@pytest.mark.parametrize(
    "text, limit, pieces",
    [
        (
            "First paragraph here.\n\nSecond paragraph here.\n\nThird.",
            25,
            ["First paragraph here.\n\n", "Second paragraph here.\n\n", "Third."],
        ),
        (
            "Line one of a cable\nline two of a cable\nline three",
            25,
            ["Line one of a cable\n", "line two of a cable\n", "line three"],
        ),
        (
            "IOM met police. UNICEF met the Ministry. Then they left.",
            26,
            ["IOM met police. ", "UNICEF met the Ministry. ", "Then they left."],
        ),
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
        ("short", 100, ["short"]),
    ],
)
def test_chunks_cover_the_text_and_cut_at_the_best_break(text, limit, pieces):
    spans = chunk_spans(text, limit)
    assert [text[start:end] for start, end in spans] == pieces
    assert all(end - start <= limit for start, end in spans)


def test_chunks_of_the_seed_corpus_are_bounded_and_contiguous():
    spans = chunk_spans(SEED_TEXT, 2000)
    assert spans[0][0] == 0 and spans[-1][1] == len(SEED_TEXT)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:]))
    assert all(re.search(r"\n\s*$", SEED_TEXT[start:end]) for start, end in spans[:-1]), (
        "every cut falls at a line break"
    )


def test_a_document_longer_than_the_model_takes_is_extracted_in_chunks_with_exact_offsets(nlp, monkeypatch):
    whole = extract_text(nlp, SEED_TEXT, "seeds.txt")
    # Make the seeds a "long document" for a model that takes only 5,000 characters.
    monkeypatch.setattr(nlp, "max_length", 5000)
    monkeypatch.setattr(pipeline, "LONG_DOCUMENT", 5000)
    with pytest.raises(ValueError, match="E088"):
        nlp.make_doc(SEED_TEXT)
    chunked = extract_text(nlp, SEED_TEXT, "seeds.txt")
    for relation in chunked.relations:
        assert SEED_TEXT[relation.evidence.start : relation.evidence.end] == relation.evidence.text
    for entity in chunked.entities:
        for mention in entity.mentions:
            assert 0 <= mention.start < mention.end <= len(SEED_TEXT)
    assert len({e.key for e in chunked.entities}) == len(chunked.entities)
    # A chunk sees less context than the whole text, so a few decisions differ; most must not.
    whole_entities = {(e.cls, e.label) for e in whole.entities}
    assert len(whole_entities) > 20  # the seeds are read: an empty extraction would not pass
    chunked_entities = {(e.cls, e.label) for e in chunked.entities}
    assert len(whole_entities & chunked_entities) >= 0.9 * len(whole_entities)
    assert {r.evidence for r in chunked.relations} == {r.evidence for r in whole.relations}
