"""Unit tests of the candidate rules on small hand-built ``Doc``s: no model, no parse, one rule each.

The words are given (``Doc(vocab, words=...)``), every token starts a sentence only where the
test says so and the documents have no model spans, so a failure points at the rule itself.
"""

from __future__ import annotations

from collections import Counter

import pytest
import spacy
from spacy.tokens import Doc, Span

from tipgraph.extractors.entities.candidates.gazetteer import _near_spelling, gazetteer_candidates, misspelt_provinces
from tipgraph.extractors.entities.candidates.places import direction_candidates, district_candidates
from tipgraph.extractors.entities.candidates.recognised import ner_org_candidates
from tipgraph.extractors.entities.coreference import merge_within
from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.entities.types import DocView, FoundEntity
from tipgraph.extractors.naming import name_words

VOCAB = spacy.blank("en").vocab  # the English lexical attributes (lower-case form, is_alpha), no model


@pytest.fixture(scope="module")
def knowledge():
    return Knowledge.load()


def hand_doc(text: str) -> Doc:
    """A doc of ``text``'s space-separated words, one sentence, no model annotation."""
    words = text.split(" ")
    doc = Doc(VOCAB, words=words)
    for i, token in enumerate(doc):
        token.is_sent_start = i == 0
    return doc


def words_of(doc: Doc) -> list[list[str]]:
    return [name_words(t.text) for t in doc]


def spans(candidates) -> list[tuple[str, str]]:
    return [(c.label, c.cls) for c in candidates]


def test_the_gazetteer_finds_the_longest_known_name_at_a_capitalised_word(knowledge):
    doc = hand_doc("Brokers in Lao Cai sell girls to buyers in Kunming .")
    found = {(d.start, d.end): (d.label, d.cls) for d in gazetteer_candidates(doc, knowledge, words_of(doc))}
    assert found[(2, 4)][0] == "Lao Cai"  # the two-word name, not "Lao" (the people) alone
    assert found[(9, 10)] == ("Kunming", "City")


def test_a_gazetteer_name_runs_over_its_connectors_but_not_a_line_break(knowledge):
    doc = hand_doc("Officials of the Government of Thailand met .")
    found = {(d.start, d.end) for d in gazetteer_candidates(doc, knowledge, words_of(doc))}
    assert (3, 6) in found  # "Government of Thailand"
    broken = hand_doc("Officials of the Government of \n Thailand met .")
    assert not any(c.end - c.start > 2 for c in gazetteer_candidates(broken, knowledge, words_of(broken)))


def test_a_lower_case_word_is_no_start_of_a_known_name(knowledge):
    doc = hand_doc("the shelter took in returnees from laos .")
    assert gazetteer_candidates(doc, knowledge, words_of(doc)) == []


def test_a_province_word_after_a_province_joins_its_name(knowledge):
    doc = hand_doc("Recruiters visit Kano State every month .")
    found = [c for c in gazetteer_candidates(doc, knowledge, words_of(doc)) if c.start == 2]
    assert [(c.end, c.cls) for c in found] == [(4, "Province")]


def test_a_capitalised_region_after_a_province_is_part_of_its_name(knowledge):
    doc = hand_doc("Cocoa farms in the Ashanti Region and Mopti Region hire boys .")
    found = {
        doc[c.start : c.end].text: (c.label, c.country) for c in gazetteer_candidates(doc, knowledge, words_of(doc))
    }
    assert found["Ashanti Region"] == ("Ashanti", "GH") and found["Mopti Region"] == ("Mopti", "ML")


def test_a_province_named_by_compass_words_is_read_only_before_its_kind_word(knowledge):
    doc = hand_doc("Girls from the Upper East Region and the Northern Region went north .")
    found = {doc[c.start : c.end].text: c for c in gazetteer_candidates(doc, knowledge, words_of(doc))}
    assert {e.country for e in found["Upper East Region"].entries} == {"GH"}
    # several countries call a province "Northern": every one is offered, the document's countries choose
    assert {"GH", "MW", "RW"} <= {e.country for e in found["Northern Region"].entries}
    bare = hand_doc("The Northern team won .")
    assert not gazetteer_candidates(bare, knowledge, words_of(bare))


