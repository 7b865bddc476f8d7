"""How fast the network view (graph.html) is written, drawn and ready to use.

Makes a synthetic tipgraph graph of the given size (classes, coordinates on a
share of the places, cooperation, funding and route statements with evidence
sentences from a handful of documents), then measures:

* write: ``write_html`` wall time (both layouts are computed) and file size;
* in Debian's headless Chromium (``/usr/bin/chromium``) with every request
  outside ``file:`` refused, from navigation start (``performance.now()``):
  first render (vis-network's first ``afterDrawing``) and interactive (the
  page marks itself ready: drawn, physics settled or off, handlers bound);
* three interactions once ready, each until the next frame is drawn: search
  for an alias and focus its node (selection, neighbourhood highlight, side
  panel, 350 ms focus animation), a real mouse click on a node, and switching
  to the map layout.

    python -m benchmarks.bench_view                       # 5,000 nodes, 10,000 edges
    python -m benchmarks.bench_view --nodes 500 --edges 1000 --runs 1
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

from tipgraph.graph.view.html import write_html

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
CLASSES = ["Agency", "NGO", "InternationalOrganization", "Official", "Person", "Country", "Province", "City", "Region"]
PLACES = {"Country", "Province", "City", "Region"}
RELATIONS = ["cooperation", "funding", "route"]


def synthetic_graph(nodes: int, edges: int, documents: int = 50, seed: int = 0) -> nx.MultiDiGraph:
    """A graph with tipgraph's node and edge attributes and a heavy-tailed degree."""
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    names = [f"n{i}" for i in range(nodes)]
    docs = [(f"doc-{d:03d}.txt", f"20{d % 20:02d}-0{1 + d % 9}-15") for d in range(documents)]
    for i, node in enumerate(names):
        cls = CLASSES[i % len(CLASSES)]
        located = cls in PLACES and rng.random() < 0.5
        mentioned = sorted({rng.choice(docs)[0] for _ in range(1 + int(rng.paretovariate(2)))})
        graph.add_node(
            node,
            label=f"{cls} {i}",
            cls=cls,
            aliases=[f"the {cls} {i}", f"{cls[:3].upper()}{i}"],
            country="VN" if located else None,
            country_label="Vietnam" if located else None,
            located_in=None,
            lat=rng.uniform(-10, 40) if located else None,
            long=rng.uniform(90, 130) if located else None,
            role="Minister" if cls == "Official" else None,
            affiliation=None,
            documents=mentioned,
            mentions=len(mentioned) + rng.randint(0, 5),
        )
    weights = [1 / (i + 1) ** 0.6 for i in range(nodes)]  # a few hubs, a long tail
    for e in range(edges):
        u, v = rng.choices(names, weights, k=2)
        if u == v:
            v = names[(names.index(u) + 1) % nodes]
        document, date = rng.choice(docs)
        relation = RELATIONS[e % 3]
        extra = {"purposes": ["ForcedLabour"], "victims": ["Women"], "transit": []} if relation == "route" else {}
        graph.add_edge(
            u,
            v,
            relation=relation,
            statement=f"s{e}",
            document=document,
            date=date,
            start=e,
            end=e + 80,
            confidence=0.6,
            negated=False,
            evidence=f"Statement {e}: the {graph.nodes[u]['label']} worked with the {graph.nodes[v]['label']} on trafficking.",
            **extra,
        )
    return graph


