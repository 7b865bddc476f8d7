"""A statement carries the date its sentence states (tg:statedDate), and the view dates it by it."""

from __future__ import annotations

from rdflib.namespace import XSD

from tipgraph.extractors.pipeline import extract_text
from tipgraph.graph.model.nx import rdf_to_networkx
from tipgraph.graph.model.rdf import corpus_to_rdf
from tipgraph.graph.resolve import resolve_corpus
from tipgraph.graph.view.data import view_data
from tipgraph.ontology.namespace import TG

TEXT = (
    "---\ntitle: Shelters on the northern border\ndate: 2023-02-14\n---\n"
    "UNICEF cooperates with the International Organization for Migration on the care of returned girls.\n\n"
    "In March 2019 UNICEF worked with the Ministry of Labour to inspect the garment workshops."
)


def test_the_sentence_date_is_in_the_turtle_the_networkx_graph_and_the_view(nlp):
    record = extract_text(nlp, TEXT, "border.md")
    rdf = corpus_to_rdf(resolve_corpus([record]))
    stated = {str(rdf.value(s, TG.evidence)): rdf.value(s, TG.statedDate) for s in rdf.subjects(TG.evidence, None)}
    assert len(stated) >= 2, stated
    dated = {evidence: value for evidence, value in stated.items() if value is not None}
    assert [str(v) for v in dated.values()] == ["2019-03"] and all(v.datatype == XSD.gYearMonth for v in dated.values())
    assert all("March 2019" in evidence for evidence in dated)
    statements = [s for edge in view_data(rdf_to_networkx(rdf))["edges"] for s in edge["statements"]]
    by_date = {(s["date"], s["date_stated"], s["document_date"]) for s in statements}
    assert by_date == {("2019-03", True, "2023-02-14"), ("2023-02-14", False, "2023-02-14")}
