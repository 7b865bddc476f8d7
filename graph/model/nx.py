"""The graph for notebook users: a NetworkX ``MultiDiGraph`` and its files.

Nodes are entity IRIs with ``label``, ``cls``, ``aliases``, ``country``
(ISO code), ``country_label``, ``located_in``, ``lat``, ``long``,
``role``, ``affiliation``, ``documents`` and ``mentions``. Each statement
gives edges with ``relation`` (``cooperation``, ``funding``, ``route``),
``statement``, ``evidence``, ``document`` (the source file name; ``graph.graph["documents"]`` gives each one's
``title`` and ``date``), ``date``, ``start``, ``end``, ``confidence`` and, for routes, ``purposes``
and ``victims``; a cooperation of n actors gives an edge for each pair.

>>> graph = load_graph("build/graph.ttl")
>>> busiest = max(graph.degree, key=lambda kv: kv[1])[0]
>>> graph.nodes[busiest]["cls"] in ("Agency", "Country", "InternationalOrganization")
True
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from itertools import combinations
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS
from rdflib.term import Node

from tipgraph.graph.io import write_chunks
from tipgraph.ontology.model import is_a
from tipgraph.ontology.namespace import GEO, TG
from tipgraph.ontology.vocabulary import ENTITY_CLASSES

RELATION_CLASSES = {"Cooperation": "cooperation", "Funding": "funding", "TraffickingRoute": "route"}
# The structural ties drawn as lines, by the node attribute that names the other end.
TIE_KINDS = ("affiliation", "located_in", "country")


def _local(term: Node) -> str:
    return str(term).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _float(graph: Graph, subject: Node, predicate: Node) -> float | None:
    value = graph.value(subject, predicate)
    return float(value) if isinstance(value, Literal) else None


def _text(value) -> str | None:
    return " ".join(str(value).split()) if value is not None else None


def _first(graph: Graph, subject, predicate):
    value = graph.value(subject, predicate)
    return value.toPython() if value is not None else None


def rdf_to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """Entities as nodes and statements as edges, from a tipgraph RDF graph."""
    result = nx.MultiDiGraph()
    documents: dict[Node, tuple[str, str | None]] = {}
    for doc in graph.subjects(RDF.type, TG.Document):
        names = sorted(str(n) for n in graph.objects(doc, DCTERMS.identifier))
        issued = graph.value(doc, DCTERMS.date)
        documents[doc] = (names[0] if names else str(doc), str(issued) if issued is not None else None)
        title = graph.value(doc, DCTERMS.title)
        result.graph.setdefault("documents", {})[documents[doc][0]] = {"title": _text(title), "date": documents[doc][1]}
    for cls in ENTITY_CLASSES:
        for node in graph.subjects(RDF.type, TG[cls]):
            if str(node) in result and is_a(result.nodes[str(node)]["cls"], cls):
                continue  # a superclass the export states too (an Official is a Person): the node keeps the narrower
            country = graph.value(node, TG.country)
            if cls == "Country":
                country = node
            located_in = graph.value(node, TG.locatedIn)
            affiliation = graph.value(node, TG.affiliation)
            mentioned = sorted(documents[d][0] for d in graph.objects(node, TG.mentionedIn) if d in documents)
            result.add_node(
                str(node),
                label=str(graph.value(node, RDFS.label) or _local(node)),
                cls=cls,
                aliases=sorted(str(a) for a in graph.objects(node, SKOS.altLabel)),
                country=str(graph.value(country, SKOS.notation))
                if country is not None and graph.value(country, SKOS.notation)
                else None,
                country_label=str(graph.value(country, RDFS.label))
                if country is not None and graph.value(country, RDFS.label)
                else None,
                located_in=str(located_in) if located_in is not None else None,
                lat=_float(graph, node, GEO.lat),
                long=_float(graph, node, GEO.long),
                role="; ".join(sorted(str(r) for r in graph.objects(node, TG.role))) or None,
                affiliation=str(affiliation) if affiliation is not None else None,
                documents=mentioned,
                mentions=int(_first(graph, node, TG.mentionCount) or len(mentioned)),
            )
    for cls, relation in RELATION_CLASSES.items():
        for statement in sorted(graph.subjects(RDF.type, TG[cls]), key=str):
            document = graph.value(statement, TG.source)
            source, date = documents[document] if document in documents else (None, None)
            attrs = {
                "kind": "statement",
                "relation": relation,
                "statement": str(statement),
                "evidence": str(graph.value(statement, TG.evidence)),
                "document": source,
                "date": date,
                "start": int(_first(graph, statement, TG.start)),
                "end": int(_first(graph, statement, TG.end)),
                "confidence": float(_first(graph, statement, TG.confidence)),
                "negated": bool(_first(graph, statement, TG.negated) or False),
                "stated_date": _text(graph.value(statement, TG.statedDate)),
            }
            for u, v, extra in _statement_edges(graph, statement, relation):
                result.add_edge(str(u), str(v), key=f"{statement}|{u}|{v}", **attrs, **extra)
    add_ties(result, {str(node): str(country) for node, country in graph.subject_objects(TG.country)})
    return result


def add_ties(graph: nx.MultiDiGraph, countries: dict[str, str]) -> None:
    """Add the ``kind="tie"`` edges: affiliation, located_in and (where neither leads on) country.

    ``countries`` maps a node to its country's node (``tg:country``).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("vn"); g.add_node("hanoi", located_in="vn"); g.add_node("mps")
    >>> add_ties(g, {"hanoi": "vn", "mps": "vn"})
    >>> sorted((u, v, a["relation"]) for u, v, a in g.edges(data=True))
    [('hanoi', 'vn', 'located_in'), ('mps', 'vn', 'country')]
    """
    for node, attrs in list(graph.nodes(data=True)):
        ends = {kind: attrs.get(kind) for kind in ("affiliation", "located_in")}
        if not any(end in graph for end in ends.values()):
            ends["country"] = countries.get(node)
        for kind, end in ends.items():
            if end in graph and end != node:
                graph.add_edge(node, end, key=f"{kind}|{node}|{end}", kind="tie", relation=kind)


def statement_edges(graph: nx.MultiDiGraph) -> Iterator[tuple[str, str, dict]]:
    """The edges that come from statements (each with its evidence), ties left out."""
    for u, v, attrs in graph.edges(data=True):
        if attrs.get("kind", "statement") == "statement":
            yield u, v, attrs


def _statement_edges(graph: Graph, statement: Node, relation: str) -> Iterator[tuple[Node, Node, dict]]:
    if relation == "cooperation":
        for a, b in combinations(sorted(graph.objects(statement, TG.participant), key=str), 2):
            yield a, b, {}
    elif relation == "funding":
        amount = graph.value(statement, TG.amount)
        for funder in graph.objects(statement, TG.funder):
            for recipient in graph.objects(statement, TG.recipient):
                yield funder, recipient, {"amount": str(amount) if amount is not None else None}
    else:
        extra = {
            "purposes": sorted(_local(p) for p in graph.objects(statement, TG.purpose)),
            "victims": sorted(_local(v) for v in graph.objects(statement, TG.victimGroup)),
            "transit": sorted(str(t) for t in graph.objects(statement, TG.transit)),
        }
        for origin in sorted(graph.objects(statement, TG.origin), key=str):
            for destination in sorted(graph.objects(statement, TG.destination), key=str):
                yield origin, destination, extra


def generate_node_link_json(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Yield the NetworkX node-link JSON of ``graph`` a node or an edge at a time.

    The text is ``json.dumps(nx.node_link_data(graph, edges="edges"), indent=1, sort_keys=True)``
    without that copy of the graph, or the whole text, ever in memory.
    """
    encode = json.JSONEncoder(ensure_ascii=False, indent=1, sort_keys=True).encode
    nodes = ({**attrs, "id": node} for node, attrs in graph.nodes(data=True))
    edges = ({**d, "source": u, "target": v, "key": k} for u, v, k, d in graph.edges(keys=True, data=True))
    yield '{\n "directed": ' + encode(graph.is_directed()) + ',\n "edges": ['
    yield from _json_items(encode, edges)
    yield ',\n "graph": ' + encode(graph.graph).replace("\n", "\n ")
    yield ',\n "multigraph": ' + encode(graph.is_multigraph()) + ',\n "nodes": ['
    yield from _json_items(encode, nodes)
    yield "\n}"


