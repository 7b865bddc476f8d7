"""Cleaning cables and pages for the model while keeping every offset in the original."""

from __future__ import annotations

import pytest

from tipgraph.extractors.ingest.cleaning import clean_text, extract_metadata

CABLE = """VZCZCXRO4410
PP RUEHBK RUEHCHI RUEHHM
DE RUEHVN #0731/01 1520418
ZNY CCCCC ZZH
P 010418Z JUN 08
FM AMEMBASSY VIENTIANE
TO RUEHC/SECSTATE WASHDC PRIORITY 1875

C O N F I D E N T I A L SECTION 01 OF 03 VIENTIANE 000731

SIPDIS

E.O. 12958: DECL: 05/30/2033
TAGS: PGOV PHUM ELAB KTIP
SUBJECT: LAOS: BORDER SHELTERS FILL AS RETURNS FROM
THAILAND RISE

12. (C) Shelter staff in Savannakhet say returns from Thailand doubled in the last half-
year, the Director told PolOff.

¶5. (SBU) Somchai said that the shelter relies on the Savannakhet
Provincial Police Department (PPD).
"""


@pytest.mark.parametrize(
    "noise",
    [
        "VZCZCXRO4410",
        "ZNY CCCCC ZZH",
        "RUEHC/SECSTATE",
        "TAGS",
        "KTIP",
        "SIPDIS",
        "E.O. 12958",
        "(SBU)",
        "(C)",
        "¶5",
        "12.",
    ],
)
def test_cable_routing_tags_and_marks_are_cleaned_away(noise):
    text = clean_text(CABLE).text
    assert noise not in text
    assert "Shelter staff in Savannakhet" in text  # the prose stays: an empty text would not pass


@pytest.mark.parametrize(
    "phrase",
    [
        "Shelter staff in Savannakhet say returns from Thailand doubled in the last half-year, the Director told PolOff.",
        "Somchai said that the shelter relies on the Savannakhet Provincial Police Department (PPD).",
    ],
)
def test_hard_wraps_and_hyphenated_breaks_are_joined(phrase):
    assert phrase in clean_text(CABLE).text


@pytest.mark.parametrize("word", ["Thailand", "shelter", "Savannakhet", "Provincial", "Department", "PPD", "Somchai"])
def test_every_cleaned_word_maps_back_to_the_same_word_in_the_original(word):
    cleaned = clean_text(CABLE)
    start = cleaned.text.index(word)
    original_start, original_end = cleaned.original_span(start, start + len(word))
    assert CABLE[original_start:original_end] == word


def test_a_word_joined_across_a_hard_wrap_maps_to_the_wrapped_original():
    cleaned = clean_text(CABLE)
    start = cleaned.text.index("half-year")
    a, b = cleaned.original_span(start, start + len("half-year"))
    assert CABLE[a:b] == "half-\nyear"


@pytest.mark.parametrize(
    "page, gone, kept",
    [
        (
            "She spoke in Bangkok. Tom Hale/Press Pool / Flickr / CC BY-SA 4.0\n\nNext.",
            "Tom Hale",
            "She spoke in Bangkok.",
        ),
        ("Crowds waited.\n\n(Photo by Nimal Fernando)\n\nThey marched.", "Nimal", "They marched."),
        (
            "As the [U.S. Labor Department list](https://www.dol.gov/x) shows, Ghana is a source.",
            "dol.gov",
            "As the U.S. Labor Department list shows, Ghana",
        ),
        (  # a link written against the word before it keeps the two words apart
            "The bureau sits on the[National Anti-Slavery Board](https://example.org/board).",
            "example.org",
            "The bureau sits on the National Anti-Slavery Board.",
        ),
        (
            "---\ntitle: A report\ndate: 2019-07-30\n---\n\nHuman trafficking is a crime.",
            "title:",
            "Human trafficking is a crime.",
        ),
        (
            "**Illicit drugs**<br>\n_current situation_: Laos is a transit point.",
            "<br>",
            "Laos is a transit point.",
        ),
    ],
)
def test_page_leftovers_are_removed_and_prose_kept(page, gone, kept):
    cleaned = clean_text(page)
    assert gone not in cleaned.text
    assert kept in cleaned.text
    start = cleaned.text.index(kept)
    a, b = cleaned.original_span(start, start + len(kept.split()[0]))
    assert page[a:b] == kept.split()[0]


def test_a_cable_kept_as_one_line_of_markup_is_not_read_as_a_photo_credit():
    # the cable's line breaks are entities: the text is one long line, with a slash and "AFP" far apart
    cable = (
        "<code><pre>SUBJECT: ARGENTINA: POLICE CHIEFS MEET VISITORS &#x000A;&#x000A;1. (C) The visitors met "
        "the police in Rosario.  DHS/ICE agents said the Argentine Federal Police (AFP) had rescued twelve "
        "Paraguayan women from a brothel in Cordoba. &#x000A;&#x000A;2. (C) ICE offered to train AFP "
        "investigators in 2009.</pre></code>"
    )
    cleaned = clean_text(cable)
    assert (
        "DHS/ICE agents said the Argentine Federal Police (AFP) had rescued twelve Paraguayan women from a brothel"
        in cleaned.text
    )
    assert "ICE offered to train AFP investigators in 2009." in cleaned.text


