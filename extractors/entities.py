"""Find and type actors and places: the statistical model plus world knowledge.

:func:`find_entities` is a pure generator over a parsed ``Doc`` that yields
one :class:`FoundEntity` per distinct entity; :class:`EntityExtractor` is the
spaCy component that holds the gazetteer and naming conventions, runs the
generator and writes ``doc._.entities`` and ``doc.spans["tipgraph"]`` (one
span per mention, ``label_`` the class and ``kb_id_`` the entity key) for the
relation extractors.

Candidates come from four sources, strongest first: gazetteer names (countries,
subdivisions, cities, regions, known bodies, governments), naming patterns of
the genre (a run of capitalised words holding a head word such as "Ministry"
or "Foundation", or a demonym before "police"), the model's PERSON spans
(repaired and stripped of titles), and the model's ORG spans. They are then
resolved within the document: acronyms defined in parentheses, short names of
persons, bare body names that a qualified one explains, jurisdictions.

>>> from extractors.pipeline import load_pipeline
>>> nlp = load_pipeline()
>>> doc = nlp("Vietnamese Consul Pham Thanh Binh met UNICEF. Binh said so.")
>>> sorted((e.label, e.cls, e.role) for e in doc._.entities)
[('Pham Thanh Binh', 'Official', 'Consul'), ('UNICEF', 'InternationalOrganization', None)]
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from ontology.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer, load_naming

from .records import EntityRecord, Mention
from .source import source_span

SPAN_KEY = "tipgraph"
ORG_CLASSES = ("Agency", "NGO", "InternationalOrganization")
PLACE_CLASSES = ("Country", "Province", "City", "Region")
CONNECTORS = {"of", "for", "and", "on", "the", "against", "to", "&", "-", "in", "de", "del", "des", "du", "la", "pour", "les"}
RUN_CONNECTORS = CONNECTORS - {"in"}
JUNK_POS = {"VERB", "AUX", "ADV", "PRON", "SCONJ", "ADP", "DET", "PART", "NUM", "INTJ"}
MAX_NAME_TOKENS = 9


def _fold(text: str) -> str:
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in text if not unicodedata.combining(c))


@lru_cache(maxsize=200_000)
def _name_words(text: str) -> tuple[str, ...]:
    text = _POSSESSIVE.sub("", _fold(text).lower())
    return tuple(_WORD.findall(text))


_POSSESSIVE = re.compile(r"['’]s\b")
_WORD = re.compile(r"[a-z0-9]+")


def name_words(text: str) -> list[str]:
    """The comparable words of a name: folded, lower-cased, without possessive 's."""
    return list(_name_words(text))


def name_key(text: str) -> str:
    return " ".join(name_words(text))


@dataclass
class Knowledge:
    """The gazetteer and the naming conventions, indexed for matching."""

    gazetteer: Gazetteer
    naming: dict
    by_key: dict[str, list[GazetteerEntry]] = field(default_factory=dict)
    exact_case: dict[str, set[str]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, directory: Path | None = None) -> Knowledge:
        gazetteer = load_gazetteer(directory) if directory else load_gazetteer()
        naming = load_naming(directory) if directory else load_naming()
        knowledge = cls(gazetteer, naming)
        from spacy.lang.en.stop_words import STOP_WORDS

        common = set(STOP_WORDS) | set(naming["title_words"]) | set(naming["agency_heads"]) | set(naming["ngo_heads"])
        common |= set(naming["directions"]) | {name_key(w) for w in naming["generic_names"]} | set(naming["generic_modifiers"])
        common |= set(naming["non_name_words"]) | set(naming["place_words"])
        directions = naming["directions"]
        for entry in gazetteer:
            for name in entry.names:
                # name_key without its cache: each of the ~140,000 names is keyed once here
                key = " ".join(_WORD.findall(_POSSESSIVE.sub("", _fold(name).lower())))
                if not key:
                    continue
                if entry.cls != "Country" and not name.isupper():
                    if key in common:
                        continue
                    if key.split(" ", 1)[0] in directions and all(w in directions for w in key.split()):
                        continue
                bucket = knowledge.by_key.setdefault(key, [])
                if not bucket or bucket[-1] is not entry:  # an entry's names come together
                    bucket.append(entry)
                if name.replace(".", "").replace("/", "").isupper() and len(name) <= 8:
                    knowledge.exact_case.setdefault(key, set()).add(name)
            for demonym in entry.demonyms:
                knowledge.demonyms.setdefault(demonym.lower(), entry.id)
        # first words of demonyms, singular and plural: a cheap test before a token is looked at further
        knowledge.demonym_starts = {d.split()[0] for d in knowledge.demonyms} | {d.split()[0] + "s" for d in knowledge.demonyms if " " not in d}
        n = naming
        knowledge.agency_heads = {w for w in n["agency_heads"]}
        knowledge.ngo_heads = set(n["ngo_heads"])
        knowledge.title_words = set(n["title_words"]) | set(n["title_heads"])
        knowledge.title_heads = set(n["title_heads"])
        knowledge.honorifics = set(n["honorifics"])
        knowledge.role_words = {w.lower() for w in n["cable_role_words"]}
        knowledge.tags = set(n["cable_tags"])
        knowledge.generic = {name_key(w) for w in n["generic_names"]}
        knowledge.family_names = set(n.get("family_names", []))
        knowledge.particles = set(n["person_particles"])
        knowledge.mass_orgs = [name_words(w) for w in n["state_mass_organisations"]]
        knowledge.directions = n["directions"]
        knowledge.place_words = n["place_words"]
        knowledge.abbreviated_titles = n["abbreviated_titles"]
        knowledge.generic_modifiers = set(n["generic_modifiers"])
        knowledge.title_lead = set(n["title_heads"]) | {"deputy", "vice", "senior", "acting", "prime", "chief", "executive", "assistant", "political", "economic", "country", "first", "second", "third"}
        knowledge.non_name_words = set(n["non_name_words"])
        knowledge.jurisdiction_words = n["jurisdiction_words"]
        knowledge.ngo_starts = [name_words(w) for w in n["ngo_name_starts"]]
        knowledge.ministry_acronyms = n.get("ministry_acronyms", {})
        knowledge.place_phrases = n.get("place_phrases", {})
        knowledge.foreign_body_words = set(n.get("foreign_body_words", []))
        knowledge.service_words = set(n.get("state_service_words", []))
        knowledge.work_nouns = set(n.get("work_nouns", []))
        knowledge.title_markers = set(n.get("work_title_markers", []))
        knowledge.vanity_tlds = set(n.get("vanity_tlds", []))
        knowledge.tld_countries = n.get("tld_countries", {})
        return knowledge

    def lookup(self, key: str) -> list[GazetteerEntry]:
        return self.by_key.get(key, [])

    def province_keys(self, country: str) -> list[tuple[str, GazetteerEntry]]:
        """The name keys of a country's first-level subdivisions, for telling a misspelling."""
        index = self.__dict__.setdefault("_province_keys", {})
        if country not in index:
            index[country] = [(name_key(name), e) for e in self.gazetteer if e.cls == "Province" and e.country == country for name in e.names]
        return index[country]

    def country_of_word(self, word: str) -> str | None:
        """ISO code for a demonym, country name or government acronym (``Vietnamese``, ``GOZ``)."""
        if code := self.demonyms.get(word.lower()):
            return code
        for entry in self.lookup(name_key(word)):
            if entry.cls in ("Country", "Province") or entry.id.startswith("gov:"):
                return entry.country
        return None


@dataclass
class FoundEntity:
    """An entity under construction: its mentions (spans of the cleaned doc) and attributes."""

    label: str
    cls: str
    spans: list[Span] = field(default_factory=list)
    entry: GazetteerEntry | None = None
    country: str | None = None
    role: str | None = None
    affiliation: FoundEntity | None = None
    acronyms: set[str] = field(default_factory=set)
    extra_aliases: set[str] = field(default_factory=set)
    qualified: bool = False  # jurisdiction stated in the text rather than assumed

    @property
    def key(self) -> tuple:
        if self.entry is not None:
            return ("gaz", self.entry.id)
        family = "Person" if self.cls in ("Person", "Official") else self.cls
        if family == "Person":
            return (family, canonical_body_key(self.label), self.country)
        return (family, body_identity(self.label), self.country)

    def absorb(self, other: FoundEntity) -> None:
        self.spans.extend(other.spans)
        self.acronyms |= other.acronyms
        self.extra_aliases |= other.extra_aliases
        self.role = self.role or other.role
        self.affiliation = self.affiliation or other.affiliation
        if other.cls == "Official":
            self.cls = "Official" if self.cls == "Person" else self.cls
        if self.country is None:
            self.country = other.country


def canonical_body_key(label: str) -> str:
    """``Civil Affairs Department`` and ``Department of Civil Affairs`` are one body.

    >>> canonical_body_key("Foreign Ministry"), canonical_body_key("Edo Task Force")
    ('ministry of foreign affairs', 'edo taskforce')
    """
    words = name_words(label)
    if words and words[0] == "the":
        words = words[1:]
    if len(words) >= 3 and words[0] == "government" and words[1] in _GOVERNMENT_BODIES:
        words = words[1:]  # "Government Ministry for Social Welfare"
    text = f" {' '.join(words)} "
    for phrase, replacement in _body_variants().items():
        if f" {phrase} " in text:
            text = text.replace(f" {phrase} ", f" {replacement} ")
    words = text.split()
    heads = ("department", "ministry", "bureau", "office", "committee", "commission")
    if len(words) >= 2 and words[-1] in heads and "of" not in words:
        words = [words[-1], "of", *words[:-1]]
    return " ".join(words)


