"""The parse the relation extractors read: sentences re-parsed with each entity as one token.

The small English model parses long names badly: "Save the Children UK" comes
out as a verb with an object, "Ministry of Labour, Housing and Social
Welfare" as three conjuncts. Relation patterns read grammatical roles
(subject, agent, "with" object, conjuncts), so :class:`SentenceParser`
re-parses the sentences that may state a relation with each entity mention
merged into a single token, and records which token stands for which entity
(:class:`ParsedSentence`). :mod:`tipgraph.extractors.relations.syntax` walks
that parse; :mod:`tipgraph.extractors.relations.triggers` says which
sentences are worth parsing again.

The re-parse is cheap by design: only a sentence with a trigger word
(:class:`~tipgraph.extractors.relations.triggers.TriggerWords`) and the entities a pattern needs is parsed again,
the sentences of a whole batch of documents go through the model together,
and the model's token vectors are not computed twice: a merged sentence
takes its rows of the document's ``doc.tensor`` (the last row of a name
stands for the name, as in spaCy's own ``retokenize``), which is what the
tagger and parser read from their shared ``tok2vec``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, DependencyParser, Lemmatizer, Tagger, Tok2Vec
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from tipgraph.extractors.entities.component import SPAN_KEY
from tipgraph.extractors.records import Evidence
from tipgraph.extractors.source import source_span


@dataclass(frozen=True)
class EntityRef:
    """The entity a merged token stands for."""

    key: str
    cls: str
    text: str
    label: str = ""


@dataclass
class ParsedSentence:
    """One sentence (or clause) of the document, re-parsed with entity mentions as single tokens."""

    sent: Span
    doc: Doc
    entities: dict[int, EntityRef]
    evidence: Evidence
    paragraph: int
    affiliations: dict[str, str] = field(default_factory=dict)
    # the actor of a list item without a subject: "ESIP has:" ... "Supported the Cabinet Office to ..."
    implicit_subject: EntityRef | None = None
    # the last actor the paragraph names as doing something before this sentence ("the police raided ...")
    paragraph_actor: EntityRef | None = None
    # the first actor the document names as doing something: a press release's issuer ("Today, OFAC ...")
    document_actor: EntityRef | None = None
    # character span in the original doc of each token of ``doc``
    char_spans: list[tuple[int, int]] = field(default_factory=list)
    # the document token each token of ``doc`` comes from (a name: its last word; -1: changed)
    source_rows: list[int] = field(default_factory=list)

    def source_text(self, token: Token) -> tuple[str, int, int]:
        """``token`` as written in the original file, with its offsets there."""
        start_char, end_char = self.char_spans[token.i]
        start, end = source_span(self.sent.doc, start_char, end_char)
        original = (
            self.sent.doc._.tipgraph_source_text
            if self.sent.doc._.tipgraph_source_text is not None
            else self.sent.doc.text
        )
        return original[start:end], start, end

    def entity(self, token: Token | None) -> EntityRef | None:
        return None if token is None else self.entities.get(token.i)


def document_entity_spans(doc: Doc) -> list[Span]:
    """The entity mentions of ``doc`` (with an entity key), by start."""
    if SPAN_KEY not in doc.spans:
        return []
    return sorted((s for s in doc.spans[SPAN_KEY] if s.kb_id_), key=lambda s: (s.start, s.end))


def spans_within(spans: Sequence[Span], starts: Sequence[int], start: int, end: int) -> list[Span]:
    """The spans of ``spans`` (sorted, ``starts`` their starts) inside tokens ``start``..``end``."""
    first = bisect.bisect_left(starts, start)
    last = bisect.bisect_left(starts, end)
    return [s for s in spans[first:last] if s.end <= end]


def sentence_entity_spans(sent: Span) -> list[Span]:
    """The entity mentions inside ``sent``, overlapping ones resolved to the longest."""
    spans = document_entity_spans(sent.doc)
    return filter_spans(spans_within(spans, [s.start for s in spans], sent.start, sent.end))


def parsing_components(nlp: Language) -> list[tuple[str, Callable[[Doc], Doc]]]:
    """The model's own components up to its NER: what it takes to tag, parse and lemmatize a Doc."""
    components = []
    for name, component in nlp.pipeline:
        if name == "ner":
            break
        if name.startswith("tipgraph") or name in ("entity_ruler", "entity_linker", "senter"):
            continue
        components.append((name, component))
    return components


