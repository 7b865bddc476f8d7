"""Sentence boundaries the parser cannot see: paragraph breaks and headings.

Cleaning keeps a blank line between paragraphs; a heading ("GVN response")
or a bullet item is its own paragraph. The parser would run a heading into
the next sentence, so this component, placed before the parser, starts a
sentence after every paragraph break.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component("tipgraph_paragraphs", assigns=["token.is_sent_start"])
def mark_paragraph_starts(doc: Doc) -> Doc:
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
