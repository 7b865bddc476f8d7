"""The in-page review in a real browser (Debian's Chromium, headless, every request off the machine refused):
a reviewer marks a statement wrong, downloads the corrections file the page makes, and the next build
without that statement."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import URIRef

from tipgraph.graph.build.corpus import build_corpus
from tipgraph.graph.curation.decisions import load_decisions
from tipgraph.graph.model.rdf import read_turtle
from tipgraph.ontology.namespace import TG

from ..conftest import SEEDS
from .chromium import browser_fixture, local_only  # noqa: F401  (browser_fixture: the `browser` fixture)


class Page:
    """A page load with requests off the machine refused and every console error kept."""

    def __init__(self, browser, path: Path):
        self.refused: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
        self.page = self.context.new_page()
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.goto(path.resolve().as_uri())
        self.page.wait_for_selector("body[data-ready=true]", timeout=30_000)

    def _route(self, route):
        local_only(route, self.refused)


@pytest.fixture
def built(tmp_path):
    docs, out = tmp_path / "docs", tmp_path / "out"
    docs.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, docs / path.name)
    build_corpus([docs], out)
    return docs, out


def test_a_statement_marked_wrong_in_the_page_is_gone_after_the_next_build(browser, built, tmp_path):
    docs, out = built
    visit = Page(browser, out / "graph.html")
    page = visit.page
    edges = page.evaluate("tipgraph.edges")
    index = next(i for i, edge in enumerate(edges) if len(edge["statements"]) == 1)
    statement = edges[index]["statements"][0]["statement"]
    page.evaluate("i => tipgraph.selectEdge(i)", index)
    page.wait_for_selector(f'#review-actions[data-for="edge:{index}"]')
    page.click(f'#review-actions li[data-statement="{statement}"] button.review-statement-wrong')
    page.wait_for_selector("#review-decisions li[data-kind=reject]")
    assert "Marked: wrong statement" in page.text_content("#review-actions")
    page.fill("#review-decisions li input", "a co-mention, not a route")
    page.dispatch_event("#review-decisions li input", "change")
    page.fill("#review-by", "ana")
    with page.expect_download() as download_info:
        page.click("#review-download")
    download = download_info.value
    assert download.suggested_filename == "corrections.yaml"
    saved = tmp_path / "corrections.yaml"
    download.save_as(saved)
    assert visit.refused == [] and visit.errors == []
    visit.context.close()

    (decision,) = load_decisions(saved)  # the page's file passes the schema
    assert (decision.kind, decision.note, decision.by) == ("reject", "a co-mention, not a route", "ana")
    summary = build_corpus([docs], out, corrections=saved)
    assert summary.cached == 5 and not summary.curation.stale
    graph = read_turtle(out / "graph.ttl")
    assert (URIRef(statement), None, None) not in graph
    curation = next(graph.subjects(TG.rejected, URIRef(statement)))
    assert str(graph.value(curation, TG.decisionKind)) == "reject"


def test_same_as_class_should_be_and_right_make_decisions_and_curated_facts_are_marked(browser, built, tmp_path):
    docs, out = built
    visit = Page(browser, out / "graph.html")
    page = visit.page
    vn, cn = ("https://w3id.org/tipgraph/resource/agency/ministry-of-public-security-" + c for c in ("vn", "cn"))
    page.evaluate("iri => tipgraph.selectNode(tipgraph.nodeId(iri), false)", cn)
    page.wait_for_selector(f'#review-actions[data-for="{cn}"]')
    page.select_option("#review-same-as", vn)
    page.evaluate("iri => tipgraph.selectNode(tipgraph.nodeId(iri), false)", vn)
    page.wait_for_selector(f'#review-actions[data-for="{vn}"]')
    page.select_option("#review-class", "InternationalOrganization")
    page.evaluate("tipgraph.selectEdge(0)")
    page.wait_for_selector('#review-actions[data-for="edge:0"]')
    page.click("#review-actions li:first-child button.review-statement-right")
    right = page.evaluate("tipgraph.edges[0].statements[0].statement").replace(
        "https://w3id.org/tipgraph/resource/", "tgr:"
    )
    text = page.evaluate("tipgraphReview.correctionsFile()")
    saved = tmp_path / "corrections.yaml"
    saved.write_text(text, encoding="utf-8")
    assert [(d.kind, d.body) for d in load_decisions(saved)] == [
        ("merge", ["tgr:agency/ministry-of-public-security-vn", "tgr:agency/ministry-of-public-security-cn"]),
        ("retype", {"node": "tgr:agency/ministry-of-public-security-vn", "class": "InternationalOrganization"}),
        ("confirm", {"statement": right}),
    ]
    visit.context.close()

    build_corpus([docs], out, corrections=saved)
    visit = Page(browser, out / "graph.html")
    page = visit.page
    merged = "https://w3id.org/tipgraph/resource/internationalorganization/ministry-of-public-security-vn"
    page.evaluate("iri => tipgraph.selectNode(tipgraph.nodeId(iri), false)", merged)
    page.wait_for_selector(f'#review-actions[data-for="{merged}"]')
    assert "Curated: merge" in page.text_content("#review-actions .review-curated")
    drawn = page.evaluate("iri => tipgraph.network.body.data.nodes.get(tipgraph.nodeId(iri))", merged)
    assert drawn["borderWidth"] == 3 and "\nCurated: merge on " in drawn["title"]  # marked on the canvas too
    assert visit.refused == [] and visit.errors == []
    visit.context.close()
