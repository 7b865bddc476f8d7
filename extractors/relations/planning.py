"""Which clauses of a document are worth a re-parse: a trigger word and the entities its family needs.

:func:`plan_sentences` walks the clauses of a document once, notes for each
which trigger vocabularies it holds (:class:`Triggers`) and how many actors
and places it names, then picks the clauses that may state a relation and
turns them into (not yet parsed) merged sentences.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy
from spacy.attrs import IS_SPACE
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from tipgraph.extractors.records import Evidence
from tipgraph.extractors.relations.list_items import ends_with_colon
from tipgraph.extractors.relations.parse import (
    EntityRef,
    ParsedSentence,
    SentenceParser,
    document_entity_spans,
    spans_within,
)
from tipgraph.extractors.relations.patterns import TRIGGER_LISTS
from tipgraph.extractors.relations.references import body_references
from tipgraph.extractors.relations.syntax import clauses
from tipgraph.extractors.relations.triggers import TriggerWords, word_flags
from tipgraph.extractors.source import sentence_evidence

# The lists of patterns.json whose words can state a relation, by what the relation needs.
_ROUTE_TRIGGERS = {"routes": TRIGGER_LISTS["routes"]}
_ACTOR_TRIGGERS = {kind: TRIGGER_LISTS[kind] for kind in ("cooperation", "funding")}
# Words that state a relation with one actor named: "the victims were referred to Y", "the plan was
# coordinated with Y" (the paragraph's actor did it)
_ONE_ACTOR_TRIGGERS = {"cooperation": ("referral_verbs", "verbs", "with_verbs")}
_TRAFFICKING_PREFIXES = ("traffick",)


@dataclass
class Triggers:
    """The words a sentence must contain to be worth a re-parse, from the patterns."""

    route: TriggerWords  # a route: with a place
    context: TriggerWords  # the victims of a paragraph and where they are: for a route after them
    actors: TriggerWords  # cooperation and funding: with two actors (one in a list an actor introduces)
    one_actor: TriggerWords  # a referral or a cooperation verb, whose other party may be the paragraph's actor
    actor_classes: frozenset[str]
    place_classes: frozenset[str]
    reporting: frozenset[str] = frozenset()  # verbs of saying: their subject is not the paragraph's actor

    @classmethod
    def from_patterns(cls, patterns: dict, lookups=None) -> Triggers:
        def words(sections: dict) -> list[str]:
            return [w for section, keys in sections.items() for key in keys for w in patterns[section].get(key, [])]

        return cls(
            TriggerWords(
                words(_ROUTE_TRIGGERS) + _frame_nouns(patterns) + _role_nouns(patterns), _TRAFFICKING_PREFIXES, lookups
            ),
            # words that tell a paragraph's victims and where they are, for the routes after them
            TriggerWords(patterns["routes"]["victim_nouns"], _TRAFFICKING_PREFIXES, lookups),
            TriggerWords(words(_ACTOR_TRIGGERS), (), lookups),
            TriggerWords(words(_ONE_ACTOR_TRIGGERS), (), lookups),
            frozenset(patterns["actor_classes"]),
            frozenset(patterns["place_classes"]),
            frozenset(patterns.get("references", {}).get("reporting_verbs", ())),
        )


def _frame_nouns(patterns: dict) -> list[str]:
    """The nouns framed as route verbs are ("the exploitation of X nationals in Y")."""
    return [noun for frame in patterns["routes"]["verb_frames"] for noun in frame.get("nouns", [])]


def _role_nouns(patterns: dict) -> list[str]:
    """The words of a country's role ("source countries were A and B": :mod:`.routes.roles`)."""
    return [*patterns["routes"]["source_nouns"], *patterns["routes"]["destination_nouns"]]


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
    one_actor: bool
    actor_before: EntityRef | None  # the last actor the paragraph names as doing something, before the clause