_GOVERNMENT_BODIES = {"ministry", "department", "agency", "office", "bureau", "commission", "committee"}
_BODY_FILLERS = {"of", "for", "the", "and", "on", "to", "in", "&", "s"}
# who speaks for a body, not another body: "immigration officials" are the immigration service
_BODY_STAFF = {"officials", "official", "authorities", "authority", "officers", "staff", "personnel"}


@lru_cache(maxsize=1)
def _body_variants() -> dict[str, str]:
    return load_naming().get("body_name_variants", {})


def body_identity(label: str) -> str:
    """What two names of one body share, whatever their word order and filler words.

    >>> body_identity("Guangxi Civil Affairs Department") == body_identity("Guangxi Department of Civil Affairs")
    True
    >>> body_identity("Zimbabwean immigration officials") == body_identity("Zimbabwean immigration")
    True
    """
    words = [w for w in canonical_body_key(label).split() if w not in _BODY_FILLERS]
    core = [w for w in words if w not in _BODY_STAFF]
    words = core or words
    if len(words) >= 4:  # "Edo State Taskforce against Human Trafficking" is the "Edo Taskforce ..."
        words = [w for w in words if w not in ("state", "provincial")]
    return " ".join(sorted(set(words)))


# ---------------------------------------------------------------------------
# candidate spans

@dataclass
class Candidate:
    start: int
    end: int
    cls: str
    label: str
    source: str
    entry: GazetteerEntry | None = None
    entries: tuple = ()
    country: str | None = None
    qualified: bool = False
    priority: int = 0


def _is_cap(token) -> bool:
    text = token.text
    return bool(text) and (text[0].isupper() or (text[0].isdigit() and False))


def _gazetteer_candidates(doc: Doc, knowledge: Knowledge, words: list[list[str]]) -> list[Candidate]:
    found = []
    n = len(doc)
    for i in range(n):
        token = doc[i]
        if not _is_cap(token) or token.is_space:
            continue
        key_parts: list[str] = []
        best = None
        for j in range(i, min(n, i + MAX_NAME_TOKENS)):
            tok = doc[j]
            if tok.is_space or "\n" in tok.text:
                break
            if j > i and not _is_cap(tok) and tok.lower_ not in CONNECTORS and not words[j] == [] and tok.lower_ not in ("government", "authorities", "side", "region", "sub", "subregion"):
                break
            key_parts.extend(words[j])
            if not words[j] and tok.text not in ("'s", "’s", "-", ".", "/", "&", ","):
                break
            if (not _is_cap(doc[j]) and j > i and doc[j].lower_ in CONNECTORS) or not words[j]:
                continue
            entries = knowledge.lookup(" ".join(key_parts))
            if not entries:
                continue
            surface = doc[i : j + 1].text
            exact = knowledge.exact_case.get(" ".join(key_parts))
            if exact and surface.replace(" ", "") not in {e.replace(" ", "") for e in exact} and not any(
                e for e in entries for name in e.names if name_key(name) == " ".join(key_parts) and not name.isupper()
            ):
                continue
            best = (j + 1, entries)
        if best:
            end, entries = best
            if end < n and doc[end].lower_ in ("state", "province") and _is_cap(doc[end]) and any(e.cls == "Province" for e in entries):
                end += 1  # "Edo State", "Bac Giang Province"
                entries = [e for e in entries if e.cls == "Province"] + [e for e in entries if e.cls != "Province"]
            found.append(Candidate(i, end, entries[0].cls, entries[0].name, "gaz", entries[0], tuple(entries), entries[0].country, priority=3))
    return found


def _trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    while start < end and (doc[start].lower_ in CONNECTORS or doc[start].is_punct or doc[start].lower_ in ("'s", "’s")):
        start += 1
    while end > start and (doc[end - 1].lower_ in CONNECTORS or doc[end - 1].is_punct or doc[end - 1].lower_ in ("'s", "’s")):
        end -= 1
    return start, end


def _org_class(words: list[str], knowledge: Knowledge) -> str | None:
    text = " ".join(words)
    for marker in knowledge.naming["io_markers"]:
        if text.startswith(marker + " ") or text == marker:
            return "InternationalOrganization"
    for mass in knowledge.mass_orgs:
        m = " ".join(mass)
        if f" {m} " in f" {text} ":
            return "Agency"
    for start in knowledge.naming["ngo_name_starts"]:
        if text.startswith(name_key(start) + " ") or text == name_key(start):
            return "NGO"
    head_agency = head_ngo = -1
    for index, word in enumerate(words):
        if word in knowledge.agency_heads or (index + 1 < len(words) and f"{word} {words[index + 1]}" in knowledge.agency_heads):
            head_agency = index
        if word in knowledge.ngo_heads:
            head_ngo = index
    if head_agency < 0 and head_ngo < 0:
        return None
    if head_ngo >= 0 and head_agency >= 0:
        # "Ministry of ... Institute" vs "Foundation ... Department": the first head names the kind
        if words[0] in knowledge.agency_heads or "ministry" in words or "government" in words:
            return "Agency"
        return "NGO" if head_ngo < head_agency or words[head_ngo] in ("foundation", "association", "university", "ngo") else "Agency"
    return "Agency" if head_agency >= 0 else "NGO"


def _pattern_candidates(doc: Doc, knowledge: Knowledge, words: list[list[str]], persons: list[tuple[int, int]]) -> list[Candidate]:
    """Runs of capitalised words holding a head word: bodies no list knows."""
    found = []
    n = len(doc)
    person_starts = {s for s, _ in persons}
    i = 0
    while i < n:
        if not _is_cap(doc[i]) or doc[i].is_space:
            i += 1
            continue
        if doc.heading(doc[i].sent):
            i = doc[i].sent.end
            continue
        j = i
        while j < n:
            tok = doc[j]
            if tok.is_space or "\n" in tok.text:
                break
            if j > i and j in person_starts:
                break
            if j > i and tok.pos_ in ("VERB", "AUX", "ADV", "PRON") and not _is_cap(tok) and not _starts_ngo_name(knowledge, words, i, j):
                break
            if tok.lower_ == "and" and j + 1 < n and (not _is_cap(doc[j + 1]) or doc[j + 1].lower_ in ("the", "a", "an") or doc[j + 1].text.isupper() or doc[j - 1].text.isupper()):
                break
            if tok.text == "-" and j + 1 < n and _is_cap(doc[j + 1]) and _org_class([w for x in range(i, j) for w in words[x]], knowledge):
                break  # "Embassy Beijing-ConGen Guangzhou": two bodies
            if tok.lower_ == "in" and j + 1 < n and (not _is_cap(doc[j + 1]) or any(_is_place_word(doc[j + 1 : j + 1 + w].text, knowledge) for w in (1, 2, 3)) or doc[j + 1].ent_type_ in ("DATE", "TIME")):
                break
            if _is_cap(tok) or tok.text in ("'s", "’s", "&", "-") or tok.lower_ in CONNECTORS - {"-"}:
                j += 1
                continue
            if tok.text == "," and j + 1 < n and _is_cap(doc[j + 1]) and doc[j + 1].lower_ not in knowledge.agency_heads and any(w in ("ministry", "department") for ws in words[i:j] for w in ws):
                j += 1
                continue
            if j > i and doc[j - 1].text in ("'s", "’s") and tok.lower_ == "office":
                j += 1  # "the Prime Minister's office"
                break
            break
        start, end = _trim(doc, i, j)
        i = max(j, i + 1)
        if end - start < 1:
            continue
        # a possessive between two bodies names two bodies: "University of X's Institute of Y"
        piece_start = start
        for t in range(start, end):
            if doc[t].text in ("'s", "’s"):
                before = [w for x in range(piece_start, t) for w in words[x]]
                after = [w for x in range(t + 1, end) for w in words[x]]
                if _org_class(before, knowledge) and _org_class(after, knowledge):
                    _split_run(doc, piece_start, t, knowledge, words, found)
                    piece_start = t + 1
                elif _org_class(before, knowledge) and not _org_class(after, knowledge):
                    end = t  # "The Asia Foundation's Country Representative"
                    break
        if end > piece_start:
            _split_run(doc, piece_start, end, knowledge, words, found)
    return found


def _starts_ngo_name(knowledge, words, i, j) -> bool:
    run = [w for x in range(i, j + 1) for w in words[x]]
    return any(len(run) <= len(start) and start[: len(run)] == run for start in knowledge.ngo_starts)


