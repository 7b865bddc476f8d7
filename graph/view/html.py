"""The investigators' network view: one offline HTML file built on pyvis's vis-network.

The page carries everything it needs: pyvis's bundled copy of vis-network
(JS and CSS), the view's own small script and style sheet (``assets/``)
and the graph as JSON. A Content-Security-Policy allows no request to any
host and runs only the page's own scripts (by hash), so the file works cut
off from the internet and document text can never become code. Names,
aliases and sentences reach the page as JSON data and are shown with
``textContent``, never parsed as HTML.

Layouts are computed here, not in the browser: a force layout (networkx's
spring layout for small graphs, a sampled spring layout that is linear per
step for big ones) and a map layout that puts places with coordinates where
they are and everything else beside the places it is tied to. Small graphs
get a short physics run in the page that then stops; big ones are drawn as
laid out with physics off.

>>> import networkx as nx
>>> graph = nx.MultiDiGraph()
>>> graph.add_node("a", label="UNICEF", cls="InternationalOrganization")
>>> "UNICEF" in "".join(generate_html(graph))
True
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import re
from collections import defaultdict, deque
from collections.abc import Iterator
from enum import Enum
from functools import cache
from importlib import resources
from pathlib import Path

import networkx as nx
import numpy as np
import pyvis
from jinja2 import Template

from tipgraph.graph.curation.page import page_curation
from tipgraph.graph.io import write_chunks

# Past this many nodes the page draws the Python layout as it is: no physics,
# straight edges, edges hidden while dragging. Below it vis-network polishes
# the layout for a few hundred steps and then switches physics off.
PHYSICS_NODE_LIMIT = 300
# networkx's spring layout is quadratic in memory and time per step; past this
# the sampled layout takes over.
SPRING_NODE_LIMIT = 500
# Pixels between neighbouring nodes in the drawn layout, roughly.
NODE_SPACING = 90
VIS_NETWORK = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"


class Layout(str, Enum):
    """How the page first lays the graph out; the other layout is a click away."""

    force = "force"
    geo = "geo"


@cache
def view_styles() -> dict:
    """Colours and shapes by entity class and relation type (``assets/styles.json``)."""
    return json.loads(_asset("styles.json"))


def _asset(name: str) -> str:
    return resources.files("tipgraph.graph.view").joinpath("assets", name).read_text(encoding="utf-8")


@cache
def _vis_network() -> tuple[str, str]:
    """pyvis's bundled vis-network, without the source-map comment (devtools would fetch it)."""
    script = (VIS_NETWORK / "vis-network.min.js").read_text(encoding="utf-8")
    style = (VIS_NETWORK / "vis-network.css").read_text(encoding="utf-8")
    source_map = re.compile(r"^\s*(//|/\*)# sourceMappingURL=.*$", re.MULTILINE)
    return source_map.sub("", script), source_map.sub("", style)


# ---------------------------------------------------------------- layouts


def _undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    return simple


def sampled_spring_layout(graph: nx.Graph, iterations: int = 80, partners: int = 12, seed: int = 0) -> dict:
    """Fruchterman-Reingold with repulsion estimated from random partners.

    Each step costs O(nodes * partners + edges) instead of O(nodes²), so
    5,000 nodes and 10,000 edges lay out in well under a second. A weak pull
    to the centre keeps components from drifting apart.

    >>> pos = sampled_spring_layout(nx.path_graph(4))
    >>> sorted(pos) == [0, 1, 2, 3] and all(len(p) == 2 for p in pos.values())
    True
    """
    nodes = list(graph)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    edges = np.array([(index[u], index[v]) for u, v in graph.edges() if u != v], dtype=np.int64).reshape(-1, 2)
    source, target = edges[:, 0], edges[:, 1]
    rng = np.random.default_rng(seed)
    pos = rng.uniform(-1.0, 1.0, (n, 2)) * math.sqrt(n)
    temperature = math.sqrt(n) / 4
    cooling = 0.02 ** (1 / max(iterations, 1))
    for _ in range(iterations):
        displacement = np.zeros((n, 2))
        delta = pos[source] - pos[target]
        distance = np.sqrt((delta**2).sum(axis=1)) + 1e-9
        pull = delta * distance[:, None]  # attraction d²/k with k = 1
        np.add.at(displacement, source, -pull)
        np.add.at(displacement, target, pull)
        others = rng.integers(0, n, (n, partners))
        away = pos[:, None, :] - pos[others]
        squared = (away**2).sum(axis=2) + 1e-3
        displacement += (away / squared[..., None]).sum(axis=1) * ((n - 1) / partners)  # repulsion k²/d
        displacement -= pos * 0.05 * np.sqrt((pos**2).sum(axis=1, keepdims=True))
        length = np.sqrt((displacement**2).sum(axis=1, keepdims=True)) + 1e-9
        pos += displacement / length * np.minimum(length, temperature)
        temperature *= cooling
    return {node: pos[i] for i, node in enumerate(nodes)}


