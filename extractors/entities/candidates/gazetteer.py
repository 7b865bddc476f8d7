"""Names the gazetteers know: countries, subdivisions, cities, regions, bodies, governments.

Also the misspellings of a province a source may write ("Guadong provinces").
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from tipgraph.extractors.entities.knowledge import ORG_CLASSES, Knowledge
from tipgraph.extractors.entities.types import Candidate
from tipgraph.extractors.naming import CONNECTORS, is_capitalised, name_key

MAX_NAME_TOKENS = 9


def gazetteer_candidates(doc: Doc, knowledge: Knowledge, words: list[list[str]]) -> list[Candidate]:
    """At each capitalised word (or the first word of a name the lists write in lower case, as
    "sub-Saharan Africa"), the longest name a gazetteer knows that starts there."""
    found = []
    for i in range(len(doc)):
        token = doc[i]
        if not (is_capitalised(token) or token.lower_ in knowledge.lower_starts) or token.is_space:
            continue
        best = _longest_known(doc, i, knowledge, words) or _compass_province(doc, i, knowledge)
        if best:
            end, entries = _with_kind_word(doc, i, best[0], best[1], knowledge)
            found.append(_candidate(doc, i, end, entries))
    return found


def _compass_province(doc: Doc, i: int, knowledge: Knowledge):
    """(end, entries) of "Northern Region", "Upper East Region": compass words, then a capitalised kind word."""
    end = i
    while end < len(doc) and end - i < 3 and is_capitalised(doc[end]) and doc[end].lower_ in knowledge.directions:
        end += 1
    if end == i or end >= len(doc) or i > 0 and doc[i - 1].lower_ in knowledge.directions:
        return None
    entries = knowledge.provinces_named(name_key(doc[i:end].text))
    return (end, entries) if entries and _is_kind_word(doc[end], knowledge) else None


def _is_kind_word(token, knowledge: Knowledge) -> bool:
    """A province's kind word written as part of its name ("Region", "State", "Province")."""
    return is_capitalised(token) and token.lower_ in knowledge.province_kind_words


def _with_kind_word(doc: Doc, i: int, end: int, entries, knowledge: Knowledge):
    """A province's name with its kind word written as part of it: "Volta Region", "Kano State".

    Many countries call their first-level divisions regions or states, and the lists keep the bare
    name ("Volta", "Northern"); a list that keeps one country's "Northern Region" whole must not hide
    the other countries' "Northern" before "Region", which the document's countries choose between.
    """
    if end - i > 1 and _is_kind_word(doc[end - 1], knowledge):
        stem = knowledge.provinces_named(name_key(doc[i : end - 1].text))
        entries = list(entries) + [e for e in stem if e not in entries]
    elif end < len(doc) and _is_kind_word(doc[end], knowledge) and any(e.cls == "Province" for e in entries):
        end += 1
        entries = [e for e in entries if e.cls == "Province"] + [e for e in entries if e.cls != "Province"]
    return end, entries


def _longest_known(doc: Doc, i: int, knowledge: Knowledge, words: list[list[str]]):
    """(end, entries) of the longest known name starting at ``i``, or None."""
    key_parts: list[str] = []
    best = None
    for j in range(i, min(len(doc), i + MAX_NAME_TOKENS)):
        tok = doc[j]
        if tok.is_space or "\n" in tok.text:
            break
        if (
            j > i
            and not is_capitalised(tok)
            and tok.lower_ not in CONNECTORS
            and not words[j] == []
            and tok.lower_ not in knowledge.name_run_words  # "the Government of X", "the Mekong sub region"
        ):
            break
        key_parts.extend(words[j])
        if not words[j] and tok.text not in ("'s", "’s", "-", ".", "/", "&", ","):
            break
        if (not is_capitalised(doc[j]) and j > i and doc[j].lower_ in CONNECTORS) or not words[j]:
            continue
        entries = knowledge.lookup(" ".join(key_parts))
        if entries and "," in doc[i : j + 1].text:
            # "the Middle East, Africa" is two names, not "East Africa": a comma joins only names written with one
            entries = [e for e in entries if any("," in name for name in e.names)]
        if entries and _case_fits(doc[i : j + 1].text, " ".join(key_parts), entries, knowledge):
            best = (j + 1, _acronym_readings(doc[i : j + 1].text, entries))
    return best