def _split_run(doc, start, end, knowledge, words, found) -> None:
    """Cut a capitalised run into the body it names, dropping titles and persons around it."""
    run_words = [w for t in range(start, end) for w in words[t]]
    ngo_start = any(run_words[: len(w)] == w for w in knowledge.ngo_starts)
    while not ngo_start and start < end and doc[start].pos_ in JUNK_POS and doc[start].lower_ != "the" and not doc[start].text.isupper() and not (
        start + 1 < end and f"{doc[start].lower_} {doc[start + 1].lower_}" in knowledge.jurisdiction_words
    ):
        start += 1
    run_words = [w for t in range(start, end) for w in words[t]]
    text = " ".join(run_words)
    for phrase, place_cls in knowledge.place_phrases.items():
        if f" {phrase} " in f" {text} ":
            k = start
            while k < end and " ".join(w for x in range(start, k) for w in words[x]).count(phrase) == 0:
                k += 1
            begin = start
            for x in range(start, k):
                if doc[x].lower_ in ("in", "of", "at"):
                    begin = x + 1
            found.append(Candidate(begin, k, place_cls, doc[begin:k].text, "place", priority=2))
            if k < end:
                _split_run(doc, k, end, knowledge, words, found)
            return
    cls = _org_class(run_words, knowledge)
    if cls is None:
        acro = _acronym_after(doc, end)
        if acro and len(run_words) >= 2 and acro[0].lower() == run_words[0][0] and _has_proper_word(run_words, knowledge):
            found.append(Candidate(start, end, "NGO", doc[start:end].text, "pattern", priority=2))
        return
    # a title followed by a name ends the body: "... Civil Affairs Deputy Director Yang Guoyi"
    cut = end
    for t in range(start + 1, end):
        if doc[t].lower_ in knowledge.title_heads | {"deputy", "vice", "senior", "acting"} and (
            _name_follows(doc, t, end, knowledge, words) or all(doc[x].lower_ in knowledge.title_words for x in range(t, end))
        ):
            cut = t
            break
    cut = min(cut, _person_cut(doc, start, end, knowledge, words))
    s = start
    possessive_body = any(doc[x].text in ("'s", "’s") and x + 1 < cut and doc[x + 1].lower_ in knowledge.agency_heads for x in range(start, cut))
    while not possessive_body and s < cut and (doc[s].lower_ in knowledge.title_lead and doc[s].lower_ not in knowledge.agency_heads) and not _org_class([w for x in range(s, cut) for w in words[x]][:1], knowledge):
        s += 1
    s, e = _trim(doc, s, cut)
    if e <= s:
        return
    body_words = [w for t in range(s, e) for w in words[t]]
    cls = _org_class(body_words, knowledge)
    if cls is None or not _has_proper_word(body_words, knowledge):
        return
    if _is_kind_not_name(doc, s, e, words, knowledge):
        return  # "Immigration department": a kind of body, not a name
    # a known body followed by words that name no other body: "UNODC World Day Against Trafficking"
    for k in range(e - 1, s, -1):
        entries = [x for x in knowledge.lookup(" ".join(w for t in range(s, k) for w in words[t])) if x.cls in ORG_CLASSES]
        if entries and not _org_class([w for t in range(k, e) for w in words[t]], knowledge) and not _is_place_word(doc[k].text, knowledge):
            return
    # a body named after an international organisation belongs to it: "IOM Reception Center"
    first = [x for x in knowledge.lookup(" ".join(words[s])) if x.cls == "InternationalOrganization"] if words[s] else []
    if first and e - s > 1:
        cls = "InternationalOrganization"
    found.append(Candidate(s, e, cls, doc[s:e].text, "pattern", priority=2))


def _person_cut(doc, start, end, knowledge, words) -> int:
    """Where a person's name starts at the end of a body's run: "... Foreign Affairs Le Thi Thu Hang"."""
    for t in range(start + 1, end):
        if doc[t].text in knowledge.family_names and t + 1 < end and _is_cap(doc[t + 1]) and not any(
            w in knowledge.agency_heads or w in knowledge.ngo_heads for x in range(t, end) for w in words[x]
        ) and any(w in knowledge.agency_heads or w in knowledge.ngo_heads for x in range(start, t) for w in words[x]):
            return t
    return end


def _is_place_word(text: str, knowledge: Knowledge) -> bool:
    return any(e.cls in PLACE_CLASSES for e in knowledge.lookup(name_key(text)))


def _titled(doc: Doc, start: int, knowledge: Knowledge) -> bool:
    """Is the word at ``start`` preceded by a title or honorific (``President Mugabe``, ``Mr. Yaran``)?"""
    k = start - 1
    if k >= 0 and doc[k].text == ".":
        k -= 1
    if k < 0:
        return False
    low = doc[k].lower_
    if not _is_cap(doc[k]):
        return False
    return low in knowledge.title_heads or low in knowledge.honorifics or low + "." in knowledge.honorifics or low in knowledge.abbreviated_titles


def _is_kind_not_name(doc, s, e, words, knowledge) -> bool:
    body_words = [w for t in range(s, e) for w in words[t]]
    return all(w in knowledge.agency_heads or w in knowledge.ngo_heads or w in CONNECTORS for w in body_words) and not all(
        _is_cap(doc[t]) for t in range(s, e) if doc[t].is_alpha and doc[t].lower_ not in CONNECTORS
    )


def _has_proper_word(body_words: list[str], knowledge: Knowledge) -> bool:
    """``NGO and IO``, ``Current NGO``: nothing but generic words is no name."""
    return any(w not in knowledge.generic_modifiers for w in body_words)


def _name_follows(doc, t, end, knowledge, words) -> bool:
    """After title words at ``t``, does a person's name (capitalised, no head word) follow?"""
    k = t
    while k < end and (doc[k].lower_ in knowledge.title_words):
        k += 1
    if k >= end or not _is_cap(doc[k]):
        return False
    rest = [w for x in range(k, end) for w in words[x]]
    return not any(w in knowledge.agency_heads or w in knowledge.ngo_heads for w in rest)


def _demonym_body_candidates(doc: Doc, knowledge: Knowledge) -> list[Candidate]:
    """``Vietnamese police``, ``UK law enforcement``, ``Zimbabwean immigration``: a state's body."""
    found = []
    heads = {"police", "authorities", "immigration", "army", "military", "government", "law", "security", "border", "customs", "navy", "courts"}
    for i, token in enumerate(doc[:-1]):
        if not _is_cap(token):
            continue
        country = None
        width = 1
        if token.lower_ in knowledge.demonyms:
            country = knowledge.demonyms[token.lower_]
        elif i + 1 < len(doc) and f"{token.lower_} {doc[i + 1].lower_}" in knowledge.demonyms:
            country = knowledge.demonyms[f"{token.lower_} {doc[i + 1].lower_}"]
            width = 2
        else:
            entries = [e for e in knowledge.lookup(name_key(token.text)) if e.cls == "Country" and token.text.isupper()]
            if entries:
                country = entries[0].id
        if country is None or i + width >= len(doc):
            continue
        head = doc[i + width]
        if head.lower_ not in heads:
            continue
        following = doc[i + width + 1] if i + width + 1 < len(doc) else None
        if not _is_cap(head) and following is not None and following.pos_ in ("NOUN", "PROPN") and following.lower_ not in (
            "authorities", "officials", "department", "service", "services", "enforcement", "forces", "organisations", "organizations", "guards"
        ):
            continue  # "Costa Rican immigration law": a subject, not a body
        end = i + width + 1
        if head.lower_ == "law" and end < len(doc) and doc[end].lower_ == "enforcement":
            end += 1
        elif head.lower_ in ("security", "border") and end < len(doc) and doc[end].lower_ in ("services", "service", "forces", "organisations", "organizations", "guards", "police"):
            end += 1
        elif head.lower_ in ("law", "security", "border"):
            continue
        if end < len(doc) and doc[end].lower_ in ("authorities", "officials", "department", "service") and head.lower_ in ("immigration", "police"):
            end += 1
        label = doc[i:end].text
        found.append(Candidate(i, end, "Agency", label, "demonym", country=country, qualified=True, priority=2))
    return found


