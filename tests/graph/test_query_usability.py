"""What analysts tripped on with the shipped queries and their own (issue 17): rows, aggregates, parameter values."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tipgraph.graph.cli.main import app
from tipgraph.graph.sparql.core import QueryError
from tipgraph.graph.sparql.query import run_query

runner = CliRunner()
ROUTE_FACTS = """SELECT ?route (COUNT(DISTINCT ?p) AS ?purposes) (COUNT(DISTINCT ?v) AS ?victims) WHERE {
  ?route a tg:TraffickingRoute . FILTER NOT EXISTS { ?route tg:negated true }
  OPTIONAL { ?route tg:purpose ?p } OPTIONAL { ?route tg:victimGroup ?v } } GROUP BY ?route"""


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_routes_gives_one_row_per_statement_with_every_purpose_and_victim_group(seeds_rdf, engine):
    facts = {row[0]: (int(row[1]), int(row[2])) for row in run_query(seeds_rdf, ROUTE_FACTS, engine=engine).rows}
    rows = run_query(seeds_rdf, "routes", engine=engine).records()
    assert sorted(row["route"] for row in rows) == sorted(facts)
    assert any(p > 1 and v > 1 for p, v in facts.values()), "the seeds have a route naming several of each"
    for row in rows:
        purposes, victims = facts[row["route"]]
        # An OPTIONAL value inside GROUP_CONCAT would empty these cells on Oxigraph for some routes.
        assert (len(row["purposes"].split(", ")) if row["purposes"] else 0) == purposes
        assert (len(row["victim_groups"].split(", ")) if row["victim_groups"] else 0) == victims
        assert row["file"] and row["evidence"]


def test_a_group_concat_over_an_optional_value_is_a_clear_error_on_rdflib(seeds_build):
    _, out = seeds_build
    query = """SELECT ?origin (GROUP_CONCAT(DISTINCT ?name; separator=", ") AS ?victims) WHERE {
      ?route a tg:TraffickingRoute ; tg:origin ?origin . OPTIONAL { ?route tg:victimGroup ?group }
      BIND(STRAFTER(STR(?group), "#") AS ?name) } GROUP BY ?origin"""
    with pytest.raises(QueryError, match="OPTIONAL left unbound"):
        run_query(str(out / "graph.ttl"), query, engine="rdflib")
    result = runner.invoke(app, ["query", str(out / "graph.ttl"), query, "--engine", "rdflib"])
    assert result.exit_code == 1
    assert "please report" not in result.output and "COALESCE" in result.output


@pytest.mark.parametrize("spelling", ["ForcedMarriage", "forced marriage", "forced_marriage", "FORCED-MARRIAGE"])
def test_a_purpose_is_found_by_its_name_label_or_guide_word(seeds_rdf, spelling):
    rows = run_query(seeds_rdf, "routes", {"purpose": spelling}).records()
    assert rows and all("ForcedMarriage" in row["purposes"] for row in rows)


def test_a_victim_group_by_its_guide_word_and_an_unknown_value_lists_the_valid_ones(seeds_rdf):
    assert run_query(seeds_rdf, "routes", {"victim_group": "INFANTS"}).rows
    with pytest.raises(QueryError, match="ForcedMarriage") as raised:
        run_query(seeds_rdf, "routes", {"purpose": "tea picking"})
    assert "SexualExploitation" in str(raised.value)


def test_the_queries_command_lists_the_values_of_purposes_and_victim_groups():
    listing = runner.invoke(app, ["queries"]).output
    routes = listing[listing.index("routes:") :]
    assert "ForcedMarriage (forced marriage)" in routes and "Children (children)" in routes
