"""What the query, export and review commands accept and print (issue 17): formats, engines, widths."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tipgraph.graph.cli.main import ExportFormat, app
from tipgraph.graph.exports import FORMATS as EXPORT_FORMATS

from ..conftest import SEEDS

runner = CliRunner()


@pytest.mark.parametrize(
    "arguments, valid",
    [
        (["query", "{ttl}", "places", "--format", "xlsx"], "'table', 'csv', 'json'"),
        (["query", "{ttl}", "places", "--format", "xml"], "'table', 'csv', 'json'"),
        (["query", "{ttl}", "places", "--engine", "jena"], "'auto', 'oxigraph', 'rdflib'"),
        (["export", "{ttl}", "--format", "xml", "--out", "{out}/x.xml"], "'gexf', 'graphml', 'csv', 'jsonld'"),
        (["review", "{out}", "--format", "html"], "'text', 'yaml'"),
    ],
)
def test_an_unknown_format_or_engine_is_refused_with_the_valid_values(seeds_build, tmp_path, arguments, valid):
    _, out = seeds_build
    filled = [a.format(ttl=out / "graph.ttl", out=tmp_path) for a in arguments]
    result = runner.invoke(app, filled)
    assert result.exit_code == 2, result.output
    assert valid in " ".join(result.output.replace("│", " ").split())
    assert "(0 rows)" not in result.output and "rows)" not in result.output
    assert not list(tmp_path.iterdir())


def test_the_export_choices_are_the_library_formats():
    assert sorted(f.value for f in ExportFormat) == sorted(EXPORT_FORMATS)


# --- What reaches a terminal or a pipe: real processes ------------------------------------------

TIPGRAPH = Path(sys.executable).parent / "tipgraph"
HOSTILE_TTL = """@prefix tg: <https://w3id.org/tipgraph/ontology#> .
@prefix tgr: <https://w3id.org/tipgraph/resource/> .
<https://w3id.org/tipgraph/resource/statement/s1> a tg:Cooperation ;
  tg:evidence "The provincial police met the shelter staff.\\u001b[2J\\u001b]0;owned\\u0007\\u001b]52;c;ZXZpbA==\\u0007 Then they left.\\u009b31m" .
"""
EVIDENCE = "SELECT ?evidence WHERE { ?s tg:evidence ?evidence }"


def on_a_terminal(arguments: list[str]) -> tuple[bytes, int]:
    """What ``tipgraph ARGUMENTS`` writes to a terminal (a pseudo-terminal), and its exit code."""
    leader, follower = pty.openpty()
    process = subprocess.Popen(
        [str(TIPGRAPH), *arguments], stdout=follower, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the process closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    return b"".join(chunks), process.wait(timeout=120)


def test_control_sequences_in_the_data_reach_a_terminal_as_visible_text(tmp_path):
    graph = tmp_path / "hostile.ttl"
    graph.write_text(HOSTILE_TTL, encoding="utf-8")
    for fmt in ("table", "csv", "json"):
        printed, code = on_a_terminal(["query", str(graph), EVIDENCE, "--format", fmt])
        assert code == 0, printed
        assert b"\x1b" not in printed and b"\x07" not in printed and "\x9b".encode() not in printed, fmt
        assert b"shelter staff" in printed and b"owned" in printed
    piped = subprocess.run([str(TIPGRAPH), "query", str(graph), EVIDENCE, "--format", "csv"], capture_output=True)
    assert b"\x1b]0;owned\x07" in piped.stdout  # the data itself is unchanged in a pipe


def test_extract_shows_a_document_with_escapes_harmlessly(tmp_path):
    document = tmp_path / "memo.txt"
    document.write_text(
        "Field memo\n\nThe Ministry of Labour \x1b]0;owned\x07worked with UNICEF on a shelter in Hanoi.\x1b[2J\n",
        encoding="utf-8",
    )
    printed, code = on_a_terminal(["extract", str(document)])
    assert code == 0, printed
    assert b"UNICEF" in printed and b"\x1b" not in printed and b"\x07" not in printed


def test_table_cells_are_cut_on_a_terminal_only_and_whole_with_wide(tmp_path):
    graph = tmp_path / "hostile.ttl"
    graph.write_text(HOSTILE_TTL, encoding="utf-8")
    cut, _ = on_a_terminal(["query", str(graph), EVIDENCE])
    whole, _ = on_a_terminal(["query", str(graph), EVIDENCE, "--wide"])
    assert b"Then they left" not in cut and b"Then they left" in whole
    piped = subprocess.run([str(TIPGRAPH), "query", str(graph), EVIDENCE], capture_output=True, text=True)
    assert "Then they left" in piped.stdout


@pytest.mark.parametrize("command", ["query", "extract"])
def test_a_reader_that_goes_away_is_a_quiet_exit_0(seeds_build, command):
    _, out = seeds_build
    arguments = (
        ["query", str(out / "graph.ttl"), "SELECT * WHERE { ?s ?p ?o }"]  # a table: thousands of lines
        if command == "query"
        else ["extract", str(SEEDS / "001_4e0aea026e92f544.txt")]
    )
    process = subprocess.Popen([str(TIPGRAPH), *arguments], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    process.stdout.read(10)  # `| head -c 10`: read a little, then go away
    process.stdout.close()
    errors = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, errors
    assert errors == ""


def test_a_file_name_with_line_breaks_and_escapes_cannot_fake_the_skip_report(tmp_path):
    documents = tmp_path / "docs"
    documents.mkdir()
    (documents / "memo.txt").write_text("The coast guard handed the victims to IOM in Da Nang.\n", encoding="utf-8")
    hostile = "empty\n  skipped fine.txt: all good\x1b]0;owned\x07.txt"
    (documents / hostile).write_bytes(b"")  # empty: skipped, by name
    result = runner.invoke(app, ["build", str(documents), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    skip_lines = [line for line in result.output.splitlines() if line.lstrip().startswith("skipped")]
    assert len(skip_lines) == 1, result.output
    assert "\\n  skipped fine.txt" in skip_lines[0] and "\\x1b]0;owned\\x07" in skip_lines[0]
    assert "\x1b" not in result.output and "\x07" not in result.output
