"""Several bodies under one plural head: "the Ministries of Education, Health and Justice".

The genre names a government's bodies together: each item of the list is a body of its
own ("Ministry of Education", "Ministry of Health", "Ministry of Justice"). Commas separate
the items where the text has them, so an item may hold an "and" of its own ("the Ministries
of Foreign Affairs, Labour and Social Affairs, and Justice" are three); with no comma, each
"and" separates two ("the Departments of Immigration and Customs" are two). A list with
commas but none before its last "and" ends on two items ("the Ministries of Fisheries,
Mines, Agriculture and Tourism" are four), unless the two make a body the lists know.

>>> import spacy
>>> from tipgraph.extractors.entities.knowledge import Knowledge
>>> from tipgraph.extractors.naming import name_words
>>> doc = spacy.blank("en")("Officials of the Ministries of Labour and Social Affairs, Health, and Justice met.")
>>> [c.label for c in plural_head_candidates(doc, Knowledge.load(), [name_words(t.text) for t in doc])]
['Ministry of Labour and Social Affairs', 'Ministry of Health', 'Ministry of Justice']
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from spacy.tokens import Doc

from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.entities.types import Candidate
from tipgraph.extractors.naming import is_capitalised, name_key

_LINKS = ("of", "for")


def singular(word: str) -> str:
    """ "Ministries" -> "Ministry", "Departments" -> "Department"."""
    return word[:-3] + "y" if word.lower().endswith("ies") else word[:-1]


def plural_head_candidates(doc: Doc, knowledge: Knowledge, words: list[list[str]]) -> list[Candidate]:
    """One body candidate per item after a plural head word ("Ministries of A, B and C")."""
    found: list[Candidate] = []
    for i, token in enumerate(doc[:-2]):
        low = token.lower_
        if not (is_capitalised(token) and low.endswith("s") and len(low) > 4) or doc[i + 1].lower_ not in _LINKS:
            continue
        if singular(low) not in knowledge.agency_heads:
            continue
        head = f"{singular(token.text)} {doc[i + 1].text}"
        items = _items(doc, i + 2, partial(_one_name, doc, head=head, knowledge=knowledge))
        if len(items) >= 2:
            for s, e in items:
                # "Ministries of A, Ministry of B": an item named in full keeps its own name
                named = doc[s].lower_ in knowledge.agency_heads and e - s > 2 and doc[s + 1].lower_ in _LINKS
                label = doc[s:e].text if named else f"{head} {doc[s:e].text}"
                found.append(Candidate(s, e, "Agency", label, "plural", priority=3))
    return found


def _one_name(doc: Doc, s: int, e: int, head: str, knowledge: Knowledge) -> bool:
    """Do tokens ``s``..``e`` under ``head`` name one body: one named in full ("Ministry of Women and
    Children's Affairs") or one the lists know ("Labour and Social Affairs")?"""
    return doc[s].lower_ in knowledge.agency_heads or bool(knowledge.lookup(name_key(f"{head} {doc[s:e].text}")))


def _items(doc: Doc, start: int, one_name: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """The (start, end) of each item of the list of names from ``start`` (``one_name``: do tokens s..e
    name one body)."""
    end = start
    while end < len(doc) and (
        is_capitalised(doc[end]) or doc[end].text in (",", "'s", "’s", "&") or doc[end].lower_ in ("and", "of")
    ):
        end += 1
    while end > start and not is_capitalised(doc[end - 1]):
        end -= 1  # a list ends on a name, not on "and" or a comma
    pieces = _split(doc, start, end, ",") if any(doc[k].text == "," for k in range(start, end)) else None
    if pieces is None:
        pieces = _split(doc, start, end, "and")
    elif len(pieces) >= 2 and doc[pieces[-1][0] - 1].lower_ != "and":
        s, e = pieces[-1]  # "Fisheries, Mines, Agriculture and Tourism": the last "and" ends the list
        ands = [k for k in range(s, e) if doc[k].lower_ == "and"]
        if ands and not one_name(s, e):
            pieces[-1:] = [(s, ands[-1]), (ands[-1] + 1, e)]
    return [(s, e) for s, e in pieces if e > s and is_capitalised(doc[s])]


def _split(doc: Doc, start: int, end: int, separator: str) -> list[tuple[int, int]]:
    pieces, s = [], start
    for k in range(start, end + 1):
        if k == end or doc[k].lower_ == separator:
            piece_start = s + 1 if s < k and doc[s].lower_ == "and" else s  # ", and Justice"
            pieces.append((piece_start, k))
            s = k + 1
    return pieces


def plural_government_candidates(doc: Doc, knowledge: Knowledge) -> list[Candidate]:
    """One government per country a plural "governments" names: "the governments of Thailand and
    Myanmar", "the Moroccan, Spanish, and Italian governments" (each country's word is its government)."""
    found: list[Candidate] = []
    for i, token in enumerate(doc):
        if token.lower_ != "governments":
            continue
        if i + 1 < len(doc) and doc[i + 1].lower_ == "of":
            words = _listed_words(doc, range(i + 2, len(doc)))
        else:
            words = _listed_words(doc, range(i - 1, -1, -1))
        governments = [(k, _government_of(knowledge, doc[k].text)) for k in words]
        if len(governments) >= 2 and all(entry is not None for _, entry in governments):
            found += [
                Candidate(k, k + 1, "Agency", entry.name, "gaz", entry, (entry,), entry.country, priority=3)
                for k, entry in governments
                if entry is not None
            ]
    return found


def _listed_words(doc: Doc, positions: range) -> list[int]:
    """The capitalised one-word items of a list read from ``positions`` on, across commas and "and"."""
    items: list[int] = []
    for k in positions:
        if doc[k].text == "," or doc[k].lower_ == "and":
            continue
        if not is_capitalised(doc[k]) or (items and abs(k - items[-1]) == 1):
            break
        items.append(k)
    return items


def _government_of(knowledge: Knowledge, word: str):
    """The gazetteer's government of the country ``word`` names or is the adjective of, if any."""
    code = knowledge.country_of_word(word)
    entry_id = f"gov:{code}"
    return knowledge.gazetteer.get(entry_id) if code and entry_id in knowledge.gazetteer else None
