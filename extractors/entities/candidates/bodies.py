"""Bodies no list knows: runs of capitalised words holding a head word ("Ministry", "Foundation").

A run is cut where a name cannot go on (a verb, "and" before a lower-case
word or before a body the lists know, "in" before a place or a date), split at a possessive between two
bodies, and stripped of the titles and persons around the body it names.
"""

from __future__ import annotations

import re

from tipgraph.extractors.entities.candidates.rules import (
    JUNK_POS,
    acronym_after,
    has_proper_word,
    is_kind_not_name,
    is_place_word,
    joins_two_bodies,
    known_body_at,
    org_class,
    trim,
)
from tipgraph.extractors.entities.knowledge import ORG_CLASSES, Knowledge
from tipgraph.extractors.entities.types import Candidate, DocView
from tipgraph.extractors.naming import CONNECTORS, is_capitalised

_POSSESSIVES = ("'s", "’s")
_PLURAL_ACRONYM = re.compile(r"[A-Z]{2,}s")  # "NGOs", "CSOs": a kind of body, never a name's last word


def pattern_candidates(
    doc: DocView, knowledge: Knowledge, words: list[list[str]], persons: list[tuple[int, int]]
) -> list[Candidate]:
    """Runs of capitalised words holding a head word: bodies no list knows."""
    found: list[Candidate] = []
    n = len(doc)
    person_starts = {s for s, _ in persons}
    i = 0
    while i < n:
        if not is_capitalised(doc[i]) or doc[i].is_space or doc[i].ent_type_ in ("DATE", "TIME"):
            i += 1  # "In May the Ministry of X": a date opens no name
            continue
        if doc.heading(doc[i].sent):
            i = doc[i].sent.end
            continue
        j = _run_end(doc, i, knowledge, words, person_starts)
        start, end = trim(doc, i, j)  # type: ignore[arg-type]  # a DocView stands in for a Doc
        i = max(j, i + 1)
        if end - start >= 1:
            _split_possessives(doc, start, end, knowledge, words, found)
    return found


def _run_end(doc, i: int, knowledge: Knowledge, words, person_starts: set[int]) -> int:
    """Where the run of name words starting at ``i`` ends."""
    j = i
    listed = False  # a ministry's portfolio listed with commas so far
    while j < len(doc):
        tok = doc[j]
        if _stops_run(doc, i, j, knowledge, words, person_starts):
            return j
        if is_capitalised(tok) or tok.text in ("'s", "’s", "&", "-") or tok.lower_ in CONNECTORS - {"-"}:
            j += 1
            continue
        if tok.text == "," and (item := _portfolio_item(doc, i, j, knowledge, words, listed)) is not None:
            listed = True
            j = item
            continue
        if j > i and doc[j - 1].text in _POSSESSIVES and tok.lower_ == "office":
            # "the Prime Minister's office" is a body; "IOM's office in Chile" is IOM at work there
            owner = " ".join(w for x in range(i, j - 1) for w in words[x])
            return j - 1 if any(e.cls in ORG_CLASSES for e in knowledge.lookup(owner)) else j + 1
        return j
    return j


def _portfolio_item(doc, i: int, j: int, knowledge: Knowledge, words, listed: bool) -> int | None:
    """Where the next item starts if the comma at ``j`` goes on listing the portfolio of the ministry named
    from ``i``; else None.

    "Ministry of Labour, Invalids and Social Affairs" lists its portfolio, and so does "Ministry of
    Women, Family Welfare, and Rural Development" (its last item after ", and"); "Interior Ministry,
    MP, SENAME" and "Ministry of Health, National Youth Council (NYC)" list bodies.
    """
    k = j + 2 if listed and j + 2 < len(doc) and doc[j + 1].lower_ == "and" else j + 1
    listing = (
        k < len(doc)
        and is_capitalised(doc[k])
        and doc[k].lower_ not in knowledge.agency_heads
        and not doc[k].text.isupper()
        and doc[j - 1].lower_ not in ("ministry", "department")
        and not known_body_at(k, knowledge, words)  # "the Ministry of Foreign Affairs, Interpol, ..."
        and not _body_item_at(doc, k, knowledge)
        and any(w in ("ministry", "department") for ws in words[i:j] for w in ws)
    )
    return k if listing else None


