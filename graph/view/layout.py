"""Where the network view draws each node: computed here, once, for the whole graph.

The force layout is made per connected component (networkx's spring layout,
or a sampled spring layout that is linear per step for big components),
scaled so that a typical line is about ``NODE_SPACING`` pixels long, cleared
of overlaps (no two drawn nodes closer than their radii plus ``NODE_GAP``),
and the components are packed side by side in rows, biggest first. Nodes
with no line at all are left out: the page lists them apart ("mentioned,
not related"). The page repacks the shown components the same way when a
filter changes what is shown.

>>> pos = force_layout(nx.MultiDiGraph([("a", "b"), ("b", "c"), ("x", "y")]), {})
>>> sorted(pos)
['a', 'b', 'c', 'x', 'y']
"""

from __future__ import annotations

import math

import networkx as nx
import numpy as np

# Pixels a typical line is long in the drawn layout.
NODE_SPACING = 110
# Pixels kept free between two drawn nodes' outlines, and between packed components.
NODE_GAP = 18
COMPONENT_GAP = 70
# networkx's spring layout is quadratic in memory and time per step; past this
# the sampled layout takes over.
SPRING_NODE_LIMIT = 500
# A tie (official -> body, place -> place, body -> country) pulls its ends together this
# much less than a statement does: the statements shape the layout, the ties hold it.
TIE_WEIGHT = 0.25
# The outline of vis-network's shapes (triangle, star) reaches a little past ``size``.
SHAPE_REACH = 1.15
# How many more times the midpoints are cleared if the last overlap pass put a node on one.
MIDPOINT_PASSES = 3


def node_size(mentions: int, degree: int) -> float:
    """The drawn radius (vis-network ``size``): grows with the square root of the mentions.

    >>> node_size(1, 0), node_size(10, 3)
    (12.0, 27.0)
    """
    weight = mentions or degree or 1
    return float(min(12 + 5 * math.sqrt(weight - 1), 48))


def undirected(graph: nx.MultiDiGraph) -> nx.Graph:
    """One undirected edge per linked pair (self-loops dropped), ``weight`` 1 where a
    statement links the pair and ``TIE_WEIGHT`` where only a structural tie does."""
    simple = nx.Graph()
    simple.add_nodes_from(graph)
    for u, v, attrs in graph.edges(data=True):
        if u != v:
            weight = TIE_WEIGHT if attrs.get("kind") == "tie" else 1.0
            simple.add_edge(u, v, weight=max(weight, simple.edges[u, v]["weight"] if simple.has_edge(u, v) else 0.0))
    return simple


def sampled_spring_layout(graph: nx.Graph, iterations: int = 80, partners: int = 12, seed: int = 0) -> dict:
    """Fruchterman-Reingold with repulsion estimated from random partners.

    Each step costs O(nodes * partners + edges) instead of O(nodes²), so
    5,000 nodes and 10,000 edges lay out in well under a second. A weak pull
    to the centre keeps the component together.

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


def _close_pairs(pos: np.ndarray, reach: float) -> tuple[np.ndarray, np.ndarray]:
    """Index pairs (i < j) of points that may be within ``reach``: those in the same or a
    neighbouring grid cell of side ``reach`` (a sort and a search per neighbour offset)."""
    cells = np.floor(pos / reach).astype(np.int64)
    cells -= cells.min(axis=0)
    width = int(cells[:, 1].max()) + 3
    keys = (cells[:, 0] + 1) * width + cells[:, 1] + 1
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    firsts, seconds = [], []
    for dx, dy in ((0, 0), (1, -1), (1, 0), (1, 1), (0, 1)):
        wanted = keys + dx * width + dy
        start = np.searchsorted(sorted_keys, wanted, "left")
        stop = np.searchsorted(sorted_keys, wanted, "right")
        counts = stop - start
        first = np.repeat(np.arange(len(pos)), counts)
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        second = order[np.repeat(start, counts) + offsets]
        keep = first < second if (dx, dy) == (0, 0) else np.ones(len(first), dtype=bool)
        firsts.append(first[keep])
        seconds.append(second[keep])
    return np.concatenate(firsts), np.concatenate(seconds)


def _overlapping(pos: np.ndarray, reach: np.ndarray, gap: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The pairs closer than their radii plus ``gap``: (first, second, how far apart they are)."""
    first, second = _close_pairs(pos, 2 * float(reach.max()) + gap)
    distance = np.sqrt(((pos[second] - pos[first]) ** 2).sum(axis=1))
    short = distance < reach[first] + reach[second] + gap - 1e-6
    return first[short], second[short], distance[short]


