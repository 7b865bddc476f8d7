"""Which gazetteer entry a place name means, and whether the text means it.

A name is often several places: a province and its seat ("Masvingo"), a city run as a province
("Yerevan", "Bangkok"), towns of one name in several countries. The countries the document names
decide first; then the genre's habits: a province named after the country's capital or a great
city is the city, a city that is its own first-level division is named as the city (but where the
guide calls such cities provinces), and a small town's name counts only where the model and the
country agree.
"""

from __future__ import annotations

from spacy.tokens import Doc

from tipgraph.extractors.entities.jurisdiction import CountryContext
from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.entities.types import Candidate
from tipgraph.extractors.naming import name_key
from tipgraph.ontology.gazetteer import GazetteerEntry

GREAT_CITY = 1_000_000  # people: a city the genre names by itself ("in Bangkok"), whatever the province
SMALL_TOWN = 15_000  # people: a town whose name is as often a word or a person's


def choose_entry(cand: Candidate, context: CountryContext, doc: Doc, knowledge: Knowledge) -> GazetteerEntry | None:
    entries = list(cand.entries) or ([cand.entry] if cand.entry else [])
    if len(entries) <= 1:
        return entries[0] if entries else None
    countries = [e for e in entries if e.cls == "Country"]
    if countries:
        return countries[0]
    rank = {"Country": 0, "InternationalOrganization": 0, "Agency": 1, "NGO": 1, "Region": 1, "Province": 2, "City": 3}

    def score(entry):
        return (-context.get(entry.country or "", 0), rank.get(entry.cls, 4), -(entry.population or 0))

    best = min(entries, key=score)
    capitals = [e for e in entries if e.cls == "City" and e.capital]
    if best.cls == "City" and (best.population or 0) < SMALL_TOWN and capitals:
        # "bars in Santo Domingo" beside "women from Colombia": a country's capital, not a village of the
        # same name in a country the text names
        return max(capitals, key=lambda e: e.population or 0)
    if best.cls == "Province":
        # a province named after the country's capital (San José, Harare) or after a great city of
        # the same name (Istanbul, Lagos, São Paulo): the genre names the city, unless the text says
        # it means the province ("the provinces of ... Harare"); a province named after its own
        # smaller seat (Bac Giang, Masvingo) is the province
        towns = [e for e in entries if e.cls == "City" and e.country == best.country and _city_meant(e, best)]
        if towns and not _province_meant(doc, cand, knowledge):
            return max(towns, key=lambda e: e.population or 0)
    return best


def _city_meant(city: GazetteerEntry, province: GazetteerEntry) -> bool:
    """Is ``city``, named as ``province`` is, what a text means by the name?"""
    return city.capital or ((city.population or 0) >= GREAT_CITY and name_key(city.name) == name_key(province.name))


def _province_meant(doc, cand: Candidate, knowledge: Knowledge) -> bool:
    if cand.end < len(doc) and doc[cand.end].lower_ in knowledge.province_words:
        return True
    sent_start = doc[cand.start].sent.start
    return any(doc[k].lower_ in knowledge.province_words for k in range(max(sent_start, cand.start - 10), cand.start))


def place_is_plausible(
    entry: GazetteerEntry, cand: Candidate, doc: Doc, knowledge: Knowledge, context: CountryContext
) -> bool:
    """A province or city name counts when its country is in play or the text says it is a place."""
    ner = any(e.start <= cand.start < e.end and e.label_ in ("GPE", "LOC") for e in doc.ents)
    single = cand.end - cand.start == 1
    if entry.cls == "Province" and name_key(entry.name) in knowledge.compass_provinces:
        # "the Northern Region" is a dozen countries' province: only one the document names
        return context.get(entry.country or "", 0) >= 1
    if entry.cls == "City" and (entry.population or 0) < SMALL_TOWN:
        # a small town's name is as often a word or a person's: the model and the country must agree
        return ner and context.get(entry.country or "", 0) >= 1
    if context.get(entry.country or "", 0) >= 1 and (
        ner or not single or context.get(entry.country or "", 0) >= 2 and doc[cand.start].pos_ == "PROPN"
    ):
        return True
    after = doc[cand.end].lower_ if cand.end < len(doc) else ""
    if after in knowledge.place_words and (ner or entry.cls == "Province"):
        return True
    before = doc[cand.start - 1].lower_ if cand.start > 0 else ""
    if before in ("in", "from", "to", "near", "via") and (entry.population or 0) >= GREAT_CITY:
        return True  # "the project in Bangkok": a great city needs no other clue
    return ner and ((entry.population or 0) >= GREAT_CITY or entry.cls == "Province")


def city_named(entry: GazetteerEntry, cand: Candidate, doc: Doc, knowledge: Knowledge) -> bool:
    """Is the province ``entry``, a city run as a province (the lists give it the city's population), meant
    as the city? Not where the guide calls such cities provinces, nor where the text says province."""
    return (
        entry.cls == "Province"
        and bool(entry.population)
        and entry.country not in knowledge.naming["provinces_as_cities_exempt"]
        and not _province_meant(doc, cand, knowledge)
    )