def measure_page(path: Path, alias: str) -> dict:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        refused = []
        page.route(
            "**/*",
            lambda route: (
                route.continue_()
                if route.request.url.startswith(("file:", "data:"))
                else (refused.append(route.request.url), route.abort())
            ),
        )
        errors = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.goto(path.resolve().as_uri())
        page.wait_for_selector("body[data-ready=true]", timeout=120_000)
        timing = page.evaluate("tipgraph.timing()")
        # Each interaction is timed inside the page, from the input event to the
        # second animation frame after it (the response is on screen), so the
        # figures are the page's own and not the driver's round trips.
        search_ms = page.evaluate(
            """alias => new Promise(done => {
                   const box = document.getElementById("search"), started = performance.now();
                   box.value = alias;
                   box.dispatchEvent(new Event("input"));
                   box.dispatchEvent(new KeyboardEvent("keydown", {key: "Enter"}));
                   requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - started)));
               })""",
            alias,
        )
        assert page.evaluate("tipgraph.selected()") is not None, "the search selected nothing"
        page.wait_for_timeout(600)  # let the focus animation end
        point = page.evaluate(
            """() => { const net = tipgraph.network, c = net.getViewPosition(), p = net.getPositions();
                       let best = null, gap = Infinity;
                       for (const id in p) { if (id == net.getSelectedNodes()[0]) continue;
                                             const d = Math.hypot(p[id].x - c.x, p[id].y - c.y); if (d < gap) { gap = d; best = id; } }
                       return net.canvasToDOM(p[best]); }"""
        )
        page.evaluate(
            """() => { window.__clicked = new Promise(done => tipgraph.network.once("click", params => {
                           const started = params.event.srcEvent.timeStamp;
                           requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - started)));
                       })); }"""
        )
        box = page.locator("#network canvas").bounding_box()
        page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])
        click_ms = page.evaluate("window.__clicked")
        map_ms = page.evaluate(
            """() => new Promise(done => {
                   const started = performance.now();
                   document.getElementById("layout-geo").click();
                   requestAnimationFrame(() => requestAnimationFrame(() => done(performance.now() - started)));
               })"""
        )
        counts = page.evaluate("tipgraph.counts()")
        browser.close()
    return {
        "first_render_ms": timing["firstDraw"],
        "interactive_ms": timing["ready"],
        "script_start_ms": timing["setup"],
        "search_focus_ms": search_ms,
        "node_click_ms": click_ms,
        "map_switch_ms": map_ms,
        "counts": counts,
        "refused": refused,
        "errors": errors,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=10000)
    parser.add_argument("--runs", type=int, default=3, help="page loads to measure (the median is printed)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    graph = synthetic_graph(args.nodes, args.edges)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "graph.html"
        started = time.perf_counter()
        write_html(graph, path)
        write_s = time.perf_counter() - started
        size_mb = path.stat().st_size / 1e6
        alias = graph.nodes["n7"]["aliases"][0]
        runs = [measure_page(path, alias) for _ in range(args.runs)]
    median = lambda key: statistics.median(run[key] for run in runs)  # noqa: E731
    figures = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "write_s": round(write_s, 2),
        "size_mb": round(size_mb, 2),
        **{
            key: round(median(key))
            for key in ("first_render_ms", "interactive_ms", "search_focus_ms", "node_click_ms", "map_switch_ms")
        },
        "counts_match": all(
            run["counts"]["nodes"] == graph.number_of_nodes() and run["counts"]["statements"] == graph.number_of_edges()
            for run in runs
        ),
        "refused_requests": sum(len(run["refused"]) for run in runs),
        "page_errors": sum(len(run["errors"]) for run in runs),
        "runs": args.runs,
    }
    if args.json:
        print(json.dumps(figures))
        return
    print(f"graph: {figures['nodes']:,} nodes, {figures['edges']:,} edges (statements)")
    print(f"write_html: {figures['write_s']:.2f} s, {figures['size_mb']:.1f} MB")
    print(f"headless Chromium, median of {args.runs} loads, from navigation start:")
    print(f"  first render:   {figures['first_render_ms']:,} ms")
    print(f"  interactive:    {figures['interactive_ms']:,} ms")
    print(
        f"  then: search + focus {figures['search_focus_ms']:,} ms, click a node {figures['node_click_ms']:,} ms, map layout {figures['map_switch_ms']:,} ms"
    )
    print(
        f"  counts match the graph: {figures['counts_match']}; refused requests: {figures['refused_requests']}; page errors: {figures['page_errors']}"
    )


if __name__ == "__main__":
    main()
