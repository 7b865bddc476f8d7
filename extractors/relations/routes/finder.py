"""The route finder: one trigger of a sentence -> the routes it states.

A trigger (a trafficking verb, a verb of movement in a sentence about
trafficking, a route noun) and the moves that continue it give the journey's
places (:meth:`~.journeys.JourneyReader.journey`); its theme gives the victims and their
origins; what the sentence leaves out comes from the document's
:class:`~tipgraph.extractors.relations.routes.context.RouteContext`, at a
lower confidence.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Token

from tipgraph.extractors.records import RouteRecord
from tipgraph.extractors.relations.modality import modality
from tipgraph.extractors.relations.parse import ParsedSentence
from tipgraph.extractors.relations.routes.context import RouteContext, Theme
from tipgraph.extractors.relations.routes.journeys import Journey, JourneyReader
from tipgraph.extractors.relations.routes.legs import follow_legs, paired_legs
from tipgraph.extractors.relations.routes.placed import placed_victims
from tipgraph.extractors.relations.routes.roles import listed_roles

EXPLICIT = 0.9
FROM_CONTEXT = 0.75
FROM_DOCUMENT = 0.6


@dataclass
class _Who:
    """The route's people and where they come from, the sentence's or the paragraph's."""

    victims: list[str]
    origins: list[str]
    destinations: list[str]
    confidence: float


class RouteFinder(JourneyReader):
    """Every route of one sentence (:meth:`run`), trigger by trigger (:meth:`route`)."""

    # -- who is moved

    def _who(self, t: Token, journey: Journey, theme: Theme, destinations: list[str]) -> _Who:
        """Victims, origins and destinations, the paragraph's where the sentence has none."""
        origins = journey.origins
        if not destinations and origins and theme.placed:
            # "most victims identified in X came from A and B": where they are is where they were taken
            destinations = [key for key in theme.placed if key not in origins]
        for key in theme.origins:
            if key not in origins:
                origins.append(key)
        if not destinations:
            for noun in journey.dest_nouns:
                destinations = self.bordering(noun, origins) or self.the_country(noun)
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

    def _no_victim_moves(self, t: Token, theme_tokens: list[Token], theme: Theme) -> bool:
        """Whether who moves is no victim: offenders, clients, or things."""
        if theme_tokens and all(tok.lemma_.lower() in self.cfg["offender_nouns"] for tok in theme_tokens):
            return True  # "most sex tourists come from X", "traffickers travel to Y"
        if any(v.dep_ in ("advcl", "xcomp") and v.lemma_.lower() in self.cfg["client_verbs"] for v in t.children):
            return True  # "some nationals travel to X to solicit prostitution": clients move
        frame = self.frames.get(t.lemma_.lower())
        # "the fish caught by slave labour is destined for Y": a frame of people moves no goods
        return frame is not None and frame.people and not (theme.victims or any(map(self.names_people, theme_tokens)))

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
        if self._no_victim_moves(t, theme_tokens, theme):
            return
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
        told = self.sentence_context or theme.pronoun and self.ps.paragraph in self.context.told
        if not strong and not told and not self.purposes(scope, weak=False):
            # a move, not trafficking: "Zimbabweans travel to South Africa to look for work"; but "they" after
            # a sentence of the paragraph that tells trafficking are its victims ("They are sent to X")
            return
        mode = modality(t, self.patterns["negation"], self.patterns["hedge"])
        if mode == "hedged" or mode == "negated" and not self.keep_negated:
            return
        destinations = [d for d in dict.fromkeys(self.context.resolve(d) for d in destinations) if d]
        transit = [p for p in (self.context.resolve(p) for p in transit) if p]
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
        if self.sentence_context:
            self.context.told.add(self.ps.paragraph)
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
            # "Primary source countries were A and B": no trigger, the role says the direction
            for record in [
                *placed_victims(self, t, FROM_CONTEXT, keep_negated),
                *listed_roles(self, t, FROM_DOCUMENT, keep_negated),
            ]:
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
