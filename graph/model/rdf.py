"""The resolved corpus as RDF in the ``tg:`` vocabulary, and Turtle files.

>>> from tipgraph.extractors.records import DocumentRecord, EntityRecord
>>> doc = DocumentRecord(["a.txt"], "ab" * 32, entities=[EntityRecord("e0", "Vietnam", "Country", country="VN", gazetteer_id="VN")])
>>> graph = corpus_to_rdf(resolve_corpus([doc]))
>>> print(graph.value(place_iri("VN"), SKOS.notation))
VN
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from itertools import combinations
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from tipgraph.extractors.records import CooperationRecord, DocumentRecord, FundingRecord, RelationRecord, RouteRecord
from tipgraph.graph.io import write_chunks
from tipgraph.graph.resolve import Corpus, ResolvedEntity, resolve_corpus  # noqa: F401  (resolve_corpus: the docstring example)
from tipgraph.ontology import ONTOLOGY_FILE
from tipgraph.ontology.gazetteer import Gazetteer, load_gazetteer
from tipgraph.ontology.iris import document_iri, entity_iri, place_iri, wikidata_iri
from tipgraph.ontology.namespace import GEO, TG, TGR

PREFIXES = {
    "tg": TG._NS,
    "tgr": TGR,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "dcterms": DCTERMS,
    "prov": PROV,
    "geo": GEO,
}


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def node_iri(node: ResolvedEntity) -> URIRef:
    if node.gazetteer_id:
        return place_iri(node.gazetteer_id)
    return entity_iri(node.cls, node.label, node.country)


def corpus_to_rdf(corpus: Corpus, gazetteer: Gazetteer | None = None) -> Graph:
    """Every document, entity and statement of ``corpus`` as triples."""
    gazetteer = gazetteer or load_gazetteer()
    graph = new_graph()
    iris = {node_id: node_iri(node) for node_id, node in corpus.entities.items()}
    doc_iris = {doc.sha256: document_iri(doc.sha256) for doc in corpus.documents}
    for document in corpus.documents:
        _add_document(graph, document, doc_iris[document.sha256])
    for node in corpus.entities.values():
        _add_entity(graph, node, iris, doc_iris, gazetteer)
    for document, relation, iri in corpus.statements():
        ends = {key: iris[corpus.node_of[(document.sha256, key)]] for key in _keys(relation)}
        _add_statement(graph, relation, iri, doc_iris[document.sha256], ends)
    return graph


def _add_document(graph: Graph, document: DocumentRecord, iri: URIRef) -> None:
    graph.add((iri, RDF.type, TG.Document))
    for name in document.names:
        graph.add((iri, DCTERMS.identifier, Literal(name)))
    graph.add((iri, TG.sha256, Literal(document.sha256)))
    if document.title:
        graph.add((iri, DCTERMS.title, Literal(document.title)))
    if document.date:
        graph.add((iri, DCTERMS.date, Literal(document.date, datatype=XSD.date)))
    if document.creator:
        graph.add((iri, DCTERMS.creator, Literal(document.creator)))
    if document.classification:
        graph.add((iri, TG.classification, Literal(document.classification)))


def _add_place_reference(graph: Graph, gazetteer_id: str, gazetteer: Gazetteer) -> URIRef:
    """A place the gazetteer knows, referred to by another node (its country, its enclosing place)."""
    iri = place_iri(gazetteer_id)
    if (iri, RDF.type, None) not in graph and gazetteer_id in gazetteer:
        entry = gazetteer.get(gazetteer_id)
        graph.add((iri, RDF.type, TG[entry.cls]))
        graph.add((iri, RDFS.label, Literal(entry.name)))
        _add_place_attributes(
            graph,
            iri,
            entry.cls,
            entry.id,
            entry.country,
            entry.located_in,
            entry.lat,
            entry.long,
            entry.wikidata,
            gazetteer,
        )
    return iri


def _add_place_attributes(graph, iri, cls, gazetteer_id, country, located_in, lat, long, wikidata, gazetteer) -> None:
    if cls == "Country" and gazetteer_id:
        graph.add((iri, SKOS.notation, Literal(gazetteer_id)))
    if country and not (cls == "Country" and country == gazetteer_id):
        graph.add((iri, TG.country, _add_place_reference(graph, country, gazetteer)))
    if located_in and located_in != gazetteer_id:
        graph.add((iri, TG.locatedIn, _add_place_reference(graph, located_in, gazetteer)))
    elif country and cls != "Country" and cls in ("Province", "City", "Region"):
        graph.add((iri, TG.locatedIn, _add_place_reference(graph, country, gazetteer)))
    if lat is not None and long is not None:
        graph.add((iri, GEO.lat, Literal(Decimal(str(lat)), datatype=XSD.decimal)))
        graph.add((iri, GEO.long, Literal(Decimal(str(long)), datatype=XSD.decimal)))
    if wikidata:
        graph.add((iri, OWL.sameAs, wikidata_iri(wikidata)))


def _add_entity(
    graph: Graph, node: ResolvedEntity, iris: dict[str, URIRef], doc_iris: dict[str, URIRef], gazetteer: Gazetteer
) -> None:
    iri = iris[node.id]
    graph.set((iri, RDF.type, TG[node.cls]))
    graph.set((iri, RDFS.label, Literal(node.label)))
    for alias in sorted(node.aliases):
        graph.add((iri, SKOS.altLabel, Literal(alias)))
    for document in node.documents:
        graph.add((iri, TG.mentionedIn, doc_iris[document]))
    graph.set((iri, TG.mentionCount, Literal(node.mention_count)))
    _add_place_attributes(
        graph,
        iri,
        node.cls,
        node.gazetteer_id,
        node.country,
        node.located_in,
        node.lat,
        node.long,
        node.wikidata,
        gazetteer,
    )
    for role in sorted(node.roles):
        graph.add((iri, TG.role, Literal(role)))
    for affiliation in sorted(node.affiliations):
        graph.add((iri, TG.affiliation, iris[affiliation]))


def _keys(relation: RelationRecord) -> list[str]:
    if isinstance(relation, CooperationRecord):
        return list(relation.participants)
    if isinstance(relation, FundingRecord):
        return [relation.funder, relation.recipient]
    return [*relation.origin, *relation.destination, *relation.transit]


def _add_statement(  # noqa: C901  (to split: see the layout issue's note)
    graph: Graph, relation: RelationRecord, iri: URIRef, document: URIRef, ends: dict[str, URIRef]
) -> None:
    evidence = relation.evidence
    graph.add((iri, TG.source, document))
    graph.add((iri, TG.evidence, Literal(evidence.text)))
    graph.add((iri, TG.start, Literal(evidence.start)))
    graph.add((iri, TG.end, Literal(evidence.end)))
    graph.add((iri, TG.confidence, Literal(Decimal(str(round(relation.confidence, 3))), datatype=XSD.decimal)))
    if relation.negated:
        graph.add((iri, TG.negated, Literal(True)))
    if isinstance(relation, CooperationRecord):
        graph.add((iri, RDF.type, TG.Cooperation))
        participants = [ends[k] for k in relation.participants]
        for participant in participants:
            graph.add((iri, TG.participant, participant))
        if not relation.negated:
            for a, b in combinations(participants, 2):
                graph.add((a, TG.cooperatesWith, b))
                graph.add((b, TG.cooperatesWith, a))
    elif isinstance(relation, FundingRecord):
        graph.add((iri, RDF.type, TG.Funding))
        graph.add((iri, TG.funder, ends[relation.funder]))
        graph.add((iri, TG.recipient, ends[relation.recipient]))
        if relation.amount:
            graph.add((iri, TG.amount, Literal(relation.amount)))
        if not relation.negated:
            graph.add((ends[relation.funder], TG.funds, ends[relation.recipient]))
    elif isinstance(relation, RouteRecord):
        graph.add((iri, RDF.type, TG.TraffickingRoute))
        for predicate, keys in (
            (TG.origin, relation.origin),
            (TG.destination, relation.destination),
            (TG.transit, relation.transit),
        ):
            for key in keys:
                graph.add((iri, predicate, ends[key]))
        for concept in [TG[p] for p in relation.purposes] + [TG[v] for v in relation.victims]:
            _add_concept(graph, concept)
        for purpose in relation.purposes:
            graph.add((iri, TG.purpose, TG[purpose]))
        for victim in relation.victims:
            graph.add((iri, TG.victimGroup, TG[victim]))
        if not relation.negated:
            for origin in relation.origin:
                for destination in relation.destination:
                    graph.add((ends[origin], TG.routeTo, ends[destination]))


@cache
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


def _add_concept(graph: Graph, concept: URIRef) -> None:
    """Carry a purpose's or victim group's type, labels and scheme into the export.

    The graph then answers "routes for forced marriage" with readable labels
    without the ontology file being loaded beside it.
    """
    if (concept, RDF.type, None) in graph:
        return
    for predicate in (RDF.type, RDFS.label, SKOS.prefLabel, SKOS.inScheme):
        for value in _ontology().objects(concept, predicate):
            graph.add((concept, predicate, value))


def generate_turtle(graph: Graph) -> Iterator[str]:
    """Yield the Turtle text of ``graph``."""
    yield graph.serialize(format="turtle")


def write_turtle(graph: Graph, path: str | Path) -> None:
    """Write ``graph`` as Turtle; the file appears complete or not at all."""
    write_chunks(path, generate_turtle(graph))


def read_turtle(path: str | Path) -> Graph:
    graph = new_graph()
    graph.parse(path, format="turtle")
    return graph
