"""The relation model's word classes: the patterns' trigger lists, read as features.

The learned model sees the words of a pair's sentence, of the path between the two
mentions and of the gap between them as lemmas; a lemma seen a few times in the train
split gets a weight, one never seen gets none. The pattern lists of ``patterns.json``
say which words belong together ("cooperate", "collaborate" and "partner" are all
cooperation verbs), so the model also sees each word's lists by name
(``coop.verbs``): what it learns of one word of a list carries to the others, and to a
document that uses the word the train split never did.

The classes are part of the trained model (saved with its weights), so that a changed
``patterns.json`` cannot silently change the features a trained model reads.

>>> classes = word_classes({"cooperation": {"verbs": ["cooperate"], "joint_adverbs": ["jointly"]}})
>>> classes["cooperate"]
['coop.verbs']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from spacy.tokens import Span, Token

# The sections whose word lists name what a pair of actors does together or pays for.
SECTIONS = {"cooperation": "coop", "funding": "fund"}

WordClasses = Mapping[str, list[str]]


def word_classes(patterns: Mapping) -> dict[str, list[str]]:
    """Lower-cased word -> the names of the pattern lists (``coop.verbs``) that hold it."""
    classes: dict[str, list[str]] = {}
    for section, prefix in SECTIONS.items():
        for name, words in sorted(patterns.get(section, {}).items()):
            if not isinstance(words, list) or name.endswith("prepositions"):
                continue  # a pattern, or prepositions: words of every sentence, not of one kind of relation
            for word in words:
                if isinstance(word, str):
                    classes.setdefault(word.lower(), []).append(f"{prefix}.{name}")
    return classes


def classes_of(tokens: Iterable[Token], classes: WordClasses) -> set[str]:
    """The word classes of ``tokens``, each token read by its lemma and by its form."""
    found: set[str] = set()
    for t in tokens:
        found.update(classes.get(t.lemma_.lower(), ()))
        found.update(classes.get(t.lower_, ()))
    return found


def path_tokens(a: Token, b: Token) -> list[Token]:
    """The tokens on the dependency path from ``a`` to ``b``, the two ends left out."""
    up_a = [a, *a.ancestors]
    up_b = [b, *b.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return []
    inner = up_a[1 : up_a.index(common)] + up_b[1 : up_b.index(common)]
    return [*inner, common] if common not in (a, b) else inner


def clause_class_features(clause: Span, classes: WordClasses) -> list[str]:
    """``sc:CLASS`` for every word class the clause holds."""
    return [f"sc:{c}" for c in sorted(classes_of(clause, classes))]


def pair_class_features(between: list[Token], path: list[Token], classes: WordClasses) -> list[str]:
    """``bc:CLASS`` for the classes of the words between a pair, ``pc:CLASS`` for those on its path."""
    feats = [f"bc:{c}" for c in sorted(classes_of(between, classes))]
    return feats + [f"pc:{c}" for c in sorted(classes_of(path, classes))]
