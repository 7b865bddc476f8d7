"""Route patterns: origin, destination and transit places, purposes and victim groups."""

import pytest

from tipgraph.extractors.pipeline import extract_text
from tipgraph.ontology.model import is_a

from .relation_helpers import find_route, matches, names, routes

STATED = [
    # origin from the victims' nationality
    (
        "Many Vietnamese women are trafficked to China for forced marriage.",
        "Vietnam",
        "China",
        [],
        ["ForcedMarriage"],
        ["Women"],
    ),
    (
        "Cambodian men are being trafficked into Thailand for forced labor.",
        "Cambodia",
        "Thailand",
        [],
        ["ForcedLabour"],
        ["Men"],
    ),
    (
        "Cambodian children are trafficked to Thailand for begging.",
        "Cambodia",
        "Thailand",
        [],
        ["Begging"],
        ["Children"],
    ),
    (
        "Many Filipino workers are deceived and trafficked to Malaysia with promises of factory jobs.",
        "Philippines",
        "Malaysia",
        [],
        ["ForcedLabour"],
        ["Migrants"],
    ),
    # a verb of movement in a sentence about trafficking, origin from the victims' place
    (
        "Girls from the Mekong Delta often go to South Korea for arranged marriages.",
        "Mekong Delta",
        "South Korea",
        [],
        ["ForcedMarriage"],
        ["Girls"],
    ),
    (
        "Brokers lure Karen women and girls living in camps in Thailand to Malaysia, where they are forced into commercial sex.",
        "Thailand",
        "Malaysia",
        [],
        ["SexualExploitation"],
        ["Women", "Girls"],
    ),
    # a chain of moves: the last "to" is the destination, the rest transit
    (
        "Most victims journey from Nigeria to Niger, then travel through the Sahara into Libya and onward to Europe.",
        "Nigeria",
        "Europe",
        ["Niger", "Sahara", "Libya"],
        [],
        [],
    ),
    (
        "Victims are trafficked into cannabis farms after a long journey from China through to Russia and then across Europe to Ireland.",
        "China",
        "Ireland",
        ["Russia", "Europe"],
        ["CannabisCultivation"],
        [],
    ),
    # purposes: one per noun phrase, only those the text names
    (
        "Victims from Laos are largely taken to Thailand for marriage, farm labor, the sex trade and adoption.",
        "Laos",
        "Thailand",
        [],
        ["ForcedMarriage", "ForcedLabour", "SexualExploitation", "IllegalAdoption"],
        [],
    ),
    (
        "Victims from Myanmar are trafficked to Thailand to work in the sex industry.",
        "Myanmar",
        "Thailand",
        [],
        ["SexualExploitation"],
        [],
    ),
    ("Vietnamese women are trafficked to China.", "Vietnam", "China", [], [], ["Women"]),
    (
        "Women are recruited in Vietnam and sent to Malaysia as domestic workers.",
        "Vietnam",
        "Malaysia",
        [],
        ["DomesticServitude"],
        ["Women"],
    ),
    (
        "Girls from Nepal are trafficked to India, often through Bangladesh, for sexual exploitation.",
        "Nepal",
        "India",
        ["Bangladesh"],
        ["SexualExploitation"],
        ["Girls"],
    ),
    # the report's country roles: "X is a source / destination country for ..."
    (
        "Laos is a source country for women trafficked to Thailand for sexual exploitation.",
        "Laos",
        "Thailand",
        [],
        ["SexualExploitation"],
        ["Women"],
    ),
    (
        "Qatar is a destination country for laborers who migrate from Nepal, many of whom face forced labor.",
        "Nepal",
        "Qatar",
        [],
        ["ForcedLabour"],
        ["Migrants"],
    ),
    # the people's own country among the places: where some stay, the others are routes abroad
    (
        "Sex traffickers exploit Moldovan women in Turkey, Russia, and small towns in Moldova.",
        "Moldova",
        "Russia",
        [],
        ["SexualExploitation"],
        ["Women"],
    ),
    # nationality words in their several forms
    (
        "Traffickers exploit Turkmenistani men in forced labor in Turkey.",
        "Turkmenistan",
        "Turkey",
        [],
        ["ForcedLabour"],
        ["Men"],
    ),
    ("Traffickers exploit Azeri men in forced labor in Russia.", "Azerbaijan", "Russia", [], ["ForcedLabour"], ["Men"]),
    (
        "Traffickers exploit Filipina domestic workers in Kuwait and Jordan.",
        "Philippines",
        "Jordan",
        [],
        ["DomesticServitude"],
        ["Migrants"],
    ),
    # smuggling people is a route, whatever else the sentence says
    (
        "In 2019 the gang smuggled 40 men into Italy from Libya by boat.",
        "Libya",
        "Italy",
        [],
        [],
        ["Men"],
    ),
    # "traffickers subject ...": the verb the small model tags as an adjective
    (
        "Traffickers subject Haitian children to domestic servitude in the Dominican Republic.",
        "Haiti",
        "Dominican Republic",
        [],
        ["DomesticServitude"],
        ["Children"],
    ),
    (
        "As noted over the past four years, traffickers subject Senegalese women to sex trafficking in Morocco.",
        "Senegal",
        "Morocco",
        [],
        ["SexualExploitation"],
        ["Women"],
    ),
    # a passive the small model tags as an adjective, with its auxiliary and subject
    ("Bhutanese girls are often trafficked to India.", "Bhutan", "India", [], [], ["Girls"]),
]


