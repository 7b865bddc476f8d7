"""The scorer's verdict on the seed build: the targets of issue 3 hold."""

from __future__ import annotations

import importlib.util

import pytest

from ..conftest import ROOT

SCORE = ROOT.parent / "shared" / "eval" / "score.py"
GOLD = ROOT.parent / "shared" / "eval" / "gold"


@pytest.fixture(scope="module")
def seed_scores(seeds_build):
    spec = importlib.util.spec_from_file_location("tipgraph_score", SCORE)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    _, out = seeds_build
    return score.score(score.GraphView(out / "graph.ttl"), GOLD)


def test_strict_entity_f1_and_precision_meet_the_target(seed_scores):
    strict = seed_scores["entities.strict"]
    assert strict["f1"] >= 0.90, strict
    assert strict["precision"] >= 0.90, strict


def test_entity_jurisdictions_meet_the_target(seed_scores):
    assert seed_scores["entities.country"]["f1"] >= 0.90, seed_scores["entities.country"]


def test_no_seed_document_is_missing_from_the_graph(seed_scores):
    assert seed_scores["missing_documents"] == []
