"""Verb frames as data: where a verb of movement puts the places it governs.

Most verbs name their destination with "to/into" and their origin with "from"
(the ``*_prepositions`` lists of ``patterns.json``). A few verbs frame places
their own way, and ``patterns.json`` (``routes``, ``verb_frames``) says how:

- "end up in/at X": ``particle`` "up", destination prepositions "in", "at";
- "leave/flee X for Y": the object is the origin, "for" names the destination;
- "head for Y": "for" names the destination;
- "reach/enter Y": the object is the destination;
- "exploit/subject/force ... in Y": where people are exploited is where they were taken
  (``place_of_exploitation``), also when the parse hangs "in Y" on the form of exploitation
  ("subjected to forced labor in Y", "exploited in sex trafficking in Y");
- "recruit women with job offers to work in Y": the place of the work they were promised
  (``purpose_clause``: an infinitive clause's places);
- "women trafficked into prostitution in Y": the same, for the participle only (``participle``):
  "trafficking in women in the region" is the crime's name, not a place of exploitation;
- a frame's ``nouns`` are framed as its verbs are: "the exploitation of Burmese migrants in Y",
  "the recruitment of Peruvian women into prostitution in Y";
- "victims destined for Y": "for" names the destination, but only of people (``people``): fish and
  goods are destined for markets.

>>> frame = VerbFrame.from_dict({"verbs": ["head"], "destination_prepositions": ["for"]})
>>> frame.destination_prepositions, frame.origin_object, frame.particle
(('for',), False, None)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token


@dataclass(frozen=True)
class VerbFrame:
    """How one group of verbs places its arguments (one entry of ``routes.verb_frames``)."""

    verbs: tuple[str, ...]
    particle: str | None = None  # the frame holds only with this particle ("end" + "up")
    destination_prepositions: tuple[str, ...] = ()
    destination_object: bool = False
    origin_object: bool = False
    place_of_exploitation: bool = False
    participle: bool = False  # the frame holds only for the past participle ("trafficked")
    purpose_clause: bool = False  # the places of an infinitive in the clause ("... offers to work in Y")
    nouns: tuple[str, ...] = ()  # its nominalisations, framed alike ("the exploitation of X nationals in Y")
    people: bool = False  # the frame holds only when the verb moves people ("victims destined for Y", not fish)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> VerbFrame:
        return cls(
            verbs=tuple(data["verbs"]),
            particle=data.get("particle"),
            destination_prepositions=tuple(data.get("destination_prepositions", ())),
            destination_object=bool(data.get("destination_object", False)),
            origin_object=bool(data.get("origin_object", False)),
            place_of_exploitation=bool(data.get("place_of_exploitation", False)),
            participle=bool(data.get("participle", False)),
            purpose_clause=bool(data.get("purpose_clause", False)),
            nouns=tuple(data.get("nouns", ())),
            people=bool(data.get("people", False)),
        )

    def holds(self, verb: Token) -> bool:
        """The frame applies to ``verb`` (its particle, if the frame needs one, is there), or to one of its nouns."""
        if verb.pos_ == "NOUN":
            return verb.lemma_.lower() in self.nouns
        if self.participle and not _is_participle(verb):
            return False
        return self.particle is None or any(c.dep_ == "prt" and c.lower_ == self.particle for c in verb.children)


def _is_participle(verb: Token) -> bool:
    """ "were trafficked", "girls trafficked into ...": the past participle, whatever the tagger's guess."""
    return verb.tag_ == "VBN" or verb.dep_ in ("acl", "amod") or any(c.dep_ == "auxpass" for c in verb.children)


def verb_frames(patterns: dict) -> dict[str, VerbFrame]:
    """Each framed verb's lemma -> its frame, from ``patterns["routes"]["verb_frames"]``."""
    frames = {}
    for data in patterns["routes"]["verb_frames"]:
        frame = VerbFrame.from_dict(data)
        frames.update(dict.fromkeys(frame.verbs, frame))
        frames.update(dict.fromkeys(frame.nouns, frame))
    return frames