@pytest.mark.parametrize("text, origin, destination, transit, purposes, victims", STATED)
def test_a_stated_route_has_its_places_purposes_and_victims(nlp, text, origin, destination, transit, purposes, victims):
    record = extract_text(nlp, text)
    route = find_route(record, origin, destination)
    assert route is not None, [(r.origin, r.destination) for r in routes(record)]
    assert matches(record, route.transit, transit)
    assert sorted(route.purposes) == sorted(purposes)
    assert sorted(route.victims) == sorted(victims)


def test_a_list_of_destinations_gives_a_route_to_each(nlp):
    record = extract_text(
        nlp,
        "A few Thai nationals were trafficked to Bahrain, Japan, and South Korea for commercial sexual exploitation.",
    )
    for destination in ("Bahrain", "Japan", "South Korea"):
        route = find_route(record, "Thailand", destination)
        assert route is not None and route.purposes == ["SexualExploitation"] and route.victims == []


def test_a_transit_country_s_victims_go_from_where_they_come_from_to_where_they_are_destined(nlp):
    record = extract_text(
        nlp,
        "Cambodia is a transit hub for victims from Vietnam and China destined for exploitation in other countries, "
        "including Malaysia and Singapore.",
    )
    # one statement may carry both origins: each origin with each destination is a route
    pairs = {(o, d) for r in routes(record) for o in r.origin for d in r.destination}
    for origin in ("Vietnam", "China"):
        for destination in ("Malaysia", "Singapore"):
            assert any(matches(record, [o], [origin]) and matches(record, [d], [destination]) for o, d in pairs)
    assert not any(matches(record, [o], ["Cambodia"]) for o, _ in pairs)  # the transit country is no origin


def test_a_list_that_repeats_its_preposition_or_hedges_a_member_is_still_one_list(default_nlp):
    # the learned model scores each pair; the list shares the best score with every member
    record = extract_text(
        default_nlp,
        "Burmese men are subjected to forced labor mainly in Thailand, Malaysia, and in some parts of "
        "Indonesia, the Philippines, and other countries in Oceania.",
    )
    for destination in ("Thailand", "Malaysia", "Indonesia", "Philippines", "Oceania"):
        route = find_route(record, "Myanmar", destination)
        assert route is not None and route.purposes == ["ForcedLabour"]


@pytest.mark.parametrize(
    "text, origin, destinations",
    [
        ("Gangs exploit Kenyan men in forced labor in Qatar.", "Kenya", ["Qatar"]),
        (
            "Kenyan women are exploited in commercial sex in Oman and in domestic work in Qatar.",
            "Kenya",
            ["Oman", "Qatar"],
        ),
        ("Moldovan girls were forced into prostitution in Cyprus.", "Moldova", ["Cyprus"]),
        # wherever the parse hangs the place: on the work, the vessel, a second "in"
        (
            "Brokers exploit Laotian men in forced labor on palm oil estates in Borneo and in Malaysia.",
            "Laos",
            ["Malaysia"],
        ),
        ("Malawi is a source country for girls trafficked into domestic servitude in Zambia.", "Malawi", ["Zambia"]),
        # the work they were promised, where they are then exploited
        (
            "Agents recruit Ugandan women with offers of hotel jobs to work in Jordan, where they are forced into "
            "domestic servitude.",
            "Uganda",
            ["Jordan"],
        ),
        # what people are victims of, and where
        ("Nepali women are victims of sex trafficking in India, Kuwait and Lebanon.", "Nepal", ["India", "Lebanon"]),
        # an area they are exploited across
        ("Criminal groups exploit Romanian men in forced labor across Europe.", "Romania", ["Europe"]),
        (
            "Gangs force Albanian teenagers into street begging throughout Western Europe.",
            "Albania",
            ["Western Europe"],
        ),
    ],
)
def test_where_people_are_exploited_is_where_the_route_ends(nlp, text, origin, destinations):
    record = extract_text(nlp, text)
    for destination in destinations:
        assert find_route(record, origin, destination) is not None, destination


