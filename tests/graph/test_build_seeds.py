"""The seed corpus built end to end: Turtle, SHACL, offsets, NetworkX, query."""

from __future__ import annotations

import networkx as nx
from rdflib.namespace import DCTERMS, RDF

from tipgraph.graph.model.nx import load_graph
from tipgraph.graph.sparql.query import run_query
from tipgraph.graph.validate import validate_graph
from tipgraph.ontology.namespace import TG

from ..conftest import SEEDS


def test_the_build_writes_the_four_outputs(seeds_build):
    summary, out = seeds_build
    for name in ("graph.ttl", "graph.html", "graph.graphml", "graph.json"):
        assert (out / name).stat().st_size > 0, name
    assert sorted(summary.documents) == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert summary.skipped == []


def test_the_turtle_conforms_to_the_shapes(seeds_rdf):
    report = validate_graph(seeds_rdf)
    assert report.conforms, report.text


def test_every_seed_is_a_document_with_its_file_name(seeds_rdf):
    names = {
        str(n) for d in seeds_rdf.subjects(RDF.type, TG.Document) for n in seeds_rdf.objects(d, DCTERMS.identifier)
    }
    assert names == {p.name for p in SEEDS.glob("*.txt")}


def test_every_statement_slices_its_evidence_from_the_original_file(seeds_rdf):
    texts = {}
    for doc in seeds_rdf.subjects(RDF.type, TG.Document):
        name = str(seeds_rdf.value(doc, DCTERMS.identifier))
        texts[doc] = (SEEDS / name).read_bytes().decode("utf-8")
    statements = list(seeds_rdf.subjects(TG.evidence, None))
    assert statements
    for statement in statements:
        text = texts[seeds_rdf.value(statement, TG.source)]
        start, end = int(seeds_rdf.value(statement, TG.start)), int(seeds_rdf.value(statement, TG.end))
        assert text[start:end] == str(seeds_rdf.value(statement, TG.evidence))


def test_networkx_from_turtle_and_from_json_agree(seeds_build):
    _, out = seeds_build
    from_turtle = load_graph(out / "graph.ttl")
    from_json = load_graph(out / "graph.json")
    assert from_turtle.number_of_nodes() > 20
    assert nx.utils.nodes_equal(from_turtle.nodes(data=True), from_json.nodes(data=True))
    assert nx.utils.edges_equal(from_turtle.edges(keys=True, data=True), from_json.edges(keys=True, data=True))


def test_graphml_holds_the_same_nodes_and_edges(seeds_build):
    _, out = seeds_build
    graphml = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    json_graph = load_graph(out / "graph.json")
    assert set(graphml.nodes) == set(json_graph.nodes)
    assert graphml.number_of_edges() == json_graph.number_of_edges()


def test_a_cooperation_query_returns_rows(seeds_rdf):
    result = run_query(
        seeds_rdf,
        """SELECT ?a ?b ?evidence WHERE {
             ?s a tg:Cooperation ; tg:participant ?x, ?y ; tg:evidence ?evidence .
             ?x rdfs:label ?a . ?y rdfs:label ?b . FILTER(?a < ?b) }""",
    )
    assert result.variables == ["a", "b", "evidence"]
    assert result.rows
