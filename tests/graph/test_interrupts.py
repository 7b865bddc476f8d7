"""Ctrl-C and runaway queries (issue 17): one line, whenever it comes, and no query outlives its --timeout."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

TIPGRAPH = Path(sys.executable).parent / "tipgraph"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def default_sigint() -> None:
    """In the child: Ctrl-C as a terminal gives it, even when the test runner's shell ignores SIGINT."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def start(arguments: list[str]) -> subprocess.Popen:
    return subprocess.Popen(
        [str(TIPGRAPH), *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_sigint,
    )


def test_ctrl_c_while_the_command_is_still_loading_is_one_line():
    process = start(["queries"])
    time.sleep(0.6)  # the entry point has started; spaCy, rdflib and Oxigraph are still being imported
    assert process.poll() is None, "the command finished before it could be interrupted"
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    assert "Traceback" not in errors
    assert len(errors.strip().splitlines()) <= 1, errors
    assert process.returncode in (130, 1), errors


def test_a_runaway_query_stops_at_its_timeout(seeds_build):
    _, out = seeds_build
    began = time.monotonic()
    finished = subprocess.run(
        [str(TIPGRAPH), "query", str(out / "graph.ttl"), CROSS_JOIN, "--timeout", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert finished.returncode == 1
    assert finished.stderr.startswith("error: the query ran longer than 1 seconds") and "--timeout" in finished.stderr
    assert time.monotonic() - began < 60


def test_ctrl_c_stops_a_runaway_query_at_once(seeds_build):
    _, out = seeds_build
    began = time.monotonic()
    subprocess.run([str(TIPGRAPH), "query", str(out / "graph.ttl"), "places"], capture_output=True, timeout=120)
    startup = time.monotonic() - began  # loading and one quick query: the runaway one is running after this
    process = start(["query", str(out / "graph.ttl"), CROSS_JOIN])
    time.sleep(startup + 2)
    assert process.poll() is None
    process.send_signal(signal.SIGINT)
    interrupted = time.monotonic()
    _, errors = process.communicate(timeout=60)
    assert time.monotonic() - interrupted < 20, "Ctrl-C waited for the query (which would run for hours)"
    assert process.returncode != 0 and "Traceback" not in errors and len(errors.strip().splitlines()) <= 1
