"""Sentence starts set before the parser: paragraph breaks and clauses chained by semicolons."""

import pytest

from tipgraph.extractors.source import make_source_doc


def _sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(make_source_doc(nlp, text)).sents]


def test_a_paragraph_break_starts_a_sentence(nlp):
    assert _sentences(nlp, "Shelter capacity\n\nThe province runs two homes for boys.") == [
        "Shelter capacity",
        "The province runs two homes for boys.",
    ]


def test_clauses_chained_by_semicolons_are_parsed_as_sentences(nlp):
    text = "Boys are made to tend cattle on remote farms; brokers sell girls to bar owners in the capital; police rarely investigate such cases."
    assert _sentences(nlp, text) == [
        "Boys are made to tend cattle on remote farms;",
        "Brokers sell girls to bar owners in the capital;",
        "Police rarely investigate such cases.",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The board brings together the Labour Office; the Border Police; and two shelters run by nuns.",
        "Officials met three groups: teachers from Mafeteng; nurses from Quthing; and herders.",
    ],
)
def test_a_semicolon_between_names_stays_inside_its_sentence(nlp, text):
    assert len(_sentences(nlp, text)) == 1


@pytest.mark.parametrize(
    "text, verb, subject",
    [
        (
            "Herd boys are abused on remote farms; traffickers lure girls to the mines with promises of pay.",
            "lure",
            "Traffickers",
        ),
        (
            "Girls are exploited in bars in the capital; traffickers subject Basotho boys to forced labor in mines.",
            "subject",
            "Traffickers",
        ),
    ],
)
def test_a_chained_clause_keeps_its_subject_and_verb(nlp, text, verb, subject):
    doc = nlp(make_source_doc(nlp, text))
    token = next(t for t in doc if t.text == verb)
    assert [c.text for c in token.children if c.dep_ == "nsubj"] == [subject]


def test_no_sentence_starts_after_a_word_that_continues_one(nlp):
    # a list item ending a line with no full stop: the parser alone cut it before its last member
    text = (
        "Recruiters exploit Malagasy women in domestic servitude in Kuwait, Lebanon, Oman, and the United Arab Emirates"
        "\n\ntier rating: Tier 2, with modest gains in prosecutions"
    )
    sentences = _sentences(nlp, text)
    assert sentences == [text.split("\n")[0], "tier rating: Tier 2, with modest gains in prosecutions"]
