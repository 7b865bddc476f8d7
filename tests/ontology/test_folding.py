"""One name folding: the extraction's keys, the gazetteer's index and the IRIs fold names alike."""

from __future__ import annotations

import pytest

from tipgraph.extractors import naming
from tipgraph.ontology import folding
from tipgraph.ontology.gazetteer import load_gazetteer, normalize_name
from tipgraph.ontology.iris import slug


def test_the_extraction_folds_names_with_the_ontologys_function():
    assert naming.name_key is folding.name_key and naming.name_words is folding.name_words


@pytest.mark.parametrize(
    "a, b",
    [("Women’s Union", "Women's Union"), ("Đà Nẵng", "Da Nang"), ("Van-Hung", "Van Hung"), ("U.S.", "U S")],
)
def test_names_that_differ_in_case_marks_or_punctuation_have_one_key(a, b):
    assert folding.name_key(a) == folding.name_key(b)
    assert normalize_name(a) == normalize_name(b)


def test_the_gazetteer_index_is_keyed_like_the_extraction_without_a_leading_the():
    assert normalize_name("The Gambia") == folding.name_key("Gambia")
    found = {e.id for e in load_gazetteer().lookup("Gambia")}
    assert found and {e.id for e in load_gazetteer().lookup("the Gambia")} == found


def test_an_iri_slug_folds_alike_and_keeps_a_possessives_s():
    assert slug("Trần Văn Minh") == "-".join(folding.name_words("Trần Văn Minh")) == "tran-van-minh"
    assert slug("Women's Union") == "women-s-union"  # published IRIs never change
