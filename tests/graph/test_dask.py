"""Extraction on a real Dask distributed cluster gives the same graph as a local build."""

from __future__ import annotations

import pytest
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from tipgraph.extractors.ingest.document import SourceDocument
from tipgraph.extractors.pipeline import DEFAULT_MODEL
from tipgraph.graph.build.corpus import build_corpus
from tipgraph.graph.build.distributed import DaskEngine, DaskUnavailable
from tipgraph.graph.build.parallel import PipelineMismatch
from tipgraph.graph.cli.main import app
from tipgraph.graph.model.rdf import read_turtle

from ..conftest import SEEDS

distributed = pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def scheduler():
    """The address of a two-worker LocalCluster (separate processes, as on real machines)."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def test_a_build_on_the_cluster_is_the_local_graph(scheduler, seeds_build, seeds_rdf, tmp_path):
    _, local = seeds_build
    summary = build_corpus([SEEDS], tmp_path, dask=scheduler)
    assert summary.extracted == 5
    assert isomorphic(read_turtle(tmp_path / "graph.ttl"), seeds_rdf)
    assert (tmp_path / "graph.ttl").read_bytes() == (local / "graph.ttl").read_bytes()
    again = build_corpus([SEEDS], tmp_path, dask=scheduler)  # cached: the cluster is not needed
    assert (again.extracted, again.cached) == (0, 5)


def test_both_workers_take_part(scheduler):
    engine = DaskEngine(scheduler, DEFAULT_MODEL, expected_fingerprint="")
    client = engine.connect()
    try:
        workers = client.scheduler_info()["workers"]
        assert len(workers) == 2
    finally:
        engine.close()


def test_a_worker_with_another_pipeline_is_refused(scheduler):
    engine = DaskEngine(scheduler, DEFAULT_MODEL, expected_fingerprint="0:another-model:9.9")
    source = SourceDocument.from_text("note.txt", "UNICEF cooperates with IOM in Laos.")
    with pytest.raises(PipelineMismatch, match="same tipgraph and spaCy model"):
        list(engine([source]))
    engine.close()


def test_the_command_runs_on_a_scheduler_address(scheduler, tmp_path):
    result = CliRunner().invoke(
        app, ["build", str(SEEDS / "004_e37529739da23d78.txt"), "--out", str(tmp_path), "--dask", scheduler]
    )
    assert result.exit_code == 0, result.output
    assert "extracted 1 documents" in result.output


def test_an_unreachable_scheduler_is_one_clear_error():
    engine = DaskEngine("tcp://127.0.0.1:9", DEFAULT_MODEL, expected_fingerprint="", timeout=1)
    with pytest.raises(DaskUnavailable, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        list(engine([SourceDocument.from_text("note.txt", "IOM in Laos.")]))


def test_dask_local_starts_and_stops_its_own_cluster(tmp_path):
    seed = SEEDS / "003_b65baa20bd05a1e3.txt"
    on_cluster = build_corpus([seed], tmp_path / "dask", dask="local", workers=2)
    in_process = build_corpus([seed], tmp_path / "local")
    assert on_cluster.extracted == in_process.extracted == 1
    assert isomorphic(read_turtle(tmp_path / "dask" / "graph.ttl"), read_turtle(tmp_path / "local" / "graph.ttl"))