def _ner_org_candidates(doc: Doc, knowledge: Knowledge, words) -> list[Candidate]:
    """The model's ORG spans, cut at parentheses and "in", junk words trimmed."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        start, end = ent.start, ent.end
        if doc.heading(ent.sent):
            continue
        for t in range(start, end):
            if doc[t].text in ("(", ")", ",", ";", ":", "[", "]") or "\n" in doc[t].text or (
                doc[t].lower_ in ("in", "at") and t + 1 < end and _is_place_word(doc[t + 1].text, knowledge)
            ) or (doc[t].text in ("-", "‑") and t + 1 < end and not _is_cap(doc[t + 1])):
                end = t
                break
            if doc[t].text in ("'s", "’s") and (
                not _org_class([w for x in range(t + 1, end) for w in words[x]], knowledge)
                or _org_class([w for x in range(start, t) for w in words[x]], knowledge)
            ):
                end = t
                break
        while start < end and (doc[start].pos_ in JUNK_POS or doc[start].lower_ in knowledge.role_words) and not doc[start].text.isupper():
            start += 1
        end = _person_cut(doc, start, end, knowledge, words)
        start, end = _trim(doc, start, end)
        if end <= start or any(doc[t].pos_ == "VERB" for t in range(start + 1, end)):
            continue
        first = doc[start].lower_
        body_words = [w for t in range(start, end) for w in words[t]]
        if first in knowledge.abbreviated_titles:
            continue  # "DPM Khiem": a person, found by the person rules
        if doc[start].text in knowledge.family_names and not _org_class(body_words, knowledge):
            found.append(Candidate(start, end, "Person", doc[start:end].text, "person", priority=0))
            continue
        found.append(Candidate(start, end, "NGO", doc[start:end].text, "ner", priority=0))
    return found


def _district_candidates(doc: Doc, knowledge: Knowledge, words) -> list[Candidate]:
    """``Toul Kork district``, ``Stung Meanchey area``, ``town of Beitbridge``: places no list knows."""
    found = []
    n = len(doc)
    for i, token in enumerate(doc):
        low = token.lower_
        if low in ("district", "districts", "area", "commune", "township") and i > 0 and _is_cap(doc[i - 1]) and not _is_cap(token):
            k = i
            while k > 0 and i - k < 3 and _is_cap(doc[k - 1]) and doc[k - 1].is_alpha and doc[k - 1].lower_ not in knowledge.title_words and not doc[k - 1].is_sent_start:
                k -= 1
            if k < i and not any(w in knowledge.agency_heads or w in knowledge.ngo_heads for t in range(k, i) for w in words[t]):
                cls = "City" if low in ("district", "districts", "commune", "township") else "Region"
                found.append(Candidate(k, i, cls, doc[k:i].text, "place", priority=2))
                # "Toul Kork police" elsewhere
                name = doc[k:i].text
                first_text = doc[k].text
                for j in (x for x in range(n - 1) if doc[x].text == first_text):
                    if j + i - k < n and doc[j + i - k].lower_ == "police" and doc[j : j + i - k].text == name:
                        found.append(Candidate(j, j + i - k + 1, "Agency", doc[j : j + i - k + 1].text, "pattern", priority=2))
        if low in ("town", "city", "village") and i + 2 < n and doc[i + 1].lower_ == "of" and _is_cap(doc[i + 2]):
            k = i + 2
            while k < n and k - i < 5 and _is_cap(doc[k]) and doc[k].is_alpha:
                k += 1
            found.append(Candidate(i + 2, k, "City", doc[i + 2 : k].text, "place", priority=1))
        # "Messina, South Africa": a town named with its country
        if _is_cap(token) and low not in knowledge.title_words and i > 0 and doc[i - 1].lower_ in ("in", "from", "to", "near", "at", "of") and token.is_alpha:
            k = i + 1
            while k < n and k - i < 3 and _is_cap(doc[k]) and doc[k].is_alpha:
                k += 1
            if k + 1 < n and doc[k].text == ",":
                for width in (3, 2, 1):
                    countries = [e for e in knowledge.lookup(name_key(doc[k + 1 : k + 1 + width].text)) if e.cls == "Country"] if k + 1 + width <= n else []
                    same = knowledge.lookup(name_key(doc[i:k].text))
                    if countries and not any(e.country == countries[0].id or e.cls in ("Country", "Region") for e in same):
                        found.append(Candidate(i, k, "City", doc[i:k].text, "place", country=countries[0].id, qualified=True, priority=4))
                        break
            # "a 21-year-old from Karaveddy in Jaffna": a village placed in a known town or province
            elif (k + 1 < n and doc[i - 1].lower_ in ("from", "in", "near") and doc[k].lower_ == "in" and _is_cap(doc[k + 1])
                  and not knowledge.lookup(name_key(doc[i:k].text)) and not any(
                      e.start <= i < e.end and e.label_ in ("PERSON", "ORG", "NORP") for e in doc.ents)):
                for width in (3, 2, 1):
                    if k + 1 + width > n:
                        continue
                    places = [e for e in knowledge.lookup(name_key(doc[k + 1 : k + 1 + width].text)) if e.cls in ("Province", "City")]
                    if places and len({e.country for e in places}) == 1:
                        found.append(Candidate(i, k, "City", doc[i:k].text, "place", country=places[0].country, qualified=True, priority=1))
                        break
    return found


def _direction_candidates(doc: Doc, knowledge: Knowledge, words) -> list[Candidate]:
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
                entries = [e for e in knowledge.lookup(name_key(doc[j : j + width].text)) if e.cls == "Country"] if j + width <= n else []
                if entries and _is_cap(doc[j]):
                    entry = entries[0]
                    label = f"{knowledge.directions[low]} {entry.name}"
                    found.append(Candidate(i, j + width, "Region", label, "direction", country=entry.id, qualified=True, priority=3))
                    break
        elif low == "the" and i + 1 < n and _is_cap(doc[i + 1]) and doc[i + 1].lower_ in knowledge.directions:
            # "the South West", "the North": a part of the country the document is about
            k = i + 1
            while k < n and k - i <= 2 and _is_cap(doc[k]) and doc[k].lower_ in knowledge.directions:
                k += 1
            if (k >= n or not _is_cap(doc[k])) and doc[i + 1].lower_ not in ("central", "upper", "lower"):
                adjective = knowledge.directions.get("".join(t.lower_ for t in doc[i + 1 : k])) or knowledge.directions.get(
                    "-".join(t.lower_ for t in doc[i + 1 : k])
                ) or knowledge.directions[doc[k - 1].lower_]
                found.append(Candidate(i + 1, k, "Region", adjective, "direction", priority=1))
        elif _is_cap(token) and i + 2 < n and doc[i + 1].text in ("'s", "’s") and doc[i + 2].lower_ in knowledge.directions:
            entries = [e for e in knowledge.lookup(name_key(token.text)) if e.cls == "Country"]
            if entries:
                entry = entries[0]
                label = f"{knowledge.directions[doc[i + 2].lower_]} {entry.name}"
                found.append(Candidate(i, i + 3, "Region", label, "direction", country=entry.id, qualified=True, priority=3))
    return found


def _is_heading(sent: Span) -> bool:
    """A title-case line without a full stop ("Trafficking Still a Major Problem") names no one."""
    text = sent.text.strip()
    if not text or text[-1] in ".!?\"”":
        return False
    return all(t.text[0].isupper() for t in sent if t.is_alpha and len(t.text) > 3)


def _person_spans(doc: Doc, knowledge: Knowledge) -> list[tuple[int, int]]:
    """The model's PERSON spans, repaired: extended over the rest of a name, titles cut off."""
    spans = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        while start < end and (doc[start].lower_ in knowledge.title_words or doc[start].lower_ in knowledge.demonyms or doc[start].lower_ in knowledge.abbreviated_titles or doc[start].lower_.rstrip(".") + "." in knowledge.honorifics or doc[start].lower_ in knowledge.honorifics):
            start += 1
        while end < len(doc) and end - start < 5 and _is_cap(doc[end]) and not doc[end].is_punct and doc[end].lower_ not in knowledge.title_words and doc[end].lower_ not in knowledge.agency_heads and not doc[end].text.isupper():
            end += 1
        while end > start and (doc[end - 1].text in ("'s", "’s") or doc[end - 1].is_punct):
            end -= 1
        if end > start:
            spans.append((start, end))
    # a byline: "By Kim N. B. Ninh" alone on its line
    for i, token in enumerate(doc[:-1]):
        if token.text == "By" and token.is_sent_start:
            k = i + 1
            while k < len(doc) and k - i <= 6 and (_is_cap(doc[k]) or doc[k].text == ".") and "\n" not in doc[k].text:
                k += 1
            if k - i >= 3 and (k >= len(doc) or "\n" in doc[k].text or doc[k].is_space) and not any(s <= i + 1 < e for s, e in spans):
                spans = [(s, e) for s, e in spans if not (i + 1 <= s < k)] + [(i + 1, k)]
    # a name right after a title the model missed: "Deputy Prime Minister Pham Gia Khiem", "President Mugabe"
    covered = {i for s, e in spans for i in range(s, e)}
    for i, token in enumerate(doc):
        low = token.lower_
        if low not in knowledge.title_heads and low.rstrip(".") not in knowledge.honorifics and low not in knowledge.honorifics:
            continue
        if not _is_cap(token) and low not in ("spokesperson", "spokesman", "spokeswoman"):
            continue
        if doc.heading(token.sent):
            continue
        k = i + 1
        if k < len(doc) and doc[k].text == ".":
            k += 1
        s = k
        while k < len(doc) and k - s < 4 and _is_cap(doc[k]) and not doc[k].is_punct and doc[k].lower_ not in knowledge.title_words and doc[k].lower_ not in knowledge.agency_heads and doc[k].lower_ not in knowledge.ngo_heads and not doc[k].text.isupper() and not doc[k].is_stop:
            k += 1
        if k > s and s not in covered and not knowledge.lookup(name_key(doc[s:k].text)):
            spans.append((s, k))
            covered.update(range(s, k))
    return spans


# ---------------------------------------------------------------------------
# the generator

class DocView:
    """A ``Doc`` whose tokens, entities and sentence headings are made once.

    The rules index tokens many times; spaCy makes a new ``Token`` object on
    every ``doc[i]``, so the view keeps one per position. Slices, spans and
    everything else go to the ``Doc`` itself.
    """

    def __init__(self, doc: Doc):
        self.doc = doc
        self._demonym_uses = None
        self.tokens = list(doc)
        self.ents = list(doc.ents)
        self._headings: dict[int, bool] = {}

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.doc[index]
        return self.tokens[index]

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return iter(self.tokens)

    def __getattr__(self, name):
        return getattr(self.doc, name)

    def heading(self, sent: Span) -> bool:
        if sent.start not in self._headings:
            self._headings[sent.start] = _is_heading(sent)
        return self._headings[sent.start]


def find_entities(doc: Doc, knowledge: Knowledge) -> Iterator[FoundEntity]:
    """Yield one :class:`FoundEntity` per distinct entity named in ``doc``."""
    doc = DocView(doc) if isinstance(doc, Doc) else doc
    words = [list(_name_words(t.text)) for t in doc]
    persons = _person_spans(doc, knowledge)
    gaz = _gazetteer_candidates(doc, knowledge, words)
    patterns = _pattern_candidates(doc, knowledge, words, persons)
    demonym_bodies = _demonym_body_candidates(doc, knowledge)
    candidates = gaz + patterns + demonym_bodies
    for start, end in persons:
        candidates.append(Candidate(start, end, "Person", doc[start:end].text, "person", priority=1))
    candidates += _ner_org_candidates(doc, knowledge, words)
    candidates += _direction_candidates(doc, knowledge, words)
    candidates += _district_candidates(doc, knowledge, words)
    chosen = _select(candidates)
    context = _document_countries(doc, knowledge, chosen)
    if misspelt := _misspelt_provinces(doc, knowledge, chosen, context):
        replaced = {c.start for c in misspelt}
        chosen = sorted([c for c in chosen if c.start not in replaced] + misspelt, key=lambda c: c.start)
    entities: list[FoundEntity] = []
    acronyms: dict[str, FoundEntity] = {}
    ner_counts = Counter(name_key(c.label) for c in chosen if c.source == "ner")
    person_parts = {w for s, e in persons if e - s > 1 for t in range(s, e) for w in words[t]}
    deferred: list[Candidate] = []
    for cand in chosen:
        if cand.source == "ner" and cand.end - cand.start == 1 and doc[cand.start].text.isupper():
            deferred.append(cand)  # an acronym: resolved once the names it may stand for are known
            continue
        if cand.source == "gaz" and cand.end - cand.start == 1 and cand.cls in ("City", "Province") and " ".join(words[cand.start]) in person_parts:
            continue  # "Zamora" after "Mario Zamora": the person's short name, not the city
        entity = _interpret(doc, cand, knowledge, context, words, ner_counts)
        if entity is None:
            continue
        entities.append(entity)
        acro = _acronym_after(doc, cand.end)
        if acro and entity.cls in ORG_CLASSES:
            entity.acronyms.add(acro)
            acronyms[acro] = entity
    entities = _merge_within(entities, knowledge)
    _link_officials(doc, entities, knowledge, words, context, acronyms)
    _resolve_short_forms(doc, entities, chosen, knowledge, acronyms, words)
    _resolve_acronyms(doc, entities, deferred, knowledge, context, ner_counts)
    entities = _merge_within(entities, knowledge)
    entities += _nationality_countries(doc, knowledge, entities)
    yield from entities


