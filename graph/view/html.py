"""The investigators' network view: one offline HTML file, built with pyvis.

The page is pyvis's ``Network`` rendered through the view's own template
(``assets/page.html``): the nodes and lines are set on the network as data
(never one ``add_node``/``add_edge`` at a time, which is quadratic), and the
template inlines pyvis's bundled vis-network (JS and CSS), the view's small
scripts and style sheet and the graph as JSON, so nothing comes from a CDN.
A Content-Security-Policy allows no request to any host and runs only the
page's own scripts (by hash), so the file works cut off from the internet
and document text can never become code. Names, aliases, sentences and
document text reach the page as JSON data and are shown with
``textContent``, never parsed as HTML.

Layouts are computed in Python (``layout.py``: per component, packed,
overlaps removed; ``geo.py``: the map); the page draws them as they are,
with physics off, and repacks the shown components when a filter changes.

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
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path

import networkx as nx
import pyvis
from jinja2 import Environment, FunctionLoader
from pyvis.network import Network

from tipgraph.graph.curation.page import page_curation
from tipgraph.graph.io import write_chunks
from tipgraph.graph.view.data import Layout, asset, merged_edges, view_data, view_styles
from tipgraph.graph.view.layout import force_layout, sampled_spring_layout

VIS_NETWORK = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
# The view's script comes in three files run as one function (they share its variables).
# labels.js first: view.js places the first view's labels before it hands the nodes to vis-network
VIEW_SCRIPTS = ("labels.js", "view.js", "panel.js", "extras.js")

__all__ = [
    "Layout",
    "force_layout",
    "generate_html",
    "merged_edges",
    "sampled_spring_layout",
    "script_json",
    "view_data",
    "view_styles",
    "vis_options",
    "write_html",
]


@cache
def _vis_network() -> tuple[str, str]:
    """pyvis's bundled vis-network, without the source-map comment (devtools would fetch it)."""
    script = (VIS_NETWORK / "vis-network.min.js").read_text(encoding="utf-8")
    style = (VIS_NETWORK / "vis-network.css").read_text(encoding="utf-8")
    source_map = re.compile(r"^\s*(//|/\*)# sourceMappingURL=.*$", re.MULTILINE)
    return source_map.sub("", script), source_map.sub("", style)


_SCRIPT_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _inert(text: str) -> str:
    return re.sub("[<>&\u2028\u2029]", lambda m: _SCRIPT_ESCAPES[m.group()], text)


def script_json(data) -> str:
    """JSON that is inert inside ``<script type="application/json">``: no ``<``,
    ``>`` or ``&`` can close the element or open a comment, and the line
    separators JavaScript once rejected are escaped.

    >>> script_json({"label": "</script><img src=x onerror=alert(1)>"})
    '{"label":"\\\\u003c/script\\\\u003e\\\\u003cimg src=x onerror=alert(1)\\\\u003e"}'
    """
    return _inert(json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False))


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii") + "'"


def vis_options(large: bool) -> dict:
    """vis-network's options: the Python layout drawn as it is (no physics), no edge labels."""
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 1},
        "physics": {"enabled": False},
        "nodes": {
            "borderWidth": 1,
            "borderWidthSelected": 4 if large else 2,
            "font": {"size": 14, "face": "system-ui, sans-serif", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": 12}},
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 3 if large else 2,
            "hoverWidth": 1,
            "font": {"size": 0},
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 200,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "keyboard": False,
            "multiselect": False,
        },
    }


def _network(data: dict) -> Network:
    """pyvis's Network holding the view's nodes and lines as data, rendering the view's template."""
    network = Network(directed=True, cdn_resources="in_line")
    network.nodes = data.pop("nodes")
    network.edges = data.pop("edges")
    network.options = vis_options(data["meta"]["large"])
    environment = Environment(loader=FunctionLoader(asset), autoescape=False)
    environment.filters["script_json"] = script_json
    environment.filters["inert"] = _inert
    network.templateEnv = environment
    network.path = "page.html"
    return network


def generate_html(
    graph: nx.MultiDiGraph, layout: Layout | str = Layout.force, texts: Callable[[str], str | None] | None = None
) -> Iterator[str]:
    """Yield the page for ``graph``; ``texts`` gives a cited document's text by file name."""
    vis_script, vis_style = _vis_network()
    scripts = ["(function () {\n" + "\n".join(asset(name) for name in VIEW_SCRIPTS) + "\n})();", asset("review.js")]
    data = view_data(graph, layout, texts)
    counts = data["meta"]["nodes"], data["meta"]["statements"]
    network = _network(data)
    network.templateEnv.globals.update(
        csp="; ".join(
            [
                "default-src 'none'",
                "script-src " + " ".join(_csp_hash(script) for script in [vis_script, *scripts]),
                "style-src 'unsafe-inline'",
                "img-src data: blob:",
                "font-src data:",
                "base-uri 'none'",
                "form-action 'none'",
            ]
        ),
        node_count=counts[0],
        statement_count=counts[1],
        style=asset("view.css"),
        vis_style=vis_style,
        vis_script=vis_script,
        view_scripts=scripts[:-1],
        review_script=scripts[-1],
        data=data,
        curation=page_curation(graph),
    )
    yield network.generate_html()


def write_html(
    graph: nx.MultiDiGraph,
    path: str | Path,
    layout: Layout | str = Layout.force,
    texts: Callable[[str], str | None] | None = None,
) -> None:
    """Write the page for ``graph`` to ``path`` (complete, or not at all)."""
    layout = Layout(layout)
    write_chunks(path, generate_html(graph, layout, texts))
