"""Gold annotations as a tipgraph graph: what a perfect build of the corpus would export.

The scorer (``../shared/eval/score.py``) must give 1.0 on it; it is also the gold side of
annotator agreement (one annotation scored against the other).

>>> from tipgraph.extractors.training.corpus import Corpus
>>> graph = gold_graph(Corpus.load("corpus").documents[:2])
>>> len(graph) > 50
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from tipgraph.extractors.training.corpus import CorpusDocument, entity_types
from tipgraph.ontology.namespace import TG, TGR
from tipgraph.ontology.vocabulary import PURPOSE_NAMES, VICTIM_NAMES


def gold_graph(documents: Iterable[CorpusDocument]) -> Graph:
    """One graph of every document's gold: nodes per document (no cross-document merge)."""
    graph = Graph()
    for doc in documents:
        _add_document(graph, doc)
    return graph


def _iri(*parts: str) -> URIRef:
    return TGR[hashlib.sha1("/".join(parts).encode("utf-8")).hexdigest()[:20]]


def _add_document(graph: Graph, doc: CorpusDocument) -> None:
    doc_iri = _iri("document", doc.name)
    graph.add((doc_iri, RDF.type, TG.Document))
    graph.add((doc_iri, DCTERMS.identifier, Literal(doc.name)))
    nodes = {}
    for entity in doc.gold["entities"]:
        node = nodes[entity["id"]] = _iri(doc.name, "entity", entity["id"])
        graph.add((node, RDF.type, TG[entity_types(entity)[0]]))
        graph.add((node, RDFS.label, Literal(entity["name"])))
        for alias in entity.get("aliases", []):
            graph.add((node, SKOS.altLabel, Literal(alias)))
        graph.add((node, TG.mentionedIn, doc_iri))
        if entity.get("country"):
            country = _iri("country", entity["country"])
            graph.add((node, TG.country, country))
            graph.add((country, SKOS.notation, Literal(entity["country"])))
    for index, relation in enumerate(doc.gold["relations"]):
        statement = _iri(doc.name, "statement", str(index))
        graph.add((statement, TG.source, doc_iri))
        kind = relation["type"]
        if kind == "cooperation":
            graph.add((statement, RDF.type, TG.Cooperation))
            for member in relation["between"]:
                graph.add((statement, TG.participant, nodes[member]))
        elif kind == "funding":
            graph.add((statement, RDF.type, TG.Funding))
            graph.add((statement, TG.funder, nodes[relation["funder"]]))
            graph.add((statement, TG.recipient, nodes[relation["recipient"]]))
        else:
            graph.add((statement, RDF.type, TG.TraffickingRoute))
            graph.add((statement, TG.origin, nodes[relation["origin"][0]]))
            graph.add((statement, TG.destination, nodes[relation["destination"][0]]))
            for word in relation.get("purposes", []):
                if word in PURPOSE_NAMES:
                    graph.add((statement, TG.purpose, TG[PURPOSE_NAMES[word]]))
            for word in relation.get("victims", []):
                graph.add((statement, TG.victimGroup, TG[VICTIM_NAMES[word]]))