def force_layout(graph: nx.MultiDiGraph, seed: int = 0) -> dict:
    """Pixel positions from a spring layout, spaced about ``NODE_SPACING`` apart.

    >>> pos = force_layout(nx.MultiDiGraph([("a", "b"), ("b", "c")]))
    >>> sorted(pos)
    ['a', 'b', 'c']
    """
    simple = _undirected(graph)
    if len(simple) == 0:
        return {}
    if len(simple) < SPRING_NODE_LIMIT:
        raw = nx.spring_layout(simple, seed=seed, iterations=80)
    else:
        raw = sampled_spring_layout(simple, seed=seed)
    coords = np.array([raw[node] for node in simple], dtype=float).reshape(-1, 2)
    coords -= coords.mean(axis=0)
    spread = float(np.abs(coords).max()) or 1.0
    radius = NODE_SPACING * math.sqrt(len(simple)) / 2
    coords *= radius / spread
    return {node: (round(float(x), 1), round(float(y), 1)) for node, (x, y) in zip(simple, coords)}


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0), -85.0)
    return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def geo_projection(graph: nx.MultiDiGraph) -> dict | None:
    """Mercator in pixels over the places with coordinates: x = (long - long0) * scale,
    y = (y0 - mercator(lat)) * scale; None when no node has coordinates."""
    located = [
        (a["lat"], a["long"])
        for _, a in graph.nodes(data=True)
        if a.get("lat") is not None and a.get("long") is not None
    ]
    if not located:
        return None
    longs = [lon for _, lon in located]
    ys = [_mercator_y(lat) for lat, _ in located]
    extent = max(max(longs) - min(longs), max(ys) - min(ys), 10.0)
    width = max(2400.0, NODE_SPACING * 2 * math.sqrt(graph.number_of_nodes()))
    scale = width / extent
    # Places crowd into one region (a corpus about the Mekong): stretch the map
    # until typical neighbouring places sit a couple of node spacings apart,
    # within a bound that keeps the whole map zoomable.
    points = np.unique(np.column_stack([longs, ys]), axis=0)
    if len(points) > 1:
        sample = points[np.random.default_rng(0).permutation(len(points))[:1000]]
        nearest = []
        for chunk in np.array_split(sample, max(1, len(sample) // 128)):  # bounded memory at any size
            gaps = np.sqrt(((chunk[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
            gaps[gaps == 0] = np.inf
            nearest.extend(gaps.min(axis=1))
        typical = float(np.median(nearest))
        scale = min(max(scale, 2 * NODE_SPACING / typical), 40000.0 / extent)
    return {"long0": (max(longs) + min(longs)) / 2, "y0": (max(ys) + min(ys)) / 2, "scale": scale}


def geo_layout(graph: nx.MultiDiGraph, projection: dict) -> dict:
    """Places with coordinates on the map; every other node on a small spiral around
    the located places nearest to it in the graph (its ``located_in``, its country,
    else the closest by hops); nodes tied to no located place in a block under the map."""
    project = lambda lat, lon: (  # noqa: E731
        (lon - projection["long0"]) * projection["scale"],
        (projection["y0"] - _mercator_y(lat)) * projection["scale"],
    )
    pos = {
        n: project(a["lat"], a["long"])
        for n, a in graph.nodes(data=True)
        if a.get("lat") is not None and a.get("long") is not None
    }
    by_country = {}
    for node in pos:
        attrs = graph.nodes[node]
        if attrs.get("country") and (attrs.get("country") not in by_country or not attrs.get("located_in")):
            by_country[attrs["country"]] = node
    anchors: dict = {}
    for node, attrs in graph.nodes(data=True):
        if node in pos:
            continue
        for candidate in (attrs.get("located_in"), attrs.get("affiliation"), by_country.get(attrs.get("country"))):
            if candidate in pos:
                anchors[node] = [candidate]
                break
    # Multi-source breadth-first search: the remaining nodes take the located
    # places (or anchored nodes' places) at the fewest hops.
    simple = _undirected(graph)
    nearest = {node: [node] for node in pos} | anchors
    queue = deque(nearest)
    while queue:
        node = queue.popleft()
        for neighbour in simple[node]:
            if neighbour not in nearest:
                nearest[neighbour] = nearest[node]
                queue.append(neighbour)
    satellites: dict = defaultdict(int)
    golden = math.pi * (3 - math.sqrt(5))
    result = dict(pos)
    for node in graph:
        if node in result or node not in nearest:
            continue
        places = nearest[node]
        cx = sum(pos[p][0] for p in places) / len(places)
        cy = sum(pos[p][1] for p in places) / len(places)
        key = tuple(places)
        satellites[key] += 1
        i = satellites[key]
        radius = NODE_SPACING * 0.45 * math.sqrt(i)
        result[node] = (cx + radius * math.cos(i * golden), cy + radius * math.sin(i * golden))
    loose = [node for node in graph if node not in result]
    if loose:
        xs = [x for x, _ in result.values()]
        ys = [y for _, y in result.values()]
        columns = max(1, math.ceil(math.sqrt(len(loose) * 3)))  # a compact block under the map's left edge
        top = max(ys) + NODE_SPACING * 2
        for i, node in enumerate(loose):
            result[node] = (min(xs) + (i % columns) * NODE_SPACING, top + (i // columns) * NODE_SPACING * 0.6)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in result.items()}


# ---------------------------------------------------------------- page data


def _text(value) -> str | None:
    """Source text shown as one line: the evidence keeps the file's line breaks."""
    return " ".join(str(value).split()) if value is not None else None


def merged_edges(graph: nx.MultiDiGraph) -> list[dict]:
    """One drawn edge per relation type and pair (either direction for cooperation),
    listing every statement behind it.

    >>> graph = nx.MultiDiGraph()
    >>> graph.add_edge("a", "b", relation="cooperation", statement="s1", evidence="A met B.")
    0
    >>> graph.add_edge("b", "a", relation="cooperation", statement="s2", evidence="B met A.")
    0
    >>> [len(e["statements"]) for e in merged_edges(graph)]
    [2]
    """
    styles = view_styles()["relations"]
    drawn: dict[tuple, dict] = {}
    for u, v, attrs in graph.edges(data=True):
        relation = attrs.get("relation") or "other"
        directed = styles.get(relation, view_styles()["fallback_relation"])["arrow"]
        ends = (u, v) if directed else tuple(sorted((u, v)))
        edge = drawn.setdefault(
            (relation, *ends), {"from": ends[0], "to": ends[1], "relation": relation, "statements": []}
        )
        edge["statements"].append(
            {
                "statement": attrs.get("statement"),
                "evidence": _text(attrs.get("evidence")),
                "document": attrs.get("document"),
                "date": attrs.get("date"),
                "start": attrs.get("start"),
                "end": attrs.get("end"),
                "confidence": attrs.get("confidence"),
                "negated": bool(attrs.get("negated")),
                "amount": attrs.get("amount"),
                "purposes": list(attrs.get("purposes") or []),
                "victims": list(attrs.get("victims") or []),
                "transit": [graph.nodes[t].get("label", t) if t in graph else t for t in attrs.get("transit") or []],
            }
        )
    for edge in drawn.values():
        edge["statements"].sort(key=lambda s: (s["date"] or "", s["document"] or "", s["start"] or 0))
    return list(drawn.values())


def view_data(graph: nx.MultiDiGraph, layout: Layout | str = Layout.force) -> dict:
    """Everything the page shows, as JSON-ready data: nodes with both layouts,
    merged edges with their statements, documents, styles and counts."""
    layout = Layout(layout)
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    force = force_layout(graph)
    projection = geo_projection(graph)
    geo = geo_layout(graph, projection) if projection else {}
    degree = dict(_undirected(graph).degree())
    edges = merged_edges(graph)
    for i, edge in enumerate(edges):
        edge["id"] = i
        edge["from"], edge["to"] = index[edge["from"]], index[edge["to"]]
    documents: dict[str, str | None] = {}
    for _, attrs in graph.nodes(data=True):
        for name in attrs.get("documents") or []:
            documents.setdefault(name, None)
    for _, _, attrs in graph.edges(data=True):
        if attrs.get("document"):
            documents[attrs["document"]] = documents.get(attrs["document"]) or attrs.get("date")
    label = lambda node: graph.nodes[node].get("label", node) if node in graph else node  # noqa: E731
    node_rows = []
    for node in nodes:
        attrs = graph.nodes[node]
        row = {
            "id": index[node],
            "iri": node,
            "label": _text(attrs.get("label")) or node,
            "cls": attrs.get("cls"),
            "aliases": [
                _text(a) for a in attrs.get("aliases") or [] if _text(a) and _text(a) != _text(attrs.get("label"))
            ],
            "country": attrs.get("country"),
            "country_label": attrs.get("country_label"),
            "located_in": index.get(attrs.get("located_in")),
            "located_in_label": _text(label(attrs["located_in"])) if attrs.get("located_in") else None,
            "role": attrs.get("role"),
            "affiliation": index.get(attrs.get("affiliation")),
            "affiliation_label": _text(label(attrs["affiliation"])) if attrs.get("affiliation") else None,
            "documents": list(attrs.get("documents") or []),
            "mentions": attrs.get("mentions") or 0,
            "degree": degree.get(node, 0),
            "lat": attrs.get("lat"),
            "long": attrs.get("long"),
            "x": force[node][0],
            "y": force[node][1],
        }
        if node in geo:
            row["gx"], row["gy"] = geo[node]
        node_rows.append(row)
    return {
        "meta": {
            "nodes": graph.number_of_nodes(),
            "statement_edges": graph.number_of_edges(),
            "layout": layout.value,
            "physics": layout is Layout.force and graph.number_of_nodes() <= PHYSICS_NODE_LIMIT,
            # the Python layout is already good: a short polish, shorter as graphs grow
            "physics_iterations": max(100, min(300, 40_000 // max(graph.number_of_nodes(), 1))),
            "large": graph.number_of_nodes() > PHYSICS_NODE_LIMIT,
            "projection": projection,
        },
        "styles": view_styles(),
        "documents": [{"name": name, "date": date} for name, date in sorted(documents.items())],
        "nodes": node_rows,
        "edges": edges,
    }


# ---------------------------------------------------------------- the page

_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data) -> str:
    """JSON that is inert inside ``<script type="application/json">``: no ``<``,
    ``>`` or ``&`` can close the element or open a comment, and the line
    separators JavaScript once rejected are escaped.

    >>> script_json({"label": "</script><img src=x onerror=alert(1)>"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group()], text)


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def generate_html(graph: nx.MultiDiGraph, layout: Layout | str = Layout.force) -> Iterator[str]:
    """Yield the page for ``graph``, in pieces (the libraries, the data, the view)."""
    vis_script, vis_style = _vis_network()
    view_script = _asset("view.js")
    review_script = _asset("review.js")  # the in-page review (tipgraph.graph.curation)
    data = view_data(graph, layout)
    head, tail = (
        Template(_asset("page.html"))
        .render(
            csp="; ".join(
                [
                    "default-src 'none'",
                    f"script-src {_csp_hash(vis_script)} {_csp_hash(view_script)} {_csp_hash(review_script)}",
                    "style-src 'unsafe-inline'",
                    "img-src data: blob:",
                    "font-src data:",
                    "base-uri 'none'",
                    "form-action 'none'",
                ]
            ),
            nodes=data["meta"]["nodes"],
            edges=data["meta"]["statement_edges"],
            style=_asset("view.css"),
            vis_style=vis_style,
        )
        .split("<!-- scripts -->")
    )
    yield head
    yield "<script>"
    yield vis_script
    yield '</script>\n<script type="application/json" id="tipgraph-data">'
    yield script_json(data)
    yield "</script>\n<script>"
    yield view_script
    yield '</script>\n<script type="application/json" id="tipgraph-curation">'
    yield script_json(page_curation(graph))
    yield "</script>\n<script>"
    yield review_script
    yield "</script>\n"
    yield tail


def write_html(graph: nx.MultiDiGraph, path: str | Path, layout: Layout | str = Layout.force) -> None:
    """Write the page for ``graph`` to ``path`` (complete, or not at all)."""
    layout = Layout(layout)
    write_chunks(path, generate_html(graph, layout))
