"""Shared fixtures: the pipeline and a graph built once from the seed corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED_EVAL = ROOT.parent / "shared" / "eval"


@pytest.fixture(scope="session")
def nlp():
    from extractors.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def seeds_build(tmp_path_factory):
    """The outputs of ``build_corpus`` over ``seeds/``: (summary, output folder)."""
    from graph.build import build_corpus

    out = tmp_path_factory.mktemp("seeds-build")
    summary = build_corpus([SEEDS], out)
    return summary, out


@pytest.fixture(scope="session")
def seeds_rdf(seeds_build):
    from graph.rdf import read_turtle

    _, out = seeds_build
    return read_turtle(out / "graph.ttl")


def pytest_sessionfinish(session, exitstatus):
    """In CI a skipped test is a failure: nothing may be skipped silently."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("CI") and reporter and reporter.stats.get("skipped"):
        reporter.write_line("CI: skipped tests are not allowed here; failing the run", red=True)
        session.exitstatus = 1
