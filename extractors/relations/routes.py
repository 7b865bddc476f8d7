"""Trafficking routes: origin, destination and transit places, purposes and victim groups.

A route is read off a trigger (``patterns.json``, section ``routes``):
a trafficking verb ("trafficked to", "sold to", "lure ... to"), a verb of
movement in a sentence about trafficking ("women from the Mekong Delta go to
Taiwan for arranged marriages", "journey from Edo State to Niger, then ...
onward to Europe") or a route noun ("trafficking of women to China").

- destinations: objects of "to/into", "end up in", "leave X for Y"; "countries
  sharing borders with X" and "neighbouring countries" through the land-border
  table; in a chain of moves the last "to" is the destination, earlier ones transit;
- origins: "from X", the victims' place ("victims in the north", "women from
  X"), their nationality ("Vietnamese women" -> Vietnam; "Lao and Cambodian
  women" -> one route from both);
- the report's country roles: "X is a destination country for workers who
  migrate from A", "X is a source country for women trafficked to Y";
- transit: "through/via/across X", "through to X";
- victims and purposes: the vocabulary's individuals, from the words of the
  clause; a generic "victims" or a pronoun takes the victim groups of the
  paragraph it continues.

What the sentence leaves out comes from the document (:class:`RouteContext`):
the home country of the victims ("In the south, most victims are trafficked
to Cambodia" -> from Vietnam), the place where the paragraph's victims are.
Such routes carry a lower confidence.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy
from spacy.attrs import ORTH
from spacy.tokens import Doc, Token

from tipgraph.extractors.records import EntityRecord, Mention, RouteRecord
from tipgraph.extractors.relations.parse import EntityRef, ParsedSentence, group, modality
from tipgraph.ontology.gazetteer import GAZETTEER_DIR, Gazetteer, load_gazetteer, normalize_name

LAND_BORDERS = GAZETTEER_DIR / "land_borders.json"

UNNAMED = "unnamed-country:"  # placeholder key of a country known only from a nationality word
DIRECTION = "direction:"  # placeholder key of a region named only by direction ("the north")

# Compass words and the adjective of the region they name ("the north" -> "northern Vietnam").
COMPASS = {
    "north": "northern",
    "northern": "northern",
    "south": "southern",
    "southern": "southern",
    "east": "eastern",
    "eastern": "eastern",
    "west": "western",
    "western": "western",
    "northeast": "northeastern",
    "north-east": "northeastern",
    "northeastern": "northeastern",
    "northwest": "northwestern",
    "north-west": "northwestern",
    "northwestern": "northwestern",
    "southeast": "southeastern",
    "south-east": "southeastern",
    "southeastern": "southeastern",
    "southwest": "southwestern",
    "south-west": "southwestern",
    "southwestern": "southwestern",
    "central": "central",
}

EXPLICIT = 0.9
FROM_CONTEXT = 0.75
FROM_DOCUMENT = 0.6

PERSON_NOUNS = {
    "victim",
    "people",
    "person",
    "national",
    "citizen",
    "worker",
    "woman",
    "man",
    "child",
    "girl",
    "boy",
    "migrant",
    "infant",
    "newborn",
    "family",
    "youth",
    "resident",
    "laborer",
    "labourer",
    "individual",
}


def load_land_borders(path: Path = LAND_BORDERS) -> dict[str, list[str]]:
    return json.loads(path.read_text(encoding="utf-8"))["borders"]


def _new_key(doc: Doc) -> str:
    return f"r{sum(1 for e in doc._.entities if e.key.startswith('r'))}"


def add_region_record(doc: Doc, label: str, country: EntityRecord, mention: Mention) -> str:
    """The relation side's other addition: a region named only by direction, inside the home country.

    "In the south, most victims are trafficked to Cambodia" in a document about
    Vietnam: the origin is "southern Vietnam", a ``Region`` located in Vietnam,
    mentioned where the text says "south".
    """
    code = country.gazetteer_id or country.country
    key = _new_key(doc)
    doc._.entities.append(
        EntityRecord(
            key=key,
            label=label,
            cls="Region",
            aliases=[mention.text] if mention.text != label else [],
            mentions=[mention],
            country=country.country or code,
            located_in=code,
        )
    )
    return key


def add_place_record(doc: Doc, entry) -> str:
    """The relation side's only way to add an entity: a country the text names only by nationality.

    "Vietnamese women ... trafficked to China" in a text that never writes
    "Vietnam": the route needs Vietnam as its origin. The record comes from
    the gazetteer entry, has no mention of its own (the text never names it)
    and a key (``r0``, ``r1``...) that cannot clash with the entity
    component's.
    """
    if doc._.entities is None:
        doc._.entities = []
    key = _new_key(doc)
    doc._.entities.append(
        EntityRecord(
            key=key,
            label=entry.name,
            cls=entry.cls,
            country=entry.country or entry.id,
            located_in=entry.located_in,
            lat=entry.lat,
            long=entry.long,
            wikidata=entry.wikidata,
            gazetteer_id=entry.id,
        )
    )
    return key


@dataclass
class Theme:
    """Who is moved: victim groups and where they come from."""

    victims: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    generic: bool = False
    pronoun: bool = False
    specific: bool = False  # names people the vocabulary has no group for ("citizens", "nationals")
    via_home: bool = False  # their place is a direction only ("victims in the north")


_DEMONYM_STARTS: dict[int, tuple[Gazetteer, Callable[[str], bool]]] = {}


def _demonym_starts(gazetteer: Gazetteer) -> Callable[[str], bool]:
    """A test, cached per word: can a nationality word (one or two words long) start with this word?"""
    kept = _DEMONYM_STARTS.get(id(gazetteer))
    if kept is not None and kept[0] is gazetteer:
        return kept[1]
    first_words = set()
    for entry in gazetteer:
        for demonym in entry.demonyms:
            words = normalize_name(demonym).split()
            if len(words) > 1:
                first_words.add(words[0])

    @cache
    def starts(word: str) -> bool:
        if not word[:1].isupper():
            return False
        return (
            gazetteer.by_demonym(word) is not None
            or (word.endswith("s") and gazetteer.by_demonym(word[:-1]) is not None)
            or normalize_name(word) in first_words
        )

    _DEMONYM_STARTS[id(gazetteer)] = (gazetteer, starts)
    return starts


class RouteContext:
    """What a document says around its sentences: its victims' home country, the paragraph's victims."""

    def __init__(
        self,
        doc: Doc,
        entities: Iterable[EntityRecord],
        patterns: dict,
        gazetteer: Gazetteer | None = None,
        borders: dict[str, list[str]] | None = None,
    ):
        self.patterns = patterns
        self.doc = doc
        self.gazetteer = gazetteer or load_gazetteer()
        self.borders = borders if borders is not None else load_land_borders()
        self.country_key: dict[str, str] = {}
        self.code_of: dict[str, str] = {}
        mentions: Counter = Counter()
        for record in entities:
            if record.cls != "Country":
                continue
            code = record.gazetteer_id or record.country
            if not code:
                found = self.gazetteer.lookup(record.label)
                code = found[0].id if found else None
            if code:
                self.country_key.setdefault(code, record.key)
                self.code_of[record.key] = code
                mentions[record.key] += max(1, len(record.mentions))
        demonyms: Counter = Counter()
        for i in self.possible_demonyms(doc):
            demonym = self.demonym_end(doc[i])
            if demonym and demonym[0] in self.country_key:
                code, last = demonym
                following = last.nbor() if last.i + 1 < len(doc) else None
                if last.tag_ in ("NNS", "NNPS") or (following is not None and following.lemma_.lower() in PERSON_NOUNS):
                    demonyms[self.country_key[code]] += 1
        self.home: str | None = None
        if demonyms:
            self.home = demonyms.most_common(1)[0][0]
        elif mentions:
            self.home = mentions.most_common(1)[0][0]
        self.topic: dict[int, Theme] = {}
        self.last: dict[int, Theme] = {}
        self.victim_place: dict[int, str] = {}

    def resolve(self, key: str) -> str | None:
        """An entity key, adding the country of an unnamed nationality ("Vietnamese") or a direction region when needed."""
        if key.startswith(UNNAMED):
            return self.key_for(key[len(UNNAMED) :])
        if key.startswith(DIRECTION):
            adjective, surface, start, end = key[len(DIRECTION) :].split("|")
            return self.direction_region(adjective, surface, int(start), int(end)) or self.home
        return key

    def direction_placeholder(self, ps: ParsedSentence, token: Token) -> str | None:
        """The key that stands for "the north" of the home country until a route needs it."""
        if not self.home:
            return None
        adjective = COMPASS.get(token.lower_)
        if adjective is None:
            return self.home  # "the border provinces", "rural areas": somewhere in the home country
        surface, start, end = ps.source_text(token)
        return f"{DIRECTION}{adjective}|{surface}|{start}|{end}"

    def direction_region(self, adjective: str, surface: str, start: int, end: int) -> str | None:
        """The region "northern Vietnam" for "the north" of a document about Vietnam, located in it."""
        home = (
            next((e for e in (self.doc._.entities or []) if e.key == self.home), None) if self.doc is not None else None
        )
        if home is None:
            return None
        label = f"{adjective} {home.label}"
        wanted = {label.lower(), surface.lower(), f"the {surface.lower()}"}
        for record in self.doc._.entities:
            if record.cls == "Region" and ({record.label.lower(), *(a.lower() for a in record.aliases)} & wanted):
                return record.key
        return add_region_record(self.doc, label, home, Mention(surface, start, end))

    def key_for(self, code: str) -> str | None:
        """The document's entity for the country ``code``, added when the text names it only by nationality."""
        if code in self.country_key:
            return self.country_key[code]
        if self.doc is None or code not in self.gazetteer or self.gazetteer.get(code).cls != "Country":
            return None
        key = add_place_record(self.doc, self.gazetteer.get(code))
        self.country_key[code] = key
        self.code_of[key] = code
        return key

    def possible_demonyms(self, doc: Doc) -> list[int]:
        """Where a nationality word may start in ``doc``: each distinct word is looked at once."""
        orths, inverse = numpy.unique(doc.to_array([ORTH]).reshape(-1), return_inverse=True)
        strings = doc.vocab.strings
        starts = _demonym_starts(self.gazetteer)
        hits = numpy.array([starts(strings[int(orth)]) for orth in orths], dtype=bool)
        return numpy.flatnonzero(hits[inverse.reshape(-1)]).tolist() if len(orths) else []

    def demonym(self, token: Token) -> str | None:
        """The country code of a nationality word ("Vietnamese", "Sri Lankans")."""
        found = self.demonym_end(token)
        return found[0] if found else None

    def demonym_end(self, token: Token) -> tuple[str, Token] | None:
        """(country code, last token) of a nationality word starting at ``token``, one or two words long."""
        if not token.text[:1].isupper():
            return None
        candidates = [(token.text, token)]
        following = token.nbor() if token.i + 1 < len(token.doc) else None
        if following is not None and following.text[:1].isupper():
            candidates.insert(0, (f"{token.text} {following.text}", following))
        for text, last in candidates:
            for word in (text, text[:-1] if text.endswith("s") else None):
                entry = self.gazetteer.by_demonym(word) if word else None
                if entry is not None:
                    return entry.id, last
        return None

    def neighbours(self, key: str) -> list[str]:
        code = self.code_of.get(key)
        return [self.country_key[c] for c in self.borders.get(code or "", []) if c in self.country_key]


