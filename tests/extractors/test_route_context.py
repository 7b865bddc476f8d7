"""The document context of the route rules, on hand-built ``Doc``s (no model, no parse)."""

from __future__ import annotations

import spacy

from tipgraph.extractors.relations.patterns import load_patterns
from tipgraph.extractors.relations.routes import RouteContext
from tipgraph.ontology.gazetteer import Gazetteer, load_naming


def test_a_part_of_the_home_country_is_named_by_the_naming_data_s_compass_words_or_an_area_word():
    doc = spacy.blank("en")("Brokers work the hill villages of the north and the rural districts.")
    context = RouteContext(doc, [], load_patterns(), gazetteer=Gazetteer([]), borders={})
    assert context.compass == load_naming()["directions"]  # one list of compass words for both components
    words = ("north", "south-west", "northeastern", "rural", "highlands", "upper", "lower", "harbour")
    assert [w for w in words if context.names_home_area(w)] == [
        "north",
        "south-west",
        "northeastern",
        "rural",
        "highlands",
    ]
