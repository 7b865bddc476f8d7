"""Each chosen candidate interpreted into a typed entity: its class, label and jurisdiction.

A candidate comes from one source (the gazetteers, the place and direction
rules, the model's persons and organisations, the name patterns); each source
has its reading (:data:`_BY_SOURCE`). A body's label loses its qualifiers
("the", a nationality word, a possessive country) and they set its
jurisdiction instead.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc

from tipgraph.extractors.entities.candidates import (
    has_proper_word,
    is_kind_not_name,
    is_noise,
    office_in_a_city,
    org_class,
)
from tipgraph.extractors.entities.candidates.recognised import national_branch_class
from tipgraph.extractors.entities.jurisdiction import CountryContext, is_demonym
from tipgraph.extractors.entities.knowledge import ORG_CLASSES, Knowledge
from tipgraph.extractors.entities.place_entries import choose_entry, city_named, place_is_plausible
from tipgraph.extractors.entities.types import Candidate, FoundEntity
from tipgraph.extractors.naming import CONNECTORS, is_capitalised, name_key, name_words
from tipgraph.ontology.gazetteer import GazetteerEntry


def _titled(doc: Doc, start: int, knowledge: Knowledge) -> bool:
    """Is the word at ``start`` preceded by a title or honorific (``President Mugabe``, ``Mr. Yaran``)?"""
    k = start - 1
    if k >= 0 and doc[k].text == ".":
        k -= 1
    if k < 0:
        return False
    low = doc[k].lower_
    if not is_capitalised(doc[k]):
        return False
    return (
        low in knowledge.title_heads
        or low in knowledge.honorifics
        or low + "." in knowledge.honorifics
        or low in knowledge.abbreviated_titles
    )


def interpret(
    doc, cand: Candidate, knowledge: Knowledge, context: CountryContext, words, ner_counts: Counter
) -> FoundEntity | None:
    """The entity ``cand`` names, or None when it names none."""
    text = doc[cand.start : cand.end].text.strip()
    key = name_key(text)
    if not key or (cand.source != "gaz" and (key in knowledge.generic or is_noise(text, knowledge))):
        return None
    reading = _BY_SOURCE.get(cand.source)
    if reading is not None:
        return reading(doc, cand, knowledge, context)
    if cand.source == "ner":
        found = _ner_organisation(doc, cand, knowledge, words, ner_counts)
        if found is None:
            return None
        cand = found
    entity = _body(doc, cand, knowledge, context)
    if entity is not None and cand.source == "branch":
        entity.branch = True
        entity.label = text  # "Kenyan Red Cross": the country word names the branch, it is no qualifier
    return entity


def _gazetteer_entity(doc, cand: Candidate, knowledge: Knowledge, context: CountryContext) -> FoundEntity | None:
    entry = choose_entry(cand, context, doc, knowledge)
    if entry is None:
        return None
    if entry.cls in ("Province", "City") and not place_is_plausible(entry, cand, doc, knowledge, context):
        return None
    end = cand.end
    if (
        end < len(doc)
        and entry.cls == "Province"
        and doc[end].lower_ in knowledge.province_kind_words
        and not is_capitalised(doc[end])
    ):
        end += 1
    if city_named(entry, cand, doc, knowledge):
        # "Yerevan", "Tbilisi": a city that is its own first-level division is named as the city, as written
        written = doc[cand.start : cand.end].text
        label = written if name_key(written) in {name_key(n) for n in entry.names} else entry.name
        return FoundEntity(
            label, "City", [doc[cand.start : cand.end]], entry=entry, country=entry.country, qualified=True
        )
    return FoundEntity(
        entry.name, entry.cls, [doc[cand.start : end]], entry=entry, country=entry.country, qualified=True
    )


def _place_entity(doc, cand: Candidate, knowledge: Knowledge, context: CountryContext) -> FoundEntity | None:
    span = doc[cand.start : cand.end]
    return FoundEntity(cand.label, cand.cls, [span], country=cand.country or context.home, qualified=cand.qualified)


def _direction_entity(doc, cand: Candidate, knowledge: Knowledge, context: CountryContext) -> FoundEntity | None:
    span = doc[cand.start : cand.end]
    if cand.country is None:  # "the South West" of the document's country
        country = context.home
        if country is None or country not in knowledge.gazetteer:
            return None
        return FoundEntity(f"{cand.label} {knowledge.gazetteer.get(country).name}", "Region", [span], country=country)
    return FoundEntity(cand.label, "Region", [span], country=cand.country, qualified=True)


def _person_entity(doc, cand: Candidate, knowledge: Knowledge, context: CountryContext) -> FoundEntity | None:
    span = doc[cand.start : cand.end]
    text = span.text.strip()
    key = name_key(text)
    if len(text) < 2 or text.isupper() or any(c.isdigit() for c in text) or key in knowledge.role_words:
        return None
    if any(
        w in knowledge.non_name_words
        or w in knowledge.agency_heads
        or w in knowledge.ngo_heads
        or w in knowledge.place_words
        for w in name_words(text)
    ):
        return None
    if doc.heading(span.sent) and span.sent[0].text != "By":
        return None
    known = knowledge.lookup(key)
    if known and not (_titled(doc, cand.start, knowledge) and all(e.cls in ("City", "Province") for e in known)):
        return None  # a known name, but a town's right after a title is the person's ("President Bush")
    if cand.end - cand.start == 1 and not _titled(doc, cand.start, knowledge):
        return None  # a lone word the model calls a person: a short name (resolved later) or noise
    return FoundEntity(text, "Person", [span])


# How each source's candidate becomes an entity; the model's organisations and the
# name patterns are bodies (:func:`_body`).
def _listed_body(doc, cand: Candidate, knowledge: Knowledge, context: CountryContext) -> FoundEntity | None:
    """One body of "the Ministries of A, B and C": its label is the singular head with its item."""
    return FoundEntity(cand.label, cand.cls, [doc[cand.start : cand.end]], country=context.home)


_BY_SOURCE: dict[str, Callable[..., FoundEntity | None]] = {
    "gaz": _gazetteer_entity,
    "place": _place_entity,
    "direction": _direction_entity,
    "person": _person_entity,
    "plural": _listed_body,
}


def _ner_organisation(doc, cand: Candidate, knowledge: Knowledge, words, ner_counts: Counter) -> Candidate | None:
    """The model's organisation without a head word: kept when the text repeats it, typed as NGO."""
    span = doc[cand.start : cand.end]
    text = span.text.strip()
    key = name_key(text)
    if cand.label.lower() in knowledge.role_words or len(words[cand.start]) == 0:
        return None
    cls = org_class([w for t in range(cand.start, cand.end) for w in words[t]], knowledge)
    if cls is None and office_in_a_city(span, knowledge):
        cls = "Agency"
    source = "pattern"
    if cls is None:
        cls = national_branch_class(doc, cand, knowledge)
        source = "branch" if cls is not None else source
    caps = all(t.text.isupper() or not t.is_alpha for t in span)
    if cls is None and not caps:
        return None  # a title-case name without a head word is as often a person, place or title
    if cls is None and len(text) <= 3 and ner_counts[key] < 3:
        return None
    if not has_proper_word(name_words(text), knowledge) or is_kind_not_name(
        doc, cand.start, cand.end, words, knowledge
    ):
        return None
    return Candidate(cand.start, cand.end, cls or "NGO", text, source)


