"""Victims of one nationality placed in another country: "Turkmen victims are in Turkey and Russia".

Report narratives state many routes with no verb of movement: "Nepali victims
were identified in Qatar and Malaysia", "reports of Vietnamese labor trafficking
victims in Taiwan". The people's own nationality (or "from X") is the origin and
the place they are victims in the destination. Without a nationality the
sentence says where victims are, not where they come from
(:meth:`~tipgraph.extractors.relations.routes.finder.RouteFinder.note_sentence`
keeps that place for the paragraph).
"""

from __future__ import annotations

from spacy.tokens import Token

from tipgraph.extractors.records import RouteRecord
from tipgraph.extractors.relations.modality import modality
from tipgraph.extractors.relations.routes.themes import ThemeReader


def placed_victims(reader: ThemeReader, t: Token, confidence: float, keep_negated: bool) -> list[RouteRecord]:
    """The routes of ``t`` when it is a victim noun placed "in" somewhere, one per origin and destination."""
    if t.pos_ != "NOUN" or t.lemma_.lower() not in reader.cfg["victim_nouns"]:
        return []
    anchor = t
    if t.dep_ in ("nsubj", "nsubjpass", "dobj"):
        anchor = t.head  # "Turkmen victims are in X", "Nepali victims were identified in X", "found X victims in Y"
        if anchor.lemma_.lower() not in reader.cfg["victim_place_verbs"]:
            return []
    destinations = [r.key for _, o in reader.preps(anchor, ("in",)) for r in reader.place_refs([o])]
    if not destinations:
        return []
    people = [t]
    verb = t.head.head if t.dep_ == "pobj" and t.head.lower_ == "as" else None
    if verb is not None and verb.lemma_.lower() in reader.cfg["victim_place_verbs"]:
        # "Mauritian adults were identified as victims in X": whose nationality is the verb's subject's
        people += [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    theme = reader.theme(people, destinations)
    resolved = (reader.context.resolve(o) for o in theme.origins)
    origins = [o for o in dict.fromkeys(resolved) if o and o not in destinations]
    mode = modality(anchor, reader.patterns["negation"], reader.patterns["hedge"])
    if not origins or mode == "hedged" or mode == "negated" and not keep_negated:
        return []
    scope = sorted(reader.clause_tokens(anchor) if anchor is not t else t.subtree, key=lambda x: x.i)
    purposes = reader.purposes(scope)
    return [
        RouteRecord(
            [origin],
            [destination],
            reader.ps.evidence,
            purposes=list(purposes),
            victims=list(theme.victims),
            confidence=confidence,
            negated=mode == "negated",
        )
        for origin in origins
        for destination in destinations
    ]