@pytest.mark.parametrize(
    "text, title, date, creator, classification",
    [
        (
            CABLE,
            "LAOS: BORDER SHELTERS FILL AS RETURNS FROM THAILAND RISE",
            "2008-06-01",
            "Embassy Vientiane",
            "CONFIDENTIAL",
        ),
        (
            "07MANILA1180\nLABOR RECRUITERS UNDER SCRUTINY\nTue Apr 10 00:00:00 +0200 2007\nUNCLASSIFIED\nEmbassy Manila\n"
            "SUBJECT:  LABOR RECRUITERS UNDER SCRUTINY \n",
            "LABOR RECRUITERS UNDER SCRUTINY",
            "2007-04-10",
            "Embassy Manila",
            "UNCLASSIFIED",
        ),
        (
            "<code><pre>C O N F I D E N T I A L SANTO DOMINGO 000415\n\nSUBJECT: GODR WEIGHS TIGHTER BORDER CHECKS\n",
            "GODR WEIGHS TIGHTER BORDER CHECKS",
            None,
            "Embassy Santo Domingo",
            "CONFIDENTIAL",
        ),
        (
            "---\ntitle: Fishing Crews and the Debt\n  Trap in Ghana\ndate: 2021-03-14 09:05:00 -05:00\nauthor: Ama Owusu\n---\nText.",
            "Fishing Crews and the Debt Trap in Ghana",
            "2021-03-14",
            "Ama Owusu",
            None,
        ),
        (
            "Field Notes\n\nFrom Nepal: Brick Kilns and Bonded Families\n\nMarch 4, 2015\n\nBy Sita R. Gurung\n\nOn February 20...",
            "From Nepal: Brick Kilns and Bonded Families",
            "2015-03-04",
            "Sita R. Gurung",
            None,
        ),
    ],
)
def test_document_metadata(text, title, date, creator, classification):
    meta = extract_metadata(text)
    assert (meta.title, meta.date, meta.creator, meta.classification) == (title, date, creator, classification)


@pytest.mark.parametrize(
    "raw, cleaned",
    [
        (
            "Partners:\n--(4) Casa Esperanza (Hope House).\n--(5) Red Norte works too.",
            "Partners: Casa Esperanza (Hope House). Red Norte works too.",
        ),
        ("-- C. In March, inspectors visited farms.", "In March, inspectors visited farms."),
        ("• (2) Second item here", "Second item here"),
        ("-- A number of boys left.", "A number of boys left."),  # a word, not an item's letter
    ],
)
def test_a_bullet_and_its_items_number_or_letter_are_no_prose(raw, cleaned):
    text = clean_text(raw)
    assert text.text == cleaned
    start = text.text.index(cleaned.split()[-1])
    assert raw[slice(*text.original_span(start, start + 3))] == cleaned.split()[-1][:3]


def test_a_clause_after_a_semicolon_starts_with_a_capital_and_maps_back_to_the_lowercase_original():
    raw = "Boys herd cattle on farms; gangs move girls to the coast; and police rarely act."
    text = clean_text(raw)
    assert text.text == "Boys herd cattle on farms; Gangs move girls to the coast; And police rarely act."
    start = text.text.index("Gangs")
    assert raw[slice(*text.original_span(start, start + 5))] == "gangs"
    assert clean_text("A list: x; y.").text == "A list: x; Y."


def test_a_markdown_backslash_escape_is_dropped_and_the_punctuation_maps_back():
    raw = r"Coastguards co\-operate with the African Union \(AU\) on patrols\. Crossings fell."
    text = clean_text(raw)
    assert text.text == "Coastguards co-operate with the African Union (AU) on patrols. Crossings fell."
    start = text.text.index("(AU)")
    assert raw[slice(*text.original_span(start, start + 4))] == r"(AU\)"


def test_an_apostrophe_a_converter_made_a_question_mark_is_an_apostrophe_again():
    raw = "Staff of the Farmers?s Union and two NGO?s met. Were they paid? Nobody knew."
    text = clean_text(raw)
    assert text.text == "Staff of the Farmers's Union and two NGO's met. Were they paid? Nobody knew."
    start = text.text.index("NGO's")
    assert raw[slice(*text.original_span(start, start + 5))] == "NGO?s"


def test_a_cable_s_apostrophe_written_as_a_comma_is_an_apostrophe_again():
    raw = "The Attorney General,s Office and UNHCR,S staff met Tuesday, and police, soldiers and NGOs, said the GOT."
    text = clean_text(raw)
    assert text.text == (
        "The Attorney General's Office and UNHCR'S staff met Tuesday, and police, soldiers and NGOs, said the GOT."
    )
    start = text.text.index("General's")
    assert raw[slice(*text.original_span(start, start + 9))] == "General,s"


def test_quotation_marks_a_converter_made_question_marks_are_quotation_marks_again():
    raw = "Police ran a hotline (named ?Speak Up?), with the Youth Council(YC). Was it used? Few said. (Why?) None."
    text = clean_text(raw)
    assert text.text == (
        'Police ran a hotline (named "Speak Up"), with the Youth Council (YC). Was it used? Few said. (Why?) None.'
    )
    start = text.text.index("(YC)")
    assert raw[slice(*text.original_span(start, start + 4))] == "(YC)"


def test_a_factbook_entry_s_part_label_starts_a_paragraph_of_its_own():
    raw = "current situation: Togolese boys were reported in Benin and Gabon tier rating: Tier 2 - it made efforts"
    text = clean_text(raw)
    assert text.text == (
        "current situation: Togolese boys were reported in Benin and Gabon\n\ntier rating: Tier 2 - it made efforts"
    )
    assert clean_text("... in Asia | tier rating: Tier 1").text == "... in Asia\n\ntier rating: Tier 1"