def _body(doc, cand: Candidate, knowledge: Knowledge, context: CountryContext) -> FoundEntity | None:
    """A body named by a pattern (or the model): its label without qualifiers, and its jurisdiction."""
    if _in_work_title(doc, cand.start, knowledge):
        return None  # "its annual report, Ending Forced Labour: What Works ...": a title
    end = cand.end
    if end - cand.start > 3 and doc[end - 2].lower_ == "for" and is_demonym(doc[end - 1].lower_, knowledge):
        end -= 2  # "Shelter Centre for Ugandans": the people it serves are no part of the name
    owner = _acronym_owner(doc, cand.start, knowledge)
    if owner is not None and cand.source == "pattern" and not knowledge.lookup(name_key(doc[cand.start : end].text)):
        # "World Health Organization (WHO) Field Office": the WHO's office
        label = f"{doc[cand.start - 2].text} {doc[cand.start : end].text}"
        cls = "InternationalOrganization" if owner.cls == "InternationalOrganization" else cand.cls
        return FoundEntity(
            label,
            cls,
            [doc[cand.start : end]],
            country=owner.country,
            qualified=owner.country is not None,
            extra_aliases={label},
        )
    cand = Candidate(
        cand.start,
        end,
        cand.cls,
        doc[cand.start : end].text,
        cand.source,
        cand.entry,
        cand.entries,
        cand.country,
        cand.qualified,
        cand.priority,
    )
    label_start, country, qualified = _strip_qualifiers(doc, cand, knowledge, context)
    label = doc[label_start : cand.end].text
    if (
        name_key(label) in knowledge.generic
        or (len(name_words(label)) == 1 and name_key(label) in knowledge.agency_heads)
        or tuple(label.split()) in knowledge.state_body_phrases  # "the Libyan coast guard": no name without it
    ):
        label = doc[cand.start : cand.end].text
        if doc[cand.start].lower_ == "the":
            label = doc[cand.start + 1 : cand.end].text
    if not qualified:
        inside = _place_inside(doc, cand, knowledge, context)
        if inside is not None:
            country, qualified = inside.country, True
    label, country, qualified = _country_after(doc, cand, label, knowledge, country, qualified)
    cls = cand.cls
    if cls == "Agency" and not qualified:
        country = context.home if not re.search(r"\b(embassy|consulate|embassies)\b", label.lower()) else None
    elif cls == "NGO" and not qualified and country is None:
        country = context.home  # an NGO no list knows and the text places nowhere works where the story is
    return FoundEntity(label, cls, [doc[cand.start : cand.end]], country=country, qualified=qualified)


