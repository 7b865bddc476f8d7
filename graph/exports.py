"""The graph for the tools analysts already use: Gephi (GEXF), GraphML, CSV for Neo4j and spreadsheets, JSON-LD.

Every export comes from the same RDF graph: GEXF, GraphML and CSV from its
NetworkX form (``tipgraph.graph.model.nx.rdf_to_networkx``: entities as nodes, one edge per
statement and pair, and the structural ties as edges of kind ``tie``: CSV types
``AFFILIATION``, ``LOCATED_IN``, ``COUNTRY``), JSON-LD from the triples themselves.
GEXF carries the network view's colours, sizes and layout (``viz:color``,
``viz:size``, ``viz:position``), so Gephi opens it as the page draws it. Each format has a
``generate_*`` that yields text and a ``write_*`` that only opens the file
(``tipgraph.graph.io.atomic_write``).

CSV is two files, ``nodes.csv`` and ``edges.csv``, with the headers
``neo4j-admin database import`` reads (``id:ID``, ``:LABEL``, ``:START_ID``,
``:END_ID``, ``:TYPE``, typed columns such as ``mentions:int`` and
``documents:string[]`` with ``;`` between the items); spreadsheets and
Linkurious read them as plain CSV. Neo4j has no way to quote the array
delimiter, so inside an item ``;`` is written ``%3B`` (and ``%`` as ``%25``:
``urllib.parse.unquote`` gives the item back). A text cell that a spreadsheet
would run as a formula (starting with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return: a file named ``=HYPERLINK(...).txt``) gets a leading ``'``,
as OWASP advises against CSV injection; numbers are written as they are.

>>> export_graph("build/graph.ttl", "gexf", "build/graph.gexf")
[PosixPath('build/graph.gexf')]
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path

import networkx as nx
from rdflib import Graph

from tipgraph.graph.io import atomic_write, write_chunks
from tipgraph.graph.model.nx import flatten_for_graphml, rdf_to_networkx, write_graphml
from tipgraph.graph.model.rdf import PREFIXES, read_turtle
from tipgraph.graph.sparql.core import GraphFileError
from tipgraph.graph.view.data import view_styles
from tipgraph.graph.view.layout import NODE_SPACING, force_layout, node_size, undirected
from tipgraph.ontology.model import superclasses, vocabulary
from tipgraph.ontology.namespace import TG  # noqa: F401  (the docstring examples)

FORMATS = ("graphml", "gexf", "csv", "jsonld")
ARRAY_DELIMITER = ";"
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# GEXF gives these edge attribute names a meaning of its own (time interval, edge kind).
_GEXF_RESERVED = {"start": "evidence_start", "end": "evidence_end", "type": "edge_type"}


class ExportError(ValueError):
    """An export that cannot be made; the message says why."""


# --- GEXF ---------------------------------------------------------------------------


def _rgb(colour: str) -> dict[str, int | float]:
    return {"r": int(colour[1:3], 16), "g": int(colour[3:5], 16), "b": int(colour[5:7], 16), "a": 1.0}


def gexf_viz(graph: nx.MultiDiGraph) -> tuple[dict, dict]:
    """viz:color, viz:size and viz:position by node, viz:color and viz:thickness by edge key,
    from the network view's styles and its force layout (y up, as Gephi draws it). Nodes
    with no line, which the page lists apart, sit in rows under the layout."""
    styles = view_styles()
    degree = dict(undirected(graph).degree())
    radii = {node: node_size(attrs.get("mentions") or 0, degree.get(node, 0)) for node, attrs in graph.nodes(data=True)}
    pos = force_layout(graph, radii)
    unlinked = [node for node in graph if node not in pos]
    bottom = max((y for _, y in pos.values()), default=0.0) + 4 * NODE_SPACING
    columns = max(1, math.ceil(math.sqrt(len(unlinked))))
    for i, node in enumerate(unlinked):
        pos[node] = ((i % columns - columns / 2) * NODE_SPACING, bottom + (i // columns) * NODE_SPACING)
    nodes = {}
    for node, attrs in graph.nodes(data=True):
        style = styles["classes"].get(attrs.get("cls"), styles["fallback_class"])
        x, y = pos[node]
        nodes[node] = {"color": _rgb(style["colour"]), "size": radii[node], "position": {"x": x, "y": -y, "z": 0.0}}
    edges = {}
    for _, _, key, attrs in graph.edges(keys=True, data=True):
        tie = attrs.get("kind") == "tie"
        style = (styles["ties"] if tie else styles["relations"]).get(attrs.get("relation"), styles["fallback_relation"])
        edges[key] = {"color": _rgb(style["colour"]), "thickness": style.get("width", 2.0) if tie else 2.0}
    return nodes, edges


def gexf_graph(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``graph`` with scalar attributes, statement keys as edge ids, relation as edge label,
    and the view's colours, sizes and positions as GEXF viz attributes."""
    flat = nx.MultiDiGraph()
    source = flatten_for_graphml(graph)
    node_viz, edge_viz = gexf_viz(source)
    for node, attrs in source.nodes(data=True):
        flat.add_node(node, **attrs, viz=node_viz[node])
    for u, v, key, attrs in source.edges(keys=True, data=True):
        renamed = {_GEXF_RESERVED.get(name, name): value for name, value in attrs.items()}
        flat.add_edge(u, v, key=key, id=key, label=attrs.get("relation", ""), **renamed, viz=edge_viz[key])
    return flat


