"""The ontology model: the hierarchy and the relation kinds come from tipgraph.ttl, and the RDF follows them."""

from __future__ import annotations

import dataclasses
import typing

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS

from tipgraph.extractors.records import (
    CooperationRecord,
    DocumentRecord,
    EntityRecord,
    Evidence,
    FundingRecord,
    RouteRecord,
)
from tipgraph.graph.model.rdf import corpus_to_rdf
from tipgraph.graph.resolve import resolve_corpus
from tipgraph.ontology.model import (
    RoleType,
    entity_classes,
    individuals,
    is_a,
    ontology_graph,
    relation_kind,
    relation_kinds,
    subclasses,
    superclasses,
)
from tipgraph.ontology.namespace import TG, EntityClass, RelationKindName
from tipgraph.ontology.vocabulary import PURPOSE_NAMES, VICTIM_NAMES

RECORDS = {"cooperation": CooperationRecord, "funding": FundingRecord, "route": RouteRecord}


def test_the_hierarchy_is_the_ontology_s():
    assert is_a("Official", "Person") and is_a("Official", "Actor") and is_a("NGO", "Organization")
    assert not is_a("Person", "Official") and not is_a("Region", "Actor") and not is_a("Agency", "Place")
    assert superclasses("InternationalOrganization") == ["Organization", "Actor"]
    assert subclasses("Place") == ("City", "Country", "Province", "Region")
    # what the model says is what the file says, axiom for axiom
    graph = ontology_graph()
    for cls in entity_classes():
        parents = {str(p).rsplit("#", 1)[-1] for p in graph.objects(TG[cls], RDFS.subClassOf)}
        assert set(superclasses(cls)[: len(parents)]) == parents, cls


def test_the_guide_s_words_name_every_individual_of_the_vocabulary():
    assert individuals("VictimGroup") == set(VICTIM_NAMES.values())
    assert individuals("Purpose") == set(PURPOSE_NAMES.values())
    assert "Women" not in individuals("Purpose") and "Agency" not in individuals("VictimGroup")


def test_generated_literal_types_match_the_model():
    assert set(typing.get_args(EntityClass)) == set(entity_classes())
    assert "Organization" not in entity_classes() and "Person" in entity_classes()
    assert set(typing.get_args(RelationKindName)) == {k.name for k in relation_kinds()}


@pytest.mark.parametrize("kind", relation_kinds(), ids=lambda k: k.name)
def test_each_declared_kind_matches_its_record(kind):
    record = RECORDS[kind.name]
    fields = {f.name for f in dataclasses.fields(record)}
    assert {role.field for role in kind.roles} <= fields
    assert (kind.statement_class, RDFS.subClassOf, TG.Statement) in ontology_graph()
    assert kind.shortcut_subject.type is RoleType.ENTITY and kind.shortcut_object.type is RoleType.ENTITY
    assert record.__dataclass_fields__["kind"].default == kind.name


def _corpus_graph(relations) -> Graph:
    entities = [
        EntityRecord("a", "Harbour Relief Fund", "NGO", country="KE"),
        EntityRecord("b", "Coastal Labour Office", "Agency", country="KE"),
        EntityRecord("c", "Mainland Shelter Network", "NGO", country="TZ"),
        EntityRecord("k", "Kenya", "Country", country="KE", gazetteer_id="KE"),
        EntityRecord("t", "Tanzania", "Country", country="TZ", gazetteer_id="TZ"),
        EntityRecord("u", "Uganda", "Country", country="UG", gazetteer_id="UG"),
    ]
    return corpus_to_rdf(resolve_corpus([DocumentRecord(["x.txt"], "cd" * 32, entities=entities, relations=relations)]))


def _evidence() -> Evidence:
    return Evidence("A sentence written for this test.", 0, 33)


def test_a_statement_expands_into_the_shortcut_its_kind_declares():
    graph = _corpus_graph(
        [
            CooperationRecord(["a", "b", "c"], _evidence()),
            FundingRecord("a", "c", _evidence(), amount="KES 2 million"),
            RouteRecord(["k"], ["t"], _evidence(), transit=["u"], purposes=["ForcedLabour"], victims=["Children"]),
        ]
    )
    # three participants: each pair both ways
    assert len(list(graph.triples((None, TG.cooperatesWith, None)))) == 6
    assert len(list(graph.triples((None, TG.funds, None)))) == 1
    assert len(list(graph.triples((None, TG.routeTo, None)))) == 1
    for kind in relation_kinds():
        statements = list(graph.subjects(RDF.type, kind.statement_class))
        assert len(statements) == 1, kind.name
        for role in kind.roles:
            assert graph.value(statements[0], role.predicate) is not None, (kind.name, role.field)
    # a concept role carries its label into the export
    assert graph.value(TG.ForcedLabour, RDFS.label) is not None


def test_a_negated_statement_keeps_its_roles_and_gives_no_shortcut():
    graph = _corpus_graph([FundingRecord("a", "c", _evidence(), negated=True)])
    statement = next(graph.subjects(RDF.type, relation_kind("funding").statement_class))
    assert isinstance(graph.value(statement, TG.funder), URIRef)
    assert not list(graph.triples((None, TG.funds, None)))
