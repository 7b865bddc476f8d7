"""Purposes and victim groups as query parameters: named as the analyst knows them, bound as the tg: name.

A route's purpose is the individual ``tg:ForcedMarriage``; an analyst types
``ForcedMarriage``, ``forced marriage`` (its label) or ``forced_marriage``
(the annotation guide's word). Each spelling, compared ignoring case, spaces
and punctuation, gives the tg: local name the shipped queries compare with.

>>> resolve_concept("purpose", "forced_marriage"), resolve_concept("purpose", "Forced Marriage")
('ForcedMarriage', 'ForcedMarriage')
>>> resolve_concept("victim_group", "CHILDREN"), resolve_concept("purpose", "tea picking") is None
('Children', True)
>>> concept_values("purpose")[:2]
[('Begging', 'forced begging'), ('CannabisCultivation', 'cannabis cultivation')]
"""

from __future__ import annotations

import re
from functools import cache

from rdflib import URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from tipgraph.ontology.model import ontology_graph
from tipgraph.ontology.namespace import TG
from tipgraph.ontology.vocabulary import PURPOSE_NAMES, VICTIM_NAMES

# A parameter type -> the class of its individuals, and the annotation guide's words for them.
CONCEPT_TYPES = {"purpose": ("Purpose", PURPOSE_NAMES), "victim_group": ("VictimGroup", VICTIM_NAMES)}


def _spelling(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


@cache
def concept_values(kind: str) -> list[tuple[str, str]]:
    """The individuals of a parameter type: (tg: local name, label), sorted by name."""
    ontology = ontology_graph()
    individual_class = URIRef(TG._NS + CONCEPT_TYPES[kind][0])
    return sorted(
        (str(concept).rsplit("#", 1)[-1], str(ontology.value(concept, RDFS.label) or ""))
        for concept in ontology.subjects(RDF.type, individual_class)
    )


@cache
def _spellings(kind: str) -> dict[str, str]:
    ontology = ontology_graph()
    spellings: dict[str, str] = {}
    for name, _ in concept_values(kind):
        spellings[_spelling(name)] = name
        for predicate in (RDFS.label, SKOS.prefLabel, SKOS.altLabel):
            for label in ontology.objects(URIRef(TG._NS + name), predicate):
                spellings[_spelling(str(label))] = name
    for word, name in CONCEPT_TYPES[kind][1].items():
        spellings.setdefault(_spelling(word), name)
    return spellings


def resolve_concept(kind: str, value: str) -> str | None:
    """The tg: local name ``value`` spells (name, label or guide word, any case), or None."""
    return _spellings(kind).get(_spelling(value))