@pytest.mark.parametrize(
    "text, origin, destinations",
    [
        # an area's adjective on "countries" names the area; a list the parse breaks after it goes on
        (
            "Zambia is a source country. Gangs subject Zambian youths to forced labor, mostly on farms, and to sex "
            "trafficking in several Southern African countries, China, and Europe.",
            "Zambia",
            ["Southern Africa", "China", "Europe"],
        ),
        (
            "Nepal is a source country. Recruiters exploit Nepali men in forced labor in Middle Eastern states.",
            "Nepal",
            ["Middle East"],
        ),
        # exploitation in one place and then in another: both are where the route ends, neither is its start
        (
            "Niger is a source country. Nigerien girls are subjected to domestic servitude in Algeria and to forced "
            "prostitution in Libya.",
            "Niger",
            ["Algeria", "Libya"],
        ),
    ],
)
def test_every_place_of_exploitation_in_a_list_or_a_chain_ends_a_route(nlp, text, origin, destinations):
    record = extract_text(nlp, text)
    for destination in destinations:
        assert find_route(record, origin, destination) is not None, (destination, routes(record))
    assert len(routes(record)) == len(destinations), routes(record)


def test_trafficked_people_from_a_list_of_countries_come_to_the_destination_country(nlp):
    # the tagger reads "trafficked" before a noun as an adjective: it still states the move
    record = extract_text(
        nlp, "Jordan remains the main destination for trafficked girls and boys from Egypt and Syria."
    )
    assert any(
        matches(record, r.origin, ["Egypt", "Syria"]) and matches(record, r.destination, ["Jordan"])
        for r in routes(record)
    )
    assert routes(extract_text(nlp, "The trafficked girls were flown back to Egypt last week.")) == []
    # a place "trafficked through" names no people moved
    assert routes(extract_text(nlp, "Officials say Aswan is the most trafficked-through town in Africa.")) == []


def test_a_place_of_exploitation_needs_people_from_elsewhere(nlp):
    assert routes(extract_text(nlp, "Gangs exploit foreign workers in forced labor in Qatar.")) == []
    assert routes(extract_text(nlp, "Kenyan prisoners are held in cells in Qatar awaiting trial.")) == []


def test_a_place_of_exploitation_is_not_where_the_agent_lives_nor_the_name_of_the_crime(nlp):
    text = "Ugandan youths were trafficked to Iraq by a recruiter who lived in Denmark."
    record = extract_text(nlp, text)
    assert find_route(record, "Uganda", "Iraq") is not None
    assert find_route(record, "Uganda", "Denmark") is None
    text = "Zambia is a source country. UNICEF runs a project against trafficking in children in Southern Africa."
    assert routes(extract_text(nlp, text)) == []


def test_countries_sharing_a_border_are_the_neighbours_the_text_names(nlp):
    text = (
        "Laos borders Thailand, Vietnam and Cambodia. "
        "Brokers take many victims from Laos to the countries sharing borders with Laos."
    )
    record = extract_text(nlp, text)
    assert {tuple(sorted(n for k in r.destination for n in [record.entity(k).label])) for r in routes(record)} == {
        ("Thailand",),
        ("Vietnam",),
        ("Cambodia",),
    }


def test_a_generic_victim_takes_the_groups_and_home_of_its_paragraph(nlp):
    text = (
        "Trafficking of Lao women and children remains a serious concern in Laos. "
        "In the south, many victims are taken to Thailand to work in karaoke bars."
    )
    route = find_route(record := extract_text(nlp, text), "southern Laos", "Thailand")
    assert route is not None, routes(record)
    assert sorted(route.victims) == ["Children", "Women"]
    assert route.confidence < 0.9  # the origin comes from the document, not the sentence
    region = record.entity(route.origin[0])
    assert (region.cls, region.located_in) == ("Region", "LA")
    assert [text[m.start : m.end] for m in region.mentions] == ["south"]


