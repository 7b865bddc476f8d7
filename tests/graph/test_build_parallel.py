"""Parallel and streamed extraction: the same graph with any number of workers, never the whole corpus in memory."""

from __future__ import annotations

import pytest
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from tipgraph.extractors.ingest.document import SourceDocument
from tipgraph.graph.build import corpus as build_module
from tipgraph.graph.build.corpus import build_corpus
from tipgraph.graph.build.parallel import batches
from tipgraph.graph.build.progress import BuildReporter
from tipgraph.graph.cli.main import app
from tipgraph.graph.model.rdf import read_turtle

from ..conftest import SEEDS


def test_two_worker_processes_build_the_same_graph_as_one(seeds_build, seeds_rdf, tmp_path):
    _, one_worker = seeds_build
    summary = build_corpus([SEEDS], tmp_path, workers=2, use_cache=False)
    assert summary.extracted == 5
    assert summary.documents == sorted(p.name for p in SEEDS.glob("*.txt"))  # the order files were found in
    assert isomorphic(read_turtle(tmp_path / "graph.ttl"), seeds_rdf)
    assert (tmp_path / "graph.ttl").read_bytes() == (one_worker / "graph.ttl").read_bytes()


@pytest.mark.parametrize(
    "sizes, documents, characters, expected",
    [
        ([10] * 20, 8, 10_000, [8, 8, 4]),  # closed by count
        ([4000] * 5, 8, 10_000, [3, 2]),  # closed by size: 12,000 >= 10,000
        ([50_000, 10, 10], 8, 10_000, [1, 2]),  # one long document travels alone
        ([], 8, 10_000, []),
    ],
)
def test_batches_close_at_a_count_or_a_size(sizes, documents, characters, expected):
    sources = (SourceDocument.from_text(f"{i}.txt", "x" * size) for i, size in enumerate(sizes))
    assert [len(b) for b in batches(sources, documents, characters)] == expected


def test_the_build_reads_documents_as_it_extracts_them(tmp_path, monkeypatch):
    """At no time are more than a batch or two of texts read ahead of extraction."""
    docs = tmp_path / "docs"
    docs.mkdir()
    for index in range(40):
        (docs / f"{index:02d}.txt").write_text(
            f"Report {index}. IOM cooperates with UNICEF in Laos.\n", encoding="utf-8"
        )
    reads = []
    read_source = build_module.read_source

    def counting(path):
        reads.append(path)
        return read_source(path)

    class AheadOfExtraction(BuildReporter):
        done = 0
        most = 0

        def advance(self, name, outcome):
            self.done += 1
            self.most = max(self.most, len(reads) - self.done)

    monkeypatch.setattr(build_module, "read_source", counting)
    reporter = AheadOfExtraction()
    build_corpus([docs], tmp_path / "out", progress=reporter)
    assert reporter.done == 40
    assert reporter.most <= 16


def test_the_command_takes_workers_and_rebuild_and_reports_the_stages(tmp_path):
    runner = CliRunner()
    seed = str(SEEDS / "003_b65baa20bd05a1e3.txt")
    first = runner.invoke(app, ["build", seed, "--out", str(tmp_path), "--workers", "1"])
    assert first.exit_code == 0, first.output
    assert "extracted 1 documents, 0 from the cache" in first.output
    for stage in ("read", "extract", "resolve", "write turtle", "write html"):
        assert f"{stage} " in first.output.split("seconds:")[1]
    again = runner.invoke(app, ["build", seed, "--out", str(tmp_path)])
    assert "extracted 0 documents, 1 from the cache" in again.output
    forced = runner.invoke(app, ["build", seed, "--out", str(tmp_path), "--rebuild"])
    assert "extracted 1 documents, 0 from the cache" in forced.output


def test_zero_workers_is_refused(tmp_path):
    result = CliRunner().invoke(app, ["build", str(SEEDS), "--out", str(tmp_path), "--workers", "0"])
    assert result.exit_code != 0
    assert "--workers" in result.output