def _resolve_acronyms(doc, entities, deferred, knowledge, context, ner_counts) -> None:
    """An acronym nothing in the text explains: a ministry acronym of the genre, or a body the model saw."""
    taken = {i for e in entities for s in e.spans for i in range(s.start, s.end)}
    made: dict[str, FoundEntity] = {}
    for cand in deferred:
        if cand.start in taken:
            continue
        text = doc[cand.start].text
        if _is_noise(text, knowledge) or text.lower() in knowledge.role_words:
            continue
        span = doc[cand.start : cand.end]
        if text in made:
            made[text].spans.append(span)
            continue
        if text in knowledge.ministry_acronyms:
            entity = FoundEntity(knowledge.ministry_acronyms[text], "Agency", [span], country=_main_country(context), acronyms={text})
        elif len(text) > 3 or ner_counts[name_key(text)] >= 3:
            entity = FoundEntity(text, "NGO", [span], country=_main_country(context))
        else:
            continue
        made[text] = entity
        entities.append(entity)


def _select(candidates: list[Candidate]) -> list[Candidate]:
    """Non-overlapping candidates: longest first, then by source strength."""
    ordered = sorted(candidates, key=lambda c: (-(c.end - c.start), -c.priority, c.start))
    taken: set[int] = set()
    chosen = []
    for cand in ordered:
        if any(i in taken for i in range(cand.start, cand.end)):
            continue
        chosen.append(cand)
        taken.update(range(cand.start, cand.end))
    return sorted(chosen, key=lambda c: c.start)


@dataclass
class DemonymUse:
    """A nationality word in the text: ``Chinese``, ``Sri Lankans``."""

    start: int
    end: int
    country: str
    person_noun: bool  # names people ("10,000 Chinese", "Sri Lankans were"), not a modifier
    foreign_body: bool  # qualifies a body ("the Russian Embassy")


_NOUN_FOLLOWERS = {"VERB", "AUX", "ADP", "CCONJ", "PUNCT", "PART", "SCONJ", "ADV"}


def _demonym_uses(doc, knowledge: Knowledge) -> list[DemonymUse]:
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
        if low not in starts or not _is_cap(token):
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
        noun = plural or following is None or (following.pos_ in _NOUN_FOLLOWERS and following.text not in ("'s", "’s", "-")) or (
            before is not None and before.pos_ in ("NUM", "DET") and before.lower_ not in ("the", "a", "an"))
        uses.append(DemonymUse(i, end, code, noun and not foreign, foreign))
        i = end
    if isinstance(doc, DocView):
        doc._demonym_uses = uses
    return uses


def _nationality_countries(doc, knowledge: Knowledge, entities: list[FoundEntity]) -> list[FoundEntity]:
    """A country the text names only through its people ("10,000 Chinese ... these Chinese were heading for
    Costa Rica"): the people's country is part of the story."""
    named = {e.entry.id for e in entities if e.entry is not None and e.cls == "Country"}
    spans: dict[str, list] = {}
    for use in _demonym_uses(doc, knowledge):
        if use.person_noun and use.country not in named:
            spans.setdefault(use.country, []).append(doc[use.start : use.end])
    found = []
    for code, country_spans in spans.items():
        if len(country_spans) >= 2 and code in knowledge.gazetteer:
            entry = knowledge.gazetteer.get(code)
            found.append(FoundEntity(entry.name, "Country", country_spans, entry=entry, country=code, qualified=True))
    return found


class CountryContext(Counter):
    """How often the document names each country, and the country it is written from (``home``)."""

    home: str | None = None


def _document_countries(doc: Doc, knowledge: Knowledge, chosen: list[Candidate]) -> CountryContext:
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
    names: Counter = Counter()
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
                    counts[cand.entry.country] += 0.5
                # a town's name shared abroad (Colombo, Galle) is the biggest town of the name
                town = max(cand.entries, key=lambda e: (e.cls == "Province", e.population or 0))
                places.setdefault(town.country, set()).add(town.id)
    people: Counter = Counter()
    for use in _demonym_uses(doc, knowledge):
        counts[use.country] += 0.5
        if not use.foreign_body:
            people[use.country] += 1
    home: Counter = Counter()
    for code in sorted(set(names) | set(people) | set(places)):  # sorted: ties break the same in every process
        home[code] = 2 * math.log2(1 + names[code]) + math.log2(1 + people[code]) + min(1.5 * len(places.get(code, ())), 6)
    source = doc._.source_text or ""
    post = re.search(r"^(?:FM AMEMBASSY|FM AMCONSUL|FM USMISSION|Embassy|Consulate)\s+([A-Z][A-Za-z ]+?)\s*$", source[:3000], re.MULTILINE)
    post = post or re.search(
        r"(?:UNCLAS|C O N F I D E N T I A L|S E C R E T|CONFIDENTIAL|SECRET)(?:\s+SECTION \d+ OF \d+)?\s+([A-Z][A-Z ]+?)\s+\d{3,}", source[:5000]
    )
    if post:
        for entry in knowledge.lookup(name_key(post.group(1))):
            if entry.country:
                counts[entry.country] += 5
                home[entry.country] += 8
                counts["__cable__"] = 1
                break
    if code := _publication_country(source, knowledge):
        home[code] += 6
    if code := _dateline_country(source, knowledge):
        home[code] += 6
    ranked = [(n, c) for c, n in home.most_common() if not (counts.get("__cable__") and c == "US")]
    counts.home = ranked[0][1] if ranked and ranked[0][0] >= 1 else None
    return counts


_URL = re.compile(r"https?://(?:[\w-]+\.)+([a-z]{2})(?=[/:\s)\]]|$)", re.IGNORECASE)
_DATELINE = re.compile(r"^\s*([A-Z][A-Z]+(?:[ -][A-Z]+){0,2}),?(?: [A-Z][a-z]{2,8}\.? \d{1,2},?(?: \d{4})?)?(?: \([A-Za-z .]+\))? ?[-\u2013\u2014]", re.MULTILINE)


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


def _main_country(context: Counter) -> str | None:
    if isinstance(context, CountryContext):
        return context.home
    ranked = [(n, c) for c, n in context.most_common() if c != "__cable__" and not (context.get("__cable__") and c == "US")]
    return ranked[0][1] if ranked and ranked[0][0] >= 1 else None


def _choose_entry(cand: Candidate, context: Counter, doc: Doc) -> GazetteerEntry | None:
    entries = list(cand.entries) or ([cand.entry] if cand.entry else [])
    if len(entries) <= 1:
        return entries[0] if entries else None
    countries = [e for e in entries if e.cls == "Country"]
    if countries:
        return countries[0]
    rank = {"Country": 0, "InternationalOrganization": 0, "Agency": 1, "NGO": 1, "Region": 1, "Province": 2, "City": 3}

    def score(entry):
        return (-context.get(entry.country or "", 0), rank.get(entry.cls, 4), -(entry.population or 0))

    best = min(entries, key=score)
    if best.cls == "Province":
        # a province named after the country's capital (San José, Harare): the genre names the
        # capital city, unless the text says it means the province ("the provinces of ... Harare");
        # a province named after its own seat (Bac Giang, Masvingo) is the province
        towns = [e for e in entries if e.cls == "City" and e.country == best.country and e.capital]
        if towns and not _province_meant(doc, cand):
            return max(towns, key=lambda e: e.population or 0)
    return best


_PROVINCE_WORDS = {"province", "provinces", "state", "states", "region", "regions", "provincial", "governorate", "prefecture"}


def _province_meant(doc, cand: Candidate) -> bool:
    if cand.end < len(doc) and doc[cand.end].lower_ in _PROVINCE_WORDS:
        return True
    sent_start = doc[cand.start].sent.start
    return any(doc[k].lower_ in _PROVINCE_WORDS for k in range(max(sent_start, cand.start - 10), cand.start))


def _place_is_plausible(entry: GazetteerEntry, cand: Candidate, doc: Doc, knowledge: Knowledge, context: Counter) -> bool:
    """A province or city name counts when its country is in play or the text says it is a place."""
    ner = any(e.start <= cand.start < e.end and e.label_ in ("GPE", "LOC") for e in doc.ents)
    single = cand.end - cand.start == 1
    if entry.cls == "City" and (entry.population or 0) < 15000:
        # a small town's name is as often a word or a person's: the model and the country must agree
        return ner and context.get(entry.country or "", 0) >= 1
    if context.get(entry.country or "", 0) >= 1 and (ner or not single or context.get(entry.country or "", 0) >= 2 and doc[cand.start].pos_ == "PROPN"):
        return True
    after = doc[cand.end].lower_ if cand.end < len(doc) else ""
    if after in knowledge.place_words and (ner or entry.cls == "Province"):
        return True
    before = doc[cand.start - 1].lower_ if cand.start > 0 else ""
    if before in ("in", "from", "to", "near", "via") and (entry.population or 0) >= 1000000:
        return True  # "the project in Bangkok": a great city needs no other clue
    return ner and ((entry.population or 0) >= 1000000 or entry.cls == "Province")


