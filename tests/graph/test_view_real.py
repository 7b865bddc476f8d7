"""The network view at real size: a graph of more than 300 nodes built from real documents
(the seeds, the shared dev documents and fifteen corpus train documents), in Debian's
Chromium with every off-machine request refused.

Screenshots of the first view, a selection, the reader and the map are saved to
test-artifacts/ (view-first.png, view-selection.png, view-reader.png, view-map.png).
"""

from __future__ import annotations

import csv
import io
import json

import networkx as nx
import pytest

from tipgraph.extractors.ingest.stated_dates import stated_date
from tipgraph.graph.build.corpus import build_corpus
from tipgraph.graph.model.nx import load_graph, statement_edges

from ..conftest import ROOT, SEEDS, SHARED_EVAL
from .chromium import Visit, browser_fixture  # noqa: F401  (browser_fixture: the `browser` fixture)

ARTIFACTS = ROOT / "test-artifacts"
TRAIN_DOCUMENTS = 15

# Pairs of drawn nodes whose shapes overlap (centres closer than the two radii).
OVERLAPS = """() => {
  const net = tipgraph.network, ids = net.body.nodeIndices, p = net.getPositions(ids), pairs = [];
  for (let a = 0; a < ids.length; a++) for (let b = a + 1; b < ids.length; b++) {
    const i = ids[a], j = ids[b], gap = Math.hypot(p[i].x - p[j].x, p[i].y - p[j].y);
    if (gap < tipgraph.nodes[i].size + tipgraph.nodes[j].size) pairs.push([i, j]);
  }
  return pairs;
}"""


# Labels as vis-network lays them out (every label measured: the draw threshold set to 0 for
# the count), in canvas units: pairs of labels that overlap, and labels over another node.
LABEL_COLLISIONS = """() => {
  const net = tipgraph.network;
  net.setOptions({nodes: {scaling: {label: {drawThreshold: 0}}}});
  net.fit({animation: false}); net.redraw();
  const ids = net.body.nodeIndices, boxes = [], discs = [];
  for (const i of ids) {
    const node = net.body.nodes[i], s = node.labelModule.size, v = node.options.font.vadjust || 0;
    discs.push({id: i, x: node.x, y: node.y, r: node.options.size});
    if (node.options.label && s.width > 0) boxes.push({id: i, left: s.left, right: s.left + s.width, top: s.top + v, bottom: s.top + v + s.height});
  }
  let labelPairs = 0, onNodes = 0;
  for (let a = 0; a < boxes.length; a++) for (let b = a + 1; b < boxes.length; b++) {
    const p = boxes[a], q = boxes[b];
    if (p.left < q.right && p.right > q.left && p.top < q.bottom && p.bottom > q.top) labelPairs++;
  }
  for (const p of boxes) for (const d of discs) {
    if (d.id === p.id) continue;
    const cx = Math.max(p.left, Math.min(d.x, p.right)), cy = Math.max(p.top, Math.min(d.y, p.bottom));
    if (Math.hypot(cx - d.x, cy - d.y) < d.r) onNodes++;
  }
  net.setOptions({nodes: {scaling: {label: {drawThreshold: 12}}}});
  return {nodes: ids.length, labelled: boxes.length, labelPairs, onNodes};
}"""


@pytest.fixture(scope="module")
def real_build(tmp_path_factory):
    """(summary, output folder) of a build of the seeds, the dev documents and some train documents."""
    train = json.loads((ROOT / "corpus" / "splits.json").read_text())["splits"]["train"][:TRAIN_DOCUMENTS]
    out = tmp_path_factory.mktemp("real-build")
    sources = [SEEDS, SHARED_EVAL / "dev" / "docs", *(ROOT / "corpus" / "docs" / name for name in train)]
    return build_corpus(sources, out), out


@pytest.fixture(scope="module")
def real_graph(real_build):
    _, out = real_build
    return load_graph(out / "graph.json")


@pytest.fixture
def visit(browser, real_build):
    _, out = real_build
    visit = Visit(browser, out / "graph.html")
    yield visit
    visit.page.close()


def linked(graph: nx.MultiDiGraph) -> set:
    return {node for u, v in graph.edges() if u != v for node in (u, v)}


