"""Which country a document is about and written from, and the nationalities it names.

:func:`document_countries` weighs every country the document names (to tell
whether a place name is in play) and picks its home country, the one
unqualified bodies ("the police", "the Ministry of Foreign Affairs") belong
to: a cable's sending post, the publication's country-code domain, a news
dateline, the country's own towns, its people. :func:`demonym_uses` finds
nationality words and :func:`nationality_countries` the countries a text
names only through their people.

>>> from tipgraph.extractors.pipeline import load_pipeline
>>> from tipgraph.extractors.entities.types import DocView
>>> from tipgraph.extractors.entities.knowledge import Knowledge
>>> doc = DocView(load_pipeline()("COLOMBO, Jan 7 (Reuters) - Sri Lankans recruited for Russia's army were freed."))
>>> context = document_countries(doc, Knowledge.load(), [])
>>> context.home, [(u.country, u.person_noun) for u in demonym_uses(doc, Knowledge.load())]
('LK', [('LK', True)])
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from spacy.tokens import Doc

from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.entities.types import Candidate, DocView, FoundEntity
from tipgraph.extractors.naming import is_capitalised, name_key


@dataclass
class DemonymUse:
    """A nationality word in the text: ``Chinese``, ``Sri Lankans``."""

    start: int
    end: int
    country: str
    person_noun: bool  # names people ("10,000 Chinese", "Sri Lankans were"), not a modifier
    foreign_body: bool  # qualifies a body ("the Russian Embassy")


_NOUN_FOLLOWERS = {"VERB", "AUX", "ADP", "CCONJ", "PUNCT", "PART", "SCONJ", "ADV"}


def _ends_area_adjective(doc, i: int, knowledge: Knowledge) -> bool:
    """Is the word at ``i`` the end of an area's adjective ("South American", "West African" women come
    from South America and West Africa, not from the United States or Africa's every country)?"""
    if i == 0 or not is_capitalised(doc[i - 1]):
        return False
    entry = knowledge.gazetteer.by_origin_word(f"{doc[i - 1].text} {doc[i].text}")
    return entry is not None and entry.cls == "Region"


def demonym_uses(doc, knowledge: Knowledge) -> list[DemonymUse]:
    """Every nationality word of ``doc``, with whether it names people or qualifies a foreign body."""
    cached = getattr(doc, "_demonym_uses", None)  # a DocView keeps them: two steps read them
    if cached is not None:
        return cached
    uses = []
    n = len(doc)
    starts = knowledge.demonym_starts
    i = 0
    while i < n:
        token = doc[i]
        low = token.lower_
        if low not in starts or not is_capitalised(token) or _ends_area_adjective(doc, i, knowledge):
            i += 1
            continue
        found = None
        for width in (2, 1):
            if i + width > n:
                continue
            words = low if width == 1 else f"{low} {doc[i + 1].lower_}"
            if words in knowledge.demonyms:
                found = (width, knowledge.demonyms[words], False)
            elif words.endswith("s") and words[:-1] in knowledge.demonyms:
                found = (width, knowledge.demonyms[words[:-1]], True)  # "Sri Lankans", "Nigerians"
            if found:
                break
        if not found:
            i += 1
            continue
        width, code, plural = found
        end = i + width
        following = doc[end] if end < n else None
        foreign = following is not None and following.lower_ in knowledge.foreign_body_words
        before = doc[i - 1] if i > 0 else None
        noun = (
            plural
            or following is None
            or (following.pos_ in _NOUN_FOLLOWERS and following.text not in ("'s", "’s", "-"))
            or (before is not None and before.pos_ in ("NUM", "DET") and before.lower_ not in ("the", "a", "an"))
        )
        uses.append(DemonymUse(i, end, code, noun and not foreign, foreign))
        i = end
    if isinstance(doc, DocView):
        doc._demonym_uses = uses
    return uses


def nationality_countries(doc, knowledge: Knowledge, entities: list[FoundEntity]) -> list[FoundEntity]:
    """A country the text names only through its people ("8,000 Haitians ... these Haitians were heading for
    Mexico"): the people's country is part of the story."""
    named = {e.entry.id for e in entities if e.entry is not None and e.cls == "Country"}
    spans: dict[str, list] = {}
    for use in demonym_uses(doc, knowledge):
        if use.person_noun and use.country not in named:
            spans.setdefault(use.country, []).append(doc[use.start : use.end])
    found = []
    for code, country_spans in spans.items():
        if len(country_spans) >= 2 and code in knowledge.gazetteer:
            entry = knowledge.gazetteer.get(code)
            found.append(FoundEntity(entry.name, "Country", country_spans, entry=entry, country=code, qualified=True))
    return found


class CountryContext(Counter[str]):  # counts, and weights: a province named counts half
    """How often the document names each country, and the country it is written from (``home``)."""

    home: str | None = None


