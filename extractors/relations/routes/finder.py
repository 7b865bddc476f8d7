"""The route finder: one trigger of a sentence -> the routes it states.

A trigger (a trafficking verb, a verb of movement in a sentence about
trafficking, a route noun) and the moves that continue it give the journey's
places (:meth:`RouteFinder.journey`); its theme gives the victims and their
origins; what the sentence leaves out comes from the document's
:class:`~tipgraph.extractors.relations.routes.context.RouteContext`, at a
lower confidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Token

from tipgraph.extractors.records import RouteRecord
from tipgraph.extractors.relations.modality import modality
from tipgraph.extractors.relations.parse import ParsedSentence
from tipgraph.extractors.relations.routes.context import RouteContext, Theme
from tipgraph.extractors.relations.routes.legs import follow_legs, paired_legs
from tipgraph.extractors.relations.routes.placed import placed_victims
from tipgraph.extractors.relations.routes.reader import course_clauses, hangs_under
from tipgraph.extractors.relations.routes.themes import ThemeReader

EXPLICIT = 0.9
FROM_CONTEXT = 0.75
FROM_DOCUMENT = 0.6


@dataclass
class Journey:
    """The places one trigger's clause names, in the order the text moves through them."""

    legs: list[list[str]] = field(default_factory=list)  # the last leg is the destination, earlier ones transit
    transit: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    dest_nouns: list[Token] = field(default_factory=list)  # "to neighbouring countries": no place, a noun
    via_home: bool = False  # an origin named only by direction ("the north"): the home country stands for it
    exploitation: bool = False  # the clause says people are exploited ("subjected to forced labor")

    def add_leg(self, refs: list[str]) -> None:
        if refs:
            self.legs.append(refs)


@dataclass
class _Who:
    """The route's people and where they come from, the sentence's or the paragraph's."""

    victims: list[str]
    origins: list[str]
    destinations: list[str]
    confidence: float


