"""Where the small model's coordination is a misparse, for :func:`~tipgraph.extractors.relations.syntax.group`.

An apposition that names another entity far from its head, a place in brackets after a body
(where the body is, not one more member), and names hung on one another across commas are not
what the parse says they are.
"""

from __future__ import annotations

from spacy.tokens import Token

from tipgraph.ontology.model import is_a

# Dependency labels that join the members of one coordinated group.
GROUP_DEPS = frozenset({"conj", "appos"})


def comma_modifier(head: Token, child: Token, entities: dict) -> bool:
    """Whether ``child`` is a name the parse hung as a modifier on the name ``head`` though a comma follows it:
    "participants from the ILO, UNDP, UNHCR and IOM" read as "ILO" modifying "UNDP" modifying "UNHCR"."""
    return (
        child.dep_ in ("nmod", "compound")
        and child.i in entities
        and head.i in entities
        and child.i + 1 < head.i
        and head.doc[child.i + 1].text == ","
    )


def misparsed_apposition(head: Token, child: Token, entities: dict) -> bool:
    """Whether ``child``, an apposition of ``head``, names another entity far from it (a misparse).

    The apposition's own possessor is its name, not a gap ("X, the Ministry of Justice's Criminal
    Division"), and so are the named items of a list between the two ("A, the B, the C and D", where
    the parse hangs B and C on A).
    """
    if head.i not in entities or child.i not in entities:
        return False
    lo, hi = sorted((head, child), key=lambda t: t.i)
    owner = next((c for c in hi.children if c.dep_ == "poss" and c.i < hi.i), None)
    items = {
        t.i
        for sibling in head.children
        if sibling.dep_ in GROUP_DEPS and sibling.i in entities and lo.i < sibling.i < hi.i
        for t in sibling.subtree
    }
    between = head.doc[lo.i + 1 : owner.left_edge.i if owner is not None else hi.i]
    return any(not (_filler(t) or t.i in items) for t in between)


def bracketed_place(head: Token, child: Token, entities: dict) -> bool:
    """Whether ``child`` is a place in brackets right after ``head``, which names no place."""
    doc = head.doc
    place = entities.get(child.i)
    if place is None or not is_a(place.cls, "Place") or (head.i in entities and is_a(entities[head.i].cls, "Place")):
        return False
    end = child.right_edge.i
    return child.i > 0 and doc[child.i - 1].text == "(" and end + 1 < len(doc) and doc[end + 1].text == ")"


def _filler(token: Token) -> bool:
    """Punctuation, a determiner, a conjunction, a possessive's mark or an acronym in brackets: "X’ (HSI) Miami Office"."""
    if token.is_punct or token.is_space or token.dep_ in ("det", "case", "cc"):
        return True
    doc = token.doc
    return 0 < token.i < len(doc) - 1 and doc[token.i - 1].text == "(" and doc[token.i + 1].text == ")"
