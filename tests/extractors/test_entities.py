"""Entities of the genre: typing, noise, officials, acronyms, short names, jurisdiction."""

from __future__ import annotations

import pytest

from tipgraph.extractors.entities.component import SPAN_KEY, EntityExtractor
from tipgraph.extractors.pipeline import extract_text


def entities_of(nlp, text):
    return extract_text(nlp, text).entities


def find(entities, name):
    """The entity whose label or alias is ``name``."""
    for entity in entities:
        if entity.label == name or name in entity.aliases:
            return entity
    raise AssertionError(f"{name!r} not among {[(e.label, e.cls) for e in entities]}")


@pytest.mark.parametrize(
    "text, name, cls",
    [
        ("UNICEF and Interpol said the figures for last year were incomplete.", "UNICEF", "InternationalOrganization"),
        (
            "UNICEF and Interpol said the figures for last year were incomplete.",
            "Interpol",
            "InternationalOrganization",
        ),
        ("The ILO's programme runs in four border districts.", "ILO", "InternationalOrganization"),
        ("The Ministry of Justice shares responsibility with the police.", "Ministry of Justice", "Agency"),
        ("Save the Children UK has established several programs in Guangxi.", "Save the Children UK", "NGO"),
        ("The workshop was organized by The Asia Foundation in Vietnam.", "The Asia Foundation", "NGO"),
        (
            "The consulate relies on the Yunnan Public Security Bureau to trace missing girls.",
            "Yunnan Public Security Bureau",
            "Agency",
        ),
        ("The Guangxi Women's Federation runs programs in three cities.", "Guangxi Women's Federation", "Agency"),
        (
            "In a letter to ministers, the Independent Anti-Slavery Commissioner criticised slow referrals.",
            "Independent Anti-Slavery Commissioner",
            "Agency",
        ),
        ("Brokers in the border towns sell brides to buyers in the PRC.", "China", "Country"),
        ("Brokers match young women from the Mekong Delta with husbands in Taiwan.", "Mekong Delta", "Region"),
        ("Brokers match young women from the Mekong Delta with husbands in Taiwan.", "Taiwan", "Country"),
        ("New shelters opened in Quang Ninh and Lao Cai provinces last spring.", "Quang Ninh", "Province"),
        (
            "Police patrols in Guangxi Zhuang Autonomous Region were doubled this year.",
            "Guangxi",
            "Province",
        ),
        ("A shelter in Nanning took in eleven women from China's border counties in March.", "Nanning", "City"),
        ("Victims are kidnapped in northern Vietnam and taken to Southern China.", "northern Vietnam", "Region"),
        ("Most victims journey from Edo State in Nigeria to Niger republic and on to Libya.", "Edo State", "Province"),
        ("The GVN's new decree raises the penalties for brokers.", "Government of Vietnam", "Agency"),
        (
            "Families gathered outside the Presidential Secretariat in Sri Lanka yesterday.",
            "Presidential Secretariat",
            "Agency",
        ),
        ("Police referred the women to AFESIP and to AFESIP's shelter in Cambodia.", "AFESIP", "NGO"),
        (
            "Officers closed three karaoke bars in Boeung Keng Kang area of Phnom Penh, Cambodia.",
            "Boeung Keng Kang",
            "Region",
        ),
        (
            "The police of Daun Penh district opened an inquiry in Cambodia. Daun Penh police questioned two owners.",
            "Daun Penh",
            "City",
        ),
        (
            "The police of Daun Penh district opened an inquiry in Cambodia. Daun Penh police questioned two owners.",
            "Daun Penh police",
            "Agency",
        ),
        ("Aid groups set up a clinic in Komatipoort, South Africa near the crossing.", "Komatipoort", "City"),
        (
            "New patrols cover the river crossings, above all those in the South West, police in Vietnam said.",
            "southwestern Vietnam",
            "Region",
        ),
        (
            "SDLCB is running the [Skills Development for the Lake Chad Basin (SDLCB)](https://x.org/sdlcb) scheme in Niger.",
            "Skills Development for the Lake Chad Basin",
            "NGO",
        ),
        (
            "Grace Moyo, manager of the IOM Transit and Assistance Center, said the IOM Center feeds returnees in Malawi.",
            "IOM Transit and Assistance Center",
            "InternationalOrganization",
        ),
    ],
)
def test_names_are_found_and_typed(nlp, text, name, cls):
    assert find(entities_of(nlp, text), name).cls == cls


