"""The model's rule components (attribute ruler, rule lemmatizer) run over arrays, same output.

spaCy's ``AttributeRuler`` writes its tag map (one pattern per fine tag: "NNS" gives POS ``NOUN``
and ``Number=Plur``) through the ``Matcher``: one match, one ``Span`` and one Python call per
token; the rule ``Lemmatizer`` makes a ``Token`` per word to look its lemma up in a cache. On
the corpus those two were a quarter of spaCy's own time. :func:`use_array_rules` gives both
components an array ``__call__`` that writes exactly what theirs writes:

- the attribute ruler applies its leading run of tag-only patterns once per distinct tag of the
  document (on the first token with that tag, then copies the written columns to every token
  with it), then its other patterns (exceptions by word and label) through a ``Matcher`` of
  their own, in the order spaCy applies them (by pattern, later ones win);
- the lemmatizer lemmatizes one token per distinct (word, POS, morphology) among the tokens
  without a lemma, which is the key of the lemmatizer's own cache, and copies the lemma.

The components keep their names, settings and serialisation (only their class changes), so a
saved pipeline and the relation extractor's re-parse (which runs them too) see the same ones.
"""

from __future__ import annotations

import re
import warnings
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, ORTH, POS, TAG
from spacy.errors import Warnings
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs  # spaCy's own setter

# What the array matcher reads: attributes whose matcher value is the token's array value.
_ARRAY_KEYS = {
    "ORTH": ORTH,
    "TEXT": ORTH,
    "LOWER": LOWER,
    "NORM": NORM,
    "TAG": TAG,
    "DEP": DEP,
    "POS": POS,
    "IS_SPACE": IS_SPACE,
}
_STRING_KEYS = {ORTH, LOWER, NORM, TAG, DEP, POS}
# One token of a pattern: (column, predicate, value) triples, all of which must hold.
TokenTest = list[tuple[int, str, Any]]


class ArrayAttributeRuler(AttributeRuler):
    """An ``AttributeRuler`` that matches and writes over arrays (see the module)."""

    def __call__(self, doc: Doc) -> Doc:
        tables = self._tables()
        if not len(doc):
            return doc
        if tables.by_tag:
            self._apply_tag_map(doc, tables)
        matches = [
            (attr_id, self.vocab.strings[str(attr_id)], start, end) for attr_id, start, end in tables.matches(doc)
        ]
        if tables.fallback is not None:
            matches += [
                (int(self.vocab.strings[key]), key, start, end)
                for key, start, end in tables.fallback(doc, allow_missing=True)
            ]
        matches.sort()
        self.set_annotations(doc, matches)
        return doc

    def _apply_tag_map(self, doc: Doc, tables: _Tables) -> None:
        """The leading tag-only patterns: applied to the first token of each tag, copied to the others."""
        columns: Any = tables.columns  # spaCy's stubs want list[int | str]
        array: Any = doc.to_array(columns)
        tags = doc.to_array([TAG])
        distinct, firsts = numpy.unique(tags, return_index=True)
        applied = []
        for tag, first in zip(distinct.tolist(), firsts.tolist()):
            rules = tables.by_tag.get(tag)
            if rules is None:
                continue
            for attr_id in rules:
                set_token_attrs(doc[first], self.attrs[attr_id])
            applied.append(
                (tag, first, sorted({columns.index(attr) for attr_id in rules for attr in self.attrs[attr_id]}))
            )
        written_array = doc.to_array(columns)
        for tag, first, written in applied:
            array[numpy.ix_(numpy.flatnonzero(tags == tag), numpy.asarray(written))] = written_array[first, written]
        doc.from_array(columns, array)

    def add(self, patterns, attrs, index=0) -> None:  # AttributeRuler.add's own signature
        super().add(patterns, attrs, index)
        self.__dict__.pop("_array_tables", None)  # built again from all the patterns

    def clear(self) -> None:
        super().clear()
        self.__dict__.pop("_array_tables", None)

    def _tables(self) -> _Tables:
        tables = self.__dict__.get("_array_tables")
        if tables is None:
            tables = self.__dict__["_array_tables"] = _Tables.build(self)
        return tables