def _stops_run(doc, i: int, j: int, knowledge: Knowledge, words, person_starts: set[int]) -> bool:
    """A name cannot go on over the word at ``j``."""
    tok = doc[j]
    if tok.is_space or "\n" in tok.text or (j > i and j in person_starts):
        return True
    if (
        j > i
        and tok.pos_ in ("VERB", "AUX", "ADV", "PRON")
        and not is_capitalised(tok)
        and not _starts_ngo_name(knowledge, words, i, j)
    ):
        return True
    following = doc[j + 1] if j + 1 < len(doc) else None
    if following is None:
        return False
    # the name since the run's last possessive: "the Police's Anti-Trafficking and Juvenile Unit" is one body
    since = next((x + 1 for x in range(j - 1, i - 1, -1) if doc[x].text in _POSSESSIVES), i)
    if tok.lower_ == "and" and (
        not is_capitalised(following)
        or following.lower_ in ("the", "a", "an")
        or following.text.isupper()
        or _PLURAL_ACRONYM.fullmatch(following.text) is not None  # "the Ministry of Defense and NGOs"
        or doc[j - 1].text.isupper()
        or known_body_at(j + 1, knowledge, words)  # "the Border Police and La Strada": two bodies
        or joins_two_bodies(doc, since, j, knowledge, words)
    ):
        return True
    if (
        tok.lower_ == "to"
        and not any(w in knowledge.accredited_heads for x in range(i, j) for w in words[x])
        and known_body_at(j + 2 if following.lower_ == "the" else j + 1, knowledge, words)
    ):
        return True  # "funds from the Japanese Embassy to the IOM"; but "the Permanent Mission to the UN"
    if tok.lower_ in CONNECTORS and following.ent_type_ in ("DATE", "TIME"):
        return True  # "met the Ministry of Justice on May 4": a date, not the name's end
    if (
        tok.text == "-"
        and is_capitalised(following)
        and org_class([w for x in range(since, j) for w in words[x]], knowledge)
    ):
        return True  # "Embassy Rome-Consulate Milan": two bodies; "the Ministry's Anti-Trafficking Unit": one
    return tok.lower_ == "in" and (
        not is_capitalised(following)
        or any(is_place_word(doc[j + 1 : j + 1 + w].text, knowledge) for w in (1, 2, 3))
        or following.ent_type_ in ("DATE", "TIME")
    )


# head words a ministry's portfolio can end on ("Ministry of Lands, Housing, and Rural Services")
_PORTFOLIO_HEADS = frozenset(("services", "service", "immigration", "customs", "police", "affairs"))


def _body_item_at(doc, k: int, knowledge: Knowledge) -> bool:
    """Does the capitalised item at ``k`` (up to a comma, "and" or a bracket) end on a body's head word?
    Then a comma before it lists two bodies ("the Ministry of Health, National Youth Council and ...")."""
    last = None
    while k < len(doc) and (is_capitalised(doc[k]) or doc[k].lower_ in ("of", "for", "on", "the")):
        last = doc[k]
        k += 1
    if last is None or (k < len(doc) and doc[k].text not in (",", "(", ";", ".") and doc[k].lower_ != "and"):
        return False
    word = last.lower_
    return (word in knowledge.agency_heads and word not in _PORTFOLIO_HEADS) or word in knowledge.ngo_heads


def _split_possessives(doc, start: int, end: int, knowledge: Knowledge, words, found: list[Candidate]) -> None:
    """A possessive between two bodies names two bodies: "University of X's Institute of Y"."""
    piece_start = start
    owner: str | None = None
    for t in range(start, end):
        if doc[t].text in _POSSESSIVES:
            before = [w for x in range(piece_start, t) for w in words[x]]
            after = [w for x in range(t + 1, end) for w in words[x]]
            # a bare head word after it is the possessor's own: "the Prosecutor General's Office" is one body
            if org_class(before, knowledge) and org_class(after, knowledge) and len(after) > 1:
                owner = _owner_class(doc, piece_start, t, knowledge, words, found)
                piece_start = t + 1
            elif org_class(before, knowledge) and any(w in knowledge.title_heads for w in after):
                end = t  # "The Ford Foundation's Programme Officer"; but "Ministry of Women's Affairs" goes on
                break
    if end > piece_start:
        first = len(found)
        _split_run(doc, piece_start, end, knowledge, words, found)
        if owner == "Agency":  # a state body's unit is a state body: "Customs' National Targeting Center"
            for candidate in found[first:]:
                candidate.cls = "Agency" if candidate.cls == "NGO" else candidate.cls


