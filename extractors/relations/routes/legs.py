"""Legs written one after the other: "from A to B and from C to D" pairs A with B and C with D.

A clause that names two or more journeys, each as "from" its origins then "to" its
destinations, says which origin goes with which destination: the parse (and a model
scoring pairs one by one) may cross them ("traffickers moving women from Nigeria to
Libya and children from Mali to Algeria": Mali to Libya is no route of it).

>>> words = [(w, None) for w in "girls are taken from".split()] + [("kandal", "KD")]
>>> words += [("to", None), ("phnom penh", "PP"), ("and", None), ("boys", None), ("from", None)]
>>> words += [("takeo", "TK"), ("to", None), ("siem reap", "SR"), (".", None)]
>>> paired_legs(words, frozenset({"from"}), frozenset({"to", "into"}))
[(['KD'], ['PP']), (['TK'], ['SR'])]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from tipgraph.extractors.records import RouteRecord

# words that may stand inside a list of places ("from A, B and the C")
_LIST_WORDS = frozenset({",", "and", "or", "the", "&"})

Leg = tuple[list[str], list[str]]


def paired_legs(
    words: Sequence[tuple[str, str | None]], origin_words: frozenset[str], destination_words: frozenset[str]
) -> list[Leg]:
    """The (origins, destinations) of each "from ... to ..." leg of ``words`` (each a lower-cased word and
    the key of the place it names, or None), when there are two legs or more; else none. The leg's words
    are the patterns' (``routes.origin_prepositions``, ``routes.destination_prepositions``)."""
    legs: list[Leg] = []
    i = 0
    while i < len(words):
        if words[i][0] not in origin_words:
            i += 1
            continue
        origins, j = _places(words, i + 1)
        if origins and j < len(words) and words[j][0] in destination_words:
            destinations, k = _places(words, j + 1)
            if destinations:
                legs.append((origins, destinations))
                i = k
                continue
        i += 1
    return legs if len(legs) >= 2 else []


def crosses(legs: list[Leg], origin: str, destination: str) -> bool:
    """Is origin -> destination a pairing the legs do not make, of places the legs do name?"""
    if not legs:
        return False
    origins = {o for leg in legs for o in leg[0]}
    destinations = {d for leg in legs for d in leg[1]}
    if origin not in origins or destination not in destinations:
        return False
    return not is_leg(legs, origin, destination)


def is_leg(legs: list[Leg], origin: str, destination: str) -> bool:
    """Is origin -> destination one of the legs?"""
    return any(origin in leg[0] and destination in leg[1] for leg in legs)


def _places(words: Sequence[tuple[str, str | None]], start: int) -> tuple[list[str], int]:
    """The place keys of the list starting at ``start``, and where the list ends."""
    keys: list[str] = []
    k = start
    while k < len(words) and (words[k][1] is not None or words[k][0] in _LIST_WORDS):
        key = words[k][1]
        if key is not None and key not in keys:
            keys.append(key)
        k += 1
    while k > start and words[k - 1][1] is None:  # "... Libya and" ends at Libya
        k -= 1
    return keys, k


def follow_legs(routes: dict[tuple[str, str], RouteRecord], legs: list[Leg]) -> dict[tuple[str, str], RouteRecord]:
    """A sentence's routes (by origin and destination) with the legs' pairing: crossed pairs dropped, and a
    leg no route states added, with what the sentence's routes say of purposes and victims."""
    if not legs or not routes:
        return routes
    kept = {key: r for key, r in routes.items() if not crosses(legs, *key)}
    template = next(iter(routes.values()))
    for origins, destinations in legs:
        for key in ((o, d) for o in origins for d in destinations):
            if key not in kept:
                kept[key] = replace(
                    template,
                    origin=[key[0]],
                    destination=[key[1]],
                    transit=[],
                    purposes=list(template.purposes),
                    victims=list(template.victims),
                )
    return kept
