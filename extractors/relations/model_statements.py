"""The learned relation model's statements: records for the candidate pairs it scores high enough.

A statement's ends are the candidate's entity keys; a place named only by a nationality
word gets its entity here, once a statement needs it (``resolve``: see ``nationality``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span

from tipgraph.extractors.records import CooperationRecord, FundingRecord, RouteRecord
from tipgraph.extractors.relations.attributes import AttributeWords
from tipgraph.extractors.relations.learned import (
    Candidate,
    RelationModel,
    attribute_features,
    pair_scores,
    previous_sentence,
)
from tipgraph.extractors.source import sentence_evidence

Resolver = Callable[[str], "str | None"]


def predict(
    doc: Doc,
    spans: Iterable[Span],
    entities: list,
    model: RelationModel,
    rules: set | None = None,
    words: AttributeWords | None = None,
    nationalities: Iterable[Span] = (),
    resolve: Resolver | None = None,
) -> list:
    """The relations ``model`` alone finds in ``doc``: records with the sentence as evidence and the calibrated
    probability as confidence, where it reaches the head's threshold."""
    scores = pair_scores(doc, spans, entities, model, rules, nationalities)
    chosen = [item for item in scores.values() if item[0] >= model.heads[item[1].kind].threshold]
    return statements(doc, chosen, model, words, resolve)


def statements(
    doc: Doc,
    scored: Iterable[tuple[float, Candidate]],
    model: RelationModel,
    words: AttributeWords | None = None,
    resolve: Resolver | None = None,
) -> list:
    """Records for scored candidates, in text order (a candidate whose end ``resolve`` cannot place is left out)."""
    records: list[CooperationRecord | FundingRecord | RouteRecord] = []
    for p, cand in sorted(scored, key=lambda item: (item[1].sentence.start, item[1].first.start, -item[0])):
        evidence = sentence_evidence(cand.sentence)
        confidence = round(p, 3)
        a, b = cand.first.key, cand.second.key
        if resolve is not None:
            a, b = resolve(a), resolve(b)  # type: ignore[assignment]
            if a is None or b is None:
                continue
        if cand.kind == "cooperation":
            records.append(CooperationRecord([a, b], evidence, confidence=confidence))
        elif cand.kind == "funding":
            records.append(FundingRecord(a, b, evidence, confidence=confidence))
        else:
            purposes, victims = route_attributes(doc, cand.sentence, model, words)
            records.append(RouteRecord([a], [b], evidence, purposes=purposes, victims=victims, confidence=confidence))
    return records


def route_attributes(
    doc: Doc, sent: Span, model: RelationModel, words: AttributeWords | None = None
) -> tuple[list[str], list[str]]:
    """A route's purposes as its clause words them, and its victim groups as its clause, or else the clause
    before it, words them (``words``); what neither words, the attribute heads read off the two clauses.

    A purpose is the clause's own: taken from the clause before too, purposes fell on the train split
    (0.872 -> 0.839) with the dev split level, since a report's chained clauses each name their own."""
    previous = previous_sentence(doc, sent)
    stated: dict[str, list[str]] = {"purpose": [], "victim": []}
    if words is not None:
        stated["purpose"] = words.purposes(sent)
        for clause in (sent, previous):
            if clause is not None and not stated["victim"]:
                stated["victim"] = words.victims(clause)
    feats = attribute_features(sent, previous)
    found: dict[str, list[str]] = {"purpose": [], "victim": []}
    for name, head in model.heads.items():
        prefix, _, value = name.partition(":")
        if prefix in found and not stated[prefix] and head.probability(feats) >= head.threshold:
            found[prefix].append(value)
    return sorted(stated["purpose"] or found["purpose"]), sorted(stated["victim"] or found["victim"])