def _owner_class(doc, start: int, end: int, knowledge: Knowledge, words, found: list[Candidate]) -> str | None:
    """The class of the body a possessive's owner names (split off into ``found``), or None."""
    first = len(found)
    _split_run(doc, start, end, knowledge, words, found)
    classes = {c.cls for c in found[first:] if c.end == end}
    return next(iter(classes)) if len(classes) == 1 else None


def _starts_ngo_name(knowledge, words, i, j) -> bool:
    run = [w for x in range(i, j + 1) for w in words[x]]
    return any(len(run) <= len(start) and start[: len(run)] == run for start in knowledge.ngo_starts)


def _split_run(doc, start, end, knowledge, words, found) -> None:
    """Cut a capitalised run into the body it names, dropping titles and persons around it."""
    start = _skip_junk(doc, start, end, knowledge, words)
    if _place_phrase(doc, start, end, knowledge, words, found):
        return
    run_words = [w for t in range(start, end) for w in words[t]]
    if org_class(run_words, knowledge) is None:
        acro = acronym_after(doc, end)
        if (
            acro
            and len(run_words) >= 2
            and acro[0].lower() == run_words[0][0]
            and has_proper_word(run_words, knowledge)
        ):
            found.append(Candidate(start, end, "NGO", doc[start:end].text, "pattern", priority=2))
        return
    cut = min(_title_cut(doc, start, end, knowledge, words), person_cut(doc, start, end, knowledge, words))
    lead = _skip_title_lead(doc, start, cut, knowledge, words)
    s, e = trim(doc, _past_titled_name(doc, start, lead, cut, knowledge, words), cut)
    if e <= s:
        return
    body_words = [w for t in range(s, e) for w in words[t]]
    cls = org_class(body_words, knowledge)
    if cls is None or not has_proper_word(body_words, knowledge):
        return
    if is_kind_not_name(doc, s, e, words, knowledge):
        return  # "Immigration department": a kind of body, not a name
    if _known_body_then_words(doc, s, e, knowledge, words):
        return
    # a body named after an international organisation belongs to it: "UNHCR Transit Centre"
    first = (
        [x for x in knowledge.lookup(" ".join(words[s])) if x.cls == "InternationalOrganization"] if words[s] else []
    )
    if first and e - s > 1:
        cls = "InternationalOrganization"
    found.append(Candidate(s, e, cls, doc[s:e].text, "pattern", priority=2))


def after_paragraph_letter(doc, start: int, end: int) -> int:
    """Past a cable's paragraph letter at ``start``: "H - The Government ...", "B. The Ministry of ..."."""
    if start + 2 < end and len(doc[start].text) == 1 and doc[start].is_upper and doc[start + 1].text in ("-", ")"):
        return start + 2
    if start + 2 < end and re.fullmatch(r"[A-Z]\.", doc[start].text) and doc[start + 1].lower_ == "the":
        return start + 1
    return start


def _skip_junk(doc, start: int, end: int, knowledge: Knowledge, words) -> int:
    """Past the words that open no name at the start of a run (unless an NGO's name opens so)."""
    start = after_paragraph_letter(doc, start, end)
    run_words = [w for t in range(start, end) for w in words[t]]
    if any(run_words[: len(w)] == w for w in knowledge.ngo_starts):
        return start
    while start < end and (
        doc[start].pos_ in JUNK_POS
        and doc[start].lower_ != "the"
        and not doc[start].text.isupper()
        and not (start + 1 < end and f"{doc[start].lower_} {doc[start + 1].lower_}" in knowledge.jurisdiction_words)
        or _people_of(doc, start, end)
    ):
        start += 1
    return start


def _people_of(doc, start: int, end: int) -> bool:
    """ "Officers of the Border Police ...": a plural noun capitalised only as the sentence's first word."""
    return doc[start].is_sent_start and doc[start].tag_ == "NNS" and start + 1 < end and doc[start + 1].lower_ == "of"


def _place_phrase(doc, start: int, end: int, knowledge: Knowledge, words, found: list[Candidate]) -> bool:
    """A run holding a place phrase ("... of the Mekong Delta"): the place, then the rest of the run."""
    text = " ".join(w for t in range(start, end) for w in words[t])
    for phrase, place_cls in knowledge.place_phrases.items():
        if f" {phrase} " in f" {text} ":
            k = start
            while k < end and " ".join(w for x in range(start, k) for w in words[x]).count(phrase) == 0:
                k += 1
            begin = start
            for x in range(start, k):
                if doc[x].lower_ in ("in", "of", "at"):
                    begin = x + 1
            found.append(Candidate(begin, k, place_cls, doc[begin:k].text, "place", priority=2))
            if k < end:
                _split_run(doc, k, end, knowledge, words, found)
            return True
    return False


