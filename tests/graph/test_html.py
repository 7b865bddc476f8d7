"""The network view's page, data and layouts, without a browser (see test_view_browser.py for one)."""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from html.parser import HTMLParser

import networkx as nx
import pytest

from tipgraph.graph.view.geo import geo_layout, geo_projection
from tipgraph.graph.view.html import (
    Layout,
    force_layout,
    generate_html,
    merged_edges,
    sampled_spring_layout,
    script_json,
    view_data,
    write_html,
)

ACTOR = "https://w3id.org/tipgraph/resource/agency/{}"
PLACE = "https://w3id.org/tipgraph/resource/place/{}"


def node(graph, key, label, cls, **attrs):
    defaults = dict(
        aliases=[],
        country=None,
        country_label=None,
        located_in=None,
        lat=None,
        long=None,
        role=None,
        affiliation=None,
        documents=["cable.txt"],
        mentions=1,
    )
    graph.add_node(key, label=label, cls=cls, **(defaults | attrs))


def statement(graph, u, v, relation, evidence, document="cable.txt", date="2008-01-10", **attrs):
    defaults = dict(statement=f"s-{graph.number_of_edges()}", start=0, end=len(evidence), confidence=0.6, negated=False)
    graph.add_edge(u, v, relation=relation, evidence=evidence, document=document, date=date, **(defaults | attrs))


@pytest.fixture
def mekong():
    """A small corpus graph in the genre: ministries, an NGO, a donor, countries with coordinates."""
    graph = nx.MultiDiGraph()
    node(
        graph,
        PLACE.format("VN"),
        "Vietnam",
        "Country",
        country="VN",
        country_label="Vietnam",
        lat=21.03,
        long=105.85,
        mentions=9,
    )
    node(
        graph, PLACE.format("KH"), "Cambodia", "Country", country="KH", country_label="Cambodia", lat=11.56, long=104.92
    )
    node(graph, PLACE.format("CN"), "China", "Country", country="CN", country_label="China", lat=39.9, long=116.4)
    node(
        graph,
        ACTOR.format("mps"),
        "Ministry of Public Security",
        "Agency",
        aliases=["MPS", "the Ministry of Public Security"],
        country="VN",
        mentions=6,
    )
    node(graph, ACTOR.format("usaid"), "USAID", "Agency", aliases=["U.S. Agency for International Development"])
    node(
        graph,
        ACTOR.format("iom"),
        "International Organization for Migration",
        "InternationalOrganization",
        aliases=["IOM"],
    )
    node(graph, ACTOR.format("ngo"), "Blue Dragon", "NGO")
    statement(
        graph, ACTOR.format("mps"), ACTOR.format("iom"), "cooperation", "The MPS worked with IOM on border training."
    )
    statement(
        graph,
        ACTOR.format("iom"),
        ACTOR.format("mps"),
        "cooperation",
        "IOM and the MPS signed a memorandum.",
        date="2009-03-02",
    )
    statement(
        graph,
        ACTOR.format("usaid"),
        ACTOR.format("ngo"),
        "funding",
        "USAID funds Blue Dragon's shelter.",
        amount="$1 million",
    )
    statement(graph, ACTOR.format("ngo"), ACTOR.format("usaid"), "funding", "Blue Dragon paid USAID back.")
    statement(
        graph,
        PLACE.format("VN"),
        PLACE.format("CN"),
        "route",
        "Women from Vietnam are trafficked to China for forced marriage.",
        purposes=["ForcedMarriage"],
        victims=["Women"],
        transit=[],
    )
    return graph


