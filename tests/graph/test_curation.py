"""Human curation on the seeds: each kind of decision changes the graph as it says, in every output,
says so (tg:curated, prov:wasRevisionOf), and still applies after a rebuild with more documents."""

from __future__ import annotations

import json
import re
import shutil
import textwrap

import networkx as nx
import pytest
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS

from tipgraph.graph.build.corpus import build_corpus
from tipgraph.graph.exports import export_graph
from tipgraph.graph.model.nx import load_graph
from tipgraph.graph.model.rdf import read_turtle
from tipgraph.ontology.namespace import TG, TGR

from ..conftest import SEEDS, SHARED_EVAL

# A fresh report in the genre: its second sentence is the evidence of the statement a reviewer adds.
FIELD_NOTE = textwrap.dedent(
    """\
    FIELD NOTE: BORDER COMMUNES, MAY

    Outreach workers recorded eleven returns of young women at the northern crossings this month.
    Field staff from UNICEF travelled with the Vietnam Women's Union to three border communes
    to meet families of the returned women.
    The visit ended with a meeting at the district clinic.
    """
)
ADDED_EVIDENCE = "Field staff from UNICEF travelled with the Vietnam Women's Union to three border communes to meet families of the returned women."
DEV_DOCS = sorted((SHARED_EVAL / "dev" / "docs").glob("*.txt"))[:2]


def statements_naming(graph, node):
    return {
        s
        for s, p, o in graph
        if o == node and p in (TG.participant, TG.funder, TG.recipient, TG.origin, TG.destination, TG.transit)
    }


def iri(short: str):
    return TGR[short.removeprefix("tgr:")]


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    docs = tmp_path_factory.mktemp("curation-docs")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, docs / path.name)
    (docs / "field-note-border-communes.txt").write_text(FIELD_NOTE, encoding="utf-8")
    return docs


@pytest.fixture(scope="module")
def base(corpus_dir, tmp_path_factory):
    """The build before any correction, and the targets picked from it."""
    out = tmp_path_factory.mktemp("curation-out")
    build_corpus([corpus_dir], out)
    graph = read_turtle(out / "graph.ttl")
    border_guards = iri("tgr:agency/border-guards-vn")
    assert statements_naming(graph, border_guards), "the seeds' Border Guards have a statement to lose"
    route = min(
        graph.subjects(RDF.type, TG.TraffickingRoute),
        key=lambda s: (float(graph.value(s, TG.confidence)), str(s)),
    )
    return out, graph, {"border_guards": border_guards, "route": route}


def corrections_text(route) -> str:
    return textwrap.dedent(
        f"""\
        - merge: ["tgr:agency/security-services-vn", "security organisations"]
          note: one body, two wordings
          by: ana
          date: 2026-12-01
        - split: {{node: "tgr:agency/ministry-of-public-security-vn", documents: ["004_e37529739da23d78.txt"], as: "MPS Anti-Trafficking Department"}}
        - reject: {{node: "tgr:agency/border-guards-vn"}}
          note: a unit of the army, named in passing
        - reject: {{statement: "{route}"}}
        - retype: {{node: "Liverpool Centre for Advanced Policing", class: Agency}}
        - rename: {{node: "UN Inter-Agency Project on Human Trafficking", label: "UNIAP"}}
        - alias: {{node: "UNODC", add: ["ONUDC"]}}
        - country: {{node: "Guangxi Women's Federation", country: VN}}
        - add:
            statement:
              type: cooperation
              participants: ["UNICEF", "Vietnam Women's Union"]
              source: field-note-border-communes.txt
              evidence: "{ADDED_EVIDENCE}"
          by: ana
        """
    )


@pytest.fixture(scope="module")
def curated(base, corpus_dir):
    out, _, targets = base
    (out / "corrections.yaml").write_text(corrections_text(targets["route"]), encoding="utf-8")
    summary = build_corpus([corpus_dir], out)  # OUT/corrections.yaml: the default
    return summary, out, read_turtle(out / "graph.ttl")


@pytest.fixture(scope="module")
def grown(curated, corpus_dir):
    """The same corrections after two more documents joined the corpus: a rebuild from the cache."""
    assert len(DEV_DOCS) == 2, f"{SHARED_EVAL}/dev/docs holds the shared dev documents"
    for path in DEV_DOCS:
        shutil.copy(path, corpus_dir / path.name)
    _, out, _ = curated
    summary = build_corpus([corpus_dir], out)
    return summary, out, read_turtle(out / "graph.ttl")


def check_every_decision(graph, targets):
    # merge: one node, the other's name an alias, its IRI a former one
    kept = iri("tgr:agency/security-services-vn")
    assert (iri("tgr:agency/security-organisations-vn"), None, None) not in graph
    assert "security organisations" in {str(a) for a in graph.objects(kept, SKOS.altLabel)}
    assert (kept, PROV.wasRevisionOf, iri("tgr:agency/security-organisations-vn")) in graph
    # split: the document's mentions are another node
    ministry = iri("tgr:agency/ministry-of-public-security-vn")
    split = iri("tgr:agency/mps-anti-trafficking-department-vn")
    document_004 = next(
        d
        for d in graph.subjects(RDF.type, TG.Document)
        if "004_e37529739da23d78.txt" in {str(i) for i in graph.objects(d, DCTERMS.identifier)}
    )
    assert (split, TG.mentionedIn, document_004) in graph
    assert (ministry, TG.mentionedIn, document_004) not in graph
    assert (ministry, TG.mentionCount, None) in graph
    check_removals_and_edits(graph, targets)