def _title_cut(doc, start: int, end: int, knowledge: Knowledge, words) -> int:
    """A title followed by a name ends the body: "... Labour Inspectorate Deputy Director Ana Ruiz"."""
    for t in range(start + 1, end):
        if doc[t].lower_ in knowledge.title_heads | knowledge.title_modifiers and (
            _name_follows(doc, t, end, knowledge, words)
            or all(doc[x].lower_ in knowledge.title_words for x in range(t, end))
        ):
            return t
    return end


def _skip_title_lead(doc, start: int, cut: int, knowledge: Knowledge, words) -> int:
    """Past the title words before a body's name, unless a possessive names the body ("Minister's Office")."""
    # the title's own office ("the Prime Minister's Office"), not a possessive further on ("the Director of the
    # National Women's Service" is the service)
    possessive_body = any(
        doc[x].text in _POSSESSIVES
        and x + 1 < cut
        and doc[x + 1].lower_ in knowledge.agency_heads
        and all(doc[y].lower_ in knowledge.title_lead for y in range(start, x))
        for x in range(start, cut)
    )
    s = start
    while (
        not possessive_body
        and s < cut
        and (doc[s].lower_ in knowledge.title_lead and doc[s].lower_ not in knowledge.agency_heads)
        and not org_class([w for x in range(s, cut) for w in words[x]][:1], knowledge)
    ):
        s += 1
    return s


def _past_titled_name(doc, start: int, lead: int, cut: int, knowledge: Knowledge, words) -> int:
    """Past the name after a title, up to its "of": "Assistant Attorney General Maria T. Lopez of the Civil
    Division" -> the Civil Division (the official is the persons' rules')."""
    heads = knowledge.agency_heads | knowledge.ngo_heads
    if lead == start and not (start > 0 and doc[start - 1].lower_ in knowledge.title_words):
        # "Maria Lopez of the National Women's Service": a name the model reads as a person, then "of"; but
        # the "Embassy" of "the Embassy of Myanmar" is no person's name, whatever the model reads
        named = next((e.end for e in doc.ents if e.label_ == "PERSON" and e.start == start and e.end < cut), None)
        if named is None or doc[named].lower_ != "of" or any(w in heads for x in range(start, named) for w in words[x]):
            return lead
        return named + 1
    for k in range(lead + 1, cut - 1):
        if doc[k].lower_ == "of":
            named_words = [w for x in range(lead, k) for w in words[x]]
            return k + 1 if named_words and not any(w in heads for w in named_words) else lead
    return lead


def _known_body_then_words(doc, s: int, e: int, knowledge: Knowledge, words) -> bool:
    """A known body followed by words that name no other body: "UNICEF Day of the Girl Campaign"."""
    for k in range(e - 1, s, -1):
        entries = [
            x for x in knowledge.lookup(" ".join(w for t in range(s, k) for w in words[t])) if x.cls in ORG_CLASSES
        ]
        if (
            entries
            and not org_class([w for t in range(k, e) for w in words[t]], knowledge)
            and not is_place_word(doc[k].text, knowledge)
        ):
            return True
    return False


def person_cut(doc, start, end, knowledge, words) -> int:
    """Where a person's name starts at the end of a body's run: "... Foreign Affairs Nguyen Thi Lan Anh"."""
    for t in range(start + 1, end):
        if (
            doc[t].text in knowledge.family_names
            and t + 1 < end
            and is_capitalised(doc[t + 1])
            and not any(
                w in knowledge.agency_heads or w in knowledge.ngo_heads for x in range(t, end) for w in words[x]
            )
            and any(w in knowledge.agency_heads or w in knowledge.ngo_heads for x in range(start, t) for w in words[x])
        ):
            return t
    return end


def _name_follows(doc, t, end, knowledge, words) -> bool:
    """After title words at ``t``, does a person's name (capitalised, no head word) follow?"""
    k = t
    while k < end and (doc[k].lower_ in knowledge.title_words):
        k += 1
    if k >= end or not is_capitalised(doc[k]):
        return False
    rest = [w for x in range(k, end) for w in words[x]]
    return not any(w in knowledge.agency_heads or w in knowledge.ngo_heads for w in rest)