class _Tables:
    """An attribute ruler's patterns compiled: the leading tag map, array tests, a matcher for the rest."""

    def __init__(self, vocab) -> None:  # a spaCy Vocab
        self.vocab = vocab
        self.by_tag: dict[int, list[int]] = {}
        self.columns: list[int] = []
        self.tests: list[tuple[int, list[TokenTest]]] = []  # (pattern, one test per token) in pattern order
        self.fallback: Matcher | None = None

    @classmethod
    def build(cls, ruler: AttributeRuler) -> _Tables:
        tables = cls(ruler.vocab)
        patterns: Any = ruler.patterns
        columns: set[int] = set()
        leading = 0
        for pattern in patterns:
            tags = [_only_tag(tokens) for tokens in pattern["patterns"]]
            attrs = ruler.attrs[leading]
            if None in tags or pattern.get("index", 0) not in (0, -1) or not set(attrs) <= {POS, MORPH, LEMMA}:
                break
            for tag in tags:
                tables.by_tag.setdefault(ruler.vocab.strings.add(str(tag)), []).append(leading)
            columns.update(attrs)
            leading += 1
        tables.columns = sorted(columns)
        for attr_id in range(leading, len(patterns)):
            compiled = [tables.compile(tokens) for tokens in patterns[attr_id]["patterns"]]
            if all(tests is not None for tests in compiled):
                tables.tests.extend((attr_id, tests) for tests in compiled if tests is not None)
                continue
            if tables.fallback is None:
                tables.fallback = Matcher(ruler.vocab, validate=False)
            tables.fallback.add(ruler.vocab.strings.add(str(attr_id)), patterns[attr_id]["patterns"])
        return tables

    def compile(self, tokens: list[dict]) -> list[TokenTest] | None:
        """The tests of a pattern without operators, else None (the matcher takes it)."""
        compiled = []
        for token in tokens:
            tests: TokenTest = []
            for key, value in token.items():
                column = _ARRAY_KEYS.get(key)
                if column is None:
                    return None
                test = self._test(column, value)
                if test is None:
                    return None
                tests.append(test)
            compiled.append(tests)
        return compiled if compiled else None

    def _test(self, column: int, value: Any) -> tuple[int, str, Any] | None:
        if isinstance(value, str) and column in _STRING_KEYS:
            return column, "==", self.vocab.strings.add(value)
        if isinstance(value, bool) and column == IS_SPACE:
            return column, "==", int(value)
        if not isinstance(value, dict) or len(value) != 1 or column not in _STRING_KEYS:
            return None
        ((predicate, argument),) = value.items()
        if predicate in ("IN", "NOT_IN") and isinstance(argument, list) and all(isinstance(v, str) for v in argument):
            return column, predicate, numpy.asarray([self.vocab.strings.add(v) for v in argument], dtype=numpy.uint64)
        if predicate == "REGEX" and isinstance(argument, str):
            return column, predicate, re.compile(argument)
        return None

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(pattern, start, end) of every match of the array tests, each once, as the matcher finds them."""
        if not self.tests:
            return []
        needed = sorted({column for _, tests in self.tests for token in tests for column, _, _ in token})
        array = doc.to_array(needed)  # type: ignore[arg-type]  # spaCy's stubs want list[int | str]
        masks: dict[tuple, numpy.ndarray] = {}
        found: set[tuple[int, int, int]] = set()
        for attr_id, tests in self.tests:
            width = len(tests)
            if width > len(doc):
                continue
            starts = numpy.ones(len(doc) - width + 1, dtype=bool)
            for offset, token in enumerate(tests):
                for column, predicate, value in token:
                    key = (column, predicate, value if predicate != "IN" and predicate != "NOT_IN" else value.tobytes())
                    mask = masks.get(key)
                    if mask is None:
                        mask = masks[key] = self._mask(array[:, needed.index(column)], predicate, value)
                    starts &= mask[offset : offset + len(starts)]
            found.update((attr_id, start, start + width) for start in numpy.flatnonzero(starts).tolist())
        return sorted(found)

    def _mask(self, values: numpy.ndarray, predicate: str, value: Any) -> numpy.ndarray:
        if predicate == "==":
            return values == value
        if predicate == "IN":
            return numpy.isin(values, value)
        if predicate == "NOT_IN":
            return ~numpy.isin(values, value)
        distinct = numpy.unique(values)
        hits = [v for v in distinct.tolist() if value.search(self.vocab.strings[v])]
        return numpy.isin(values, numpy.asarray(hits, dtype=values.dtype))


def _only_tag(tokens: list) -> str | None:
    """The tag a one-token pattern asks for and nothing else ({"TAG": "NNS"}), else None."""
    if len(tokens) != 1 or set(tokens[0]) != {"TAG"} or not isinstance(tokens[0]["TAG"], str):
        return None
    return tokens[0]["TAG"]


class _ArrayLemmatizing:
    """A rule ``Lemmatizer`` that lemmatizes each distinct (word, POS, morphology) once per document."""

    def __call__(self, doc: Doc) -> Doc:
        if not self._validated:  # type: ignore[attr-defined]
            self._validate_tables()  # type: ignore[attr-defined]
        if not len(doc):
            return doc
        array: Any = doc.to_array([ORTH, POS, MORPH, LEMMA])
        todo = numpy.arange(len(doc)) if self.overwrite else numpy.flatnonzero(array[:, 3] == 0)  # type: ignore[attr-defined]
        if not len(todo):
            return doc
        strings = self.vocab.strings  # type: ignore[attr-defined]
        lemma_of = self._lemma_cache()
        lemmas = []
        for row, orth, pos, morph in zip(todo.tolist(), *array[todo, :3].T.tolist()):
            lemma = lemma_of.get((orth, pos, morph))
            if lemma is None:
                lemma = lemma_of[orth, pos, morph] = strings.add(self.rule_lemmatize(doc[row])[0])
            lemmas.append(lemma)
        array[todo, 3] = lemmas
        doc.from_array([LEMMA], array[:, 3:4])
        return doc

    def rule_lemmatize(self, token: Token) -> list[str]:
        """spaCy's ``Lemmatizer.rule_lemmatize`` (3.8), with the table of known lemmas as a set:
        spaCy's lists (57,000 nouns) are scanned for each candidate form, most of its lemmatizing time."""
        cache_key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]  # not in spaCy's stubs
        if cache_key in self.cache:  # type: ignore[attr-defined]
            return self.cache[cache_key]  # type: ignore[attr-defined]
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            if univ_pos == "":
                warnings.warn(Warnings.W108, stacklevel=2)
            return [string.lower()]
        if self.is_base_form(token):  # type: ignore[attr-defined]
            return [string.lower()]
        index = self._known_lemmas(univ_pos)
        exceptions = self.lookups.get_table("lemma_exc", {}).get(univ_pos, {})  # type: ignore[attr-defined]
        rules = self.lookups.get_table("lemma_rules", {}).get(univ_pos, {})  # type: ignore[attr-defined]
        if not (index or exceptions or rules):
            return [string] if univ_pos == "propn" else [string.lower()]
        orig = string
        string = string.lower()
        forms: list[str] = []
        oov_forms = []
        for old, new in rules:
            if string.endswith(old):
                form = string[: len(string) - len(old)] + new
                if not form:
                    pass
                elif form in index or not form.isalpha():
                    if form in index:
                        forms.insert(0, form)
                    else:
                        forms.append(form)
                else:
                    oov_forms.append(form)
        forms = list(dict.fromkeys(forms))  # without duplicates, in the rules' order
        for form in exceptions.get(string, []):  # exceptions first
            if form not in forms:
                forms.insert(0, form)
        if not forms:
            forms.extend(oov_forms)
        if not forms:
            forms.append(orig)
        self.cache[cache_key] = forms  # type: ignore[attr-defined]
        return forms

    def _known_lemmas(self, univ_pos: str) -> frozenset[str]:
        """The ``lemma_index`` table's lemmas of a POS as a set (built again when the tables change)."""
        tables = self.lookups  # type: ignore[attr-defined]
        known = self.__dict__.get("_known_lemmas_by_pos")
        if known is None or known[0] is not tables:
            known = self.__dict__["_known_lemmas_by_pos"] = (tables, {})
        by_pos: dict[str, frozenset[str]] = known[1]
        if univ_pos not in by_pos:
            by_pos[univ_pos] = frozenset(tables.get_table("lemma_index", {}).get(univ_pos, ()))
        return by_pos[univ_pos]

    def _lemma_cache(self) -> dict[tuple[int, int, int], int]:
        """Lemma by (word, POS, morphology), the key of the lemmatizer's own cache; kept while its tables are."""
        tables = self.lookups  # type: ignore[attr-defined]
        cache = self.__dict__.get("_array_lemmas")
        if cache is None or cache[0] is not tables:
            cache = self.__dict__["_array_lemmas"] = (tables, {})
        return cache[1]


_LEMMATIZERS: dict[type, type] = {}


def use_array_rules(nlp: Language) -> None:
    """Give the pipeline's attribute ruler and rule lemmatizer their array ``__call__`` (the same output)."""
    for _, component in nlp.pipeline:
        if type(component) is AttributeRuler:
            component.__class__ = ArrayAttributeRuler
        elif (
            isinstance(component, Lemmatizer)
            and component.mode == "rule"
            and not isinstance(component, _ArrayLemmatizing)
        ):
            cls = type(component)
            if cls not in _LEMMATIZERS:
                _LEMMATIZERS[cls] = type(f"Array{cls.__name__}", (_ArrayLemmatizing, cls), {})
            component.__class__ = _LEMMATIZERS[cls]
