"""The investigators' interactive network view (pyvis).

>>> import networkx as nx
>>> graph = nx.MultiDiGraph()
>>> graph.add_node("a", label="UNICEF", cls="InternationalOrganization")
>>> "UNICEF" in "".join(generate_html(graph))
True
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
from pyvis.network import Network

from .io import atomic_write

CLASS_COLOURS = {
    "Agency": "#1f77b4", "NGO": "#2ca02c", "InternationalOrganization": "#9467bd",
    "Official": "#ff7f0e", "Person": "#e6a157", "Country": "#d62728", "Province": "#e377c2",
    "City": "#8c564b", "Region": "#bcbd22",
}


def to_pyvis(graph: nx.MultiDiGraph) -> Network:
    net = Network(height="800px", width="100%", directed=True, cdn_resources="in_line")
    for node, attrs in graph.nodes(data=True):
        net.add_node(node, label=attrs.get("label", node), title=attrs.get("cls", ""), color=CLASS_COLOURS.get(attrs.get("cls"), "#999"))
    for u, v, attrs in graph.edges(data=True):
        net.add_edge(u, v, title=attrs.get("relation", ""))
    return net


def generate_html(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Yield the page for ``graph``."""
    yield to_pyvis(graph).generate_html()


def write_html(graph: nx.MultiDiGraph, path: str | Path) -> None:
    with atomic_write(path) as handle:
        for chunk in generate_html(graph):
            handle.write(chunk)
