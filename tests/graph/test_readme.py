"""The README's SPARQL examples run on the seeds' graph and answer what the README says."""

from __future__ import annotations

import re

from tipgraph.graph.sparql.query import run_query

from ..conftest import ROOT


def readme_queries() -> list[str]:
    """The three queries to start from (the named-graph example, ``GRAPH <…>``, runs on a store: test_store_graphs)."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return [q for q in re.findall(r"```sparql\n(.*?)```", text, flags=re.DOTALL) if "GRAPH <" not in q]


def test_the_readme_shows_three_queries():
    assert len(readme_queries()) == 3


def test_ministry_of_public_security_partners_are_found_in_both_countries(seeds_rdf):
    result = run_query(seeds_rdf, readme_queries()[0])
    countries = {row[1] for row in result.rows}
    partners = {row[0] for row in result.rows}
    assert {"Vietnam", "China"} <= countries
    assert {"UNICEF", "Interpol"} <= partners


def test_routes_into_china_name_their_origin_and_document(seeds_rdf):
    result = run_query(seeds_rdf, readme_queries()[1])
    assert result.variables == ["origin", "purpose", "victims", "doc"]
    assert any(row[0] == "Vietnam" for row in result.rows)
    assert any(row[1] == "forced labour" and row[2] == "men" for row in result.rows)


def test_funding_rows_carry_their_sentence(seeds_rdf):
    result = run_query(seeds_rdf, readme_queries()[2])
    recipients = {row[1] for row in result.rows}
    assert {"UNODC", "The Asia Foundation"} <= recipients
    assert all(row[3] for row in result.rows)