COORDINATED_ORIGINS = [
    # one group of several nationalities moved along one route: one record with every origin
    (
        "Police said that Lao and Cambodian women are also trafficked to Bangkok for sexual exploitation.",
        ["Laos", "Cambodia"],
        "Bangkok",
        ["SexualExploitation"],
        ["Women"],
    ),
    (
        "Nepali and Bangladeshi men are trafficked to Malaysia for forced labor on palm oil plantations.",
        ["Nepal", "Bangladesh"],
        "Malaysia",
        ["ForcedLabour"],
        ["Men"],
    ),
    (
        "Vietnamese, Lao and Cambodian girls are trafficked to Malaysia for prostitution.",
        ["Vietnam", "Laos", "Cambodia"],
        "Malaysia",
        ["SexualExploitation"],
        ["Girls"],
    ),
    ("Lao women are trafficked to Thailand for domestic work.", ["Laos"], "Thailand", ["DomesticServitude"], ["Women"]),
    # nationalities named as people, with no word for the group: every one of them, not the nearest alone
    (
        "Filipinos, Indonesians and Nepalis are exploited in forced labor on farms in Qatar.",
        ["Philippines", "Indonesia", "Nepal"],
        "Qatar",
        ["ForcedLabour"],
        [],
    ),
]


@pytest.mark.parametrize("text, origins, destination, purposes, victims", COORDINATED_ORIGINS)
def test_coordinated_nationalities_are_the_origins_of_one_route(nlp, text, origins, destination, purposes, victims):
    record = extract_text(nlp, text)
    found = [r for r in routes(record) if matches(record, r.destination, [destination])]
    assert len(found) == 1, [(r.origin, r.destination) for r in routes(record)]
    assert matches(record, found[0].origin, origins)
    assert sorted(found[0].purposes) == sorted(purposes)
    assert sorted(found[0].victims) == sorted(victims)


def test_each_chained_clause_states_its_own_route_with_its_own_purposes(nlp):
    # a clause after a semicolon is parsed as a sentence of its own: its route and its evidence are its own
    record = extract_text(
        nlp,
        "Thailand is a destination country for workers who migrate from Burma, Laos and Cambodia, but they "
        "encounter forced labor; traffickers also bring Cambodian girls to Thailand for sexual exploitation.",
    )
    joined = next((r for r in routes(record) if matches(record, r.origin, ["Burma", "Laos", "Cambodia"])), None)
    assert joined is not None, [r.origin for r in routes(record)]
    assert (joined.purposes, joined.victims) == (["ForcedLabour"], ["Migrants"])
    alone = next(r for r in routes(record) if matches(record, r.origin, ["Cambodia"]))
    assert (alone.purposes, alone.victims) == (["SexualExploitation"], ["Girls"])
    assert alone.evidence.text.startswith("traffickers also bring")


NOT_ROUTES = [
    "Indonesian and Filipino workers attended the meeting in Singapore.",
    "Zimbabweans are deported from South Africa to Zimbabwe every day.",
    "My brother was meant to fly to Poland through Turkey.",
    "Officials feared that these migrants could be trafficked from Ecuador to the United States.",
    "Thousands of Zimbabweans travel to South Africa each year to look for work.",
    "Kano State in Nigeria is the most trafficked-through hub in West Africa.",
    "Human rights groups say the tuna caught by enslaved crews off Myanmar is destined for Japan.",
]


@pytest.mark.parametrize("text", NOT_ROUTES)
def test_migration_deportation_and_hypothetical_moves_are_not_routes(nlp, text):
    record = extract_text(nlp, text)
    assert any(is_a(e.cls, "Place") for e in record.entities)  # the places are read: an empty result would not pass
    assert routes(record) == []


def test_a_country_named_only_by_nationality_is_added_only_for_a_route(nlp):
    record = extract_text(nlp, "Southern Vietnamese fled to the United Kingdom after the Vietnamese/American war.")
    assert routes(record) == []
    assert not any(e.key.startswith("r") for e in record.entities)
    record = extract_text(nlp, "Nepalese girls are trafficked to India for sexual exploitation.")
    route = find_route(record, "Nepal", "India")
    assert route is not None and record.entity(route.origin[0]).gazetteer_id == "NP"


def test_people_exploited_in_no_named_place_are_exploited_in_the_country_the_document_is_about(nlp):
    text = (
        "Namibia is a destination country for trafficked children. Namibia has few shelters. "
        "Boys from Angola and Zambia are subjected to forced labor on cattle farms."
    )
    record = extract_text(nlp, text)
    [route] = routes(record)
    assert matches(record, route.origin, ["Angola", "Zambia"]) and matches(record, route.destination, ["Namibia"])
    assert route.confidence < 0.9  # the place comes from the document, not the sentence
    # moved through the country on the way elsewhere: it is no destination
    text = "Namibia has few shelters. Namibia is poor. Boys from Angola are trafficked through Namibia en route."
    assert find_route(extract_text(nlp, text), "Angola", "Namibia") is None