# What the rule components (attribute ruler, lemmatizer) write, from a token's text, tag and label.
_DERIVED = [POS, MORPH, LEMMA]


class SentenceParser:
    """Tags and parses sentences again with entity mentions merged, with the model's own components.

    :meth:`sentence` builds the merged sentence (not yet parsed); :meth:`parse`
    runs the model over many of them at once. Two shortcuts keep it cheap,
    both giving what the model itself would give from the same input:

    - the shared ``tok2vec`` is not run again: each merged sentence takes its
      rows of the document's ``doc.tensor``, which is what the tagger and
      parser read (a name takes the row of its last word);
    - the rule components (attribute ruler, lemmatizer) run only on the tokens
      whose tag or dependency label changed and on the merged names: every
      other token keeps the POS, morphology and lemma it has in the document.
    """

    def __init__(self, nlp: Language, verb_lemmas: frozenset[str] = frozenset()):
        self.vocab = nlp.vocab
        # verbs the tagger may take for plural nouns ("shares data and cooperates with ..."): see verbs_read_as_nouns
        self.verb_lemmas = verb_lemmas
        self.components = parsing_components(nlp)
        encoders = [c for _, c in self.components if isinstance(c, Tok2Vec)]
        # The tagger and parser of a pipeline with a shared tok2vec read its output from doc.tensor.
        self.width = encoders[0].model.get_dim("nO") if len(encoders) == 1 and encoders[0].model.has_dim("nO") else None
        rules = [c for _, c in self.components if isinstance(c, (AttributeRuler, Lemmatizer))]
        models = [c for _, c in self.components if not isinstance(c, (AttributeRuler, Lemmatizer))]
        # Only a tagger and a parser feed the rule components here: then tag and label decide what they write.
        self.rules = rules if rules and all(isinstance(c, (Tok2Vec, Tagger, DependencyParser)) for c in models) else []

    def sentence(
        self,
        clause: Span,
        spans: Sequence[Span],
        sentence: Span,
        evidence: Evidence,
        paragraph: int,
        labels: dict[str, str],
        allow_empty: bool = False,
    ) -> ParsedSentence | None:
        """``clause`` with the mentions ``spans`` (inside it, not overlapping) merged; None without an entity,
        unless ``allow_empty`` (a route clause whose places are nationality words)."""
        doc = clause.doc
        by_start = {s.start: s for s in spans}
        words: list[str] = []
        spaces: list[bool] = []
        chars: list[tuple[int, int]] = []
        rows: list[int] = []
        entities: dict[int, EntityRef] = {}
        i = clause.start
        while i < clause.end:
            span = by_start.get(i)
            if span is not None:
                entities[len(words)] = EntityRef(
                    span.kb_id_, span.label_, span.text, labels.get(span.kb_id_, span.text)
                )
                words.append(span.text)
                spaces.append(bool(doc[span.end - 1].whitespace_))
                chars.append((span.start_char, span.end_char))
                rows.append(span.end - 1)
                i = span.end
                continue
            token = doc[i]
            words.append(token.text)
            spaces.append(bool(token.whitespace_))
            chars.append((token.idx, token.idx + len(token.text)))
            rows.append(i)
            i += 1
        if not words or not (entities or allow_empty):
            return None
        recased = clause.start != sentence.start and words[0][:1].islower()
        if recased:
            words[0] = words[0][:1].upper() + words[0][1:]  # a clause cut at ";" reads as a sentence
        mini = Doc(self.vocab, words=words, spaces=spaces, sent_starts=[True] + [False] * (len(words) - 1))  # type: ignore[arg-type]  # spaCy's stub wants list[bool | int | None]
        tensor = doc.tensor
        if (
            self.width is not None
            and tensor is not None
            and tensor.ndim == 2
            and tensor.shape == (len(doc), self.width)
        ):
            mini.tensor = tensor[rows]
        if recased:
            rows[0] = -1  # not the document's word any more
        return ParsedSentence(sentence, mini, entities, evidence, paragraph, char_spans=chars, source_rows=rows)

    def parse(self, sentences: Sequence[ParsedSentence]) -> None:
        """Tag, parse and lemmatize the merged sentences in one batch."""
        if not sentences:
            return
        docs = [ps.doc for ps in sentences]
        for _, component in self.components:
            if isinstance(component, Tok2Vec):
                # token vectors only where the document's could not be reused
                missing = [d for d in docs if d.tensor.size == 0]
                if missing:
                    list(component.pipe(missing))
                continue
            if any(component is rule for rule in self.rules):
                continue
            docs = list(component.pipe(docs)) if hasattr(component, "pipe") else [component(d) for d in docs]
        for ps, doc in zip(sentences, docs):
            ps.doc = doc
        if self.rules:
            self._derive(sentences)
        for ps in sentences:
            verbs_read_as_adjectives(ps.doc)
            verbs_read_as_nouns(ps.doc, self.verb_lemmas)

    def _derive(self, sentences: Sequence[ParsedSentence]) -> None:
        """POS, morphology and lemmas: the document's where tag and label are unchanged, else the rules'."""
        sources: dict[int, numpy.ndarray] = {}
        plans = []
        words: list[str] = []
        tags: list[str] = []
        deps: list[str] = []
        for ps in sentences:
            source = ps.sent.doc
            table = sources.get(id(source))
            if table is None:
                table = sources[id(source)] = source.to_array([TAG, DEP, *_DERIVED])
            rows = numpy.asarray(ps.source_rows, dtype=numpy.int64)
            own = ps.doc.to_array([TAG, DEP])
            theirs = table[rows]
            same = (rows >= 0) & (own[:, 0] == theirs[:, 0]) & (own[:, 1] == theirs[:, 1])
            if ps.entities:
                same[list(ps.entities)] = False
            derived = theirs[:, 2:].copy()
            todo = numpy.flatnonzero(~same).tolist()
            for i in todo:
                token = ps.doc[i]
                words.append(token.text)
                tags.append(token.tag_)
                deps.append(token.dep_ or "dep")
            plans.append((ps, derived, todo))
        if words:
            scratch = Doc(self.vocab, words=words, tags=tags, deps=deps)
            for rule in self.rules:
                scratch = rule(scratch)
            computed = scratch.to_array(_DERIVED)
        position = 0
        for ps, derived, todo in plans:
            if todo:
                derived[todo] = computed[position : position + len(todo)]
                position += len(todo)
            ps.doc.from_array(_DERIVED, derived)  # type: ignore[arg-type]  # an integer array


