"""Cleaning cables and pages for the model while keeping every offset in the original."""

from __future__ import annotations

import pytest

from tipgraph.extractors.ingest.cleaning import clean_text, extract_metadata

CABLE = """VZCZCXRO1527
OO RUEHCN RUEHGH RUEHVC
DE RUEHBJ #0256/01 0340952
ZNY CCCCC ZZH
O 030952Z FEB 09
FM AMEMBASSY BEIJING
TO RUEHC/SECSTATE WASHDC IMMEDIATE 2062

C O N F I D E N T I A L SECTION 01 OF 02 BEIJING 000256

SIPDIS

E.O. 12958: DECL: 02/03/2034
TAGS: PGOV PHUM SMIG KTIP
SUBJECT: CHINA: ANTI-TRAFFICKING COOPERATION WITH VIETNAM
GOOD BUT NOT SUFFICIENT

11. (C) Anti-trafficking cooperation between China and Vietnam is increasingly effective in far-
off border areas, said the Consul.

¶4. (SBU) Binh noted that the Consulate works with the Guangxi
Public Security Bureau (PSB).
"""


@pytest.mark.parametrize(
    "noise",
    [
        "VZCZCXRO1527",
        "ZNY CCCCC ZZH",
        "RUEHC/SECSTATE",
        "TAGS",
        "KTIP",
        "SIPDIS",
        "E.O. 12958",
        "(SBU)",
        "(C)",
        "¶4",
        "11.",
    ],
)
def test_cable_routing_tags_and_marks_are_cleaned_away(noise):
    assert noise not in clean_text(CABLE).text


@pytest.mark.parametrize(
    "phrase",
    [
        "Anti-trafficking cooperation between China and Vietnam is increasingly effective in far-off border areas, said the Consul.",
        "Binh noted that the Consulate works with the Guangxi Public Security Bureau (PSB).",
    ],
)
def test_hard_wraps_and_hyphenated_breaks_are_joined(phrase):
    assert phrase in clean_text(CABLE).text


@pytest.mark.parametrize("word", ["China", "Consulate", "Guangxi", "Public", "Bureau", "PSB", "Binh"])
def test_every_cleaned_word_maps_back_to_the_same_word_in_the_original(word):
    cleaned = clean_text(CABLE)
    start = cleaned.text.index(word)
    original_start, original_end = cleaned.original_span(start, start + len(word))
    assert CABLE[original_start:original_end] == word


def test_a_word_joined_across_a_hard_wrap_maps_to_the_wrapped_original():
    cleaned = clean_text(CABLE)
    start = cleaned.text.index("far-off")
    a, b = cleaned.original_span(start, start + len("far-off"))
    assert CABLE[a:b] == "far-\noff"


@pytest.mark.parametrize(
    "page, gone, kept",
    [
        (
            "He spoke in Hanoi. David Rose/Number 10 / Flickr / CC BY-NC-ND 2.0\n\nNext.",
            "David Rose",
            "He spoke in Hanoi.",
        ),
        ("Families outside.\n\n(Photo by Waruna Wanniarachchi)\n\nThey protested.", "Waruna", "They protested."),
        (
            "According to the [U.S. State Department report](https://www.state.gov/x) Nigeria is a source.",
            "state.gov",
            "According to the U.S. State Department report Nigeria",
        ),
        (
            "---\ntitle: A report\ndate: 2019-07-30\n---\n\nHuman trafficking is a crime.",
            "title:",
            "Human trafficking is a crime.",
        ),
        (
            "**Trafficking in persons**<br>\n_current situation_: Malaysia is a destination.",
            "<br>",
            "Malaysia is a destination.",
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


@pytest.mark.parametrize(
    "text, title, date, creator, classification",
    [
        (
            CABLE,
            "CHINA: ANTI-TRAFFICKING COOPERATION WITH VIETNAM GOOD BUT NOT SUFFICIENT",
            "2009-02-03",
            "Embassy Beijing",
            "CONFIDENTIAL",
        ),
        (
            "03HANOI2323\nTRAFFICKING IN PERSONS IN VIETNAM\nMon Sep 15 00:00:00 +0200 2003\nUNCLASSIFIED\nEmbassy Hanoi\n"
            "SUBJECT:  TRAFFICKING IN PERSONS IN VIETNAM \n",
            "TRAFFICKING IN PERSONS IN VIETNAM",
            "2003-09-15",
            "Embassy Hanoi",
            "UNCLASSIFIED",
        ),
        (
            "<code><pre>C O N F I D E N T I A L SAN JOSE 000882\n\nSUBJECT: GOCR FEARS LAX VISA POLICY\n",
            "GOCR FEARS LAX VISA POLICY",
            None,
            "Embassy San Jose",
            "CONFIDENTIAL",
        ),
        (
            "---\ntitle: Using a Market Systems Approach\n  in Nigeria\ndate: 2019-07-30 11:43:00 -04:00\nauthor: Enene Ejembi\n---\nText.",
            "Using a Market Systems Approach in Nigeria",
            "2019-07-30",
            "Enene Ejembi",
            None,
        ),
        (
            "Insights\n\nFrom Vietnam: A Report on Combating Human Trafficking\n\nSeptember 17, 2008\n\nBy Kim N. B. Ninh\n\nOn September 9...",
            "From Vietnam: A Report on Combating Human Trafficking",
            "2008-09-17",
            "Kim N. B. Ninh",
            None,
        ),
    ],
)
def test_document_metadata(text, title, date, creator, classification):
    meta = extract_metadata(text)
    assert (meta.title, meta.date, meta.creator, meta.classification) == (title, date, creator, classification)