def _block_sums(window: np.ndarray, size: int) -> np.ndarray:
    """For each top-left cell of ``window``, how many taken cells a size × size block there covers."""
    table = np.zeros((window.shape[0] + 1, window.shape[1] + 1), dtype=np.int64)
    table[1:, 1:] = window.cumsum(axis=0).cumsum(axis=1)
    return table[size:, size:] - table[:-size, size:] - table[size:, :-size] + table[:-size, :-size]


def _place_on_grid(pos: np.ndarray, reach: np.ndarray, gap: float, movers: list[int]) -> None:
    """Move each of ``movers`` to the free block of grid cells nearest to it, so
    that its disc (plus half the gap) touches no cell another node's does."""
    cell = 2 * float(reach.min()) + gap
    half = (reach + gap / 2)[:, None]
    margin = math.ceil(3 * math.sqrt(len(pos))) + 4
    origin = np.floor((pos - half).min(axis=0) / cell).astype(int) - margin
    low = np.floor((pos - half) / cell).astype(int) - origin
    high = np.floor((pos + half) / cell).astype(int) - origin
    taken = np.zeros(tuple(high.max(axis=0) + margin + 1), dtype=np.int8)
    moving = set(movers)
    for i in range(len(pos)):
        if i not in moving:
            taken[low[i, 0] : high[i, 0] + 1, low[i, 1] : high[i, 1] + 1] = 1
    for i in movers:
        size = math.ceil((2 * reach[i] + gap) / cell)
        home = np.floor(pos[i] / cell).astype(int) - origin - size // 2
        span = 6
        while True:
            x0, y0 = max(home[0] - span, 0), max(home[1] - span, 0)
            window = taken[x0 : home[0] + span + size, y0 : home[1] + span + size]
            free = np.argwhere(_block_sums(window, size) == 0) if min(window.shape) >= size else np.empty((0, 2))
            if len(free):
                x, y = free[np.argmin(((free + (x0, y0) - home) ** 2).sum(axis=1))] + (x0, y0)
                taken[x : x + size, y : y + size] = 1
                pos[i] = (np.array([x, y]) + origin + size / 2) * cell
                break
            span *= 2


def _apart(pos: np.ndarray, radii: np.ndarray, gap: float, jitter) -> np.ndarray | None:
    """How far to move each node to part the overlapping pairs (half the shortfall each); None if none overlap."""
    first, second, distance = _overlapping(pos, radii, gap)
    if not len(first):
        return None
    delta = pos[second] - pos[first]
    same = distance < 1e-6  # two nodes on one point: part them in a random direction
    delta[same] = jitter.normal(size=(int(same.sum()), 2))
    length = np.maximum(np.sqrt((delta**2).sum(axis=1)), 1e-9)
    push = delta / length[:, None] * ((radii[first] + radii[second] + gap - distance) / 2 + 0.5)[:, None]
    shift = np.zeros_like(pos)
    np.add.at(shift, first, -push)
    np.add.at(shift, second, push)
    return shift


def remove_overlaps(pos: np.ndarray, radii: np.ndarray, gap: float = NODE_GAP, rounds: int = 60) -> np.ndarray:
    """Push apart every pair of nodes closer than their radii plus ``gap``; the few a
    crowded core still leaves overlapping then move to the nearest free spot on a grid.

    >>> out = remove_overlaps(np.zeros((3, 2)), np.full(3, 10.0), gap=2)
    >>> bool(min(np.hypot(*(out[i] - out[j])) for i, j in ((0, 1), (0, 2), (1, 2))) >= 21.9)
    True
    """
    pos = np.array(pos, dtype=float)
    if len(pos) < 2:
        return pos
    jitter = np.random.default_rng(1)
    for _ in range(rounds):
        shift = _apart(pos, radii, gap, jitter)
        if shift is None:
            return pos
        pos += shift
    first, second, _ = _overlapping(pos, radii, gap)
    movers: set[int] = set()
    for i, j in zip(first.tolist(), second.tolist()):
        if i not in movers and j not in movers:
            movers.add(j if radii[j] <= radii[i] else i)  # the smaller one moves
    _place_on_grid(pos, radii, gap, sorted(movers, key=lambda i: -radii[i]))
    return pos