def test_a_compass_named_province_needs_its_country_in_the_document(default_nlp):
    from tipgraph.extractors.pipeline import extract_text

    about_ghana = extract_text(default_nlp, "Boys from the Northern Region carry loads in markets in Ghana.")
    assert ("Province", "GH") in {(e.cls, e.country) for e in about_ghana.entities}
    nowhere = extract_text(default_nlp, "Boys from the Northern Region carry loads in the markets.")
    assert not [e for e in nowhere.entities if e.cls == "Province"]


@pytest.mark.parametrize(
    "written, meant, near",
    [
        ("guadong", "guangdong", True),
        ("matebeleland north", "matabeleland north", True),
        ("hunnan", "hunan", False),  # too short to tell from another name
        ("kuangdong", "guangdong", False),  # the first letter is never the misspelt one
        ("sichuan", "sichuan", False),  # the same name is no misspelling
    ],
)
def test_a_misspelling_is_a_letter_or_two_off_in_a_long_enough_name(written, meant, near):
    assert _near_spelling(written, meant) is near


def test_a_misspelt_name_listed_beside_a_province_is_that_province(knowledge):
    doc = hand_doc("Girls come from the provinces Guangxi and Guadong .")
    words = words_of(doc)
    chosen = gazetteer_candidates(doc, knowledge, words)
    found = misspelt_provinces(doc, knowledge, chosen, Counter({"CN": 2}))
    assert [(doc[c.start : c.end].text, c.label, c.cls) for c in found] == [("Guadong", "Guangdong", "Province")]
    assert misspelt_provinces(doc, knowledge, chosen, Counter({"KE": 2})) == []  # not a province of the story


def test_a_district_named_before_its_kind_and_its_police_are_places_and_a_body(knowledge):
    doc = hand_doc("The police of Daun Penh district closed bars and Daun Penh police arrested two .")
    found = spans(district_candidates(doc, knowledge, words_of(doc)))
    assert ("Daun Penh", "City") in found
    assert ("Daun Penh police", "Agency") in found


def test_the_town_of_a_name_is_a_city(knowledge):
    doc = hand_doc("Returnees reach the town of Eastbrook by bus .")
    assert ("Eastbrook", "City") in spans(district_candidates(doc, knowledge, words_of(doc)))


def test_a_town_named_with_its_country_is_a_city_of_that_country(knowledge):
    doc = hand_doc("A clinic opened in Eastbrook , Kenya last year .")
    found = [c for c in district_candidates(doc, knowledge, words_of(doc)) if c.label == "Eastbrook"]
    assert [(c.cls, c.country) for c in found] == [("City", "KE")]


@pytest.mark.parametrize(
    "text, label",
    [
        ("Patrols grew in northern Laos this year .", "northern Laos"),
        ("Patrols grew in Laos 's northeast this year .", "northeastern Laos"),
    ],
)
def test_a_compass_word_and_a_country_are_a_region_of_it(knowledge, text, label):
    doc = hand_doc(text)
    found = [(c.label, c.cls, c.country) for c in direction_candidates(doc, knowledge, words_of(doc))]
    assert found == [(label, "Region", "LA")]


@pytest.mark.parametrize("name", ["South Korea", "North Korea", "South Sudan", "East Timor"])
def test_a_capitalised_compass_word_that_begins_a_country_s_name_is_no_region(knowledge, name):
    doc = hand_doc(f"Fishers were sold to boats from {name} and southern Laos .")
    found = [(c.label, c.country) for c in direction_candidates(doc, knowledge, words_of(doc))]
    assert found == [("southern Laos", "LA")]
    assert (name, "Country") in [
        (doc[c.start : c.end].text, c.cls) for c in gazetteer_candidates(doc, knowledge, words_of(doc))
    ]