def _interpret(doc, cand: Candidate, knowledge: Knowledge, context: Counter, words, ner_counts) -> FoundEntity | None:
    span = doc[cand.start : cand.end]
    text = span.text.strip()
    key = name_key(text)
    if not key or (cand.source != "gaz" and (key in knowledge.generic or _is_noise(text, knowledge))):
        return None
    if cand.source == "gaz":
        entry = _choose_entry(cand, context, doc)
        if entry is None:
            return None
        if entry.cls in ("Province", "City") and not _place_is_plausible(entry, cand, doc, knowledge, context):
            return None
        end = cand.end
        if end < len(doc) and entry.cls == "Province" and doc[end].lower_ in ("province", "provinces", "state", "region") and not _is_cap(doc[end]):
            end += 1
        return FoundEntity(entry.name, entry.cls, [doc[cand.start : end]], entry=entry, country=entry.country, qualified=True)
    if cand.source == "place":
        return FoundEntity(cand.label, cand.cls, [span], country=cand.country or _main_country(context), qualified=cand.qualified)
    if cand.source == "direction":
        if cand.country is None:  # "the South West" of the document's country
            country = _main_country(context)
            if country is None or country not in knowledge.gazetteer:
                return None
            return FoundEntity(f"{cand.label} {knowledge.gazetteer.get(country).name}", "Region", [span], country=country)
        return FoundEntity(cand.label, "Region", [span], country=cand.country, qualified=True)
    if cand.source == "person":
        if len(text) < 2 or text.isupper() or any(c.isdigit() for c in text) or key in knowledge.role_words:
            return None
        if any(w in knowledge.non_name_words or w in knowledge.agency_heads or w in knowledge.ngo_heads or w in knowledge.place_words for w in name_words(text)):
            return None
        if doc.heading(span.sent) and span.sent[0].text != "By":
            return None
        if knowledge.lookup(key):
            return None
        if cand.end - cand.start == 1 and not _titled(doc, cand.start, knowledge):
            return None  # a lone word the model calls a person: a short name (resolved later) or noise
        return FoundEntity(text, "Person", [span])
    if cand.source == "ner":
        # the model's organisation without a head word: keep names it repeats, typed as NGO
        if cand.label.lower() in knowledge.role_words or len(words[cand.start]) == 0:
            return None
        cls = _org_class([w for t in range(cand.start, cand.end) for w in words[t]], knowledge)
        caps = all(t.text.isupper() or not t.is_alpha for t in span)
        if cls is None and not caps:
            return None  # a title-case name without a head word is as often a person, place or title
        if cls is None and len(text) <= 3 and ner_counts[key] < 3:
            return None
        if not _has_proper_word(name_words(text), knowledge) or _is_kind_not_name(doc, cand.start, cand.end, words, knowledge):
            return None
        cand = Candidate(cand.start, cand.end, cls or "NGO", text, "pattern")
    if _in_work_title(doc, cand.start, knowledge):
        return None  # "its report, Combating Trafficking: Lessons Learned and Practical Experiences ...": a title
    end = cand.end
    if end - cand.start > 3 and doc[end - 2].lower_ == "for" and _is_demonym(doc[end - 1].lower_, knowledge):
        end -= 2  # "Reception Center for Zimbabweans": the people it serves are no part of the name
    owner = _acronym_owner(doc, cand.start, knowledge)
    if owner is not None and cand.source == "pattern" and not knowledge.lookup(name_key(doc[cand.start : end].text)):
        # "International Organization for Migration (IOM) Reception Center": the IOM's centre
        label = f"{doc[cand.start - 2].text} {doc[cand.start : end].text}"
        cls = "InternationalOrganization" if owner.cls == "InternationalOrganization" else cand.cls
        return FoundEntity(label, cls, [doc[cand.start : end]], country=owner.country, qualified=owner.country is not None, extra_aliases={label})
    cand = Candidate(cand.start, end, cand.cls, doc[cand.start : end].text, cand.source, cand.entry, cand.entries, cand.country, cand.qualified, cand.priority)
    # a body: strip qualifiers (demonym, possessive country, "the") from the label; set its jurisdiction
    label_start = cand.start
    country = cand.country
    qualified = cand.qualified
    while label_start < cand.end - 1:
        tok = doc[label_start]
        nxt = doc[label_start + 1]
        code = knowledge.country_of_word(tok.text) if _is_cap(tok) else None
        two = f"{tok.lower_} {nxt.lower_}"
        if tok.lower_ in ("the", "ngo", "ngos"):
            label_start += 1
        elif two in knowledge.jurisdiction_words or tok.lower_ in knowledge.jurisdiction_words:
            country, qualified = knowledge.jurisdiction_words.get(two) or knowledge.jurisdiction_words[tok.lower_], True
            break
        elif code and nxt.text in ("'s", "’s"):
            country, qualified = code, True
            if tok.lower_ not in knowledge.demonyms and not any(e.cls == "Country" or e.id.startswith("gov:") for e in knowledge.lookup(name_key(tok.text))):
                break  # "Guangxi's Civil Affairs Department": a province's body keeps the province in its name
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
    label = doc[label_start : cand.end].text
    if name_key(label) in knowledge.generic or (len(name_words(label)) == 1 and name_key(label) in knowledge.agency_heads):
        label = doc[cand.start : cand.end].text
        if doc[cand.start].lower_ == "the":
            label = doc[cand.start + 1 : cand.end].text
    if not qualified:
        # a country, province or city named inside the body: "Save the Children UK", "Guangxi PSB"
        for t in range(cand.start, cand.end):
            if not _is_cap(doc[t]):
                continue
            for width in (3, 2, 1):
                if t + width > cand.end:
                    continue
                entries = [e for e in knowledge.lookup(name_key(doc[t : t + width].text)) if e.cls in ("Country", "Province") and not e.id.startswith("gov:")]
                if entries:
                    entry = min(entries, key=lambda e: (-context.get(e.country or "", 0), e.cls != "Country"))
                    country, qualified = entry.country, True
                    break
            if qualified:
                break
    tail = re.match(r"^(.+?) of (?:the )?(.+)$", label)
    if tail:
        countries = [e for e in knowledge.lookup(name_key(tail.group(2))) if e.cls == "Country"]
        if countries:  # "Ministry of Public Security of Vietnam"
            label, country, qualified = tail.group(1), countries[0].id, True
    if not qualified:
        # "Ministry of Foreign Affairs of Sri Lanka"
        if cand.end + 1 < len(doc) and doc[cand.end].lower_ == "of":
            entries = [e for e in knowledge.lookup(name_key(doc[cand.end + 1].text)) if e.cls == "Country"]
            if entries:
                country, qualified = entries[0].id, True
    cls = cand.cls
    if cls == "Agency" and not qualified:
        country = _main_country(context) if not re.search(r"\b(embassy|consulate|embassies)\b", label.lower()) else None
    elif cls == "NGO" and not qualified and country is None:
        country = _main_country(context)  # an NGO no list knows and the text places nowhere works where the story is
    return FoundEntity(label, cls, [doc[cand.start : cand.end]], country=country, qualified=qualified)


def _misspelt_provinces(doc, knowledge: Knowledge, chosen: list[Candidate], context: Counter) -> list[Candidate]:
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
        if i in taken or not _is_cap(token) or not token.is_alpha or len(token.text) < 5 or token.is_sent_start:
            i += 1
            continue
        end = i + 1
        while end < n and end - i < 3 and end not in taken and _is_cap(doc[end]) and doc[end].is_alpha:
            end += 1
        after = doc[end] if end < n else None
        meant = after is not None and after.lower_ in _PROVINCE_WORDS
        listed = (i >= 2 and doc[i - 1].lower_ in (",", "and") and (i - 2) in province_at) or (
            after is not None and after.lower_ in (",", "and") and end + 1 < n and (end + 1) in province_at)
        if (meant or listed) and not any(e.start <= i < e.end and (e.label_ == "ORG" or e.label_ == "PERSON" and e.end - e.start > 1) for e in doc.ents):
            key = name_key(doc[i:end].text)
            matches = [e for code in countries for k, e in knowledge.province_keys(code) if _near_spelling(key, k)]
            if len({e.id for e in matches}) == 1:
                entry = matches[0]
                found.append(Candidate(i, end, "Province", entry.name, "gaz", entry, (entry,), entry.country, priority=3))
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


def _is_demonym(word: str, knowledge: Knowledge) -> bool:
    return word in knowledge.demonyms or (word.endswith("s") and word[:-1] in knowledge.demonyms)


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
    while k > sent_start and start - k <= 15 and (_is_cap(doc[k]) or doc[k].lower_ in CONNECTORS or doc[k].text in (":", "-", "–", "—")):
        k -= 1
    if k < sent_start:
        return False
    if doc[k].lower_ in knowledge.title_markers:
        return True
    return doc[k].text in (",", ":") and k > sent_start and doc[k - 1].lower_ in knowledge.work_nouns


_NOISE = re.compile(r"^(?:[A-Z]{1,2}\d*|[A-Z0-9/#¶.\- ]*\d[A-Z0-9/#¶.\- ]*|[^A-Za-z]*)$")


def _is_noise(text: str, knowledge: Knowledge) -> bool:
    """Routing codes, tag codes, paragraph marks, lone initials, role words: never an entity."""
    stripped = text.strip()
    if len(stripped) < 2 or _NOISE.match(stripped):
        return True
    if stripped.lower() in knowledge.role_words or stripped.upper() in knowledge.tags and stripped.isupper():
        return True
    if re.fullmatch(r"(?:[A-Z]{2,6}\s+){2,}[A-Z]{2,6}", stripped):  # "ZNY CCCCC ZZH"
        return True
    return False


def _acronym_after(doc: Doc, end: int) -> str | None:
    """``... Save the Children UK (STCUK)``: the acronym a name defines in parentheses."""
    if end + 2 < len(doc) + 1 and end < len(doc) and doc[end].text == "(":
        k = end + 1
        if k < len(doc) and re.fullmatch(r"[A-Z][A-Za-z]*[A-Z](?:/[A-Z]+)?", doc[k].text) and k + 1 < len(doc) and doc[k + 1].text in (")", ","):
            return doc[k].text
        if k + 2 < len(doc) and re.fullmatch(r"[A-Z]{2,}", doc[k].text) and re.fullmatch(r"I{1,3}|IV|V|[0-9]", doc[k + 1].text) and doc[k + 2].text == ")":
            return f"{doc[k].text} {doc[k + 1].text}"
    return None