class RouteFinder(ThemeReader):
    """Every route of one sentence (:meth:`run`), trigger by trigger (:meth:`route`)."""

    # -- the places of one trigger

    def journey(self, t: Token, verbs: list[Token]) -> Journey:
        journey = Journey()
        for verb in verbs:
            self._verb_places(journey, verb)
            self._framed_places(journey, verb)
            self._origin_and_transit(journey, verb, first=verb.i == t.i, chained=len(verbs) > 1)
        if t.pos_ == "NOUN":
            self._noun_places(journey, t)
            self._course_places(journey, t.head if t.dep_ == "compound" else t)
        if not journey.legs:
            self._modifier_legs(journey, t)
        return journey

    def _verb_places(self, journey: Journey, verb: Token) -> None:
        """ "to/into X" (also "through the Sahara into Libya"); "through to X" is transit."""
        dest_words = self.cfg["destination_prepositions"]
        candidates = self.preps(verb, dest_words)
        for _, obj in self.preps(verb, self.cfg["transit_prepositions"]):
            candidates += self.preps(obj, dest_words)
        for prep, obj in sorted(candidates, key=lambda p: p[0].i):
            before = self.ps.doc[prep.i - 1] if prep.i > 0 else None
            refs = [r.key for r in self.place_refs([obj])]
            if before is not None and before.lower_ == "through":
                journey.transit.extend(refs)
                continue
            refs += [r.key for r in self.parenthesised_places(obj) if r.key not in refs]
            if not refs:
                refs = [r.key for r in self.place_refs(self.setting_places(obj))]
            if refs:
                journey.legs.append(refs)
            else:
                journey.dest_nouns.append(obj)

    def _framed_places(self, journey: Journey, verb: Token) -> None:
        """The places of a verb with a frame of its own (``routes.verb_frames``: "end up in", "leave X for Y")."""
        frame = self.frames.get(verb.lemma_.lower())
        if frame is None or not frame.holds(verb) or verb.pos_ not in ("VERB", "AUX", "NOUN"):
            return
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        journey.exploitation = journey.exploitation or frame.place_of_exploitation
        if frame.origin_object:
            journey.origins.extend(r.key for r in self.place_refs(objects))
        if frame.destination_prepositions:
            # "recruit women in Nepal to work in Y": where the recruiting happens is no destination
            preps = [] if frame.purpose_clause else self.preps(verb, frame.destination_prepositions)
            if frame.place_of_exploitation:
                preps += self._exploitation_places(verb, frame.destination_prepositions)
            if frame.purpose_clause:
                preps += self._purpose_places(verb, frame.destination_prepositions)
            journey.add_leg([r.key for _, o in preps for r in self.place_refs([o])])
        if frame.destination_object:
            journey.add_leg([r.key for r in self.place_refs(objects)])

    def _exploitation_places(self, verb: Token, words: tuple[str, ...]) -> list[tuple[Token, Token]]:
        """ "subjected to forced labor in Y", "exploit men in forced labor on vessels in Y and in Z": the places
        of the verb's clause that say where (wherever the parse hangs them), but for where the people are from
        ("women from villages in X")."""
        found = []
        clause = self.clause_tokens(verb)
        origin_words = set(self.cfg["origin_prepositions"])
        for prep in sorted(clause, key=lambda x: x.i):
            if prep.lower_ not in words or prep.dep_ not in ("prep", "conj") or hangs_under(prep, origin_words, verb):
                continue
            for obj in (c for c in prep.children if c.dep_ == "pobj"):
                if self.place_refs([obj]):
                    found.append((prep, obj))
        return found

    def _purpose_places(self, verb: Token, words: tuple[str, ...]) -> list[tuple[Token, Token]]:
        """ "recruit women with false offers to work in Y": the places of an infinitive in the verb's clause."""
        found = []
        for token in self.clause_tokens(verb):
            if (
                token.i != verb.i
                and token.pos_ == "VERB"
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
            ):
                found += self._exploitation_places(token, words)  # "to work as maids in Y": wherever it hangs
        return found

    def _unnamed_places(self, nouns: list[Token]) -> bool:
        """Do ``nouns`` name places by kind ("third countries", "urban areas"), not forms of exploitation?"""
        kinds = {*self.cfg["country_nouns"], *self.cfg["home_area_words"]}
        return any(n.lemma_.lower() in kinds or n.lower_ in kinds for n in nouns)

    def _origin_and_transit(self, journey: Journey, verb: Token, first: bool, chained: bool) -> None:
        for _, obj in self.preps(verb, self.cfg["origin_prepositions"]):
            journey.origins.extend(r.key for r in self.place_refs([obj]))
        for _, obj in self.preps(verb, self.cfg["transit_prepositions"]):
            journey.transit.extend(r.key for r in self.place_refs([obj]))
        if not first:
            return
        if chained:
            # "recruited in Vietnam and sent to Malaysia": where the first move starts
            journey.origins.extend(r.key for _, o in self.preps(verb, ("in",)) for r in self.place_refs([o]))
        for _, obj in self.preps(verb, ("in",)):
            if self.context.names_home_area(obj.lower_) and not self.place_refs([obj]) and self.context.home:
                # "In the south, victims are trafficked to X"
                journey.origins.append(self.context.direction_placeholder(self.ps, obj))  # type: ignore[arg-type]  # None when no home: the route is dropped later
                journey.via_home = True

    def _noun_places(self, journey: Journey, t: Token) -> None:
        """A route noun's places: "journey from A through to B and then across C"."""
        for prep, obj in self.noun_preps(t):
            refs = [r.key for r in self.place_refs([obj])]
            before = self.ps.doc[prep.i - 1] if prep.i > 0 else None
            if prep.lower_ in self.cfg["origin_prepositions"]:
                journey.origins.extend(r for r in refs if r not in journey.origins)
            elif prep.lower_ in self.cfg["transit_prepositions"] or (before is not None and before.lower_ == "through"):
                journey.transit.extend(refs)
            elif refs and not any(refs == leg for leg in journey.legs):
                journey.legs.append(refs)

    def _course_places(self, journey: Journey, noun: Token) -> None:
        """A route's course, told by a clause on its noun: "a ring that stretches from A to B via C", "a route
        connecting A, B and C" (the first is the origin, the last the destination)."""
        for verb in course_clauses(noun):
            self._verb_places(journey, verb)
            self._origin_and_transit(journey, verb, first=False, chained=False)
            for prep, _ in self.preps(verb, self.cfg["origin_prepositions"]):  # the parse may hang "to B" on "from A"
                journey.add_leg(
                    [
                        r.key
                        for _, o in self.preps(prep, self.cfg["destination_prepositions"])
                        for r in self.place_refs([o])
                    ]
                )
            if verb.lemma_.lower() in self.cfg["linking_verbs"]:
                places = [r.key for r in self.place_refs(c for c in verb.children if c.dep_ in ("dobj", "obj"))]
                if len(places) >= 2:
                    journey.origins.append(places[0])
                    journey.transit.extend(places[1:-1])
                    journey.add_leg(places[-1:])

    def _modifier_legs(self, journey: Journey, t: Token) -> None:
        """ "lure women ... residing in camps in X to Malaysia": the parse hangs "to" on the victims' modifier."""
        for token in self.theme_tokens(t):
            for child in token.children:
                if child.dep_ == "acl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                    for _, obj in self.preps(child, self.cfg["destination_prepositions"]):
                        journey.add_leg([r.key for r in self.place_refs([obj])])

    # -- who is moved

    def _who(self, t: Token, journey: Journey, theme: Theme, destinations: list[str]) -> _Who:
        """Victims, origins and destinations, the paragraph's where the sentence has none."""
        origins = journey.origins
        for key in theme.origins:
            if key not in origins:
                origins.append(key)
        if not destinations:
            for noun in journey.dest_nouns:
                destinations = self.bordering(noun, origins)
                if destinations:
                    break
        if not destinations and origins:
            destinations = self.destination_country(t)
        paragraph = self.ps.paragraph
        confidence = FROM_CONTEXT if journey.via_home or theme.via_home else EXPLICIT
        home = self.context.subject
        if (
            not destinations
            and origins
            and journey.exploitation
            and home
            and any(o != home for o in origins)  # "workers from X, Y and the home country": from X and Y
            and home not in journey.transit
            and not self._unnamed_places(journey.dest_nouns)  # "trafficked to third countries": elsewhere
        ):
            # "children from Benin are exploited in forced labor" in the profile of the country they are in
            destinations, confidence = [home], FROM_DOCUMENT
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
        if (
            not destinations
            and origins
            and (journey.transit or theme.generic)
            and paragraph in self.context.victim_place
        ):
            destinations = [self.context.victim_place[paragraph]]
            confidence = min(confidence, FROM_CONTEXT)
        return _Who(victims, origins, destinations, confidence)

    def _scope(self, t: Token, verbs: list[Token], theme_tokens: list[Token]) -> list[Token]:
        """The tokens whose words may name the route's purposes, in text order."""
        scope = set()
        for verb in verbs:
            scope.update(self.clause_tokens(verb))
        for token in theme_tokens:
            if token.pos_ != "PRON":
                scope.update(self.clause_tokens(token) if token.pos_ in ("VERB", "AUX") else token.subtree)
        # "..., many of whom then face forced labor": what happens to the same people next
        for verb in self.ps.doc[t.i + 1 :]:
            if verb.pos_ in ("VERB", "AUX") and any(
                c.dep_ == "nsubj" and c.lower_ in ("they", "she", "he") for c in verb.children
            ):
                scope.update(self.clause_tokens(verb))
        return sorted(scope, key=lambda x: x.i)

    # -- one trigger

    def route(self, t: Token) -> Iterator[RouteRecord]:
        # "a smuggling route": the noun's modifier says what moves on it
        named = [t, *(c for c in t.children if c.dep_ == "compound"), *([t.head] if t.dep_ == "compound" else [])]
        strong = any(
            w.lemma_.lower() in self.cfg["strong_verbs"] or w.lower_.startswith(("traffick", "smuggl")) for w in named
        )
        verbs = self.chain(t)
        self.consumed.update(v.i for v in verbs[1:])
        journey = self.journey(t, verbs)
        destinations = journey.legs[-1] if journey.legs else []
        transit = journey.transit
        for leg in journey.legs[:-1]:
            transit.extend(leg)
        destinations = self.without_own_country(t, destinations)
        theme_tokens, theme = self.theme_of(t, destinations)
        if not destinations and theme.origins and self.names_victims(t):
            # "Mongolian women are victims of sex trafficking in China": where people from elsewhere are trafficked
            destinations = [r.key for _, o in self.preps(t, ("in",)) for r in self.place_refs([o])]
        who = self._who(t, journey, theme, destinations)
        destinations, origins, confidence = who.destinations, who.origins, who.confidence
        if not destinations or t.pos_ == "NOUN" and t.lemma_.lower() in self.frames and not theme.origins:
            return  # "the exploitation of farm workers in Y": a noun of exploitation says whose only in its words
        if not origins:
            origins = self.country_of_role(t, self.cfg["source_nouns"])
        if not origins and self.context.home and self.context.home not in destinations:
            origins = [self.context.home]
            confidence = min(confidence, FROM_DOCUMENT)
        origins = [o for o in dict.fromkeys(origins) if o not in destinations]
        transit = [p for p in dict.fromkeys(transit) if p not in destinations and p not in origins]
        if not origins:
            return
        scope = self._scope(t, verbs, theme_tokens)
        purposes = self.purposes(scope)
        if not strong and not self.sentence_context and not self.purposes(scope, weak=False):
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
                    victims=list(who.victims),
                    confidence=confidence,
                    negated=mode == "negated",
                )

    def remember(self, theme: Theme) -> None:
        paragraph = self.ps.paragraph
        self.context.last[paragraph] = theme
        self.context.topic.setdefault(paragraph, theme)

    def note_sentence(self) -> None:
        """Victims named without a route still set the paragraph's topic; "victims in X" its place."""
        victim_nouns = self.cfg["victim_nouns"]
        for token in self.ps.doc:
            if token.lemma_.lower() in victim_nouns:
                for _, obj in self.preps(token, ("in",)):
                    refs = self.place_refs([obj])
                    if refs:
                        self.context.victim_place[self.ps.paragraph] = refs[0].key
            if token.lower_.startswith("traffick") or token.lemma_.lower() in victim_nouns:
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
        for t in self.ps.doc:  # "Turkmen victims are in Turkey": no trigger, a nationality placed elsewhere
            for record in placed_victims(self, t, FROM_CONTEXT, keep_negated):
                merged.setdefault((record.origin[0], record.destination[0]), record)
        self.note_sentence()
        # a leg of a longer journey the sentence states is not a route of its own
        legs = {(r.origin[0], p) for r in merged.values() for p in r.transit}
        merged = {key: r for key, r in merged.items() if key not in legs}
        places = set(self.patterns["place_classes"])  # "from A to B and from C to D": A with B, C with D
        words = [(t.lower_, ref.key if (ref := self.ps.entity(t)) and ref.cls in places else None) for t in self.ps.doc]
        ends = frozenset(self.cfg["origin_prepositions"]), frozenset(self.cfg["destination_prepositions"])
        merged = follow_legs(merged, paired_legs(words, *ends))
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
    yield from RouteFinder(ps, patterns, context).run(keep_negated)
