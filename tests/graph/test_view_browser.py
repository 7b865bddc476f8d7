"""The network view in a real browser: Debian's Chromium, headless, every request off the machine refused.

`make test` installs /usr/bin/chromium (apt) and Playwright for Python (pip);
no browser is ever downloaded. A screenshot of the seeds' view is saved to
test-artifacts/graph-view.png.
"""

from __future__ import annotations

import math
from pathlib import Path

import networkx as nx
import pytest

from tipgraph.graph.model.nx import load_graph, statement_edges
from tipgraph.graph.view.html import write_html

from .chromium import Visit, browser_fixture  # noqa: F401  (browser_fixture: the `browser` fixture)

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


@pytest.fixture(scope="module")
def seeds_view(browser, seeds_build):
    _, out = seeds_build
    visit = Visit(browser, out / "graph.html")
    yield visit, load_graph(out / "graph.json")
    visit.page.close()


def test_seeds_view_loads_offline_and_shows_the_whole_graph(seeds_view):
    visit, graph = seeds_view
    assert visit.problems() == {"refused": [], "failed": [], "console": [], "dialogs": []}
    counts = visit.page.evaluate("tipgraph.counts()")
    statements = {attrs["statement"] for *_, attrs in statement_edges(graph)}
    assert (counts["nodes"], counts["statements"]) == (graph.number_of_nodes(), len(statements))
    assert visit.page.get_attribute("body", "data-nodes") == str(graph.number_of_nodes())
    # every node with a line is drawn; the others are listed apart
    linked = {n for n in graph if graph.degree(n) > sum(1 for _ in nx.selfloop_edges(graph, n))}
    assert (counts["shownNodes"], counts["unrelated"]) == (len(linked), graph.number_of_nodes() - len(linked))
    ARTIFACTS.mkdir(exist_ok=True)
    visit.page.evaluate("tipgraph.network.fit({animation: false})")
    visit.page.screenshot(path=str(ARTIFACTS / "graph-view.png"))


def test_searching_an_alias_selects_and_focuses_its_node(seeds_view):
    visit, graph = seeds_view
    names = [name.lower() for _, attrs in graph.nodes(data=True) for name in [attrs["label"], *attrs["aliases"]]]
    # an alias no other name contains, so the first hit is unambiguous
    iri, alias = next(
        (node, alias)
        for node, attrs in sorted(graph.nodes(data=True), key=lambda item: -item[1]["mentions"])
        if graph.degree(node)  # drawn on the canvas, not listed apart
        for alias in attrs["aliases"]
        if alias.strip() and sum(alias.strip().lower() in name for name in names) == 1
    )
    page = visit.page
    page.fill("#search", alias.strip())
    page.press("#search", "Enter")
    page.wait_for_function("iri => tipgraph.selected() === iri", arg=iri)
    assert page.text_content("#panel-title") == " ".join(graph.nodes[iri]["label"].split())
    # the view moves to the node (the focus animation ends centred on it)
    page.wait_for_function(
        """iri => { const net = tipgraph.network, id = tipgraph.nodeId(iri), p = net.getPositions([id])[id], c = net.getViewPosition();
                    return Math.hypot(p.x - c.x, p.y - c.y) < 5; }""",
        arg=iri,
        timeout=5_000,
    )


def test_clicking_an_edge_shows_its_evidence(seeds_view):
    visit, graph = seeds_view
    page = visit.page
    edges = page.evaluate("tipgraph.edges")
    clicked = next((i for i, edge in enumerate(edges) if not edge["tie"] and visit.click_line(i)), None)
    assert clicked is not None, "no edge could be clicked clear of nodes"
    page.wait_for_selector(f'#panel[data-edge="{clicked}"]')
    shown = page.locator("#panel .evidence").all_text_contents()
    nodes = list(graph)
    u, v = nodes[edges[clicked]["from"]], nodes[edges[clicked]["to"]]
    expected = [
        " ".join(attrs["evidence"].split())
        for a, b, attrs in statement_edges(graph)
        if {a, b} == {u, v} and attrs["relation"] == edges[clicked]["relation"]
    ]
    assert expected and sorted(shown) == sorted(expected)


HOSTILE_NAME = '<img src=x onerror="window.__pwned=1;alert(1)">'
HOSTILE_SENTENCE = "</script><script>window.__pwned=2;alert(2)</script> met <b onmouseover=alert(3)>them</b>"


