"""World knowledge as data: countries, provinces, cities, regions and known bodies.

Each gazetteer is a JSON file under ``ontology/gazetteers/`` holding a list of
entries of one shape (see :class:`GazetteerEntry`); ``SOURCES.md`` beside them
records where each came from and how it was generated. Code elsewhere is
generic over these entries: it never branches on a particular name.

>>> gazetteer = load_gazetteer()
>>> gazetteer.get("VN").name
'Vietnam'
>>> sorted({e.id for e in gazetteer.lookup("PRC")})
['CN']
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tipgraph.ontology.folding import name_key
from tipgraph.ontology.namespace import EntityClass
from tipgraph.ontology.schemas import load_checked

GAZETTEER_DIR = Path(__file__).parent / "gazetteers"
NAMING_SCHEMA = GAZETTEER_DIR / "naming.schema.json"

# Gazetteer files in the order they are loaded; a later file may not redefine an id.
GAZETTEER_FILES = ("countries.json", "subdivisions.json", "cities.json", "regions.json", "organizations.json")


@dataclass(frozen=True)
class GazetteerEntry:
    """One real-world entity the project knows in advance.

    ``id`` is stable across releases (ISO 3166 codes for countries and
    subdivisions, slugs for others); ``cls`` is a class name of the ontology;
    ``aliases`` are other names and acronyms; ``demonyms`` are adjectives of
    nationality (``Vietnamese``) that tie a body to the country; ``adjectives``
    name an area that is no country (``Central Asian``) and tie nothing to it;
    ``country`` and ``located_in`` are gazetteer ids.
    """

    id: str
    name: str
    cls: EntityClass
    aliases: tuple[str, ...] = ()
    demonyms: tuple[str, ...] = ()
    adjectives: tuple[str, ...] = ()
    country: str | None = None
    located_in: str | None = None
    lat: float | None = None
    long: float | None = None
    wikidata: str | None = None
    population: int | None = None
    capital: bool = False  # a country's capital city
    # Names that are also common words ("Georgia", "Chad") are matched only
    # when a gazetteer file lists them here, so the matcher can ask for context.
    ambiguous: tuple[str, ...] = field(default=())

    @property
    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)


def normalize_name(name: str) -> str:
    """The name's key (:func:`tipgraph.ontology.folding.name_key`) without a leading "the", for lookup."""
    key = name_key(name)
    return key[4:] if key.startswith("the ") else key


class Gazetteer:
    """An index of :class:`GazetteerEntry` by id and by normalised name."""

    def __init__(self, entries: Iterable[GazetteerEntry]):
        self._by_id: dict[str, GazetteerEntry] = {}
        self._by_name_index: dict[str, list[GazetteerEntry]] | None = None
        self._by_demonym: dict[str, GazetteerEntry] = {}
        self._by_adjective: dict[str, GazetteerEntry] = {}
        for entry in entries:
            if entry.id in self._by_id:
                raise ValueError(f"gazetteer id {entry.id!r} is defined twice")
            self._by_id[entry.id] = entry
            for demonym in entry.demonyms:
                self._by_demonym[normalize_name(demonym)] = entry
            for adjective in entry.adjectives:
                self._by_adjective[normalize_name(adjective)] = entry
        self._origin_starts = frozenset(key.split()[0] for key in [*self._by_demonym, *self._by_adjective] if key)

    @property
    def _by_name(self) -> dict[str, list[GazetteerEntry]]:
        # built on first lookup: the extractor keeps its own index, so most runs never need this one
        if self._by_name_index is None:
            index: dict[str, list[GazetteerEntry]] = defaultdict(list)
            for entry in self._by_id.values():
                for name in entry.names:
                    bucket = index[normalize_name(name)]
                    if not bucket or bucket[-1] is not entry:
                        bucket.append(entry)
            self._by_name_index = index
        return self._by_name_index

    def __iter__(self) -> Iterator[GazetteerEntry]:
        return iter(self._by_id.values())

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, entry_id: object) -> bool:
        return entry_id in self._by_id

    def get(self, entry_id: str) -> GazetteerEntry:
        return self._by_id[entry_id]

    def lookup(self, name: str) -> list[GazetteerEntry]:
        """Every entry that has ``name`` among its names (after normalisation)."""
        return list(self._by_name.get(normalize_name(name), ()))

    def by_demonym(self, word: str) -> GazetteerEntry | None:
        """The country whose demonym is ``word``, singular or plural (``Vietnamese``, ``Sri Lankans``)."""
        for key in _singular_or_plural(word):
            if entry := self._by_demonym.get(key):
                return entry
        return None

    def by_origin_word(self, word: str) -> GazetteerEntry | None:
        """The country or area a nationality word or area adjective names, singular or plural
        (``Vietnamese``, ``West African``, ``Filipinos``)."""
        for key in _singular_or_plural(word):
            if entry := self._by_demonym.get(key) or self._by_adjective.get(key):
                return entry
        return None

    def may_start_origin_word(self, word: str) -> bool:
        """Can a nationality word or area adjective begin with the word ``word`` (``South`` of ``South
        Asian``, ``Filipinos``)? A quick test before :meth:`by_origin_word`, which takes whole phrases
        (and drops a leading "the", so "the" may begin one too)."""
        if word.lower() == "the":
            return True
        return any(key.split(" ", 1)[0] in self._origin_starts for key in _singular_or_plural(word) if key)

    def countries(self) -> Iterator[GazetteerEntry]:
        return (e for e in self if e.cls == "Country")


def _singular_or_plural(word: str) -> tuple[str, ...]:
    """The keys a nationality word is looked up by: as written, then without a plural "s"."""
    return (normalize_name(word), normalize_name(word[:-1])) if word.endswith("s") else (normalize_name(word),)


def read_entries(path: Path) -> Iterator[GazetteerEntry]:
    for raw in json.loads(path.read_text(encoding="utf-8")):
        for key in ("aliases", "demonyms", "adjectives", "ambiguous"):
            if key in raw:
                raw[key] = tuple(raw[key])
        if raw.get("cls") == "City" and "located_in" not in raw:
            raw["located_in"] = raw.get("country")  # cities.json leaves out what its country says
        yield GazetteerEntry(**raw)


@cache
def load_naming(directory: Path = GAZETTEER_DIR) -> dict:
    """The genre's naming conventions (``naming.json``): title words, head words, noise."""
    path = directory / "naming.json"
    if not path.exists():
        path = GAZETTEER_DIR / "naming.json"
    data = load_checked(path, NAMING_SCHEMA)
    data.pop("_comment", None)
    return data


@cache
def load_gazetteer(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    """Load every gazetteer file present in ``directory``."""
    entries: list[GazetteerEntry] = []
    for name in GAZETTEER_FILES:
        path = directory / name
        if path.exists():
            entries.extend(read_entries(path))
    return Gazetteer(entries)
