"""Cooperation, funding and trafficking routes, each with the sentence that states it.

:class:`RelationExtractor` is the spaCy component: it re-parses each sentence
that names an entity with the entity mentions merged into single tokens
(:mod:`extractors.relation_parse`), runs the three pattern families over it
(:func:`extractors.cooperation.cooperation_in`,
:func:`extractors.funding.funding_in`, :func:`extractors.routes.routes_in`)
and writes ``doc._.relations``. Entities come from the ``tipgraph`` span group
and ``doc._.entities`` that the entity component writes.

The trigger words are data (``relation_patterns.json``); the component holds
them and its settings, and saves both with ``to_disk``.

>>> from extractors.pipeline import load_pipeline, extract_text
>>> nlp = load_pipeline()
>>> record = extract_text(nlp, "UNICEF cooperates with the International Organization for Migration.")
>>> [(r.kind, len(r.participants), r.evidence.text[:6]) for r in record.relations]
[('cooperation', 2, 'UNICEF')]

Denied cooperation ("does not cooperate", "reluctant to engage with") is
left out unless ``keep_negated`` is set; then it is kept with
``negated=True`` (``tg:negated true``, no shortcut triple). Hoped-for,
planned or requested cooperation is never a relation.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc

from .cooperation import cooperation_in
from .funding import funding_in
from .records import CooperationRecord, FundingRecord, RelationRecord, RouteRecord
from .relation_parse import SPAN_KEY, introduces_list, lacks_subject, parse_sentences
from .routes import RouteContext, routes_in

PATTERNS_FILE = Path(__file__).with_name("relation_patterns.json")


def load_patterns(path: str | Path = PATTERNS_FILE) -> dict:
    """The trigger words of every pattern family (see ``relation_patterns.json``)."""
    return srsly.read_json(path)


def _paragraph_numbers(doc: Doc) -> dict[int, int]:
    """Sentence start -> paragraph number (paragraphs are separated by a blank line)."""
    numbers: dict[int, int] = {}
    paragraph = 0
    for sent in doc.sents:
        numbers[sent.start] = paragraph
        if any(t.is_space and t.text.count("\n") >= 2 for t in sent) or sent.text.endswith("\n\n"):
            paragraph += 1
        elif sent.end < len(doc) and doc[sent.end - 1].is_space and doc[sent.end - 1].text.count("\n") >= 2:
            paragraph += 1
    return numbers


def extract_relations(doc: Doc, nlp: Language, patterns: dict, keep_negated: bool = False) -> Iterator[RelationRecord]:
    """Every relation stated in ``doc``, one record per relation per sentence, in text order."""
    spans = doc.spans[SPAN_KEY] if SPAN_KEY in doc.spans else []
    if not spans or not doc.has_annotation("SENT_START"):
        return
    starts = {s.start for s in spans}
    numbers = _paragraph_numbers(doc)
    sentences = [(sent, numbers[sent.start]) for sent in doc.sents if any(sent.start <= i < sent.end for i in starts)]
    entities = doc._.entities or []
    affiliations = {e.key: e.affiliation for e in entities if e.affiliation}
    context = RouteContext(doc, entities, patterns)
    pending: list[RelationRecord] = []
    list_subject = None
    for ps in parse_sentences(nlp, sentences):
        ps.affiliations = affiliations
        if lacks_subject(ps):
            ps.implicit_subject = list_subject
        else:
            list_subject = introduces_list(ps, patterns["actor_classes"])
        if pending and pending[0].evidence != ps.evidence:
            yield from merge_same_sentence(pending)
            pending = []
        pending.extend(routes_in(ps, patterns, context, keep_negated))
        pending.extend(cooperation_in(ps, patterns, keep_negated))
        pending.extend(funding_in(ps, patterns, keep_negated))
    yield from merge_same_sentence(pending)


def _identity(record: RelationRecord) -> tuple:
    if isinstance(record, CooperationRecord):
        return ("cooperation", frozenset(record.participants), record.negated)
    if isinstance(record, FundingRecord):
        return ("funding", record.funder, record.recipient, record.negated)
    return ("route", tuple(record.origin), tuple(record.destination), record.negated)


def merge_same_sentence(records: list[RelationRecord]) -> Iterator[RelationRecord]:
    """One statement per relation per sentence: the clauses of one sentence add up."""
    merged: dict[tuple, RelationRecord] = {}
    for record in records:
        key = _identity(record)
        kept = merged.get(key)
        if kept is None:
            merged[key] = record
            continue
        kept.confidence = max(kept.confidence, record.confidence)
        if isinstance(kept, RouteRecord):
            for attr in ("transit", "purposes", "victims"):
                values = getattr(kept, attr)
                values.extend(v for v in getattr(record, attr) if v not in values)
        elif isinstance(kept, FundingRecord) and not kept.amount:
            kept.amount = record.amount
    yield from merged.values()


class RelationExtractor:
    """spaCy component: runs the relation pattern families over every sentence."""

    def __init__(self, nlp: Language, name: str = "tipgraph_relations", keep_negated: bool = False):
        self.nlp = nlp
        self.name = name
        self.keep_negated = keep_negated
        self.patterns = load_patterns()

    def initialize(self, get_examples=None, *, nlp: Language | None = None, patterns: dict | str | None = None) -> None:
        """Take the trigger words from ``patterns`` (a dict or a JSON file), else the packaged ones."""
        if isinstance(patterns, dict):
            self.patterns = copy.deepcopy(patterns)
        else:
            self.patterns = load_patterns(patterns) if patterns else load_patterns()

    def __call__(self, doc: Doc) -> Doc:
        doc._.relations = list(extract_relations(doc, self.nlp, self.patterns, self.keep_negated))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"keep_negated": self.keep_negated})
        srsly.write_json(path / "patterns.json", self.patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationExtractor:
        path = Path(path)
        cfg = srsly.read_json(path / "cfg.json")
        self.keep_negated = bool(cfg.get("keep_negated", False))
        if (path / "patterns.json").exists():
            self.patterns = srsly.read_json(path / "patterns.json")
        return self


@Language.factory("tipgraph_relations", default_config={"keep_negated": False})
def make_relation_extractor(nlp: Language, name: str, keep_negated: bool) -> RelationExtractor:
    return RelationExtractor(nlp, name, keep_negated)
