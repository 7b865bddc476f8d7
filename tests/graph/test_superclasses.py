"""Superclass queries answer on the file alone and in a triple store after ``tipgraph push`` (issue 17)."""

from __future__ import annotations

import pytest

from tipgraph.graph.model.nx import load_graph
from tipgraph.graph.sparql.endpoint import SparqlEndpoint, push_graph
from tipgraph.graph.sparql.query import run_query

from .test_store import oxigraph_server  # noqa: F401  (the fixture)

ACTORS = "SELECT DISTINCT ?x WHERE { ?x a tg:Actor }"
LEAF_ACTORS = """SELECT DISTINCT ?x WHERE {
  VALUES ?class { tg:Agency tg:NGO tg:InternationalOrganization tg:Official tg:Person } ?x a ?class }"""


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_a_superclass_query_on_the_file_finds_every_actor(seeds_build, engine):
    _, out = seeds_build
    actors = {row[0] for row in run_query(str(out / "graph.ttl"), ACTORS, engine=engine).rows}
    leaves = {row[0] for row in run_query(str(out / "graph.ttl"), LEAF_ACTORS, engine=engine).rows}
    assert len(leaves) > 10
    assert actors == leaves
    places = run_query(str(out / "graph.ttl"), "SELECT DISTINCT ?x WHERE { ?x a tg:Place ; skos:notation 'VN' }")
    assert [row[0] for row in places.rows] == ["https://w3id.org/tipgraph/resource/place/VN"]


def test_the_file_carries_the_class_hierarchy(seeds_build):
    _, out = seeds_build
    query = "SELECT ?class WHERE { tg:Official rdfs:subClassOf+ ?class } ORDER BY ?class"
    assert [row[0].rsplit("#")[-1] for row in run_query(str(out / "graph.ttl"), query).rows] == ["Actor", "Person"]


def test_each_actor_keeps_its_most_specific_class(seeds_build):
    """Shipped queries and NetworkX see one class per node, though the file states the superclasses too."""
    _, out = seeds_build
    result = run_query(str(out / "graph.ttl"), "actors_by_class")
    iris = [row[result.variables.index("actor_iri")] for row in result.rows]
    assert len(iris) == len(set(iris))
    classes = {row[0] for row in result.rows}
    assert "Official" in classes and "Actor" not in classes and "Organization" not in classes
    network = load_graph(out / "graph.ttl")
    official = next(iri for iri, row in zip(iris, result.rows) if row[0] == "Official")
    assert network.nodes[official]["cls"] == "Official"
    unicef = run_query(str(out / "graph.ttl"), "cooperation_network", {"actor": "UNICEF"})
    partners = [tuple(row[-2:]) for row in unicef.rows]
    assert len(partners) == len(set(partners)), "a partner came back once per superclass"


def test_a_superclass_query_works_in_the_store_after_push(oxigraph_server, seeds_build):  # noqa: F811
    _, out = seeds_build
    push_graph(out / "graph.ttl", f"{oxigraph_server}/store")
    endpoint = SparqlEndpoint(f"{oxigraph_server}/query")
    stored = {row[0] for row in run_query(endpoint, ACTORS).rows}
    assert stored == {row[0] for row in run_query(str(out / "graph.ttl"), ACTORS).rows}
    assert len(stored) > 10
