"""What the network view shows, as JSON-ready data: nodes with both layouts, drawn lines
(merged statements and structural ties), documents with their titles and text, counts.

Counts are of **statements** (a cooperation of three actors is one statement
drawn as three lines), the same as the build summary's ``relations:`` line.

>>> import networkx as nx
>>> graph = nx.MultiDiGraph()
>>> graph.add_node("a", label="UNICEF", cls="InternationalOrganization")
>>> view_data(graph)["nodes"][0]["label"]
'UNICEF'
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Callable
from enum import Enum
from functools import cache
from importlib import resources

import networkx as nx

from tipgraph.graph.view.geo import geo_layout, geo_projection
from tipgraph.graph.view.layout import force_layout, node_size, undirected
from tipgraph.graph.view.outlines import world_outlines

# The page carries the text of the documents its statements cite, most cited
# first, up to this many characters in all; the reader says when a document
# is past the limit and shows its sentence alone.
DOCUMENT_TEXT_LIMIT = 4_000_000
# Past this many nodes the page hides lines while dragging and marks a neighbourhood by selection, not fading.
LARGE_GRAPH = 1000


class Layout(str, Enum):
    """How the page first lays the graph out; the other layout is a click away."""

    force = "force"
    geo = "geo"


def asset(name: str) -> str:
    return resources.files("tipgraph.graph.view").joinpath("assets", name).read_text(encoding="utf-8")


@cache
def view_styles() -> dict:
    """Colours and shapes by entity class, relation type and tie (``assets/styles.json``)."""
    return json.loads(asset("styles.json"))


def _text(value) -> str | None:
    """Source text shown as one line: the evidence keeps the file's line breaks."""
    return " ".join(str(value).split()) if value is not None else None


def _statement(graph: nx.MultiDiGraph, attrs: dict) -> dict:
    return {
        "statement": attrs.get("statement"),
        "evidence": _text(attrs.get("evidence")),
        "document": attrs.get("document"),
        # the date the sentence states, else the document's: what the timeline and date filter use
        "date": attrs.get("stated_date") or attrs.get("date"),
        "date_stated": bool(attrs.get("stated_date")),
        "document_date": attrs.get("date"),
        "start": attrs.get("start"),
        "end": attrs.get("end"),
        "confidence": attrs.get("confidence"),
        "negated": bool(attrs.get("negated")),
        "amount": attrs.get("amount"),
        "purposes": list(attrs.get("purposes") or []),
        "victims": list(attrs.get("victims") or []),
        "transit": [graph.nodes[t].get("label", t) if t in graph else t for t in attrs.get("transit") or []],
    }


def merged_edges(graph: nx.MultiDiGraph) -> list[dict]:
    """One drawn line per relation type and pair (either direction for cooperation),
    listing every statement behind it, then one line per structural tie (``tie``: true).

    >>> graph = nx.MultiDiGraph()
    >>> graph.add_edge("a", "b", relation="cooperation", statement="s1", evidence="A met B.")
    0
    >>> graph.add_edge("b", "a", relation="cooperation", statement="s2", evidence="B met A.")
    0
    >>> [len(e["statements"]) for e in merged_edges(graph)]
    [2]
    """
    styles = view_styles()
    drawn: dict[tuple, dict] = {}
    for u, v, attrs in graph.edges(data=True):
        relation = attrs.get("relation") or "other"
        tie = attrs.get("kind") == "tie"
        style = styles["ties"].get(relation) if tie else styles["relations"].get(relation)
        ends = (u, v) if (style or styles["fallback_relation"])["arrow"] else tuple(sorted((u, v)))
        edge = drawn.setdefault(
            (tie, relation, *ends), {"from": ends[0], "to": ends[1], "relation": relation, "tie": tie, "statements": []}
        )
        if not tie:
            edge["statements"].append(_statement(graph, attrs))
    for edge in drawn.values():
        edge["statements"].sort(key=lambda s: (s["date"] or "", s["document"] or "", s["start"] or 0))
    return sorted(drawn.values(), key=lambda edge: edge["tie"])  # the statements' lines first


def display_labels(graph: nx.MultiDiGraph) -> dict[str, str]:
    """Each node's label, with its country (else its class) added where two nodes share a name.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("a", label="Ministry of Health", country_label="Ghana")
    >>> g.add_node("b", label="Ministry of Health", country_label="Kenya")
    >>> sorted(display_labels(g).values())
    ['Ministry of Health (Ghana)', 'Ministry of Health (Kenya)']
    """
    names = {node: _text(attrs.get("label")) or str(node) for node, attrs in graph.nodes(data=True)}
    labels = dict(names)
    for extra in (lambda a: a.get("country_label") or a.get("country"), lambda a: a.get("cls")):
        shared = Counter(label.casefold() for label in labels.values())
        for node, label in labels.items():
            detail = extra(graph.nodes[node])
            if shared[label.casefold()] > 1 and detail:
                labels[node] = f"{label[:-1]}, {detail})" if label != names[node] else f"{label} ({detail})"
    return labels


