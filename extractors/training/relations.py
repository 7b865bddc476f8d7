"""Training data for the learned relation model, from the corpus's gold.

Each document goes through the same pipeline as at build time (entities found by the
pipeline, not the gold's: the model learns on the candidates it will see). A found entity
stands for the gold entities whose mentions its mentions overlap; a candidate pair is
positive when the gold relates one of the first's gold entities to one of the second's.
Purposes and victim groups are learned on the positive route candidates, from the gold
route's lists.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import partial
from itertools import combinations

from spacy.language import Language

from tipgraph.extractors.linear import Linear, fit_platt, train_logistic
from tipgraph.extractors.relations.component import RelationExtractor, mention_spans
from tipgraph.extractors.relations.learned import (
    KINDS,
    Candidate,
    RelationModel,
    attribute_features,
    document_candidates,
    home_country,
    one_actor,
    previous_sentence,
)
from tipgraph.extractors.relations.nationality import nationality_spans
from tipgraph.extractors.relations.pattern_pairs import evidence_sentences, stated_by_patterns
from tipgraph.extractors.relations.word_classes import word_classes
from tipgraph.extractors.source import make_source_doc, sentence_evidence, source_span
from tipgraph.extractors.training.corpus import CorpusDocument, entity_names, fold
from tipgraph.extractors.training.splits import group_key
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


def _aligned_nationalities(doc, spans, gold: dict, gazetteer) -> dict[str, set[str]]:
    """Key of a place named by nationality -> the gold entities for it: those a mention of which the word
    overlaps, else those one of whose names is the place's name."""
    result: dict[str, set[str]] = {}
    for span in spans:
        start, end = source_span(doc, span.start_char, span.end_char)
        ids = {g["id"] for g in gold["entities"] for s, e in g.get("mentions", []) if s < end and start < e}
        if not ids:
            entry = gazetteer.by_origin_word(span.text)
            names = {fold(n) for n in entry.names} if entry is not None else set()
            ids = {g["id"] for g in gold["entities"] if names & {fold(n) for n in entity_names(g)}}
        result.setdefault(span.kb_id_, set()).update(ids)
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
    relations = nlp.get_pipe("tipgraph_relations")
    assert isinstance(relations, RelationExtractor)
    gazetteer = relations.knowledge.gazetteer
    classes = word_classes(relations.patterns) if use_rules else None
    for document in documents:
        doc = nlp(make_source_doc(nlp, document.text))
        entities = doc._.tipgraph_entities
        aligned = _aligned(entities, document.gold)
        nationalities = nationality_spans(doc, gazetteer, mention_spans(doc))  # as the component finds them
        named_by_nationality = _aligned_nationalities(doc, nationalities, document.gold, gazetteer)
        for key, ids in named_by_nationality.items():
            if not aligned.get(key):
                aligned[key] = ids
        gold = GoldRelations(document.gold)
        rules = stated_by_patterns(doc, doc._.tipgraph_relations, evidence_sentences(doc)) if use_rules else None
        home, same = home_country(entities), one_actor(entities)
        spans = mention_spans(doc)
        for cand in document_candidates(doc, spans, home, rules, same, nationalities, classes):
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


def pair_confidences(score: Callable[[list[str]], float], held: Samples) -> dict[tuple, tuple[float, bool]]:
    """Document pair -> (its best score, whether a pattern states it), as the scorer counts: a pair is found once."""
    best: dict[tuple, tuple[float, bool]] = {}
    for row, pair in zip(held.rows, held.pairs):
        p, ruled = best.get(pair, (0.0, False))
        best[pair] = (max(p, score(row)), ruled or f"r:{pair[1]}" in row)
    return best


def best_pair_threshold(score: Callable[[list[str]], float], held: Samples) -> float:
    """The threshold with the best pair-level F1 for the model alone."""
    if not held.gold_pairs:
        return 0.5
    best = pair_confidences(score, held)
    return _best_cut([(p, int(pair in held.gold_pairs)) for pair, (p, _) in best.items()], len(held.gold_pairs))


def _best_cut(scored: list[tuple[float, int]], total: int) -> float:
    """The probability above which predictions give the best F1 against ``total`` true items."""
    cut, best_f1, tp = 0.5, -1.0, 0
    for k, (p, y) in enumerate(sorted(scored, reverse=True), start=1):
        tp += y
        f1 = 2 * tp / (k + total)
        if f1 > best_f1 and p >= 0.05:
            cut, best_f1 = p, f1
    return round(cut, 4)


