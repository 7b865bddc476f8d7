from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from tipgraph.graph.cli.main import app

from ..conftest import SEEDS

runner = CliRunner()


def test_build_writes_outputs_and_a_summary(tmp_path):
    result = runner.invoke(app, ["build", str(SEEDS / "003_b65baa20bd05a1e3.txt"), "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "read 1 documents, skipped 0" in result.output
    assert "entities:" in result.output and "relations:" in result.output
    assert (tmp_path / "graph.ttl").exists() and (tmp_path / "graph.html").exists()


def test_build_of_a_missing_path_fails_with_one_clear_line(tmp_path):
    result = runner.invoke(app, ["build", str(tmp_path / "nope"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no such file or folder" in result.output
    assert "Traceback" not in result.output


def test_extract_shows_entities_and_relations_with_their_sentence():
    result = runner.invoke(app, ["extract", str(SEEDS / "000_d7ebc8095375f6f8.txt")])
    assert result.exit_code == 0, result.output
    assert "Country" in result.output and "China" in result.output
    assert "cooperation:" in result.output
    # every relation shows its sentence with the offsets that find it in the document
    text = (SEEDS / "000_d7ebc8095375f6f8.txt").read_text(encoding="utf-8")
    evidence = re.findall(r"^ +\[(\d+):(\d+)\] (.+)$", result.output, flags=re.M)
    assert len(evidence) >= 3
    for start, end, sentence in evidence:
        assert " ".join(text[int(start) : int(end)].split()) == " ".join(sentence.split())


def test_query_prints_csv_and_json(seeds_build):
    _, out = seeds_build
    sparql = "SELECT ?name WHERE { ?c a tg:Country ; rdfs:label ?name } ORDER BY ?name"
    csv_result = runner.invoke(app, ["query", str(out / "graph.ttl"), sparql, "--format", "csv"])
    assert csv_result.exit_code == 0, csv_result.output
    assert csv_result.output.splitlines()[0] == "name"
    assert "Vietnam" in csv_result.output.splitlines()
    json_result = runner.invoke(app, ["query", str(out / "graph.ttl"), sparql, "--format", "json"])
    assert {"name": "China"} in json.loads(json_result.output)


def test_a_malformed_query_is_one_readable_error(seeds_build):
    _, out = seeds_build
    result = runner.invoke(app, ["query", str(out / "graph.ttl"), "SELECT WHERE {"])
    assert result.exit_code == 1
    assert "does not parse" in result.output
