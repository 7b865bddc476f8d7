"""Candidate spans for entities, from every source, and the choice among them.

Pure functions over a parsed document (a :class:`~tipgraph.extractors.entities.types.DocView`)
that propose :class:`~tipgraph.extractors.entities.types.Candidate` spans, one module per source. The sources,
strongest first: gazetteer names (countries, subdivisions, cities, regions,
known bodies, governments), naming patterns of the genre (a run of capitalised
words holding a head word such as "Ministry" or "Foundation", a demonym before
"police"), the model's PERSON spans (repaired and stripped of titles), the
model's ORG spans, direction regions, districts and towns. :func:`select_candidates`
keeps the longest, strongest non-overlapping ones; whether a candidate names an
entity at all ("Police" alone does not) is decided when it is interpreted.

>>> from tipgraph.extractors.pipeline import load_pipeline
>>> from tipgraph.extractors.entities.types import DocView
>>> from tipgraph.extractors.entities.knowledge import Knowledge
>>> from tipgraph.extractors.naming import name_words
>>> doc = DocView(load_pipeline()("Police in northern Vietnam met the Guangxi Department of Civil Affairs."))
>>> words = [name_words(t.text) for t in doc]
>>> chosen = select_candidates(find_candidates(doc, Knowledge.load(), words, []))
>>> [(c.label, c.cls, c.source) for c in chosen]
[('Police', 'Agency', 'pattern'), ('northern Vietnam', 'Region', 'direction'), ('Guangxi Department of Civil Affairs', 'Agency', 'pattern')]

Sources: :mod:`.gazetteer` (the lists), :mod:`.bodies` (naming patterns),
:mod:`.states` (a nationality word before "police"), :mod:`.persons`,
:mod:`.recognised` (the models' spans), :mod:`.places` (districts, towns,
direction regions); :mod:`.rules` holds the naming tests they share.
"""

from __future__ import annotations

from tipgraph.extractors.entities.candidates.bodies import pattern_candidates
from tipgraph.extractors.entities.candidates.gazetteer import gazetteer_candidates, misspelt_provinces
from tipgraph.extractors.entities.candidates.kinds import kind_named_candidates, owned_kind_words
from tipgraph.extractors.entities.candidates.persons import person_spans
from tipgraph.extractors.entities.candidates.places import direction_candidates, district_candidates
from tipgraph.extractors.entities.candidates.plurals import plural_government_candidates, plural_head_candidates
from tipgraph.extractors.entities.candidates.recognised import (
    MODEL_SOURCES,
    model_candidates,
    ner_org_candidates,
    trusted_gap,
)
from tipgraph.extractors.entities.candidates.rules import (
    acronym_after,
    has_proper_word,
    is_kind_not_name,
    is_noise,
    is_place_word,
    office_in_a_city,
    org_class,
)
from tipgraph.extractors.entities.candidates.states import demonym_body_candidates
from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.entities.types import Candidate
from tipgraph.extractors.naming import is_capitalised, is_redaction
from tipgraph.ontology.model import is_a

__all__ = [
    "MODEL_SOURCES",
    "acronym_after",
    "find_candidates",
    "has_proper_word",
    "is_kind_not_name",
    "is_noise",
    "office_in_a_city",
    "is_place_word",
    "misspelt_provinces",
    "model_candidates",
    "org_class",
    "person_spans",
    "select_candidates",
]


def find_candidates(
    doc, knowledge: Knowledge, words: list[list[str]], persons: list[tuple[int, int]], sources: str = "both"
) -> list[Candidate]:
    """Every candidate span of ``doc`` (overlapping); ``persons`` are the repaired PERSON spans of :func:`person_spans`.

    ``sources`` is ``"both"`` (rules, gazetteers and the trained recogniser), ``"rules"``
    (no recogniser) or ``"model"`` (the recogniser's spans, with a gazetteer entry only
    where one names exactly such a span: identity, never boundaries).
    """
    # a cable's redacted name ("XXXXXXXXXXXX") names no one, and no name runs through one
    redacted = {t.i for t in doc if is_redaction(t.text)}
    if redacted:
        words = [[] if i in redacted else w for i, w in enumerate(words)]
        persons = [(s, e) for s, e in persons if not redacted.intersection(range(s, e))]
    learned = model_candidates(doc) if sources != "rules" else []
    if sources == "model":
        spans = {(c.start, c.end) for c in learned}
        known = [c for c in gazetteer_candidates(doc, knowledge, words) if (c.start, c.end) in spans]
        return known + learned
    candidates = gazetteer_candidates(doc, knowledge, words)
    candidates += pattern_candidates(doc, knowledge, words, persons)
    candidates += demonym_body_candidates(doc, knowledge)
    for start, end in persons:
        # "President Bush", "Vice President Santos": right after a title, a name is the person's, not a town's
        titled = start > 0 and is_capitalised(doc[start - 1]) and doc[start - 1].lower_ in knowledge.title_heads
        candidates.append(Candidate(start, end, "Person", doc[start:end].text, "person", priority=4 if titled else 1))
    candidates += ner_org_candidates(doc, knowledge, words)
    candidates += direction_candidates(doc, knowledge, words)
    candidates += district_candidates(doc, knowledge, words)
    if listed := plural_head_candidates(doc, knowledge, words) + plural_government_candidates(doc, knowledge):
        # "the Ministries of A, B and C" names three bodies: no reading of the run as one stands
        inside = {i for c in listed for i in range(c.start, c.end)}
        candidates = [c for c in candidates if not inside.intersection(range(c.start, c.end))] + listed
    if named := kind_named_candidates(doc, knowledge):
        # "Local NGO Paniamor": the kind word is no part of any name
        kinds = {c.start - 1 for c in named}
        candidates = [c for c in candidates if not kinds.intersection(range(c.start, c.end))] + named
    if owned := owned_kind_words(doc):
        # "the local NGO of the Lutheran World Federation": the body is the name after "of"
        candidates = [c for c in candidates if c.start not in owned]
    if redacted:
        candidates = [c for c in candidates if not redacted.intersection(range(c.start, c.end))]
    # "US $607,700", "Hong Kong dollars": a currency, not the place
    candidates = [c for c in candidates if not _names_a_currency(doc, c)]
    if learned:
        # the recogniser fills gaps: where no rule or list proposes anything (measured: letting its
        # spans compete with the rules' on length loses more boundaries than it gains)
        ruled = select_candidates(candidates)
        taken = {i for c in ruled for i in range(c.start, c.end)}
        candidates += [
            c for c in learned if not any(i in taken for i in range(c.start, c.end)) and trusted_gap(doc, c, knowledge)
        ]
    return candidates


def select_candidates(candidates: list[Candidate]) -> list[Candidate]:
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


def _names_a_currency(doc, cand: Candidate) -> bool:
    """Is the place name ``cand`` the first word of a currency ("US $500", "Singapore dollars")?

    Only a place names a currency: "granted IOM $3 million" keeps its organisation.
    """
    if cand.end >= len(doc) or cand.source != "gaz" or not is_a(cand.cls, "Place"):
        return False
    following = doc[cand.end]
    return following.text == "$" or following.lower_ in ("dollar", "dollars")
