"""Cooperation, funding and trafficking routes, each with the sentence that states it.

Each pattern family is a pure generator over a sentence that yields typed
records (:func:`cooperation_in`, :func:`funding_in`, :func:`routes_in`);
:class:`RelationExtractor` is the spaCy component that runs them over every
sentence and writes ``doc._.relations``. Entities come from the
``tipgraph`` span group that the entity component writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from .entities import SPAN_KEY
from .records import CooperationRecord, Evidence, FundingRecord, RelationRecord, RouteRecord
from .source import sentence_evidence

ACTOR_CLASSES = {"Agency", "NGO", "InternationalOrganization", "Country"}
PLACE_CLASSES = {"Country", "Province", "City", "Region"}

COOPERATION_TRIGGERS = {"cooperate", "cooperation", "jointly", "together", "collaborate", "collaboration", "partner", "partnership"}
NEGATIONS = {"not", "no", "never", "reluctant", "unwilling", "refuse", "fail"}
FUNDING_PATTERN = re.compile(r"\b(?:funded by|funding (?:by|from)|[-‑]funded|grants? to|provides? funds)\b", re.I)
ROUTE_TRIGGERS = {"traffic", "trafficked", "sell", "sold", "smuggle", "lure", "go"}

PURPOSE_WORDS = {
    "SexualExploitation": ("sex", "prostitution", "brothel"),
    "ForcedLabour": ("labor", "labour", "work"),
    "ForcedMarriage": ("marriage", "bride"),
    "IllegalAdoption": ("adoption",),
    "Begging": ("begging",),
    "OrganRemoval": ("organ",),
    "CannabisCultivation": ("cannabis",),
    "DomesticServitude": ("domestic servitude", "domestic work"),
}
VICTIM_WORDS = {
    "Women": ("women", "woman"),
    "Men": ("men",),
    "Children": ("children", "child", "minors"),
    "Infants": ("infants", "newborns", "babies"),
    "Girls": ("girls",),
    "Boys": ("boys",),
    "Migrants": ("migrants", "migrant workers", "workers"),
}


def _entities_in(sent: Span) -> list[Span]:
    return [s for s in sent.doc.spans[SPAN_KEY] if s.start >= sent.start and s.end <= sent.end]


def _distinct_keys(spans: Iterable[Span]) -> list[str]:
    keys: list[str] = []
    for span in spans:
        if span.kb_id_ not in keys:
            keys.append(span.kb_id_)
    return keys


def _is_negated(sent: Span) -> bool:
    return any(t.lemma_.lower() in NEGATIONS or t.dep_ == "neg" for t in sent)


def cooperation_in(sent: Span, evidence: Evidence) -> Iterator[CooperationRecord]:
    """Actors of one sentence that names cooperation."""
    if not any(t.lemma_.lower() in COOPERATION_TRIGGERS for t in sent):
        return
    actors = _distinct_keys(s for s in _entities_in(sent) if s.label_ in ACTOR_CLASSES)
    if len(actors) >= 2:
        yield CooperationRecord(actors, evidence, confidence=0.6, negated=_is_negated(sent))


def funding_in(sent: Span, evidence: Evidence) -> Iterator[FundingRecord]:
    """``X-funded Y``, ``Y ... funded by X``."""
    match = FUNDING_PATTERN.search(sent.text)
    if not match:
        return
    actors = [s for s in _entities_in(sent) if s.label_ in ACTOR_CLASSES]
    cut = sent.start_char + match.start()
    before = [s for s in actors if s.end_char <= cut]
    after = [s for s in actors if s.start_char >= cut]
    if match.group().lower().lstrip("-‑") == "funded" and before and after:
        funder, recipient = before[-1], after[0]
    elif before and after:
        funder, recipient = after[0], before[-1]
    else:
        return
    if funder.kb_id_ != recipient.kb_id_:
        yield FundingRecord(funder.kb_id_, recipient.kb_id_, evidence, confidence=0.6)


def _words_in(text: str, table: dict[str, tuple[str, ...]]) -> list[str]:
    lowered = text.lower()
    return [name for name, words in table.items() if any(re.search(rf"\b{re.escape(w)}", lowered) for w in words)]


def routes_in(sent: Span, evidence: Evidence) -> Iterator[RouteRecord]:
    """``... trafficked to X``: places after the trigger are destinations, those before origins."""
    triggers = [t for t in sent if t.lemma_.lower() in ROUTE_TRIGGERS or t.lower_.startswith("traffick")]
    if not triggers:
        return
    places = [s for s in _entities_in(sent) if s.label_ in PLACE_CLASSES]
    destinations = [
        s for s in places if s.start > 0 and sent.doc[s.start - 1].lower_ in ("to", "into") and s.start > triggers[0].i
    ]
    if not destinations:
        return
    origins = [s for s in places if s.start > 0 and sent.doc[s.start - 1].lower_ in ("from", "in") and s not in destinations]
    if not origins:
        return
    yield RouteRecord(
        origin=_distinct_keys(origins),
        destination=_distinct_keys(destinations),
        evidence=evidence,
        purposes=_words_in(sent.text, PURPOSE_WORDS),
        victims=_words_in(sent.text, VICTIM_WORDS),
        confidence=0.5,
    )


def extract_relations(doc: Doc) -> Iterator[RelationRecord]:
    """Every relation stated in ``doc``, one record per relation per sentence."""
    for sent in doc.sents:
        evidence = sentence_evidence(sent)
        yield from cooperation_in(sent, evidence)
        yield from funding_in(sent, evidence)
        yield from routes_in(sent, evidence)


class RelationExtractor:
    """spaCy component: runs the relation pattern families over every sentence."""

    def __init__(self, nlp: Language, name: str = "tipgraph_relations"):
        self.nlp = nlp
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        doc._.relations = list(extract_relations(doc))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        srsly.write_json(Path(path) / "cfg.json", {})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationExtractor:
        return self


@Language.factory("tipgraph_relations")
def make_relation_extractor(nlp: Language, name: str) -> RelationExtractor:
    return RelationExtractor(nlp, name)
