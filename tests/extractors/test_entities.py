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
        ("UNICEF and Interpol both admit that their estimates are guesses.", "UNICEF", "InternationalOrganization"),
        ("UNICEF and Interpol both admit that their estimates are guesses.", "Interpol", "InternationalOrganization"),
        ("The ILO's project is part of a subregional project.", "ILO", "InternationalOrganization"),
        ("The Ministry of Justice shares responsibility with the police.", "Ministry of Justice", "Agency"),
        ("Save the Children UK has established several programs in Guangxi.", "Save the Children UK", "NGO"),
        ("The workshop was organized by The Asia Foundation in Vietnam.", "The Asia Foundation", "NGO"),
        (
            "The Consulate works with the Guangxi Public Security Bureau to rescue victims.",
            "Guangxi Public Security Bureau",
            "Agency",
        ),
        ("The Guangxi Women's Federation runs programs in three cities.", "Guangxi Women's Federation", "Agency"),
        (
            "A recent report published by the Independent Anti-Slavery Commissioner shows the change.",
            "Independent Anti-Slavery Commissioner",
            "Agency",
        ),
        ("Victims in the north are mostly trafficked to the PRC for marriage.", "China", "Country"),
        ("Women from the Mekong Delta go to Taiwan for arranged marriages.", "Mekong Delta", "Region"),
        ("Women from the Mekong Delta go to Taiwan for arranged marriages.", "Taiwan", "Country"),
        ("The project is in Quang Ninh and Thanh Hoa provinces in Vietnam.", "Quang Ninh", "Province"),
        (
            "Cooperation between China and Vietnam in Guangxi Zhuang Autonomous Region is effective.",
            "Guangxi",
            "Province",
        ),
        ("The Vietnamese Consulate in Nanning says cases are the tip of the iceberg in China.", "Nanning", "City"),
        ("Victims are kidnapped in northern Vietnam and taken to Southern China.", "northern Vietnam", "Region"),
        ("Most victims journey from Edo State in Nigeria to Niger republic and on to Libya.", "Edo State", "Province"),
        ("The GVN's strategy tracked closely with the objectives of the project.", "Government of Vietnam", "Agency"),
        (
            "Families gathered outside the Presidential Secretariat in Sri Lanka yesterday.",
            "Presidential Secretariat",
            "Agency",
        ),
        ("Police referred the women to AFESIP and to AFESIP's shelter in Cambodia.", "AFESIP", "NGO"),
        ("Police raided nine brothels in Stung Meanchey area of Phnom Penh, Cambodia.", "Stung Meanchey", "Region"),
        (
            "The police of Toul Kork district started a campaign in Cambodia. Toul Kork police arrested nobody.",
            "Toul Kork",
            "City",
        ),
        (
            "The police of Toul Kork district started a campaign in Cambodia. Toul Kork police arrested nobody.",
            "Toul Kork police",
            "Agency",
        ),
        ("IOM plans facilities in Messina, South Africa across the border.", "Messina", "City"),
        (
            "Measures for border areas, especially those in the South West, were proposed in Vietnam.",
            "southwestern Vietnam",
            "Region",
        ),
        (
            "MADE II is implementing the [Market Development for the Niger Delta (MADE II)](https://x.org/made) programme in Nigeria.",
            "Market Development for the Niger Delta",
            "NGO",
        ),
        (
            "Nick Van Der Vyver, director of the IOM Reception and Support Center, said the IOM Center helps in Zimbabwe.",
            "IOM Reception and Support Center",
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
            "Vietnamese Consul Pham Thanh Binh met PolOff and ConGenOff in Nanning, China.",
            {"PolOff", "ConGenOff"},
            "China",
        ),
        (
            "UNODC has submitted a proposal on trafficking in Vietnam (ref b), and we are waiting.",
            {"ref b", "b"},
            "UNODC",
        ),
        (
            "Current NGO and international organization activities in Vietnam are thin.",
            {"Current NGO", "NGO", "International Organization"},
            "Vietnam",
        ),
        (
            "Trafficking Still a Major Problem\n\nThe cases are the tip of the iceberg in China.",
            {"Problem", "Major Problem"},
            "China",
        ),
        (
            "He spoke in Hanoi, Vietnam. David Rose/Number 10 / Flickr / CC BY-NC-ND 2.0",
            {"David Rose", "Number 10"},
            "Hanoi",
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
            "A conference chaired by Deputy Prime Minister Pham Gia Khiem in Ho Chi Minh City met in Vietnam.",
            "Pham Gia Khiem",
            "Deputy Prime Minister",
            None,
        ),
        (
            "Guangxi Department of Civil Affairs Deputy Director Yang Guoyi declared trafficking to be declining in China.",
            "Yang Guoyi",
            "Deputy Director",
            "Guangxi Department of Civil Affairs",
        ),
        (
            "Vietnam rejected the report, said Foreign Ministry spokesperson Le Thi Thu Hang.",
            "Le Thi Thu Hang",
            "Spokesperson",
            "Foreign Ministry",
        ),
        (
            "Nick Van Der Vyver, director of the IOM Reception and Support Center, gave a tour in Zimbabwe.",
            "Nick Van Der Vyver",
            "Director",
            "IOM Reception and Support Center",
        ),
        (
            "Christian Guth, advisor to the Ministry of Interior, disapproved of the raids in Cambodia.",
            "Christian Guth",
            "Advisor",
            "Ministry of Interior",
        ),
        ("Most blamed President Mugabe for Zimbabwe's problems.", "Mugabe", "President", None),
        (
            "According to media reports, China's Minister of Public Security (MPS) Meng Jianzhu visited Vietnam.",
            "Meng Jianzhu",
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
            "Within the GVN, the Ministry of Public Security (MPS) leads. MPS shares responsibility in Vietnam.",
            "Ministry of Public Security",
            "MPS",
        ),
        (
            "Mario Zamora, head of the General Directorate of Immigration (DGI, Spanish acronym), spoke. The DGI halted cases in Costa Rica.",
            "General Directorate of Immigration",
            "DGI",
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
            "Vietnamese Consul Pham Thanh Binh met us in Nanning, China. According to Binh, officers meet monthly.",
            "Pham Thanh Binh",
            "Binh",
        ),
        (
            "Guangxi Department of Civil Affairs Deputy Director Yang Guoyi spoke in China. Yang maintained that poverty is the cause.",
            "Yang Guoyi",
            "Yang",
        ),
        (
            "Minister of Foreign Affairs Vijitha Herath of Sri Lanka replied. Herath said nothing more.",
            "Vijitha Herath",
            "Herath",
        ),
        (
            "By Kim N. B. Ninh\n\nKim Ninh is The Asia Foundation's Country Representative in Vietnam.",
            "Kim N. B. Ninh",
            "Kim Ninh",
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
            "According to reports, China's Minister of Public Security (MPS) Meng Jianzhu visited Vietnam. The MPS cooperates with UNICEF.",
            "MPS",
            "CN",
        ),
        (
            "Within the GVN, the Ministry of Public Security (MPS) is the lead agency in Vietnam.",
            "Ministry of Public Security",
            "VN",
        ),
        ("The Guangxi Public Security Bureau rescues victims.", "Guangxi Public Security Bureau", "CN"),
        ("Save the Children Sweden works in Vietnam's northeast.", "Save the Children Sweden", "SE"),
        ("The GOZ Ministry of Social Welfare arranges placement in Zimbabwe.", "Ministry of Social Welfare", "ZW"),
        (
            "Deportees were handed to Zimbabwean immigration officials in Beitbridge.",
            "Zimbabwean immigration officials",
            "ZW",
        ),
        ("The US State Department released the report on Vietnam.", "US State Department", "US"),
        ("IOM plans facilities in Messina, South Africa across the border from Zimbabwe.", "Messina", "ZA"),
        ("They wrote to the Russian Embassy and to the Sri Lankan Embassy in Moscow.", "Sri Lankan Embassy", "LK"),
        (
            "A review by Her Majesty's Inspectorate of Constabulary found failings in Vietnam and the UK.",
            "Her Majesty's Inspectorate of Constabulary",
            "GB",
        ),
    ],
)
def test_a_body_gets_its_jurisdiction_from_the_text(nlp, text, name, country):
    assert find(entities_of(nlp, text), name).country == country


