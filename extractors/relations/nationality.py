"""Nationality words and area adjectives as the places of route candidates.

Report narratives name a route's origin by the people's nationality far more often than
by the country: "traffickers exploit Nepali women in India", "Filipinos trafficked to
Morocco", "workers from Central Asian countries". The learned route model pairs places,
so the words that name a country or a wider area as an adjective (the gazetteer's
``demonyms`` of countries and ``adjectives`` of regions) become its place mentions too.
Each is written to the ``tipgraph_nationalities`` span group, labelled with the class of
the place it names and keyed by the document's entity for it; a place the text never
names gets a placeholder key, and an entity only once a statement needs it
(:func:`place_resolver`).

>>> from tipgraph.extractors.pipeline import load_pipeline
>>> nlp = load_pipeline()
>>> doc = nlp("Recruiters sent Bangladeshi men to Malaysia and West African women to Lebanon.")
>>> [(span.text, span.label_) for span in doc.spans[NATIONALITY_KEY]]
[('Bangladeshi', 'Country'), ('West African', 'Region')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.tokens import Doc, Span

from tipgraph.extractors.extensions import document_entities
from tipgraph.extractors.relations.routes.context import UNNAMED, add_place_record
from tipgraph.ontology.gazetteer import Gazetteer, GazetteerEntry

NATIONALITY_KEY = "tipgraph_nationalities"
PLACE_CLASSES = ("Country", "Region")
LONGEST = 4  # tokens: "South - East Asian"
_Words = tuple[list[str], list[str], list[bool]]  # the tokens' texts, trailing spaces, punctuation or space


def place_keys(doc: Doc) -> dict[str, str]:
    """Gazetteer id -> the key of the document's entity for that country or area."""
    keys: dict[str, str] = {}
    for record in document_entities(doc):
        if record.cls in PLACE_CLASSES:
            code = record.gazetteer_id or (record.country if record.cls == "Country" else None)
            if code:
                keys.setdefault(code, record.key)
    return keys


def _word_at(words: _Words, start: int, gazetteer: Gazetteer) -> tuple[GazetteerEntry, int] | None:
    """The place a nationality word or area adjective starting at ``start`` names, and where the word ends."""
    texts, spaces, skip = words
    for end in range(min(len(texts), start + LONGEST), start, -1):
        if skip[end - 1]:
            continue
        text = "".join(texts[k] + spaces[k] for k in range(start, end - 1)) + texts[end - 1]  # the span's text
        if end - start == 1 and not text[:1].isupper():
            return None  # one lower-case word is never a nationality ("sub-Saharan" is three tokens)
        entry = gazetteer.by_origin_word(text)  # also "Filipinos", "Sri Lankans"
        if entry is not None and entry.cls in PLACE_CLASSES:
            return entry, end
    return None


def nationality_spans(doc: Doc, gazetteer: Gazetteer, named: Iterable[Span]) -> list[Span]:
    """Every nationality word and area adjective of ``doc`` outside the named mentions (``named``)."""
    taken = {i for span in named for i in range(span.start, span.end)}
    keys = place_keys(doc)
    # the tokens read once as plain lists: a Token or Span made per window costs most of the time
    tokens = list(doc)
    words = ([t.text for t in tokens], [t.whitespace_ for t in tokens], [t.is_punct or t.is_space for t in tokens])
    may_start = [t.is_alpha and gazetteer.may_start_origin_word(t.text) for t in tokens]
    found: list[Span] = []
    i = 0
    while i < len(tokens):
        hit = None if i in taken or not may_start[i] else _word_at(words, i, gazetteer)
        if hit is None or any(j in taken for j in range(i, hit[1])):
            i += 1
            continue
        entry, end = hit
        found.append(Span(doc, i, end, label=entry.cls, kb_id=keys.get(entry.id, UNNAMED + entry.id)))
        i = end
    return found


def still_free(doc: Doc, spans: Iterable[Span], named: Iterable[Span]) -> list[Span]:
    """Nationality spans found before more of ``doc`` was named, as :func:`nationality_spans` would find
    them now: outside ``named``, and keyed by the places the document holds by now."""
    taken = {i for span in named for i in range(span.start, span.end)}
    keys = place_keys(doc)
    found = []
    for span in spans:
        if any(i in taken for i in range(span.start, span.end)):
            continue
        key = span.kb_id_
        if key.startswith(UNNAMED):
            key = keys.get(key[len(UNNAMED) :], key)
        found.append(Span(doc, span.start, span.end, label=span.label_, kb_id=key))
    return found


def place_resolver(doc: Doc, gazetteer: Gazetteer) -> Callable[[str], str | None]:
    """A function from a statement's end to an entity key, adding the place a placeholder stands for."""

    def resolve(key: str) -> str | None:
        if not key.startswith(UNNAMED):
            return key
        code = key[len(UNNAMED) :]
        known = place_keys(doc).get(code)
        if known is not None:
            return known
        return add_place_record(doc, gazetteer.get(code)) if code in gazetteer else None

    return resolve
