"""Worker processes: they die with the build, and one that dies costs the build its document only.

The dying worker is the real pipeline plus a test component that kills its own
process (SIGKILL, as the out-of-memory killer does) on a marker word
(``failing_pipeline.py``); the orphan test starts a real ``tipgraph build
--workers 2`` and kills it.
"""

from __future__ import annotations

import hashlib
import signal
import subprocess
import time

import psutil
import pytest
from typer.testing import CliRunner

from tipgraph.graph.build.cache import CACHE_DIR
from tipgraph.graph.build.parallel import WorkerDied
from tipgraph.graph.cli.main import app

from .failing_pipeline import DIE, DIE_ONCE, DIE_ONCE_FLAG
from .test_isolation import GOOD, document_names
from .test_kill import TIPGRAPH, cached_records, make_corpus

runner = CliRunner()

DYING = "The Border Guard Command worked with IOM on the Mekong crossings. " + DIE + "\n"
ONCE = "Caritas funded shelters run by the Women's Union for girls returned from Malaysia. " + DIE_ONCE + "\n"


@pytest.fixture
def corpus(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in GOOD.items():
        (docs / name).write_text(text, encoding="utf-8")
    (docs / "04-dies.txt").write_text(DYING, encoding="utf-8")
    (docs / "02-dies-once.txt").write_text(ONCE, encoding="utf-8")
    return docs


def test_a_worker_that_dies_costs_the_build_its_document_only(
    failing_model, marked_reads, corpus, tmp_path, monkeypatch
):
    monkeypatch.setenv(DIE_ONCE_FLAG, str(tmp_path / "died-once"))
    out = tmp_path / "out"
    args = ["build", str(corpus), "--out", str(out), "--model", failing_model, "--workers", "2"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (tmp_path / "died-once").exists()  # a worker did die on that document, and its retry worked
    reason = WorkerDied("", (), "").reason
    assert f"skipped {corpus / '04-dies.txt'}: {reason}" in result.output, result.output
    assert "read 4 documents, skipped 1" in result.output
    assert "Traceback" not in result.output
    assert document_names(out) == set(GOOD) | {"02-dies-once.txt"}
    cached = {path.stem for path in (out / CACHE_DIR).glob("*.json")}
    assert cached == {hashlib.sha256(text.encode()).hexdigest() for text in [*GOOD.values(), ONCE]}


def descendants(pid: int) -> list[psutil.Process]:
    try:
        return psutil.Process(pid).children(recursive=True)
    except psutil.NoSuchProcess:
        return []


def alive(process: psutil.Process) -> bool:
    try:
        return process.is_running() and process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_the_workers_die_with_a_killed_build(tmp_path, sig):
    corpus = make_corpus(tmp_path / "docs", 30, "Orphan check")
    out = tmp_path / "out"
    build = subprocess.Popen(
        [str(TIPGRAPH), "build", str(corpus), "--out", str(out), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 300
    while cached_records(out) < 2:  # both workers are up, with their model loaded
        assert build.poll() is None, "the build ended before it could be killed"
        assert time.monotonic() < deadline, "the build never started extracting"
        time.sleep(0.05)
    children = descendants(build.pid)
    assert len([c for c in children if alive(c)]) >= 2, children  # two workers (and the resource tracker)
    build.send_signal(sig)
    build.wait(timeout=60)
    deadline = time.monotonic() + 15
    while any(alive(child) for child in children) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [(c.pid, c.cmdline()) for c in children if alive(c)]
    assert not left, f"processes of the killed build still alive: {left}"


def test_on_dask_a_document_that_keeps_killing_workers_is_skipped_and_the_others_kept(
    failing_model, marked_reads, corpus, tmp_path, monkeypatch
):
    distributed = pytest.importorskip("distributed")
    import dask

    monkeypatch.setenv(DIE_ONCE_FLAG, str(tmp_path / "died-once"))
    # The scheduler gives up on a task at the first death (the default is after three), so
    # the test sees tipgraph's own retry; the scheduler runs in this process with a LocalCluster.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}):
        with distributed.LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=":0") as cluster:
            out = tmp_path / "out"
            args = [
                "build",
                str(corpus),
                "--out",
                str(out),
                "--model",
                failing_model,
                "--dask",
                cluster.scheduler_address,
            ]
            result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert f"skipped {corpus / '04-dies.txt'}: {WorkerDied('', (), '').reason}" in result.output, result.output
    assert document_names(out) == set(GOOD) | {"02-dies-once.txt"}


FREEZE_COUNT = """
import gc, sys
from tipgraph.graph.build import parallel, workers
if sys.argv[1] == "program":
    workers.freeze_loaded_models()
parallel.pipeline_for(parallel.load_pipeline.__defaults__[0])
print(gc.get_freeze_count())
"""


@pytest.mark.parametrize("caller, frozen", [("library", False), ("program", True)])
def test_loading_the_model_freezes_the_collector_only_when_the_program_asks(caller, frozen):
    """A notebook that loads the pipeline keeps its collector as it was; ``tipgraph build`` and its workers freeze."""
    import sys

    output = subprocess.run([sys.executable, "-c", FREEZE_COUNT, caller], capture_output=True, text=True, check=True)
    assert (int(output.stdout.split()[-1]) > 100_000) is frozen, output.stdout
