"""Funding patterns: who pays for whom, and the amount when the text gives one."""

import pytest

from tipgraph.extractors.pipeline import extract_text

from .relation_helpers import find_funding, fundings

STATED = [
    ("Caritas receives funding from UNICEF.", [("UNICEF", "Caritas")], None),
    # "to Y" right after the funder, however the parse hangs it (on the verb, or as an infinitive)
    (
        "Supported in part by funds from the Danish Embassy to the ILO, IPEC opened a centre for former domestic "
        "workers.",
        [("Danish Embassy", "ILO"), ("Danish Embassy", "IPEC")],  # and the ILO programme it supports
        None,
    ),
    ("The shelter was opened with funds from the Canadian Embassy to UNICEF.", [("Canadian Embassy", "UNICEF")], None),
    ("The Caritas hotline is funded in part by the European Union.", [("European Union", "Caritas")], None),
    ("The USG-funded UNODC project focuses on law enforcement.", [("USG", "UNODC")], None),
    (
        "The World Vision shelter, also funded by the USG, opened in May.",
        [("USG", "World Vision")],
        None,
    ),
    ("A new ILO programme, with funding by the USG, trains labour inspectors.", [("USG", "ILO")], None),
    # a sentence that opens on the money: the subject after the comma is who has it, not one more funder
    (
        "With a grant from the Swiss Agency for Development, the Ghana Immigration Service opened two border posts.",
        [("Swiss Agency for Development", "Ghana Immigration Service")],
        None,
    ),
    (
        "Funded by Norway and Sweden, the IOM Transit Center opened in May 2011.",
        [("Norway", "IOM Transit Center"), ("Sweden", "IOM Transit Center")],
        None,
    ),
    ("The European Union provides funds to UNICEF for shelters.", [("European Union", "UNICEF")], None),
    (
        "Australia granted USD 3 million to the International Organization for Migration for its Bali shelter.",
        [("Australia", "International Organization for Migration")],
        "USD 3 million",
    ),
    (
        "USAID provided a grant of USD 500,000 to The Asia Foundation for anti-trafficking work.",
        [("USAID", "The Asia Foundation")],
        "USD 500,000",
    ),
    # who has the money when no "to" says: the receiver, the user, whoever acts "with funds from"
    (
        "La Strada receives funding from the Government of the Netherlands.",
        [("Government of the Netherlands", "La Strada")],
        None,
    ),
    ("The National Police formed a special unit using UNICEF funds.", [("UNICEF", "National Police")], None),
    (
        "The Ministry of Education built a school in the camp with funds from Plan International.",
        [("Plan International", "Ministry of Education")],
        None,
    ),
    # the implementer of a funded project receives the money
    ("The project is funded by the European Union and implemented by IOM.", [("European Union", "IOM")], None),
    ("The European Union funds a shelter project implemented by IOM in Hanoi.", [("European Union", "IOM")], None),
    # a participle phrase on what an actor runs: the actor running it receives the money
    (
        "The Ministry of Social Affairs runs shelters for victims, funded by the Australian government and UNICEF.",
        [("Australian government", "Ministry of Social Affairs"), ("UNICEF", "Ministry of Social Affairs")],
        None,
    ),
    (
        "The Department of Social Welfare and Development operates a hotline for trafficking victims, funded by USAID.",
        [("USAID", "Department of Social Welfare and Development")],
        None,
    ),
    (
        "IOM manages a reintegration program, financed by the European Union, in Cambodia.",
        [("European Union", "IOM")],
        None,
    ),
    (
        "The shelter, funded by the Asia Foundation, is run by the Cambodian Women's Crisis Center.",
        [("Asia Foundation", "Cambodian Women's Crisis Center")],
        None,
    ),
    ("Caritas runs a shelter in Beirut that is funded by the European Union.", [("European Union", "Caritas")], None),
    # who starts the funded project receives the money
    (
        "Terre des Hommes launched a project funded by the Oak Foundation in Guinea.",
        [("Oak Foundation", "Terre des Hommes")],
        None,
    ),
    # aid that is financial, also inside "with the help of"; and who runs what it paid for
    (
        "The census was carried out by the Ministry of Gender with financial support from UNFPA.",
        [("UNFPA", "Ministry of Gender")],
        None,
    ),
    (
        "A radio campaign by Plan International aired with the help of a grant from the Government of Canada.",
        [("Government of Canada", "Plan International")],
        None,
    ),
    (
        "The Ministry of Interior announced a USD 1 million grant to La Strada.",
        [("Ministry of Interior", "La Strada")],
        "USD 1 million",
    ),
    # "funded through X": X holds the money
    (
        "The Salvation Army, funded through the Government of Norway, runs two safe houses in Lusaka.",
        [("Government of Norway", "Salvation Army")],
        None,
    ),
    # the money as the subject: what it pays for, or who it lets act, receives
    (
        "UK funding supported the UNODC programme for border liaison offices.",
        [("UK", "UNODC")],
        None,
    ),
    (
        "EU funding enabled Caritas to hire four lawyers for trafficking victims.",
        [("EU", "Caritas")],
        None,
    ),
    (
        "Funds from the Government of Norway paid for the ILO survey of brick kilns.",
        [("Government of Norway", "ILO")],
        None,
    ),
    # a donor gives to who it is the donor of
    ("Japan is the largest donor to the UNODC office in Bangkok.", [("Japan", "UNODC")], None),
    # who manages or runs the money has it
    (
        "The Ministry of Gender administers a UNICEF fund for shelters in Gulu.",
        [("UNICEF", "Ministry of Gender")],
        None,
    ),
    # the actor right before the money owns it, however the parse hangs the name
    ("The IOM used USAID funding to train labour inspectors in Kampala.", [("USAID", "IOM")], None),
    # the money's possessor gives it, whoever tells of it
    (
        "The Foreign Ministry announced Norway's contribution of $2 million to UNICEF for schools in Mali.",
        [("Norway", "UNICEF")],
        "$2 million",
    ),
    # who receives a sum of the money has it
    (
        "Caritas received $40,000 in Swiss government grants for its shelter in Tirana.",
        [("Swiss government", "Caritas")],
        None,
    ),
    # "with the help of a grant": who runs the passive subject, when no agent is named
    (
        "The hotline run by ActionAid was set up with the help of a grant from the Irish Embassy.",
        [("Irish Embassy", "ActionAid")],
        None,
    ),
    # who carries out what the money pays for receives it
    (
        "Post is aware of a recent USAID-funded study by the University of Nairobi on child labour in Kenya.",
        [("USAID", "University of Nairobi")],
        None,
    ),
    (
        "Officials cited a survey carried out by the Ministry of Labour in 2011, with financial assistance "
        "from the World Bank.",
        [("World Bank", "Ministry of Labour")],
        None,
    ),
    # the body the money goes through runs what it pays for; a body funded through another is the recipient
    (
        "The Government of Spain sponsored workshops through UNODC on border management.",
        [("Government of Spain", "UNODC")],
        None,
    ),
    ("UNICEF, funded through USAID, has opened two drop-in centres in Lusaka.", [("USAID", "UNICEF")], None),
    # a sum in a currency named by its word, not its sign
    (
        "The Ministry of Justice gives the Ruta Foundation 50,000 pesos every month for its shelter.",
        [("Ministry of Justice", "Ruta Foundation")],
        "50,000 pesos",
    ),
    # "from X to Y" after a body's name: two bodies, not "the Japanese Embassy to the IOM"
    (
        "A mobile clinic opened with funds from the Japanese Embassy to the IOM last year.",
        [("Japanese Embassy", "IOM")],
        None,
    ),
    # the money comes "with", the object receives it
    ("Sweden provided UNICEF with $2 million to protect children in Laos.", [("Sweden", "UNICEF")], "$2 million"),
    # an organisation before a sum is no currency ("US $500" is)
    ("Norway granted IOM $3 million to shelter returnees in Kyrgyzstan.", [("Norway", "IOM")], "$3 million"),
    # resources allocated are money; so is more funding given
    (
        "The Ministry of Labour allocated resources to the National Labour Inspectorate for farm visits in Kenya.",
        [("Ministry of Labour", "National Labour Inspectorate")],
        None,
    ),
    ("Denmark increased its funding for IOM's return programme in Ethiopia.", [("Denmark", "IOM")], None),
    # a share of what another body does is paid for: that body receives
    (
        "Since 2015 the Government of Finland has financed part of UNICEF's work with street children.",
        [("Government of Finland", "UNICEF")],
        None,
    ),
    # a sum received in a currency written by its code, with no money noun
    (
        "Last year Caritas Norway received NOK 450,000 from the Ministry of Children and Equality.",
        [("Ministry of Children and Equality", "Caritas Norway")],
        "NOK 450,000",
    ),
]


