"""Where a place stands in its clause: the preposition its list opens with, off the parse and off the words."""

import pytest
import spacy

from tipgraph.extractors.pipeline import DEFAULT_MODEL
from tipgraph.extractors.relations.phrases import linear_preposition, outer_preposition


@pytest.fixture(scope="module")
def parse():
    return spacy.load(DEFAULT_MODEL)


def _at(doc, word: str) -> int:
    return next(t.i for t in doc if t.text == word)


@pytest.mark.parametrize(
    "text, place, preposition",
    [
        (
            "Recruiters bring cooks from Nepal and Bhutan, in addition to Asian states such as Laos, to Oman.",
            "Laos",
            "from",
        ),
        ("Cooks come from Nepal and Bhutan, in addition to Laos.", "Laos", "from"),
        ("Maids are sent to Oman, Qatar and other Gulf states, including Kuwait.", "Kuwait", "to"),
        ("Boys are sent to Oman for herding.", "Oman", "to"),
    ],
)
def test_a_place_added_to_a_list_takes_the_lists_preposition(parse, text, place, preposition):
    doc = parse(text)
    assert linear_preposition(doc, _at(doc, place))[0] == preposition


def test_in_addition_to_is_no_destination_in_the_parse_either(parse):
    doc = parse("Cooks come from Nepal and Bhutan, in addition to Laos.")
    assert outer_preposition(doc[_at(doc, "Laos")]) != "to"
