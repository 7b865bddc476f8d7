"""One document's statements from the patterns' findings and the learned model's scores.

The patterns are precise where they fire and the model reaches further, so neither has
the last word alone: a pattern's statement stands unless the model, which sees the
pattern's firing among its features, gives its pair less than ``vetoes[kind]``; the model
adds the pairs no pattern states where it gives them at least ``additions[kind]``. Both
thresholds are tuned on the dev split for the F1 of the two together (see
``training/relations.py``). Every statement's confidence is then the model's calibrated
probability for its pair, or, for a pattern's statement the model has no candidate for,
the share of the patterns' statements of that kind the dev split's gold confirms. A pattern's
route that names no purpose takes those its clause words, as the model's routes do.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from tipgraph.extractors.records import RelationRecord, RouteRecord
from tipgraph.extractors.relations.attributes import AttributeWords
from tipgraph.extractors.relations.learned import (
    Candidate,
    RelationModel,
    pair_scores,
)
from tipgraph.extractors.relations.model_statements import Resolver, statements
from tipgraph.extractors.relations.pattern_pairs import evidence_sentences, stated_by_patterns
from tipgraph.extractors.relations.routes.legs import Leg, crosses, is_leg, paired_legs
from tipgraph.ontology.model import is_a


def _by_sentence(scores: dict[tuple, tuple[float, Candidate]]) -> dict[tuple, float]:
    """(kind, sentence start, first, second) -> the best confidence over the sentence's clauses, both ways
    but for funding."""
    index: dict[tuple, float] = {}
    for (kind, _, _), (p, cand) in scores.items():
        a, b = cand.first.key, cand.second.key
        for pair in [(a, b)] if kind == "funding" else [(a, b), (b, a)]:
            key = (kind, cand.sentence.sent.start, *pair)
            index[key] = max(index.get(key, 0.0), p)
    return index


def combine(
    doc: Doc,
    patterns_found: list[RelationRecord],
    model: RelationModel,
    spans: Iterable[Span],
    entities: list,
    fallback_addition: float = 0.5,
    words: AttributeWords | None = None,
    nationalities: Iterable[Span] = (),
    resolve: Resolver | None = None,
    hedges: frozenset[str] = frozenset(),
    leg_words: tuple[frozenset[str], frozenset[str]] = (frozenset(), frozenset()),
    context_words: frozenset[str] = frozenset(),
) -> list[RelationRecord]:
    """The patterns' statements the model does not veto, with calibrated confidences, and the model's additions
    (none where a word of ``hedges`` comes before the pair in its clause: :func:`hedged_clause`, nor a
    route that crosses the clause's legs, whose words are ``leg_words``: :func:`clause_legs`, nor a route
    between two places the patterns' routes of the same sentence already join: they read its pairing, nor a
    route in a sentence with none of ``context_words``: a move that no word calls trafficking)."""
    sentences = evidence_sentences(doc)
    rules = stated_by_patterns(doc, patterns_found, sentences)
    scores = pair_scores(doc, spans, entities, model, rules, nationalities)
    index = _by_sentence(scores)
    kept = _kept_statements(patterns_found, sentences, index, model, words)
    places = {s.start: s for s in spans if is_a(s.label_, "Place")}
    legs_of = _clause_legs_reader(places, leg_words)
    routed = _routed_places(patterns_found, sentences)
    told: dict[int, bool] = {}  # sentence start -> whether it, or the one before, tells trafficking

    def tells(sentence: Span) -> bool:
        if sentence.start not in told:
            told[sentence.start] = _tells_trafficking(sentence, context_words, words)
        return told[sentence.start]

    def allowed(kind: str, cand: Candidate) -> bool:
        return (
            not hedged_clause(cand, hedges)
            and not (kind == "route" and context_words and not tells(cand.sentence.sent))
            and not (kind == "route" and crosses(legs_of(cand.sentence), cand.first.key, cand.second.key))
            and not (
                kind == "route" and {cand.first.key, cand.second.key} <= routed.get(cand.sentence.sent.start, set())
            )
            and not any(
                (kind, cand.sentence.sent.start, *pair) in rules
                for pair in ((cand.first.key, cand.second.key), (cand.second.key, cand.first.key))
            )
        )

    added = [
        (p, cand)
        for (kind, _, _), (p, cand) in scores.items()
        if p >= model.additions.get(kind, fallback_addition) and allowed(kind, cand)
    ]
    added += _other_legs(scores, added, legs_of, allowed)
    return kept + statements(doc, added, model, words, resolve)


def _kept_statements(
    patterns_found: list[RelationRecord],
    sentences: dict[int, Span],
    index: dict[tuple, float],
    model: RelationModel,
    words: AttributeWords | None,
) -> list[RelationRecord]:
    """The patterns' statements the model does not veto, each with its calibrated confidence."""
    kept: list[RelationRecord] = []
    for record in patterns_found:
        sent = sentences.get(record.evidence.start)
        seen = [
            index[key]
            for a, b in record.pairs()
            if sent is not None and (key := (record.kind, sent.start, a, b)) in index
        ]
        if record.negated or record.kind not in model.heads or not seen:
            record.confidence = model.rule_prior.get(record.kind, record.confidence)
        elif max(seen) < model.vetoes.get(record.kind, 0.0):
            continue
        else:
            record.confidence = round(max(seen), 3)
        if words is not None and sent is not None and isinstance(record, RouteRecord) and not record.purposes:
            # what a pattern read off the phrase it matched may miss, its clause still says ("tricked into
            # the sex trade in Y"), as for the model's own routes (see ``route_attributes``)
            record.purposes = words.purposes(sent)
        kept.append(record)
    return kept


