"""One sentence as the route finder reads it: its places, prepositions, clauses and triggers."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from tipgraph.extractors.relations.attributes import attribute_words
from tipgraph.extractors.relations.parse import EntityRef, ParsedSentence
from tipgraph.extractors.relations.routes.context import RouteContext
from tipgraph.extractors.relations.routes.frames import VerbFrame, verb_frames
from tipgraph.extractors.relations.syntax import group, linear_list

# the dependencies that open a clause: with a subject of its own, its places are not the verb's
_CLAUSES = frozenset({"acl", "advcl", "ccomp", "csubj"})
# the prepositions of a way ("en route to X", "on their way to X"), whose places are the verb's
_WAY_PREPOSITIONS = frozenset({"en", "on"})


def hangs_under(token: Token, prepositions: set[str], top: Token) -> bool:
    """Does ``token`` hang (below ``top``) under one of ``prepositions``, an agent ("by an agent who lived
    in X") or a clause of its own?"""
    current = token.head
    while current.i != top.i and current.head.i != current.i:
        if current.dep_ == "prep" and current.lower_ in prepositions or current.dep_ in ("relcl", "agent"):
            return True
        if current.dep_ in _CLAUSES and any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in current.children):
            return True  # a clause of its own, not "..., particularly begging in X"
        current = current.head
    return False


def _has_own_subject(verb: Token, clause: Token) -> bool:
    """``clause`` (a verb under ``verb``) has a subject, also one the parse hangs deeper, left of it."""
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in clause.children):
        return True
    return any(
        d.dep_ in ("nsubj", "nsubjpass", "mark") for d in clause.subtree if verb.i < d.i < clause.i and d.head != clause
    )


