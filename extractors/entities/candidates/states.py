"""A state's bodies named by nationality: "Ugandan police", "UK law enforcement", "Kenyan immigration",
"the Libyan coast guard", "the Nepali interior ministry"; and a city's police ("Dubai police")."""

from __future__ import annotations

from spacy.tokens import Doc

from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.entities.types import Candidate
from tipgraph.extractors.naming import is_capitalised, name_key


def demonym_body_candidates(doc: Doc, knowledge: Knowledge) -> list[Candidate]:
    """``Ugandan police``, ``UK law enforcement``, ``Kenyan immigration``: a state's body."""
    found = []
    for i, token in enumerate(doc[:-1]):
        if not is_capitalised(token):
            continue
        country, width = _nationality_at(doc, i, knowledge)
        if country is None:
            country, width = _city_at(doc, i, knowledge), 1
        if country is None or i + width >= len(doc):
            continue
        end = _body_end(doc, i + width, knowledge)
        if end is not None:
            found.append(
                Candidate(i, end, "Agency", doc[i:end].text, "demonym", country=country, qualified=True, priority=2)
            )
    return found


def _nationality_at(doc: Doc, i: int, knowledge: Knowledge) -> tuple[str | None, int]:
    """(country, width in tokens) of a nationality word or a country's acronym at ``i``."""
    token = doc[i]
    if token.lower_ in knowledge.demonyms:
        return knowledge.demonyms[token.lower_], 1
    if i + 1 < len(doc) and f"{token.lower_} {doc[i + 1].lower_}" in knowledge.demonyms:
        return knowledge.demonyms[f"{token.lower_} {doc[i + 1].lower_}"], 2
    entries = [e for e in knowledge.lookup(name_key(token.text)) if e.cls == "Country" and token.text.isupper()]
    return (entries[0].id if entries else None), 1


def _city_at(doc: Doc, i: int, knowledge: Knowledge) -> str | None:
    """The country of the one-word city at ``i`` whose police the next word names ("Dubai police")."""
    if i + 1 >= len(doc) or doc[i + 1].lower_ != "police":
        return None
    cities = [e for e in knowledge.lookup(name_key(doc[i].text)) if e.cls in ("City", "Province") and e.country]
    return cities[0].country if cities else None


def _body_end(doc: Doc, h: int, knowledge: Knowledge) -> int | None:
    """Where the body whose head word is at ``h`` ends, or None when the words name no body."""
    head = doc[h]
    for phrase in knowledge.state_body_phrases:  # "coast guard", "interior ministry"
        if tuple(t.lower_ for t in doc[h : h + len(phrase)]) == phrase:
            return h + len(phrase)
    if head.lower_ not in knowledge.state_body_heads:
        return None
    following = doc[h + 1] if h + 1 < len(doc) else None
    if (
        not is_capitalised(head)
        and following is not None
        and following.pos_ in ("NOUN", "PROPN")
        and following.lower_ not in knowledge.state_body_nouns  # "immigration officials" is the body
    ):
        return None  # "Chilean immigration law": a subject, not a body
    end = h + 1
    if head.lower_ == "law" and end < len(doc) and doc[end].lower_ == "enforcement":
        end += 1
    elif head.lower_ in ("security", "border") and end < len(doc) and doc[end].lower_ in knowledge.state_force_nouns:
        end += 1
    elif head.lower_ in ("law", "security", "border"):
        return None
    if end < len(doc) and doc[end].lower_ in knowledge.state_staff_words and head.lower_ in ("immigration", "police"):
        end += 1
    return end
