"""Persons: the model's PERSON spans repaired, bylines, and names right after a title."""

from __future__ import annotations

from tipgraph.extractors.entities.candidates.rules import is_place_word, office_in_a_city
from tipgraph.extractors.entities.jurisdiction import is_demonym
from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.entities.types import DocView
from tipgraph.extractors.naming import is_capitalised, name_key


def person_spans(doc: DocView, knowledge: Knowledge) -> list[tuple[int, int]]:
    """The model's PERSON spans, repaired: extended over the rest of a name, titles cut off."""
    spans = _repaired_model_spans(doc, knowledge)
    spans = _bylines(doc, spans)
    return spans + _names_after_titles(doc, knowledge, spans)


def _repaired_model_spans(doc: DocView, knowledge: Knowledge) -> list[tuple[int, int]]:
    spans = []
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        start, end = ent.start, ent.end
        while start < end and (
            doc[start].lower_ in knowledge.title_words
            or doc[start].lower_ in knowledge.demonyms
            or doc[start].lower_ in knowledge.abbreviated_titles
            or doc[start].lower_.rstrip(".") + "." in knowledge.honorifics
            or doc[start].lower_ in knowledge.honorifics
            or doc[start].lower_ == "charge"
            and start > 0
            and doc[start - 1].lower_ == "in"  # "Agent in Charge X"
        ):
            start += 1
        while (
            end < len(doc)
            and end - start < 5
            and is_capitalised(doc[end])
            and not doc[end].is_punct
            and doc[end].lower_ not in knowledge.title_words
            and doc[end].lower_ not in knowledge.agency_heads
            and not doc[end].text.isupper()
        ):
            end += 1
        while end > start and (doc[end - 1].text in ("'s", "’s") or doc[end - 1].is_punct):
            end -= 1
        if (
            end > start
            and not office_in_a_city(doc[start:end], knowledge)
            and not _nationals(doc, start, end, knowledge)
        ):
            spans.append((start, end))
    return spans


def _nationals(doc: DocView, start: int, end: int, knowledge: Knowledge) -> bool:
    """A nationality word the model took for a name: "Sri Lankans", "Equatorial Guineans" are people, not a person."""
    return is_demonym(" ".join(doc[i].lower_ for i in range(start, end)), knowledge)


def _bylines(doc: DocView, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A byline: "By Ana M. Ruiz" alone on its line, in place of what the model found inside it."""
    for i, token in enumerate(doc[:-1]):
        if token.text == "By" and token.is_sent_start:
            k = i + 1
            while (
                k < len(doc)
                and k - i <= 6
                and (is_capitalised(doc[k]) or doc[k].text == ".")
                and "\n" not in doc[k].text
            ):
                k += 1
            if (
                k - i >= 3
                and (k >= len(doc) or "\n" in doc[k].text or doc[k].is_space)
                and not any(s <= i + 1 < e for s, e in spans)
            ):
                spans = [(s, e) for s, e in spans if not (i + 1 <= s < k)] + [(i + 1, k)]
    return spans


def _names_after_titles(doc: DocView, knowledge: Knowledge, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A name right after a title the model missed: "Deputy Labour Minister Ana Ruiz", "President Okello"."""
    covered = {i for s, e in spans for i in range(s, e)}
    found = []
    for i, token in enumerate(doc):
        # "the acting director, Ana Ruiz, said": a title head of any case, then a name set off by commas
        apposed = token.lower_ in knowledge.title_heads and i + 1 < len(doc) and doc[i + 1].text == ","
        if not (apposed or _is_title(token, knowledge)) or doc.heading(token.sent):
            continue
        k = i + 2 if apposed else i + 1
        if k < len(doc) and doc[k].text == ".":
            k += 1
        s = k
        while (
            k < len(doc)
            and k - s < 4
            and is_capitalised(doc[k])
            and not doc[k].is_punct
            and doc[k].lower_ not in knowledge.title_words
            and doc[k].lower_ not in knowledge.agency_heads
            and doc[k].lower_ not in knowledge.ngo_heads
            and not doc[k].text.isupper()
            and not doc[k].is_stop
        ):
            k += 1
        if apposed and (
            k - s < 2
            or k < len(doc)
            and doc[k].text not in (",", "(", ")", ".", ";")
            or any(is_place_word(doc[x].text, knowledge) for x in range(s, k))  # "Officer, Consulate Lima, tel."
        ):
            continue
        if k > s and s not in covered and not knowledge.lookup(name_key(doc[s:k].text)):
            found.append((s, k))
            covered.update(range(s, k))
    return found


def _is_title(token, knowledge: Knowledge) -> bool:
    low = token.lower_
    if (
        low not in knowledge.title_heads
        and low.rstrip(".") not in knowledge.honorifics
        and low not in knowledge.honorifics
    ):
        return False
    return is_capitalised(token) or low in knowledge.lower_case_titles  # "spokesperson Ana Ruiz"