def _acronym_readings(surface: str, entries):
    """ "EU" written in capitals is the European Union, not the French town of Eu: a name in capitals
    reads as the bodies whose acronym it is, when there are some."""
    if len(surface) < 2 or not surface.replace(".", "").isupper():
        return entries
    spelt = [e for e in entries if any(name.replace(".", "") == surface.replace(".", "") for name in e.names)]
    return spelt if any(e.cls in ORG_CLASSES for e in spelt) else entries


_GOVERNMENT_SPELLING = re.compile(r"Go[A-Z]{1,3}")  # "GoG", "GoSL": a government's acronym, "GOG", "GOSL"


def _case_fits(surface: str, key: str, entries, knowledge: Knowledge) -> bool:
    """A name the lists write in one case only ("WHO", not "who") matches only as written (a
    government's "GO" acronym also with a lower-case "o")."""
    exact = knowledge.exact_case.get(key)
    if _GOVERNMENT_SPELLING.fullmatch(surface):
        surface = surface.upper()
    return not (
        exact
        and surface.replace(" ", "") not in {e.replace(" ", "") for e in exact}
        and not any(e for e in entries for name in e.names if name_key(name) == key and not name.isupper())
    )


def _candidate(doc: Doc, i: int, end: int, entries) -> Candidate:
    first = entries[0]
    return Candidate(i, end, first.cls, first.name, "gaz", first, tuple(entries), first.country, priority=3)


def misspelt_provinces(doc, knowledge: Knowledge, chosen: list[Candidate], context: Counter) -> list[Candidate]:
    """``Fujian and Guadong provinces``, ``Masvingo, Matebeleland South, and Bulawayo``: a source's misspelling
    of a province of a country in play, a letter or two off, where the text says it means provinces."""
    countries = [c for c, n in context.items() if n >= 1 and c != "__cable__"]
    if not countries:
        return []
    # the model often reads an unknown one-word name as a person ("Fujian and Guadong"): that reading may yield
    taken = {i for c in chosen if not (c.source == "person" and c.end - c.start == 1) for i in range(c.start, c.end)}
    province_at = {i for c in chosen if c.cls == "Province" for i in (c.start, c.end - 1)}
    found = []
    n = len(doc)
    i = 0
    while i < n:
        token = doc[i]
        if i in taken or not is_capitalised(token) or not token.is_alpha or len(token.text) < 5 or token.is_sent_start:
            i += 1
            continue
        end = i + 1
        while end < n and end - i < 3 and end not in taken and is_capitalised(doc[end]) and doc[end].is_alpha:
            end += 1
        after = doc[end] if end < n else None
        meant = after is not None and after.lower_ in knowledge.province_words
        listed = (i >= 2 and doc[i - 1].lower_ in (",", "and") and (i - 2) in province_at) or (
            after is not None and after.lower_ in (",", "and") and end + 1 < n and (end + 1) in province_at
        )
        if (meant or listed) and not any(
            e.start <= i < e.end and (e.label_ == "ORG" or e.label_ == "PERSON" and e.end - e.start > 1)
            for e in doc.ents
        ):
            key = name_key(doc[i:end].text)
            matches = [e for code in countries for k, e in knowledge.province_keys(code) if _near_spelling(key, k)]
            if len({e.id for e in matches}) == 1:
                entry = matches[0]
                found.append(
                    Candidate(i, end, "Province", entry.name, "gaz", entry, (entry,), entry.country, priority=3)
                )
        i = end
    return found


def _near_spelling(a: str, b: str) -> bool:
    """A letter or, in a long name, two added, dropped or changed (``guadong``/``guangdong``)."""
    limit = 2 if max(len(a), len(b)) >= 9 else 1
    if a == b or abs(len(a) - len(b)) > limit or min(len(a), len(b)) < 6 or a[0] != b[0]:
        return False
    previous = list(range(len(b) + 1))
    for x, ca in enumerate(a, 1):
        current = [x]
        for y, cb in enumerate(b, 1):
            current.append(min(previous[y] + 1, current[y - 1] + 1, previous[y - 1] + (ca != cb)))
        if min(current) > limit:
            return False
        previous = current
    return previous[-1] <= limit
