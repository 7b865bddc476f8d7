"""Trigger words: the words that can state a relation, in any inflection the lemmatizer knows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy
from spacy.attrs import LEMMA, LOWER
from spacy.tokens import Doc


class TriggerWords:
    """Words that can state a relation, in any inflection the model's lemmatizer knows.

    A token is a trigger when its lemma, its lower-case form, or a lemma the
    lemmatizer's rules and exceptions could give it as a noun, verb or
    adjective is one of ``words`` (the re-parse may tag "organized" as a verb
    where the first parse said adjective), or when it starts with one of
    ``prefixes``. Answers are cached per word.

    >>> words = TriggerWords(["organize", "fund"])
    >>> words.match("organized", "organized"), words.match("fund", "fund"), words.match("found", "find")
    (True, True, False)
    """

    _POS = ("noun", "verb", "adj")

    def __init__(self, words: Iterable[str], prefixes: Iterable[str] = (), lookups=None):
        self.words = frozenset(w.lower() for w in words)
        self.prefixes = tuple(prefixes)
        self.rules: list[tuple[str, str]] = []
        self.exceptions: list[dict] = []
        if lookups is not None and lookups.has_table("lemma_rules"):
            rules = lookups.get_table("lemma_rules")
            exceptions = lookups.get_table("lemma_exc") if lookups.has_table("lemma_exc") else {}
            for pos in self._POS:
                self.rules.extend((old, new) for old, new in rules.get(pos, []))
                self.exceptions.append(exceptions.get(pos, {}))
        else:  # no lemmatizer data: the regular English endings
            self.rules = [("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")]
        self._cache: dict[tuple[str, str], bool] = {}

    def match(self, lower: str, lemma: str) -> bool:
        key = (lower, lemma)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._match(lower, lemma.lower())
        return found

    def _match(self, lower: str, lemma: str) -> bool:
        if lower in self.words or lemma in self.words or lower.startswith(self.prefixes or ("\0",)):
            return True
        for table in self.exceptions:
            if any(form in self.words for form in table.get(lower, ())):
                return True
        for old, new in self.rules:
            if old and lower.endswith(old) and lower[: len(lower) - len(old)] + new in self.words:
                return True
        # a doubled consonant: "planned", "shipping"
        for ending in ("ed", "ing"):
            if lower.endswith(ending) and len(lower) > len(ending) + 2:
                stem = lower[: -len(ending)]
                if stem[-1] == stem[-2] and stem[:-1] in self.words:
                    return True
        return False


def word_flags(doc: Doc, vocabularies: Sequence[TriggerWords]) -> numpy.ndarray:
    """A boolean array (token, vocabulary): which tokens of ``doc`` belong to which vocabulary.

    Each distinct (word, lemma) pair of the document is looked up once.
    """
    if not len(doc):
        return numpy.zeros((0, len(vocabularies)), dtype=bool)
    strings = doc.vocab.strings
    pairs, inverse = numpy.unique(doc.to_array([LOWER, LEMMA]), axis=0, return_inverse=True)
    table = numpy.array(
        [[v.match(strings[int(lower)], strings[int(lemma)]) for v in vocabularies] for lower, lemma in pairs],
        dtype=bool,
    ).reshape(len(pairs), len(vocabularies))
    return table[inverse.reshape(-1)]
