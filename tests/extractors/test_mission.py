"""Bodies a text names by kind or by a convention: a cable's own post, "the embassy" of a report, a state's
embassy by nationality, a government by its acronym."""

import pytest

from tipgraph.extractors.pipeline import extract_text

from .relation_helpers import cooperations, has_cooperation

CABLE = (
    "UNCLAS SECTION 01 OF 03 LUSAKA 000512\n\nSUBJECT: ZAMBIA: ANTI-TRAFFICKING UPDATE\n\n"
    "1. Post has worked closely with the Zambia Police Service on two cases of girls sold to truck drivers. "
    "The Embassy also funded a radio drama on child labour with Plan International.\n"
)


def test_a_cables_post_and_embassy_are_its_sending_post_kept_where_a_relation_names_it(nlp):
    record = extract_text(nlp, CABLE)
    post = next(e for e in record.entities if e.label == "U.S. Embassy Lusaka")
    assert (post.cls, post.country, post.doubtful) == ("Agency", "US", True)
    assert sorted(m.text for m in post.mentions) == ["Embassy", "Post"]
    assert has_cooperation(record, ["U.S. Embassy Lusaka", "Zambia Police Service"])


def test_a_consulates_cable_reads_the_consulate_as_its_post_and_the_embassy_as_another(nlp):
    text = (
        "FM AMCONSUL MEDAN\n\n1. The Consulate worked with the North Sumatra Police on a brothel raid. "
        "The Embassy later worked with UNICEF on a shelter in Jakarta.\n"
    )
    record = extract_text(nlp, text)
    consulate = next(e for e in record.entities if e.label == "U.S. Consulate Medan")
    assert [m.text for m in consulate.mentions] == ["Consulate"]
    assert not any(c for c in cooperations(record) if "U.S. Consulate Medan" in c and "UNICEF" in c)


@pytest.mark.parametrize(
    "text",
    [
        # no sending post: a report or a story has no "Post" of its own
        "Post has worked closely with the Zambia Police Service on two cases of girls sold to truck drivers.",
        # another body's name, or a post office
        CABLE.replace("Post has", "The Post Office has").replace("The Embassy also", "The Embassy of Sweden also"),
    ],
)
def test_post_is_no_body_outside_a_cable_or_inside_another_name(nlp, text):
    record = extract_text(nlp, text)
    assert not any(e.label.startswith("U.S. Embassy") for e in record.entities)
    assert not any("Zambia Police Service" in c and len(c) == 2 for c in cooperations(record) if "Post" in c)


def test_the_embassy_of_a_report_is_the_one_embassy_it_names(nlp):
    text = (
        "In 2014 the US embassy in Lima pressed for a new trafficking law. "
        "The embassy later worked with UNICEF on shelter standards for rescued miners."
    )
    record = extract_text(nlp, text)
    embassy = next(e for e in record.entities if e.label == "US embassy")
    assert embassy.country == "US"
    assert [m.text for m in embassy.mentions] == ["US embassy", "embassy"]
    assert has_cooperation(record, ["US embassy", "UNICEF"])


def test_the_embassy_joins_no_body_when_a_report_names_two(nlp):
    text = (
        "The US embassy and the Canadian embassy in Lima pressed for a new law. "
        "The embassy later worked with the Peruvian Ombudsman on shelter standards."
    )
    mentions = [m.text for e in extract_text(nlp, text).entities for m in e.mentions]
    assert "embassy" not in mentions


@pytest.mark.parametrize(
    "text, label, country",
    [
        ("Icelandic police questioned the club owners about the dancers' contracts.", "Icelandic police", "IS"),
        ("The Slovenian police opened an inquiry into the agency.", "Slovenian police", "SI"),
        ("The Filipino consulate in Dubai sheltered forty runaway maids.", "Filipino consulate", "PH"),
    ],
)
def test_a_states_police_or_consulate_named_by_nationality_is_its_body(nlp, text, label, country):
    body = next(e for e in extract_text(nlp, text).entities if e.label == label)
    assert (body.cls, body.country) == ("Agency", country)


@pytest.mark.parametrize(
    "text, government",
    [
        # "Go" with a lower-case "o" is the same acronym
        ("Togo is a source country for child porters. The GoT trained forty labour inspectors in Lome.", "Togo"),
        ("Sri Lankan maids go to the Gulf. The GoSL opened a shelter for women returned from Kuwait.", "Sri Lanka"),
        # the cables' "Republic of Yemen Government"
        ("The ROYG arrested six smugglers on the Red Sea coast near Mocha.", "Yemen"),
    ],
)
def test_a_government_named_by_its_cable_acronym_is_that_countrys_government(nlp, text, government):
    bodies = {e.label for e in extract_text(nlp, text).entities if e.cls == "Agency"}
    assert f"Government of {government}" in bodies