def test_people_from_a_list_that_names_the_country_itself_come_from_the_others(nlp):
    # the parse coordinates the list after "from" with the people; the home country is no origin of a route to it,
    # "neighbouring Central Asian states" is one: the area
    text = (
        "Kazakhstan is a destination for trafficking victims. Laborers from Kazakhstan, neighbouring Central Asian"
        " states, and East Asia, including China and Mongolia, are subjected to forced labor on farms and building sites."
    )
    record = extract_text(nlp, text)
    [route] = routes(record)
    assert matches(record, route.origin, ["Central Asia", "East Asia", "China", "Mongolia"])
    assert matches(record, route.destination, ["Kazakhstan"])


def test_a_clause_whose_only_places_are_nationality_words_is_read(nlp):
    # no name at all in the last sentence: its people's nationalities are its places
    text = (
        "Qatar is a destination for migrant workers. Qatar hosts two million of them. "
        "Nepali and Bangladeshi men are subjected to forced labor on building sites."
    )
    record = extract_text(nlp, text)
    assert any(
        matches(record, r.origin, ["Nepal", "Bangladesh"]) and matches(record, r.destination, ["Qatar"])
        for r in routes(record)
    ), [(r.origin, r.destination) for r in routes(record)]


def test_a_nationality_of_several_words_is_read_whole(nlp):
    record = extract_text(nlp, "Papua New Guineans are subjected to unpaid domestic work in Australia.")
    assert find_route(record, "Papua New Guinea", "Australia") is not None
    assert not any(e.label == "Guinea" for e in record.entities)


@pytest.mark.parametrize(
    "text, origin, destinations",
    [
        (
            "Brokers sell Lao girls to bars and massage parlours in Thailand and Malaysia.",
            "Laos",
            ["Thailand", "Malaysia"],
        ),
        (
            "Gangs lure Nepali men with false offers and take them to brick kilns on the outskirts of Delhi.",
            "Nepal",
            ["Delhi"],
        ),
    ],
)
def test_a_destination_is_the_place_a_destination_noun_is_in(nlp, text, origin, destinations):
    # "to brothels in X": the route ends in X, not at a noun with no place
    record = extract_text(nlp, text)
    assert all(find_route(record, origin, destination) is not None for destination in destinations)


@pytest.mark.parametrize(
    "text, destinations",
    [
        ("Most Malagasy domestic worker victims are in Kuwait, Lebanon and Oman.", ["Kuwait", "Lebanon", "Oman"]),
        (
            "In 2021 NGOs identified Malagasy trafficking victims in Mauritius and the Comoros.",
            ["Mauritius", "Comoros"],
        ),
        ("Authorities noted a rise in reports of Malagasy labour trafficking victims in China.", ["China"]),
    ],
)
def test_victims_of_one_nationality_placed_in_another_country_travelled_there(nlp, text, destinations):
    record = extract_text(nlp, text)
    assert all(find_route(record, "Madagascar", d) is not None for d in destinations), routes(record)


@pytest.mark.parametrize(
    "text",
    [
        "Most victims are in Kuwait, Lebanon and Oman.",  # no nationality: where victims are, not a route
        "Malagasy victims may be in Kuwait and Lebanon.",
        "Malagasy victims testified in Kuwait and Lebanon.",
    ],
)
def test_victims_placed_without_a_nationality_or_a_placing_verb_are_no_route(nlp, text):
    assert routes(extract_text(nlp, text)) == []


@pytest.mark.parametrize(
    "text, origin, transit, destinations",
    [
        (
            "Some Eritrean migrants are smuggled through Sudan en route to Libya and Egypt, and traffickers exploit "
            "many of them on the way.",
            "Eritrea",
            "Sudan",
            ["Libya", "Egypt"],
        ),
        (
            "Syrian women trafficked through Lebanon on their way to Kuwait are held in flats.",
            "Syria",
            "Lebanon",
            ["Kuwait"],
        ),
        # a route noun's course, told by a clause on it
        (
            "Prosecutors say the brothers ran a smuggling ring that reaches from West Africa to Spain via Morocco.",
            "West Africa",
            "Morocco",
            ["Spain"],
        ),
        (
            "For a decade the cousins ran a migrant smuggling route linking Somalia, Yemen and Saudi Arabia.",
            "Somalia",
            "Yemen",
            ["Saudi Arabia"],
        ),
    ],
)
def test_the_places_of_a_way_are_the_journeys(nlp, text, origin, transit, destinations):
    # "en route to X", "on their way to X": the verb's destination, not a route from the transit country
    record = extract_text(nlp, text)
    for destination in destinations:
        route = find_route(record, origin, destination)
        assert route is not None, routes(record)
        assert any(transit.lower() in names(record, key) for key in route.transit), routes(record)
    assert find_route(record, transit, destinations[0]) is None