@pytest.mark.parametrize(
    "text, noise, kept",
    [
        (
            "ZNY CCCCC ZZH\nTAGS: KTIP KCRM\n\n¶6. (C) The Consulate noted a new trend in China.",
            {"ZNY CCCCC ZZH", "KTIP", "KCRM", "¶6", "C"},
            "China",
        ),
        (
            "Vietnamese Consul Nguyen Duc Tuan met PolOff and ConGenOff in Kunming, China.",
            {"PolOff", "ConGenOff"},
            "China",
        ),
        (
            "IOM has sent a concept note on labour migration in Laos (ref c), and Post awaits a reply.",
            {"ref c", "c"},
            "IOM",
        ),
        (
            "Current NGO and international organization programmes in Laos are few.",
            {"Current NGO", "NGO", "International Organization"},
            "Laos",
        ),
        (
            "Labour Abuse Remains a Major Problem\n\nShelters across Laos report being full.",
            {"Problem", "Major Problem"},
            "Laos",
        ),
        (
            "She spoke in Bangkok, Thailand. Tom Hale/Press Pool / Flickr / CC BY-SA 4.0",
            {"Tom Hale", "Press Pool"},
            "Bangkok",
        ),
        ("The Embassy would welcome an update on trafficking in Vietnam.", {"Embassy"}, "Vietnam"),
    ],
)
def test_noise_never_becomes_an_entity(nlp, text, noise, kept):
    names = {n for e in entities_of(nlp, text) for n in (e.label, *e.aliases)}
    assert not names & noise
    assert kept in names  # the text's real entity is found: the test would not pass on an empty result


@pytest.mark.parametrize(
    "text, name, role, affiliation",
    [
        (
            "A meeting chaired by Deputy Prime Minister Tran Van Loc in Da Nang agreed a new plan for Vietnam.",
            "Tran Van Loc",
            "Deputy Prime Minister",
            None,
        ),
        (
            "Yunnan Department of Civil Affairs Deputy Director Li Weiming said shelter places doubled in China.",
            "Li Weiming",
            "Deputy Director",
            "Yunnan Department of Civil Affairs",
        ),
        (
            "Vietnam disputed the ranking, said Foreign Ministry spokesperson Nguyen Thi Lan Anh.",
            "Nguyen Thi Lan Anh",
            "Spokesperson",
            "Foreign Ministry",
        ),
        (
            "Grace Moyo, director of the IOM Transit and Assistance Center, showed visitors around in Malawi.",
            "Grace Moyo",
            "Director",
            "IOM Transit and Assistance Center",
        ),
        (
            "Henrik Lund, advisor to the Ministry of Interior, questioned the sweep in Cambodia.",
            "Henrik Lund",
            "Advisor",
            "Ministry of Interior",
        ),
        ("Protesters blamed President Mutharika for Malawi's fuel shortages.", "Mutharika", "President", None),
        (
            "Chinese Minister of Public Security (MPS) Zhao Kezhi received a delegation from Laos.",
            "Zhao Kezhi",
            "Minister of Public Security",
            "Ministry of Public Security",
        ),
        # a rank before the name, a post in a body after it: the post is the role, the body the affiliation
        (
            "Police Colonel Anan Sukjai, deputy commander of the Anti-Human Trafficking Division, told PolOff that arrests rose.",
            "Anan Sukjai",
            "Deputy commander",
            "Anti-Human Trafficking Division",
        ),
        (
            "Superintendent Maria Cruz, head of the Women and Children Protection Center, told reporters the victims were rescued.",
            "Maria Cruz",
            "Head",
            "Women and Children Protection Center",
        ),
        (
            "Lieutenant General Nguyen Van Hung, director of the Anti-Trafficking Department, met UNODC in Hanoi.",
            "Nguyen Van Hung",
            "Director",
            "Anti-Trafficking Department",
        ),
        # an abbreviated title stands for the title ("Sen." is "Senator"), not only for a courtesy
        ("Sen. Maria Delacruz called the casino ban a gift to traffickers.", "Maria Delacruz", "Senator", None),
        ("Gen. Marco Vitale said the border units were ready.", "Marco Vitale", "General", None),
        # a title that opens with a word that is a title only before its head
        (
            '"These networks prey on the poor," said Karla Mendez, Under Secretary for Enforcement.',
            "Karla Mendez",
            "Under Secretary for Enforcement",
            None,
        ),
        # a member of a body and its speaker hold titles
        ("Speaker Tomas Varga promised a vote on the shelter budget.", "Tomas Varga", "Speaker", None),
        # an office of two names joined by "and" is one title
        (
            "Minister of Trade and Industry Carlos Mendes said the new law would reach farms in Angola.",
            "Carlos Mendes",
            "Minister of Trade and Industry",
            "Ministry of Trade and Industry",
        ),
        # a title set off before the name by a comma: the words from the determiner or possessive
        (
            "Earlier this year the labour minister, Ruth Okafor, promised new shelters in Nigeria.",
            "Ruth Okafor",
            "Labour minister",
            None,
        ),
        (
            "In a statement, the IOM's chief of mission, Dario Bellini (Italian), said returns had doubled.",
            "Dario Bellini",
            "Chief of mission",
            "IOM",
        ),
        (
            "The Chairwoman of the Senate Labor Committee, Rosa Ibanez, visited the port in Manila.",
            "Rosa Ibanez",
            "Chairwoman of the Senate Labor Committee",
            "Senate Labor Committee",
        ),
        # when, and whose, between the comma and a title after the name
        (
            "The shelter is run by Tomas Herrera, former deputy director of the Ministry of Labor.",
            "Tomas Herrera",
            "Deputy director",
            "Ministry of Labor",
        ),
        (
            "Aid reached the camps, according to Hiroshi Tanaka, Japanese ambassador to Cambodia.",
            "Hiroshi Tanaka",
            "Ambassador",
            None,
        ),
        # an appositive that names no body leaves the title before the name
        ("Major Tun Aung, a police officer, said the boats were searched in Myanmar.", "Tun Aung", "Major", None),
    ],
)
def test_a_titled_person_is_an_official_with_role_and_affiliation(nlp, text, name, role, affiliation):
    entities = entities_of(nlp, text)
    person = find(entities, name)
    assert (person.label, person.cls) == (name, "Official")
    assert person.role.lower() == role.lower()
    if affiliation is None:
        assert person.affiliation is None
    else:
        body = next(e for e in entities if e.key == person.affiliation)
        assert affiliation in (body.label, *body.aliases)