def verbs_read_as_adjectives(doc: Doc) -> None:
    """Make a verb of an "adjective" that the parse shows is one.

    The small model often tags the verb of the genre's commonest sentence as an
    adjective ("traffickers subject Nepali women to ..."). An adjective takes no
    direct object, nor does a noun: so an "adjective" with a subject and an
    object is the verb, and one right after a noun, modifying that noun's
    "object", is the verb the parse hung its arguments around; nor is an adjective
    passive: one with a passive's subject or auxiliary is the passive verb.
    """
    for token in doc:
        if token.pos_ != "ADJ":
            continue
        if {"nsubj", "dobj"} <= {c.dep_ for c in token.children}:
            _make_verb(token)
        elif _verb_between_noun_and_object(token):
            _rehang_clause(token)
        elif _subject_to(token):
            _passive_of_copula(token)
        elif any(c.dep_ in ("nsubjpass", "auxpass") for c in token.children):
            # "Nepali women are often trafficked to X": the parse's passive, around an "adjective"
            token.pos_, token.tag_ = "VERB", "VBN"


def verbs_read_as_nouns(doc: Doc, verb_lemmas: frozenset[str]) -> None:
    """Make a verb of a "plural noun" conjoined to a verb's object that is one of ``verb_lemmas`` with "-s".

    "The ministry funds shelters and collaborates with two NGOs": the model
    reads "collaborates" as a second object, so the verb loses its subject.
    Only a word whose "-s" form is a verb of ``verb_lemmas`` and which takes a
    "with" phrase, as these verbs do, is changed.
    """
    for token in doc:
        obj, word = token.head, token.text.lower()
        if not (
            token.pos_ == "NOUN"
            and token.dep_ == "conj"
            and obj.dep_ == "dobj"
            and obj.head.pos_ in ("VERB", "AUX")
            and word.endswith("s")
            and word[:-1] in verb_lemmas
            and any(c.dep_ == "prep" and c.text.lower() == "with" for c in token.children)
        ):
            continue
        token.head = obj.head
        token.pos_, token.tag_, token.lemma_ = "VERB", "VBZ", word[:-1]