@pytest.mark.parametrize(
    "text, feared",
    [
        (
            "Traffickers exploit Togolese children in Togo; Togolese children are at risk of forced begging in"
            " Nigeria, Benin, and Gabon.",
            {"Nigeria", "Benin", "Gabon"},
        ),
        (
            "Traffickers exploit Liberian women in Liberia and abroad; Liberian men are vulnerable to forced labor"
            " in Guinea, Ghana and the Middle East.",
            {"Guinea", "Ghana", "Middle East"},
        ),
        (
            "Traffickers exploit Malawian girls in Malawi. Herders from Malawi might face forced labor on farms in"
            " Zambia and Mozambique.",
            {"Zambia", "Mozambique"},
        ),
    ],
)
def test_people_at_risk_of_exploitation_somewhere_travelled_no_route(default_nlp, text, feared):
    # the learned model alone reads routes from the document's country here; the clause only fears them
    record = extract_text(default_nlp, text)
    labels = {e.key: e.label for e in record.entities}
    assert feared <= set(labels.values())
    assert [r for r in routes(record) if feared & {labels[k] for k in r.destination}] == []


@pytest.mark.parametrize(
    "text, origin, destination",
    [
        (
            "Prosecutors described the recruitment of Bolivian women into prostitution in Argentina.",
            "Bolivia",
            "Argentina",
        ),
        ("The raid ended the sexual exploitation of Ugandan girls in Kenya.", "Uganda", "Kenya"),
        ("Unions condemned the exploitation of Cambodian migrants in Thailand.", "Cambodia", "Thailand"),
    ],
)
def test_a_noun_of_exploitation_is_framed_as_its_verb(nlp, text, origin, destination):
    # "the exploitation of X nationals in Y" says what "X nationals are exploited in Y" says
    record = extract_text(nlp, text)
    assert find_route(record, origin, destination) is not None, routes(record)


def test_a_noun_of_exploitation_without_the_peoples_nationality_takes_no_origin_from_the_document(nlp):
    record = extract_text(
        nlp,
        "Traffickers exploit Moldovan women in Turkey. The minister spoke of the exploitation of fishermen in Southeast"
        " Asia.",
    )
    assert find_route(record, "Moldova", "Southeast Asia") is None, routes(record)


@pytest.mark.parametrize(
    "text",
    [
        "Traffickers force Central American women into domestic servitude in Belize.",
        "Employers in Tunisia subject West African migrants to forced labor on farms.",
    ],
)
def test_an_areas_adjective_names_no_country_its_last_word_would(nlp, text):
    # "Central American" people come from Central America, not from the United States; "West African" not Africa's
    record = extract_text(nlp, text)
    assert not [e for e in record.entities if e.label in ("United States", "Africa")], record.entities
    assert not [r for r in routes(record) if {"united states"} & {n for k in r.origin for n in names(record, k)}]


@pytest.mark.parametrize(
    "text, origin, destination",
    [
        ("Traffickers force Central American women into domestic servitude in Belize.", "Central America", "Belize"),
        ("Traffickers subject West African migrants to forced labor on farms in Tunisia.", "West Africa", "Tunisia"),
        (
            "Sub-Saharan African teenagers are exploited as street beggars by gangs in Tunisia.",
            "Sub-Saharan Africa",
            "Tunisia",
        ),
    ],
)
def test_people_named_by_an_areas_adjective_come_from_the_area(default_nlp, text, origin, destination):
    # the patterns read "Central American" and the hyphenated "Sub-Saharan African"
    record = extract_text(default_nlp, text)
    assert find_route(record, origin, destination) is not None, routes(record)
    assert find_route(record, "Africa", destination) is None, routes(record)  # "African" of "Sub-Saharan African"


def test_an_areas_adjective_on_the_places_the_people_are_taken_to_is_no_origin(nlp):
    record = extract_text(
        nlp,
        "Brokers exploit Uzbek men in Turkey, Russia, South Asian and Eastern European states and villages of"
        " Uzbekistan.",
    )
    assert find_route(record, "Uzbekistan", "Turkey") is not None, routes(record)
    assert find_route(record, "South Asia", "Turkey") is None, routes(record)