def _json_items(encode, items) -> Iterator[str]:
    """The items of a list two levels deep, as ``json.dumps`` with ``indent=1`` writes them, then its close."""
    empty = True
    for item in items:
        yield ("\n  " if empty else ",\n  ") + encode(item).replace("\n", "\n  ")
        empty = False
    yield "]" if empty else "\n ]"


def write_node_link_json(graph: nx.MultiDiGraph, path: str | Path) -> None:
    write_chunks(path, generate_node_link_json(graph))


# Characters XML 1.0 cannot hold at all (not even escaped): most C0 controls,
# lone surrogates and U+FFFE/U+FFFF. GraphML is XML, so they become U+FFFD
# (one for one, so evidence keeps its length against start/end).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value):
    return _NOT_XML.sub("\ufffd", value) if isinstance(value, str) else value


def _flat(value):
    """GraphML holds scalars only: lists become ``|``-joined strings, None is left out."""
    if isinstance(value, list):
        return _xml_safe("|".join(str(v) for v in value))
    return _xml_safe(value)


def flatten_for_graphml(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    flat = nx.MultiDiGraph()
    for node, attrs in graph.nodes(data=True):
        flat.add_node(_xml_safe(node), **{k: _flat(v) for k, v in attrs.items() if v is not None})
    for u, v, key, attrs in graph.edges(keys=True, data=True):
        flat.add_edge(
            _xml_safe(u),
            _xml_safe(v),
            key=_xml_safe(key),
            **{k: _flat(val) for k, val in attrs.items() if val is not None},
        )
    return flat


def generate_graphml(graph: nx.MultiDiGraph) -> Iterator[str]:
    """Yield GraphML lines of ``graph`` (lists joined with ``|``) a node or an edge at a time.

    The lines are those of ``nx.generate_graphml(flatten_for_graphml(graph))``, without the
    flat copy of the graph or the whole XML tree in memory: a first pass over the
    attributes declares the keys, as networkx does, the second writes the elements.
    """
    directed = "directed" if graph.is_directed() else "undirected"
    # graph.graph is left out, as flatten_for_graphml leaves it out
    elements = [("node", {"id": n}, d) for n, d in graph.nodes(data=True)]
    elements += [("edge", {"source": u, "target": v, "id": k}, d) for u, v, k, d in graph.edges(keys=True, data=True)]
    keys: dict[tuple[str, str, str], str] = {}
    for scope, _, data in elements:
        for name, value in _flat_items(data):
            keys.setdefault((name, _XML_TYPES[type(value)], scope), f"d{len(keys)}")
    yield f"<graphml {_attributes(_GRAPHML_NAMESPACES)}>"
    for (name, kind, scope), key in reversed(keys.items()):
        yield f"  <key {_attributes({'id': key, 'for': scope, 'attr.name': name, 'attr.type': kind})} />"
    yield f'  <graph edgedefault="{directed}">'
    for scope, ids, data in elements:
        lines = [_data_line(keys[(name, _XML_TYPES[type(value)], scope)], value) for name, value in _flat_items(data)]
        if lines:
            yield f"    <{scope} {_attributes(ids)}>"
            yield from lines
            yield f"    </{scope}>"
        else:
            yield f"    <{scope} {_attributes(ids)} />"
    yield "  </graph>"
    yield "</graphml>"


def _data_line(key: str, value) -> str:
    text = _xml_text(value)
    return f'      <data key="{key}">{text}</data>' if text else f'      <data key="{key}" />'


def _xml_types() -> dict[type, str]:
    writer = nx.readwrite.graphml.GraphML()
    writer.construct_types()
    return writer.xml_type


_XML_TYPES = _xml_types()
_GRAPHML_NAMESPACES = {
    "xmlns": nx.readwrite.graphml.GraphML.NS_GRAPHML,
    "xmlns:xsi": nx.readwrite.graphml.GraphML.NS_XSI,
    "xsi:schemaLocation": nx.readwrite.graphml.GraphML.SCHEMALOCATION,
}


def _flat_items(data: dict) -> Iterator[tuple[str, object]]:
    return ((str(k), _flat(v)) for k, v in data.items() if v is not None)


def _xml_text(value) -> str:
    """Escaped as ElementTree escapes text, non-ASCII as character references (networkx's us-ascii)."""
    text = _xml_safe(str(value)).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = text.replace("\r", "&#13;")  # a raw one would be read back as a line feed
    return text.encode("ascii", "xmlcharrefreplace").decode("ascii")


def _attributes(values: dict) -> str:
    """XML attributes escaped as ElementTree escapes them."""
    out = []
    for name, value in values.items():
        text = _xml_text(value).replace('"', "&quot;")
        text = text.replace("\n", "&#10;").replace("\t", "&#09;")
        out.append(f'{name}="{text}"')
    return " ".join(out)


def write_graphml(graph: nx.MultiDiGraph, path: str | Path) -> None:
    write_chunks(path, (line + "\n" for line in generate_graphml(graph)))


def load_graph(path: str | Path) -> nx.MultiDiGraph:
    """Load a tipgraph export (``graph.ttl`` or ``graph.json``) into NetworkX.

    >>> graph = load_graph("build/graph.json")
    >>> graph.nodes["https://w3id.org/tipgraph/resource/place/VN"]["label"]
    'Vietnam'
    """
    path = Path(path)
    if path.suffix == ".json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
    from tipgraph.graph.model.rdf import read_turtle

    return rdf_to_networkx(read_turtle(path))