def _country_after(
    doc, cand: Candidate, label: str, knowledge: Knowledge, country: str | None, qualified: bool
) -> tuple[str, str | None, bool]:
    """(label, country, qualified) when a country follows the body's name: "Ministry of Health of Kenya"."""
    tail = re.match(r"^(.+?) of (?:the )?(.+)$", label)
    if tail:
        countries = [e for e in knowledge.lookup(name_key(tail.group(2))) if e.cls == "Country"]
        if countries:  # the country inside the name: the label loses it, unless only a kind is left
            bare = [w for w in name_words(tail.group(1)) if w != "the"]
            kind_only = len(bare) == 1 and (bare[0] in knowledge.agency_heads or bare[0] in knowledge.ngo_heads)
            label = label if kind_only else tail.group(1)  # "Embassy of Sweden" is no "Embassy"
            country, qualified = countries[0].id, True
    if not qualified and cand.end + 1 < len(doc) and doc[cand.end].lower_ == "of":
        # the country right after the name
        entries = [e for e in knowledge.lookup(name_key(doc[cand.end + 1].text)) if e.cls == "Country"]
        if entries:
            country, qualified = entries[0].id, True
    return label, country, qualified


def _strip_qualifiers(
    doc, cand: Candidate, knowledge: Knowledge, context: CountryContext | None = None
) -> tuple[int, str | None, bool]:
    """(label start, country, qualified): "the", a nationality word or a possessive country before a body's name."""
    label_start = cand.start
    country = cand.country
    qualified = cand.qualified
    while label_start < cand.end - 1:
        tok = doc[label_start]
        nxt = doc[label_start + 1]
        code = knowledge.country_of_word(tok.text, context) if is_capitalised(tok) else None
        two = f"{tok.lower_} {nxt.lower_}"
        if tok.lower_ in ("the", "ngo", "ngos"):
            label_start += 1
        elif two in knowledge.jurisdiction_words or tok.lower_ in knowledge.jurisdiction_words:
            country, qualified = knowledge.jurisdiction_words.get(two) or knowledge.jurisdiction_words[tok.lower_], True
            break
        elif code and nxt.text in ("'s", "’s"):
            country, qualified = code, True
            if tok.lower_ not in knowledge.demonyms and not any(
                e.cls == "Country" or e.id.startswith("gov:") for e in knowledge.lookup(name_key(tok.text))
            ):
                break  # "Hunan's Civil Affairs Department": a province's body keeps the province in its name
            label_start += 2
        elif two in knowledge.demonyms and label_start + 2 < cand.end:
            country, qualified = knowledge.demonyms[two], True
            label_start += 2
        elif tok.lower_ in knowledge.demonyms:
            country, qualified = knowledge.demonyms[tok.lower_], True
            label_start += 1
        elif code and tok.text.isupper() and len(tok.text) >= 3:  # a government acronym: "GOZ Ministry of ..."
            country, qualified = code, True
            label_start += 1
        else:
            break
    return label_start, country, qualified


def _place_inside(doc, cand: Candidate, knowledge: Knowledge, context: CountryContext) -> GazetteerEntry | None:
    """The country or province named inside a body: "Save the Children UK", "Hunan PSB"."""
    for t in range(cand.start, cand.end):
        if not is_capitalised(doc[t]):
            continue
        for width in (3, 2, 1):
            if t + width > cand.end:
                continue
            entries = [
                e
                for e in knowledge.lookup(name_key(doc[t : t + width].text))
                if e.cls in ("Country", "Province") and not e.id.startswith("gov:")
            ]
            if entries:
                return min(entries, key=lambda e: (-context.get(e.country or "", 0), e.cls != "Country"))
    return None


def _acronym_owner(doc, start: int, knowledge: Knowledge) -> GazetteerEntry | None:
    """The known body whose acronym stands in parentheses just before ``start``: ``... (IOM) Reception Center``."""
    if start < 3 or doc[start - 1].text != ")" or doc[start - 3].text != "(" or not doc[start - 2].text.isupper():
        return None
    entries = [e for e in knowledge.lookup(name_key(doc[start - 2].text)) if e.cls in ORG_CLASSES]
    return entries[0] if len(entries) == 1 else None


def _in_work_title(doc, start: int, knowledge: Knowledge) -> bool:
    """Does a report's or book's title run over ``start`` ("its report, Combating ...: Lessons Learned ...")?"""
    k = start - 1
    sent_start = doc[start].sent.start
    while (
        k > sent_start
        and start - k <= 15
        and (is_capitalised(doc[k]) or doc[k].lower_ in CONNECTORS or doc[k].text in (":", "-", "–", "—"))
    ):
        k -= 1
    if k < sent_start:
        return False
    if doc[k].lower_ in knowledge.title_markers:
        # "PolOff called on the Minister": a visit, not a work "called" so
        return doc[k + 1].lower_ not in ("on", "upon")
    return doc[k].text in (",", ":") and k > sent_start and doc[k - 1].lower_ in knowledge.work_nouns