def document_countries(doc: Doc, knowledge: Knowledge, chosen: list[Candidate]) -> CountryContext:
    """How strongly the document is about each country, and which one is its home.

    The counts (names, demonyms, provinces) tell whether a place name is in
    play. The home country, which unqualified bodies ("the Ministry of
    Foreign Affairs", "the police") belong to, is weighed otherwise: a story
    about Sri Lankans trafficked to Russia names Russia most, but it is
    written from Sri Lanka. What identifies the home: the sending post of a
    cable, the publication's country-code domain, a dateline, the country's
    own towns and provinces, the nationality of its people; raw counts of a
    country's name only count logarithmically, and a demonym before a body
    ("the Russian Embassy", "the Russian army") names a foreign body, not
    the home.
    """
    counts = CountryContext()
    names: Counter[str] = Counter()
    places: dict[str, set[str]] = {}
    for cand in chosen:
        if cand.source == "direction" and cand.country:  # "the southern provinces of Zimbabwe" names Zimbabwe
            counts[cand.country] += 1
            names[cand.country] += 1
        if cand.source == "gaz" and cand.entry is not None:
            if cand.entry.cls == "Country":
                counts[cand.entry.id] += 1
                names[cand.entry.id] += 1
            elif cand.entry.cls in ("Province", "City"):
                if cand.entry.cls == "Province" and len({e.country for e in cand.entries}) == 1:
                    counts[cand.entry.country] += 0.5  # type: ignore[assignment, index]
                # a town's name shared abroad (Colombo, Galle) is the biggest town of the name
                town = max(cand.entries, key=lambda e: (e.cls == "Province", e.population or 0))
                places.setdefault(town.country, set()).add(town.id)
    people: Counter = Counter()
    for use in demonym_uses(doc, knowledge):
        counts[use.country] += 0.5  # type: ignore[assignment]
        if not use.foreign_body:
            people[use.country] += 1
    home: Counter[str] = Counter()  # weights (floats) by country
    for code in sorted(set(names) | set(people) | set(places)):  # sorted: ties break the same in every process
        weight = 2 * math.log2(1 + names[code]) + math.log2(1 + people[code]) + min(1.5 * len(places.get(code, ())), 6)
        home[code] = weight  # type: ignore[assignment]
    source = doc._.tipgraph_source_text or ""
    if code := _sending_post_country(source, knowledge):
        counts[code] += 5
        home[code] += 8
        counts["__cable__"] = 1
    if code := _publication_country(source, knowledge):
        home[code] += 6
    if code := _dateline_country(source, knowledge):
        home[code] += 6
    ranked = [(n, c) for c, n in home.most_common() if not (counts.get("__cable__") and c == "US")]
    counts.home = ranked[0][1] if ranked and ranked[0][0] >= 1 else None
    return counts


_POST_LINE = re.compile(
    r"^(?:FM AMEMBASSY|FM AMCONSUL|FM USMISSION|Embassy|Consulate)\s+([A-Z][A-Za-z ]+?)\s*$", re.MULTILINE
)
_POST_AFTER_MARK = re.compile(
    r"(?:UNCLAS|C O N F I D E N T I A L|S E C R E T|CONFIDENTIAL|SECRET)(?:\s+SECTION \d+ OF \d+)?\s+([A-Z][A-Z ]+?)\s+\d{3,}"
)


_POST_KINDS = {"FM AMCONSUL": "Consulate", "Consulate": "Consulate", "FM USMISSION": "Mission"}


def sending_post(source: str) -> tuple[str, str] | None:
    """A cable's sending post as (kind, town): ("Embassy", "HARARE") from "FM AMEMBASSY HARARE"."""
    line = _POST_LINE.search(source[:3000])
    if line is not None:
        return _POST_KINDS.get(line.group(0).split(line.group(1))[0].strip(), "Embassy"), line.group(1).strip()
    mark = _POST_AFTER_MARK.search(source[:5000])
    return ("Embassy", mark.group(1).strip()) if mark is not None else None


def _sending_post_country(source: str, knowledge: Knowledge) -> str | None:
    """The country of a cable's sending post ("FM AMEMBASSY ..." or the post after the classification)."""
    post = sending_post(source)
    # a post is a capital or a great city: Santiago is Chile's, not a Cuban province's
    posts = [e for e in knowledge.lookup(name_key(post[1])) if e.country] if post else []
    if not posts:
        return None
    return max(posts, key=lambda e: (e.cls == "Country", e.capital, e.population or 0)).country


_URL = re.compile(r"https?://(?:[\w-]+\.)+([a-z]{2})(?=[/:\s)\]]|$)", re.IGNORECASE)
_DATELINE = re.compile(
    r"^\s*([A-Z][A-Z]+(?:[ -][A-Z]+){0,2}),?(?: [A-Z][a-z]{2,8}\.? \d{1,2},?(?: \d{4})?)?(?: \([A-Za-z .]+\))? ?[-\u2013\u2014]",
    re.MULTILINE,
)


def _publication_country(source: str, knowledge: Knowledge) -> str | None:
    """The country-code domain of the page's own address, given at its head (``dailymirror.lk`` -> LK)."""
    match = _URL.search(source[:800])
    if not match:
        return None
    tld = match.group(1).lower()
    if tld in knowledge.vanity_tlds:
        return None
    code = knowledge.tld_countries.get(tld, tld.upper())
    return code if code in knowledge.gazetteer else None


def _dateline_country(source: str, knowledge: Knowledge) -> str | None:
    """A news dateline, ``COLOMBO, Jan 7 (Reuters) -``: the town the story is filed from."""
    match = _DATELINE.search(source[:3000])
    if not match:
        return None
    entries = [e for e in knowledge.lookup(name_key(match.group(1))) if e.cls in ("City", "Province", "Country")]
    if not entries:
        return None
    return max(entries, key=lambda e: (e.cls == "Country", e.population or 0)).country


def is_demonym(word: str, knowledge: Knowledge) -> bool:
    """Is the lower-cased ``word`` a nationality word, singular or plural (``zimbabweans``)?"""
    return word in knowledge.demonyms or (word.endswith("s") and word[:-1] in knowledge.demonyms)
