"""The places one trigger's clause names: a journey's origins, transit and legs.

:class:`JourneyReader` reads them off the trigger and the verbs that continue it
("recruited in X and sent to Y"), off a route noun and the clause that describes its
course ("a ring that stretches from A to B via C"), and off the verbs' frames
(:mod:`.frames`: "end up in Y", "leave X for Y", "subjected to forced labor in Y").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Token

from tipgraph.extractors.relations.routes.reader import course_clauses, hangs_under
from tipgraph.extractors.relations.routes.themes import ThemeReader


@dataclass
class Journey:
    """The places one trigger's clause names, in the order the text moves through them."""

    legs: list[list[str]] = field(default_factory=list)  # the last leg is the destination, earlier ones transit
    transit: list[str] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)
    dest_nouns: list[Token] = field(default_factory=list)  # "to neighbouring countries": no place, a noun
    via_home: bool = False  # an origin named only by direction ("the north"): the home country stands for it
    exploitation: bool = False  # the clause says people are exploited ("subjected to forced labor")
    exploited_last: bool = False  # the last leg is where people are exploited, not a stop on the way

    def add_leg(self, refs: list[str], exploitation: bool = False) -> None:
        """The next places the journey reaches; places of exploitation one after another are all its end
        ("subjected to servitude in A and to forced prostitution in B")."""
        if not refs:
            return
        if exploitation and self.exploited_last and self.legs:
            self.legs[-1].extend(r for r in refs if r not in self.legs[-1])
        else:
            self.legs.append(refs)
        self.exploited_last = exploitation


class JourneyReader(ThemeReader):
    """The journey of one trigger (:meth:`journey`); :class:`~.finder.RouteFinder` turns it into routes."""

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
            if not refs and obj.pos_ == "NOUN":  # "sent to hotels in X": the parse may hang "in X" on the verb
                settings = self.cfg["destination_setting_prepositions"]
                refs = [r.key for p, o in self.preps(verb, settings) if p.i == obj.i + 1 for r in self.place_refs([o])]
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
            # "end up in brothels in Y": a setting's place where the object is no place
            framed = [o for _, o in preps]
            refs = [r.key for r in self.place_refs(framed)] or [
                r.key for o in framed if o.pos_ == "NOUN" for r in self.place_refs(self.setting_places(o))
            ]
            journey.add_leg(refs, frame.place_of_exploitation)
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
                and token.pos_ in ("VERB", "NOUN")  # "sent to work in Y": the tagger may read "work" as a noun
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
        frame = self.frames.get(verb.lemma_.lower())
        if chained and not (frame is not None and frame.place_of_exploitation):
            # "recruited in Vietnam and sent to Malaysia": where the first move starts (but "subjected to
            # servitude in A and to forced prostitution in B": where the first exploitation is)
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
