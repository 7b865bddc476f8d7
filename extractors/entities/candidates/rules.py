"""The naming tests every candidate source shares: a body's class from its words, noise, acronyms."""

from __future__ import annotations

import re

from spacy.tokens import Doc

from tipgraph.extractors.entities.knowledge import ORG_CLASSES, PLACE_CLASSES, Knowledge
from tipgraph.extractors.naming import CONNECTORS, is_capitalised, name_key
from tipgraph.ontology.namespace import EntityClass

# Parts of speech that open no name: a run of capitalised words loses them at its start.
JUNK_POS = {"VERB", "AUX", "ADV", "PRON", "SCONJ", "ADP", "DET", "PART", "NUM", "INTJ"}


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in CONNECTORS or doc[start].is_punct or doc[start].lower_ in ("'s", "’s")):
        start += 1
    while end > start and (
        doc[end - 1].lower_ in CONNECTORS or doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")
    ):
        end -= 1
    return start, end


def org_class(words: list[str], knowledge: Knowledge) -> EntityClass | None:
    """The class a body's name words say it is (its head word, an IO marker, an NGO's opening words), or None."""
    text = " ".join(words)
    for marker in knowledge.naming["io_markers"]:
        if text.startswith(marker + " ") or text == marker:
            return "InternationalOrganization"
    for mass in knowledge.mass_orgs:
        m = " ".join(mass)
        if f" {m} " in f" {text} ":
            return "Agency"
    for start in knowledge.ngo_starts:
        opening = " ".join(start)
        if text.startswith(opening + " ") or text == opening:
            return "NGO"
    head_agency = head_ngo = -1
    for index, word in enumerate(words):
        if word in knowledge.agency_heads or (
            index + 1 < len(words) and f"{word} {words[index + 1]}" in knowledge.agency_heads
        ):
            head_agency = index
        if word in knowledge.ngo_heads:
            head_ngo = index
    if head_agency < 0 and head_ngo < 0:
        return None
    if head_ngo >= 0 and head_agency >= 0:
        # "Ministry of ... Institute" vs "Foundation ... Department": the first head names the kind
        if words[0] in knowledge.agency_heads or "ministry" in words or "government" in words:
            return "Agency"
        return "NGO" if head_ngo < head_agency or words[head_ngo] in knowledge.ngo_class_heads else "Agency"
    return "Agency" if head_agency >= 0 else "NGO"


def is_place_word(text: str, knowledge: Knowledge) -> bool:
    """Does the gazetteer know ``text`` as a country, province, city or region?"""
    return any(e.cls in PLACE_CLASSES for e in knowledge.lookup(name_key(text)))


def is_kind_not_name(doc, s, e, words, knowledge) -> bool:
    """``Immigration department``: only head and joining words, not all capitalised, names a kind of body."""
    body_words = [w for t in range(s, e) for w in words[t]]
    return all(
        w in knowledge.agency_heads or w in knowledge.ngo_heads or w in CONNECTORS for w in body_words
    ) and not all(is_capitalised(doc[t]) for t in range(s, e) if doc[t].is_alpha and doc[t].lower_ not in CONNECTORS)


def has_proper_word(body_words: list[str], knowledge: Knowledge) -> bool:
    """``NGO and IO``, ``Current NGO``: nothing but generic words is no name."""
    return any(w not in knowledge.generic_modifiers for w in body_words)


_NOISE = re.compile(r"^(?:[A-Z]{1,2}\d*|[A-Z0-9/#¶.\- ]*\d[A-Z0-9/#¶.\- ]*|[^A-Za-z]*)$")


def is_noise(text: str, knowledge: Knowledge) -> bool:
    """Routing codes, tag codes, paragraph marks, lone initials, role words: never an entity."""
    stripped = text.strip()
    if len(stripped) < 2 or _NOISE.match(stripped):
        return True
    if stripped.lower() in knowledge.role_words or stripped.upper() in knowledge.tags and stripped.isupper():
        return True
    if re.fullmatch(r"(?:[A-Z]{2,6}\s+){2,}[A-Z]{2,6}", stripped):  # "ZNY CCCCC ZZH"
        return True
    return False


def acronym_after(doc: Doc, end: int) -> str | None:
    """``... Save the Children UK (STCUK)``: the acronym a name defines in parentheses."""
    if end + 1 < len(doc) and doc[end].text == "(":
        k = end + 1
        if (
            k < len(doc)
            and re.fullmatch(r"[A-Z][A-Za-z]*[A-Z](?:/[A-Z]+)?", doc[k].text)
            and k + 1 < len(doc)
            and doc[k + 1].text in (")", ",")
        ):
            return doc[k].text
        if (
            k + 2 < len(doc)
            and re.fullmatch(r"[A-Z]{2,}", doc[k].text)
            and re.fullmatch(r"I{1,3}|IV|V|[0-9]", doc[k + 1].text)
            and doc[k + 2].text == ")"
        ):
            return f"{doc[k].text} {doc[k + 1].text}"
    return None


def office_in_a_city(span, knowledge: Knowledge) -> bool:
    """ "INS Accra", "DEA Lima", "FBI Manila": a cable's name for a body's office in a city (an acronym,
    then the city), neither a person nor the city."""
    if len(span) != 2 or not (span[0].text.isupper() and span[0].is_alpha and 2 <= len(span[0].text) <= 6):
        return False
    return any(e.cls in ("City", "Country") for e in knowledge.lookup(name_key(span[1].text)))


def joins_two_bodies(doc, i: int, j: int, knowledge: Knowledge, words, longest: int = 8) -> bool:
    """Do the words ``i``..``j`` before an "and" or "or" and the name after it each hold a body's head word
    ("the Ministry of Interior and Customs Service", "Criminal Police and Border Police")? A
    portfolio after "and" holds none ("Ministry of Labour and Social Affairs")."""
    before = [w for x in range(i, j) for w in words[x]]
    after: list[str] = []
    end = j + 1
    while end < min(len(doc), j + 1 + longest) and words[end]:
        if not (is_capitalised(doc[end]) or doc[end].lower_ in CONNECTORS - {"and", "-"}):
            break
        after.extend(words[end])
        end += 1
    # "the Ministry of Health and UNICEF": a body the lists know, named whole after "and", is one of the two
    known = bool(after) and known_body_at(j + 1, knowledge, words, longest=end - j - 1)
    return (
        bool(after) and org_class(before, knowledge) is not None and (known or org_class(after, knowledge) is not None)
    )


def known_body_at(i: int, knowledge: Knowledge, words, longest: int = 6) -> bool:
    """Does a body the lists know start at token ``i`` (its name at most ``longest`` tokens)? Then an "and"
    before it joins two names."""
    key: list[str] = []
    for x in range(i, min(len(words), i + longest)):
        if not words[x]:
            break
        key.extend(words[x])
        if any(e.cls in ORG_CLASSES for e in knowledge.lookup(" ".join(key))):
            return True
    return False