@pytest.mark.parametrize(
    "text, legs, crossed",
    [
        (
            "Traffickers move Nepali women from Nepal to India and Bangladeshi girls from Bangladesh to Pakistan.",
            [("Nepal", "India"), ("Bangladesh", "Pakistan")],
            [("Nepal", "Pakistan"), ("Bangladesh", "India")],
        ),
        (
            "Chad is a transit point for smugglers who take Sudanese men from Sudan to Libya and Nigerien boys from"
            " Niger to Algeria for forced labor.",
            [("Sudan", "Libya"), ("Niger", "Algeria")],
            [("Sudan", "Algeria"), ("Niger", "Libya")],
        ),
    ],
)
def test_legs_written_one_after_the_other_pair_each_origin_with_its_destination(default_nlp, text, legs, crossed):
    # the patterns and the learned model alike: "from A to B and ... from C to D" is no route from A to D
    record = extract_text(default_nlp, text)
    for origin, destination in legs:
        assert find_route(record, origin, destination) is not None, routes(record)
    for origin, destination in crossed:
        assert find_route(record, origin, destination) is None, routes(record)


def test_people_who_say_they_are_moved_are_the_victims_of_the_move(nlp):
    record = extract_text(nlp, "Young Kenyan men tell reporters they were lured to Riyadh with offers of driving jobs.")
    route = find_route(record, "Kenya", "Riyadh")
    assert route is not None, routes(record)
    assert route.victims == ["Men"], route.victims


@pytest.mark.parametrize(
    "text, origin, destination, purpose",
    [
        # "the country": the one the document is about
        (
            "Ireland has few labour inspectors. Ireland has many mushroom farms. Moldovan men are brought into the "
            "country and exploited in forced labour on mushroom farms.",
            "Moldova",
            "Ireland",
            "ForcedLabour",
        ),
        # the place of the work the people are sent to do, from the country the document is about
        (
            "Ireland has few labour inspectors. Ireland has many mushroom farms. Some victims are even sent to work "
            "in Iceland and Norway where they spend long days gutting fish.",
            "Ireland",
            "Iceland",
            "ForcedLabour",
        ),
        # people "exported" are moved
        (
            "Recruiters in Chisinau say Moldovan women are often exported to Turkey for prostitution.",
            "Moldova",
            "Turkey",
            "SexualExploitation",
        ),
    ],
)
def test_where_people_are_brought_sent_or_exported_to_is_a_destination(nlp, text, origin, destination, purpose):
    record = extract_text(nlp, text)
    route = find_route(record, origin, destination)
    assert route is not None, routes(record)
    assert purpose in route.purposes, route.purposes


def test_where_people_from_an_area_are_sent_is_the_destination_not_their_origin(nlp):
    text = (
        "Nepal is a source country for trafficked boys. Many victims are boys from remote hill districts sent to "
        "carpet factories in Kathmandu for forced labor."
    )
    record = extract_text(nlp, text)
    assert find_route(record, "Nepal", "Kathmandu") is not None, routes(record)
    assert not any(matches(record, r.origin, ["Kathmandu"]) for r in routes(record)), routes(record)


def test_offenders_on_the_move_are_no_victims_route(default_nlp):
    text = (
        "Fiji is a destination for sex trafficking of girls. Fiji is a sex tourism destination too, and nearly "
        "all sex tourists there come from Australia and New Zealand."
    )
    assert routes(extract_text(default_nlp, text)) == [], routes(extract_text(default_nlp, text))


def test_they_after_a_sentence_that_tells_trafficking_are_its_victims(nlp):
    # the patterns alone: "send" moves anyone, and "they" are the victims the paragraph named
    text = "Togolese women are trafficked for prostitution. They are sent directly from Togo to France and Belgium."
    record = extract_text(nlp, text)
    assert find_route(record, "Togo", "France") is not None, routes(record)


def test_clients_on_the_move_are_no_victims_route(default_nlp):
    # the people who travel do so to buy sex: they are no victims
    text = (
        "Kuwait is a destination for women subjected to sex trafficking; some Kuwaiti men travel to places "
        "including Thailand, Cambodia and the Philippines to solicit prostitution."
    )
    record = extract_text(default_nlp, text)
    assert not any(matches(record, r.origin, ["Kuwait"]) for r in routes(record)), routes(record)


def test_the_learned_model_adds_no_route_where_nothing_is_called_trafficking(default_nlp):
    # people on the move for better pay, and no word of trafficking or exploitation near: migration
    text = (
        "Many came to Britain in the 1990s. They were migrants from Poland, Lithuania or Latvia leaving poorly "
        "paid work in shops or factories."
    )
    assert routes(extract_text(default_nlp, text)) == []