def _subject_to(token: Token) -> bool:
    """ "Nepali men are subject to forced labor in Qatar": the genre's "subjected to", with "be" and an adjective."""
    copula = token.head
    return (
        token.lower_ == "subject"
        and token.dep_ == "acomp"
        and copula.lemma_ == "be"
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in token.children)
    )


def _passive_of_copula(token: Token) -> None:
    """The adjective becomes the passive verb: the copula its auxiliary, the copula's subject and phrases its own."""
    copula = token.head
    for child in [c for c in copula.children if c.i != token.i]:
        child.head = token
        if child.dep_ == "nsubj":
            child.dep_ = "nsubjpass"
    token.head, token.dep_ = (token, "ROOT") if copula.head.i == copula.i else (copula.head, copula.dep_)
    copula.head, copula.dep_ = token, "auxpass"
    token.pos_, token.tag_, token.lemma_ = "VERB", "VBN", "subject"


def _make_verb(token: Token) -> None:
    token.pos_ = "VERB"
    token.tag_ = "VBP"


def _verb_between_noun_and_object(token: Token) -> bool:
    """ "traffickers subject Kenyan women to ...", parsed as the noun "traffickers" with an object."""
    obj, noun = token.head, token.head.head
    return (
        token.dep_ == "amod"
        and obj.dep_ == "dobj"
        and noun.pos_ in ("NOUN", "PROPN")
        and noun.i < token.i < obj.i
        and all(t.pos_ == "ADV" for t in doc_between(noun, token))
    )


def doc_between(first: Token, last: Token) -> Span:
    return first.doc[first.i + 1 : last.i]


def _rehang_clause(verb: Token) -> None:
    """The noun becomes the verb's subject; its object and what follows the verb, the verb's.

    (Tokens are compared by index: spaCy makes a new ``Token`` object on each access.)
    """
    obj, noun = verb.head, verb.head.head
    following = [c for c in noun.children if c.i > verb.i and c.i != obj.i]
    clause, dep = noun.head, noun.dep_
    if clause.i > verb.i and dep == "nsubj":
        # "traffickers subject Tanzanians to forced labor": the parse made "forced" the clause's
        # verb; it now hangs under the real one, as what the victims are subjected to
        following.append(clause)
        dep = clause.dep_
        clause = clause.head
    if clause.i in (noun.i, *(c.i for c in following)):  # the noun, or what now hangs under the verb, was the root
        verb.head = verb
        dep = "ROOT"
    else:
        verb.head = clause
    verb.dep_ = dep
    noun.head = verb
    noun.dep_ = "nsubj"
    obj.head = verb
    for child in following:
        child.head = verb
    _make_verb(verb)
