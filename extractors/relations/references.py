"""Generic references to a named body, within one document, for the relation patterns.

A cable names a body once in full and then refers to it by its kind: "the
Lao Consulate in Kunming" ... "at that point the Consulate works with the
Yunnan PSB"; "the police of Daun Penh district" ... "Police referred the young
women to the Department of Social Affairs". A report defines a short name in
brackets and uses it as the actor: "Skills Development for the Lake Chad Basin
(SDLCB)" ... "SDLCB is collaborating with CARE". The entity
component finds the named bodies; :func:`body_references` finds these later
mentions and says which body each stands for, as spans (``label_`` the
body's class, ``kb_id_`` its key) that the relation side reads beside the
entity spans. They are not entities of their own.

- A generic mention is a body noun ("Consulate", "police", "Ministry",
  "Center": ``references.body_heads`` in ``patterns.json``) outside
  any name, made definite ("the", "its", "this"; "police" needs no article),
  whose words all fit one body: the head of the body's name is the same noun,
  and every capitalised word or named place that modifies the mention ("the
  police of Daun Penh district", "Chinese police") is part of the body's name.
- The mention resolves to the only body of the document that fits; when
  several fit, to the one named or referred to last, in the same paragraph or
  the one before; else to none.
- A short name defined in brackets right after a body's name, that the entity
  component did not take, stands for that body wherever it recurs.

>>> from tipgraph.extractors.pipeline import load_pipeline
>>> from tipgraph.extractors.source import make_source_doc
>>> nlp = load_pipeline()
>>> doc = nlp(make_source_doc(nlp, "The Vietnamese Consulate in Nanning helps victims. The Consulate works with UNICEF."))
>>> [(span.text, span.label_) for span in doc.spans[REFERENCE_KEY]]
[('Consulate', 'Agency')]
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

import numpy
from spacy.attrs import LEMMA, LOWER, ORTH
from spacy.tokens import Doc, Span, Token

from tipgraph.extractors.records import EntityRecord

REFERENCE_KEY = "tipgraph_references"

# Words that end the head of a body's name: "Ministry | of Public Security", "Taskforce | Against ...".
_NAME_CUTS = {"of", "for", "in", "on", "against", "to", "at", "from", "with", "under"}
_ROMAN = re.compile(r"^(?:[IVX]+|\d+)$")


def head_word(name: str, heads: frozenset[str]) -> str | None:
    """The kind of body a name says it is ("Guangxi Public Security Bureau" -> "bureau"), if a known one."""
    words: list[str] = []
    for word in name.split():
        if word.lower() in _NAME_CUTS and words:
            break
        words.append(word)
    if not words:
        return None
    last = words[-1].strip(".,;:()\"'’").lower()
    for form in (last, last[:-1] if last.endswith("s") else None):
        if form and form in heads:
            return form
    return None


def _is_short_name(tokens: Sequence[Token]) -> bool:
    """A bracketed short name: "MADE II", "STCUK", "ETAHT" (one to three words, capitals or numerals)."""
    if not 1 <= len(tokens) <= 3 or not tokens[0].text[:1].isupper():
        return False
    letters = "".join(t.text for t in tokens if t.is_alpha)
    return bool(letters) and all(
        t.is_alpha and (t.is_upper or _ROMAN.match(t.text)) or _ROMAN.match(t.text) for t in tokens
    )


class _Bodies:
    """The document's named bodies by kind, and which of them was mentioned last."""

    def __init__(self, entities: Iterable[EntityRecord], classes: Iterable[str], heads: frozenset[str]):
        classes = set(classes)
        self.records = {e.key: e for e in entities if e.cls in classes}
        self.by_head: dict[str, list[str]] = {}
        self.words: dict[str, set[str]] = {}
        for record in self.records.values():
            names = {record.label, *record.aliases, *(m.text for m in record.mentions)}
            self.words[record.key] = {w.strip(".,;:()\"'’").lower() for name in names for w in name.split()}
            for head in {h for name in names if (h := head_word(name, heads)) is not None}:
                self.by_head.setdefault(head, []).append(record.key)
        self.last_seen: dict[str, tuple[int, int]] = {}  # key -> (token, paragraph) of its latest mention

    def resolve(self, head: str, required: list[str], optional: list[str], paragraph: int) -> str | None:
        candidates = [k for k in self.by_head.get(head, []) if all(word in self.words[k] for word in required)]
        narrower = [k for k in candidates if any(word in self.words[k] for word in optional)]
        candidates = narrower or candidates
        if len(candidates) == 1:
            return candidates[0]
        recent = [
            (self.last_seen[k][0], k)
            for k in candidates
            if k in self.last_seen and paragraph - self.last_seen[k][1] <= 1
        ]
        return max(recent)[1] if recent else None


