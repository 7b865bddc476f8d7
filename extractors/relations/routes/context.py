"""What a document says around its sentences: its victims' home country, the paragraph's victims.

A sentence leaves out what the document has said before ("In the south, many
victims are taken to Thailand" -> from the home country of the document's
victims); :class:`RouteContext` keeps it. It is also the one place where the
route side resolves a country the text names only by nationality, or a region
named only by a compass word.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.extensions import document_entities, relation_places_of
from tipgraph.extractors.records import EntityRecord, Mention
from tipgraph.extractors.relations.parse import ParsedSentence
from tipgraph.ontology.gazetteer import GAZETTEER_DIR, Gazetteer, normalize_name

LAND_BORDERS = GAZETTEER_DIR / "land_borders.json"

UNNAMED = "unnamed-country:"  # placeholder key of a country known only from a nationality word
DIRECTION = "direction:"  # placeholder key of a region named only by direction ("the north")


def load_land_borders(path: Path = LAND_BORDERS) -> dict[str, list[str]]:
    return json.loads(path.read_text(encoding="utf-8"))["borders"]


def _new_key(doc: Doc) -> str:
    return f"r{len(relation_places_of(doc))}"


def _add(doc: Doc, record: EntityRecord) -> str:
    """Add a place to the relation component's own output (never to the entity component's)."""
    if doc._.tipgraph_relation_places is None:
        doc._.tipgraph_relation_places = []
    doc._.tipgraph_relation_places.append(record)
    return record.key


def add_region_record(doc: Doc, label: str, country: EntityRecord, mention: Mention) -> str:
    """The relation side's other addition: a region named only by direction, inside the home country.

    "In the south, many victims are taken to Thailand" in a document about
    Laos: the origin is "southern Laos", a ``Region`` located in Laos,
    mentioned where the text says "south".
    """
    code = country.gazetteer_id or country.country
    return _add(
        doc,
        EntityRecord(
            key=_new_key(doc),
            label=label,
            cls="Region",
            aliases=[mention.text] if mention.text != label else [],
            mentions=[mention],
            country=country.country or code,
            located_in=code,
        ),
    )


def add_place_record(doc: Doc, entry) -> str:
    """How the relation side adds an entity: a country (or an area) the text names only by nationality.

    "Vietnamese women ... trafficked to China" in a text that never writes
    "Vietnam": the route needs Vietnam as its origin. The record comes from
    the gazetteer entry, has no mention of its own (the text never names it)
    and a key (``r0``, ``r1``...) that cannot clash with the entity
    component's.
    """
    return _add(
        doc,
        EntityRecord(
            key=_new_key(doc),
            label=entry.name,
            cls=entry.cls,
            country=entry.country or (entry.id if entry.cls == "Country" else None),
            located_in=entry.located_in,
            lat=entry.lat,
            long=entry.long,
            wikidata=entry.wikidata,
            gazetteer_id=entry.id,
        ),
    )


@dataclass
class Theme:
    """Who is moved: victim groups and where they come from."""

    victims: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    generic: bool = False
    pronoun: bool = False
    specific: bool = False  # names people the vocabulary has no group for ("citizens", "nationals")
    via_home: bool = False  # their place is a direction only ("victims in the north")
    placed: list[str] = field(default_factory=list)  # the origins read from where they are ("victims in X")


_DEMONYM_STARTS: dict[int, tuple[Gazetteer, Callable[[str], bool]]] = {}


def _demonym_starts(gazetteer: Gazetteer) -> Callable[[str], bool]:
    """A test, cached per word: can a nationality word (one or two words long) start with this word?"""
    kept = _DEMONYM_STARTS.get(id(gazetteer))
    if kept is not None and kept[0] is gazetteer:
        return kept[1]
    first_words = set()
    for entry in gazetteer:
        for demonym in entry.demonyms:
            words = normalize_name(demonym).split()
            if len(words) > 1:
                first_words.add(words[0])

    @cache
    def starts(word: str) -> bool:
        if not word[:1].isupper():
            return False
        return gazetteer.by_demonym(word) is not None or normalize_name(word) in first_words

    _DEMONYM_STARTS[id(gazetteer)] = (gazetteer, starts)
    return starts


class RouteContext:
    """What a document says around its sentences: its victims' home country, the paragraph's victims.

    ``knowledge`` is the entity component's (gazetteer, nationality words, compass words): the
    route side reads the world as the entity side does.
    """

    def __init__(
        self,
        doc: Doc,
        entities: Iterable[EntityRecord],
        patterns: dict,
        knowledge: Knowledge,
        borders: dict[str, list[str]] | None = None,
    ):
        self.patterns = patterns
        self.person_nouns = frozenset(patterns["routes"]["person_nouns"])  # who a nationality word is about
        self.home_area_words = frozenset(patterns["routes"]["home_area_words"])
        self.compass: dict[str, str] = knowledge.compass
        self.doc = doc
        self.gazetteer = knowledge.gazetteer
        self.borders = borders if borders is not None else load_land_borders()
        self.country_key: dict[str, str] = {}
        self.code_of: dict[str, str] = {}
        mentions: Counter = Counter()
        for record in entities:
            if record.cls != "Country":
                continue
            code = record.gazetteer_id or record.country
            if not code:
                found = self.gazetteer.lookup(record.label)
                code = found[0].id if found else None
            if code:
                self.country_key.setdefault(code, record.key)
                self.code_of[record.key] = code
                mentions[record.key] += max(1, len(record.mentions))
        demonyms: Counter = Counter()
        for i in self.possible_demonyms(doc):
            demonym = self.demonym_end(doc[i])
            if demonym and demonym[0] in self.country_key:
                code, last = demonym
                following = last.nbor() if last.i + 1 < len(doc) else None
                if last.tag_ in ("NNS", "NNPS") or (
                    following is not None and following.lemma_.lower() in self.person_nouns
                ):
                    demonyms[self.country_key[code]] += 1
        self.home: str | None = None
        if demonyms:
            self.home = demonyms.most_common(1)[0][0]
        elif mentions:
            self.home = mentions.most_common(1)[0][0]
        # the country the document is about: named most (its people may be the few, "Venezuelan women in X")
        self.subject: str | None = mentions.most_common(1)[0][0] if mentions else None
        self.topic: dict[int, Theme] = {}
        self.last: dict[int, Theme] = {}
        self.victim_place: dict[int, str] = {}
        # the paragraphs a sentence of which has told trafficking so far ("Persons are trafficked to X ...")
        self.told: set[int] = set()
        self.area_keys: dict[str, str] | None = None  # area id -> the document's entity for it, read once

    def resolve(self, key: str) -> str | None:
        """An entity key, adding the country of an unnamed nationality ("Vietnamese") or a direction region when needed."""
        if key.startswith(UNNAMED):
            return self.key_for(key[len(UNNAMED) :])
        if key.startswith(DIRECTION):
            adjective, surface, start, end = key[len(DIRECTION) :].split("|")
            return self.direction_region(adjective, surface, int(start), int(end)) or self.home
        return key

    def names_home_area(self, word: str) -> bool:
        """ "the north", "rural areas", "the border provinces": a part of the home country, named by no name."""
        return word in self.compass or word in self.home_area_words

    def direction_placeholder(self, ps: ParsedSentence, token: Token) -> str | None:
        """The key that stands for "the north" of the home country until a route needs it."""
        if not self.home:
            return None
        adjective = self.compass.get(token.lower_)
        if adjective is None:
            return self.home  # "the border provinces", "rural areas": somewhere in the home country
        surface, start, end = ps.source_text(token)
        return f"{DIRECTION}{adjective}|{surface}|{start}|{end}"

    def direction_region(self, adjective: str, surface: str, start: int, end: int) -> str | None:
        """The region "northern Vietnam" for "the north" of a document about Vietnam, located in it."""
        home = (
            next((e for e in document_entities(self.doc) if e.key == self.home), None) if self.doc is not None else None
        )
        if home is None:
            return None
        label = f"{adjective} {home.label}"
        wanted = {label.lower(), surface.lower(), f"the {surface.lower()}"}
        for record in document_entities(self.doc):
            if record.cls == "Region" and ({record.label.lower(), *(a.lower() for a in record.aliases)} & wanted):
                return record.key
        return add_region_record(self.doc, label, home, Mention(surface, start, end))

    def area_key(self, code: str) -> str:
        """The key of the document's entity for the area ``code`` if it names one, else a placeholder."""
        if self.doc is not None and self.area_keys is None:
            self.area_keys = {
                e.gazetteer_id: e.key for e in document_entities(self.doc) if e.cls == "Region" and e.gazetteer_id
            }
        return (self.area_keys or {}).get(code) or UNNAMED + code

    def key_for(self, code: str) -> str | None:
        """The document's entity for the country ``code``, added when the text names it only by nationality."""
        if code in self.country_key:
            return self.country_key[code]
        if self.doc is None or code not in self.gazetteer or self.gazetteer.get(code).cls not in ("Country", "Region"):
            return None  # a country or an area its adjective names ("South American women")
        key = add_place_record(self.doc, self.gazetteer.get(code))
        self.country_key[code] = key
        self.code_of[key] = code
        return key

    def possible_demonyms(self, doc: Doc) -> list[int]:
        """Where a nationality word may start in ``doc``: each distinct word is looked at once."""
        orths, inverse = numpy.unique(doc.to_array([ORTH]).reshape(-1), return_inverse=True)
        strings = doc.vocab.strings
        starts = _demonym_starts(self.gazetteer)
        hits = numpy.array([starts(strings[int(orth)]) for orth in orths], dtype=bool)
        return numpy.flatnonzero(hits[inverse.reshape(-1)]).tolist() if len(orths) else []

    def demonym(self, token: Token) -> str | None:
        """The country code of a nationality word ("Vietnamese", "Sri Lankans"), or an area's ("West African")."""
        found = self.demonym_end(token)
        return found[0] if found else None

    def country_demonym(self, token: Token) -> str | None:
        """The country code of a nationality word, never an area's."""
        code = self.demonym(token)
        return code if code is not None and self.gazetteer.get(code).cls == "Country" else None

    def demonym_end(self, token: Token) -> tuple[str, Token] | None:
        """(country code, last token) of a nationality word starting at ``token``, one to three words long
        (or the region's id, for an area's adjective)."""
        if not token.text[:1].isupper() or self._ends_longer_demonym(token):
            return None
        doc = token.doc
        candidates = [(token.text, token)]
        for width in (2, 3, 4):  # "Sierra Leonean", "Papua New Guineans", "Sub-Saharan African": the longest first
            words = doc[token.i : token.i + width]
            if len(words) == width and words[-1].text[:1].isupper() and all(_name_word(w) for w in words):
                candidates.insert(0, (words.text, words[-1]))
        for text, last in candidates:
            entry = self.gazetteer.by_demonym(text)
            if entry is None and last.i > token.i and (area := self.gazetteer.by_origin_word(text)) is not None:
                # "South American women", "West African girls": where they are from is an area (of two words
                # or more: "African" alone, also the tail of "Sub-Saharan African", is read by no route)
                entry = area if area.cls == "Region" else None
            if entry is not None:
                return entry.id, last
        return None

    def _ends_longer_demonym(self, token: Token) -> bool:
        """ "Guinean" in "Papua New Guinean", "American" in "South American": the tail of a longer nationality
        word or area adjective, read from its start."""
        doc = token.doc
        for width in (2, 3):
            start = token.i - width + 1
            if start < 0 or not all(w.text[:1].isupper() for w in doc[start : token.i]):
                continue
            if self.gazetteer.by_origin_word(doc[start : token.i + 1].text) is not None:
                return True
        return False

    def neighbours(self, key: str) -> list[str]:
        code = self.code_of.get(key)
        return [self.country_key[c] for c in self.borders.get(code or "", []) if c in self.country_key]


def _name_word(token: Token) -> bool:
    """A word of a nationality or area name: capitalised, or the hyphen of "Sub-Saharan" written with none
    around it."""
    return token.text[:1].isupper() or token.text == "-" and not token.whitespace_ and not token.nbor(-1).whitespace_