def test_the_first_view_has_no_two_nodes_overlapping_and_no_node_without_a_line(visit, real_graph):
    assert real_graph.number_of_nodes() >= 300
    page = visit.page
    assert visit.problems() == {"refused": [], "failed": [], "console": [], "dialogs": []}
    assert page.evaluate(OVERLAPS) == []
    counts = page.evaluate("tipgraph.counts()")
    assert counts["shownNodes"] == len(linked(real_graph))
    shown = page.evaluate("tipgraph.shown()")
    ends = {
        line[end] for line in page.evaluate("tipgraph.edges") if shown["edges"][line["id"]] for end in ("from", "to")
    }
    assert {i for i, flag in enumerate(shown["nodes"]) if flag} == ends
    # the others are in the side list, which is searchable and opens the node in the panel
    unlinked = sorted(set(real_graph) - linked(real_graph), key=lambda n: -real_graph.nodes[n]["mentions"])
    assert page.text_content("#unrelated-count") == str(len(unlinked))
    name = real_graph.nodes[unlinked[0]]["label"]
    page.fill("#unrelated-search", name)
    page.click(f'#unrelated-list button[data-node="{unlinked[0]}"]')
    page.wait_for_selector(f'#panel[data-node="{unlinked[0]}"]')
    ARTIFACTS.mkdir(exist_ok=True)
    page.fill("#unrelated-search", "")
    page.screenshot(path=str(ARTIFACTS / "view-first.png"))


