"""Cooperation patterns: sentences of the genre and the cooperations they state (or must not)."""

import pytest

from tipgraph.extractors.pipeline import extract_text

from .relation_helpers import cooperations, has_cooperation

STATED = [
    # verb with a "with" partner
    (
        "UNICEF cooperates with the International Organization for Migration on victim protection.",
        [["UNICEF", "International Organization for Migration"]],
    ),
    (
        "The Asia Foundation works with the Vietnam Women's Union to improve conditions for women.",
        [["The Asia Foundation", "Vietnam Women's Union"]],
    ),
    # several actors each cooperating with one partner: pairs, not one group
    (
        "UNICEF and UNIFEM are both cooperating with the Ministry of Public Security on establishing additional centers.",
        [["UNICEF", "Ministry of Public Security"], ["UNIFEM", "Ministry of Public Security"]],
    ),
    # cooperation noun
    ("Anti-trafficking cooperation between China and Vietnam is increasingly effective.", [["China", "Vietnam"]]),
    (
        "Save the Children UK, in cooperation with the Guangxi Women's Federation, has established several programs in three key cities.",
        [["Save the Children UK", "Guangxi Women's Federation"]],
    ),
    ("The United Kingdom and Vietnam enjoy a longstanding security relationship.", [["United Kingdom", "Vietnam"]]),
    ("Interpol, together with UNODC, trained investigators in Cambodia.", [["Interpol", "UNODC"]]),
    # joint action: a group of three or more is one cooperation
    (
        "Oxfam Quebec, Save the Children UK, and Save the Children Sweden are carrying out a project in Vietnam's northeast.",
        [["Oxfam Quebec", "Save the Children UK", "Save the Children Sweden"]],
    ),
    (
        "The workshop was organized by the Ministry of Public Security and The Asia Foundation.",
        [["Ministry of Public Security", "The Asia Foundation"]],
    ),
    (
        "The Ministry of Public Security, the Ministry of National Defense and the Ministry of Foreign Affairs jointly signed a regulation on coordination.",
        [["Ministry of Public Security", "Ministry of National Defense", "Ministry of Foreign Affairs"]],
    ),
    # a body's members act together, with whoever chairs it
    (
        "The Ministry of Labour chairs the National Steering Committee, which is made up of representatives from"
        " the Ministry of Health, the Ministry of Education, the National Police and UNICEF.",
        [
            [
                "Ministry of Labour",
                "National Steering Committee",
                "Ministry of Health",
                "Ministry of Education",
                "National Police",
                "UNICEF",
            ]
        ],
    ),
    (
        "A working group consisting of the Ministry of Justice, the Border Police and La Strada drafted the referral plan.",
        [["Ministry of Justice", "Border Police", "La Strada"]],
    ),
    # one activity run by several actors
    (
        "A public awareness campaign by UNICEF, the IOM and World Vision reached forty schools.",
        [["UNICEF", "IOM", "World Vision"]],
    ),
    (
        "More than 200 officers of the National Police and the Immigration Department participated in a workshop on"
        " victim identification.",
        [["National Police", "Immigration Department"]],
    ),
    # the partner after an "of" phrase
    (
        "In 2006 the Ministry of Interior signed a memorandum of understanding with the International Organization"
        " for Migration.",
        [["Ministry of Interior", "International Organization for Migration"]],
    ),
    # assistance to several bodies: the provider with each of them
    (
        "The ILO focuses on capacity building in MOLISA, the Border Guards and the Ministry of Public Security.",
        [["ILO", "MOLISA"], ["ILO", "Border Guards"], ["ILO", "Ministry of Public Security"]],
    ),
    # referral of victims
    (
        "The women were referred to AFESIP by the Ministry of Public Security.",
        [["Ministry of Public Security", "AFESIP"]],
    ),
    ("The Ministry of Public Security turned the girls over to UNICEF.", [["Ministry of Public Security", "UNICEF"]]),
]


@pytest.mark.parametrize("text, expected", STATED)
def test_a_stated_cooperation_is_found_with_every_participant(nlp, text, expected):
    record = extract_text(nlp, text)
    for participants in expected:
        assert has_cooperation(record, participants), (participants, cooperations(record))
    assert len(cooperations(record)) == len(expected)


NOT_COOPERATION = [
    "The Chinese authorities are reluctant to engage with Vietnam on this issue.",
    "Cambodia does not cooperate with Thailand on this issue.",
    "The Consulate had no success in engaging with the Ministry of Public Security.",
    "We hope that the United States will cooperate more closely with Vietnam.",
    "IOM's future plans include collaborating with UNICEF on a guest worker program.",
    "UNICEF and Interpol both admit that their estimates are guesses.",
    "The Ministry of Public Security works with local police in Lang Son.",
    "The women were referred to AFESIP for psychological counseling.",
    # a body's work, not its members; an activity run by one
    "The task force's activities include awareness raising by UNICEF in secondary schools.",
    "A campaign by UNICEF reached forty schools near the border with Laos.",
]


@pytest.mark.parametrize("text", NOT_COOPERATION)
def test_denied_hoped_for_or_unnamed_cooperation_is_not_a_relation(nlp, text):
    record = extract_text(nlp, text)
    assert record.entities  # the actors are read: an empty result would not pass
    assert cooperations(record) == []


def test_denied_cooperation_is_kept_as_negated_when_asked(nlp):
    relations = nlp.get_pipe("tipgraph_relations")
    relations.keep_negated = True
    try:
        record = extract_text(nlp, "Cambodia does not cooperate with Thailand on this issue.")
    finally:
        relations.keep_negated = False
    assert has_cooperation(record, ["Cambodia", "Thailand"], negated=True)
    assert cooperations(record) == []


def test_the_same_cooperation_twice_in_a_sentence_is_one_statement_and_twice_in_a_text_two(nlp):
    one = extract_text(nlp, "UNICEF cooperates with IOM, and IOM cooperates with UNICEF in Hanoi.")
    assert len(cooperations(one)) == 1
    two = extract_text(nlp, "UNICEF cooperates with IOM.\n\nIn Hanoi, UNICEF also cooperates with IOM.")
    assert len(cooperations(two)) == 2


def test_a_list_item_without_a_subject_takes_the_actor_that_introduces_the_list(nlp):
    text = (
        "In a little over one year, The Asia Foundation has:\n\n"
        "Supported the Ministry of Public Security to implement a communications campaign.\n\n"
        "Held town hall meetings in collaboration with the Vietnam Women's Union.\n"
    )
    record = extract_text(nlp, text)
    assert has_cooperation(record, ["The Asia Foundation", "Ministry of Public Security"]), cooperations(record)
    assert has_cooperation(record, ["The Asia Foundation", "Vietnam Women's Union"]), cooperations(record)


def test_an_official_meeting_a_body_stands_for_the_body_it_works_for(nlp):
    record = extract_text(
        nlp, "UNICEF Representative Jesper Morch met with the Ministry of Labour to discuss shelters."
    )
    assert has_cooperation(record, ["UNICEF", "Ministry of Labour"]), cooperations(record)
