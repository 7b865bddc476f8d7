"""World knowledge for entity extraction: the gazetteers and the genre's naming conventions, indexed.

:class:`Knowledge` is the data the ``tipgraph_entities`` component receives in
``initialize()``; the rules only read it.

>>> knowledge = Knowledge.load()
>>> [e.cls for e in knowledge.lookup("unicef")], knowledge.country_of_word("Vietnamese")
(['InternationalOrganization'], 'VN')
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tipgraph.extractors.naming import index_key, name_key, name_words
from tipgraph.ontology.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer, load_naming
from tipgraph.ontology.model import subclasses
from tipgraph.ontology.namespace import EntityClass

# From the ontology: the kinds of body, and of place.
ORG_CLASSES = subclasses("Organization")
PLACE_CLASSES = subclasses("Place")


@dataclass
class Knowledge:
    """The gazetteer and the naming conventions, indexed for matching."""

    gazetteer: Gazetteer
    naming: dict
    by_key: dict[str, list[GazetteerEntry]] = field(default_factory=dict)
    exact_case: dict[str, set[str]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    # first words of the names written in lower case ("sub-Saharan Africa"): a name may start there
    lower_starts: set[str] = field(default_factory=set)
    # the naming conventions, as the rules read them (filled by ``load``)
    demonym_starts: set[str] = field(default_factory=set)
    agency_heads: set[str] = field(default_factory=set)
    ngo_heads: set[str] = field(default_factory=set)
    title_words: set[str] = field(default_factory=set)
    title_heads: set[str] = field(default_factory=set)
    honorifics: set[str] = field(default_factory=set)
    role_words: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    generic: set[str] = field(default_factory=set)
    family_names: set[str] = field(default_factory=set)
    particles: set[str] = field(default_factory=set)
    mass_orgs: list[list[str]] = field(default_factory=list)
    directions: dict = field(default_factory=dict)  # the compass words and the position words ("Upper Nile")
    compass: dict = field(default_factory=dict)  # the compass words alone: "the north" is "northern <country>"
    place_words: dict = field(default_factory=dict)
    abbreviated_titles: dict = field(default_factory=dict)
    title_prefixes: set[str] = field(default_factory=set)  # "Under" of "Under Secretary": only before a head
    title_time_words: set[str] = field(default_factory=set)  # "X, former director of Y"
    generic_modifiers: set[str] = field(default_factory=set)
    title_lead: set[str] = field(default_factory=set)
    non_name_words: set[str] = field(default_factory=set)
    jurisdiction_words: dict = field(default_factory=dict)
    ngo_starts: list[list[str]] = field(default_factory=list)
    ministry_acronyms: dict = field(default_factory=dict)
    place_phrases: dict[str, EntityClass] = field(default_factory=dict)
    foreign_body_words: set[str] = field(default_factory=set)
    service_words: set[str] = field(default_factory=set)
    work_nouns: set[str] = field(default_factory=set)
    accredited_heads: set[str] = field(default_factory=set)
    title_markers: set[str] = field(default_factory=set)
    vanity_tlds: set[str] = field(default_factory=set)
    tld_countries: dict = field(default_factory=dict)
    state_body_heads: set[str] = field(default_factory=set)  # after a nationality word: a state's body
    state_body_phrases: list[tuple[str, ...]] = field(default_factory=list)  # the same, of several words
    state_body_nouns: set[str] = field(default_factory=set)
    state_force_nouns: set[str] = field(default_factory=set)
    name_run_words: set[str] = field(default_factory=set)
    province_words: set[str] = field(default_factory=set)
    province_kind_words: set[str] = field(default_factory=set)
    lower_case_titles: set[str] = field(default_factory=set)
    title_modifiers: set[str] = field(default_factory=set)
    district_words: set[str] = field(default_factory=set)
    town_words: set[str] = field(default_factory=set)
    ngo_class_heads: set[str] = field(default_factory=set)
    state_staff_words: set[str] = field(default_factory=set)
    # provinces named by compass words alone ("Northern", "Upper East"): never looked up bare,
    # only before a kind word ("the Northern Region", "Western Province")
    compass_provinces: dict[str, list[GazetteerEntry]] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path | None = None) -> Knowledge:
        """The gazetteers and naming data of ``directory`` (else the packaged ones), indexed."""
        gazetteer = load_gazetteer(directory) if directory else load_gazetteer()
        naming = load_naming(directory) if directory else load_naming()
        return cls.indexed(gazetteer, naming)

    @classmethod
    def indexed(cls, gazetteer: Gazetteer, naming: dict) -> Knowledge:
        """The knowledge of ``gazetteer`` and ``naming``: a test's few entries, or the files :meth:`load` reads."""
        knowledge = cls(gazetteer, naming)
        knowledge._index(gazetteer, naming)
        knowledge._read_naming(naming)
        return knowledge

    def _index(self, gazetteer: Gazetteer, naming: dict) -> None:
        """Every gazetteer name under its key, leaving out the genre's common words unless a country's."""
        from spacy.lang.en.stop_words import STOP_WORDS

        knowledge = self
        common = set(STOP_WORDS) | set(naming["title_words"]) | set(naming["agency_heads"]) | set(naming["ngo_heads"])
        directions = _directions(naming)
        common |= set(directions) | {name_key(w) for w in naming["generic_names"]} | set(naming["generic_modifiers"])
        common |= set(naming["non_name_words"]) | set(naming["place_words"])
        for entry in gazetteer:
            for name in entry.names:
                key = index_key(name)  # each of the ~140,000 names is keyed once here: no cache
                if not key:
                    continue
                if entry.cls != "Country" and not name.isupper():
                    compass = all(w in directions for w in key.split())
                    if compass and entry.cls == "Province":  # "Northern", "Upper East": named only with a kind word
                        knowledge.compass_provinces.setdefault(key, []).append(entry)
                    if key in common or compass:
                        continue
                if entry.cls == "Region" and name[:1].islower() and key.split(" ", 1)[0] not in STOP_WORDS:
                    knowledge.lower_starts.add(key.split(" ", 1)[0])
                if entry.id.startswith("gov:") and name == entry.name and " of " in key:
                    # news write "the government of Ghana" in lower case: the name still starts there
                    knowledge.lower_starts.add(key.split(" ", 1)[0])
                bucket = knowledge.by_key.setdefault(key, [])
                if not bucket or bucket[-1] is not entry:  # an entry's names come together
                    bucket.append(entry)
                if name.replace(".", "").replace("/", "").isupper() and len(name) <= 8:
                    knowledge.exact_case.setdefault(key, set()).add(name)
            for demonym in entry.demonyms:
                knowledge.demonyms.setdefault(demonym.lower(), entry.id)
        # first words of demonyms, singular and plural: a cheap test before a token is looked at further
        knowledge.demonym_starts = {d.split()[0] for d in knowledge.demonyms} | {
            d.split()[0] + "s" for d in knowledge.demonyms if " " not in d
        }

    def _read_naming(self, n: dict) -> None:
        """The naming conventions as the sets and tables the rules look words up in."""
        knowledge = self
        knowledge.agency_heads = set(n["agency_heads"])
        knowledge.ngo_heads = set(n["ngo_heads"])
        knowledge.title_words = set(n["title_words"]) | set(n["title_heads"])
        knowledge.title_heads = set(n["title_heads"])
        knowledge.honorifics = set(n["honorifics"])
        knowledge.role_words = {w.lower() for w in n["cable_role_words"]}
        knowledge.tags = set(n["cable_tags"])
        knowledge.generic = {name_key(w) for w in n["generic_names"]}
        knowledge.family_names = set(n.get("family_names", []))
        knowledge.particles = set(n["person_particles"])
        knowledge.mass_orgs = [name_words(w) for w in n["state_mass_organisations"]]
        knowledge.directions = _directions(n)
        knowledge.compass = n["directions"]
        knowledge.place_words = n["place_words"]
        knowledge.abbreviated_titles = n["abbreviated_titles"]
        knowledge.title_prefixes = set(n.get("title_prefixes", []))
        knowledge.title_time_words = set(n.get("title_time_words", []))
        knowledge.generic_modifiers = set(n["generic_modifiers"])
        knowledge.title_lead = set(n["title_heads"]) | set(n["title_lead_words"])
        knowledge.non_name_words = set(n["non_name_words"])
        knowledge.jurisdiction_words = n["jurisdiction_words"]
        knowledge.ngo_starts = [name_words(w) for w in n["ngo_name_starts"]]
        knowledge.ministry_acronyms = n.get("ministry_acronyms", {})
        knowledge.place_phrases = n.get("place_phrases", {})
        knowledge.foreign_body_words = set(n.get("foreign_body_words", []))
        knowledge.service_words = set(n.get("state_service_words", []))
        knowledge.work_nouns = set(n.get("work_nouns", []))
        knowledge.accredited_heads = set(n.get("accredited_heads", []))
        knowledge.title_markers = set(n.get("work_title_markers", []))
        knowledge.vanity_tlds = set(n.get("vanity_tlds", []))
        knowledge.tld_countries = n.get("tld_countries", {})
        knowledge.state_body_heads = set(n["state_body_heads"])
        knowledge.state_body_phrases = sorted(
            (tuple(p.split()) for p in n["state_body_phrases"]), key=len, reverse=True
        )
        knowledge.state_body_nouns = set(n["state_body_nouns"])
        knowledge.state_force_nouns = set(n["state_force_nouns"])
        for name in ("name_run_words", "province_words", "province_kind_words", "lower_case_titles", "title_modifiers"):
            setattr(knowledge, name, set(n[name]))
        knowledge.district_words = set(n["district_words"])
        knowledge.town_words = set(n["town_words"])
        knowledge.ngo_class_heads = set(n["ngo_class_heads"])
        knowledge.state_staff_words = set(n["state_staff_words"])

    def lookup(self, key: str) -> list[GazetteerEntry]:
        return self.by_key.get(key, [])

    def provinces_named(self, key: str) -> list[GazetteerEntry]:
        """The provinces ``key`` names, those named by compass words alone included."""
        return [e for e in self.by_key.get(key, []) if e.cls == "Province"] + self.compass_provinces.get(key, [])

    def province_keys(self, country: str) -> list[tuple[str, GazetteerEntry]]:
        """The name keys of a country's first-level subdivisions, for telling a misspelling."""
        index = self.__dict__.get("_province_keys")
        if index is None:  # every country's in one pass over the gazetteer, not a pass per country
            index = self.__dict__["_province_keys"] = {}
            for e in self.gazetteer:
                if e.cls == "Province":
                    index.setdefault(e.country, []).extend((name_key(name), e) for name in e.names)
        return index.get(country, [])

    def country_of_word(self, word: str, context: Mapping[str, float] | None = None) -> str | None:
        """ISO code for a demonym, country name or government acronym (``Vietnamese``, ``GOZ``); an
        acronym several governments share (GOC, GOB) is the one whose country ``context`` counts most."""
        if code := self.demonyms.get(word.lower()):
            return code
        codes = [
            entry.country
            for entry in self.lookup(name_key(word))
            if entry.cls in ("Country", "Province") or entry.id.startswith("gov:")
        ]
        if not codes:
            return None
        return max(codes, key=lambda code: (context or {}).get(code or "", 0))  # ties: the first listed


def _directions(naming: dict) -> dict[str, str]:
    """The words that stand before a place's name as a part of it: compass points, then "upper", "lower"."""
    return {**naming["directions"], **naming["position_words"]}
