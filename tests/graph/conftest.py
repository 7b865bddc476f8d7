"""Fixtures the build's failure tests share: a pipeline that fails on marked text, and reads that carry the mark."""

from __future__ import annotations

import pytest

from tipgraph.graph.build import corpus as build_module

from .failing_pipeline import MarkedSource, save_failing_pipeline


@pytest.fixture(scope="module")
def failing_model(tmp_path_factory):
    return save_failing_pipeline(tmp_path_factory.mktemp("failing-model") / "pipeline")


@pytest.fixture
def marked_reads(monkeypatch):
    """Every file is read as a MarkedSource, so worker processes register the failing component."""
    read_source = build_module.read_source
    monkeypatch.setattr(build_module, "read_source", lambda path: MarkedSource.of(read_source(path)))