@pytest.mark.parametrize(
    "text, origins, destination",
    [
        (
            "Many migrant cooks and drivers are trafficked into Kuwait. The main source countries are "
            "Nepal, Bangladesh and Ethiopia.",
            ["Nepal", "Bangladesh", "Ethiopia"],
            "Kuwait",
        ),
        # the role as the attribute, and a list the parse may break
        (
            "Oman is a destination for domestic workers subjected to forced labor. Kenya, Uganda and Tanzania were "
            "also source countries last year.",
            ["Kenya", "Uganda", "Tanzania"],
            "Oman",
        ),
        # an earlier sentence of the paragraph tells the trafficking, with no victims the role could take
        (
            "People are trafficked to and through Panama from many regions. Officials said that the main source "
            "countries include Haiti, Cuba and Venezuela.",
            ["Haiti", "Cuba", "Venezuela"],
            "Panama",
        ),
    ],
)
def test_source_countries_a_narrative_lists_send_people_to_the_country_it_is_about(nlp, text, origins, destination):
    record = extract_text(nlp, text)
    found = [(r.origin, r.destination) for r in routes(record)]
    assert any(
        matches(record, r.origin, origins) and matches(record, r.destination, [destination]) for r in routes(record)
    ), found


def test_destination_countries_a_narrative_lists_receive_people_from_the_country_it_is_about(nlp):
    text = (
        "Nepal is a source country for women subjected to sex trafficking. Destination countries include India "
        "and Malaysia."
    )
    record = extract_text(nlp, text)
    for destination in ("India", "Malaysia"):
        assert find_route(record, "Nepal", destination) is not None, [(r.origin, r.destination) for r in routes(record)]


def test_a_role_word_in_a_text_about_migration_alone_is_no_route(nlp):
    record = extract_text(nlp, "Remittances rose in 2019. The main source countries of remittances are Qatar and Oman.")
    assert routes(record) == []


@pytest.mark.parametrize(
    "text, origin, destination",
    [
        # "are subject to", the genre's adjective for "are subjected to"
        ("Malagasy women are subject to domestic servitude in Lebanon and Kuwait.", "Madagascar", "Kuwait"),
        # the nationality of people identified as victims somewhere is the verb's subject's
        ("Moldovan adults have been identified as sex trafficking victims in Turkey and Cyprus.", "Moldova", "Cyprus"),
    ],
)
def test_people_of_one_nationality_subjected_or_identified_elsewhere_are_a_route(nlp, text, origin, destination):
    record = extract_text(nlp, text)
    assert find_route(record, origin, destination) is not None, [(r.origin, r.destination) for r in routes(record)]


def test_destinations_named_by_a_region_end_the_route_there(nlp):
    text = "Children from Benin and Togo are trafficked by boat to West African destinations for forced labor."
    record = extract_text(nlp, text)
    found = [(r.origin, r.destination) for r in routes(record)]
    assert [r for r in routes(record) if matches(record, r.destination, ["West Africa"])], found
    assert not [r for r in routes(record) if matches(record, r.destination, ["Benin"])], found  # not its own origin


@pytest.mark.parametrize(
    "text",
    [
        "Most trafficking victims identified in Cyprus last year came from Moldova and Ukraine.",
        "Most of the trafficked women in Cyprus came from Moldova and Ukraine.",
    ],
)
def test_where_victims_are_is_where_they_came_to_from_their_origins(nlp, text):
    record = extract_text(nlp, text)
    found = [r for r in routes(record) if matches(record, r.destination, ["Cyprus"])]
    assert len(found) == 1, [(r.origin, r.destination) for r in routes(record)]
    assert matches(record, found[0].origin, ["Moldova", "Ukraine"])


@pytest.mark.parametrize(
    "text, origin, destination",
    [
        # the place is the setting of where they end up, not its object
        ("Many Nepali girls end up in brothels in Mumbai after being promised factory jobs.", "Nepal", "Mumbai"),
        # "across" and "throughout" place a setting as "in" does
        ("Women from Nepal are sold into brothels across India.", "Nepal", "India"),
        ("Young Laotians are trafficked to karaoke bars throughout Thailand.", "Laos", "Thailand"),
    ],
)
def test_where_people_end_up_is_the_place_of_the_setting(nlp, text, origin, destination):
    record = extract_text(nlp, text)
    assert find_route(record, origin, destination) is not None, [(r.origin, r.destination) for r in routes(record)]
