"""Generic references to a named body, and the paragraph's actor as the referrer of victims."""

import pytest

from tipgraph.extractors.pipeline import extract_text

from .relation_helpers import cooperations, has_cooperation

REFERRED = [
    # the kind of body, after its full name
    (
        "The Lao Consulate in Kunming helps returnees get home. "
        "At that point the Consulate works with the Yunnan Public Security Bureau.",
        [["Lao Consulate", "Yunnan Public Security Bureau"]],
    ),
    # a capitalised modifier that is part of the name picks the body out
    (
        "The Ministry of Defence confirmed the deaths. The Ministry of Foreign Affairs said it would act.\n\n"
        "The Foreign Ministry cooperates with IOM on repatriation.",
        [["Ministry of Foreign Affairs", "IOM"]],
    ),
    # "police of <place>" is the body named after the place; a bare "Police" later is the one referred to last
    (
        "Last month, the police of Daun Penh district closed four karaoke bars. The Daun Penh police had waited a year.\n\n"
        "Police referred the young women to the Department of Social Affairs.",
        [["Daun Penh police", "Department of Social Affairs"]],
    ),
    # a short name defined in brackets stands for the body wherever it recurs
    (
        "CARE runs the Skills Development for the Lake Chad Basin (SDLCB) programme in Niger. "
        "SDLCB is collaborating with the Danish Refugee Council.",
        [["Skills Development for the Lake Chad Basin", "Danish Refugee Council"]],
    ),
    # victims referred without a "by": the body that acted in the paragraph referred them
    (
        "The Ministry of Public Security searched four massage parlours in Hanoi. The girls were referred to AFESIP for shelter.",
        [["Ministry of Public Security", "AFESIP"]],
    ),
    (
        "Last Friday, local police authorities of Daun Penh district closed four karaoke bars. "
        "The girls were referred to AFESIP for shelter. The Daun Penh police had waited a year.",
        [["Daun Penh police", "AFESIP"]],
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
        "The Lao Consulate in Kunming helps returnees. The Chinese Consulate works with UNICEF.",
        ["Lao Consulate", "UNICEF"],
    ),
    # an indefinite mention is not a reference
    (
        "The Ministry of Public Security met UNICEF in Hanoi. A ministry works with IOM.",
        ["Ministry of Public Security", "IOM"],
    ),
    # two bodies of the kind, neither named in this paragraph or the one before
    (
        "The Ministry of Justice together with the Ministry of Labour adopted a decree.\n\nDebt bondage is widespread.\n\n"
        "Recruiters charge high fees.\n\nThe Ministry works with UNICEF.",
        ["Ministry of Justice", "UNICEF"],
    ),
    (
        "The Ministry of Justice together with the Ministry of Labour adopted a decree.\n\nDebt bondage is widespread.\n\n"
        "Recruiters charge high fees.\n\nThe Ministry works with UNICEF.",
        ["Ministry of Labour", "UNICEF"],
    ),
    # the referrer must have acted in the same paragraph, and saying is not acting
    (
        "The Ministry of Public Security searched four massage parlours in Hanoi.\n\nThe girls were referred to AFESIP for shelter.",
        ["Ministry of Public Security", "AFESIP"],
    ),
    (
        "UNICEF reported that many girls are sold abroad. The girls were referred to AFESIP for shelter.",
        ["UNICEF", "AFESIP"],
    ),
]


@pytest.mark.parametrize("text, pair", NOT_REFERRED)
def test_a_mention_that_could_be_another_body_is_not_resolved(nlp, text, pair):
    record = extract_text(nlp, text)
    read = {n.lower() for e in record.entities for n in (e.label, *e.aliases)}
    assert {name.lower() for name in pair} <= read  # both bodies are read: only their link is refused
    assert not has_cooperation(record, pair), cooperations(record)
