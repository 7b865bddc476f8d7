"""Training data for the learned relation model, from the corpus's gold.

Each document goes through the same pipeline as at build time (entities found by the
pipeline, not the gold's: the model learns on the candidates it will see). A found entity
stands for the gold entities whose mentions its mentions overlap; a candidate pair is
positive when the gold relates one of the first's gold entities to one of the second's.
Purposes and victim groups are learned on the positive route candidates, from the gold
route's lists.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from spacy.language import Language

from tipgraph.extractors.linear import Linear, train_logistic
from tipgraph.extractors.relations.component import mention_spans
from tipgraph.extractors.relations.learned import (
    KINDS,
    Candidate,
    RelationModel,
    attribute_features,
    document_candidates,
    evidence_sentences,
    home_country,
    previous_sentence,
    stated_by_patterns,
)
from tipgraph.extractors.source import make_source_doc, sentence_evidence
from tipgraph.extractors.training.corpus import CorpusDocument
from tipgraph.ontology.vocabulary import PURPOSE_NAMES, VICTIM_NAMES

MIN_POSITIVES = 50  # a relation kind with fewer positive candidates in train is left to the patterns


def _aligned(records, gold: dict) -> dict[str, set[str]]:
    """Found entity key -> the gold entity ids its mentions overlap."""
    spans = [(s, e, g["id"]) for g in gold["entities"] for s, e in g.get("mentions", [])]
    result = {}
    for record in records:
        ids = set()
        for m in record.mentions:
            ids |= {gid for s, e, gid in spans if s < m.end and m.start < e}
        result[record.key] = ids
    return result


class GoldRelations:
    """The gold relations of a document, asked by pairs of gold ids and the sentence a candidate is in."""

    def __init__(self, gold: dict):
        # (kind, first id, second id) -> the gold relations stating it (cooperation both ways)
        self.by_pair: dict[tuple[str, str, str], list[dict]] = defaultdict(list)
        for r in gold["relations"]:
            if r["type"] == "cooperation":
                for a, b in combinations(sorted(set(r["between"])), 2):
                    self.by_pair[("cooperation", a, b)].append(r)
                    self.by_pair[("cooperation", b, a)].append(r)
            elif r["type"] == "funding":
                self.by_pair[("funding", r["funder"], r["recipient"])].append(r)
            else:
                for o in r["origin"]:
                    for d in r["destination"]:
                        self.by_pair[("route", o, d)].append(r)

    def stating(self, kind: str, first: set[str], second: set[str]) -> list[dict]:
        return [r for a in first for b in second if a != b for r in self.by_pair.get((kind, a, b), [])]


def _in_evidence(relations: list[dict], start: int, end: int) -> bool:
    return any(r["evidence"][0] < end and start < r["evidence"][1] for r in relations)


@dataclass
class Samples:
    """Feature lists and labels of one head; for the kinds, also which document pair each row is about."""

    rows: list[list[str]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    pairs: list[tuple] = field(default_factory=list)  # (document, kind, first key, second key), one per row
    gold_pairs: set[tuple] = field(default_factory=set)  # the document pairs the gold relates


def samples(nlp: Language, documents: Iterable[CorpusDocument], use_rules: bool) -> dict[str, Samples]:
    """``{head: Samples}`` for every head of the model, over ``documents``.

    A candidate is positive in the sentence the gold gives as the relation's evidence; in
    another sentence of the document it is left out (the relation may or may not be stated
    there again), and a pair the gold does not relate is negative.
    """
    data: dict[str, Samples] = defaultdict(Samples)
    for document in documents:
        doc = nlp(make_source_doc(nlp, document.text))
        entities = doc._.entities
        aligned = _aligned(entities, document.gold)
        gold = GoldRelations(document.gold)
        rules = stated_by_patterns(doc, doc._.relations, evidence_sentences(doc)) if use_rules else None
        for cand in document_candidates(doc, mention_spans(doc), home_country(entities), rules):
            stated = gold.stating(cand.kind, aligned.get(cand.first.key, set()), aligned.get(cand.second.key, set()))
            pair = (document.name, cand.kind, *_pair_key(cand))
            head = data[cand.kind]
            if stated:
                head.gold_pairs.add(pair)
            evidence = sentence_evidence(cand.sentence)
            if stated and not _in_evidence(stated, evidence.start, evidence.end):
                continue
            head.rows.append(cand.features)
            head.labels.append(int(bool(stated)))
            head.pairs.append(pair)
            if cand.kind == "route" and stated:
                _attribute_samples(data, doc, cand, stated)
    return dict(data)


def _pair_key(cand: Candidate) -> tuple[str, str]:
    a, b = cand.first.key, cand.second.key
    return tuple(sorted((a, b))) if cand.kind == "cooperation" else (a, b)  # type: ignore[return-value]


def _attribute_samples(data: dict[str, Samples], doc, cand: Candidate, routes: list[dict]) -> None:
    feats = attribute_features(cand.sentence, previous_sentence(doc, cand.sentence))
    purposes = {PURPOSE_NAMES[p] for r in routes for p in r.get("purposes", []) if p in PURPOSE_NAMES}
    victims = {VICTIM_NAMES[v] for r in routes for v in r.get("victims", [])}
    for prefix, names, wanted in (("purpose", PURPOSE_NAMES, purposes), ("victim", VICTIM_NAMES, victims)):
        for name in names.values():
            head = data[f"{prefix}:{name}"]
            head.rows.append(feats)
            head.labels.append(int(name in wanted))


def best_threshold(head: Linear, rows: list[list[str]], labels: list[int]) -> float:
    """The threshold that gives the best F1 on held-out ``rows`` (0.5 when there is nothing to learn from)."""
    if not any(labels):
        return 0.5
    return _best_cut([(head.probability(r), y) for r, y in zip(rows, labels)], sum(labels))


def best_pair_threshold(head: Linear, held: Samples) -> float:
    """The threshold with the best F1 over document pairs, as the scorer counts: a pair is found once."""
    best: dict[tuple, float] = {}
    for row, pair in zip(held.rows, held.pairs):
        best[pair] = max(best.get(pair, 0.0), head.probability(row))
    if not held.gold_pairs:
        return 0.5
    return _best_cut([(p, int(pair in held.gold_pairs)) for pair, p in best.items()], len(held.gold_pairs))


def _best_cut(scored: list[tuple[float, int]], total: int) -> float:
    """The probability above which predictions give the best F1 against ``total`` true items."""
    cut, best_f1, tp = 0.5, -1.0, 0
    for k, (p, y) in enumerate(sorted(scored, reverse=True), start=1):
        tp += y
        f1 = 2 * tp / (k + total)
        if f1 > best_f1 and p >= 0.05:
            cut, best_f1 = p, f1
    return round(cut, 4)


def train_relation_model(
    nlp: Language, train: list[CorpusDocument], tune: list[CorpusDocument], use_rules: bool = True
) -> RelationModel:
    """Fit every head on ``train``; pick each threshold on ``tune`` (the dev split)."""
    fit = samples(nlp, train, use_rules)
    held = samples(nlp, tune, use_rules)
    model = RelationModel()
    for name in sorted(fit):
        if name in KINDS and sum(fit[name].labels) < MIN_POSITIVES:
            model.deferred.append(name)  # too few examples to learn from: the patterns' statements stand
            continue
        if not any(fit[name].labels):
            continue
        # l2 chosen on the dev split (pair-level F1 for the kinds; 0.3 to 30 tried)
        head = train_logistic(fit[name].rows, fit[name].labels, l2=10.0 if name in KINDS else 2.0)
        if name in KINDS and name in held:
            head.threshold = best_pair_threshold(head, held[name])
        elif name in held:
            head.threshold = best_threshold(head, held[name].rows, held[name].labels)
        model.heads[name] = head
    return model