def test_markup_in_documents_is_shown_as_text_and_never_runs(browser, tmp_path):
    graph = nx.MultiDiGraph()
    common = dict(
        country=None, country_label=None, located_in=None, lat=None, long=None, role=None, affiliation=None, mentions=2
    )
    graph.add_node(
        "a",
        label=f"Ministry {HOSTILE_NAME}",
        cls="Agency",
        aliases=["</script><svg onload=alert(4)>"],
        documents=[f"{HOSTILE_NAME}.txt"],
        **common,
    )
    graph.add_node("b", label="Blue Dragon", cls="NGO", aliases=[], documents=["cable.txt"], **common)
    graph.add_edge(
        "a",
        "b",
        relation="funding",
        statement="s1",
        evidence=HOSTILE_SENTENCE,
        document=f"{HOSTILE_NAME}.txt",
        date="2010-01-01",
        start=0,
        end=10,
        confidence=0.6,
        negated=False,
        amount="<i>$5</i>",
    )
    path = tmp_path / "graph.html"
    write_html(graph, path)
    visit = Visit(browser, path)
    page = visit.page
    page.fill("#search", "svg onload")
    page.press("#search", "Enter")
    page.wait_for_selector("#panel[data-node]")
    assert page.text_content("#panel-title") == f"Ministry {HOSTILE_NAME}"
    assert "</script><svg onload=alert(4)>" in page.text_content("#panel .aliases")
    # vis-network's tooltip shows the name as text too
    page.evaluate(
        "tipgraph.network.moveTo({position: tipgraph.network.getPositions([0])[0], scale: 1, animation: false})"
    )
    centre = page.evaluate("tipgraph.network.canvasToDOM(tipgraph.network.getPositions([0])[0])")
    box = page.locator("#network canvas").bounding_box()
    page.mouse.move(box["x"] + centre["x"], box["y"] + centre["y"])
    page.wait_for_selector("div.vis-tooltip", state="visible")
    assert HOSTILE_NAME in page.text_content("div.vis-tooltip")
    assert (
        page.evaluate("document.querySelectorAll('div.vis-tooltip :not(br)').length") == 0
    )  # innerText makes line breaks <br>
    page.evaluate("tipgraph.selectEdge(0)")
    assert page.text_content("#panel .evidence") == HOSTILE_SENTENCE
    assert page.evaluate("window.__pwned") is None
    assert (
        page.evaluate(
            "document.querySelectorAll('#panel img, #panel b, #panel svg image, #panel script, #search-results img').length"
        )
        == 0
    )
    assert visit.problems() == {"refused": [], "failed": [], "console": [], "dialogs": []}
    page.close()


def test_map_toggle_moves_places_to_their_coordinates(seeds_view):
    visit, graph = seeds_view
    located = {n: a for n, a in graph.nodes(data=True) if a.get("lat") is not None}
    if len(located) < 2:
        pytest.fail("the seeds should give at least two places with coordinates")
    page = visit.page
    page.click("#layout-geo")
    east, west = max(located, key=lambda n: located[n]["long"]), min(located, key=lambda n: located[n]["long"])
    xs = page.evaluate(
        "iris => iris.map(i => { const id = tipgraph.nodeId(i); return tipgraph.network.getPositions([id])[id].x; })",
        [east, west],
    )
    assert xs[0] > xs[1] and not math.isclose(xs[0], xs[1])
    page.click("#layout-force")


def test_filters_by_relation_type_and_document_leave_no_node_without_a_line(seeds_view):
    visit, graph = seeds_view
    page = visit.page
    page.uncheck('input[data-relation="cooperation"]')
    shown = page.evaluate("tipgraph.counts()")
    lines = page.evaluate("tipgraph.edges")
    on = page.evaluate("tipgraph.shown()")
    assert shown["shownLines"] == sum(1 for line in lines if line["tie"] or line["relation"] != "cooperation")
    ends = {line[end] for line in lines if on["edges"][line["id"]] for end in ("from", "to")}
    assert {i for i, flag in enumerate(on["nodes"]) if flag} == ends
    page.click("#reset")
    document = max(
        {d for _, a in graph.nodes(data=True) for d in a["documents"]},
        key=lambda d: sum(d in a["documents"] for _, a in graph.nodes(data=True)),
    )
    page.select_option("#document-filter", document)
    shown = page.evaluate("tipgraph.counts()")
    in_document = {node for node, attrs in graph.nodes(data=True) if document in attrs["documents"]}
    kept = [
        line
        for line in lines
        if {list(graph)[line["from"]], list(graph)[line["to"]]} <= in_document
        and (line["tie"] or any(s["document"] == document for s in line["statements"]))
    ]
    assert shown["shownLines"] == len(kept)
    assert shown["shownNodes"] == len({line[end] for line in kept for end in ("from", "to")}) < graph.number_of_nodes()
    assert shown["shownNodes"] + shown["unrelated"] == len(in_document)
    page.click("#reset")
    assert page.evaluate("tipgraph.counts()")["shownNodes"] == len(
        {n for n in graph if graph.degree(n) > sum(1 for _ in nx.selfloop_edges(graph, n))}
    )