def _merge_within(entities: list[FoundEntity], knowledge: Knowledge | None = None) -> list[FoundEntity]:
    """One entity per key; a bare body joins the one qualified body of its name."""
    by_key: dict[tuple, FoundEntity] = {}
    for entity in entities:
        key = entity.key
        if key in by_key:
            if by_key[key] is not entity:
                by_key[key].absorb(entity)
        else:
            by_key[key] = entity
    merged = list(by_key.values())
    if knowledge is not None:
        merged = _merge_country_words(merged, knowledge)
    # bare ("Department of Civil Affairs") into qualified ("Guangxi Department of Civil Affairs")
    bodies = [e for e in merged if e.cls in ORG_CLASSES and e.entry is None]
    known = [e for e in merged if e.cls in ORG_CLASSES and e.entry is not None]
    out = []
    for entity in merged:
        target = None
        if entity in bodies and not entity.qualified:
            words = canonical_body_key(entity.label).split()
            options = [o for o in bodies if o is not entity and o.qualified and o.cls == entity.cls
                       and (canonical_body_key(o.label) == " ".join(words) or canonical_body_key(o.label).endswith(" " + " ".join(words)))]
            if not options and len(words) >= 2:
                # "IOM Center" is the "IOM Reception and Support Center" named in full
                options = [o for o in bodies if o is not entity and o.cls == entity.cls and o.country == entity.country
                           and len(canonical_body_key(o.label).split()) > len(words)
                           and canonical_body_key(o.label).split()[0] == words[0] and canonical_body_key(o.label).split()[-1] == words[-1]
                           and _is_subsequence(words, canonical_body_key(o.label).split())]
            if not options and len(words) >= 2 and knowledge is not None:
                # "Women's Union" is the "Vietnam Women's Union" the gazetteer knows: the rest is the country
                options = [o for o in known if o.cls == entity.cls and o.country == entity.country
                           and any(_only_qualifier_added(words, canonical_body_key(n).split(), knowledge) for n in o.entry.names)]
            if len(options) == 1 and len(words) >= 2:
                target = options[0]
        if target is None and knowledge is not None and entity in bodies:
            target = _service_named_in_full(entity, bodies, knowledge)
        if target is not None:
            target.absorb(entity)
        else:
            out.append(entity)
    return out


def _merge_country_words(entities: list[FoundEntity], knowledge: Knowledge) -> list[FoundEntity]:
    """``UK law enforcement`` and ``British law enforcement`` of the UK: names that differ only by words
    naming the body's own country are one body."""
    by_core: dict[tuple, FoundEntity] = {}
    out = []
    for entity in entities:
        if entity.cls not in ORG_CLASSES or entity.entry is not None or entity.country is None:
            out.append(entity)
            continue
        words = [w for w in body_identity(entity.label).split() if knowledge.country_of_word(w) != entity.country]
        if not words:
            out.append(entity)
            continue
        key = (entity.cls, entity.country, " ".join(words))
        if key in by_core:
            by_core[key].absorb(entity)
        else:
            by_core[key] = entity
            out.append(entity)
    return out


def _only_qualifier_added(bare: list[str], full: list[str], knowledge: Knowledge) -> bool:
    """Is ``full`` the ``bare`` name with a country or province (or its demonym) before it?"""
    if len(full) <= len(bare) or full[-len(bare):] != bare:
        return False
    head = " ".join(full[: len(full) - len(bare)])
    return head in knowledge.demonyms or any(e.cls in ("Country", "Province") for e in knowledge.lookup(head))


def _service_named_in_full(entity: FoundEntity, bodies: list[FoundEntity], knowledge: Knowledge) -> FoundEntity | None:
    """``GOCR immigration``, ``Zimbabwean police``: a state's service named by its kind is the one
    body of that state whose name holds the kind (the "General Directorate of Immigration")."""
    words = [w for w in name_words(entity.label) if w not in _BODY_FILLERS and w not in _BODY_STAFF]
    while words and (words[0] in knowledge.demonyms or knowledge.country_of_word(words[0])):
        words = words[1:]
    if len(words) != 1 or words[0] not in knowledge.service_words or entity.country is None:
        return None
    kind = words[0]
    options = [o for o in bodies if o is not entity and o.country == entity.country and o.cls == entity.cls
               and kind in name_words(o.label) and len(body_identity(o.label).split()) > 1]
    return options[0] if len(options) == 1 else None


# ---------------------------------------------------------------------------
# officials

def _link_officials(doc: Doc, entities: list[FoundEntity], knowledge: Knowledge, words, context: Counter, acronyms=None) -> None:
    """A person with a title before or after the name is an official with a role and affiliation."""
    body_at: dict[int, FoundEntity] = {}
    for entity in entities:
        if entity.cls in ORG_CLASSES:
            for span in entity.spans:
                for i in range(span.start, span.end):
                    body_at[i] = entity
    for person in [e for e in entities if e.cls == "Person"]:
        for span in person.spans:
            role, body = _title_before(doc, span.start, knowledge, body_at)
            after_role, after_body = _title_after(doc, span.end, knowledge, body_at)
            if after_role and (not role or (" of " in f" {after_role.lower()} " and " of " not in f" {role.lower()} ")):
                # "General Tran Quoc To - Deputy Minister of Public Security": the office says more than the rank
                role, body = after_role, after_body or body
            if role:
                person.cls = "Official"
                person.role = person.role or role
                if body is None:
                    body = _body_for_role(role, entities)
                if body is None:
                    body = _body_from_title(doc, span.start, role, knowledge, context, entities, acronyms)
                person.affiliation = person.affiliation or body
                prefix_start = _prefix_start(doc, span.start, knowledge)
                if prefix_start < span.start:
                    person.extra_aliases.add(doc[prefix_start : span.end].text)
                break


def _body_from_title(doc, start, role, knowledge, context, entities, acronyms):
    """``China's Minister of Public Security (MPS) Meng``: the title names a ministry the text never spells out."""
    match = re.search(r"\bminister (?:of|for) (.+)$", role.lower())
    if not match:
        return None
    k = start
    if k >= 3 and doc[k - 1].text == ")" and doc[k - 3].text == "(":
        acro = doc[k - 2].text
        k -= 3
    else:
        acro = None
    # the tokens "Minister of Public Security" just before the name
    end = k
    begin = end
    while begin > 0 and doc[begin - 1].lower_ != "minister":
        begin -= 1
    if begin == 0:
        return None
    begin -= 1
    country = None
    for x in range(max(0, begin - 3), begin):
        code = knowledge.country_of_word(doc[x].text) if _is_cap(doc[x]) else None
        if code:
            country = code
    label = "Ministry of " + doc[begin + 2 : end].text
    body = FoundEntity(label, "Agency", [doc[begin:end]], country=country or _main_country(context), qualified=country is not None)
    if acro and re.fullmatch(r"[A-Z]{2,8}", acro):
        body.acronyms.add(acro)
        if acronyms is not None:
            acronyms[acro] = body
    entities.append(body)
    return body


def _prefix_start(doc, start, knowledge) -> int:
    k = start
    while k > 0 and (doc[k - 1].lower_ in knowledge.title_words or doc[k - 1].lower_ in knowledge.demonyms):
        k -= 1
    return k


def _title_before(doc, start, knowledge, body_at):
    """``Deputy Prime Minister X``, ``Guangxi ... Deputy Director X``, ``Minister of Public Security (MPS) X``."""
    k = start
    sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
    # skip honorifics and a parenthesised acronym
    while k > sent_start and (doc[k - 1].lower_ in knowledge.honorifics or doc[k - 1].text in (".",) and k - 2 >= 0 and doc[k - 2].lower_ + "." in knowledge.honorifics):
        k -= 1
    if k > sent_start + 2 and doc[k - 1].text == ")" and doc[k - 3].text == "(":
        k -= 3
    if k > sent_start and doc[k - 1].text in ("-", "–"):
        k -= 1
    end = k
    has_head = False
    while k > sent_start:
        tok = doc[k - 1]
        low = tok.lower_
        if (k - 1) in body_at:
            break
        if low in knowledge.title_words or low in knowledge.abbreviated_titles:
            has_head = has_head or low in knowledge.title_heads or low in knowledge.abbreviated_titles
            k -= 1
        elif k - 2 > sent_start and doc[k - 2].lower_ == "in" and _is_place_word(tok.text, knowledge) and not has_head:
            k -= 2  # "Chinese Political Counselor in Ecuador Gu Jiafeng"
        elif low in ("of", "for", "to", "the", "in") and k - 2 >= sent_start and (_is_cap(doc[k - 2]) or doc[k - 2].lower_ in knowledge.title_words) and has_head is not None:
            k -= 1
        elif _is_cap(tok) and (k - 1) not in body_at and (k < end) and any(doc[x].lower_ in knowledge.title_heads for x in range(k, end)) and doc[k - 2].lower_ in ("of", "for", "to") if k - 2 >= sent_start else False:
            k -= 1
        else:
            break
    while k < end and doc[k].lower_ in ("of", "for", "to", "the", "in"):
        k += 1
    if not has_head or k >= end:
        return None, None
    role_tokens = doc[k:end]
    role = role_tokens.text.strip(" -–")
    first = role.split()[0].lower() if role else ""
    if first in knowledge.abbreviated_titles and len(role.split()) == 1:
        role = knowledge.abbreviated_titles[first]
    body = body_at.get(k - 1)
    if body is None:
        for x in range(k, end):
            if x in body_at:
                body = body_at[x]
                break
    role = role[0].upper() + role[1:] if role else role
    return role, body


