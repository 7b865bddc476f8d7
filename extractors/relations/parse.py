"""The parse the relation extractors read: sentences re-parsed with each entity as one token.

The small English model parses long names badly: "Save the Children UK" comes
out as a verb with an object, "Ministry of Labor, War Invalids and Social
Affairs" as three conjuncts. Relation patterns read grammatical roles
(subject, agent, "with" object, conjuncts), so :class:`SentenceParser`
re-parses the sentences that may state a relation with each entity mention
merged into a single token, and records which token stands for which entity
(:class:`ParsedSentence`). The helpers below walk that parse: coordinated
groups, subjects and agents, owners of a project, negation and hedging
around a trigger.

The re-parse is cheap by design: only a sentence with a trigger word
(:class:`TriggerWords`) and the entities a pattern needs is parsed again,
the sentences of a whole batch of documents go through the model together,
and the model's token vectors are not computed twice: a merged sentence
takes its rows of the document's ``doc.tensor`` (the last row of a name
stands for the name, as in spaCy's own ``retokenize``), which is what the
tagger and parser read from their shared ``tok2vec``.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy
from spacy.attrs import DEP, LEMMA, LOWER, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import AttributeRuler, DependencyParser, Lemmatizer, Tagger, Tok2Vec
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from tipgraph.extractors.entities.component import SPAN_KEY
from tipgraph.extractors.records import Evidence
from tipgraph.extractors.source import source_span

# Dependency labels that join the members of one coordinated group.
_GROUP_DEPS = {"conj", "appos"}
# Prepositions that introduce examples of a common noun ("NGOs such as World Vision").
_EXAMPLE_PREPS = {"as", "including", "like", "especially", "particularly", "namely"}
# Edges a negation or a hedge travels up from a trigger to the word that governs it.
_MODALITY_UP = {
    "xcomp",
    "ccomp",
    "pcomp",
    "pobj",
    "prep",
    "acomp",
    "dobj",
    "aux",
    "amod",
    "compound",
    "attr",
    "oprd",
    "csubj",
    "nsubj",
    "nsubjpass",
    "agent",
    "conj",
    "acl",
}


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
    # character span in the original doc of each token of ``doc``
    char_spans: list[tuple[int, int]] = field(default_factory=list)
    # the document token each token of ``doc`` comes from (a name: its last word; -1: changed)
    source_rows: list[int] = field(default_factory=list)

    def source_text(self, token: Token) -> tuple[str, int, int]:
        """``token`` as written in the original file, with its offsets there."""
        start_char, end_char = self.char_spans[token.i]
        start, end = source_span(self.sent.doc, start_char, end_char)
        original = self.sent.doc._.source_text if self.sent.doc._.source_text is not None else self.sent.doc.text
        return original[start:end], start, end

    def entity(self, token: Token | None) -> EntityRef | None:
        return None if token is None else self.entities.get(token.i)


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

    def __init__(self, nlp: Language):
        self.vocab = nlp.vocab
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
    ) -> ParsedSentence | None:
        """``clause`` with the mentions ``spans`` (inside it, not overlapping) merged; None without an entity."""
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
        if not words or not entities:
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


def clauses(sent: Span) -> list[Span]:
    """``sent`` cut at semicolons that start a clause of its own (a factbook's "X is ...; Y are ...").

    A semicolon between the items of a list ("advocacy; capacity building in
    MOLISA; and direct assistance") does not cut: the part after it has no
    subject.
    """
    doc = sent.doc
    semicolons = [t.i for t in sent if t.text == ";" and t.i + 1 < sent.end]
    if not semicolons:
        return [sent]
    cuts = [sent.start]
    for n, i in enumerate(semicolons):
        following = doc[i + 1 : semicolons[n + 1] if n + 1 < len(semicolons) else sent.end]
        if any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in following):
            cuts.append(i + 1)
    cuts.append(sent.end)
    return [doc[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


# ---------------------------------------------------------------- walking the parse


def group(token: Token, entities: dict | None = None) -> list[Token]:
    """``token`` and the tokens coordinated with it: conjuncts, appositions, examples.

    With ``entities`` (token index -> entity), an apposition naming another
    entity than a named head is a misparse, not the same thing said twice.
    """
    seen: list[Token] = []
    stack = [token]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.append(current)
        for child in current.children:
            if child.dep_ == "appos" and entities is not None and current.i in entities and child.i in entities:
                between = current.doc[min(current.i, child.i) + 1 : max(current.i, child.i)]
                if any(not (t.is_punct or t.is_space or t.dep_ == "det") for t in between):
                    continue  # a far-away "apposition" between two names is a misparse, not a list item
            if child.dep_ in _GROUP_DEPS:
                stack.append(child)
            elif child.dep_ == "prep" and child.lower_ in _EXAMPLE_PREPS:
                stack.extend(c for c in child.children if c.dep_ == "pobj")
    return sorted(seen, key=lambda t: t.i)


def linear_list(ps: ParsedSentence, token: Token) -> list[Token]:
    """Entity tokens listed after ``token`` ("in MOLISA, Border Guards, MPS, and the Women's Union").

    The small model often breaks long lists of names; when the parse gives
    ``token`` no conjunct, a run of entities joined only by commas and "and"/"or"
    is still one list.
    """
    members = []
    i = token.i + 1
    pending = False
    while i < len(ps.doc):
        current = ps.doc[i]
        if current.text in (",", "and", "or", "the", "The", "&") or current.is_space:
            pending = True
        elif i in ps.entities and pending:
            members.append(current)
            pending = False
        else:
            break
        i += 1
    return members


def is_name(ref: EntityRef) -> bool:
    """A name, not a description: "Vietnamese security organisations" is not one."""
    return any(c.isupper() for c in (ref.label or ref.text))


def group_entities(ps: ParsedSentence, token: Token | None, classes: Iterable[str]) -> list[EntityRef]:
    """The entities of the given classes among ``token`` and its coordinated group."""
    if token is None:
        return []
    classes = set(classes)
    members = group(token, ps.entities)
    if len(members) == 1 and token.i in ps.entities:
        members += linear_list(ps, token)
    found: list[EntityRef] = []
    for member in members:
        ref = ps.entity(member)
        if ref is not None and ref.cls in classes and ref not in found and is_name(ref):
            found.append(ref)
    return found


_OWNER_DEPS = ("poss", "compound", "nmod", "npadvmod", "amod")


def _left_modifiers(token: Token, skip: set) -> Iterator[Token]:
    for child in token.children:
        if child in skip or child.dep_ not in _OWNER_DEPS:
            continue
        if child.tag_ == "VBN" and child.dep_ == "amod":  # "USG-funded": another role, not the owner
            continue
        yield child
        yield from _left_modifiers(child, skip)


def owners(ps: ParsedSentence, token: Token, classes: Iterable[str], skip: Iterable[Token] = ()) -> list[EntityRef]:
    """Who a project, programme or unit belongs to: the entity itself, else its possessor or modifiers."""
    classes = set(classes)
    skip = set(skip)
    found: list[EntityRef] = []
    for member in group(token, ps.entities):
        ref = ps.entity(member)
        if ref is not None:
            if ref.cls in classes and ref not in found and is_name(ref):
                found.append(ref)
            continue
        targets = list(_left_modifiers(member, skip))
        for child in member.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child not in skip:
                targets.extend(c for c in child.children if c.dep_ == "pobj")
        for target in targets:
            for sub in group(target):
                ref = ps.entity(sub)
                if ref is None or ref.cls not in classes or ref in found or not is_name(ref):
                    continue
                if (
                    ref.cls == "Country"
                    and target.head is not member
                    and target.head.pos_ == "NOUN"
                    and target.head.i not in ps.entities
                ):
                    continue  # "UK police investigations": the country qualifies the police, it does not own the work
                found.append(ref)
    organisations = [r for r in found if r.cls != "Country"]
    return organisations or found


class ActorFinder:
    """What the pattern families share: the actors a sentence's tokens name, each once, in order."""

    def __init__(self, ps: ParsedSentence, actor_classes: Iterable[str]):
        self.ps = ps
        self.actors = set(actor_classes)

    def ents(self, tokens: Iterable[Token]) -> list[EntityRef]:
        """The actors among ``tokens`` and their coordinated groups."""
        return _distinct(ref for token in tokens for ref in group_entities(self.ps, token, self.actors))

    def owned(self, tokens: Iterable[Token], skip: Iterable[Token] = ()) -> list[EntityRef]:
        """The actors that own what ``tokens`` name (a project, a unit), or are it."""
        return _distinct(ref for token in tokens for ref in owners(self.ps, token, self.actors, skip))


def _distinct(refs: Iterable[EntityRef]) -> list[EntityRef]:
    found: list[EntityRef] = []
    for ref in refs:
        if ref not in found:
            found.append(ref)
    return found


def prep_objects(token: Token, prepositions: Iterable[str]) -> list[Token]:
    """Objects of the prepositions among ``token``'s children (``with X`` -> X)."""
    prepositions = set(prepositions)
    objects: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in prepositions:
            objects.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
            # "together with", "along with": the preposition hangs on an adverb
        elif child.dep_ == "advmod" and child.lower_ in ("together", "jointly", "closely", "along"):
            objects.extend(prep_objects(child, prepositions))
    return objects


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl")
    )


def subject_tokens(verb: Token, depth: int = 0) -> list[Token]:
    """The grammatical subject of ``verb``, borrowed from the governing clause when it has none."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if subjects or depth > 4:
        return subjects
    if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") and verb.head is not verb:
        head = verb.head
        if head.pos_ in ("VERB", "AUX"):
            return subject_tokens(head, depth + 1)
        if verb.dep_ == "pcomp" and head.head is not head:
            return subject_tokens(head.head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and verb.head is not verb:
        return [verb.head]
    return []


def actor_tokens(verb: Token) -> list[Token]:
    """Who does what ``verb`` says: the agent of a passive, else the subject."""
    agents = prep_objects(verb, ("by",))
    agents = [t for t in agents if any(c.dep_ == "agent" for c in verb.children) or verb.tag_ == "VBN"]
    if agents:
        return agents
    if is_passive(verb):
        return []
    return subject_tokens(verb)


def governing_verb(token: Token, limit: int = 6) -> Token | None:
    """The nearest verb above ``token`` (``token`` itself when it is one)."""
    current = token
    for _ in range(limit):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("amod", "compound"):
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def nearest_actor_before(
    ps: ParsedSentence, token: Token, classes: Iterable[str], exclude: Iterable[EntityRef] = ()
) -> EntityRef | None:
    """The closest entity of ``classes`` left of ``token`` in the same clause (no ';' between)."""
    classes = set(classes)
    exclude = set(exclude)
    for i in range(token.i - 1, -1, -1):
        current = ps.doc[i]
        if current.text in (";", ":") or (
            current.pos_ == "VERB"
            and current.dep_ in ("ROOT", "ccomp")
            and current.i < token.i - 1
            and i != token.head.i
        ):
            return None
        ref = ps.entities.get(i)
        if ref is not None and ref.cls in classes and ref not in exclude:
            return ref
    return None


def modality(token: Token, negation: dict, hedge: dict, limit: int = 6) -> str | None:
    """``"negated"`` or ``"hedged"`` when a denial or an irrealis word governs ``token``."""
    neg_words = set(negation["words"])
    neg_predicates = set(negation["predicates"])
    hedge_predicates = set(hedge["predicates"])
    modals = set(hedge["modals"])
    current = token
    arrived_by = None
    for step in range(limit):
        for child in current.children:
            if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "preconj") and child.lower_ in neg_words):
                return "negated"
            # a modal hedges its own verb and the verbs it takes as complement ("could be asked to cooperate")
            if child.dep_ == "aux" and child.lower_ in modals and (step == 0 or arrived_by in ("xcomp", "ccomp")):
                return "hedged"
        lemma = current.lemma_.lower()
        if step > 0 and current.pos_ in ("VERB", "AUX"):
            # "IOM's future plans include ... collaborating with X"
            for child in current.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in hedge_predicates:
                    return "hedged"
        if step > 0:
            if lemma in neg_predicates or (current.dep_ == "prep" and current.lower_ in neg_words):
                return "negated"
            if lemma in hedge_predicates:
                return "hedged"
        # a participle clause without a subject of its own belongs to the clause above it
        participle = current.dep_ == "advcl" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "mark") for c in current.children
        )
        if (current.dep_ not in _MODALITY_UP and not participle) or current.head is current:
            return None
        if current.dep_ == "conj" and step > 0:
            return None
        arrived_by = current.dep_
        current = current.head
    return None


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
