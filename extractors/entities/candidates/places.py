"""Places no list knows, and regions named by direction.

Districts and areas ("Riverside district"), towns ("the town of Eastbrook",
"Eastbrook, Kenya", "a village near Eastbrook in Kisumu") and the regions of a
country ("northern Kenya", "Kenya's northeast", "the South West").
"""

from __future__ import annotations

from spacy.tokens import Doc

from tipgraph.extractors.entities.candidates.rules import is_place_word
from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.entities.types import Candidate
from tipgraph.extractors.naming import is_capitalised, name_key
from tipgraph.ontology.namespace import EntityClass


def district_candidates(doc: Doc, knowledge: Knowledge, words) -> list[Candidate]:
    """``Riverside district``, ``Old Market area``, ``town of Eastbrook``: places no list knows."""
    found: list[Candidate] = []
    for i in range(len(doc)):
        _district_at(doc, i, knowledge, words, found)
        _town_of_at(doc, i, knowledge, found)
        _town_placed_at(doc, i, knowledge, found)
    return found


def _district_at(doc: Doc, i: int, knowledge: Knowledge, words, found: list[Candidate]) -> None:
    """A district or area named before its kind ("Riverside district"), and its police elsewhere."""
    token = doc[i]
    low = token.lower_
    if not (low in knowledge.district_words and i > 0 and is_capitalised(doc[i - 1]) and not is_capitalised(token)):
        return
    k = i
    while (
        k > 0
        and i - k < 3
        and is_capitalised(doc[k - 1])
        and doc[k - 1].is_alpha
        and doc[k - 1].lower_ not in knowledge.title_words
        and not doc[k - 1].is_sent_start
    ):
        k -= 1
    if k == i or any(w in knowledge.agency_heads or w in knowledge.ngo_heads for t in range(k, i) for w in words[t]):
        return
    cls: EntityClass = knowledge.place_words[low]
    found.append(Candidate(k, i, cls, doc[k:i].text, "place", priority=2))
    # "Riverside police" elsewhere
    name = doc[k:i].text
    first_text = doc[k].text
    n = len(doc)
    for j in (x for x in range(n - 1) if doc[x].text == first_text):
        if j + i - k < n and doc[j + i - k].lower_ == "police" and doc[j : j + i - k].text == name:
            found.append(Candidate(j, j + i - k + 1, "Agency", doc[j : j + i - k + 1].text, "pattern", priority=2))


def _town_of_at(doc: Doc, i: int, knowledge: Knowledge, found: list[Candidate]) -> None:
    """ "the town of Eastbrook" """
    n = len(doc)
    if doc[i].lower_ in knowledge.town_words and i + 2 < n and doc[i + 1].lower_ == "of" and is_capitalised(doc[i + 2]):
        k = i + 2
        while k < n and k - i < 5 and is_capitalised(doc[k]) and doc[k].is_alpha:
            k += 1
        found.append(Candidate(i + 2, k, "City", doc[i + 2 : k].text, "place", priority=1))


def _town_placed_at(doc: Doc, i: int, knowledge: Knowledge, found: list[Candidate]) -> None:
    """A town named with its country ("Eastbrook, Kenya") or in a known place ("from Eastbrook in Kisumu")."""
    token = doc[i]
    if not (
        is_capitalised(token)
        and token.lower_ not in knowledge.title_words
        and i > 0
        and doc[i - 1].lower_ in ("in", "from", "to", "near", "at", "of")
        and token.is_alpha
    ):
        return
    n = len(doc)
    k = i + 1
    while k < n and k - i < 3 and is_capitalised(doc[k]) and doc[k].is_alpha:
        k += 1
    if k + 1 < n and doc[k].text == ",":
        _town_with_country(doc, i, k, knowledge, found)
    elif (
        k + 1 < n
        and doc[i - 1].lower_ in ("from", "in", "near")
        and doc[k].lower_ == "in"
        and is_capitalised(doc[k + 1])
        and not knowledge.lookup(name_key(doc[i:k].text))
        and not any(e.start <= i < e.end and e.label_ in ("PERSON", "ORG", "NORP") for e in doc.ents)
    ):
        _village_in_place(doc, i, k, knowledge, found)


