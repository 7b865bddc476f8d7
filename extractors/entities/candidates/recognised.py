"""The statistical models' spans as candidates: the trained recogniser's, and spaCy's ORG spans."""

from __future__ import annotations

from tipgraph.extractors.entities.candidates.bodies import after_paragraph_letter, person_cut
from tipgraph.extractors.entities.candidates.rules import (
    JUNK_POS,
    has_proper_word,
    is_place_word,
    joins_two_bodies,
    org_class,
    trim,
)
from tipgraph.extractors.entities.jurisdiction import is_demonym
from tipgraph.extractors.entities.knowledge import ORG_CLASSES, Knowledge
from tipgraph.extractors.entities.model import SPANS_KEY as MODEL_SPANS
from tipgraph.extractors.entities.types import Candidate, DocView
from tipgraph.extractors.naming import is_capitalised, name_key
from tipgraph.ontology.namespace import EntityClass

# The trained recogniser's classes -> the rule path its spans take (organisations: the body path).
MODEL_SOURCES = {
    "Person": "person",
    "Official": "person",
    "Country": "place",
    "Province": "place",
    "City": "place",
    "Region": "place",
}


def model_candidates(doc) -> list[Candidate]:
    """The trained recogniser's spans (``doc.spans["tipgraph_model"]``), as candidates."""
    spans = doc.spans[MODEL_SPANS] if MODEL_SPANS in doc.spans else []
    return [
        Candidate(
            s.start,
            s.end,
            s.label_,
            s.text,
            MODEL_SOURCES.get(s.label_, "model"),
            priority=1 if s.label_ in MODEL_SOURCES else 2,
            from_model=True,
        )
        for s in spans
    ]


def trusted_gap(doc, cand: Candidate, knowledge: Knowledge) -> bool:
    """A recogniser span worth a gap: a capitalised body or person, never a place (the lists type places)."""
    if cand.cls in MODEL_SOURCES and MODEL_SOURCES[cand.cls] == "place":
        return False
    first = doc[cand.start]
    return is_capitalised(first) and first.lower_ not in knowledge.role_words and cand.end - cand.start <= 12


def ner_org_candidates(doc: DocView, knowledge: Knowledge, words) -> list[Candidate]:
    """The model's ORG spans, cut at parentheses and "in", junk words trimmed."""
    found = []
    for ent in doc.ents:
        if ent.label_ != "ORG":
            continue
        start, end = ent.start, ent.end
        if doc.heading(ent.sent):
            continue
        for t in range(start, end):
            if (
                doc[t].text in ("(", ")", ",", ";", ":", "[", "]")
                or "\n" in doc[t].text
                or (doc[t].lower_ in ("in", "at") and t + 1 < end and is_place_word(doc[t + 1].text, knowledge))
                or (doc[t].text in ("-", "‑") and t + 1 < end and not is_capitalised(doc[t + 1]))
                or (doc[t].lower_ in ("and", "or") and joins_two_bodies(doc, start, t, knowledge, words))
            ):
                end = t
                break
            if doc[t].text in ("'s", "’s") and (
                not org_class([w for x in range(t + 1, end) for w in words[x]], knowledge)
                or org_class([w for x in range(start, t) for w in words[x]], knowledge)
            ):
                end = t
                break
        start = after_paragraph_letter(doc, start, end)
        while (
            start < end
            and (doc[start].pos_ in JUNK_POS or doc[start].lower_ in knowledge.role_words)
            and not doc[start].text.isupper()
        ):
            start += 1
        end = person_cut(doc, start, end, knowledge, words)
        start, end = trim(doc, start, end)  # type: ignore[arg-type]  # a DocView stands in for a Doc
        if end <= start or any(doc[t].pos_ == "VERB" for t in range(start + 1, end)):
            continue
        first = doc[start].lower_
        body_words = [w for t in range(start, end) for w in words[t]]
        if first in knowledge.abbreviated_titles:
            continue  # "DPM Khiem": a person, found by the person rules
        if not has_proper_word(body_words, knowledge):
            continue  # "worked with NGO's": a kind of body, no name
        if doc[start].text in knowledge.family_names and not org_class(body_words, knowledge):
            found.append(Candidate(start, end, "Person", doc[start:end].text, "person", priority=0))
            continue
        found.append(Candidate(start, end, "NGO", doc[start:end].text, "ner", priority=0))
    return found


def national_branch_class(doc, cand: Candidate, knowledge: Knowledge) -> EntityClass | None:
    """ "the Icelandic Red Cross", "the Kenya Red Cross": a country's branch of a body the lists know
    has that body's class."""
    if cand.end - cand.start < 2:
        return None
    first = doc[cand.start].text
    if not (is_demonym(first.lower(), knowledge) or any(e.cls == "Country" for e in knowledge.lookup(name_key(first)))):
        return None
    known = [e.cls for e in knowledge.lookup(name_key(doc[cand.start + 1 : cand.end].text)) if e.cls in ORG_CLASSES]
    if "NGO" in known or "InternationalOrganization" in known:
        return "NGO"
    return known[0] if known else None
