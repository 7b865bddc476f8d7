"""The annotated corpus: every gold file follows the guide, the splits are whole, the scorer agrees."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from benchmarks.quality import load_scorer
from tipgraph.extractors.training.corpus import PURPOSES, Corpus, problems, repeated_relations
from tipgraph.extractors.training.gold_graph import gold_graph
from tipgraph.extractors.training.sources import sources_markdown
from tipgraph.extractors.training.splits import assign_splits

from ..conftest import ROOT

CORPUS = ROOT / "corpus"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return Corpus.load(CORPUS)


def test_every_gold_file_follows_the_guide(corpus):
    found = {doc.name: list(problems(doc)) for doc in corpus.documents}
    assert {name: p for name, p in found.items() if p} == {}


def test_the_corpus_is_as_large_and_varied_as_asked(corpus):
    docs = corpus.documents
    genres = Counter(d.genre for d in docs)
    cables = [d for d in docs if d.genre == "cable"]
    reports = [d for d in docs if d.genre == "report"]
    news = [d for d in docs if d.genre == "news"]
    assert len(docs) >= 100
    assert (
        genres["cable"] >= 35 and len({d.meta["post"] for d in cables}) >= 10 and len({d.region for d in cables}) >= 5
    )
    assert genres["report"] >= 30 and len({d.meta["country"] for d in reports}) >= 25
    assert genres["news"] >= 25 and len({d.region for d in news}) >= 5
    assert sum(len(d.text) > 20_000 for d in docs) >= 5
    assert sum(len(d.gold["entities"]) for d in docs) >= 2000
    relations = [r for d in docs for r in d.gold["relations"]]
    assert len(relations) >= 500
    assert {r["type"] for r in relations} == {"cooperation", "funding", "route"}
    assert {p for r in relations for p in r.get("purposes", [])} >= set(PURPOSES) - {"unspecified"}


def test_every_document_has_its_metadata_and_a_row_in_sources(corpus):
    required = {"document", "source", "title", "date", "genre", "region", "country", "licence", "why"}
    assert [d.name for d in corpus.documents if not required <= set(d.meta)] == []
    assert (CORPUS / "SOURCES.md").read_text(encoding="utf-8") == sources_markdown(corpus), (
        "run: python -m tipgraph.extractors.training.sources corpus"
    )


def test_the_splits_hold_every_document_once_and_keep_groups_together(corpus):
    placed = [name for names in corpus.splits.values() for name in names]
    assert sorted(placed) == sorted(d.name for d in corpus.documents)
    assert len(placed) == len(set(placed))
    assert assign_splits(corpus.documents, corpus.splits) == corpus.splits  # nothing moves once placed
    for split in corpus.splits:
        assert {d.genre for d in corpus.split(split)} == {"cable", "report", "news"}
    share = len(corpus.splits["test"]) / len(placed)
    assert 0.15 <= share <= 0.3


def test_a_new_document_never_moves_a_placed_one(corpus):
    first = assign_splits(corpus.documents[:-10])
    again = assign_splits(corpus.documents, first)
    for split, names in first.items():
        assert set(names) <= set(again[split])


def test_the_scorer_gives_gold_turned_into_a_graph_full_marks(corpus, tmp_path):
    scorer = load_scorer()
    graph = tmp_path / "gold.ttl"
    gold_graph(corpus.documents).serialize(graph, format="turtle")
    result = scorer.score(scorer.GraphView(graph), CORPUS / "gold")
    for key in ("entities.strict", "entities.country", "relations.all", "routes.purposes", "routes.victims"):
        assert result[key]["f1"] == 1.0, (key, result[key])


def test_a_repeated_relation_is_found():
    gold = {
        "relations": [
            {"type": "cooperation", "between": ["a", "b", "c"]},
            {"type": "cooperation", "between": ["b", "a"]},
            {"type": "route", "origin": ["x"], "destination": ["y", "r"]},
            {"type": "route", "origin": ["x", "z"], "destination": ["r"]},
            {"type": "route", "origin": ["x"], "destination": ["q"]},
        ]
    }
    assert repeated_relations(gold) == [(0, 1), (2, 3)]


def test_the_double_annotation_covers_ten_documents_of_every_genre():
    second = Corpus.load(CORPUS, gold_folder="gold-second")
    assert len(second.documents) >= 10
    assert {d.genre for d in second.documents} == {"cable", "report", "news"}
    assert all(not list(problems(d)) or all("repeats" in p for p in problems(d)) for d in second.documents)


def test_the_test_split_is_never_shown_with_errors():
    from benchmarks import quality

    with pytest.raises(SystemExit):
        quality.main(["--only", "test", "--show-errors", "test"])


def test_splits_file_says_the_test_split_is_locked():
    assert "locked" in json.loads((CORPUS / "splits.json").read_text())["comment"]