@pytest.mark.parametrize("text, expected, amount", STATED)
def test_a_stated_funding_is_found_with_funder_recipient_and_amount(nlp, text, expected, amount):
    record = extract_text(nlp, text)
    for funder, recipient in expected:
        found = find_funding(record, funder, recipient)
        assert found is not None, [(r.funder, r.recipient) for r in fundings(record)]
        assert found.amount == amount
        assert 0 < found.confidence <= 1
    assert len(fundings(record)) == len(expected)


NOT_FUNDING = [
    "Norway, a major donor, sent observers to the UNODC conference.",
    "The Labour Inspectorate did not have funding to buy fuel for its trucks.",
    "The British government distributes substantial funds to local NGOs.",
    "UNODC hopes that the European Union will fund the shelter.",
    # the funded thing is not the actor's own: visiting or inspecting is not running it
    "The Anti-Slavery Society visited a factory funded by the Qatar Foundation.",
    "The Ministry of Labor inspected a factory that is financed by a Chinese company.",
    "Police raided brothels funded by criminal syndicates in Manila.",
    # technical aid is not money
    "The Ministry of Labor provided IOM with office space and two interpreters.",
    "The census was carried out by the Ministry of Gender with technical support from UNFPA.",
    "The Anti-Trafficking Unit of the Kenya Police lacks human resources and vehicles.",
    "The Ministry of Labour increased inspections of farms that supply IOM's partners.",
]


@pytest.mark.parametrize("text", NOT_FUNDING)
def test_funding_without_a_named_recipient_or_only_hoped_for_is_not_a_relation(nlp, text):
    record = extract_text(nlp, text)
    assert record.entities  # the actors are read: an empty result would not pass
    assert fundings(record) == []


def test_the_state_budget_is_the_home_governments_money_and_names_no_other_state_body(nlp):
    text = (
        "Norway runs four shelters. The 2011 state budget allocates NOK 12 million to the Oslo Crisis Centre and "
        "NOK 3 million to the Red Cross. The Department of State praised the funding."
    )
    record = extract_text(nlp, text)
    for recipient in ("Oslo Crisis Centre", "Red Cross"):
        assert find_funding(record, "Government of Norway", recipient) is not None, fundings(record)
    state = next(e for e in record.entities if e.label == "Government of Norway")
    assert "state" not in [a.lower() for a in state.aliases], state.aliases