# Beside the patterns the model adds a statement only at this calibrated confidence or more. Tuned on
# the dev split alone, the thresholds fall to 0.1 and 0.3 and the seeds and the shared dev set (whose
# gold, like the unseen documents', is sparser) lose a third of their relation F1; 0.3 to 0.85 were
# measured on the three, and these keep both at or above their earlier figures while the dev split holds.
# Routes' floor was lowered from 0.7 by 5-fold cross-validation over train and dev
# (benchmarks/cross_validation.py): at 0.5 route F1 rose from 0.627 to 0.652, and in a second run
# (session 7's rules) from 0.654 at 0.6 to 0.666 at 0.5. Held-out documents decide: 0.5, though the
# shared dev set's route F1 falls from 0.923 to 0.900 (two model routes of smuggling, not trafficking). Without floors the tuned additions fall
# to 0.3 for cooperation (cross-validated F1 0.311 -> 0.352) but the seeds' cooperation falls by
# a sixth and the shared dev set's by a quarter, and funding's to 0.0 in one fold: they stay.
ADDITION_FLOORS = {"cooperation": 0.85, "funding": 0.85, "route": 0.5}
# A pattern's statement is dropped only where the model is near sure it is wrong. Vetoes of 0.15 to
# 0.3 win on the dev split's candidate pairs but drop whole groups the scorer counts pair by pair:
# measured with the scorer, a 0.2 veto took the dev split's cooperation F1 from 0.354 to 0.297 and
# the seeds' from 0.958 to 0.864.
# Again with the word classes (``word_classes``): tuned on dev pairs a 0.1 veto won, and measured with the
# scorer it took the seeds' cooperation F1 from 0.980 to 0.958 with the dev split's unchanged.
VETOES = (0.0, 0.01, 0.02, 0.05)
ADDITIONS = tuple(round(0.05 * k, 2) for k in range(1, 20))


def combination_thresholds(
    score: Callable[[list[str]], float], held: Samples, floor: float = 0.0
) -> tuple[float, float]:
    """``(veto, addition)`` with the best pair-level F1 of the patterns and the model together on ``held``:
    a pattern's pair stands at ``veto`` or more, any pair is added at ``addition`` (``floor`` or more).

    The veto is chosen for the additions the model will make: tuned beside additions below the
    floor, it would drop patterns' statements that only those additions made up for."""
    best = pair_confidences(score, held)
    total = len(held.gold_pairs)
    choice, best_f1 = (0.0, 1.0), -1.0
    for veto in VETOES:
        for addition in sorted({floor, *(a for a in ADDITIONS if a >= floor)}):
            said = [pair for pair, (p, ruled) in best.items() if (ruled and p >= veto) or p >= addition]
            tp = sum(pair in held.gold_pairs for pair in said)
            f1 = 2 * tp / (len(said) + total) if said or total else 0.0
            if f1 > best_f1 + 1e-9:  # ties keep the lower veto and the lower addition: the first found
                choice, best_f1 = (veto, addition), f1
    return choice


def rule_precision(held: Samples) -> float | None:
    """The share of the pairs a pattern states that the gold relates (None when no pattern fired)."""
    ruled = {pair for row, pair in zip(held.rows, held.pairs) if f"r:{pair[1]}" in row}
    return round(sum(pair in held.gold_pairs for pair in ruled) / len(ruled), 3) if ruled else None


def out_of_fold_calibration(data: Samples, group_of: dict[str, str], l2: float, folds: int = 3) -> list[float]:
    """Platt's ``(a, b)`` for a head, fitted on pair-level scores of train documents held out of its fit:
    the head is refitted ``folds`` times, each time without one fold of document groups."""
    fold = {name: int(hashlib.sha256(g.encode("utf-8")).hexdigest(), 16) % folds for name, g in group_of.items()}
    scores: list[float] = []
    labels: list[int] = []
    for k in range(folds):
        inside = [i for i, pair in enumerate(data.pairs) if fold.get(pair[0], 0) != k]
        head = train_logistic([data.rows[i] for i in inside], [data.labels[i] for i in inside], l2=l2)
        held = Samples()
        for i, pair in enumerate(data.pairs):
            if fold.get(pair[0], 0) == k:
                held.rows.append(data.rows[i])
                held.pairs.append(pair)
        held.gold_pairs = {pair for pair in held.pairs if pair in data.gold_pairs}
        for pair, (p, _) in pair_confidences(head.probability, held).items():
            scores.append(p)
            labels.append(int(pair in held.gold_pairs))
    return list(fit_platt(scores, labels))


def train_relation_model(
    nlp: Language, train: list[CorpusDocument], tune: list[CorpusDocument], use_rules: bool = True
) -> RelationModel:
    """Fit every head on ``train``, calibrate the kinds' heads on held-out folds of it, and pick each
    threshold on ``tune`` (the dev split)."""
    fit = samples(nlp, train, use_rules)
    held = samples(nlp, tune, use_rules)
    group_of = {d.name: group_key(d) for d in train}
    relations = nlp.get_pipe("tipgraph_relations")
    assert isinstance(relations, RelationExtractor)
    model = RelationModel(word_classes=word_classes(relations.patterns) if use_rules else {})
    for name in sorted(fit):
        if name in KINDS and name in held and (prior := rule_precision(held[name])) is not None:
            model.rule_prior[name] = prior
        if name in KINDS and sum(fit[name].labels) < MIN_POSITIVES:
            model.deferred.append(name)  # too few examples to learn from: the patterns' statements stand
            continue
        if not any(fit[name].labels):
            continue
        # l2 chosen on the dev split (pair-level F1 for the kinds; 0.3 to 30 tried)
        l2 = 10.0 if name in KINDS else 2.0
        head = train_logistic(fit[name].rows, fit[name].labels, l2=l2)
        model.heads[name] = head
        if name in KINDS:
            model.calibration[name] = out_of_fold_calibration(fit[name], group_of, l2)
            if name in held:
                score = partial(model.confidence, name)
                head.threshold = best_pair_threshold(score, held[name])
                model.vetoes[name], model.additions[name] = combination_thresholds(
                    score, held[name], ADDITION_FLOORS[name]
                )
        elif name in held:
            head.threshold = best_threshold(head, held[name].rows, held[name].labels)
    return model
