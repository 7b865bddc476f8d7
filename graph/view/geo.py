"""The map layout: places with coordinates where they are (Mercator, in pixels), every
other node beside the places it is tied to.

>>> import networkx as nx
>>> graph = nx.MultiDiGraph()
>>> graph.add_node("vn", lat=21.0, long=105.8); graph.add_node("mps", located_in="vn")
>>> sorted(geo_layout(graph, geo_projection(graph)))
['mps', 'vn']
"""

from __future__ import annotations

import math
from collections import defaultdict, deque

import networkx as nx
import numpy as np

from tipgraph.graph.view.layout import NODE_SPACING, SHAPE_REACH, clear_movable, undirected


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


def _clear_satellites(result: dict, located: set, radii: dict) -> dict:
    """The nodes not at their own coordinates moved off any node they overlap; places stay."""
    order = list(result)
    cleared = clear_movable(
        np.array([result[n] for n in order]),
        np.array([radii.get(n, 12.0) * SHAPE_REACH for n in order]),
        np.array([n not in located for n in order]),
    )
    return {n: (float(x), float(y)) for n, (x, y) in zip(order, cleared)}


def geo_layout(graph: nx.MultiDiGraph, projection: dict, radii: dict | None = None) -> dict:
    """Places with coordinates on the map; every other node on a small spiral around
    the located places nearest to it in the graph (its ``located_in``, its country,
    else the closest by hops). A node tied to no located place has no map position:
    the page lists it apart, never in a block of its own. With ``radii`` (by node), a
    node of a spiral that overlaps another node moves to the nearest free spot."""
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
    simple = undirected(graph)
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
    if radii and len(result) > 1:
        result = _clear_satellites(result, set(pos), radii)
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in result.items()}