def test_words_set_off_before_a_name_without_a_title_head_make_no_official(nlp):
    entities = entities_of(
        nlp, "In March, Maria Gonzalez, who runs a shelter in Quito, spoke to reporters about the raids."
    )
    assert find(entities, "Maria Gonzalez").cls == "Person"


def test_a_rank_before_the_name_stays_an_alias_when_the_post_is_the_role(nlp):
    entities = entities_of(
        nlp,
        "Police Colonel Anan Sukjai, deputy commander of the Anti-Human Trafficking Division, "
        "told PolOff that arrests rose.",
    )
    person = find(entities, "Anan Sukjai")
    assert "Police Colonel Anan Sukjai" in person.aliases
    assert person.role.lower() == "deputy commander"


@pytest.mark.parametrize(
    "text, full, short",
    [
        (
            "Save the Children UK (STCUK) works in Guangxi, China. STCUK cooperates with the Women's Federation.",
            "Save the Children UK",
            "STCUK",
        ),
        (
            "In Hanoi, the Ministry of Public Security (MPS) drafts the plan. MPS also trains border guards.",
            "Ministry of Public Security",
            "MPS",
        ),
        (
            "Ana Solis, head of the General Directorate of Migration (DGM, Spanish acronym), testified. The DGM froze the permits in Panama.",
            "General Directorate of Migration",
            "DGM",
        ),
        (
            "The Ministry of Public Security signed it in Vietnam. MPS approved the project.",
            "Ministry of Public Security",
            "MPS",
        ),
    ],
)
def test_an_acronym_is_the_body_it_stands_for(nlp, text, full, short):
    entities = entities_of(nlp, text)
    body = find(entities, full)
    assert short in body.aliases
    assert sum(1 for e in entities if e.label == short) == 0


@pytest.mark.parametrize(
    "text, full, short",
    [
        (
            "Vietnamese Consul Nguyen Duc Tuan met us in Kunming, China. According to Tuan, the two police forces talk weekly.",
            "Nguyen Duc Tuan",
            "Tuan",
        ),
        (
            "Yunnan Department of Civil Affairs Deputy Director Chen Weiming spoke in China. Chen argued that debt drives the trade.",
            "Chen Weiming",
            "Chen",
        ),
        (
            "Minister of Labour Anura Perera of Sri Lanka replied. Perera said nothing more.",
            "Anura Perera",
            "Perera",
        ),
        (
            "By Mai T. H. Pham\n\nMai Pham is Oxfam's country director in Cambodia.",
            "Mai T. H. Pham",
            "Mai Pham",
        ),
    ],
)
def test_a_later_short_name_is_the_same_person(nlp, text, full, short):
    entities = entities_of(nlp, text)
    person = find(entities, full)
    assert short in person.aliases
    assert [e.label for e in entities if e.cls in ("Person", "Official")] == [full]


