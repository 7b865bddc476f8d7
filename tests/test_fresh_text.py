"""Test strings and code comments are fresh genre text, never the wording of a seed, dev or corpus document."""

from __future__ import annotations

import re

from .conftest import SEEDS
from .fresh_text import documents, overlap, overlaps


def test_no_test_string_or_comment_repeats_a_documents_wording():
    found = overlaps()
    assert not found, "\n".join(map(str, found))


def test_a_sentence_taken_from_a_seed_is_caught_and_a_rewritten_one_is_not():
    text = (SEEDS / "001_4e0aea026e92f544.txt").read_text(encoding="utf-8")
    sentence = max(re.split(r"(?<=[.!?])\s+", text), key=len)
    docs = documents()
    caught = overlap("seed", sentence, docs, set())
    assert caught is not None and caught.document.startswith("seeds/")
    assert overlap("fresh", "Brokers in the river towns promise the girls factory jobs abroad.", docs, set()) is None
