"""The one way names are folded for comparison: within a document, across documents, in IRIs.

:func:`fold` takes the diacritics off (``Đà Nẵng`` -> ``Da Nang``); :func:`name_words` is a
name's comparable words (folded, lower-cased, a possessive ``'s`` dropped, punctuation a word
break); :func:`name_key` joins them. Entity extraction keys and looks names up by it, the
cross-document merge compares persons by it and the gazetteer's own index is keyed by it.
IRIs (:func:`tipgraph.ontology.iris.slug`) fold the same way but keep the possessive's
``s``, as published IRIs never change.

>>> name_words("Women’s Union of Đà Nẵng")
['women', 'union', 'of', 'da', 'nang']
>>> name_key("Nguyen Van-Hung") == name_key("Nguyen  Van Hung") == name_key("NGUYEN VAN HUNG")
True
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_POSSESSIVE = re.compile(r"['’]s\b")
_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """``text`` without its diacritics (``đ`` is ``d``); ASCII text is returned as it is."""
    if text.isascii():
        return text
    text = unicodedata.normalize("NFKD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in text if not unicodedata.combining(c))


def index_key(text: str) -> str:
    """:func:`name_key` without its cache, for keying many names once each (a gazetteer's)."""
    return " ".join(_WORD.findall(_POSSESSIVE.sub("", fold(text).lower())))


@lru_cache(maxsize=200_000)
def _name_words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(_POSSESSIVE.sub("", fold(text).lower())))


def name_words(text: str) -> list[str]:
    """The comparable words of a name: folded, lower-cased, without possessive 's."""
    return list(_name_words(text))


def name_key(text: str) -> str:
    """The words of a name as one string: the key names are compared and looked up by.

    >>> name_key("Viện Nghiên cứu"), name_key("the Ministry's Office")
    ('vien nghien cuu', 'the ministry office')
    """
    return " ".join(_name_words(text))