def test_a_compass_region_ends_at_its_country_not_at_the_full_stop(knowledge):
    doc = hand_doc("Militias recruit boys in southern Sudan .")
    assert [(doc[c.start : c.end].text, c.country) for c in direction_candidates(doc, knowledge, words_of(doc))] == [
        ("southern Sudan", "SD")
    ]


def test_a_known_name_does_not_run_over_a_comma_into_the_next_list_member(knowledge):
    doc = hand_doc("Agents place nurses in the Middle East , Africa or Asia .")
    found = {doc[c.start : c.end].text: c.label for c in gazetteer_candidates(doc, knowledge, words_of(doc))}
    assert "East , Africa" not in found and found.get("Africa") == "Africa"
    written = hand_doc("Yachts from Bonaire , Sint Eustatius and Saba moored .")  # a name written with its comma
    assert any(c.end - c.start == 6 for c in gazetteer_candidates(written, knowledge, words_of(written)))


def test_the_south_west_alone_is_a_region_of_the_documents_country(knowledge):
    doc = hand_doc("New patrols cover the South West , police said .")
    found = direction_candidates(doc, knowledge, words_of(doc))
    assert [(doc[c.start : c.end].text, c.cls, c.country) for c in found] == [("South West", "Region", None)]


def test_a_position_word_before_a_country_is_a_region_of_it_as_a_compass_word_is(knowledge):
    # "upper" is no compass point (the route side's "the north" never reads it) but names a part all the same
    doc = hand_doc("Floods cut the roads of upper Laos and of western Laos in May .")
    found = [(c.label, c.cls, c.country) for c in direction_candidates(doc, knowledge, words_of(doc))]
    assert found == [("upper Laos", "Region", "LA"), ("western Laos", "Region", "LA")]
    assert "upper" in knowledge.directions and "upper" not in knowledge.compass


@pytest.mark.parametrize(
    "text, name",
    [
        ("Cocoa buyers in Cote d'Ivoire pay less .", "Côte d'Ivoire"),  # an elided article keeps the capital after it
        ("Cocoa buyers in Côte d’Ivoire pay less .", "Côte d'Ivoire"),
        ("Cocoa buyers in Ivory Coast pay less .", "Côte d'Ivoire"),  # the English name the genre writes
        ("Boats from Cape Verde and The Gambia landed .", "Cabo Verde"),
    ],
)
def test_a_country_is_found_under_the_names_the_genre_writes(knowledge, text, name):
    doc = hand_doc(text)
    assert name in [c.label for c in gazetteer_candidates(doc, knowledge, words_of(doc)) if c.cls == "Country"]


def test_a_name_in_capitals_another_body_defined_as_its_acronym_joins_that_body(knowledge):
    # "the Family Support Unit (FSU)", and later an "FSU" that another reading took for an NGO of its own
    unit = FoundEntity("Family Support Unit", "Agency", acronyms={"FSU"}, country="GH")
    stray = FoundEntity("FSU", "NGO", country="GH")
    other = FoundEntity("GNAT", "NGO", country="GH")  # no body defines it: it stays
    assert merge_within([unit, stray, other], knowledge) == [unit, other]


def test_a_recognised_span_of_nothing_but_a_kind_of_body_is_no_candidate(default_nlp, knowledge):
    doc = default_nlp("Since June the ministry has met NGO's and the Amani Trust every month.")
    doc.ents = [Span(doc, 6, 7, label="ORG"), Span(doc, 10, 12, label="ORG")]  # "NGO", "Amani Trust"
    found = ner_org_candidates(DocView(doc), knowledge, [name_words(t.text) for t in doc])
    assert [c.label for c in found] == ["Amani Trust"]