def clear_movable(pos: np.ndarray, reach: np.ndarray, movable: np.ndarray, gap: float = NODE_GAP) -> np.ndarray:
    """Move each movable node that overlaps another node (closer than their radii plus
    ``gap``) to the nearest free spot; the others stay where they are, overlapping or not
    (on the map a place is where it is).

    >>> out = clear_movable(np.array([[0.0, 0], [5, 0], [300, 0]]), np.full(3, 10.0), np.array([False, True, True]))
    >>> out[0].tolist(), bool(np.hypot(*(out[1] - out[0])) >= 20), out[2].tolist()
    ([0.0, 0.0], True, [300.0, 0.0])
    """
    pos = np.array(pos, dtype=float)
    if len(pos) < 2:
        return pos
    first, second, _ = _overlapping(pos, reach, gap)
    movers = sorted({int(i) for i in np.concatenate([first, second]) if movable[i]}, key=lambda i: -reach[i])
    if movers:
        _place_on_grid(pos, reach, gap, movers)
    return pos


def clear_midpoints(pos: np.ndarray, reach: np.ndarray, edges: np.ndarray, gap: float = NODE_GAP, rounds: int = 40):
    """Move nodes off the middle of lines, so a click there lands on the line: a node
    (not one of the line's ends) within its radius plus ``gap`` of a line's midpoint
    is pushed away from it, and the two ends of a line shorter than twice the bigger
    end's radius plus ``gap`` are pushed apart."""
    pos = np.array(pos, dtype=float)
    if not len(edges):
        return pos
    source, target = edges[:, 0], edges[:, 1]
    n = len(pos)
    jitter = np.random.default_rng(2)
    for _ in range(rounds):
        apart = _apart(pos, reach, gap, jitter)
        shift = np.zeros_like(pos) if apart is None else apart
        delta = pos[target] - pos[source]
        length = np.maximum(np.sqrt((delta**2).sum(axis=1)), 1e-9)
        wanted = 2.6 * np.maximum(reach[source], reach[target]) + gap  # vis-network hits a node's square
        short = length < wanted
        push = delta[short] / length[short, None] * ((wanted[short] - length[short]) / 2)[:, None]
        np.add.at(shift, source[short], -push)
        np.add.at(shift, target[short], push)
        middles = (pos[source] + pos[target]) / 2
        points = np.concatenate([pos, middles])
        first, second = _close_pairs(points, 2 * float(reach.max()) + gap)
        mixed = (first < n) != (second < n)
        node = np.where(first < n, first, second)[mixed]
        middle = np.where(first < n, second, first)[mixed] - n
        keep = (node != source[middle]) & (node != target[middle])
        node, middle = node[keep], middle[keep]
        away = pos[node] - middles[middle]
        distance = np.maximum(np.sqrt((away**2).sum(axis=1)), 1e-9)
        close = distance < reach[node] + gap
        if not close.any() and not short.any() and apart is None:
            break
        node, away, distance = node[close], away[close], distance[close]
        np.add.at(shift, node, away / distance[:, None] * (reach[node] + gap - distance + 1)[:, None])
        pos += shift
    return pos