def generate_gexf(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Yield the GEXF 1.2 lines of ``graph`` for Gephi.

    >>> graph = nx.MultiDiGraph()
    >>> graph.add_edge("a", "b", key="s1", relation="funding", start=3, end=9)
    's1'
    >>> "evidence_start" in "".join(generate_gexf(graph))
    True
    """
    yield from nx.generate_gexf(gexf_graph(graph))


def write_gexf(graph: nx.MultiDiGraph, path: str | Path) -> None:
    write_chunks(path, (line + "\n" for line in generate_gexf(graph)))


# --- CSV nodes and edges ------------------------------------------------------------


@cache
def _superclasses() -> dict[str, list[str]]:
    """Each tg: class with the tg: classes above it (the ontology model's hierarchy)."""
    return {cls: superclasses(cls) for cls in vocabulary().parents}


def _local(term) -> str:
    return str(term).rsplit("#", 1)[-1]


def _column_type(values: Iterable) -> str:
    for value in values:
        if value is None:
            continue
        if isinstance(value, bool):
            return ":boolean"
        if isinstance(value, int):
            return ":int"
        if isinstance(value, float):
            return ":float"
        if isinstance(value, list):
            return ":string[]"
        return ""
    return ""


def _cell(value) -> str:
    """One CSV cell: numbers as they are, text made inert for spreadsheets, array items kept whole.

    >>> _cell(["Save the Children; UK", "=1+1"]), _cell("@SUM(A1)"), _cell(-3)
    ("Save the Children%3B UK;'=1+1", "'@SUM(A1)", '-3')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return ARRAY_DELIMITER.join(_inert(_array_item(str(item))) for item in value)
    return _inert(str(value))


def _array_item(text: str) -> str:
    """``text`` with the array delimiter escaped, so that Neo4j does not split it."""
    return text.replace("%", "%25").replace(ARRAY_DELIMITER, "%3B")


def _inert(text: str) -> str:
    """``text`` prefixed with ``'`` if a spreadsheet would take it for a formula (OWASP, CSV injection)."""
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def _columns(items: list[dict]) -> list[tuple[str, str]]:
    names = sorted({name for attrs in items for name in attrs})
    return [(name, _column_type(attrs.get(name) for attrs in items)) for name in names]


def _csv_lines(header: list[str], rows: Iterable[list[str]]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    yield buffer.getvalue()
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow(row)
        yield buffer.getvalue()


def generate_nodes_csv(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Yield ``nodes.csv``: ``id:ID``, ``:LABEL`` (the class and the classes above it), then each attribute."""
    attrs = [data for _, data in graph.nodes(data=True)]
    columns = _columns(attrs)
    ancestry = _superclasses()
    header = ["id:ID", ":LABEL"] + [name + kind for name, kind in columns]

    def rows():
        for node, data in graph.nodes(data=True):
            labels = [data["cls"], *ancestry.get(data["cls"], [])] if data.get("cls") else []
            yield [_inert(str(node)), ARRAY_DELIMITER.join(labels)] + [_cell(data.get(name)) for name, _ in columns]

    yield from _csv_lines(header, rows())


def generate_edges_csv(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Yield ``edges.csv``: ``:START_ID``, ``:END_ID``, ``:TYPE`` (the relation, upper case), then each attribute."""
    attrs = [data for _, _, data in graph.edges(data=True)]
    columns = _columns(attrs)
    header = [":START_ID", ":END_ID", ":TYPE"] + [name + kind for name, kind in columns]

    def rows():
        for u, v, data in graph.edges(data=True):
            ends = [_inert(str(u)), _inert(str(v)), _inert(str(data.get("relation", "related")).upper())]
            yield ends + [_cell(data.get(name)) for name, _ in columns]

    yield from _csv_lines(header, rows())


def write_csv(graph: nx.MultiDiGraph, folder: str | Path) -> list[Path]:
    """Write ``nodes.csv`` and ``edges.csv`` into ``folder``."""
    folder = Path(folder)
    paths = []
    for name, generate in (("nodes.csv", generate_nodes_csv), ("edges.csv", generate_edges_csv)):
        with atomic_write(folder / name) as handle:
            for chunk in generate(graph):
                handle.write(chunk)
        paths.append(folder / name)
    return paths


# --- JSON-LD ------------------------------------------------------------------------


def jsonld_context() -> dict[str, str]:
    """The JSON-LD context: the project's prefixes (``tg:``, ``tgr:``, ``rdfs:``, ``skos:``...)."""
    return {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}


def generate_jsonld(graph: Graph) -> Iterator[str]:
    """Yield ``graph`` as compacted JSON-LD with the ``tg:`` context.

    >>> from rdflib import Literal, URIRef
    >>> g = Graph(); _ = g.add((URIRef("https://w3id.org/tipgraph/resource/place/VN"), TG.mentionCount, Literal(3)))
    >>> '"tg:mentionCount": 3' in "".join(generate_jsonld(g))
    True
    """
    yield graph.serialize(format="json-ld", context=jsonld_context(), indent=1, ensure_ascii=False)


def write_jsonld(graph: Graph, path: str | Path) -> None:
    write_chunks(path, generate_jsonld(graph))


def read_jsonld(path: str | Path) -> Graph:
    """The RDF graph of a JSON-LD export."""
    graph = Graph()
    graph.parse(path, format="json-ld")
    return graph


# --- One entry point ----------------------------------------------------------------


def export_graph(source: Graph | str | Path, fmt: str, out: str | Path) -> list[Path]:
    """Export the Turtle graph ``source`` as ``fmt`` (graphml, gexf, csv, jsonld) to ``out``.

    ``out`` is a file, or for ``csv`` a folder that gets ``nodes.csv`` and
    ``edges.csv``. Returns the files written.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}: use one of {', '.join(FORMATS)}")
    if not isinstance(source, Graph):
        if not Path(source).is_file():
            raise GraphFileError(f"{source}: no such file (build one with: tipgraph build PATH --out DIR)")
        source = read_turtle(source)
    out = Path(out)
    if fmt != "csv" and out.is_dir():
        raise ExportError(f"{out} is a folder: give the {fmt} file to write, e.g. --out {out / ('graph.' + fmt)}")
    if fmt == "jsonld":
        write_jsonld(source, out)
        return [out]
    network = rdf_to_networkx(source)
    if fmt == "csv":
        if out.is_file():
            raise ExportError(f"{out}: csv export writes nodes.csv and edges.csv into a folder; give a folder")
        return write_csv(network, out)
    if fmt == "gexf":
        write_gexf(network, out)
    else:
        write_graphml(network, out)
    return [out]


def read_csv_graph(folder: str | Path) -> nx.MultiDiGraph:
    """A ``MultiDiGraph`` from ``nodes.csv`` and ``edges.csv`` (attributes as text), to check an export."""
    folder = Path(folder)
    graph = nx.MultiDiGraph()
    with (folder / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            graph.add_node(row.pop("id:ID"), **row)
    with (folder / "edges.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            graph.add_edge(row.pop(":START_ID"), row.pop(":END_ID"), **row)
    return graph


__all__ = [
    "FORMATS",
    "ExportError",
    "export_graph",
    "generate_gexf",
    "write_gexf",
    "generate_nodes_csv",
    "generate_edges_csv",
    "write_csv",
    "read_csv_graph",
    "generate_jsonld",
    "write_jsonld",
    "read_jsonld",
    "jsonld_context",
]
