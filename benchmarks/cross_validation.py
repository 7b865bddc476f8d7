"""Cross-validation by document group over the corpus's train and dev splits.

    .venv/bin/python -m benchmarks.quality --only dev --folds 5

In each fold the entity check and the relation model are trained on the other folds
(thresholds tuned on a fifth of them, held apart the same way) and the held-out fold is
scored. Beside the shipped combination, the same fold's model is scored in the other ways
the pipeline can combine it with the patterns (``VARIANTS``), so that a choice between them
is made on held-out documents rather than on the dev split that tuned the thresholds.
Counts add up over the folds.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from types import ModuleType

from spacy.language import Language

from tipgraph.extractors.pipeline import DEFAULT_MODEL, load_pipeline
from tipgraph.extractors.relations.learned import RelationModel
from tipgraph.extractors.training.corpus import CorpusDocument
from tipgraph.extractors.training.splits import group_key

# A variant's name -> (where statements come from, how it changes the fold's model). "no floors"
# keeps the additions tuned on the fold's tune documents without ADDITION_FLOORS.
VARIANTS: dict[str, tuple[str, Callable[[RelationModel, dict[str, float]], RelationModel]]] = {
    "default": ("both", lambda model, _: model),
    "no floors": ("both", lambda model, free: replace(model, additions={**model.additions, **free})),
    "route 0.6": ("both", lambda model, _: replace(model, additions={**model.additions, "route": 0.6})),
    "route 0.4": ("both", lambda model, _: replace(model, additions={**model.additions, "route": 0.4})),
    "cooperation 0.7": ("both", lambda model, _: replace(model, additions={**model.additions, "cooperation": 0.7})),
    "model alone": ("model", lambda model, _: model),
}


def fold_of(doc: CorpusDocument, folds: int, salt: str = "") -> int:
    return int(hashlib.sha256((salt + group_key(doc)).encode("utf-8")).hexdigest(), 16) % folds


def free_additions(nlp: Language, model: RelationModel, tune: list[CorpusDocument]) -> dict[str, float]:
    """Each kind's addition threshold tuned on ``tune`` with no floor under it."""
    from tipgraph.extractors.training.relations import combination_thresholds, samples

    held = samples(nlp, tune, use_rules=True)
    return {
        kind: combination_thresholds(partial(model.confidence, kind), held[kind], 0.0)[1]
        for kind in model.additions
        if kind in held
    }


def cross_validate(
    scorer: ModuleType, score_documents: Callable, documents: list[CorpusDocument], folds: int, out: Path
) -> dict[str, dict]:
    """``{variant: {score key: prf}}`` over ``folds`` folds of ``documents`` ("rules alone" and ``VARIANTS``)."""
    from tipgraph.extractors.training.entities import train_verifier
    from tipgraph.extractors.training.relations import train_relation_model

    totals: dict[str, dict] = {"rules alone": {}, **{name: {} for name in VARIANTS}}
    rules = load_pipeline(DEFAULT_MODEL, relation_sources="patterns", verify=False)
    pipelines = {sources: load_pipeline(DEFAULT_MODEL, relation_sources=sources) for sources in ("both", "model")}
    for k in range(folds):
        held = [d for d in documents if fold_of(d, folds) == k]
        rest = [d for d in documents if fold_of(d, folds) != k]
        fit = [d for d in rest if fold_of(d, 5, salt="tune") != 0]
        tune = [d for d in rest if fold_of(d, 5, salt="tune") == 0]
        verifier = train_verifier(rules, fit, tune)
        checked = load_pipeline(DEFAULT_MODEL, relation_sources="patterns")
        checked.get_pipe("tipgraph_entities").verifier = verifier  # type: ignore[attr-defined]
        model = train_relation_model(checked, fit, tune)
        free = free_additions(checked, model, tune)
        for name, (sources, change) in VARIANTS.items():
            nlp = pipelines[sources]
            nlp.get_pipe("tipgraph_entities").verifier = verifier  # type: ignore[attr-defined]
            nlp.get_pipe("tipgraph_relations").model = change(model, free)  # type: ignore[attr-defined]
            result = score_documents(scorer, nlp, held, out / f"fold{k}" / name.replace(" ", "-"), False)
            _add(totals[name], result)
        _add(totals["rules alone"], score_documents(scorer, rules, held, out / f"fold{k}" / "rules-alone", False))
        print(f"fold {k + 1}/{folds}: {len(held)} held out, {len(fit)} to fit, {len(tune)} to tune; {free}", flush=True)
    return {name: {key: scorer.prf(*tally) for key, tally in keys.items()} for name, keys in totals.items()}


def _add(totals: dict, result: dict) -> None:
    for key, value in result.items():
        if isinstance(value, dict) and "tp" in value:
            tally = totals.setdefault(key, [0, 0, 0])
            for i, part in enumerate(("tp", "fp", "fn")):
                tally[i] += value[part]