class SentenceReader:
    """The parse of one sentence seen through the route vocabulary (``patterns.json``, ``routes``)."""

    def __init__(self, ps: ParsedSentence, patterns: dict, context: RouteContext):
        self.ps = ps
        self.cfg = patterns["routes"]
        self.frames: dict[str, VerbFrame] = verb_frames(patterns)
        self.places = set(patterns["place_classes"])
        self.patterns = patterns
        self.context = context
        words = self.attribute_words = attribute_words(patterns)  # the tables the model's added routes are read with
        self.victim_table = words.victim_words
        self.purpose_table = words.purpose_words
        self.weak_purposes = words.weak_purpose_words
        self.purpose_order = words.purpose_order
        self.domestic_requires = words.domestic_requires
        self.sentence_context = any(
            t.lemma_.lower() in self.cfg["context_words"] or t.lower_.startswith("traffick") for t in ps.doc
        )

    # -- places

    def place_refs(self, tokens: Iterable[Token]) -> list[EntityRef]:
        found: list[EntityRef] = []
        for token in tokens:
            members = group(token)
            if len(members) == 1 and self.area_countries(token) is not None:
                # "in several West African countries, Libya and Italy": the parse breaks the list
                members += linear_list(self.ps, token)
            for member in members:
                ref = self.ps.entity(member) or self.area_countries(member) or self.place_of_destination(member)
                if ref is not None and ref.cls in self.places and ref not in found:
                    found.append(ref)
        return found

    def area_countries(self, noun: Token) -> EntityRef | None:
        """ "in other African countries", "from Middle Eastern states": the area an adjective names, for the
        countries of it (its key a placeholder until a route needs it: :meth:`RouteContext.resolve`)."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in self.cfg["country_nouns"] or noun.i in self.ps.entities:
            return None
        return self._area_named_by(noun)

    def _area_named_by(self, noun: Token) -> EntityRef | None:
        for child in noun.children:
            if child.dep_ not in ("amod", "compound"):
                continue
            entry = self.context.gazetteer.by_origin_word(noun.doc[child.left_edge.i : child.i + 1].text)
            if entry is not None and entry.cls == "Region":
                return EntityRef(self.context.area_key(entry.id), entry.cls, noun.text, entry.name)
        return None

    def place_of_destination(self, noun: Token) -> EntityRef | None:
        """ "en route to Caribbean destinations", "to Gulf destinations": the place that names the destinations."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in self.cfg["destination_nouns"]:
            return None
        named = (self.ps.entity(c) for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i)
        found = next((ref for ref in named if ref is not None and ref.cls in self.places), None)
        return found or self._area_named_by(noun)  # "to West African destinations"

    def parenthesised_places(self, token: Token) -> list[EntityRef]:
        """ "go to Japan (and in smaller numbers, Korea)": the places in a bracket right after ``token``."""
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
            elif child.dep_ == "prep" and child.lower_ in _WAY_PREPOSITIONS:
                # "smuggled through X en route to Y", "on their way to Y": the way's places are the verb's
                for way in (
                    c for c in child.children if c.dep_ == "pobj" and c.lemma_.lower() in self.cfg["way_nouns"]
                ):
                    pairs.extend(self.preps(way, words))
        return pairs

    def setting_places(self, noun: Token, depth: int = 2) -> list[Token]:
        """ "sent to brothels in X", "to farms on the borders of X": the places that say where a destination
        noun is (``routes.destination_setting_prepositions``), at most ``depth`` nouns down."""
        if noun.pos_ not in ("NOUN", "PROPN") or depth == 0:
            return []
        found: list[Token] = []
        for _, obj in self.preps(noun, self.cfg["destination_setting_prepositions"]):
            found += [obj] if self.place_refs([obj]) else self.setting_places(obj, depth - 1)
        return found

    def bordering(self, noun: Token, origins: list[str]) -> list[str]:
        """ "countries sharing borders with X", "neighbouring countries" -> X's neighbours."""
        if noun.lemma_.lower() not in self.cfg["country_nouns"]:
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

    def the_country(self, noun: Token) -> list[str]:
        """ "brought into the country", "trafficked to this country": the country the document is about."""
        if noun.lemma_.lower() not in self.cfg["country_nouns"] or self.context.subject is None:
            return []
        determiners = [c.lower_ for c in noun.children if c.dep_ == "det"]
        modified = any(c.dep_ in ("amod", "compound", "nummod", "poss", "prep", "relcl", "acl") for c in noun.children)
        return [self.context.subject] if determiners in (["the"], ["this"]) and not modified else []

    # -- victims and purposes

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

    # -- triggers and clauses

    def is_trigger(self, t: Token) -> bool:
        lemma, lower = t.lemma_.lower(), t.lower_
        if t.dep_ == "amod" and not self.describes_people(t):
            verb = next((a for a in t.head.ancestors if a.pos_ in ("VERB", "AUX")), None)
            if verb is not None and self.is_trigger(verb):
                return False  # "exploit men in forced labor in Y": the kind of work its clause's move is for
        if t.pos_ in ("VERB", "AUX") or t.tag_.startswith("VB"):
            return (
                lemma in self.cfg["traffic_verbs"] or lemma in self.cfg["motion_verbs"] or lower.startswith("traffick")
            )
        if t.dep_ == "amod" and lower.startswith("traffick"):
            # "a destination for trafficked women from X": the participle the tagger reads as an adjective
            return self.describes_people(t)
        if t.dep_ == "pobj" and lemma in self.cfg["way_nouns"] and t.head.lower_ in _WAY_PREPOSITIONS:
            return False  # "smuggled ... en route to X": the verb's way, read with the verb (see preps)
        if t.pos_ == "NOUN" and (frame := self.frames.get(lemma)) is not None and frame.holds(t):
            return t.dep_ != "compound"  # "the exploitation of Burmese migrants in Y"
        if t.pos_ != "NOUN" or lemma not in self.cfg["route_nouns"]:
            return False
        # "a smuggling ring that stretches from A to B": the noun it modifies has a course of its own
        return t.dep_ != "compound" or bool(course_clauses(t.head))

    def names_people(self, token: Token) -> bool:
        """Does ``token`` name people: "victims", "they", "Vietnamese" (a nationality), not goods?"""
        return (
            token.lemma_.lower() in self.cfg["person_nouns"]
            or token.lower_ in self.cfg["pronouns"]
            or bool(self.place_refs([token]))
        )

    def describes_people(self, modifier: Token) -> bool:
        """Does ``modifier`` describe people ("trafficked women"), not a place ("a trafficked-through town")?"""
        return modifier.head.lemma_.lower() in self.cfg["person_nouns"]

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
        girls from the Mekong Delta often go to South Korea"), also when the parse hangs
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


def course_clauses(noun: Token) -> list[Token]:
    """The verbs of the clauses that describe ``noun``'s course ("a ring that stretches from A to B",
    "a route connecting A, B and C")."""
    return [c for c in noun.children if c.dep_ in ("relcl", "acl") and c.pos_ == "VERB"]