def page_data(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="tipgraph-data">(.*?)</script>', page, re.DOTALL)
    return json.loads(match.group(1))


class Resources(HTMLParser):
    """Every attribute that could make a browser fetch something, and the inline scripts."""

    def __init__(self):
        super().__init__()
        self.fetching, self.scripts, self.csp, self._script = [], [], None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.fetching += [
            (tag, name, value)
            for name, value in attrs.items()
            if name in ("src", "href", "srcset", "poster", "data", "action")
        ]
        if tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = attrs["content"]
        if tag == "script":
            self._script = attrs.get("type", "text/javascript")

    def handle_data(self, data):
        if self._script == "text/javascript":
            self.scripts.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


def test_page_fetches_nothing_and_runs_only_its_own_scripts(mekong):
    page = "".join(generate_html(mekong))
    parsed = Resources()
    parsed.feed(page)
    assert parsed.fetching == []
    assert not re.search(r"cdn\.jsdelivr|cdnjs|unpkg|sourceMappingURL", page)
    policy = dict(part.strip().split(" ", 1) for part in parsed.csp.split(";"))
    assert policy["default-src"] == "'none'" and "unsafe-inline" not in policy["script-src"]
    assert len(parsed.scripts) == 3  # vis-network, the view and the review (review.js)
    for script in parsed.scripts:
        digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
        assert f"'sha256-{digest}'" in policy["script-src"]


HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(document.domain)</script>",
    "<!-- <script>",
    "Ministry & Co </SCRIPT >",
    "line\u2028separator\u2029end",
    "&lt;b&gt;escaped&lt;/b&gt;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_document_text_reaches_the_page_as_inert_data(mekong, text):
    mps = ACTOR.format("mps")
    mekong.nodes[mps]["label"] = f"Ministry {text}"
    mekong.nodes[mps]["aliases"] = [f"alias {text}"]
    statement(mekong, mps, ACTOR.format("ngo"), "cooperation", f"They met. {text}", document=f"doc {text}.txt")
    page = "".join(generate_html(mekong))
    data_script = re.search(
        r'<script type="application/json" id="tipgraph-data">(.*?)</script>', page, re.DOTALL
    ).group(1)
    assert not re.search(r"[<>&\u2028\u2029]", data_script)
    data = page_data(page)
    row = next(r for r in data["nodes"] if r["iri"] == mps)
    assert row["label"] == " ".join(f"Ministry {text}".split())
    assert row["aliases"] == [" ".join(f"alias {text}".split())]
    evidence = [s["evidence"] for e in data["edges"] for s in e["statements"]]
    assert " ".join(f"They met. {text}".split()) in evidence


def test_script_json_round_trips():
    value = {"label": "</script><img src=x onerror=alert(1)>", "line": "a\u2028b", "amp": "R&D"}
    assert json.loads(script_json(value)) == value


def test_parallel_statements_share_one_drawn_edge(mekong):
    edges = merged_edges(mekong)
    by_relation = {}
    for edge in edges:
        by_relation.setdefault(edge["relation"], []).append(edge)
    # cooperation has no direction: both statements on one line, oldest first
    [cooperation] = by_relation["cooperation"]
    assert [s["date"] for s in cooperation["statements"]] == ["2008-01-10", "2009-03-02"]
    # funding does: money each way is two arrows
    assert sorted((e["from"], e["to"]) for e in by_relation["funding"]) == sorted(
        [(ACTOR.format("usaid"), ACTOR.format("ngo")), (ACTOR.format("ngo"), ACTOR.format("usaid"))]
    )
    assert sum(len(e["statements"]) for e in edges) == mekong.number_of_edges()
    [route] = by_relation["route"]
    assert route["statements"][0]["purposes"] == ["ForcedMarriage"] and route["statements"][0]["victims"] == ["Women"]


def test_view_data_indexes_edges_by_node_and_counts_statements(mekong):
    data = view_data(mekong)
    statements = {attrs["statement"] for *_, attrs in mekong.edges(data=True)}
    assert data["meta"]["nodes"] == mekong.number_of_nodes() and data["meta"]["statements"] == len(statements)
    iris = [row["iri"] for row in data["nodes"]]
    for edge in data["edges"]:
        assert {iris[edge["from"]], iris[edge["to"]]} <= set(mekong)
    assert {d["name"] for d in data["documents"]} == {"cable.txt"}


def test_the_page_draws_the_python_layout_without_physics(mekong):
    page = "".join(generate_html(mekong))
    options = json.loads(
        re.search(r'<script type="application/json" id="tipgraph-options">(.*?)</script>', page).group(1)
    )
    assert options["physics"] == {"enabled": False} and options["edges"]["font"]["size"] == 0


def test_map_layout_puts_places_where_they_are_and_actors_beside_them(mekong):
    node(mekong, PLACE.format("hanoi"), "Hanoi", "City", located_in=PLACE.format("VN"))
    projection = geo_projection(mekong)
    pos = geo_layout(mekong, projection)
    vn, kh, cn = (pos[PLACE.format(code)] for code in ("VN", "KH", "CN"))
    assert cn[0] > vn[0] > kh[0]  # east is right
    assert cn[1] < vn[1] < kh[1]  # north is up
    distance = lambda a, b: math.dist(pos[a], pos[b])  # noqa: E731
    # Hanoi has no coordinates: it sits by the country it is located in
    assert distance(PLACE.format("hanoi"), PLACE.format("VN")) < distance(PLACE.format("hanoi"), PLACE.format("KH"))
    # the ministry (country VN) sits by Vietnam
    assert distance(ACTOR.format("mps"), PLACE.format("VN")) < distance(ACTOR.format("mps"), PLACE.format("CN"))
    # USAID and the NGO it funds are tied to no place: no map position (the page lists them apart)
    assert set(mekong) - set(pos) == {ACTOR.format("usaid"), ACTOR.format("ngo")}


def test_no_map_without_coordinates():
    graph = nx.MultiDiGraph()
    node(graph, "a", "UNICEF", "InternationalOrganization")
    assert geo_projection(graph) is None
    assert "gx" not in view_data(graph)["nodes"][0]


@pytest.mark.parametrize("layout", [force_layout, lambda g: sampled_spring_layout(nx.Graph(g))])
def test_force_layouts_keep_communities_together(layout):
    # two tight groups of agencies joined by one liaison
    graph = nx.MultiDiGraph()
    left, right = [f"l{i}" for i in range(15)], [f"r{i}" for i in range(15)]
    graph.add_edges_from((a, b) for group in (left, right) for i, a in enumerate(group) for b in group[i + 1 :])
    graph.add_edge(left[0], right[0])
    pos = layout(graph)
    mean = lambda pairs: sum(math.dist(pos[a], pos[b]) for a, b in pairs) / len(pairs)  # noqa: E731
    within = mean([(a, b) for group in (left, right) for a in group for b in group if a != b])
    across = mean([(a, b) for a in left for b in right])
    assert within * 1.5 < across


def test_unknown_layout_is_refused(mekong, tmp_path):
    with pytest.raises(ValueError):
        write_html(mekong, tmp_path / "graph.html", layout="circular")
    assert not (tmp_path / "graph.html").exists()


def test_written_page_starts_in_the_asked_layout(mekong, tmp_path):
    write_html(mekong, tmp_path / "graph.html", layout=Layout.geo)
    data = page_data((tmp_path / "graph.html").read_text(encoding="utf-8"))
    assert data["meta"]["layout"] == "geo"
    assert all("gx" in row for row in data["nodes"] if row["lat"] is not None)


def test_topojson_rings_decode_delta_arcs_and_do_not_jump_across_the_antimeridian():
    from tipgraph.graph.view.outlines import topojson_rings

    topology = {
        "transform": {"scale": [1.0, 1.0], "translate": [0.0, 0.0]},
        "arcs": [[[170, 10], [10, 0], [-359, 5], [-1, 5]], [[179, 20], [-9, -10]]],
        "objects": {"land": {"geometries": [{"type": "Polygon", "arcs": [[0, 1]]}]}},
    }
    [ring] = topojson_rings(topology, "land")
    # 170,10 -> 180,10 -> -179,15 (read as 181) -> -180,20 (180) -> 170,10, closing the ring
    assert ring == [170.0, 10.0, 180.0, 10.0, 181.0, 15.0, 180.0, 20.0, 170.0, 10.0]


def test_the_map_carries_the_vendored_outlines_and_their_licence(mekong):
    from tipgraph.graph.view.outlines import ASSETS, world_outlines

    data = view_data(mekong)
    assert data["outlines"] == world_outlines() and len(data["outlines"]) > 200
    assert (
        "Natural Earth" in (ASSETS / "world-110m.LICENSE").read_text()
        and "ISC" in (ASSETS / "world-110m.LICENSE").read_text()
    )
    graph = nx.MultiDiGraph()
    node(graph, "a", "UNICEF", "InternationalOrganization")
    assert view_data(graph)["outlines"] == []  # no place with coordinates: no map