def midpoints_on_nodes(pos: np.ndarray, reach: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """The lines (indices into ``edges``) whose midpoint lies on a node other than their ends.

    >>> pos = np.array([[0.0, 0.0], [100.0, 0.0], [50.0, 5.0], [0.0, 300.0]])
    >>> midpoints_on_nodes(pos, np.full(4, 10.0), np.array([[0, 1], [0, 3]])).tolist()
    [0]
    """
    if not len(edges):
        return np.empty(0, dtype=np.int64)
    n = len(pos)
    points = np.concatenate([pos, (pos[edges[:, 0]] + pos[edges[:, 1]]) / 2])
    first, second = _close_pairs(points, 2 * float(reach.max()))
    mixed = (first < n) != (second < n)
    node = np.where(first < n, first, second)[mixed]
    line = np.where(first < n, second, first)[mixed] - n
    keep = (node != edges[line, 0]) & (node != edges[line, 1])
    node, line = node[keep], line[keep]
    inside = np.sqrt(((pos[node] - points[line + n]) ** 2).sum(axis=1)) < reach[node]
    return np.unique(line[inside])


def component_layout(component: nx.Graph, radii: dict, seed: int = 0) -> dict:
    """Pixel positions for one connected component, centred on (0, 0), overlaps removed."""
    nodes = list(component)
    if len(nodes) == 1:
        return {nodes[0]: np.zeros(2)}
    if len(nodes) < SPRING_NODE_LIMIT:
        raw = nx.spring_layout(component, seed=seed, iterations=100)
    else:
        raw = sampled_spring_layout(component, seed=seed)
    coords = np.array([raw[node] for node in nodes], dtype=float)
    index = {node: i for i, node in enumerate(nodes)}
    lengths = [float(np.hypot(*(coords[index[u]] - coords[index[v]]))) for u, v in component.edges()]
    typical = float(np.median(lengths)) if lengths else 1.0
    coords = (coords - coords.mean(axis=0)) * (NODE_SPACING / max(typical, 1e-9))
    reach = np.array([radii[node] * SHAPE_REACH for node in nodes])
    # Hubs pull big components tight: spread the layout until it has room for
    # every node's disc (twice their area), so few pushes are left to do.
    needed = 2.0 * float(((2 * reach + NODE_GAP) ** 2).sum())
    spread = coords.max(axis=0) - coords.min(axis=0)
    area = float(spread[0] * spread[1]) or 1.0
    coords *= max(1.0, math.sqrt(needed / area))
    lines = np.array([(index[u], index[v]) for u, v in component.edges()], dtype=np.int64).reshape(-1, 2)
    # Big components get fewer rounds: each costs a pass over all nodes and lines.
    rounds = 120 if len(nodes) < SPRING_NODE_LIMIT else 20
    coords = remove_overlaps(clear_midpoints(remove_overlaps(coords, reach), reach, lines, rounds=rounds), reach)
    # The last overlap pass can move a node back onto a midpoint: clear them again, a few times at
    # most. Not in a big component: there a pass costs about a second and clears one in ten of
    # the ~1% left (the page's line handle keeps those lines clickable).
    for _ in range(MIDPOINT_PASSES if len(nodes) < SPRING_NODE_LIMIT else 0):
        if not len(midpoints_on_nodes(coords, reach, lines)):
            break
        coords = remove_overlaps(clear_midpoints(coords, reach, lines, rounds=rounds), reach)
    return {node: coords[i] for i, node in enumerate(nodes)}


def pack(
    boxes: list[tuple[float, float]], gap: float = COMPONENT_GAP, aspect: float = 1.4
) -> list[tuple[float, float]]:
    """Top-left corners for boxes (width, height) in rows about ``aspect`` times wider than
    high, biggest first; the same shelf packing the page runs when filters change.

    >>> pack([(30, 10), (10, 10), (10, 10)], gap=0)
    [(0.0, 0.0), (0.0, 10.0), (10.0, 10.0)]
    """
    area = sum((w + gap) * (h + gap) for w, h in boxes)
    row_width = max([math.sqrt(area * aspect)] + [w for w, _ in boxes])
    corners: list[tuple[float, float]] = [(0.0, 0.0)] * len(boxes)
    x = y = row_height = 0.0
    for i in sorted(range(len(boxes)), key=lambda i: (-boxes[i][1], -boxes[i][0], i)):
        w, h = boxes[i]
        if x > 0 and x + w > row_width:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        corners[i] = (x, y)
        x += w + gap
        row_height = max(row_height, h)
    return corners


def force_layout(graph: nx.MultiDiGraph, radii: dict | None = None, seed: int = 0) -> dict:
    """Pixel positions for every node with a line: each component laid out, the
    components packed, the whole centred on (0, 0). ``radii`` by node (default 12)."""
    simple = undirected(graph)
    simple.remove_nodes_from([node for node, degree in simple.degree() if degree == 0])
    components = sorted(
        (sorted(c, key=str) for c in nx.connected_components(simple)), key=lambda c: (-len(c), str(c[0]))
    )
    radius = {node: (radii or {}).get(node, 12.0) for node in simple}
    layouts, boxes = [], []
    for component in components:
        layout = component_layout(simple.subgraph(component), radius, seed)
        coords = np.array([layout[node] for node in component]).reshape(-1, 2)
        reach = np.array([radius[node] * SHAPE_REACH for node in component])[:, None]
        low, high = (coords - reach).min(axis=0), (coords + reach).max(axis=0)
        layouts.append((component, coords - low))
        boxes.append((float(high[0] - low[0]), float(high[1] - low[1])))
    result = {}
    for (component, coords), (x, y) in zip(layouts, pack(boxes)):
        for node, (px, py) in zip(component, coords):
            result[node] = (px + x, py + y)
    if result:
        xs, ys = zip(*result.values())
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        result = {node: (round(x - cx, 1), round(y - cy, 1)) for node, (x, y) in result.items()}
    return result
