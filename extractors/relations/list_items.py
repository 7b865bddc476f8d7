"""Lists of actions under one actor: "In one year, ESIP has:" then items that name no subject.

A cable writes what a body did as a list after a colon, each item starting with its verb
("Worked with local organisations ...", "Supported the Cabinet Office ..."); the actor of
the introducing sentence is the subject of every item.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Span

from tipgraph.extractors.relations.parse import EntityRef, ParsedSentence
from tipgraph.extractors.relations.syntax import group_entities, subject_tokens


def ends_with_colon(tokens: Doc | Span) -> bool:
    """A sentence that introduces a list ("In one year, ESIP has:")."""
    for i in range(len(tokens) - 1, -1, -1):
        if not tokens[i].is_space:
            return tokens[i].text == ":"
    return False


def introduces_list(ps: ParsedSentence, classes: Iterable[str]) -> EntityRef | None:
    """The actor of a sentence that ends with a colon ("In one year, ESIP has:"), else None."""
    if not ends_with_colon(ps.doc):
        return None
    classes = set(classes)
    for token in ps.doc:
        if token.dep_ == "ROOT":
            for subject in subject_tokens(token):
                for ref in group_entities(ps, subject, classes):
                    return ref
    return None


def lacks_subject(tokens: Doc | Span) -> bool:
    """A list item that starts with its verb and names no subject ("Worked with local organizations ...")."""
    first = next((t for t in tokens if not (t.is_space or t.is_punct)), None)
    if first is None:
        return False
    return first.pos_ == "VERB" and first.tag_ in ("VBD", "VBN", "VBG") and not subject_tokens(first)
