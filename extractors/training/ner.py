"""The trained entity recogniser: spans and their tipgraph class, learned from the corpus.

Gold mentions (offsets into the original file) are mapped onto the cleaned text the
pipeline reads, and a spaCy ``ner`` over the nine tipgraph classes is trained on the
train split from a blank English pipeline (its own hashed-feature tok2vec: the shipped
model has no vectors to share). Mentions of optional entities are neither positive nor
negative (missing), and a nationality word is never a mention of its country (the guide).
Training is deterministic: a fixed seed, one thread, documents in name order.

    .venv/bin/python -m tipgraph.extractors.training.train      # entities and relations

>>> from tipgraph.extractors.training.corpus import Corpus
>>> examples = gold_docs(Corpus.load("corpus").split("train")[:1], spacy.blank("en"))
>>> {span.label_ for doc in examples for span in doc.ents} <= set(ENTITY_TYPES)
True
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.training import Example
from spacy.util import filter_spans, fix_random_seed, minibatch

from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.ingest.cleaning import clean_text
from tipgraph.extractors.pipeline import DEFAULT_MODEL
from tipgraph.extractors.training.corpus import ENTITY_TYPES, CorpusDocument, entity_types

SEED = 0
BATCH = 8  # examples an update
PIECE = 300  # characters: a training example is a run of whole paragraphs (or lines) about this long


def cleaned_span(offsets, start: int, end: int) -> tuple[int, int]:
    """The span of the cleaned text that an original ``[start, end)`` became (empty when it was dropped)."""
    # offsets[i] is the original offset of cleaned character i; the last entry is the end
    first = bisect.bisect_left(offsets, start, 0, len(offsets) - 1)
    last = bisect.bisect_left(offsets, end, 0, len(offsets) - 1)
    return first, last


def gold_docs(documents: Iterable[CorpusDocument], nlp: Language, knowledge: Knowledge | None = None) -> list[Doc]:
    """Cleaned, tokenised pieces of ``documents`` with their gold entities as ``doc.ents`` (optional ones missing)."""
    demonyms = set((knowledge or Knowledge.load()).demonyms)
    pieces = []
    for document in documents:
        cleaned = clean_text(document.text)
        doc = nlp.make_doc(cleaned.text)
        spans: list[Span] = []
        unknown: list[Span] = []
        for entity in document.gold["entities"]:
            label = entity_types(entity)[0]
            for start, end in entity.get("mentions", []):
                if document.text[start:end].lower() in demonyms:
                    continue  # "Nepali women": the country is an end of a route, not named here
                s, e = cleaned_span(cleaned.offsets, start, end)
                span = doc.char_span(s, e, label=label, alignment_mode="contract") if e > s else None
                if span is None or not span.text.strip():
                    continue
                (unknown if entity.get("optional") else spans).append(span)
        doc.set_ents(filter_spans(spans), missing=filter_spans(unknown))
        pieces += list(_pieces(doc))
    return pieces


def _pieces(doc: Doc) -> Iterator[Doc]:
    """``doc`` cut at paragraph breaks into pieces of about ``PIECE`` characters, with its annotation."""
    start = 0
    for token in doc:
        last = token.i + 1 == len(doc)
        boundary = not last and "\n" in (token.text if token.is_space else token.whitespace_)
        if last or (boundary and token.idx - doc[start].idx >= PIECE):
            yield doc[start : token.i + 1].as_doc()
            start = token.i + 1


def examples_of(pieces: list[Doc], nlp: Language) -> list[Example]:
    return [Example(nlp.make_doc(gold.text), gold) for gold in pieces]


def train_ner(
    train: list[CorpusDocument],
    out: Path,
    epochs: int = 12,
    dropout: float = 0.2,
    start_from: str | None = DEFAULT_MODEL,
) -> Language:
    """Train the recogniser on ``train`` and save the pipeline (tokenizer plus ``ner``) to ``out``."""
    fix_random_seed(SEED)
    nlp = spacy.blank("en")
    if start_from:
        # the shipped model's recogniser (OntoNotes) is where learning starts: its features know English names
        ner = nlp.add_pipe("ner", source=spacy.load(start_from))
    else:
        ner = nlp.add_pipe("ner")
    for label in ENTITY_TYPES:
        ner.add_label(label)  # type: ignore[attr-defined]
    examples = examples_of(gold_docs(train, nlp), nlp)
    optimizer = nlp.resume_training() if start_from else nlp.initialize(lambda: examples)
    order = random.Random(SEED)
    for _ in range(epochs):
        order.shuffle(examples)
        losses: dict[str, float] = {}
        for batch in minibatch(examples, size=BATCH):
            nlp.update(batch, drop=dropout, sgd=optimizer, losses=losses)
    out.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    return nlp