def _documents(graph: nx.MultiDiGraph, texts: Callable[[str], str | None] | None) -> tuple[list[dict], dict]:
    """The documents the nodes and statements cite: name, title, date and (within the limit) text."""
    known = graph.graph.get("documents") or {}
    cited: Counter = Counter()
    for _, attrs in graph.nodes(data=True):
        cited.update({name: 0 for name in attrs.get("documents") or []})
    for _, _, attrs in graph.edges(data=True):
        if attrs.get("document"):
            cited[attrs["document"]] += 1
    rows = {name: {"name": name, "title": None, "date": None, "text": None} | known.get(name, {}) for name in cited}
    for _, _, attrs in graph.edges(data=True):
        row = rows.get(attrs.get("document"))
        if row is not None and not row["date"]:
            row["date"] = attrs.get("date")
    carried = left_out = 0
    for name, count in cited.most_common():
        text = texts(name) if texts and count else None
        if text is None:
            continue
        if carried + len(text) > DOCUMENT_TEXT_LIMIT:
            left_out += 1
            continue
        rows[name]["text"] = text
        carried += len(text)
    meta = {"text_limit": DOCUMENT_TEXT_LIMIT, "text_carried": carried, "texts_left_out": left_out}
    return [rows[name] for name in sorted(rows)], meta


def _node_row(graph: nx.MultiDiGraph, node, index: dict, labels: dict, degree: dict) -> dict:
    attrs = graph.nodes[node]
    label = lambda other: labels.get(other, other)  # noqa: E731
    name = _text(attrs.get("label")) or str(node)
    return {
        "id": index[node],
        "iri": node,
        "label": labels[node],
        "name": name,
        "cls": attrs.get("cls"),
        "aliases": [_text(a) for a in attrs.get("aliases") or [] if _text(a) and _text(a) != name],
        "country": attrs.get("country"),
        "country_label": attrs.get("country_label"),
        "located_in": index.get(attrs.get("located_in")),
        "located_in_label": label(attrs["located_in"]) if attrs.get("located_in") else None,
        "role": attrs.get("role"),
        "affiliation": index.get(attrs.get("affiliation")),
        "affiliation_label": label(attrs["affiliation"]) if attrs.get("affiliation") else None,
        "documents": list(attrs.get("documents") or []),
        "mentions": attrs.get("mentions") or 0,
        "degree": degree.get(node, 0),
        "size": node_size(attrs.get("mentions") or 0, degree.get(node, 0)),
        "lat": attrs.get("lat"),
        "long": attrs.get("long"),
    }


def view_data(
    graph: nx.MultiDiGraph, layout: Layout | str = Layout.force, texts: Callable[[str], str | None] | None = None
) -> dict:
    """Everything the page shows. ``texts`` gives a cited document's text by file name."""
    layout = Layout(layout)
    nodes = list(graph)
    index = {node: i for i, node in enumerate(nodes)}
    degree = dict(undirected(graph).degree())
    labels = display_labels(graph)
    rows = [_node_row(graph, node, index, labels, degree) for node in nodes]
    radii = {node: row["size"] for node, row in zip(nodes, rows)}
    force = force_layout(graph, radii)
    projection = geo_projection(graph)
    geo = geo_layout(graph, projection, radii) if projection else {}
    for node, row in zip(nodes, rows):
        if node in force:
            row["x"], row["y"] = force[node]
        if node in geo:
            row["gx"], row["gy"] = geo[node]
    edges = merged_edges(graph)
    for i, edge in enumerate(edges):
        edge["id"] = i
        edge["from"], edge["to"] = index[edge["from"]], index[edge["to"]]
    documents, text_meta = _documents(graph, texts)
    statements: dict[str, set] = defaultdict(set)
    for _, _, attrs in graph.edges(data=True):
        if attrs.get("kind", "statement") == "statement" and attrs.get("statement"):
            statements[attrs.get("relation") or "other"].add(attrs["statement"])
    return {
        "meta": {
            "nodes": graph.number_of_nodes(),
            "statements": sum(len(s) for s in statements.values()),
            "statements_by_relation": {relation: len(s) for relation, s in sorted(statements.items())},
            "layout": layout.value,
            "large": graph.number_of_nodes() > LARGE_GRAPH,
            "projection": projection,
        }
        | text_meta,
        "styles": view_styles(),
        "documents": documents,
        "outlines": world_outlines() if projection else [],  # country outlines for the map
        "nodes": rows,
        "edges": edges,
    }