def check_removals_and_edits(graph, targets):
    # reject node: gone, with its statements
    assert (targets["border_guards"], None, None) not in graph
    assert not statements_naming(graph, targets["border_guards"])
    # reject statement: gone
    assert (targets["route"], None, None) not in graph
    # retype
    liverpool = next(
        s for s, o in graph.subject_objects(RDFS.label) if str(o) == "Liverpool Centre for Advanced Policing"
    )
    assert (liverpool, RDF.type, TG.Agency) in graph and (liverpool, RDF.type, TG.NGO) not in graph
    # rename: the old label is an alias
    uniap = iri("tgr:known/org-uniap")
    assert str(graph.value(uniap, RDFS.label)) == "UNIAP"
    assert "UN Inter-Agency Project on Human Trafficking" in {str(a) for a in graph.objects(uniap, SKOS.altLabel)}
    # alias
    assert "ONUDC" in {str(a) for a in graph.objects(iri("tgr:known/org-unodc"), SKOS.altLabel)}
    # country
    federation = iri("tgr:agency/guangxi-women-s-federation-vn")
    assert (federation, TG.country, iri("tgr:place/VN")) in graph
    assert (federation, PROV.wasRevisionOf, iri("tgr:agency/guangxi-women-s-federation-cn")) in graph
    # add: a statement whose evidence is the document's own text, at its offsets
    added = [s for s in graph.subjects(RDF.type, TG.Cooperation) if "-curated-" in str(s)]
    assert len(added) == 1
    evidence = str(graph.value(added[0], TG.evidence))
    assert " ".join(evidence.split()) == ADDED_EVIDENCE
    start, end = int(graph.value(added[0], TG.start)), int(graph.value(added[0], TG.end))
    assert FIELD_NOTE[start:end] == evidence and "\n" in evidence  # the file's own line break, not the YAML's text
    assert {iri("tgr:known/org-unicef"), iri("tgr:known/org-vn-vwu")} == set(graph.objects(added[0], TG.participant))
    assert (iri("tgr:known/org-unicef"), TG.cooperatesWith, iri("tgr:known/org-vn-vwu")) in graph
    return added[0]


def test_each_kind_of_decision_changes_the_graph(base, curated):
    _, before, targets = base
    summary, _, graph = curated
    # the targets were there before the corrections
    assert (iri("tgr:agency/security-organisations-vn"), None, None) in before
    assert (targets["route"], RDF.type, TG.TraffickingRoute) in before
    assert str(before.value(iri("tgr:known/org-uniap"), RDFS.label)) == "UN Inter-Agency Project on Human Trafficking"
    assert summary.curation is not None and [str(s) for s in summary.curation.stale] == []
    assert len(summary.curation.applied) == 9
    check_every_decision(graph, targets)


def test_corrected_facts_carry_the_decision_and_the_view_marks_them(curated):
    _, out, graph = curated
    merged = iri("tgr:agency/security-services-vn")
    decision = graph.value(merged, TG.curated)
    assert (decision, RDF.type, TG.Curation) in graph
    assert str(graph.value(decision, TG.decisionKind)) == "merge"
    assert str(graph.value(decision, SKOS.note)) == "one body, two wordings"
    assert str(graph.value(decision, DCTERMS.creator)) == "ana"
    assert str(graph.value(decision, DCTERMS.date)) == "2026-12-01"
    rejections = {o for o in graph.objects(None, TG.rejected)}
    assert iri("tgr:agency/border-guards-vn") in rejections
    # the NetworkX outputs and the page carry the mark
    network = load_graph(out / "graph.json")
    assert network.nodes[str(merged)]["curated"] == "merge by ana on 2026-12-01: one body, two wordings"
    assert any(attrs.get("curated", "").startswith("add by ana") for *_, attrs in network.edges(data=True))
    page = (out / "graph.html").read_text(encoding="utf-8")
    marks = json.loads(
        re.search(r'<script type="application/json" id="tipgraph-curation">(.*?)</script>', page, re.S).group(1)
    )
    assert marks["nodes"][str(merged)].startswith("merge by ana")


def test_every_output_agrees_with_the_corrections(curated, tmp_path):
    _, out, graph = curated
    gone, renamed = str(iri("tgr:agency/border-guards-vn")), str(iri("tgr:known/org-uniap"))
    json_graph = load_graph(out / "graph.json")
    graphml = nx.read_graphml(out / "graph.graphml")
    page = (out / "graph.html").read_text(encoding="utf-8")
    data = json.loads(
        re.search(r'<script type="application/json" id="tipgraph-data">(.*?)</script>', page, re.S).group(1)
    )
    page_nodes = {row["iri"]: row for row in data["nodes"]}
    for nodes in (json_graph.nodes, graphml.nodes, page_nodes):
        assert gone not in nodes
        assert nodes[renamed]["label"] == "UNIAP"
    assert json_graph.number_of_nodes() == graphml.number_of_nodes() == len(page_nodes)
    export_graph(out / "graph.ttl", "csv", tmp_path / "csv")
    nodes_csv = (tmp_path / "csv" / "nodes.csv").read_text(encoding="utf-8")
    assert "UNIAP" in nodes_csv and gone not in nodes_csv


def test_every_decision_survives_a_rebuild_with_more_documents(base, grown):
    _, _, targets = base
    summary, _, graph = grown
    assert summary.cached == 6 and summary.extracted == 2  # the seeds and the note came from the cache
    assert len(summary.documents) == 8
    assert [str(s) for s in summary.curation.stale] == []
    added = check_every_decision(graph, targets)
    assert (added, TG.curated, None) in graph
