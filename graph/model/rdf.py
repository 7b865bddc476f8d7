"""The resolved corpus as RDF in the ``tg:`` vocabulary, and Turtle files.

>>> from tipgraph.extractors.records import DocumentRecord, EntityRecord
>>> doc = DocumentRecord(["a.txt"], "ab" * 32, entities=[EntityRecord("e0", "Vietnam", "Country", country="VN", gazetteer_id="VN")])
>>> graph = corpus_to_rdf(resolve_corpus([doc]))
>>> print(graph.value(place_iri("VN"), SKOS.notation))
VN

Every node also has the ``rdf:type`` of each superclass of its class, and the
ontology's declarations travel with the data, so ``?x a tg:Actor`` or
``?x a tg:Place`` answers on the file alone, with no reasoner:

>>> (place_iri("VN"), RDF.type, TG.Place) in graph, (TG.Country, RDFS.subClassOf, TG.Place) in graph
(True, True)
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from itertools import chain
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from tipgraph.extractors.ingest.stated_dates import stated_date
from tipgraph.extractors.records import DocumentRecord, RelationRecord
from tipgraph.graph.io import write_chunks
from tipgraph.graph.model.triples import TripleTable
from tipgraph.graph.model.triples import generate_turtle as stream_turtle
from tipgraph.graph.resolve import Corpus, ResolvedEntity, resolve_corpus  # noqa: F401  (resolve_corpus: the docstring example)
from tipgraph.ontology.gazetteer import Gazetteer, load_gazetteer
from tipgraph.ontology.iris import document_iri, entity_iri, place_iri, wikidata_iri
from tipgraph.ontology.model import Role, RoleType, is_a, ontology_graph, relation_kind
from tipgraph.ontology.namespace import GEO, TG, TGR

# A date a sentence states is as precise as the sentence: a year, a month or a day (by its dashes).
STATED_DATE_TYPES = (XSD.gYear, XSD.gYearMonth, XSD.date)

# What the triples are written into: an rdflib graph, or the build's compact table.
GraphLike = Graph | TripleTable

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
    graph = new_graph()
    fill_graph(graph, corpus, gazetteer)
    return graph


def corpus_table(corpus: Corpus, gazetteer: Gazetteer | None = None) -> TripleTable:
    """The triples of :func:`corpus_to_rdf` in a compact :class:`TripleTable`: what the build writes from."""
    table = TripleTable()
    fill_graph(table, corpus, gazetteer)
    return table


def fill_graph(graph: GraphLike, corpus: Corpus, gazetteer: Gazetteer | None = None) -> None:
    """Add every document, entity and statement of ``corpus`` to ``graph``."""
    gazetteer = gazetteer or load_gazetteer()
    iris = {node_id: node_iri(node) for node_id, node in corpus.entities.items()}
    doc_iris = {doc.sha256: document_iri(doc.sha256) for doc in corpus.documents}
    for document in corpus.documents:
        _add_document(graph, document, doc_iris[document.sha256])
    for node in corpus.entities.values():
        _add_entity(graph, node, iris, doc_iris, gazetteer)
    for document, relation, iri in corpus.statements():
        ends = {key: iris[corpus.node_of[(document.sha256, key)]] for key in _keys(relation)}
        _add_statement(graph, relation, iri, doc_iris[document.sha256], ends)
    add_class_hierarchy(graph)


def add_class_hierarchy(graph: GraphLike) -> None:
    """State every superclass of each node's class, and carry the ontology's declarations into ``graph``.

    Neither Oxigraph nor rdflib infers ``rdf:type tg:Actor`` from
    ``rdf:type tg:Agency``; an analyst's superclass query, on the file or in a
    triple store after ``tipgraph push``, must work as written. The
    declarations (classes, properties, the purposes' and victim groups'
    schemes) let a query ask for the most specific class:
    ``FILTER NOT EXISTS { ?x a ?narrower . ?narrower rdfs:subClassOf ?class }``.
    """
    ontology = ontology_graph()
    for triple in ontology:
        graph.add(triple)
    ancestors: dict[URIRef, list[URIRef]] = {}
    for subject, cls in list(graph.subject_objects(RDF.type)):
        if not isinstance(cls, URIRef):
            continue
        if cls not in ancestors:
            ancestors[cls] = [c for c in ontology.transitive_objects(cls, RDFS.subClassOf) if c != cls]  # type: ignore[misc]
        for ancestor in ancestors[cls]:
            graph.add((subject, RDF.type, ancestor))


def _add_document(graph: GraphLike, document: DocumentRecord, iri: URIRef) -> None:
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


def _add_place_reference(graph: GraphLike, gazetteer_id: str, gazetteer: Gazetteer) -> URIRef:
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
    elif country and cls != "Country" and is_a(cls, "Place"):
        graph.add((iri, TG.locatedIn, _add_place_reference(graph, country, gazetteer)))
    if lat is not None and long is not None:
        graph.add((iri, GEO.lat, Literal(Decimal(str(lat)), datatype=XSD.decimal)))
        graph.add((iri, GEO.long, Literal(Decimal(str(long)), datatype=XSD.decimal)))
    if wikidata:
        graph.add((iri, OWL.sameAs, wikidata_iri(wikidata)))


def _add_entity(
    graph: GraphLike, node: ResolvedEntity, iris: dict[str, URIRef], doc_iris: dict[str, URIRef], gazetteer: Gazetteer
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
    return relation_kind(relation.kind).entity_keys(relation)


def _add_statement(
    graph: GraphLike, relation: RelationRecord, iri: URIRef, document: URIRef, ends: dict[str, URIRef]
) -> None:
    """A statement node of the relation's kind, its roles, and its shortcut triples unless it is negated."""
    kind = relation_kind(relation.kind)
    evidence = relation.evidence
    graph.add((iri, RDF.type, kind.statement_class))
    graph.add((iri, TG.source, document))
    graph.add((iri, TG.evidence, Literal(evidence.text)))
    graph.add((iri, TG.start, Literal(evidence.start)))
    graph.add((iri, TG.end, Literal(evidence.end)))
    graph.add((iri, TG.confidence, Literal(Decimal(str(round(relation.confidence, 3))), datatype=XSD.decimal)))
    if relation.negated:
        graph.add((iri, TG.negated, Literal(True)))
    if stated := stated_date(evidence.text):
        graph.add((iri, TG.statedDate, Literal(stated, datatype=STATED_DATE_TYPES[stated.count("-")])))
    for role in kind.roles:
        for value in role.values(relation):
            graph.add((iri, role.predicate, _role_value(graph, role, value, ends)))
    if not relation.negated:
        subjects = [ends[k] for k in kind.shortcut_subject.values(relation)]
        objects = [ends[k] for k in kind.shortcut_object.values(relation)]
        for a, b in kind.shortcut_pairs(subjects, objects):
            graph.add((a, kind.shortcut, b))


