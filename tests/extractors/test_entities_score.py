"""The scorer's verdict on the seed build: the targets of issue 3 hold."""

from __future__ import annotations


def test_strict_entity_f1_and_precision_meet_the_target(seed_scores):
    strict = seed_scores["entities.strict"]
    assert strict["f1"] >= 0.90, strict
    assert strict["precision"] >= 0.90, strict


def test_entity_jurisdictions_meet_the_target(seed_scores):
    assert seed_scores["entities.country"]["f1"] >= 0.90, seed_scores["entities.country"]


def test_no_seed_document_is_missing_from_the_graph(seed_scores):
    assert seed_scores["missing_documents"] == []
