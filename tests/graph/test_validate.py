"""``tipgraph validate``: the SHACL shapes, one plain line per violation, exit code 1."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from tipgraph.graph.cli.main import app
from tipgraph.graph.validate import generate_violation_lines, validate_file

runner = CliRunner()

PREFIXES = """@prefix tg: <https://w3id.org/tipgraph/ontology#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
"""
DOCUMENT = 'tgr:document/d1 a tg:Document ; dcterms:identifier "a.txt" ; tg:sha256 "' + "a" * 64 + '" .\n'
VIETNAM = 'tgr:place/VN a tg:Country ; rdfs:label "Vietnam" ; skos:notation "VN" .\n'
CHINA = 'tgr:place/CN a tg:Country ; rdfs:label "China" ; skos:notation "CN" .\n'


def turtle(text: str) -> str:
    """``text`` with each ``tgr:a/b`` written out as an IRI (Turtle names hold no slash)."""
    return re.sub(r"tgr:([\w/-]+)", r"<https://w3id.org/tipgraph/resource/\1>", text)


def statement(body: str) -> str:
    return f'tgr:statement/d1/cooperation-0 a tg:Cooperation ; tg:source tgr:document/d1 ; tg:evidence "China and Vietnam cooperate." ; tg:start 0 ; tg:end 29 ; {body} .\n'


BROKEN = [
    # (what is wrong, Turtle, the line validate prints)
    (
        "country code",
        'tgr:place/VN a tg:Country ; rdfs:label "Vietnam" ; skos:notation "vnm" .\n',
        '"Vietnam" tgr:place/VN skos:notation: a country carries its ISO 3166-1 alpha-2 code as skos:notation (value "vnm")',
    ),
    (
        "no label",
        'tgr:agency/mps a tg:Agency ; skos:altLabel "MPS" .\n',
        "tgr:agency/mps rdfs:label: an entity has exactly one rdfs:label, its canonical name",
    ),
    (
        "one participant",
        VIETNAM + statement("tg:confidence 0.6 ; tg:participant tgr:place/VN"),
        "tgr:statement/d1/cooperation-0 tg:participant: a cooperation has two or more actors as tg:participant",
    ),
    (
        "confidence above 1",
        VIETNAM + CHINA + statement("tg:confidence 1.5 ; tg:participant tgr:place/VN, tgr:place/CN"),
        'tgr:statement/d1/cooperation-0 tg:confidence: value is above 1 (value "1.5")',
    ),
    (
        "no confidence",
        VIETNAM + CHINA + statement("tg:participant tgr:place/VN, tgr:place/CN"),
        "tgr:statement/d1/cooperation-0 tg:confidence: missing: needs at least 1 value(s)",
    ),
]


@pytest.mark.parametrize("problem, content, line", BROKEN, ids=[b[0] for b in BROKEN])
def test_each_violation_is_one_plain_line(tmp_path, problem, content, line):
    path = tmp_path / "graph.ttl"
    path.write_text(PREFIXES + turtle(DOCUMENT + content), encoding="utf-8")
    report = validate_file(path)
    assert not report.conforms
    assert list(generate_violation_lines(report)) == [line]
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert line in result.output.splitlines()
    assert "1 violation(s)" in result.output


def test_the_seeds_graph_conforms(seeds_build):
    _, out = seeds_build
    result = runner.invoke(app, ["validate", str(out / "graph.ttl")])
    assert result.exit_code == 0, result.output
    assert "conforms to the tipgraph shapes" in result.output


@pytest.mark.parametrize("content, message", [(None, "no such file"), ("<a> <b> .", "not valid Turtle")])
def test_a_missing_or_broken_file_is_one_error(tmp_path, content, message):
    path = tmp_path / "graph.ttl"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["validate", str(path)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output
