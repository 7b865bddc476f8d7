"""Cooperation, funding and trafficking routes, each with the sentence that states it.

:class:`RelationExtractor` is the spaCy component. It picks the sentences
that may state a relation: a trigger word of some pattern family (any
inflection of the words in ``patterns.json``) and the entities
that family needs (a place, or two actors). Only those are re-parsed with
the entity mentions merged into single tokens
(:mod:`tipgraph.extractors.relations.parse`), a whole batch of documents at once. The
three pattern families run over each re-parsed sentence
(:func:`tipgraph.extractors.relations.cooperation.cooperation_in`,
:func:`tipgraph.extractors.relations.funding.funding_in`, :func:`tipgraph.extractors.relations.routes.routes_in`)
and the records go to ``doc._.relations``. Entities come from the
``tipgraph`` span group and ``doc._.entities`` that the entity component
writes; generic references to them ("the Consulate", "police", a short name
defined in brackets: :mod:`tipgraph.extractors.relations.references`) count as their mentions
and are written to the ``tipgraph_references`` span group.

The trigger words are data (``patterns.json``); the component holds
them and its settings, and saves both with ``to_disk``.

>>> from tipgraph.extractors.pipeline import load_pipeline, extract_text
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

import bisect
import copy
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import numpy
import srsly
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans, minibatch

from tipgraph.extractors.entities.component import SPAN_KEY
from tipgraph.extractors.records import CooperationRecord, Evidence, FundingRecord, RelationRecord, RouteRecord
from tipgraph.extractors.relations.combination import combine
from tipgraph.extractors.relations.cooperation import cooperation_in
from tipgraph.extractors.relations.funding import funding_in
from tipgraph.extractors.relations.learned import RelationModel, predict
from tipgraph.extractors.relations.parse import (
    EntityRef,
    ParsedSentence,
    SentenceParser,
    document_entity_spans,
    spans_within,
)
from tipgraph.extractors.relations.references import REFERENCE_KEY, body_references
from tipgraph.extractors.relations.routes import RouteContext, join_origins, load_land_borders, routes_in
from tipgraph.extractors.relations.syntax import clauses, ends_with_colon, introduces_list, lacks_subject
from tipgraph.extractors.relations.triggers import TriggerWords, word_flags
from tipgraph.extractors.source import sentence_evidence

# Where statements come from: the learned model with the patterns among its features (the
# default), the learned model alone, or the patterns alone.
RELATION_SOURCES = ("both", "model", "patterns")
ADDITION_THRESHOLD = 0.5
PATTERNS_FILE = Path(__file__).with_name("patterns.json")

# The lists of patterns.json whose words can state a relation, by what the relation needs.
_ROUTE_TRIGGERS = {"routes": ("traffic_verbs", "strong_verbs", "motion_verbs", "route_nouns")}
_ACTOR_TRIGGERS = {
    "cooperation": (
        "verbs",
        "with_verbs",
        "nouns",
        "group_nouns",
        "joint_prepositions",
        "joint_adverbs",
        "joint_activity_verbs",
        "assist_verbs",
        "assist_nouns",
        "provide_verbs",
        "referral_verbs",
    ),
    "funding": ("passive_verbs", "active_verbs", "give_verbs", "money_only_nouns"),
}
# Words that tell a paragraph's victims and where they are, for the routes after them.
_CONTEXT_WORDS = ("victim",)
_TRAFFICKING_PREFIXES = ("traffick",)


def load_patterns(path: str | Path = PATTERNS_FILE) -> dict:
    """The trigger words of every pattern family (see ``patterns.json``)."""
    return srsly.read_json(path)


@dataclass
class Triggers:
    """The words a sentence must contain to be worth a re-parse, from the patterns."""

    route: TriggerWords  # a route: with a place
    context: TriggerWords  # the victims of a paragraph and where they are: for a route after them
    actors: TriggerWords  # cooperation and funding: with two actors (one in a list an actor introduces)
    handover: TriggerWords  # a referral, whose referrer may be the paragraph's actor: with one actor
    actor_classes: frozenset[str]
    place_classes: frozenset[str]
    reporting: frozenset[str] = frozenset()  # verbs of saying: their subject is not the paragraph's actor

    @classmethod
    def from_patterns(cls, patterns: dict, lookups=None) -> Triggers:
        def words(sections: dict) -> list[str]:
            return [w for section, keys in sections.items() for key in keys for w in patterns[section].get(key, [])]

        return cls(
            TriggerWords(words(_ROUTE_TRIGGERS), _TRAFFICKING_PREFIXES, lookups),
            TriggerWords(_CONTEXT_WORDS, _TRAFFICKING_PREFIXES, lookups),
            TriggerWords(words(_ACTOR_TRIGGERS), (), lookups),
            TriggerWords(patterns["cooperation"].get("referral_verbs", []), (), lookups),
            frozenset(patterns["actor_classes"]),
            frozenset(patterns["place_classes"]),
            frozenset(patterns.get("references", {}).get("reporting_verbs", ())),
        )


def _paragraph_numbers(doc: Doc) -> dict[int, int]:
    """Sentence start -> paragraph number (paragraphs are separated by a blank line)."""
    spaces = numpy.flatnonzero(doc.to_array([IS_SPACE]).reshape(-1)).tolist()
    breaks = [i for i in spaces if doc[i].text.count("\n") >= 2]
    numbers: dict[int, int] = {}
    paragraph = 0
    for sent in doc.sents:
        numbers[sent.start] = paragraph
        first = bisect.bisect_left(breaks, sent.start)
        if first < len(breaks) and breaks[first] < sent.end:
            paragraph += 1
    return numbers


def _does_something(root: Token, reporting: frozenset[str]) -> bool:
    """The subject of an active verb or the agent of a passive one, other than a verb of saying."""
    if root.dep_ == "nsubj":
        verb = root.head
    elif root.dep_ == "pobj" and root.head.dep_ == "agent":
        verb = root.head.head
    else:
        return False
    return verb.lemma_.lower() not in reporting


@dataclass
class _Clause:
    span: Span
    sentence: Span
    paragraph: int
    mentions: list[Span]
    actors: int
    places: int
    colon: bool
    route: bool
    context: bool
    pair: bool
    handover: bool
    actor_before: EntityRef | None  # the last actor the paragraph names as doing something, before the clause


def plan_sentences(  # noqa: C901  (to split: see the layout issue's note)
    doc: Doc,
    parser: SentenceParser,
    triggers: Triggers,
    references: dict | None = None,
) -> tuple[list[ParsedSentence | Span], list[Span]]:
    """The clauses of ``doc`` that name an entity, in text order.

    A clause that may state a relation comes as a merged :class:`ParsedSentence`
    (not parsed yet), any other as its span (kept for the bookkeeping of lists:
    "ESIP has:" ... "Supported the Cabinet Office ..."). May state a relation:

    - a clause with a route word and a place (or without a place, in a
      paragraph whose victims are placed: "victims in the UK ...");
    - a clause that names victims or trafficking, when a route follows in its
      paragraph (it tells who the route's "victims" or "they" are);
    - a clause with a cooperation or funding word and two actors, or one in a
      list that an actor introduces, and the clause that introduces it.

    With ``references`` (the patterns' section of that name), the generic
    mentions of named bodies (:func:`tipgraph.extractors.relations.references.body_references`)
    count as mentions of them; they are returned too.
    """
    spans = document_entity_spans(doc)
    if not spans or not doc.has_annotation("SENT_START"):
        return [], []
    numbers = _paragraph_numbers(doc)
    found_references = body_references(doc, spans, numbers, references) if references else []
    if found_references:
        spans = sorted([*spans, *found_references], key=lambda s: (s.start, s.end))
    starts = [s.start for s in spans]
    flags = word_flags(doc, [triggers.route, triggers.context, triggers.actors, triggers.handover])
    labels = {e.key: e.label for e in (doc._.entities or [])}
    paragraph_actors: dict[int, EntityRef] = {}
    found: list[_Clause] = []
    for sent in doc.sents:
        inside = spans_within(spans, starts, sent.start, sent.end)
        if not inside:
            continue
        inside = filter_spans(inside)
        for clause in clauses(sent):
            mentions = [s for s in inside if s.start >= clause.start and s.end <= clause.end]
            if not mentions:
                continue
            words = numpy.asarray(flags[clause.start : clause.end].any(axis=0))
            actors = sum(1 for s in mentions if s.label_ in triggers.actor_classes)
            paragraph = numbers[sent.start]
            found.append(
                _Clause(
                    clause,
                    sent,
                    paragraph,
                    mentions,
                    actors,
                    sum(1 for s in mentions if s.label_ in triggers.place_classes),
                    actors > 0 and ends_with_colon(clause),
                    bool(words[0]),
                    bool(words[1]),
                    bool(words[2]),
                    bool(words[3]),
                    paragraph_actors.get(paragraph),
                )
            )
            for mention in mentions:
                if mention.label_ in triggers.actor_classes and _does_something(mention.root, triggers.reporting):
                    paragraph_actors[paragraph] = EntityRef(
                        mention.kb_id_, mention.label_, mention.text, labels.get(mention.kb_id_, mention.text)
                    )
    wanted = [False] * len(found)
    list_open = False
    placed: set[int] = set()  # paragraphs that say where their victims are
    for n, c in enumerate(found):
        list_open = list_open or c.colon
        route = c.route and (c.places > 0 or c.paragraph in placed)
        wanted[n] = (
            c.colon
            or route
            or c.pair
            and (c.actors >= 2 or c.actors == 1 and list_open)
            or c.handover
            and c.actors >= 1
            and c.actor_before is not None
        )
        if c.context and c.places:
            placed.add(c.paragraph)
        if route:  # the victims this route may refer back to
            for m in range(n - 1, -1, -1):
                if found[m].paragraph != c.paragraph:
                    break
                wanted[m] = wanted[m] or found[m].context
    items: list[ParsedSentence | Span] = []
    evidence: dict[int, Evidence] = {}
    for c, want in zip(found, wanted):
        ps = None
        if want:
            if c.sentence.start not in evidence:
                evidence[c.sentence.start] = sentence_evidence(c.sentence)
            ps = parser.sentence(c.span, c.mentions, c.sentence, evidence[c.sentence.start], c.paragraph, labels)
            if ps is not None:
                ps.paragraph_actor = c.actor_before
        items.append(ps if ps is not None else c.span)
    return items, found_references


def relations_in(
    doc: Doc,
    items: Iterable[ParsedSentence | Span],
    patterns: dict,
    keep_negated: bool = False,
    borders: dict[str, list[str]] | None = None,
) -> Iterator[RelationRecord]:
    """Every relation the parsed clauses ``items`` state, one record per relation per sentence, in text order."""
    entities = doc._.entities or []
    affiliations = {e.key: e.affiliation for e in entities if e.affiliation}
    context: RouteContext | None = None
    pending: list[RelationRecord] = []
    list_subject = None
    for ps in items:
        if not isinstance(ps, ParsedSentence):
            if not lacks_subject(ps):
                list_subject = None  # a sentence of its own ends the list
            continue
        if context is None:
            context = RouteContext(doc, entities, patterns, borders=borders)
        ps.affiliations = affiliations
        if lacks_subject(ps.doc):
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


def extract_relations(doc: Doc, nlp: Language, patterns: dict, keep_negated: bool = False) -> Iterator[RelationRecord]:
    """Every relation stated in ``doc``, one record per relation per sentence, in text order."""
    extractor = RelationExtractor(nlp, keep_negated=keep_negated)
    extractor.initialize(patterns=patterns)
    yield from extractor.relations(doc)


def _identity(record: RelationRecord) -> tuple:
    if isinstance(record, CooperationRecord):
        return ("cooperation", frozenset(record.participants), record.negated)
    if isinstance(record, FundingRecord):
        return ("funding", record.funder, record.recipient, record.negated)
    return ("route", tuple(record.origin), tuple(record.destination), record.negated)


def _by_origin(record: RelationRecord) -> list[RelationRecord]:
    """A route from several origins, one record per origin (each adds up with its own kind)."""
    if not isinstance(record, RouteRecord) or len(record.origin) < 2:
        return [record]
    return [
        replace(
            record,
            origin=[o],
            transit=list(record.transit),
            purposes=list(record.purposes),
            victims=list(record.victims),
        )
        for o in record.origin
    ]


def merge_same_sentence(records: list[RelationRecord]) -> Iterator[RelationRecord]:
    """One statement per relation per sentence: the clauses of one sentence add up."""
    merged: dict[tuple, RelationRecord] = {}
    # a route from several origins adds up origin by origin, then is joined again
    for record in (piece for whole in records for piece in _by_origin(whole)):
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
        elif isinstance(kept, FundingRecord) and isinstance(record, FundingRecord) and not kept.amount:
            kept.amount = record.amount
    kept_routes = {id(r) for r in join_origins([r for r in merged.values() if isinstance(r, RouteRecord)])}
    yield from (r for r in merged.values() if not isinstance(r, RouteRecord) or id(r) in kept_routes)


class RelationExtractor:
    """spaCy component: runs the relation pattern families over the sentences that may state one."""

    def __init__(
        self,
        nlp: Language,
        name: str = "tipgraph_relations",
        keep_negated: bool = False,
        sources: str = "both",
        addition_threshold: float = ADDITION_THRESHOLD,
    ):
        if sources not in RELATION_SOURCES:
            raise ValueError(f"{name}: sources must be one of {', '.join(RELATION_SOURCES)}, not {sources!r}")
        self.nlp = nlp
        self.name = name
        self.keep_negated = keep_negated
        self.sources = sources
        # beside the patterns, the model adds only statements it is this sure of: 0.35, 0.5 and 0.7
        # were measured on the dev split, the seeds and the shared dev set; 0.5 keeps the seeds above 0.9
        self.addition_threshold = addition_threshold
        self.model: RelationModel | None = None if sources == "patterns" else RelationModel.load()
        self._parser: SentenceParser | None = None
        self._triggers: Triggers | None = None
        self._borders: dict[str, list[str]] | None = None
        self.patterns = load_patterns()

    @property
    def patterns(self) -> dict:
        return self._patterns

    @patterns.setter
    def patterns(self, patterns: dict) -> None:
        self._patterns = patterns
        self._triggers = None  # the trigger words come from the patterns

    @property
    def parser(self) -> SentenceParser:
        # built on first use: the model's components are all in place by then
        if self._parser is None:
            self._parser = SentenceParser(self.nlp)
        return self._parser

    @property
    def triggers(self) -> Triggers:
        if self._triggers is None:
            lemmatizer = self.nlp.get_pipe("lemmatizer") if "lemmatizer" in self.nlp.pipe_names else None
            self._triggers = Triggers.from_patterns(self.patterns, getattr(lemmatizer, "lookups", None))
        return self._triggers

    @property
    def borders(self) -> dict[str, list[str]]:
        if self._borders is None:
            self._borders = load_land_borders()
        return self._borders

    def initialize(self, get_examples=None, *, nlp: Language | None = None, patterns: dict | str | None = None) -> None:
        """Take the trigger words from ``patterns`` (a dict or a JSON file), else the packaged ones."""
        if isinstance(patterns, dict):
            self.patterns = copy.deepcopy(patterns)
        else:
            self.patterns = load_patterns(patterns) if patterns else load_patterns()

    def plan(self, doc: Doc) -> list[ParsedSentence | Span]:
        """The clauses of ``doc`` to read (see :func:`plan_sentences`); writes the generic references to named bodies."""
        items, references = plan_sentences(doc, self.parser, self.triggers, self.patterns.get("references"))
        doc.spans[REFERENCE_KEY] = references
        return items

    def relations(self, doc: Doc) -> list[RelationRecord]:
        """The relations ``doc`` states (for one document: :meth:`pipe` parses many together)."""
        return next(iter(self.pipe([doc])))._.relations

    def __call__(self, doc: Doc) -> Doc:
        doc._.relations = self.relations(doc)
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 32) -> Iterator[Doc]:
        """Like ``__call__``, with the re-parses of a batch of documents run through the model together."""
        for batch in minibatch(stream, size=batch_size):
            plans = [self.plan(doc) for doc in batch] if self.sources != "model" else [[] for _ in batch]
            self.parser.parse([ps for items in plans for ps in items if isinstance(ps, ParsedSentence)])
            for doc, items in zip(batch, plans):
                found = list(relations_in(doc, items, self.patterns, self.keep_negated, self.borders))
                doc._.relations = found if self.model is None else self._learned(doc, found)
                yield doc

    def _learned(self, doc: Doc, patterns_found: list[RelationRecord]) -> list[RelationRecord]:
        """The learned model's statements; with ``sources="both"``, combined with the patterns' (see ``combination``)."""
        assert self.model is not None
        entities = doc._.entities or []
        if self.sources == "model":
            return predict(doc, mention_spans(doc), entities, self.model)
        return combine(doc, patterns_found, self.model, mention_spans(doc), entities, self.addition_threshold)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(
            path / "cfg.json",
            {"keep_negated": self.keep_negated, "sources": self.sources, "addition_threshold": self.addition_threshold},
        )
        if self.model is not None:
            self.model.save(path / "model.json")
        srsly.write_json(path / "patterns.json", self.patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> RelationExtractor:
        path = Path(path)
        cfg = srsly.read_json(path / "cfg.json")
        self.keep_negated = bool(cfg.get("keep_negated", False))
        self.sources = cfg.get("sources", self.sources)
        self.addition_threshold = float(cfg.get("addition_threshold", self.addition_threshold))
        self.model = RelationModel.load(path / "model.json") if (path / "model.json").exists() else self.model
        if (path / "patterns.json").exists():
            self.patterns = srsly.read_json(path / "patterns.json")
        return self


def mention_spans(doc: Doc) -> list[Span]:
    """The entities' mentions and the generic references to named bodies: what the model pairs.
    (Nationality words as spans of their country were tried and lost relation F1 on the dev split.)"""
    spans = list(doc.spans[SPAN_KEY]) if SPAN_KEY in doc.spans else []
    if REFERENCE_KEY in doc.spans:  # "the Ministry", "its police": the body the reference stands for
        spans += [span for span in doc.spans[REFERENCE_KEY] if span.kb_id_]
    return sorted(spans, key=lambda span: span.start)


@Language.factory(
    "tipgraph_relations",
    default_config={"keep_negated": False, "sources": "both", "addition_threshold": ADDITION_THRESHOLD},
)
def make_relation_extractor(
    nlp: Language, name: str, keep_negated: bool, sources: str, addition_threshold: float
) -> RelationExtractor:
    return RelationExtractor(nlp, name, keep_negated, sources, addition_threshold)
