"""Corrected facts say so: ``tg:curated`` links to the decision, ``prov:wasRevisionOf`` to the IRIs a node had.

Each applied decision is a ``tg:Curation`` (IRI from what it says, so it is
the same on every build) with its kind, note (``skos:note``), author
(``dcterms:creator``) and date (``dcterms:date``); the nodes and statements it
changed or added point at it with ``tg:curated``, and the IRIs it removed are
its ``tg:rejected``. Find every human correction with::

    SELECT ?fact ?kind ?note WHERE { ?fact tg:curated ?c . ?c tg:decisionKind ?kind . OPTIONAL { ?c skos:note ?note } }

The NetworkX graph (and so graph.json, graph.graphml and the page) carries a
``curated`` attribute on the nodes and statement edges concerned: one line
per decision, ``rename by ana on 2026-12-02: UNIAP is the usual name``; a
node a reviewer kept apart from others has their IRIs in ``distinct_from``.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from tipgraph.graph.curation.decisions import Decision
from tipgraph.graph.curation.report import CuratedCorpus
from tipgraph.ontology.iris import curation_iri
from tipgraph.ontology.namespace import TG


def add_provenance(graph: Graph, corpus: CuratedCorpus) -> Graph:
    """Add to ``graph`` (made from ``corpus``) the decisions and the ``tg:curated`` / ``prov:wasRevisionOf`` links."""
    statements = {iri for _, _, iri in corpus.statements()}
    for applied in corpus.report.applied:
        decision = applied.decision
        iri = curation_iri(decision.digest)
        graph.add((iri, RDF.type, TG.Curation))
        graph.add((iri, TG.decisionKind, Literal(decision.kind)))
        if decision.note:
            graph.add((iri, SKOS.note, Literal(decision.note)))
        if decision.by:
            graph.add((iri, DCTERMS.creator, Literal(decision.by)))
        if decision.date:
            graph.add((iri, DCTERMS.date, Literal(decision.date, datatype=XSD.date)))
        for node_id in applied.nodes:
            graph.add((corpus.iri_of(node_id), TG.curated, iri))
        for statement in applied.statements & statements:
            graph.add((statement, TG.curated, iri))
        for rejected in applied.rejected:
            graph.add((iri, TG.rejected, rejected))
    for node_id, former in corpus.revisions.items():
        for old in sorted(former):
            graph.add((corpus.iri_of(node_id), PROV.wasRevisionOf, old))
    return graph


def describe(decision: Decision) -> str:
    """One line saying who decided what, when and why."""
    text = decision.kind
    if decision.by:
        text += f" by {decision.by}"
    if decision.date:
        text += f" on {decision.date}"
    return text + (f": {decision.note}" if decision.note else "")


def curation_lines(graph: Graph) -> dict[str, list[str]]:
    """IRI of each curated node or statement -> a line per decision, read back from the RDF."""
    lines: dict[str, list[str]] = defaultdict(list)
    for fact, curation in graph.subject_objects(TG.curated):
        decision = Decision(
            str(graph.value(curation, TG.decisionKind)),
            None,
            0,
            note=_text(graph.value(curation, SKOS.note)),
            by=_text(graph.value(curation, DCTERMS.creator)),
            date=_text(graph.value(curation, DCTERMS.date)),
        )
        lines[str(fact)].append(describe(decision))
    return {fact: sorted(found) for fact, found in lines.items()}


def _text(value) -> str | None:
    return str(value) if value is not None else None


def mark_network(network: nx.MultiDiGraph, graph: Graph) -> nx.MultiDiGraph:
    """Set ``curated`` on the nodes and statement edges of ``network`` that a decision corrected."""
    lines = curation_lines(graph)
    for node, attrs in network.nodes(data=True):
        if node in lines:
            attrs["curated"] = "; ".join(lines[node])
    for _, _, attrs in network.edges(data=True):
        if attrs.get("statement") in lines:
            attrs["curated"] = "; ".join(lines[attrs["statement"]])
    for curation in graph.subjects(TG.decisionKind, Literal("distinct")):
        nodes = sorted(str(node) for node in graph.subjects(TG.curated, curation))
        for node in nodes:
            if node in network:
                kept = network.nodes[node].setdefault("distinct_from", [])
                kept.extend(other for other in nodes if other != node and other not in kept)
    return network


def revised_iris(graph: Graph) -> dict[str, str]:
    """Former IRI -> the IRI of the node it became (a page or saved query with an old link finds the node)."""
    return {str(old): str(new) for new, old in graph.subject_objects(PROV.wasRevisionOf) if isinstance(old, URIRef)}