def _tells_trafficking(sentence: Span, context: frozenset[str], words: AttributeWords | None) -> bool:
    """Does a word of ``sentence``, or of the sentence before it, call what it tells trafficking ("trafficked",
    "forced") or name what people are exploited for ("to beg", "sex work"; not "work" alone)?"""
    doc = sentence.doc
    start = doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start
    purposes = words.purpose_words if words is not None else {}
    return any(
        t.lemma_.lower() in context
        or t.lower_ in context
        or t.lower_.startswith("traffick")
        or t.lower_ in purposes
        or t.lemma_.lower() in purposes
        for t in doc[start : sentence.end]
    )


def _routed_places(patterns_found: list[RelationRecord], sentences: dict[int, Span]) -> dict[int, set[str]]:
    """Sentence start -> the places its pattern routes join or pass through: the patterns read how that
    sentence pairs them ("from A via B and C to D": no route from B or C)."""
    routed: dict[int, set[str]] = {}
    for record in patterns_found:
        sent = sentences.get(record.evidence.start)
        if isinstance(record, RouteRecord) and sent is not None:
            routed.setdefault(sent.start, set()).update(
                (*(key for pair in record.pairs() for key in pair), *record.transit)
            )
    return routed


def _other_legs(scores: dict, added: list, legs_of, allowed) -> list[tuple[float, Candidate]]:
    """ "from A to B and from C to D": a leg the model adds takes the clause's other legs along, at their
    own (lower) confidence."""
    with_leg = {
        cand.sentence.start
        for _, cand in added
        if cand.kind == "route" and is_leg(legs_of(cand.sentence), cand.first.key, cand.second.key)
    }
    taken = {id(cand) for _, cand in added}
    return [
        (p, cand)
        for (kind, _, _), (p, cand) in scores.items()
        if kind == "route"
        and cand.sentence.start in with_leg
        and id(cand) not in taken
        and is_leg(legs_of(cand.sentence), cand.first.key, cand.second.key)
        and allowed(kind, cand)
    ]


def _clause_legs_reader(places: dict[int, Span], leg_words: tuple[frozenset[str], frozenset[str]]):
    """:func:`clause_legs` of each clause, read once."""
    read: dict[tuple[int, int], list[Leg]] = {}

    def legs_of(clause: Span) -> list[Leg]:
        key = (clause.start, clause.end)
        if key not in read:
            read[key] = clause_legs(clause, places, leg_words)
        return read[key]

    return legs_of


def clause_legs(clause: Span, places: dict[int, Span], leg_words: tuple[frozenset[str], frozenset[str]]) -> list[Leg]:
    """The "from A to B and from C to D" legs of ``clause`` (:func:`~.routes.legs.paired_legs`), its places
    the mentions of ``places`` (by start)."""
    words: list[tuple[str, str | None]] = []
    i = clause.start
    while i < clause.end:
        place = places.get(i)
        if place is not None and place.end <= clause.end:
            words.append((place.text.lower(), place.kb_id_))
            i = place.end
        else:
            words.append((clause.doc[i].lower_, None))
            i += 1
    return paired_legs(words, *leg_words)


def hedged_clause(cand: Candidate, hedges: frozenset[str]) -> bool:
    """Does a hedge word (patterns.json ``hedge.clause_words``) come before the pair's last place?

    "Haitian children are at risk of forced labor in X": the model reads a route; the clause
    says only that one is feared. The hedge may stand between the two ("women from X could be
    at risk of exploitation in Y"), so the words read run up to the later of the pair.
    """
    named = [m.start for m in (cand.first, cand.second) if m.end > m.start]
    clause = cand.sentence
    before = clause.doc[clause.start : max(named)] if named else clause
    return any(t.lower_ in hedges or t.lemma_.lower() in hedges for t in before)
