"""The words of a name: folded keys, and what makes two names of one body the same.

Pure functions over strings (and a token's text), shared by every part of
entity extraction and by the cross-document merge in ``graph/resolve.py``.

>>> name_words("Women’s Union of Đà Nẵng")
['women', 'union', 'of', 'da', 'nang']
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from tipgraph.ontology.folding import index_key, name_key, name_words
from tipgraph.ontology.gazetteer import load_naming

__all__ = ["index_key", "name_key", "name_words"]  # the one folding: tipgraph.ontology.folding

# words that join the words of one name ("Ministry of Labour, Invalids and Social Affairs")
CONNECTORS = {
    "of",
    "for",
    "and",
    "on",
    "the",
    "against",
    "to",
    "&",
    "-",
    "in",
    "de",
    "del",
    "des",
    "du",
    "la",
    "pour",
    "les",
    # the articles and linking words of Spanish, Portuguese and French bodies' names
    # ("Casa de la Mujer", "Servicio de Paz y Justicia", "Comando da Capital")
    "los",
    "las",
    "el",
    "y",
    "e",
    "da",
    "das",
    "do",
    "dos",
    "et",
    "para",
    "por",
    "contra",
}


def canonical_body_key(label: str) -> str:
    """``Civil Affairs Department`` and ``Department of Civil Affairs`` are one body.

    >>> canonical_body_key("Foreign Ministry"), canonical_body_key("Edo Task Force")
    ('ministry of foreign affairs', 'edo taskforce')
    """
    words = name_words(label)
    if words and words[0] == "the":
        words = words[1:]
    if len(words) >= 3 and words[0] == "government" and words[1] in _naming_set("government_bodies"):
        words = words[1:]  # "Government Ministry for Social Welfare"
    text = f" {' '.join(words)} "
    for phrase, replacement in _body_variants().items():
        if f" {phrase} " in text:
            text = text.replace(f" {phrase} ", f" {replacement} ")
    words = text.split()
    heads = ("department", "ministry", "bureau", "office", "committee", "commission")
    if len(words) >= 2 and words[-1] in heads and "of" not in words:
        words = [words[-1], "of", *words[:-1]]
    return " ".join(words)


BODY_FILLERS = {"of", "for", "the", "and", "on", "to", "in", "&", "s"}


@lru_cache(maxsize=1)
def _body_variants() -> dict[str, str]:
    return load_naming().get("body_name_variants", {})


@cache
def _naming_set(key: str) -> frozenset[str]:
    """A word list of ``naming.json`` (these functions take strings, not the component's knowledge)."""
    return frozenset(load_naming()[key])


def body_staff() -> frozenset[str]:
    """Who speaks for a body, not another body: "immigration officials" are the immigration service."""
    return _naming_set("body_staff")


def body_identity(label: str) -> str:
    """What two names of one body share, whatever their word order and filler words.

    >>> body_identity("Guangxi Civil Affairs Department") == body_identity("Guangxi Department of Civil Affairs")
    True
    >>> body_identity("Zimbabwean immigration officials") == body_identity("Zimbabwean immigration")
    True
    """
    words = [w for w in canonical_body_key(label).split() if w not in BODY_FILLERS]
    core = [w for w in words if w not in body_staff()]
    words = core or words
    if len(words) >= 4:  # "Ondo State Taskforce against Human Trafficking" is the "Ondo Taskforce ..."
        words = [w for w in words if w not in ("state", "provincial")]
    return " ".join(sorted(set(words)))


_ELIDED_CAPITAL = re.compile(r"(?:d|l|dell|dall|nell|all)['’][A-ZÀ-Þ]")


def is_capitalised(token) -> bool:
    """Does ``token`` start with a capital letter (the mark of a name in running text)?"""
    text = token.text
    # an elided French or Italian article keeps the name's capital after it: "d'Ivoire", "l'Enfance"
    if not text:
        return False
    if text[0] in "XХ" and is_redaction(text):
        return False  # a released cable's redacted name ("XXXXXXXXXXXX") is no name
    # the regex only where an elision can be: most lower-case words are rejected by their first letter
    return text[0].isupper() or (text[0] in "dlna" and _ELIDED_CAPITAL.match(text) is not None)


_REDACTION = re.compile(r"[XХ]{3,}|[xх]{3,}")  # Latin or Cyrillic X


def is_redaction(word: str) -> bool:
    """A released cable's redacted name or word ("XXXXXXXXXXXX", "ХХХХ").

    >>> is_redaction("XXXXXXXXXXXX"), is_redaction("XX"), is_redaction("Xavier")
    (True, False, False)
    """
    return _REDACTION.fullmatch(word) is not None