def test_lines_are_clickable_at_their_midpoint_in_the_first_view_and_at_one_to_one(visit):
    page = visit.page
    lines = page.evaluate("tipgraph.network.body.edgeIndices")
    scale = page.evaluate("tipgraph.network.getScale()")
    assert scale < 1  # the first view fits the whole graph: lines are short and close there
    clear = [i for i in lines if visit.line_midpoint(i, scale=None) is not None]
    assert len(clear) >= 0.95 * len(lines), f"{len(clear)} of {len(lines)} lines clickable in the first view"
    for index in clear[:: max(1, len(clear) // 12)]:  # real mouse clicks on a dozen of them, view unmoved
        assert visit.click_line(index, scale=None)
        page.wait_for_selector(f'#panel[data-edge="{index}"]', timeout=5_000)
    assert page.evaluate("tipgraph.network.getScale()") == scale
    clear = [i for i in lines if visit.line_midpoint(i, scale=1) is not None]
    assert len(clear) >= 0.95 * len(lines), f"{len(clear)} of {len(lines)} lines clickable at 1:1"
    for index in clear[:: max(1, len(clear) // 6)]:
        assert visit.click_line(index, scale=1)
        page.wait_for_selector(f'#panel[data-edge="{index}"]', timeout=5_000)


def test_labels_do_not_overlap_each_other_nor_other_nodes_and_the_most_mentioned_are_named(visit):
    page = visit.page
    collisions = page.evaluate(LABEL_COLLISIONS)
    assert collisions["labelPairs"] == 0 and collisions["onNodes"] == 0, collisions
    assert collisions["labelled"] >= collisions["nodes"] / 2, collisions
    # the pass goes most mentioned first: most of the ten biggest shown nodes keep their label (a
    # label that would cover a neighbouring node is hidden, whoever it belongs to)
    biggest = page.evaluate(
        """() => tipgraph.network.body.nodeIndices.slice().sort((a, b) => tipgraph.nodes[b].size - tipgraph.nodes[a].size)
                 .slice(0, 10).map(i => tipgraph.network.body.nodes[i].options.label)"""
    )
    assert sum(1 for label in biggest if label) >= 6, biggest
    hidden = page.evaluate("tipgraph.network.body.nodeIndices.find(i => !tipgraph.network.body.nodes[i].options.label)")
    page.evaluate("i => tipgraph.selectNode(i, false)", hidden)  # a selected node shows its label
    assert page.evaluate("i => tipgraph.network.body.nodes[i].options.label", hidden)


def test_ties_are_drawn_thinner_and_switchable(visit, real_graph):
    page = visit.page
    ties = [(u, v, a["relation"]) for u, v, a in real_graph.edges(data=True) if a["kind"] == "tie"]
    assert {relation for *_, relation in ties} == {"affiliation", "located_in", "country"}
    lines = page.evaluate("tipgraph.edges")
    drawn = page.evaluate("tipgraph.network.body.edgeIndices")
    nodes = list(real_graph)
    assert sorted((nodes[e["from"]], nodes[e["to"]], e["relation"]) for e in lines if e["tie"]) == sorted(ties)
    assert all(lines[i]["id"] == i for i in drawn)
    widths = page.evaluate("ids => ids.map(i => tipgraph.network.body.edges[i].options.width)", drawn)
    tie_widths = [w for i, w in zip(drawn, widths) if lines[i]["tie"]]
    assert tie_widths and max(tie_widths) < min(w for i, w in zip(drawn, widths) if not lines[i]["tie"])
    official = next(u for u, _, relation in ties if relation == "affiliation")
    for relation in ("affiliation", "located_in", "country"):
        page.uncheck(f'input[data-tie="{relation}"]')
    counts = page.evaluate("tipgraph.counts()")
    assert counts["shownLines"] == sum(1 for line in lines if not line["tie"])
    assert page.evaluate(OVERLAPS) == []  # the shown components are packed again
    assert page.evaluate("i => tipgraph.shown().nodes[i]", nodes.index(official)) == (
        1 if any(official in (u, v) for u, v, _ in statement_edges(real_graph)) else 0
    )
    page.check('input[data-tie="affiliation"]')
    assert page.evaluate("i => tipgraph.shown().nodes[i]", nodes.index(official)) == 1


def test_counts_equal_the_build_summary(visit, real_build):
    summary, _ = real_build
    page = visit.page
    counts = page.evaluate("tipgraph.counts()")
    assert counts["byRelation"] == dict(summary.relations_by_type)
    for relation, count in summary.relations_by_type.items():
        row = page.locator(f'label:has(input[data-relation="{relation}"]) .count')
        assert row.text_content() == str(count)
    assert f"{sum(summary.relations_by_type.values())} statements" in page.text_content("#status")
    assert page.get_attribute("body", "data-statements") == str(sum(summary.relations_by_type.values()))


def test_only_cooperation_is_packed_again_with_no_overlap_and_all_in_view(visit):
    page = visit.page
    for relation in ("funding", "route"):
        page.uncheck(f'input[data-relation="{relation}"]')
    for relation in ("affiliation", "located_in", "country"):
        page.uncheck(f'input[data-tie="{relation}"]')
    counts = page.evaluate("tipgraph.counts()")
    assert counts["shownByRelation"].keys() == {"cooperation"} and counts["shownNodes"] > 10
    assert page.evaluate(OVERLAPS) == []
    outside = page.evaluate(
        """() => { const net = tipgraph.network, ids = net.body.nodeIndices, p = net.getPositions(ids);
                   const box = document.getElementById('network').getBoundingClientRect();
                   return ids.filter(i => { const d = net.canvasToDOM(p[i]);
                     return d.x < 0 || d.y < 0 || d.x > box.width || d.y > box.height; }).length; }"""
    )
    assert outside == 0


def test_same_name_bodies_are_told_apart_in_labels_and_search(visit, real_graph):
    page = visit.page
    by_name: dict[str, list] = {}
    for node, attrs in real_graph.nodes(data=True):
        by_name.setdefault(attrs["label"].casefold(), []).append(node)
    shared = [nodes for nodes in by_name.values() if len(nodes) > 1]
    if not shared:
        pytest.fail("the real graph should hold two nodes of one name")
    rows = page.evaluate("tipgraph.nodes")
    labels = {row["iri"]: row["label"] for row in rows}
    for nodes in shared:
        assert len({labels[node] for node in nodes}) == len(nodes)
    nodes = shared[0]
    page.fill("#search", real_graph.nodes[nodes[0]]["label"])
    details = page.locator("#search-results .detail").all_text_contents()
    assert len(details) >= len(nodes) and all(detail.startswith(" · ") for detail in details)


def test_clicking_a_sentence_opens_the_reader_with_it_highlighted(visit, real_graph, real_build):
    page = visit.page
    lines = page.evaluate("tipgraph.edges")
    routes = [i for i, line in enumerate(lines) if not line["tie"] and line["relation"] == "route"]
    # a sentence of ordinary length (the screenshot shows it in its paragraph)
    index = min(routes, key=lambda i: abs(len(lines[i]["statements"][0]["evidence"]) - 200))
    busiest = max(range(len(lines)), key=lambda i: len(lines[i]["statements"]))
    page.evaluate("i => tipgraph.selectNode(tipgraph.edges[i].from, true)", busiest)
    page.wait_for_timeout(600)  # the focus animation
    page.screenshot(path=str(ARTIFACTS / "view-selection.png"))
    page.evaluate(
        "i => { tipgraph.selectEdge(i); const e = tipgraph.edges[i]; tipgraph.network.fit({nodes: [e.from, e.to], animation: false}); }",
        index,
    )
    statement = lines[index]["statements"][0]
    page.click("#panel .statement blockquote.evidence >> nth=0")
    page.wait_for_selector("#reader:not([hidden])")
    assert page.get_attribute("#reader", "data-statement") == statement["statement"]
    sentence = " ".join(page.text_content("#reader-sentence").split())
    assert sentence == statement["evidence"]
    around = page.text_content("#reader-text")
    assert len(around) > len(sentence) + 200  # the paragraph around it, not the sentence alone
    assert page.locator("#reader-text mark.entity").count() >= 2
    title = real_graph.graph["documents"][statement["document"]]["title"]
    assert page.text_content("#reader-title") == (title or statement["document"])
    assert page.get_attribute("#reader-title", "title") == statement["document"]
    page.screenshot(path=str(ARTIFACTS / "view-reader.png"))
    # the reader is a pane beside the network, not over it, and its edge drags to narrow (or widen) it
    reader, network = page.locator("#reader").bounding_box(), page.locator("#network").bounding_box()
    assert network["x"] + network["width"] <= reader["x"] + 1
    handle = page.locator("#reader-split").bounding_box()
    page.mouse.move(handle["x"] + handle["width"] / 2, handle["y"] + 200)
    page.mouse.down()
    page.mouse.move(handle["x"] + handle["width"] / 2 + 150, handle["y"] + 200, steps=5)
    page.mouse.up()
    narrower, wider = page.locator("#reader").bounding_box(), page.locator("#network").bounding_box()
    assert abs(reader["width"] - narrower["width"] - 150) <= 2 and abs(wider["width"] - network["width"] - 150) <= 2
    assert wider["x"] + wider["width"] <= narrower["x"] + 1


def test_exports_download_png_svg_and_the_shown_statements_as_csv(visit, tmp_path):
    page = visit.page
    saved = {}
    for kind in ("png", "svg", "csv"):
        with page.expect_download() as download:
            page.click(f"#export-{kind}")
        saved[kind] = tmp_path / download.value.suggested_filename
        download.value.save_as(saved[kind])
    assert saved["png"].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and saved["png"].stat().st_size > 10_000
    assert b"<svg" in saved["svg"].read_bytes()[:200] and saved["svg"].read_bytes().count(b"<circle") == page.evaluate(
        "tipgraph.counts().shownNodes"
    )
    rows = list(csv.DictReader(io.StringIO(saved["csv"].read_text(encoding="utf-8"))))
    counts = page.evaluate("tipgraph.counts()")
    assert len({row["statement"] for row in rows}) == counts["shownStatements"]
    assert all(row["evidence"] for row in rows)
    assert visit.refused == []


def test_map_places_nodes_by_their_places_with_numbered_graticule(visit, real_graph):
    page = visit.page
    page.click("#layout-geo")
    shown = page.evaluate("tipgraph.shown().nodes")
    rows = page.evaluate("tipgraph.nodes")
    assert all(("gx" in row) for row, flag in zip(rows, shown) if flag)
    located = [row for row in rows if row["lat"] is not None]
    assert all(shown[row["id"]] for row in located)
    # a node placed beside its places never overlaps another node (places may: they are where they are)
    pairs = page.evaluate(OVERLAPS)
    assert all(rows[i]["lat"] is not None and rows[j]["lat"] is not None for i, j in pairs), pairs
    page.screenshot(path=str(ARTIFACTS / "view-map.png"))


def test_statements_are_dated_by_their_sentence_where_it_states_a_date(visit):
    statements = [s for line in visit.page.evaluate("tipgraph.edges") for s in line["statements"]]
    stated = [s for s in statements if s["date_stated"]]
    assert stated, "some sentences of the real documents state when"
    assert all(s["date"] == stated_date(s["evidence"]) for s in stated)
    assert all(s["date"] == s["document_date"] for s in statements if not s["date_stated"])
    assert any(s["date"][:4] != (s["document_date"] or "")[:4] for s in stated)  # the timeline moves them


def test_brushing_the_timeline_keeps_the_statements_of_those_years(visit):
    page = visit.page
    box = page.locator("#timeline svg").bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + 20)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.4, box["y"] + 20)
    page.mouse.up()
    low, high = page.input_value("#date-from"), page.input_value("#date-to")
    assert low.endswith("-01-01") and high.endswith("-12-31") and low < high
    statements = {
        s["statement"]
        for line in page.evaluate("tipgraph.edges")
        for s in line["statements"]
        if s["date"] and low[: len(s["date"][:10])] <= s["date"][:10] <= high[: len(s["date"][:10])]
    }
    counts = page.evaluate("tipgraph.counts()")
    assert 0 < counts["shownStatements"] == len(statements) < counts["statements"]
    assert page.evaluate(OVERLAPS) == []
