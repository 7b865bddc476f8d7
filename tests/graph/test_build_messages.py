"""What a build says while it starts (issue 17): its --help names every document type; the model's loading is announced."""

from __future__ import annotations

from typer.testing import CliRunner

from tipgraph.graph.build.corpus import build_corpus
from tipgraph.graph.build.progress import LOADING_MODEL, BuildReporter
from tipgraph.graph.cli.main import app


def test_build_help_lists_every_document_type_it_reads():
    help_text = " ".join(CliRunner().invoke(app, ["build", "--help"]).output.replace("│", " ").split())
    for suffix in (".txt", ".md", ".html", ".htm", ".pdf"):
        assert suffix + "," in help_text or suffix + ")" in help_text, suffix


class Recorder(BuildReporter):
    def __init__(self) -> None:
        self.events: list[str] = []

    def stage(self, name: str) -> None:
        self.events.append(f"stage {name}")

    def advance(self, name: str, outcome: str) -> None:
        self.events.append(outcome)


def test_the_model_loading_is_announced_before_the_first_document_and_only_when_it_loads(tmp_path):
    documents = tmp_path / "docs"
    documents.mkdir()
    (documents / "brief.txt").write_text(
        "Provincial border guards and IOM staff screened returnees at the Lao Cai crossing.\n", encoding="utf-8"
    )
    first = Recorder()
    build_corpus([documents], tmp_path / "out", progress=first)
    assert first.events[:2] == [f"stage {LOADING_MODEL}", "extracted"]
    again = Recorder()
    build_corpus([documents], tmp_path / "out", progress=again)  # all from the cache: no model to load
    assert f"stage {LOADING_MODEL}" not in again.events and again.events[0] == "cached"
