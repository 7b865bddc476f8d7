"""Generic references to a named body, and the paragraph's actor as the referrer of victims."""

import pytest

from tipgraph.extractors.pipeline import extract_text

from .relation_helpers import cooperations, has_cooperation

REFERRED = [
    # the kind of body, after its full name
    (
        "The Vietnamese Consulate in Nanning helps victims return home. "
        "At that point the Consulate works with the Guangxi Public Security Bureau.",
        [["Vietnamese Consulate", "Guangxi Public Security Bureau"]],
    ),
    # a capitalised modifier that is part of the name picks the body out
    (
        "The Ministry of Defence confirmed the deaths. The Ministry of Foreign Affairs said it would act.\n\n"
        "The Foreign Ministry cooperates with IOM on repatriation.",
        [["Ministry of Foreign Affairs", "IOM"]],
    ),
    # "police of <place>" is the body named after the place; a bare "Police" later is the one referred to last
    (
        "Recently, the police of Toul Kork district raided nine brothels. The Toul Kork police had not started sooner.\n\n"
        "Police referred the sex workers to the Department of Social Affairs.",
        [["Toul Kork police", "Department of Social Affairs"]],
    ),
    # a short name defined in brackets stands for the body wherever it recurs
    (
        "DAI implements the Market Development for the Niger Delta (MADE II) programme in Nigeria. "
        "MADE II is collaborating with the International Centre for Migration Policy Development.",
        [["Market Development for the Niger Delta", "International Centre for Migration Policy Development"]],
    ),
    # victims referred without a "by": the body that acted in the paragraph referred them
    (
        "The Ministry of Public Security raided nine brothels in Hanoi. The women were referred to AFESIP for counseling.",
        [["Ministry of Public Security", "AFESIP"]],
    ),
    (
        "On August 24, local police authorities of Toul Kork district raided nine brothels. "
        "The women were referred to AFESIP for counseling. The Toul Kork police had not started sooner.",
        [["Toul Kork police", "AFESIP"]],
    ),
]


@pytest.mark.parametrize("text, expected", REFERRED)
def test_a_generic_reference_to_a_named_body_takes_part_as_that_body(nlp, text, expected):
    record = extract_text(nlp, text)
    for participants in expected:
        assert has_cooperation(record, participants), (participants, cooperations(record))
    assert len(cooperations(record)) == len(expected)


NOT_REFERRED = [
    # another country's body of the same kind
    (
        "The Vietnamese Consulate in Nanning helps victims. The Chinese Consulate works with UNICEF.",
        ["Vietnamese Consulate", "UNICEF"],
    ),
    # an indefinite mention is not a reference
    (
        "The Ministry of Public Security met UNICEF in Hanoi. A ministry works with IOM.",
        ["Ministry of Public Security", "IOM"],
    ),
    # two bodies of the kind, neither named in this paragraph or the one before
    (
        "The Ministry of Public Security and the Ministry of Labour signed a plan.\n\nTrafficking remains a problem.\n\n"
        "Many women are sold abroad.\n\nThe Ministry works with UNICEF.",
        ["Ministry of Public Security", "UNICEF"],
    ),
    (
        "The Ministry of Public Security and the Ministry of Labour signed a plan.\n\nTrafficking remains a problem.\n\n"
        "Many women are sold abroad.\n\nThe Ministry works with UNICEF.",
        ["Ministry of Labour", "UNICEF"],
    ),
    # the referrer must have acted in the same paragraph, and saying is not acting
    (
        "The Ministry of Public Security raided nine brothels in Hanoi.\n\nThe women were referred to AFESIP for counseling.",
        ["Ministry of Public Security", "AFESIP"],
    ),
    (
        "UNICEF reported that many women are sold abroad. The women were referred to AFESIP for counseling.",
        ["UNICEF", "AFESIP"],
    ),
]


@pytest.mark.parametrize("text, pair", NOT_REFERRED)
def test_a_mention_that_could_be_another_body_is_not_resolved(nlp, text, pair):
    record = extract_text(nlp, text)
    assert not has_cooperation(record, pair), cooperations(record)
