"""Sentence boundaries the parser cannot see: paragraph breaks, headings and chained clauses.

Cleaning keeps a blank line between paragraphs; a heading ("GVN response")
or a bullet item is its own paragraph. The parser would run a heading into
the next sentence, so this component, placed before the parser (after the
tagger), starts a sentence after every paragraph break.

It also starts one after a semicolon between two clauses that each have a verb.
Report narratives chain a country's findings into one "sentence" of a dozen
clauses; parsed as one, the small English model loses the clauses' subjects
and verbs past the first few ("...; traffickers transport children to X"
read as one noun phrase), while each clause alone parses as a sentence. A
semicolon between names ("the Ministry of Labour; the police; and UNICEF")
joins no verbs and stays inside its sentence.

And it keeps the parser from ending a sentence where none can end: right
after a conjunction, a determiner, a preposition or a comma. Without a full
stop at the end of a line ("... Europe, Asia, and the United States" before a
paragraph break) the parser otherwise cuts the list before its last item.
"""

from __future__ import annotations

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc, Token

_VERB_TAGS = frozenset({"VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "MD"})
_SENTENCE_END = frozenset({".", "!", "?", ";"})
# a word after which no sentence starts: a conjunction, determiner or preposition, a comma
_CONTINUING_TAGS = frozenset({"CC", "DT", "IN", "TO", ","})


@Language.component("tipgraph_paragraphs", assigns=["token.is_sent_start"], requires=["token.tag"])
def mark_paragraph_starts(doc: Doc) -> Doc:
    tokens = list(doc)  # one Token each, read once
    starts = {t.i + 1 for t in tokens[:-1] if t.is_space and "\n" in t.text}
    starts.update(clause_starts(tokens))
    # set all at once: each Token setter checks the whole doc for a parse (1 starts, -1 continues a sentence)
    marks = doc.to_array([SENT_START]).astype(numpy.int64)
    for token in tokens[1:]:
        if token.i in starts:
            marks[token.i] = 1
        elif tokens[token.i - 1].tag_ in _CONTINUING_TAGS:
            # the parser otherwise ends a line without a full stop inside it ("..., Asia, and | the United States")
            marks[token.i] = -1
    doc.from_array([SENT_START], marks.astype(numpy.uint64))  # type: ignore[arg-type]  # one column, as to_array gave it
    return doc


def clause_starts(tokens: list[Token]) -> list[int]:
    """The first token of every clause after a semicolon that joins two clauses with verbs (by the tagger's tags).

    ``tokens`` are a whole document's, in order."""
    cuts = [-1] + [t.i for t in tokens if t.text in _SENTENCE_END or (t.is_space and "\n" in t.text)]
    cuts.append(len(tokens))
    has_verb = [any(t.tag_ in _VERB_TAGS for t in tokens[a + 1 : b]) for a, b in zip(cuts, cuts[1:])]
    starts = []
    for k, cut in enumerate(cuts[1:-1], start=1):
        if tokens[cut].text == ";" and has_verb[k - 1] and has_verb[k]:  # a clause with a verb is not empty
            starts.append(cut + 1)
    return starts
