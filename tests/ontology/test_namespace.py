from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from tipgraph.ontology import ONTOLOGY_FILE
from tipgraph.ontology.generate_namespace import generate_namespace_source, ontology_terms
from tipgraph.ontology.namespace import TG
from tipgraph.ontology.namespace import __file__ as namespace_file

CONTRACT_CLASSES = [
    "Actor",
    "Organization",
    "Agency",
    "NGO",
    "InternationalOrganization",
    "Person",
    "Official",
    "Place",
    "Country",
    "Province",
    "City",
    "Region",
    "Document",
    "Statement",
    "Cooperation",
    "Funding",
    "TraffickingRoute",
    "Purpose",
    "VictimGroup",
]
CONTRACT_PROPERTIES = [
    "mentionedIn",
    "country",
    "locatedIn",
    "role",
    "affiliation",
    "sha256",
    "participant",
    "funder",
    "recipient",
    "amount",
    "origin",
    "destination",
    "transit",
    "purpose",
    "victimGroup",
    "source",
    "evidence",
    "start",
    "end",
    "confidence",
    "negated",
    "cooperatesWith",
    "funds",
    "routeTo",
]
CONTRACT_INDIVIDUALS = [
    "SexualExploitation",
    "ForcedLabour",
    "ForcedMarriage",
    "IllegalAdoption",
    "Begging",
    "OrganRemoval",
    "CannabisCultivation",
    "DomesticServitude",
    "Women",
    "Men",
    "Children",
    "Infants",
    "Girls",
    "Boys",
    "Migrants",
]


def ontology():
    return Graph().parse(ONTOLOGY_FILE)


def test_generated_namespace_is_in_sync_with_the_owl_file():
    with open(namespace_file, encoding="utf-8") as handle:
        assert handle.read() == generate_namespace_source(ontology()), (
            "run: python -m tipgraph.ontology.generate_namespace"
        )


def test_every_contract_term_is_declared_with_label_and_comment():
    graph = ontology()
    for term in CONTRACT_CLASSES + CONTRACT_PROPERTIES + CONTRACT_INDIVIDUALS:
        iri = TG[term]
        assert (iri, RDF.type, None) in graph, term
        assert graph.value(iri, RDFS.label) is not None, term
        assert graph.value(iri, RDFS.comment) is not None, term


def test_class_hierarchy_follows_the_contract():
    graph = ontology()
    expected = {
        "Organization": "Actor",
        "Agency": "Organization",
        "NGO": "Organization",
        "InternationalOrganization": "Organization",
        "Person": "Actor",
        "Official": "Person",
        "Country": "Place",
        "Province": "Place",
        "City": "Place",
        "Region": "Place",
        "Cooperation": "Statement",
        "Funding": "Statement",
        "TraffickingRoute": "Statement",
    }
    for child, parent in expected.items():
        assert (TG[child], RDFS.subClassOf, TG[parent]) in graph, child
        assert (TG[child], RDF.type, OWL.Class) in graph


def test_purposes_and_victim_groups_are_individuals_of_their_class():
    graph = ontology()
    for term in CONTRACT_INDIVIDUALS[:8]:
        assert (TG[term], RDF.type, TG.Purpose) in graph
    for term in CONTRACT_INDIVIDUALS[8:]:
        assert (TG[term], RDF.type, TG.VictimGroup) in graph


def test_namespace_refuses_undeclared_terms():
    import pytest

    with pytest.raises(AttributeError):
        TG.NotATerm  # noqa: B018
    assert set(ontology_terms(ontology())) >= set(CONTRACT_CLASSES)
    assert isinstance(TG.Agency, URIRef)