def test_an_official_is_one_entity_however_often_named(nlp):
    text = (
        "Vietnamese Consul Pham Thanh Binh met PolOff in Nanning, China. According to Binh, officers meet monthly. "
        "Binh said that the Consulate works with the Guangxi Public Security Bureau."
    )
    people = [e for e in entities_of(nlp, text) if e.cls in ("Person", "Official")]
    assert [(p.label, p.cls, p.role, len(p.mentions)) for p in people] == [("Pham Thanh Binh", "Official", "Consul", 3)]


def test_the_span_group_carries_class_and_entity_key(nlp):
    doc = nlp("UNICEF and the Ministry of Public Security (MPS) cooperate in Vietnam. MPS leads.")
    spans = doc.spans[SPAN_KEY]
    keys = {e.key: e for e in doc._.tipgraph_entities}
    assert spans and all(span.kb_id_ in keys and span.label_ == keys[span.kb_id_].cls for span in spans)
    mps = [s for s in spans if keys[s.kb_id_].label == "Ministry of Public Security"]
    assert {s.text for s in mps} == {"Ministry of Public Security", "MPS"}


def test_mentions_point_into_the_original_text(nlp):
    text = "¶4. (SBU) Binh noted that the Consulate works with the Guangxi\nPublic Security Bureau (PSB) in China."
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
