"""Countries named by their role for the country a narrative is about: "Primary source countries were A and B".

A report or a cable about one country lists where its victims come from ("source
countries included India and Nepal", "Ethiopia and Eritrea were also source countries")
or where they are taken ("destination countries include Malaysia and Oman"). No verb
moves anyone: the role word says the direction, and the country the document is about
(:attr:`RouteContext.subject`) is the other end. "X is a source country for women
trafficked to Y" is another matter: a singular role with its own trigger
(:meth:`~tipgraph.extractors.relations.routes.reader.RouteReader.country_of_role`).

>>> from tipgraph.extractors.pipeline import extract_text, load_pipeline
>>> record = extract_text(load_pipeline(), "Qatar is a destination for migrant workers subjected to forced labor. "
...     "The main source countries are Nepal and Kenya.")
>>> names = {e.key: e.label for e in record.entities}
>>> [([names[o] for o in r.origin], names[r.destination[0]]) for r in record.relations if r.kind == "route"]
[(['Nepal', 'Kenya'], 'Qatar')]
"""

from __future__ import annotations

from spacy.tokens import Token

from tipgraph.extractors.records import RouteRecord
from tipgraph.extractors.relations.modality import modality
from tipgraph.extractors.relations.routes.themes import ThemeReader
from tipgraph.extractors.relations.syntax import linear_list

# what a linking verb's places hang by: "are A and B", "include A", "continued to be A"
_PLACE_DEPS = ("attr", "dobj", "obj", "acomp", "oprd")


def listed_roles(reader: ThemeReader, t: Token, confidence: float, keep_negated: bool) -> list[RouteRecord]:
    """The routes of ``t`` when it is a plural role noun ("source countries") that a linking verb joins to
    places, one per place, to or from the country the document is about."""
    role = _role(reader, t)
    home = reader.context.subject
    topic = reader.context.topic.get(reader.ps.paragraph)  # the paragraph's victims, once it has named them
    told = reader.sentence_context or topic is not None or reader.ps.paragraph in reader.context.told
    if role is None or home is None or t.head.i == t.i or not told:
        return []  # a role in migration, not trafficking: "source countries of remittances"
    verb = t.head
    if t.dep_ in ("nsubj", "nsubjpass"):
        holders = [c for v in (verb, *_complements(verb)) for c in v.children if c.dep_ in _PLACE_DEPS]
    elif t.dep_ == "attr":
        holders = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    else:
        return []
    places = reader.place_refs(holders)
    if len(places) == 1 and holders:
        places += reader.place_refs(linear_list(reader.ps, holders[0]))
    mode = modality(verb, reader.patterns["negation"], reader.patterns["hedge"])
    if not places or mode == "hedged" or mode == "negated" and not keep_negated:
        return []
    # resolved only now: resolving an area or a nationality adds its place to the document
    others = [key for r in places if (key := reader.context.resolve(r.key)) not in (None, home)]
    purposes = reader.purposes(sorted(reader.clause_tokens(verb), key=lambda x: x.i)) if others else []
    ends = [(place, home) if role == "source" else (home, place) for place in others]
    return [
        RouteRecord(
            [origin],
            [destination],
            reader.ps.evidence,
            purposes=list(purposes),
            victims=list(topic.victims) if topic is not None else [],
            confidence=confidence,
            negated=mode == "negated",
        )
        for origin, destination in ends
    ]


def _role(reader: ThemeReader, t: Token) -> str | None:
    """ "source countries", "countries of origin" -> source; "destination countries" -> destination."""
    if t.pos_ != "NOUN" or t.tag_ != "NNS" or t.lemma_.lower() not in reader.cfg["country_nouns"]:
        return None
    words = {c.lemma_.lower() for c in t.children if c.dep_ in ("compound", "amod", "nmod")}
    words |= {o.lemma_.lower() for p in t.children if p.lower_ == "of" for o in p.children if o.dep_ == "pobj"}
    if words & set(reader.cfg["source_nouns"]):
        return "source"
    if words & set(reader.cfg["destination_nouns"]):
        return "destination"
    return None


def _complements(verb: Token) -> list[Token]:
    """ "continued to be A", "remain A": the verb the places hang on may be the complement of ``verb``."""
    return [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("AUX", "VERB")]
