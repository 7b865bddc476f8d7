"""A real Dask cluster, started as the README says: one worker killed mid-build, nothing lost.

A ``dask scheduler`` and two ``dask worker`` processes run on 127.0.0.1, from
the commands of the README's multi-machine section (with a free port, no
dashboard and one worker process per command); ``tipgraph build --dask
tcp://127.0.0.1:PORT`` builds the seeds and part of the corpus's train split
while one worker, its nanny included, is killed, as when a machine goes.
"""

from __future__ import annotations

import json
import shlex
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from rdflib.compare import isomorphic

from tipgraph.graph.build.corpus import build_corpus
from tipgraph.graph.model.rdf import read_turtle

from ..conftest import ROOT, SEEDS
from .test_kill import cached_records

distributed = pytest.importorskip("distributed")

BIN = Path(sys.executable).parent
# Only the options a test on one machine needs beside the README's: a free port, no dashboard.
LOCAL_SCHEDULER = ["--host", "127.0.0.1", "--port", "0", "--no-dashboard"]


def readme_cluster_commands() -> dict[str, list[str]]:
    """The ``dask scheduler``, ``dask worker`` and ``tipgraph build`` lines of the README's multi-machine block
    (the one marked ``<!-- other-machines -->``)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("<!-- other-machines -->", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    commands = {}
    for line in block.splitlines():
        words = shlex.split(line.split("#", 1)[0])
        if words and Path(words[0]).name in ("dask", "tipgraph"):  # ".venv/bin/tipgraph" as typed here
            words[0] = Path(words[0]).name
            commands[" ".join(words[:2])] = words
    return commands


def as_run_here(words: list[str], address: str, **replace: str) -> list[str]:
    """A README command with this machine's scheduler address and the folders of the test."""
    program, command, *arguments = (w.replace("tcp://SCHEDULER:8786", address) for w in words)
    return [str(BIN / program), command, *(replace.get(w, w) for w in arguments)]


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """The scheduler's address and the two ``dask worker`` processes."""
    commands = readme_cluster_commands()
    assert set(commands) == {"dask scheduler", "dask worker", "tipgraph build"}, commands
    folder = tmp_path_factory.mktemp("cluster")
    scheduler_file = folder / "scheduler.json"
    started = [
        subprocess.Popen(
            [*as_run_here(commands["dask scheduler"], ""), *LOCAL_SCHEDULER, "--scheduler-file", str(scheduler_file)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not scheduler_file.exists() or not scheduler_file.read_text():
            assert time.monotonic() < deadline, "the scheduler did not start"
            time.sleep(0.1)
        time.sleep(0.2)  # the file is written in one go, but give it a moment
        address = json.loads(scheduler_file.read_text())["address"]
        worker = as_run_here(commands["dask worker"], address, **{"4": "1"})  # one worker process per command
        for _ in range(2):
            started.append(
                subprocess.Popen([*worker, "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            )
        with distributed.Client(address, timeout=30) as client:
            client.wait_for_workers(2, timeout=120)
        yield address, started[1:], commands["tipgraph build"]
    finally:
        for process in reversed(started):
            tree = [process, *psutil.Process(process.pid).children(recursive=True)] if process.poll() is None else []
            for member in tree:
                member.terminate()
            psutil.wait_procs(tree, timeout=20)


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    """The seeds and every third document of the train split, and their single-process build."""
    folder = tmp_path_factory.mktemp("archive") / "docs"
    folder.mkdir()
    for seed in SEEDS.glob("*.txt"):
        shutil.copy(seed, folder)
    train = json.loads((ROOT / "corpus" / "splits.json").read_text(encoding="utf-8"))["splits"]["train"]
    for name in train[::3]:
        shutil.copy(ROOT / "corpus" / "docs" / name, folder)
    local = folder.parent / "local"
    build_corpus([folder], local)
    return folder, read_turtle(local / "graph.ttl")


def kill_tree(process: subprocess.Popen) -> None:
    tree = [psutil.Process(process.pid), *psutil.Process(process.pid).children(recursive=True)]
    for member in tree:
        member.send_signal(signal.SIGKILL)
    psutil.wait_procs(tree, timeout=20)


def test_a_build_on_a_real_cluster_survives_a_dead_worker_and_is_the_local_graph(cluster, archive, tmp_path):
    address, workers, build_command = cluster
    folder, local = archive
    out = tmp_path / "out"
    build = subprocess.Popen(
        as_run_here(build_command, address, **{"archive/": str(folder), "build": str(out)}),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    total = len(list(folder.iterdir()))
    deadline = time.monotonic() + 300
    while cached_records(out) < 1:
        assert build.poll() is None, "the build ended before a worker could be killed: " + build.stdout.read()
        assert time.monotonic() < deadline, "the build never started extracting"
        time.sleep(0.05)
    kill_tree(workers[0])  # one machine gone, mid-build
    assert cached_records(out) < total, "the build had already finished extracting"
    output, _ = build.communicate(timeout=600)
    assert build.returncode == 0, output
    assert f"extracted {total} documents" in output, output
    assert f"read {total} documents, skipped 0" in output, output
    assert isomorphic(read_turtle(out / "graph.ttl"), local)