@pytest.mark.parametrize(
    "text, name, country",
    [
        ("The Vietnamese Consulate in Nanning works with police in China.", "Vietnamese Consulate", "VN"),
        (
            "Chinese Minister of Public Security (MPS) Zhao Kezhi flew to Laos. The MPS signed a memorandum with UNODC.",
            "MPS",
            "CN",
        ),
        (
            "Under the GVN plan, the Ministry of Public Security (MPS) chairs the steering committee in Vietnam.",
            "Ministry of Public Security",
            "VN",
        ),
        ("The Guangxi Public Security Bureau rescues victims.", "Guangxi Public Security Bureau", "CN"),
        ("Save the Children Sweden works in Vietnam's northeast.", "Save the Children Sweden", "SE"),
        ("The GOZ Ministry of Health runs two clinics in Zimbabwe.", "Ministry of Health", "ZW"),
        (
            "Deportees were handed to Zimbabwean immigration officials in Beitbridge.",
            "Zimbabwean immigration officials",
            "ZW",
        ),
        ("The US State Department cited the figures for Laos.", "US State Department", "US"),
        (
            "Aid groups set up a clinic in Komatipoort, South Africa near the crossing from Mozambique.",
            "Komatipoort",
            "ZA",
        ),
        (
            "Relatives petitioned the Nepali Embassy in Moscow and the Russian Embassy in Kathmandu.",
            "Nepali Embassy",
            "NP",
        ),
        (
            "An inspection by Her Majesty's Inspectorate of Prisons faulted three jails in the UK and Wales.",
            "Her Majesty's Inspectorate of Prisons",
            "GB",
        ),
    ],
)
def test_a_body_gets_its_jurisdiction_from_the_text(nlp, text, name, country):
    assert find(entities_of(nlp, text), name).country == country


def test_an_official_is_one_entity_however_often_named(nlp):
    text = (
        "Vietnamese Consul Nguyen Duc Tuan met PolOff in Kunming, China. According to Tuan, the two police forces talk weekly. "
        "Tuan added that the Consulate relies on the Yunnan Public Security Bureau."
    )
    people = [e for e in entities_of(nlp, text) if e.cls in ("Person", "Official")]
    assert [(p.label, p.cls, p.role, len(p.mentions)) for p in people] == [("Nguyen Duc Tuan", "Official", "Consul", 3)]


def test_the_span_group_carries_class_and_entity_key(nlp):
    doc = nlp("UNICEF and the Ministry of Public Security (MPS) cooperate in Vietnam. MPS leads.")
    spans = doc.spans[SPAN_KEY]
    keys = {e.key: e for e in doc._.tipgraph_entities}
    assert spans and all(span.kb_id_ in keys and span.label_ == keys[span.kb_id_].cls for span in spans)
    mps = [s for s in spans if keys[s.kb_id_].label == "Ministry of Public Security"]
    assert {s.text for s in mps} == {"Ministry of Public Security", "MPS"}


def test_mentions_point_into_the_original_text(nlp):
    text = "¶4. (SBU) Tuan said the Consulate relies on the Yunnan\nPublic Security Bureau (PSB) in China."
    for entity in extract_text(nlp, text).entities:
        for mention in entity.mentions:
            assert " ".join(text[mention.start : mention.end].split()) == " ".join(mention.text.split())


def test_the_component_round_trips_through_disk(nlp, tmp_path):
    component = nlp.get_pipe("tipgraph_entities")
    component.to_disk(tmp_path / "entities")
    restored = EntityExtractor(nlp).from_disk(tmp_path / "entities")
    assert restored.gazetteer_dir == tmp_path / "entities" / "gazetteers"  # its own copy of the data
    assert len(restored.gazetteer) == len(component.gazetteer)
    doc = nlp.make_doc("UNICEF works in Vietnam.")
    for name, proc in nlp.pipeline:
        if name == "tipgraph_entities":
            break
        doc = proc(doc)
    labels = {e.label for e in restored(doc)._.tipgraph_entities}
    assert {"UNICEF", "Vietnam"} <= labels