def _role_value(graph: GraphLike, role: Role, value, ends: dict[str, URIRef]):
    if role.type is RoleType.ENTITY:
        return ends[value]
    if role.type is RoleType.CONCEPT:
        _add_concept(graph, TG[value])
        return TG[value]
    return Literal(value)


def _add_concept(graph: GraphLike, concept: URIRef) -> None:
    """Carry a purpose's or victim group's type, labels and scheme into the export.

    The graph then answers "routes for forced marriage" with readable labels
    without the ontology file being loaded beside it.
    """
    if (concept, RDF.type, None) in graph:
        return
    for predicate in (RDF.type, RDFS.label, SKOS.prefLabel, SKOS.inScheme):
        for value in ontology_graph().objects(concept, predicate):
            graph.add((concept, predicate, value))


def generate_turtle(graph: GraphLike) -> Iterator[str]:
    """Yield the Turtle text of ``graph``, a subject at a time (:func:`tipgraph.graph.model.triples.generate_turtle`)."""
    yield from stream_turtle(graph, PREFIXES)


TRIPLE_COUNT_LINE = "# tipgraph graph: {} triples\n"


def write_turtle(graph: GraphLike, path: str | Path) -> None:
    """Write ``graph`` as Turtle; the file appears complete or not at all.

    Its first line, a comment, says how many triples follow, so that a copy
    cut short even at the end of a statement is recognised (``tipgraph push``
    checks it).
    """
    write_chunks(path, chain([TRIPLE_COUNT_LINE.format(len(graph))], generate_turtle(graph)))


def read_turtle(path: str | Path) -> Graph:
    graph = new_graph()
    try:
        graph.parse(path, format="turtle")
    except UnicodeDecodeError as error:
        from tipgraph.graph.sparql.core import GraphFileError  # (the error class the graph readers share)

        raise GraphFileError(
            f"{path}: not UTF-8 (byte 0x{error.object[error.start]:02x} at offset {error.start}), so not Turtle;"
            " rebuild it with tipgraph build, or convert it with iconv -t UTF-8"
        ) from None
    return graph
