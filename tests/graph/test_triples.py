"""The compact triple table and the streamed outputs: the same graph and files as before, a fraction of the memory."""

from __future__ import annotations

import json

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SKOS, XSD

from tipgraph.extractors.records import DocumentRecord
from tipgraph.graph.build.cache import CACHE_DIR
from tipgraph.graph.model.nx import (
    flatten_for_graphml,
    generate_graphml,
    generate_node_link_json,
    rdf_to_networkx,
    write_graphml,
)
from tipgraph.graph.model.rdf import PREFIXES, corpus_table, corpus_to_rdf, generate_turtle, new_graph
from tipgraph.graph.model.triples import TripleTable
from tipgraph.graph.resolve import resolve_corpus
from tipgraph.ontology.namespace import TG

EX = "https://example.org/"


def seed_corpus(seeds_build):
    _, out = seeds_build
    records = [
        DocumentRecord.from_dict(json.loads(path.read_text(encoding="utf-8"))["record"])
        for path in sorted((out / CACHE_DIR).glob("*.json"))
    ]
    return resolve_corpus(records)


def parsed(chunks) -> Graph:
    graph = new_graph()
    graph.parse(data="".join(chunks), format="turtle")
    return graph


def test_the_table_holds_the_triples_an_rdflib_graph_holds(seeds_build):
    corpus = seed_corpus(seeds_build)
    graph, table = corpus_to_rdf(corpus), corpus_table(corpus)
    assert len(table) == len(graph) > 1000
    assert set(table) == set(graph)


def test_the_streamed_turtle_is_rdflibs_graph_a_subject_per_string(seeds_build):
    corpus = seed_corpus(seeds_build)
    graph = corpus_to_rdf(corpus)
    chunks = list(generate_turtle(corpus_table(corpus)))
    subjects = set(graph.subjects())
    assert len(chunks) == len(subjects) + 1  # the prefixes, then one block per subject
    assert isomorphic(parsed(chunks), graph)
    assert "".join(generate_turtle(graph)) == "".join(chunks)  # either store writes the same text


def test_networkx_reads_the_table_as_it_reads_an_rdflib_graph(seeds_build):
    corpus = seed_corpus(seeds_build)
    from_graph, from_table = rdf_to_networkx(corpus_to_rdf(corpus)), rdf_to_networkx(corpus_table(corpus))
    assert from_graph.number_of_edges() > 20
    assert nx.utils.graphs_equal(from_graph, from_table)


def test_the_built_turtle_is_the_graph_of_the_records(seeds_build, seeds_rdf):
    assert isomorphic(seeds_rdf, corpus_to_rdf(seed_corpus(seeds_build)))


def test_set_replaces_add_keeps_one_copy_and_lookups_follow_changes():
    table = TripleTable()
    shelter, count = URIRef(EX + "shelter"), TG.mentionCount
    table.add((shelter, RDF.type, TG.NGO))
    assert list(table.subjects(RDF.type, TG.NGO)) == [shelter]  # the index now exists...
    table.add((URIRef(EX + "hotline"), RDF.type, TG.NGO))
    assert len(list(table.subjects(RDF.type, TG.NGO))) == 2  # ...and follows later additions
    table.add((shelter, count, Literal(2)))
    table.add((shelter, count, Literal(2)))
    table.set((shelter, count, Literal(5)))
    assert (list(table.objects(shelter, count)), len(table)) == ([Literal(5)], 3)
    assert (shelter, count, None) in table and (shelter, RDFS.label, None) not in table
    assert (shelter, count, Literal(2)) not in table
    assert table.value(shelter, RDFS.label) is None


def test_hard_literals_and_iris_survive_the_turtle():
    table = TripleTable()
    node = URIRef(EX + "agency/border-police_(north)")
    evidence = 'The "task force" met\nin Pailin;\\ a raid\tfollowed \x07 at dawn.'
    table.add((node, RDF.type, TG.Agency))
    table.add((node, RDFS.label, Literal(evidence)))
    table.add((node, SKOS.altLabel, Literal("Policía de Fronteras", lang="es")))
    table.add((node, TG.confidence, Literal("0.875", datatype=XSD.decimal)))
    table.add((node, TG.start, Literal(12)))
    table.add((node, TG.negated, Literal(True)))
    text = "".join(generate_turtle(table))
    graph = Graph()
    for triple in table:
        graph.add(triple)
    assert isomorphic(parsed([text]), graph)
    assert "tg:Agency" in text and "@prefix tg:" in text
    assert set(PREFIXES) <= {line.split()[1].rstrip(":") for line in text.splitlines() if line.startswith("@prefix")}


def test_the_json_is_networkx_node_link_text_written_a_node_or_edge_at_a_time(seeds_build):
    network = rdf_to_networkx(corpus_table(seed_corpus(seeds_build)))
    chunks = list(generate_node_link_json(network))
    expected = json.dumps(nx.node_link_data(network, edges="edges"), ensure_ascii=False, indent=1, sort_keys=True)
    assert "".join(chunks) == expected
    assert len(chunks) > network.number_of_nodes() + network.number_of_edges()


def test_the_graphml_is_networkxs_written_a_node_or_edge_at_a_time(seeds_build):
    network = rdf_to_networkx(corpus_table(seed_corpus(seeds_build)))
    lines = list(generate_graphml(network))
    assert "\n".join(lines) == "\n".join(nx.generate_graphml(flatten_for_graphml(network)))


def test_the_graphml_keeps_hard_text_and_reads_back(tmp_path):
    network = nx.MultiDiGraph()
    evidence = 'Two "recruiters" & a driver <arrested>\r\nat the Poipet crossing\tin March; café owners fled.'
    network.add_node("agency/police", label="Police & Border <Unit>", mentions=4, lat=13.65)
    network.add_node("place/KH", label="Cambodia")
    network.add_edge("agency/police", "place/KH", key="s1|a|b", evidence=evidence, negated=False, purposes=["A", "B"])
    write_graphml(network, tmp_path / "graph.graphml")
    back = nx.read_graphml(tmp_path / "graph.graphml", force_multigraph=True)
    assert back.nodes["agency/police"] == {"label": "Police & Border <Unit>", "mentions": 4, "lat": 13.65}
    assert back.edges["agency/police", "place/KH", "s1|a|b"] == {
        "evidence": evidence,
        "negated": False,
        "purposes": "A|B",
    }
