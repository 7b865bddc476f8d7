"""Cooperation patterns: sentences of the genre and the cooperations they state (or must not)."""

import pytest

from tipgraph.extractors.pipeline import extract_text

from .relation_helpers import cooperations, has_cooperation

STATED = [
    # verb with a "with" partner
    (
        "UNICEF cooperates with the International Labour Organization on family tracing.",
        [["UNICEF", "International Labour Organization"]],
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
    ("Police cooperation between Laos and Thailand has improved since the new treaty.", [["Laos", "Thailand"]]),
    (
        "World Vision, in cooperation with the Yunnan Women's Federation, has opened two drop-in centres along the border.",
        [["World Vision", "Yunnan Women's Federation"]],
    ),
    ("Australia and Indonesia enjoy a long-standing border security relationship.", [["Australia", "Indonesia"]]),
    ("Interpol, together with UNODC, trained investigators in Cambodia.", [["Interpol", "UNODC"]]),
    (
        "The Kenya Police Service, concurrently with Interpol, arrested four recruiters.",
        [["Kenya Police Service", "Interpol"]],
    ),
    # a passive deed done in coordination with others: the paragraph's actor did it
    (
        "The Kenya Police Service raided two brothels in Mombasa and freed nine girls. The raid was carried out in "
        "close coordination with IOM and UNICEF.",
        [["Kenya Police Service", "IOM", "UNICEF"]],
    ),
    # joint action: a group of three or more is one cooperation
    (
        "World Vision, Plan International, and Terre des Hommes are running a joint project in southern Laos.",
        [["World Vision", "Plan International", "Terre des Hommes"]],
    ),
    (
        "The seminar was hosted by the Ministry of Justice and The Asia Foundation.",
        [["Ministry of Justice", "The Asia Foundation"]],
    ),
    (
        "The Ministry of Labour, the Ministry of Health and the Ministry of Justice jointly issued a circular on victim care.",
        [["Ministry of Labour", "Ministry of Health", "Ministry of Justice"]],
    ),
    # a body's members act together, with whoever chairs it; the body is where they meet, not a party
    (
        "The Labour Ministry chairs the National Steering Committee, composed of delegates from the Health"
        " Ministry, the Education Ministry, the National Police and UNICEF.",
        [
            [
                "Labour Ministry",
                "Health Ministry",
                "Education Ministry",
                "National Police",
                "UNICEF",
            ]
        ],
    ),
    (
        "A working group consisting of the Ministry of Justice, the Border Police and La Strada drafted the referral plan.",
        [["Ministry of Justice", "Border Police", "La Strada"]],
    ),
    # an agreement entered into by several bodies is one group
    (
        "Last spring the Labour Inspectorate, the Ministry of Social Affairs and UNDP entered into an agreement on "
        "shelter standards.",
        [["Labour Inspectorate", "Ministry of Social Affairs", "UNDP"]],
    ),
    # "along with" read as a preposition of the verb
    (
        "The Dutch Embassy, along with UNHCR and Caritas, attended the provincial referral meeting.",
        [["Dutch Embassy", "UNHCR", "Caritas"]],
    ),
    # the parse may hang "with Y" on the verb whose object is the memorandum
    (
        "The Ministry of Interior was busy drafting an MOU with the Lao government on returns.",
        [["Ministry of Interior", "Government of Laos"]],
    ),
    # "between" on what the cooperation noun is of
    (
        "Regular sharing of intelligence between the Border Guard Service and the Moldovan police began in 2007.",
        [["Border Guard Service", "Moldovan police"]],
    ),
    # a thing signed "between" its parties, or made by a verb the parties hang on
    (
        "The referral protocol concluded in 2019 between the Labour Inspectorate and Caritas is still in force.",
        [["Labour Inspectorate", "Caritas"]],
    ),
    (
        "A treaty between the Ministry of Justice and Interpol speeds up extradition requests.",
        [["Ministry of Justice", "Interpol"]],
    ),
    # "with" on what is done together, not on the verb
    (
        "The Labour Inspectorate coordinated the repatriation of the fishermen with the Cambodian Embassy.",
        [["Labour Inspectorate", "Cambodian Embassy"]],
    ),
    # an operation carried out by several bodies
    (
        "Twelve girls were rescued by the Anti-Trafficking Unit and Caritas in a night raid.",
        [["Anti-Trafficking Unit", "Caritas"]],
    ),
    # who attends an activity works with who runs it
    (
        "Forty officers of the Tanzania Police Force attended a UNODC workshop on victim interviews.",
        [["Tanzania Police Force", "UNODC"]],
    ),
    (
        "Last year the Ministry of Gender took part in an ILO training course in Dodoma.",
        [["Ministry of Gender", "ILO"]],
    ),
    # a case passed on is a referral
    (
        "The Labour Inspectorate transferred nine cases of unpaid wages to the Anti-Trafficking Unit.",
        [["Labour Inspectorate", "Anti-Trafficking Unit"]],
    ),
    # one leaflet or study produced together
    (
        "Caritas and the Austrian Embassy published a leaflet for domestic workers last May.",
        [["Caritas", "Austrian Embassy"]],
    ),
    # an English "Movement" heads an organisation's name
    (
        "The Ministry of Education works with the Green Hope Women's Movement on school outreach.",
        [["Ministry of Education", "Green Hope Women's Movement"]],
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
        "The teenagers were referred to AFESIP by the Ministry of Public Security.",
        [["Ministry of Public Security", "AFESIP"]],
    ),
    ("The Ministry of Public Security turned the girls over to UNICEF.", [["Ministry of Public Security", "UNICEF"]]),
    # support named in a "with" phrase: the supporter with whoever acts
    (
        "The Ministry of Social Welfare, with support from UNICEF, opened two drop-in centres.",
        [["Ministry of Social Welfare", "UNICEF"]],
    ),
    # one meeting that convenes several bodies: a group
    (
        "The seminar brought together representatives from the Labour Inspectorate, the Border Police and IOM.",
        [["Labour Inspectorate", "Border Police", "IOM"]],
    ),
    # a list the parse hangs on an apposition: the apposition's possessor is part of its name, not a gap
    (
        "The operation was run in close coordination with the Royal Malaysian Police, the Home Ministry's "
        "Immigration Department, the Attorney General's Chambers of Malaysia, and Interpol.",
        [["Royal Malaysia Police", "Immigration Department", "Interpol"]],
    ),
    # the parse hangs every item on the first, past an acronym in brackets and other items: still one list
    (
        "The Department of Labor led the May raids in partnership with "
        "Homeland Security Investigations' (HSI) Houston Field Office, the Federal Bureau of Investigation, the U.S. "
        "Marshals Service, the HSI Cyber Crimes Unit, and the Drug Enforcement Administration.",
        [
            [
                "Department of Labor",
                "HSI Houston Field Office",
                "Federal Bureau of Investigation",
                "Marshals Service",
                "HSI Cyber Crimes Unit",
                "Drug Enforcement Administration",
            ]
        ],
    ),
    # the parse reads the main verb as a participle on the body before it: still that body's cooperation
    (
        "The Uganda Association of External Recruitment Agencies partnered with the Ministry of Health to screen "
        "returning workers.",
        [["Uganda Association of External Recruitment Agencies", "Ministry of Health"]],
    ),
    # a place in brackets after a body says where it is: no member of the group
    (
        "The survey was run by the Centre for Migration Studies (Nepal) in partnership with the Asia Foundation.",
        [["Centre for Migration Studies", "The Asia Foundation"]],
    ),
    # support for what the subject does: the subject works with each of its supporters (a star: GUIDE.md)
    (
        "The Ministry of Interior coordinates the response with support from UNICEF and the Border Police.",
        [["Ministry of Interior", "UNICEF"], ["Ministry of Interior", "Border Police"]],
    ),
    # agreements, or a bilateral one, with several partners: one with each (a star); one agreement with two is a group
    (
        "The Government of Nepal signed bilateral labour agreements with Qatar, Bahrain and Malaysia.",
        [["Government of Nepal", "Qatar"], ["Government of Nepal", "Bahrain"], ["Government of Nepal", "Malaysia"]],
    ),
    (
        "The Government of Nepal signed a trilateral labour agreement with Qatar and Bahrain.",
        [["Government of Nepal", "Qatar", "Bahrain"]],
    ),
    # a cooperation verb in the passive, with one party named: the paragraph's actor is the other
    (
        "The Ministry of Women's Affairs drafted a national action plan against trafficking in 2006. The plan "
        "was coordinated with UNICEF.",
        [["Ministry of Women's Affairs", "UNICEF"]],
    ),
    # a body's people named by a compound stand for it; trainees from a school stand for the school
    (
        "The Thai police referred the nine women to Lao Embassy officials in Bangkok.",
        [["Thai police", "Lao Embassy"]],
    ),
    (
        "Cadets from the Royal Police Academy took part in workshops held by the Anti-Trafficking Unit of the "
        "Ministry of Interior.",
        [["Royal Police Academy", "Anti-Trafficking Unit of the Ministry of Interior"]],
    ),
]


@pytest.mark.parametrize("text, expected", STATED)
def test_a_stated_cooperation_is_found_with_every_participant(nlp, text, expected):
    record = extract_text(nlp, text)
    for participants in expected:
        assert has_cooperation(record, participants), (participants, cooperations(record))
    assert len(cooperations(record)) == len(expected)


STATED += [
    # training given to a body's people is given to the body
    (
        "ECPAT ran a week-long training course for officers of the Nepal Police and the Department of Immigration.",
        [["ECPAT", "Nepal Police"], ["ECPAT", "Department of Immigration"]],
    ),
    (
        "UNODC organised a case management workshop for the Lesotho Mounted Police Service.",
        [["UNODC", "Lesotho Mounted Police Service"]],
    ),
]

STATED += [
    # a "with" set off by commas after the subject
    (
        "Plan International, with the Ministry of Gender, is running a birth registration drive in Kasai.",
        [["Plan International", "Ministry of Gender"]],
    ),
    (
        "The Government of Benin, with UNICEF support, has opened two transit centres.",
        [["Government of Benin", "UNICEF"]],
    ),
    # or by dashes; several named with the subject all do it
    (
        "The Government of Benin–with UNICEF support–has opened two transit centres.",
        [["Government of Benin", "UNICEF"]],
    ),
    (
        "Norway, with Iceland and the Faroe Islands, launched a regional fisheries labour compact in 2019.",
        [["Norway", "Iceland", "Faroe Islands"]],
    ),
]

STATED += [
    # membership of a body: the member with the body, also in a clause that borrows its subject
    (
        "The Ministry of Health is a member of the National Anti-Trafficking Committee.",
        [["Ministry of Health", "National Anti-Trafficking Committee"]],
    ),
    (
        "The Ministry of Labour opened three labour offices in 2021 and is a member of the Colombo Process.",
        [["Ministry of Labour", "Colombo Process"]],
    ),
    # talks held with a body
    (
        "The Ministry of Foreign Affairs held discussions with the Government of Cambodia on the stranded fishermen.",
        [["Ministry of Foreign Affairs", "Government of Cambodia"]],
    ),
    # cooperating through a body is cooperating with it
    (
        "The Government of Malawi cooperates through SARPCO on cross-border crime.",
        [["Government of Malawi", "SARPCO"]],
    ),
    # the members listed after a colon: each with the body, a star
    (
        "Nine agencies are members of the National Task Force: the Ministry of Labour, the National Police, "
        "UNICEF, and the Department of Immigration.",
        [
            ["Ministry of Labour", "National Task Force"],
            ["National Police", "National Task Force"],
            ["UNICEF", "National Task Force"],
            ["Department of Immigration", "National Task Force"],
        ],
    ),
]

STATED += [
    # "in conjunction with", "in association with": the same phrase as "in cooperation with"
    (
        "The Ministry of Gender, in conjunction with Caritas and UNFPA, runs a hotline for abused domestic workers.",
        [["Ministry of Gender", "Caritas", "UNFPA"]],
    ),
    (
        "Terre des Hommes trained social workers in Gao in association with the Norwegian Refugee Council.",
        [["Terre des Hommes", "Norwegian Refugee Council"]],
    ),
    # the partner named through its work: "with an IOM campaign", "with efforts by X and Y"
    (
        "The Ministry of Justice cooperated with an ILO census of child miners in the Katanga belt.",
        [["Ministry of Justice", "ILO"]],
    ),
    (
        "The Border Police cooperate with efforts by UNHCR and Caritas to screen asylum seekers.",
        [["Border Police", "UNHCR", "Caritas"]],
    ),
    # two bodies giving one training gave it together
    (
        "UNODC and the Labour Inspectorate provided training on forced labour indicators to prosecutors.",
        [["UNODC", "Labour Inspectorate"]],
    ),
]

STATED += [
    # help or cooperation received from someone: the receiver works with the giver
    (
        "The Anti-Trafficking Unit received specialised interviewing training from UNODC last spring.",
        [["Anti-Trafficking Unit", "UNODC"]],
    ),
    (
        "The Labour Inspectorate relies on Caritas to shelter the rescued domestic workers.",
        [["Labour Inspectorate", "Caritas"]],
    ),
    # who holds or attends an activity acts with those who organise it: one activity, one group
    (
        "The Ministry of Labour hosted a two-day workshop, which was sponsored by the ILO and UNODC.",
        [["Ministry of Labour", "ILO", "UNODC"]],
    ),
    (
        "In June, the Ministry of Justice took part in a seminar on trafficking organised by the Embassy of Norway.",
        [["Ministry of Justice", "Embassy of Norway"]],
    ),
    # several actors forming one body act together
    (
        "The Ministry of Interior, the Ministry of Health and UNICEF have formed the Child Protection Network.",
        [["Ministry of Interior", "Ministry of Health", "UNICEF"]],
    ),
    # a known body's office stands for the body
    (
        "UNHCR's office in Uganda has been working with the Ministry of Internal Affairs on the asylum backlog.",
        [["UNHCR", "Ministry of Internal Affairs"]],
    ),
]

NOT_COOPERATION = [
    # workers trained are the people helped, not a body's staff: their country is no partner
    "Before departure, IOM trained 30 migrant workers from Ethiopia on their rights.",
    # partners of somebody the text does not name do not work with each other
    "These offices work in close cooperation with UNICEF and the Ministry of Health on referrals.",
    "The Thai authorities remain unwilling to engage with Myanmar on the matter.",
    "Cambodia does not cooperate with Thailand on this issue.",
    "The Consulate had no success in engaging with the Ministry of Public Security.",
    "We hope that the United States will cooperate more closely with Vietnam.",
    "IOM's future plans include collaborating with UNICEF on a guest worker program.",
    # an infinitive with a subject of its own: wished for, not done
    "The families' demand was for the Ministry of Labour to work with the ILO on compensation.",
    "UNICEF and Interpol said the figures for last year were incomplete.",
    "The Ministry of Public Security works with local police in Lang Son.",
    "The girls were referred to AFESIP for medical checks.",
    # a body's work, not its members; an activity run by one
    "The task force's activities include awareness raising by UNICEF in secondary schools.",
    "A campaign by UNICEF reached forty schools near the border with Laos.",
    "UNICEF, with offices in nine provinces, reached forty schools near the border.",
    # one giver, no named receiver
    "UNODC provided training on forced labour indicators to prosecutors.",
    # money that supports a body's work is funding, not cooperation
    "UK funding supported the UNODC programme for border liaison offices.",
    # working with people, not with a body's work
    "The Ministry of Justice cooperated with victims of the Katanga mines.",
    # help that comes from no one named
    "The Anti-Trafficking Unit received specialised interviewing training last spring.",
    # acceding to a body's convention is no partnership with the body
    "Nepal signed ILO Convention 169 in 2007.",
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
        "Over the past two years, World Vision has:\n\n"
        "Helped the Ministry of Labour to run a hotline for migrant workers.\n\n"
        "Held village meetings in collaboration with the Lao Women's Union.\n"
    )
    record = extract_text(nlp, text)
    assert has_cooperation(record, ["World Vision", "Ministry of Labour"]), cooperations(record)
    assert has_cooperation(record, ["World Vision", "Lao Women's Union"]), cooperations(record)


def test_an_official_meeting_a_body_stands_for_the_body_it_works_for(nlp):
    record = extract_text(
        nlp, "UNICEF Representative Jesper Morch met with the Ministry of Labour to discuss shelters."
    )
    assert has_cooperation(record, ["UNICEF", "Ministry of Labour"]), cooperations(record)


@pytest.mark.parametrize(
    "text, joint",
    [
        ("Caritas, World Vision and UNICEF implement programmes for street children in the north.", False),
        ("Caritas and World Vision operate shelters in three provinces.", False),
        ("Caritas and World Vision operate joint shelters in three provinces.", True),
        ("Caritas and World Vision jointly operate shelters in three provinces.", True),
        ("Caritas and World Vision organized a workshop for labour inspectors.", True),
        ("Caritas and World Vision are now working on a study of debt bondage in brick kilns.", True),
        ("Caritas and World Vision have embarked on a campaign against child marriage.", True),
        ("Caritas and World Vision are working on shelters in the south.", False),
        ("Caritas and World Vision said the campaign reached few families.", False),  # they did not run it
        # an activity each did on its own, though the verb is one of joint action
        ("Caritas and World Vision each opened a shelter in the district.", False),
        ("Both Caritas and World Vision opened a shelter in the district last year.", False),
    ],
)
def test_several_things_done_by_several_actors_are_each_their_own_unless_joint(nlp, text, joint):
    record = extract_text(nlp, text)
    assert has_cooperation(record, ["Caritas", "World Vision"]) is joint, cooperations(record)


@pytest.mark.parametrize(
    "text, group",
    [
        # the plural head of a list stands for every body of it, the first under its "of" included
        (
            "The Ministries of Health, Justice and Labour are drafting a joint referral manual for Namibia.",
            ["Ministry of Health", "Ministry of Justice", "Ministry of Labour"],
        ),
        (
            "The Departments of Fisheries and Labour signed a memorandum with the ILO in Suva.",
            ["Department of Fisheries", "Department of Labour", "ILO"],
        ),
        # who an activity is done with took part in it
        (
            "Last year the Ministry of Education launched a radio campaign with World Vision in Malawi.",
            ["Ministry of Education", "World Vision"],
        ),
        (
            "In March the Ministries of Labour and Education started a joint programme with UNICEF in Ghana.",
            ["Ministry of Labour", "Ministry of Education", "UNICEF"],
        ),
        # who attends an activity acts with who gives it
        (
            "Officers of the Lesotho Mounted Police Service attended a workshop on child trafficking provided by "
            "UNODC and Interpol.",
            ["Lesotho Mounted Police Service", "UNODC", "Interpol"],
        ),
        # each government of a plural "governments" takes part
        (
            "UNICEF, in partnership with the Ghanaian and Togolese governments, opened a border transit centre.",
            ["UNICEF", "Government of Ghana", "Government of Togo"],
        ),
        # who hosts a meeting acts with its sponsors, wherever the parse hangs "sponsored by"
        (
            "The Ministry of Social Development hosted a regional meeting in Windhoek in June, which was sponsored "
            "by UNODC.",
            ["Ministry of Social Development", "UNODC"],
        ),
        # a body's people trained stand for the body, whichever word the "from" hangs on
        (
            "In May the IOM trained 60 officers from the Ghana Immigration Service in Accra.",
            ["IOM", "Ghana Immigration Service"],
        ),
        # in the passive too, and whatever the people are called
        (
            "Last year 35 investigators from the Uganda Police Force were trained by UNODC in Entebbe.",
            ["UNODC", "Uganda Police Force"],
        ),
        (
            "The ILO trained 20 labour inspectors from the Ministry of Gender in Kampala.",
            ["ILO", "Ministry of Gender"],
        ),
    ],
)
def test_bodies_at_one_activity_are_one_group(nlp, text, group):
    record = extract_text(nlp, text)
    assert has_cooperation(record, group), cooperations(record)


def test_a_verb_the_tagger_took_for_a_plural_noun_keeps_its_subject(nlp):
    # "collaborates" read as a second object of "funds"
    record = extract_text(
        nlp, "The Government of Zambia shares information and cooperates with Interpol on stolen passports."
    )
    assert has_cooperation(record, ["Government of Zambia", "Interpol"]), cooperations(record)


@pytest.mark.parametrize(
    "text, pairs",
    [
        (
            "The Government of Peru participates in the Commission of Andean Migration Directors (CAMD) and the "
            "South American Conference on Migration (SACM).",
            [
                ["Government of Peru", "Commission of Andean Migration Directors"],
                ["Government of Peru", "South American Conference on Migration"],
            ],
        ),
        (
            "In 2008 the Ministry of Labour took part in the National Steering Committee on Child Labour.",
            [["Ministry of Labour", "National Steering Committee on Child Labour"]],
        ),
    ],
)
def test_taking_part_in_a_body_is_cooperating_with_it(nlp, text, pairs):
    record = extract_text(nlp, text)
    for pair in pairs:
        assert has_cooperation(record, pair), cooperations(record)
    assert not any(len(p) > 2 for p in cooperations(record)), cooperations(record)


@pytest.mark.parametrize(
    "text, group",
    [
        # "with" hung on the study's topic
        (
            "In 2009 the Ministry of Labour conducted surveys on child labour with the ILO.",
            ["Ministry of Labour", "ILO"],
        ),
        # several things done, but with a partner
        ("The Red Cross and Caritas run shelters with UNHCR.", ["Red Cross", "Caritas", "UNHCR"]),
    ],
)
def test_an_activity_done_with_a_partner_is_one_group(nlp, text, group):
    record = extract_text(nlp, text)
    assert has_cooperation(record, group), cooperations(record)


def test_support_from_several_bodies_is_a_star_around_the_one_supported(nlp):
    record = extract_text(
        nlp,
        "The Ministry of Interior leads the national response with support from UNICEF, IOM and World Vision.",
    )
    for supporter in ("UNICEF", "IOM", "World Vision"):
        assert has_cooperation(record, ["Ministry of Interior", supporter]), cooperations(record)
    assert not any(len(p) > 2 for p in cooperations(record)), cooperations(record)


@pytest.mark.parametrize(
    "deed",
    [
        "The designations were made in partnership with Homeland Security Investigations and the FBI.",
        # the deed as the subject of "is the result of": still done by the release's issuer
        "These designations reflect months of close cooperation with Homeland Security Investigations and the FBI.",
    ],
)
def test_the_deed_a_press_release_tells_in_the_passive_is_its_issuers(nlp, deed):
    text = "On Tuesday the Office of Foreign Assets Control named three members of a people-smuggling ring.\n\n" + deed
    record = extract_text(nlp, text)
    issuer_and_partners = ["Office of Foreign Assets Control", "Homeland Security Investigations", "FBI"]
    assert has_cooperation(record, issuer_and_partners), cooperations(record)
