"""A build killed midway (SIGKILL or Ctrl-C) leaves the previous outputs whole; the next run resumes.

A real ``tipgraph build`` subprocess is started over a corpus big enough to
take a while, and killed once it has extracted a few documents (its record
cache has grown) but before it has finished.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from rdflib.compare import isomorphic

from tipgraph.graph.build.cache import CACHE_DIR
from tipgraph.graph.build.corpus import build_corpus
from tipgraph.graph.build.outputs import OUTPUT_FILES
from tipgraph.graph.model.rdf import read_turtle

from ..conftest import SEEDS

TIPGRAPH = Path(sys.executable).parent / "tipgraph"


def make_corpus(folder: Path, documents: int, title: str) -> Path:
    """``documents`` distinct documents mixing the seeds' paragraphs in varied orders."""
    paragraphs = [
        p
        for seed in sorted(SEEDS.glob("*.txt"))
        for p in seed.read_text(encoding="utf-8").split("\n\n")
        if len(p) > 200
    ]
    folder.mkdir(parents=True)
    for number in range(documents):
        chosen = [paragraphs[(number * 7 + k * 3) % len(paragraphs)] for k in range(6)]
        (folder / f"doc{number:03d}.txt").write_text(
            f"{title} {number}\n\n" + "\n\n".join(chosen) + "\n", encoding="utf-8"
        )
    return folder


@pytest.fixture(scope="module")
def previous_build(tmp_path_factory):
    """An output folder holding a complete build of one seed: the outputs a killed run must not spoil."""
    root = tmp_path_factory.mktemp("kill")
    out = root / "out"
    build_corpus([SEEDS / "000_d7ebc8095375f6f8.txt"], out)
    return root, out


def outputs_of(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUT_FILES.values()}


def cached_records(out: Path) -> int:
    folder = out / CACHE_DIR
    return len(list(folder.glob("*.json"))) if folder.is_dir() else 0


def default_sigint() -> None:
    """In the child: Ctrl-C as a terminal gives it, whatever the test runner's shell set."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start_and_kill_midway(corpus: Path, out: Path, sig: int) -> subprocess.Popen:
    before = cached_records(out)
    process = subprocess.Popen(
        [str(TIPGRAPH), "build", str(corpus), "--out", str(out)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        preexec_fn=default_sigint,  # a shell that runs the tests in the background ignores SIGINT, and so would the build
    )
    deadline = time.monotonic() + 300
    while cached_records(out) < before + 2:
        assert process.poll() is None, "the build ended before it could be killed: " + process.stdout.read().decode()
        assert time.monotonic() < deadline, "the build never started extracting"
        time.sleep(0.05)
    process.send_signal(sig)
    process.wait(timeout=60)
    assert cached_records(out) < before + len(list(corpus.iterdir())), "the build had already finished extracting"
    return process


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_a_build_killed_midway_leaves_the_previous_outputs_and_the_next_run_resumes(previous_build, sig):
    root, out = previous_build
    corpus = make_corpus(root / f"corpus-{sig.name}", 16, title=f"Report {sig.name}")
    before = outputs_of(out)
    records_before = cached_records(out)
    old_graph = read_turtle(out / "graph.ttl")

    process = start_and_kill_midway(corpus, out, sig)

    assert process.returncode != 0
    assert outputs_of(out) == before, "an output changed although the build never finished"
    assert isomorphic(read_turtle(out / "graph.ttl"), old_graph)
    visible = sorted(p.name for p in out.iterdir() if not p.name.startswith("."))
    assert visible == sorted(OUTPUT_FILES.values()), "a stray file a reader could take for an output"
    if sig == signal.SIGINT:  # an interrupted writer tidies up; a killed one cannot
        assert not list(out.rglob("*.tmp"))

    extracted_before_kill = cached_records(out) - records_before
    rerun = subprocess.run(
        [str(TIPGRAPH), "build", str(corpus), "--out", str(out)], capture_output=True, text=True, timeout=600
    )
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert "read 16 documents, skipped 0" in rerun.stdout
    # (Editing extractor code between the two runs changes the cache key and re-extracts everything.)
    resumed = f"extracted {16 - extracted_before_kill} documents, {extracted_before_kill} from the cache"
    assert resumed in rerun.stdout, [line for line in rerun.stdout.splitlines() if line.startswith("extracted")]
    assert not list(out.rglob("*.tmp")), "temporary files of the killed run were not tidied"
    assert len(list(read_turtle(out / "graph.ttl").subjects(None, None))) > 0