def plan_sentences(
    doc: Doc,
    parser: SentenceParser,
    triggers: Triggers,
    references: dict | None = None,
    nationalities: Sequence[Span] = (),
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

    ``nationalities`` (nationality words outside the mentions: "Kenyan women") count as
    places of a route clause, which then needs no named entity at all.

    With ``references`` (the patterns' section of that name), the generic
    mentions of named bodies (:func:`tipgraph.extractors.relations.references.body_references`)
    count as mentions of them; they are returned too.
    """
    spans = document_entity_spans(doc)
    if not (spans or nationalities) or not doc.has_annotation("SENT_START"):
        return [], []
    numbers = _paragraph_numbers(doc)
    found_references = body_references(doc, spans, numbers, references) if references else []
    if found_references:
        spans = sorted([*spans, *found_references], key=lambda s: (s.start, s.end))
    labels = {e.key: e.label for e in (doc._.tipgraph_entities or [])}
    found = _clauses(doc, spans, numbers, triggers, labels, sorted(s.start for s in nationalities))
    wanted = _wanted(found)
    first_actor = _first_actor(found, triggers, labels)
    items: list[ParsedSentence | Span] = []
    evidence: dict[int, Evidence] = {}
    for c, want in zip(found, wanted):
        ps = None
        if want:
            if c.sentence.start not in evidence:
                evidence[c.sentence.start] = sentence_evidence(c.sentence)
            ps = parser.sentence(
                c.span, c.mentions, c.sentence, evidence[c.sentence.start], c.paragraph, labels, allow_empty=c.route
            )
            if ps is not None:
                ps.paragraph_actor = c.actor_before
                ps.document_actor = first_actor
        items.append(ps if ps is not None else c.span)
    return items, found_references


def _clauses(
    doc: Doc,
    spans: list[Span],
    numbers: dict[int, int],
    triggers: Triggers,
    labels: dict[str, str],
    nationality_starts: Sequence[int] = (),
) -> list[_Clause]:
    """Every clause that names an entity or a nationality, with what it holds: trigger words, actors, places."""
    starts = [s.start for s in spans]
    flags = word_flags(doc, [triggers.route, triggers.context, triggers.actors, triggers.one_actor])
    paragraph_actors: dict[int, EntityRef] = {}
    found: list[_Clause] = []
    for sent in doc.sents:
        inside = spans_within(spans, starts, sent.start, sent.end)
        peoples = _within(nationality_starts, sent.start, sent.end)
        if not inside and not peoples:
            continue
        inside = filter_spans(inside)
        for clause in clauses(sent):
            mentions = [s for s in inside if s.start >= clause.start and s.end <= clause.end]
            nations = len(_within(peoples, clause.start, clause.end))
            if not mentions and not nations:
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
                    sum(1 for s in mentions if s.label_ in triggers.place_classes) + nations,
                    actors > 0 and ends_with_colon(clause),
                    bool(words[0]),
                    bool(words[1]),
                    bool(words[2]),
                    bool(words[3]),
                    paragraph_actors.get(paragraph),
                )
            )
            for mention in mentions:
                if (actor := _acting_actor(mention, triggers, labels)) is not None:
                    paragraph_actors[paragraph] = actor
    return found


def _acting_actor(mention: Span, triggers: Triggers, labels: dict[str, str]) -> EntityRef | None:
    """``mention`` as an actor, if it names one doing something (not only saying something)."""
    if mention.label_ not in triggers.actor_classes or not _does_something(mention.root, triggers.reporting):
        return None
    return EntityRef(mention.kb_id_, mention.label_, mention.text, labels.get(mention.kb_id_, mention.text))


def _first_actor(found: list[_Clause], triggers: Triggers, labels: dict[str, str]) -> EntityRef | None:
    """The first actor the document names as doing something (a press release's issuer)."""
    acting = (_acting_actor(mention, triggers, labels) for clause in found for mention in clause.mentions)
    return next((actor for actor in acting if actor is not None), None)


def _within(starts: Sequence[int], start: int, end: int) -> Sequence[int]:
    """The sorted ``starts`` in ``[start, end)``."""
    return starts[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]


def _wanted(found: list[_Clause]) -> list[bool]:
    """Which clauses may state a relation (see :func:`plan_sentences`)."""
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
            or c.one_actor
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
    return wanted
