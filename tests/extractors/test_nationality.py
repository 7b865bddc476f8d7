"""Nationality words and area adjectives as the learned route model's places (``relations/nationality.py``)."""

from __future__ import annotations

from tipgraph.extractors.extensions import document_entities
from tipgraph.extractors.relations.component import mention_spans
from tipgraph.extractors.relations.learned import document_candidates, home_country
from tipgraph.extractors.relations.nationality import NATIONALITY_KEY, nationality_spans, place_resolver
from tipgraph.extractors.relations.routes.context import UNNAMED
from tipgraph.ontology.gazetteer import load_gazetteer


def _nationalities(doc):
    return [(span.text, span.label_) for span in doc.spans[NATIONALITY_KEY]]


def test_country_demonyms_and_area_adjectives_are_found_plural_and_multiword(default_nlp):
    doc = default_nlp(
        "Labour brokers placed Sri Lankans and Eritrean cleaners in hotels, and brought "
        "Central Asian and sub-Saharan job seekers to farms."
    )
    assert _nationalities(doc) == [
        ("Sri Lankans", "Country"),
        ("Eritrean", "Country"),
        ("Central Asian", "Region"),
        ("sub-Saharan", "Region"),
    ]


def test_a_nationality_word_inside_a_named_body_is_the_body_not_a_place(default_nlp):
    doc = default_nlp("The Philippine Embassy sheltered eleven housemaids who had fled their employers.")
    names = {span.text for span in mention_spans(doc)}
    assert any("Philippine" in name for name in names)
    assert not any(text == "Philippine" for text, _ in _nationalities(doc))


def test_a_named_country_keys_its_nationality_word_and_an_unnamed_one_waits_for_a_statement(default_nlp):
    doc = default_nlp("Police in Kenya rescued Ugandan and Kenyan girls from a bar in Mombasa.")
    by_text = {span.text: span.kb_id_ for span in doc.spans[NATIONALITY_KEY]}
    kenya = next(e.key for e in document_entities(doc) if e.label == "Kenya")
    assert by_text["Kenyan"] == kenya
    assert by_text["Ugandan"] == UNNAMED + "UG"
    before = len(document_entities(doc))
    resolve = place_resolver(doc, load_gazetteer())
    uganda = resolve(UNNAMED + "UG")
    assert resolve(UNNAMED + "UG") == uganda  # added once, found the second time
    added = [e for e in document_entities(doc) if e.key == uganda]
    assert len(document_entities(doc)) == before + 1 and added[0].label == "Uganda" and added[0].cls == "Country"
    assert resolve(kenya) == kenya


def test_the_home_nationality_is_read_as_home_and_others_pair_with_the_places(default_nlp):
    text = (
        "Officials in Zambia call the country a hub. Zambian boys herd cattle for no pay far from home, "
        "and Congolese women are held in bars in Lusaka."
    )
    doc = default_nlp(text)
    nationalities = nationality_spans(doc, load_gazetteer(), mention_spans(doc))
    entities = document_entities(doc)
    home = home_country(entities)
    routes = [
        c
        for c in document_candidates(doc, mention_spans(doc), home, None, frozenset(), nationalities)
        if c.kind == "route"
    ]
    ends = {(c.first.key, c.second.key, c.first.nationality or c.second.nationality) for c in routes}
    assert not any(c.first.nationality and c.first.key == home for c in routes)
    congo = next(s.kb_id_ for s in nationalities if s.text == "Congolese")
    lusaka = next(e.key for e in entities if e.label == "Lusaka")
    assert (congo, lusaka, True) in ends


def test_home_cues_say_whether_the_home_country_s_own_people_are_named_here_or_just_before(default_nlp):
    from tipgraph.extractors.relations.learned import clauses, home_cues

    text = (
        "Moldova is chiefly a source country. Moldovan women answer fake job offers abroad; "
        "they are later exploited in Turkey and Cyprus. Foreign workers from Ukraine are exploited on farms in Moldova."
    )
    doc = default_nlp(text)
    home = home_country(document_entities(doc))
    nationalities = nationality_spans(doc, load_gazetteer(), mention_spans(doc))
    home_words = {span.start for span in nationalities if span.kb_id_ == home}
    assert home_words, "the home country's nationality word is found"
    units = [clause for sent in doc.sents for clause in clauses(sent)]
    cues = {unit.text.split()[0]: home_cues(doc, unit, home_words) for unit in units}
    assert "home|nat-here" in cues["Moldovan"] and "home|w:abroad" in cues["Moldovan"]
    assert "home|nat-before" in cues["they"] and "home|nat-here" not in cues["they"]
    assert "home|w:foreign" in cues["Foreign"] and "home|nat-here" not in cues["Foreign"]