def _has_own_subject(verb: Token, clause: Token) -> bool:
    """``clause`` (a verb under ``verb``) has a subject, also one the parse hangs deeper, left of it."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return True
    return any(
        d.dep_ in ("nsubj", "nsubjpass", "mark")
        for d in clause.subtree
        if verb.i < d.i < clause.i and d.head is not clause
    )


class _RouteFinder:
    def __init__(self, ps: ParsedSentence, patterns: dict, context: RouteContext):
        self.ps = ps
        self.cfg = patterns["routes"]
        self.places = set(patterns["place_classes"])
        self.patterns = patterns
        self.context = context
        self.victim_table = {word: name for name, words in patterns["victims"].items() for word in words}
        purposes = patterns["purposes"]
        self.purpose_table = {word: name for name, words in purposes["words"].items() for word in words}
        self.weak_purposes = {word: name for name, words in purposes["weak"].items() for word in words}
        self.purpose_order = purposes["order"]
        self.domestic_requires = set(purposes["domestic_requires"])
        self.sentence_context = any(
            t.lemma_.lower() in self.cfg["context_words"] or t.lower_.startswith("traffick") for t in ps.doc
        )

    # -- places

    def place_refs(self, tokens: Iterable[Token]) -> list[EntityRef]:
        found: list[EntityRef] = []
        for token in tokens:
            for member in group(token):
                ref = self.ps.entity(member)
                if ref is not None and ref.cls in self.places and ref not in found:
                    found.append(ref)
        return found

    def parenthesised_places(self, token: Token) -> list[EntityRef]:
        """ "go to Taiwan (or to a lesser extent, Korea)": the places in a bracket right after ``token``."""
        i = token.i + 1
        if i >= len(self.ps.doc) or self.ps.doc[i].text != "(":
            return []
        found: list[EntityRef] = []
        for current in self.ps.doc[i + 1 :]:
            if current.text == ")":
                return found
            ref = self.ps.entity(current)
            if ref is not None and ref.cls in self.places:
                found.append(ref)
        return []

    def preps(self, token: Token, words: Iterable[str]) -> list[tuple[Token, Token]]:
        """(preposition, object) pairs under ``token``, also through adverbs ("onward to", "then into")."""
        words = set(words)
        pairs: list[tuple[Token, Token]] = []
        for child in token.children:
            if (
                child.dep_ in ("prep", "dative") or child.dep_ == "conj" and child.pos_ == "ADP"
            ) and child.lower_ in words:
                pairs.extend((child, c) for c in child.children if c.dep_ in ("pobj", "pcomp"))
            elif (
                child.dep_ in ("advmod", "prt") or child.dep_ == "conj" and child.pos_ == "ADV"
            ) and child.lower_ not in words:
                pairs.extend(self.preps(child, words))
            elif child.dep_ == "prep" and child.lower_ in ("through",) and "to" in words:
                continue
        return pairs

    def bordering(self, noun: Token, origins: list[str]) -> list[str]:
        """ "countries sharing borders with X", "neighbouring countries" -> X's neighbours."""
        if noun.lemma_.lower() not in ("country", "nation", "state"):
            return []
        for child in noun.subtree:
            if child.lemma_.lower() in self.cfg["border_verbs"] and child is not noun:
                anchors = self.place_refs(
                    [c for p in child.subtree if p.dep_ == "pobj" for c in [p]]
                    + [c for c in child.children if c.dep_ == "dobj"]
                )
                for ref in anchors:
                    found = self.context.neighbours(ref.key)
                    if found:
                        return found
        if any(c.lower_ in self.cfg["neighbour_words"] for c in noun.children):
            for key in origins or ([self.context.home] if self.context.home else []):
                found = self.context.neighbours(key)
                if found:
                    return found
        return []

    # -- victims and purposes

    def theme_tokens(self, t: Token) -> list[Token]:
        lemma = t.lemma_.lower()
        if t.dep_ in ("acl", "relcl") and t.head is not t:
            subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects or subjects[0].lower_ in ("who", "that", "which"):
                # "cases of Vietnamese infants trafficked to China": the people, not the cases
                return [t.head] + [c for _, c in self.preps(t.head, ("of",))]
        if t.pos_ == "NOUN":
            return [c for _, c in self.preps(t, ("of",))] + [c for c in t.children if c.dep_ == "poss"]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        objects = [c for c in t.children if c.dep_ in ("dobj", "obj")]
        if (
            passive
            or lemma in self.cfg["motion_verbs"]
            and lemma not in ("send", "bring", "take", "transport", "transfer", "deliver", "ship", "recruit", "move")
        ):
            if subjects:
                return subjects
        if objects:
            return objects
        if subjects:
            return subjects
        of_objects = [c for _, c in self.preps(t, ("of",))]
        if of_objects:  # a gerund: "trafficking of Vietnamese women"
            return of_objects
        if t.dep_ in ("conj", "xcomp", "pcomp") and t.head is not t:
            return self.theme_tokens(t.head) if t.head.pos_ in ("VERB", "AUX") else []
        return []

    def theme_members(self, tokens: list[Token]) -> list[Token]:
        """The people tokens: a group's members, and "thousands of women" -> women."""
        members: list[Token] = []
        for token in tokens:
            for member in group(token):
                members.append(member)
                for _ in range(2):
                    ofs = [c for _, c in self.preps(member, ("of",))]
                    if not ofs:
                        break
                    for sub in ofs:
                        members.extend(group(sub))
                    member = ofs[0]
        return list(dict.fromkeys(members))

    def coordinated_nationalities(self, member: Token, words: list[Token]) -> list[Token]:
        """ "Lao and Cambodian women": every nationality coordinated with one that modifies the people.

        The parse either hangs the others as conjuncts of the modifier, or makes
        the first one the head of a coordination whose last conjunct is the
        people ("Lao" <- conj "women"); both say where the same group is from.
        """
        found: list[Token] = []
        for word in words[1:]:
            found += [c for c in word.conjuncts if c.i < member.i and c not in words and c not in found]
        if member.dep_ == "conj" and words[1:] and self.is_nationality(words[1]):
            first = member.head
            while first.dep_ == "conj" and first.head.i < first.i:
                first = first.head
            chain = [first] + [c for c in first.conjuncts if c.i < member.i]
            between = self.ps.doc[first.i : member.i]
            if all(self.is_nationality(c) for c in chain) and all(
                t in chain or t.dep_ in ("cc", "punct") or t in words for t in between
            ):
                found += [c for c in chain if c not in words and c not in found]
        return found

    def is_nationality(self, token: Token) -> bool:
        """A nationality word, or a country's name, written as a single modifier ("Vietnamese", "Lao")."""
        if self.context.demonym(token):
            return not any(c.dep_ not in ("cc", "punct", "conj") for c in token.children)
        ref = self.ps.entity(token)
        return (
            ref is not None
            and ref.cls == "Country"
            and not any(c.dep_ not in ("cc", "punct", "conj") for c in token.children)
        )

    def linear_theme(self, t: Token) -> list[Token]:
        """The nearest word for people left of ``t`` in its clause, when the parse gives none."""
        for i in range(t.i - 1, max(-1, t.i - 10), -1):
            current = self.ps.doc[i]
            if current.text in (";", ":") or (current.i != t.i and self.is_trigger(current) and current.pos_ == "VERB"):
                return []
            if (
                current.lower_ in self.victim_table
                or current.lemma_.lower() in self.victim_table
                or self.context.demonym(current)
                and current.tag_ in ("NNS", "NNPS")
            ):
                return [current]
        return []

    def theme(self, tokens: list[Token], destinations: list[str]) -> Theme:  # noqa: C901  (to split: see the layout issue's note)
        theme = Theme()
        for token in tokens:
            for member in self.theme_members([token]):
                words = [member] + [
                    c for c in member.subtree if c.i < member.i and c.dep_ in ("amod", "compound", "nmod", "poss")
                ]
                words += self.coordinated_nationalities(member, words)
                groups = [self.victim_table[w.lower_] for w in words if w.lower_ in self.victim_table]
                groups += [self.victim_table[w.lemma_.lower()] for w in words if w.lemma_.lower() in self.victim_table]
                # "male newborns" are infants, not men
                if {"Children", "Infants", "Girls", "Boys"} & set(groups):
                    groups = [g for g in groups if g not in ("Women", "Men")]
                for name in groups:
                    if name not in theme.victims:
                        theme.victims.append(name)
                for word in sorted(words, key=lambda w: w.i):  # origins in the order the text names them
                    code = self.context.demonym(word)
                    # a country the text does not name is added only if a route is stated (see emit)
                    key = (self.context.country_key.get(code) or f"{UNNAMED}{code}") if code else None
                    if key is None and word is not member:
                        # "Lao women": a country name used as the nationality word
                        ref = self.ps.entity(word)
                        key = ref.key if ref is not None and ref.cls == "Country" else None
                    if key and key not in theme.origins and key not in destinations:
                        theme.origins.append(key)
                # where the victims are from: "women from X", "victims in the north", "residing in camps in X"
                for sub in member.subtree:
                    if sub.dep_ == "pobj" and sub.head.lower_ in ("from", "in") and sub.head.head is not None:
                        for ref in self.place_refs([sub]):
                            if ref.key not in destinations and ref.key not in theme.origins:
                                theme.origins.append(ref.key)
                        if (
                            not self.place_refs([sub])
                            and sub.lower_ in self.cfg["direction_words"]
                            and self.context.home
                        ):
                            key = self.context.direction_placeholder(self.ps, sub)
                            if key and key not in theme.origins and self.context.home not in destinations:
                                theme.origins.append(key)
                                theme.via_home = True
                if member.lower_ in self.cfg["pronouns"]:
                    theme.pronoun = True
                elif (
                    groups
                    or member.pos_ in ("NOUN", "PROPN")
                    and member.lemma_.lower() not in self.cfg["generic_victims"]
                    and not any(c.dep_ == "prep" and c.lower_ == "of" for c in member.children)
                ):
                    theme.specific = True
                elif (
                    member.lemma_.lower() in self.cfg["generic_victims"] or member.lower_ in self.cfg["generic_victims"]
                ):
                    theme.generic = True
        if theme.specific:
            theme.generic = False
        return theme

    def purposes(self, scope: Iterable[Token], weak: bool = True) -> list[str]:
        strong: dict[int, list[str]] = {}
        weak_found: list[str] = []
        for token in scope:
            words = {token.lower_, token.lemma_.lower()}
            head = token
            while head.dep_ in ("compound", "amod", "nmod") and head.head is not head:
                head = head.head
            for word in words:
                name = self.purpose_table.get(word)
                if name == "DomesticServitude":
                    # "domestic" names a purpose only with work: "domestic servitude", "the domestic ... sectors"
                    window = {w.lemma_.lower() for w in self.ps.doc[token.i : token.i + 14]} | {
                        w.lower_ for w in self.ps.doc[token.i : token.i + 14]
                    }
                    if not window & self.domestic_requires:
                        name = None
                if name:
                    strong.setdefault(head.i, []).append(name)
                elif word in self.weak_purposes:
                    weak_found.append(self.weak_purposes[word])
        found: list[str] = []
        for names in strong.values():
            best = min(names, key=self.purpose_order.index)
            if best not in found:
                found.append(best)
        if not found and weak:
            found = list(dict.fromkeys(weak_found))
        return found

    # -- one trigger

    def is_trigger(self, t: Token) -> bool:
        lemma, lower = t.lemma_.lower(), t.lower_
        if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB"):
            return (
                lemma in self.cfg["traffic_verbs"] or lemma in self.cfg["motion_verbs"] or lower.startswith("traffick")
            )
        return t.pos_ == "NOUN" and lemma in self.cfg["route_nouns"] and t.dep_ != "compound"

    def chain(self, t: Token) -> list[Token]:
        """``t`` and the moves that continue it ("journey from A to B, then travel ... into C")."""
        verbs = [t]
        for child in t.children:
            if (
                child.dep_ in ("conj", "xcomp", "dep", "advcl")
                and child.pos_ == "VERB"
                and (
                    child.lemma_.lower() in self.cfg["motion_verbs"]
                    or child.lemma_.lower() in self.cfg["traffic_verbs"]
                )
            ):
                if self.continues(t, child):
                    verbs.extend(self.chain(child))
        return verbs

    @staticmethod
    def continues(verb: Token, following: Token) -> bool:
        """``following`` is the same people's next move, not a clause of its own.

        A clause of its own has a subject, or a subordinating word ("..., though
        women from the Mekong Delta go to Taiwan"), also when the parse hangs
        them deeper, left of the verb.
        """
        if any(c.dep_ == "mark" for c in following.children):
            return False
        return not _has_own_subject(verb, following)

    def clause_tokens(self, verb: Token) -> set[Token]:
        """``verb``'s subtree without the clauses that have a subject of their own."""
        tokens = {verb}
        for child in verb.children:
            if child.dep_ in ("advcl", "ccomp", "relcl", "conj", "parataxis") and _has_own_subject(verb, child):
                continue
            if child.dep_ == "conj" and child.pos_ in ("VERB", "AUX"):
                continue
            tokens.update(child.subtree)
        return tokens

    def noun_preps(self, t: Token) -> list[tuple[Token, Token]]:
        """(preposition, place) pairs written after a route noun ("journey from A through to B and then across C")."""
        pairs = []
        words = (
            set(self.cfg["destination_prepositions"])
            | set(self.cfg["origin_prepositions"])
            | set(self.cfg["transit_prepositions"])
        )
        prep = None
        for current in self.ps.doc[t.i + 1 :]:
            if current.text in (";", ".") or (current.dep_ in ("nsubj", "nsubjpass")):
                break
            if current.lower_ in words and current.pos_ in ("ADP", "ADV", "SCONJ", "PART", "VERB"):
                prep = current
            elif prep is not None and current.i in self.ps.entities:
                pairs.append((prep, current))
                prep = None
        return pairs

    def route(self, t: Token) -> Iterator[RouteRecord]:  # noqa: C901  (to split: see the layout issue's note)
        lemma = t.lemma_.lower()
        strong = lemma in self.cfg["strong_verbs"] or t.lower_.startswith("traffick")
        verbs = self.chain(t)
        self.consumed.update(v.i for v in verbs[1:])
        dest_words = self.cfg["destination_prepositions"]
        via_home = False  # an origin named only by direction ("the north"): the home country stands for it
        legs: list[list[str]] = []  # destinations in the order the text moves through them
        transit: list[str] = []
        origins: list[str] = []
        dest_nouns: list[Token] = []
        for verb in verbs:
            candidates = self.preps(verb, dest_words)
            for _, obj in self.preps(verb, self.cfg["transit_prepositions"]):
                candidates += self.preps(obj, dest_words)  # "through the Sahara into Libya"
            for prep, obj in sorted(candidates, key=lambda p: p[0].i):
                before = self.ps.doc[prep.i - 1] if prep.i > 0 else None
                refs = [r.key for r in self.place_refs([obj])]
                if before is not None and before.lower_ == "through":
                    transit.extend(refs)
                    continue
                refs += [r.key for r in self.parenthesised_places(obj) if r.key not in refs]
                if refs:
                    legs.append(refs)
                else:
                    dest_nouns.append(obj)
            verb_lemma = verb.lemma_.lower()
            if verb_lemma == "end" and any(c.dep_ == "prt" and c.lower_ == "up" for c in verb.children):
                refs = [r.key for _, o in self.preps(verb, ("in", "at")) for r in self.place_refs([o])]
                if refs:
                    legs.append(refs)
            if verb_lemma in ("leave", "flee"):
                origins.extend(r.key for r in self.place_refs([c for c in verb.children if c.dep_ == "dobj"]))
                refs = [r.key for _, o in self.preps(verb, ("for",)) for r in self.place_refs([o])]
                if refs:
                    legs.append(refs)
            if verb_lemma == "head":
                refs = [r.key for _, o in self.preps(verb, ("for",)) for r in self.place_refs([o])]
                if refs:
                    legs.append(refs)
            if verb_lemma in ("reach", "enter"):
                refs = [r.key for r in self.place_refs([c for c in verb.children if c.dep_ == "dobj"])]
                if refs:
                    legs.append(refs)
            for _, obj in self.preps(verb, self.cfg["origin_prepositions"]):
                origins.extend(r.key for r in self.place_refs([obj]))
            for _, obj in self.preps(verb, self.cfg["transit_prepositions"]):
                refs = [r.key for r in self.place_refs([obj])]
                transit.extend(refs)
            if verb.i == t.i and len(verbs) > 1:
                # "recruited in Vietnam and sent to Malaysia": where the first move starts
                origins.extend(r.key for _, o in self.preps(verb, ("in",)) for r in self.place_refs([o]))
            if verb.i == t.i:
                for _, obj in self.preps(verb, ("in",)):
                    if obj.lower_ in self.cfg["direction_words"] and not self.place_refs([obj]) and self.context.home:
                        origins.append(
                            self.context.direction_placeholder(self.ps, obj)  # type: ignore[arg-type]  # None when no home: the route is dropped later
                        )  # "In the south, victims are trafficked to X"
                        via_home = True
        if t.pos_ == "NOUN":
            for prep, obj in self.noun_preps(t):
                refs = [r.key for r in self.place_refs([obj])]
                before = self.ps.doc[prep.i - 1] if prep.i > 0 else None
                if prep.lower_ in self.cfg["origin_prepositions"]:
                    origins.extend(r for r in refs if r not in origins)
                elif prep.lower_ in self.cfg["transit_prepositions"] or (
                    before is not None and before.lower_ == "through"
                ):
                    transit.extend(refs)
                elif refs and not any(refs == leg for leg in legs):
                    legs.append(refs)
        if not legs:
            # "lure women ... residing in camps in X to Malaysia": the parse hangs "to" on the victims' modifier
            for token in self.theme_tokens(t):
                for child in token.children:
                    if child.dep_ == "acl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                        for _, obj in self.preps(child, dest_words):
                            refs = [r.key for r in self.place_refs([obj])]
                            if refs:
                                legs.append(refs)
        destinations = legs[-1] if legs else []
        for leg in legs[:-1]:
            transit.extend(leg)
        theme_tokens = self.theme_tokens(t)
        theme = self.theme(theme_tokens, destinations)
        if not theme.victims and not theme.pronoun:
            linear = self.linear_theme(t)
            if linear:
                theme_tokens = linear
                theme = self.theme(linear, destinations)
        for key in theme.origins:
            if key not in origins:
                origins.append(key)
        if not destinations:
            for noun in dest_nouns:
                destinations = self.bordering(noun, origins)
                if destinations:
                    break
        if not destinations and origins:
            destinations = self.destination_country(t)
        paragraph = self.ps.paragraph
        confidence = FROM_CONTEXT if via_home or theme.via_home else EXPLICIT
        victims = list(theme.victims)
        if theme.pronoun and paragraph in self.context.last:
            victims = victims or list(self.context.last[paragraph].victims)
            if not origins:
                origins = list(self.context.last[paragraph].origins)
                confidence = FROM_CONTEXT
        elif (theme.generic or not victims and not theme.specific) and paragraph in self.context.topic:
            victims = victims or list(self.context.topic[paragraph].victims)
        if victims and not theme.pronoun and (theme.victims or theme.origins):
            self.remember(Theme(list(victims), list(theme.origins)))
        if not destinations and origins and (transit or theme.generic) and paragraph in self.context.victim_place:
            destinations = [self.context.victim_place[paragraph]]
            confidence = min(confidence, FROM_CONTEXT)
        if not destinations:
            return
        if not origins and destinations:
            origins = self.country_of_role(t, self.cfg["source_nouns"])
        if not origins and self.context.home and self.context.home not in destinations:
            origins = [self.context.home]
            confidence = min(confidence, FROM_DOCUMENT)
        origins = [o for o in dict.fromkeys(origins) if o not in destinations]
        transit = [p for p in dict.fromkeys(transit) if p not in destinations and p not in origins]
        if not origins:
            return
        scope = set()
        for verb in verbs:
            scope.update(self.clause_tokens(verb))
        for token in theme_tokens:
            if token.pos_ != "PRON":
                scope.update(self.clause_tokens(token) if token.pos_ in ("VERB", "AUX") else token.subtree)
        # "..., but subsequently they encounter forced labor": what happens to the same people next
        for verb in self.ps.doc[t.i + 1 :]:
            if verb.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "nsubj" and c.lower_ in ("they", "she", "he") for c in verb.children
            ):
                scope.update(self.clause_tokens(verb))
        purposes = self.purposes(sorted(scope, key=lambda x: x.i))
        named_purposes = self.purposes(sorted(scope, key=lambda x: x.i), weak=False)
        if not strong and not self.sentence_context and not named_purposes:
            return  # a move, not trafficking: "Zimbabweans travel to South Africa to look for work"
        mode = modality(t, self.patterns["negation"], self.patterns["hedge"])
        if mode == "hedged" or mode == "negated" and not self.keep_negated:
            return
        origins = [o for o in (self.context.resolve(o) for o in origins) if o and o not in destinations]
        for origin in origins:
            for destination in destinations:
                yield RouteRecord(
                    [origin],
                    [destination],
                    self.ps.evidence,
                    transit=list(transit),
                    purposes=list(purposes),
                    victims=list(victims),
                    confidence=confidence,
                    negated=mode == "negated",
                )

    def destination_country(self, t: Token) -> list[str]:
        """ "X is a destination (country) for workers who migrate from ..." -> X."""
        return self.country_of_role(t, self.cfg["destination_nouns"])

    def country_of_role(self, t: Token, role_words: Iterable[str]) -> list[str]:
        """ "X is a destination / source (country) for people trafficked ..." -> X, when ``t`` hangs under that noun."""
        role_words = set(role_words)

        def names_role(token: Token) -> bool:
            lemma = token.lemma_.lower()
            return lemma in role_words or (lemma == "country" and any(c.lower_ in role_words for c in token.children))

        current = t
        for _ in range(5):
            if current.head is current:
                return []
            current = current.head
            copula = None
            if names_role(current):
                copula = current.head
            elif current.lemma_.lower() == "be" and any(c.dep_ == "attr" and names_role(c) for c in current.children):
                copula = current  # the parse hangs "for ..." on "is"
            if copula is not None:
                subjects = [c for c in copula.children if c.dep_ == "nsubj"]
                return [r.key for r in self.place_refs(subjects)]
        return []

    def remember(self, theme: Theme) -> None:
        paragraph = self.ps.paragraph
        self.context.last[paragraph] = theme
        self.context.topic.setdefault(paragraph, theme)

    def note_sentence(self) -> None:
        """Victims named without a route still set the paragraph's topic; "victims in X" its place."""
        for token in self.ps.doc:
            if token.lemma_.lower() in ("victim",):
                for _, obj in self.preps(token, ("in",)):
                    refs = self.place_refs([obj])
                    if refs:
                        self.context.victim_place[self.ps.paragraph] = refs[0].key
            if token.lower_.startswith("traffick") or token.lemma_.lower() == "victim":
                tokens = self.theme_tokens(token) if token.pos_ in ("VERB", "AUX") else [token]
                if token.pos_ == "NOUN" and token.dep_ == "compound":
                    tokens = [token.head]
                theme = self.theme(tokens, [])
                if theme.victims and self.ps.paragraph not in self.context.topic:
                    self.context.topic[self.ps.paragraph] = theme
                if theme.victims and not theme.pronoun:
                    self.context.last[self.ps.paragraph] = theme

    def run(self, keep_negated: bool) -> Iterator[RouteRecord]:
        self.keep_negated = keep_negated
        merged: dict[tuple[str, str], RouteRecord] = {}
        spare_purposes: list[str] = []
        self.consumed: set[int] = set()
        for t in self.ps.doc:
            if not self.is_trigger(t) or t.i in self.consumed:
                continue
            records = list(self.route(t))
            if (
                not records
                and (t.lemma_.lower() in self.cfg["strong_verbs"] or t.lower_.startswith("traffick"))
                and t.pos_ in ("VERB", "AUX")
            ):
                if modality(t, self.patterns["negation"], self.patterns["hedge"]) is None:
                    spare_purposes.extend(self.purposes(sorted(self.clause_tokens(t), key=lambda x: x.i)))
            for record in records:
                key = (record.origin[0], record.destination[0])
                if key in merged:
                    kept = merged[key]
                    for attr in ("transit", "purposes", "victims"):
                        values = getattr(kept, attr)
                        values.extend(v for v in getattr(record, attr) if v not in values)
                    kept.confidence = max(kept.confidence, record.confidence)
                else:
                    merged[key] = record
        self.note_sentence()
        # a leg of a longer journey the sentence states is not a route of its own
        legs = {(r.origin[0], p) for r in merged.values() for p in r.transit}
        merged = {key: r for key, r in merged.items() if key not in legs}
        for record in merged.values():
            # "Victims are trafficked in cannabis cultivations ... during their journey from X to Y"
            if not record.purposes and spare_purposes:
                record.purposes = list(dict.fromkeys(spare_purposes))
        yield from join_origins(merged.values())


def join_origins(records: Iterable[RouteRecord]) -> list[RouteRecord]:
    """ "Lao and Cambodian women are trafficked to X": one group moved along one route, from several origins.

    Records that differ only in their origin are one statement; a list of
    destinations stays one route to each (each is a journey of its own). The
    first record of each group is kept (and given the others' origins).
    """
    joined: dict[tuple, RouteRecord] = {}
    for record in records:
        key = (
            tuple(record.destination),
            tuple(record.transit),
            tuple(record.purposes),
            tuple(record.victims),
            record.confidence,
            record.negated,
        )
        kept = joined.get(key)
        if kept is None:
            joined[key] = record
        else:
            kept.origin.extend(o for o in record.origin if o not in kept.origin)
    return list(joined.values())


def routes_in(
    ps: ParsedSentence, patterns: dict, context: RouteContext, keep_negated: bool = False
) -> Iterator[RouteRecord]:
    """Every route ``ps`` states, one record per destination and group of origins (see :func:`join_origins`)."""
    yield from _RouteFinder(ps, patterns, context).run(keep_negated)
