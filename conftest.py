"""Fixtures shared by the tests and by the docstring examples of the packages.

The examples in docstrings (``tests/test_docstrings.py``) use the outputs of a
build (``build/graph.ttl``), as a user would: they run in a temporary folder that
holds a build of the seeds.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from tipgraph.extractors.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """The outputs of ``build_corpus`` over ``seeds/``: (summary, output folder)."""
    from tipgraph.graph.build.corpus import build_corpus

    out = tmp_path_factory.mktemp("seeds-build")
    summary = build_corpus([SEEDS], out)
    return summary, out


@pytest.fixture(scope="session")
def seeds_rdf(seeds_build):
    from tipgraph.graph.model.rdf import read_turtle

    _, out = seeds_build
    return read_turtle(out / "graph.ttl")


@pytest.fixture(scope="session")
def seed_scores(seeds_build):
    """The shared scorer's verdict (``../shared/eval/score.py``) on the seeds' build."""
    from benchmarks.quality import SHARED_EVAL, load_scorer

    scorer = load_scorer()
    _, out = seeds_build
    return scorer.score(scorer.GraphView(out / "graph.ttl"), SHARED_EVAL / "gold")


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: nothing may be skipped silently."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("CI") and reporter and reporter.stats.get("skipped"):
        reporter.write_line("CI: skipped tests are not allowed here; failing the run", red=True)
        session.exitstatus = 1