def body_references(doc: Doc, spans: Sequence[Span], paragraph_of: dict[int, int], patterns: dict) -> list[Span]:
    """Spans for the generic mentions and short names in ``doc`` that stand for one named body.

    ``spans`` are the entity mentions (sorted), ``paragraph_of`` maps each
    sentence start to its paragraph number, ``patterns`` is the ``references``
    section of ``patterns.json``.
    """
    heads = frozenset(patterns["body_heads"])
    bodies = _Bodies(doc._.tipgraph_entities or [], patterns["classes"], heads)
    if not bodies.records or not bodies.by_head and not spans:
        return []
    covered = numpy.zeros(len(doc), dtype=bool)
    for span in spans:
        covered[span.start : span.end] = True
    short_names = _short_names(doc, spans, covered, bodies)
    # Where something may happen: a body is named, a body noun or a short name occurs.
    strings = doc.vocab.strings
    wanted = {strings.add(w) for w in bodies.by_head} | {strings.add(texts[0]) for texts, _ in short_names}
    table = doc.to_array([LOWER, LEMMA, ORTH])
    hits = (
        numpy.isin(table, numpy.array(sorted(wanted), dtype=table.dtype)).any(axis=1)
        if wanted
        else numpy.zeros(len(doc), dtype=bool)
    )
    candidates = numpy.flatnonzero(hits & ~covered).tolist()
    events: list[tuple[int, int, Span | None]] = sorted(
        [(span.start, 0, span) for span in spans if span.kb_id_ in bodies.records] + [(i, 1, None) for i in candidates],
        key=lambda e: (e[0], e[1]),
    )
    sentence_starts = sorted(paragraph_of)
    found: list[Span] = []
    taken_until = 0
    for i, _, body in events:
        position = bisect.bisect_right(sentence_starts, i) - 1
        paragraph = paragraph_of[sentence_starts[position]] if position >= 0 else 0
        if body is not None:  # kind 0: a named body's own span
            bodies.last_seen[body.kb_id_] = (i, paragraph)
            continue
        if i < taken_until:
            continue
        reference = _short_name_at(doc, i, short_names, covered)
        if reference is None:
            reference = _generic(doc[i], bodies, heads, patterns, covered, paragraph)
        if reference is not None:
            start, end, key = reference
            found.append(Span(doc, start, end, label=bodies.records[key].cls, kb_id=key))
            bodies.last_seen[key] = (i, paragraph)
            taken_until = end
    return found


def _short_names(
    doc: Doc, spans: Sequence[Span], covered: numpy.ndarray, bodies: _Bodies
) -> list[tuple[tuple[str, ...], str]]:
    """(("MADE", "II"), key) for each "Body Name (SHORT)" whose short name no entity span took."""
    found = []
    for span in spans:
        if span.kb_id_ not in bodies.records or span.end >= len(doc) or doc[span.end].text != "(":
            continue
        close = next((j for j in range(span.end + 1, min(len(doc), span.end + 6)) if doc[j].text == ")"), None)
        if close is None or covered[span.end + 1 : close].any():
            continue
        inner = list(doc[span.end + 1 : close])
        label_words = {w.lower() for w in bodies.records[span.kb_id_].label.split()}
        if _is_short_name(inner) and not {t.lower_ for t in inner} <= label_words:
            found.append((tuple(t.text for t in inner), span.kb_id_))
    return found


def _short_name_at(doc: Doc, i: int, short_names, covered: numpy.ndarray) -> tuple[int, int, str] | None:
    for texts, key in short_names:
        end = i + len(texts)
        if end <= len(doc) and tuple(t.text for t in doc[i:end]) == texts and not covered[i:end].any():
            before = doc[i - 1].text if i > 0 else ""
            if before != "(":  # the definition itself
                return i, end, key
    return None


def _generic(
    token: Token,
    bodies: _Bodies,
    heads: frozenset[str],
    patterns: dict,
    covered: numpy.ndarray,
    paragraph: int,
) -> tuple[int, int, str] | None:
    """(start, end, body key) when ``token`` is a body noun that refers back to one named body."""
    found = _body_phrase(token, bodies, heads, patterns)
    if found is None:
        return None
    head, phrase, determiners = found
    required, optional = _qualifiers(token, phrase, determiners, covered)
    key = bodies.resolve(head, required, optional, paragraph)
    if key is None:
        return None
    return min(token.i, phrase.i), max(token.i, phrase.i) + 1, key


def _body_phrase(
    token: Token, bodies: _Bodies, heads: frozenset[str], patterns: dict
) -> tuple[str, Token, list[Token]] | None:
    """(body noun, head of its phrase, determiners) when ``token`` may refer to a named body."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    lower = token.lower_
    head = lower if lower in heads else token.lemma_.lower()
    if head not in heads or head not in bodies.by_head:
        return None
    if not token.text[:1].isupper() and head not in patterns["lowercase_heads"]:
        return None  # "the service", "the office": a body only when written as a name ("the Office")
    # "police authorities", "police officials": the phrase is headed by the collective noun
    collective = (
        token.dep_ == "compound" and token.head.lower_ in patterns["collective_heads"] and token.head.i > token.i
    )
    if token.dep_ == "compound" and not collective:
        return None  # "the Consulate staff", "a Ministry official": a modifier of something else
    phrase = token.head if collective else token
    determiners = [c for c in phrase.children if c.dep_ in ("det", "poss")]
    if determiners:
        if determiners[0].lower_ not in patterns["determiners"]:
            return None
    elif head not in patterns["bare_heads"]:
        return None
    return head, phrase, determiners


def _qualifiers(
    token: Token, phrase: Token, determiners: list[Token], covered: numpy.ndarray
) -> tuple[list[str], list[str]]:
    """The words that qualify the body noun: those its name must contain, and those it may."""
    required: list[str] = []
    optional: list[str] = []
    for child in phrase.children:
        if child in determiners or child.i == token.i:
            continue
        if child.dep_ in ("amod", "compound", "nmod", "npadvmod") and child.i < phrase.i:
            for word in child.subtree:
                if word.i == token.i or not word.is_alpha:
                    continue
                if (word.text[:1].isupper() and not word.is_sent_start) or covered[word.i]:
                    required.append(word.lower_)  # "Chinese police", "UK police": another body unless its name says so
                else:
                    optional.append(word.lower_)
        elif child.dep_ == "prep" and child.lower_ == "of":
            # "the police of Harbour district": the place is part of what the body is called
            required.extend(
                w.lower_
                for w in child.subtree
                if w.i != child.i and w.is_alpha and (w.text[:1].isupper() or covered[w.i])
            )
    return required, optional
