"""What the query, export and review commands accept and print (issue 17): formats, engines, widths."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tipgraph.graph.cli.main import ExportFormat, app
from tipgraph.graph.exports import FORMATS as EXPORT_FORMATS

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
