"""The document context of the route rules, on hand-built ``Doc``s (no model, no parse)."""

from __future__ import annotations

import pytest
import spacy

from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.relations.patterns import load_patterns
from tipgraph.extractors.relations.routes import RouteContext
from tipgraph.ontology.gazetteer import Gazetteer, GazetteerEntry, load_naming

# a country no packaged gazetteer has: what the route side knows of it comes from the knowledge it is given
VALDORIA = GazetteerEntry(id="XV", name="Valdoria", cls="Country", demonyms=("Valdorian",), country="XV")


@pytest.fixture(scope="module")
def knowledge() -> Knowledge:
    return Knowledge.indexed(Gazetteer([VALDORIA]), load_naming())


def test_a_part_of_the_home_country_is_named_by_the_naming_data_s_compass_words_or_an_area_word(knowledge):
    doc = spacy.blank("en")("Brokers work the hill villages of the north and the rural districts.")
    context = RouteContext(doc, [], load_patterns(), knowledge, borders={})
    assert context.compass is knowledge.compass  # one list of compass words for both components
    words = ("north", "south-west", "northeastern", "rural", "highlands", "upper", "lower", "harbour")
    assert [w for w in words if context.names_home_area(w)] == [
        "north",
        "south-west",
        "northeastern",
        "rural",
        "highlands",
    ]


def test_nationality_words_are_those_of_the_knowledge_given(knowledge):
    doc = spacy.blank("en")("Valdorian farmhands were found on two trawlers.")
    context = RouteContext(doc, [], load_patterns(), knowledge, borders={})
    assert context.demonym(doc[0]) == "XV" and context.demonym(doc[1]) is None
    assert context.possible_demonyms(doc) == [0]
