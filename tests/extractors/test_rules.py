"""The array attribute ruler and lemmatizer write what spaCy's own components write."""

from __future__ import annotations

import numpy
import pytest
import spacy
from spacy.attrs import LEMMA, MORPH, POS, TAG

from tipgraph.extractors.pipeline import DEFAULT_MODEL
from tipgraph.extractors.rules import ArrayAttributeRuler, use_array_rules

REPORT = (
    "The provincial labour inspectorate said it wasn't able to visit the brick kilns near the border, "
    "where recruiters had been holding dozens of teenagers since March. Investigators gonna need more boats, "
    "an officer told reporters; the inspectors' vehicles broke down twice.\n\n"
    "Shelters run by two charities are housing forty-one rescued fishermen, who say they were beaten "
    "and fed once a day.  Their passports were taken by the boat's captain."
)


@pytest.fixture(scope="module")
def pipelines():
    stock = spacy.load(DEFAULT_MODEL)
    arrays = spacy.load(DEFAULT_MODEL)
    use_array_rules(arrays)
    return stock, arrays


def _annotations(doc) -> numpy.ndarray:
    return doc.to_array([TAG, POS, MORPH, LEMMA])


def test_the_components_keep_their_names_and_become_array_ones(pipelines):
    stock, arrays = pipelines
    assert arrays.pipe_names == stock.pipe_names
    assert isinstance(arrays.get_pipe("attribute_ruler"), ArrayAttributeRuler)
    assert type(arrays.get_pipe("lemmatizer")).__name__.startswith("Array")


def test_tags_pos_morphology_and_lemmas_are_spacy_s_own(pipelines):
    stock, arrays = pipelines
    expected, found = stock(REPORT), arrays(REPORT)
    assert [t.text for t in found] == [t.text for t in expected]
    assert numpy.array_equal(_annotations(found), _annotations(expected))
    lemmas = {t.text: t.lemma_ for t in found}
    assert lemmas["were"] == "be" and lemmas["teenagers"] == "teenager" and lemmas["beaten"] == "beat"


def test_a_second_document_reuses_the_lemmas_and_still_agrees(pipelines):
    stock, arrays = pipelines
    text = "Recruiters were holding the teenagers; the fishermen say the captains took their passports."
    assert numpy.array_equal(_annotations(arrays(text)), _annotations(stock(text)))


def test_a_pattern_added_later_is_applied_like_spacy_s(pipelines):
    stock, arrays = pipelines
    pattern = {"patterns": [[{"LOWER": "kilns"}]], "attrs": {"LEMMA": "brickworks"}}
    for nlp in (stock, arrays):
        nlp.get_pipe("attribute_ruler").add_patterns([pattern])
    try:
        found, expected = arrays(REPORT), stock(REPORT)
        assert [t.lemma_ for t in found if t.lower_ == "kilns"] == ["brickworks"]
        assert numpy.array_equal(_annotations(found), _annotations(expected))
    finally:
        for nlp in (stock, arrays):
            ruler = nlp.get_pipe("attribute_ruler")
            kept = [p for p in ruler.patterns if p["attrs"] != {"LEMMA": "brickworks"}]
            ruler.clear()
            ruler.add_patterns(kept)
