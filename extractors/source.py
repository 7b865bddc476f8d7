"""The link between a parsed (cleaned) ``Doc`` and the original file text.

Cleaning rewrites the text the model reads; evidence must still point into the
original. :func:`make_source_doc` stores the original text and the offset map
on the ``Doc`` (as extension attributes, so that they travel with it through
``nlp.pipe``); :func:`source_span` and :func:`sentence_evidence` translate.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from tipgraph.extractors.extensions import register_extensions
from tipgraph.extractors.ingest.cleaning import OffsetText, clean_text
from tipgraph.extractors.records import Evidence

register_extensions()  # the tipgraph_* Doc extensions (see tipgraph.extractors.extensions)


def make_source_doc(nlp: Language, text: str) -> Doc:
    """Clean ``text``, tokenise the result and attach the map to the original."""
    cleaned: OffsetText = clean_text(text)
    doc = nlp.make_doc(cleaned.text)
    doc._.tipgraph_source_text = text
    doc._.tipgraph_source_offsets = cleaned.offsets
    return doc


def source_span(doc: Doc, start_char: int, end_char: int) -> tuple[int, int]:
    """Map a character span of ``doc`` to the original text."""
    offsets = doc._.tipgraph_source_offsets
    if offsets is None:
        return start_char, end_char
    if end_char <= start_char:
        return offsets[start_char], offsets[start_char]
    return offsets[start_char], offsets[end_char - 1] + 1


def sentence_evidence(sent: Span) -> Evidence:
    """The sentence as it stands in the original file, with its offsets."""
    doc = sent.doc
    text = sent.text
    start_char = sent.start_char + (len(text) - len(text.lstrip()))
    end_char = sent.end_char - (len(text) - len(text.rstrip()))
    start, end = source_span(doc, start_char, end_char)
    original = doc._.tipgraph_source_text if doc._.tipgraph_source_text is not None else doc.text
    return Evidence(original[start:end], start, end)
