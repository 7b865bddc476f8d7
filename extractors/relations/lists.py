"""The members of one list take one role: "exploited in Saudi Arabia and Kuwait" names two destinations.

A route's model scores each pair of places on its own, and the words around the last
member of a list ("... and Kuwait") read differently from those around the first; the
genre means the same of all of them. So within a clause, a route pair's confidence is
shared with the pairs that swap one end for another member of that end's list
(:func:`share_within_lists`), never lowered.

>>> import spacy
>>> doc = spacy.blank("en")("Victims from Laos, Myanmar and Cambodia were found in Thailand.")
>>> from types import SimpleNamespace as Mention
>>> names = [Mention(key=w, start=i, end=i + 1) for i, w in ((2, "LA"), (4, "MM"), (6, "KH"), (10, "TH"))]
>>> [[m.key for m in group] for group in list_groups(doc, names)]
[['LA', 'MM', 'KH'], ['TH']]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc

LIST_WORDS = frozenset({",", "and", "or", "&", ";", "as", "well", "the", "also"})
# Words a list of places repeats or hedges between members ("in Peru, Chile, and in parts of
# Bolivia, and other countries of the region"). They join members only beside a conjunction.
LIST_FILLERS = frozenset(
    {"in", "to", "into", "throughout", "across", "within", "some", "other", "parts", "part", "of", "countries"}
    | {"elsewhere", "especially", "particularly", "primarily", "mainly", "mostly", "including", "notably"}
)
CONJUNCTIONS = frozenset({",", "and", "or", "&"})


def list_groups(doc: Doc, mentions: Iterable[Any]) -> list[list[Any]]:
    """Mentions in text order, grouped where only list words ("," "and" "or" "as well as") stand between."""
    ordered = sorted({m.key: m for m in mentions}.values(), key=lambda m: m.start)
    groups: list[list[Any]] = []
    for mention in ordered:
        if groups:
            gap = [t for t in doc[groups[-1][-1].end : mention.start] if not t.is_space]
            if gap and _joins_list(gap):
                groups[-1].append(mention)
                continue
        groups.append([mention])
    return groups


def _joins_list(gap: list) -> bool:
    words = [t.lower_ for t in gap]
    if all(w in LIST_WORDS for w in words):
        return True
    return len(words) <= 8 and words[0] in CONJUNCTIONS and all(w in LIST_WORDS or w in LIST_FILLERS for w in words)


def share_within_lists(doc: Doc, best: dict[tuple, tuple[float, Any]], kind: str = "route") -> None:
    """Raise each ``kind`` pair of ``best`` (keyed ``(kind, clause start, frozenset(pair))``) to the
    confidence of a pair of its clause that differs from it by one end, a member of the same list."""
    by_clause: dict[int, list[tuple[float, Any]]] = {}
    for (k, clause, _), item in best.items():
        if k == kind:
            by_clause.setdefault(clause, []).append(item)
    for clause, items in by_clause.items():
        named = {m.key: m for _, cand in items for m in (cand.first, cand.second) if m.start < m.end}
        mates = {m.key: group for group in list_groups(doc, named.values()) if len(group) > 1 for m in group}
        for p, cand in items:
            if mates.get(cand.first.key) is not None and cand.second in mates[cand.first.key]:
                continue  # two members of one list: neither end of the other
            for end, other in (("first", cand.second), ("second", cand.first)):
                for mate in mates.get(getattr(cand, end).key, []):
                    key = (kind, clause, frozenset((other.key, mate.key)))
                    if mate.key != other.key and key in best and best[key][0] < p:
                        best[key] = (p, replace(cand, **{end: mate}))