def _title_after(doc, end, knowledge, body_at):
    """``X, director of the IOM Center``, ``X, a police officer``, ``X is The Asia Foundation's Country Representative``."""
    k = end
    if k < len(doc) and doc[k].text in ("'s",):
        return None, None
    if k < len(doc) and doc[k].text in (",", "(", "is", "was", "-", "–"):
        k += 1
    else:
        return None, None
    if k < len(doc) and doc[k].lower_ in ("a", "an", "the"):
        k += 1
    body = None
    start = k
    if k in body_at:  # "X is The Asia Foundation's Country Representative"
        body = body_at[k]
        while k in body_at:
            k += 1
        if k < len(doc) and doc[k].text in ("'s", "’s"):
            k += 1
        start = k
    has_head = False
    while k < len(doc) and k - start < 8 and (doc[k].lower_ in knowledge.title_words or doc[k].lower_ in ("of", "to", "for") and has_head is False and False):
        has_head = has_head or doc[k].lower_ in knowledge.title_heads
        k += 1
    if not has_head:
        return None, None
    if k + 1 < len(doc) and doc[k].lower_ in ("of", "for") and _is_cap(doc[k + 1]) and (k + 1) not in body_at:
        j = k + 1  # "Deputy Minister of Public Security": the office, no body named
        while j < len(doc) and j - k <= 4 and _is_cap(doc[j]) and (j not in body_at):
            j += 1
        if j >= len(doc) or not _is_cap(doc[j]):
            k = j
    role = doc[start:k].text
    if body is None and k < len(doc) and doc[k].lower_ in ("of", "to", "at", "for", "in"):
        j = k + 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        if j in body_at:
            body = body_at[j]
            # "Director of the Cambodian National Police's Anti-Human Trafficking ... Department": the last body
            while j < len(doc) and (j in body_at or doc[j].text in ("'s", "’s")):
                if j in body_at:
                    body = body_at[j]
                j += 1
    role = role[0].upper() + role[1:] if role else role
    return role, body


def _body_for_role(role: str, entities: list[FoundEntity]) -> FoundEntity | None:
    """``Minister of Public Security`` works for the ``Ministry of Public Security``; a consul for the consulate."""
    low = role.lower()
    if low in ("president", "prime minister", "deputy prime minister", "vice president", "vice-president", "premier", "king", "queen"):
        governments = [e for e in entities if e.entry is not None and e.entry.id.startswith("gov:")]
        if len(governments) == 1:
            return governments[0]
    match = re.search(r"minister (?:of|for) (.+)$", low)
    if match:
        want = name_key("ministry of " + match.group(1))
        for entity in entities:
            if entity.cls == "Agency" and canonical_body_key(entity.label) == canonical_body_key(want):
                return entity
    if "consul" in low:
        options = [e for e in entities if e.cls == "Agency" and "consulate" in e.label.lower()]
        if len(options) == 1:
            return options[0]
    if "ambassador" in low:
        options = [e for e in entities if e.cls == "Agency" and "embassy" in e.label.lower()]
        if len(options) == 1:
            return options[0]
    return None


# ---------------------------------------------------------------------------
# short forms

def _resolve_short_forms(doc: Doc, entities: list[FoundEntity], chosen: list[Candidate], knowledge: Knowledge, acronyms: dict[str, FoundEntity], words) -> None:
    """Acronyms, a person's later short name and a body's bare later name point at the full entity."""
    persons = [e for e in entities if e.cls in ("Person", "Official")]
    # persons: a name whose words are all in a longer name is that person ("Kim Ninh", "Binh", "Yang")
    for short in list(persons):
        short_words = name_words(short.label)
        owners = [p for p in persons if p is not short and len(name_words(p.label)) > len(short_words)
                  and _is_subsequence(short_words, name_words(p.label))]
        if len(owners) >= 1:
            owner = _nearest_before(owners, short.spans[0].start)
            owner.absorb(short)
            owner.extra_aliases.add(short.label)
            entities.remove(short)
            persons.remove(short)
    taken = {i for e in entities for s in e.spans for i in range(s.start, s.end)}
    part_index: dict[str, list[FoundEntity]] = {}
    for person in persons:
        parts = name_words(person.label)
        if len(parts) < 2:
            continue
        for part in parts:
            if len(part) > 2 and part not in knowledge.particles:
                part_index.setdefault(part, []).append(person)
    acronym_index = {a: e for a, e in acronyms.items()}
    for entity in entities:
        for acro in entity.acronyms:
            acronym_index.setdefault(acro, entity)
    bodies = [e for e in entities if e.cls in ORG_CLASSES]
    for i, token in enumerate(doc):
        if i in taken or not _is_cap(token) or token.is_space:
            continue
        text = token.text
        if text.isupper() and len(text) >= 2:
            for piece in text.split("/"):
                target = acronym_index.get(piece) or _initials_match(piece, bodies)
                if target is not None:
                    target.spans.append(doc[i : i + 1])
                    target.acronyms.add(piece) if piece == text else target.extra_aliases.add(piece)
                    taken.add(i)
            continue
        if token.is_stop:
            continue
        owners = part_index.get(name_words(text)[0] if name_words(text) else "", [])
        if owners and i + 1 < len(doc) and i + 1 not in taken and name_words(doc[i + 1].text):
            pair = [p for p in owners if p in part_index.get(name_words(doc[i + 1].text)[0], [])]
            if pair:  # "Kim Ninh" for "Kim N. B. Ninh"
                owner = _nearest_before(pair, i)
                owner.spans.append(doc[i : i + 2])
                owner.extra_aliases.add(doc[i : i + 2].text)
                taken.update((i, i + 1))
                continue
        if owners and not (i + 1 < len(doc) and _is_cap(doc[i + 1]) and not doc[i + 1].is_punct):
            owner = _nearest_before(owners, i)
            owner.spans.append(doc[i : i + 1])
            owner.extra_aliases.add(text)
            taken.add(i)


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return bool(short) and all(any(w == x for x in it) for w in short)


def _nearest_before(options: list[FoundEntity], position: int) -> FoundEntity:
    def last_before(entity):
        starts = [s.start for s in entity.spans if s.start <= position]
        return max(starts) if starts else -1

    return max(options, key=last_before)


def _initials_match(acronym: str, bodies: list[FoundEntity]) -> FoundEntity | None:
    """``MPS`` is the Ministry of Public Security when the document names exactly one body with those initials."""
    if len(acronym) < 2:
        return None
    options = []
    for body in bodies:
        ws = [w for w in re.findall(r"[A-Za-z]+", body.label) if w.lower() not in ("the",)]
        full = "".join(w[0] for w in ws).upper()
        content = "".join(w[0] for w in ws if w.lower() not in ("of", "and", "for", "on", "in", "to", "against")).upper()
        if acronym.upper() in (full, content):
            options.append(body)
    return options[0] if len(options) == 1 else None


# ---------------------------------------------------------------------------
# records and the component

def to_record(key: str, entity: FoundEntity, doc: Doc, keys: dict[int, str] | None = None) -> EntityRecord:
    """The plain record of ``entity``, its mentions mapped to the original text."""
    mentions = []
    seen = set()
    for span in sorted(entity.spans, key=lambda s: s.start):
        if (span.start, span.end) in seen:
            continue
        seen.add((span.start, span.end))
        start, end = source_span(doc, span.start_char, span.end_char)
        mentions.append(Mention(span.text, start, end))
    aliases = {m.text for m in mentions} | entity.acronyms | entity.extra_aliases
    aliases = sorted(a for a in aliases if a != entity.label)
    entry = entity.entry
    affiliation = keys.get(id(entity.affiliation)) if keys and entity.affiliation is not None else None
    return EntityRecord(
        key=key,
        label=entity.label,
        cls=entity.cls,
        aliases=aliases,
        mentions=mentions,
        country=entity.country,
        located_in=entry.located_in if entry else None,
        lat=entry.lat if entry else None,
        long=entry.long if entry else None,
        wikidata=entry.wikidata if entry else None,
        gazetteer_id=entry.id if entry else None,
        role=entity.role,
        affiliation=affiliation,
    )


class EntityExtractor:
    """spaCy component: world knowledge and the genre's naming rules on top of the model's NER."""

    def __init__(self, nlp: Language, name: str = "tipgraph_entities"):
        self.nlp = nlp
        self.name = name
        self.gazetteer_dir: Path | None = None
        self.knowledge = Knowledge.load()

    @property
    def gazetteer(self) -> Gazetteer:
        return self.knowledge.gazetteer

    def initialize(self, get_examples=None, *, nlp: Language | None = None, gazetteer_dir: str | None = None) -> None:
        """Load the gazetteers (from ``gazetteer_dir`` or the packaged ones)."""
        self.gazetteer_dir = Path(gazetteer_dir) if gazetteer_dir else None
        self.knowledge = Knowledge.load(self.gazetteer_dir)

    def __call__(self, doc: Doc) -> Doc:
        found = list(find_entities(doc, self.knowledge))
        keys = {id(entity): f"e{index}" for index, entity in enumerate(found)}
        records, spans = [], []
        for entity in found:
            record = to_record(keys[id(entity)], entity, doc, keys)
            records.append(record)
            spans.extend(Span(doc, s.start, s.end, label=record.cls, kb_id=record.key) for s in entity.spans)
        doc._.entities = records
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"gazetteer_dir": str(self.gazetteer_dir) if self.gazetteer_dir else None})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityExtractor:
        cfg = srsly.read_json(Path(path) / "cfg.json")
        self.initialize(gazetteer_dir=cfg.get("gazetteer_dir"))
        return self


@Language.factory("tipgraph_entities")
def make_entity_extractor(nlp: Language, name: str) -> EntityExtractor:
    return EntityExtractor(nlp, name)