def _town_with_country(doc: Doc, i: int, k: int, knowledge: Knowledge, found: list[Candidate]) -> None:
    n = len(doc)
    for width in (3, 2, 1):
        countries = (
            [e for e in knowledge.lookup(name_key(doc[k + 1 : k + 1 + width].text)) if e.cls == "Country"]
            if k + 1 + width <= n
            else []
        )
        same = knowledge.lookup(name_key(doc[i:k].text))
        if countries and not any(e.country == countries[0].id or e.cls in ("Country", "Region") for e in same):
            found.append(
                Candidate(i, k, "City", doc[i:k].text, "place", country=countries[0].id, qualified=True, priority=4)
            )
            return


def _village_in_place(doc: Doc, i: int, k: int, knowledge: Knowledge, found: list[Candidate]) -> None:
    """ "a 30-year-old from Eastbrook in Kisumu": a village placed in a known town or province."""
    for width in (3, 2, 1):
        if k + 1 + width > len(doc):
            continue
        places = [
            e for e in knowledge.lookup(name_key(doc[k + 1 : k + 1 + width].text)) if e.cls in ("Province", "City")
        ]
        if places and len({e.country for e in places}) == 1:
            found.append(
                Candidate(i, k, "City", doc[i:k].text, "place", country=places[0].country, qualified=True, priority=1)
            )
            return


def direction_candidates(doc: Doc, knowledge: Knowledge, words) -> list[Candidate]:
    """``northern Vietnam``, ``Southern China``, ``Vietnam's northeast``: a region of a country."""
    found = []
    n = len(doc)
    for i, token in enumerate(doc):
        low = token.lower_
        if low in knowledge.directions and i + 1 < n:
            j = i + 1
            if doc[j].lower_ == "provinces" and j + 2 < n and doc[j + 1].lower_ == "of":
                j += 2
            for width in (2, 1):
                if j + width > n or not all(t.is_alpha for t in doc[j : j + width]):
                    continue
                if token.is_title and is_place_word(doc[i : j + width].text, knowledge):
                    break  # "South Korea", "South Sudan": the compass word is part of a name, not a region of one
                entries = [e for e in knowledge.lookup(name_key(doc[j : j + width].text)) if e.cls == "Country"]
                if entries and is_capitalised(doc[j]):
                    entry = entries[0]
                    label = f"{knowledge.directions[low]} {entry.name}"
                    found.append(
                        Candidate(
                            i, j + width, "Region", label, "direction", country=entry.id, qualified=True, priority=3
                        )
                    )
                    break
        elif low == "the" and i + 1 < n and is_capitalised(doc[i + 1]) and doc[i + 1].lower_ in knowledge.directions:
            # "the South West", "the North": a part of the country the document is about
            k = i + 1
            while k < n and k - i <= 2 and is_capitalised(doc[k]) and doc[k].lower_ in knowledge.directions:
                k += 1
            if (k >= n or not is_capitalised(doc[k])) and doc[i + 1].lower_ not in ("central", "upper", "lower"):
                adjective = (
                    knowledge.directions.get("".join(t.lower_ for t in doc[i + 1 : k]))
                    or knowledge.directions.get("-".join(t.lower_ for t in doc[i + 1 : k]))
                    or knowledge.directions[doc[k - 1].lower_]
                )
                found.append(Candidate(i + 1, k, "Region", adjective, "direction", priority=1))
        elif (
            is_capitalised(token)
            and i + 2 < n
            and doc[i + 1].text in ("'s", "’s")
            and doc[i + 2].lower_ in knowledge.directions
        ):
            entries = [e for e in knowledge.lookup(name_key(token.text)) if e.cls == "Country"]
            if entries:
                entry = entries[0]
                label = f"{knowledge.directions[doc[i + 2].lower_]} {entry.name}"
                found.append(
                    Candidate(i, i + 3, "Region", label, "direction", country=entry.id, qualified=True, priority=3)
                )
    return found
