"""World knowledge as data: countries, subdivisions with coordinates, bodies, naming conventions."""

from __future__ import annotations

import pytest

from tipgraph.ontology.gazetteer import GAZETTEER_DIR, load_gazetteer, load_naming


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


@pytest.mark.parametrize(
    "name, entry_id, cls",
    [
        ("Viet Nam", "VN", "Country"),
        ("PRC", "CN", "Country"),
        ("Burma", "MM", "Country"),
        ("Lao PDR", "LA", "Country"),
        ("Quang Ninh", "VN-13", "Province"),
        ("Quảng Ninh", "VN-13", "Province"),
        ("Guangxi", "CN-GX", "Province"),
        ("Guangxi Zhuang Autonomous Region", "CN-GX", "Province"),
        ("Hanoi", "VN-HN", "Province"),
        ("Ha Noi", "VN-HN", "Province"),
        ("Bangkok", "TH-10", "Province"),
        ("Phnom Penh", "KH-12", "Province"),
        ("UNICEF", "org:unicef", "InternationalOrganization"),
        ("International Organization for Migration", "org:iom", "InternationalOrganization"),
        # the cables' common misnaming of IOM
        ("International Organization of Migration", "org:iom", "InternationalOrganization"),
        ("GVN", "gov:VN", "Agency"),
        ("Vietnamese government", "gov:VN", "Agency"),
        ("Mekong Delta", "region:mekong-delta", "Region"),
    ],
)
def test_names_and_acronyms_find_their_entry(gazetteer, name, entry_id, cls):
    entries = {e.id: e for e in gazetteer.lookup(name)}
    assert entry_id in entries and entries[entry_id].cls == cls


@pytest.mark.parametrize("country", ["VN", "CN", "KH", "LA", "TH", "MM"])
def test_first_level_subdivisions_of_the_region_have_coordinates(gazetteer, country):
    provinces = [e for e in gazetteer if e.cls == "Province" and e.country == country]
    assert len(provinces) >= 15
    assert all(e.lat is not None and e.long is not None for e in provinces)
    assert all(e.located_in == country for e in provinces)


def test_countries_have_iso_codes_demonyms_and_wikidata(gazetteer):
    vietnam = gazetteer.get("VN")
    assert vietnam.country == "VN" and vietnam.wikidata == "Q881"
    assert gazetteer.by_demonym("Vietnamese").id == "VN"
    assert len(list(gazetteer.countries())) >= 249


def test_every_gazetteer_file_has_its_provenance_recorded():
    sources = (GAZETTEER_DIR / "SOURCES.md").read_text(encoding="utf-8")
    for path in GAZETTEER_DIR.glob("*.json"):
        assert path.name in sources, path.name


def test_naming_conventions_are_data():
    naming = load_naming()
    assert {"minister", "director", "consul", "spokesperson"} <= set(naming["title_heads"])
    assert {"ministry", "bureau", "embassy"} <= set(naming["agency_heads"])
    assert "poloff" in naming["cable_role_words"] and "KTIP" in naming["cable_tags"]


@pytest.mark.parametrize(
    "name, cls, country",
    [
        ("Plumtree", "City", "ZW"),  # a town of 14,000: GeoNames cities5000
        ("Messina", "City", "ZA"),  # an older spelling of Musina, from GeoNames alternate names
        ("San Jose", "City", "CR"),  # the capital city, kept apart from San José province
        ("San Jose", "Province", "CR"),
    ],
)
def test_towns_and_their_spellings_are_known(gazetteer, name, cls, country):
    assert any(e.cls == cls and e.country == country for e in gazetteer.lookup(name))


def test_a_city_run_as_a_province_is_the_province_and_a_capital_is_flagged(gazetteer):
    assert {e.cls for e in gazetteer.lookup("Hanoi") if e.country == "VN"} == {"Province"}
    san_jose = [e for e in gazetteer.lookup("San Jose") if e.cls == "City" and e.country == "CR"]
    assert san_jose[0].capital and san_jose[0].located_in == "CR"


def test_every_nationality_word_passes_the_quick_test_on_its_first_word():
    # the nationality finder looks a phrase up only where the quick test lets its first word start one
    gazetteer = load_gazetteer()
    words = [w for entry in gazetteer for w in (*entry.demonyms, *entry.adjectives)]
    assert len(words) > 200
    for word in words:
        for written in (word, word + "s", "the " + word):
            assert gazetteer.may_start_origin_word(written.replace("-", " ").split()[0]), written
            assert gazetteer.by_origin_word(written) is not None, written
    assert not any(gazetteer.may_start_origin_word(w) for w in ("Ministry", "women", "trafficked", "police"))
