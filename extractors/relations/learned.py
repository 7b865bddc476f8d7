"""The learned relation model: candidate pairs of entity mentions in a sentence, scored.

Every sentence yields candidates: unordered pairs of actors (cooperation), ordered pairs
of actors (funding: funder, recipient) and ordered pairs of places (route: origin,
destination), plus, for routes, pairs with the document's home country when the sentence
does not name it ("victims from X are exploited in the country"). Each candidate is a bag
of features read off the parse: the classes, the words and dependency path between the
two, the prepositions and verbs that govern each, negation and hedge cues, and whether a
pattern of ``patterns.json`` states the same relation in the sentence. A logistic model
per relation kind scores it; its probability is the statement's ``tg:confidence``. A
second set of logistic heads gives a route its purposes and victim groups from the words
of its sentence and of the sentence before it.

The model is data (``trained/relations.json``: weights, bias and threshold per head),
trained by ``python -m tipgraph.extractors.training.train``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence, Set
from dataclasses import dataclass, field
from itertools import combinations, permutations
from pathlib import Path

from spacy.tokens import Doc, Span, Token

from tipgraph.extractors.linear import Linear, calibrated
from tipgraph.extractors.relations.lists import LIST_WORDS, share_within_lists
from tipgraph.extractors.relations.phrases import dependency_path, governor, linear_preposition, outer_preposition
from tipgraph.extractors.relations.word_classes import (
    WordClasses,
    clause_class_features,
    pair_class_features,
    path_tokens,
)

KINDS = ("cooperation", "funding", "route")
ACTOR_CLASSES = frozenset({"Agency", "NGO", "InternationalOrganization", "Official", "Person", "Country"})
PLACE_CLASSES = frozenset({"Country", "Province", "City", "Region"})
CUES = frozenset(
    "not no never may might could would should risk risks vulnerable vulnerability potential possible possibly "
    "plan plans planned planning intend intends request requested requests recommend recommended recommends "
    "urge urged propose proposed allege alleged reportedly suspected attempt attempted if unless whether".split()
)
DIRECTION_CUES = frozenset(
    "foreign foreigners abroad overseas domestically internally nationals citizens migrants returnees returned "
    "transit en route refugees".split()
)
TRAINED = Path(__file__).with_name("trained") / "relations.json"


@dataclass
class RelationModel:
    """One head per relation kind, and one per purpose and per victim group (``purpose:ForcedLabour``).

    A kind's head gives a raw probability; ``calibration[kind]`` (Platt's ``a, b``, fitted on
    held-out folds of the train split) maps it to the share of such pairs that the gold
    relates, which is the statement's ``tg:confidence``. Thresholds are on that scale: a
    head's ``threshold`` is where the model alone states a relation; ``additions[kind]`` is
    where it adds one beside the patterns, ``vetoes[kind]`` where it drops a pattern's, and
    ``rule_prior[kind]`` is the confidence of a pattern's statement the model has no pair for.
    """

    heads: dict[str, Linear] = field(default_factory=dict)
    deferred: list[str] = field(default_factory=list)  # kinds with too little training data: the patterns decide
    calibration: dict[str, list[float]] = field(default_factory=dict)
    additions: dict[str, float] = field(default_factory=dict)
    vetoes: dict[str, float] = field(default_factory=dict)
    rule_prior: dict[str, float] = field(default_factory=dict)
    word_classes: dict[str, list[str]] = field(default_factory=dict)  # see ``word_classes``: features it reads

    @classmethod
    def load(cls, path: str | Path = TRAINED) -> RelationModel:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        heads = {name: Linear(**head) for name, head in data["heads"].items()}
        extra = {key: data.get(key, {}) for key in ("calibration", "additions", "vetoes", "rule_prior", "word_classes")}
        return cls(heads, data.get("deferred", []), **extra)

    def save(self, path: str | Path) -> None:
        heads = {
            name: {"weights": h.weights, "bias": h.bias, "threshold": h.threshold} for name, h in self.heads.items()
        }
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        data = {
            "heads": heads,
            "deferred": self.deferred,
            "calibration": self.calibration,
            "additions": self.additions,
            "vetoes": self.vetoes,
            "rule_prior": self.rule_prior,
            "word_classes": self.word_classes,
        }
        Path(path).write_text(json.dumps(data, sort_keys=True, indent=0) + "\n", encoding="utf-8")

    def confidence(self, kind: str, features: Iterable[str]) -> float:
        """The calibrated probability that a candidate of ``kind`` with ``features`` is a relation the gold states."""
        p = self.heads[kind].probability(features)
        if kind in self.calibration:
            a, b = self.calibration[kind]
            return calibrated(p, a, b)
        return p


@dataclass(frozen=True)
class EntityMention:
    """An entity's mention in a sentence: its key, class and token span (empty for the document's
    country when the sentence does not name it: :attr:`unnamed`); a ``nationality`` mention names
    a place by an adjective ("Nepali women": see ``nationality``)."""

    key: str
    cls: str
    start: int
    end: int
    nationality: bool = False

    @property
    def unnamed(self) -> bool:
        return self.start == self.end


@dataclass
class Candidate:
    kind: str
    first: EntityMention  # participant, funder or origin
    second: EntityMention  # participant, recipient or destination
    sentence: Span
    features: list[str]


def clauses(sent: Span) -> list[Span]:
    """A sentence cut at its semicolons: a report narrative strings a country's routes together with them."""
    cuts = [t.i for t in sent if t.text == ";"]
    bounds = [sent.start, *[c + 1 for c in cuts], sent.end]
    return [sent.doc[a:b] for a, b in zip(bounds, bounds[1:]) if b > a]


def sentence_mentions(
    doc: Doc, spans: Iterable[Span], nationalities: Iterable[Span] = ()
) -> Iterator[tuple[Span, list[EntityMention]]]:
    """The clauses of ``doc`` (sentences, cut at semicolons) that hold an entity mention, with their mentions
    in order (the ``nationalities`` among them marked)."""
    by_clause: dict[int, list[EntityMention]] = {}
    units: dict[int, Span] = {}
    marked = [(span, False) for span in spans] + [(span, True) for span in nationalities]
    for span, nationality in marked:
        sent = doc[span.start].sent
        clause = next((c for c in clauses(sent) if c.start <= span.start < c.end), sent)
        units[clause.start] = clause
        mention = EntityMention(span.kb_id_, span.label_, span.start, span.end, nationality)
        by_clause.setdefault(clause.start, []).append(mention)
    for start in sorted(by_clause):
        yield units[start], sorted(by_clause[start], key=lambda m: m.start)


def _root(doc: Doc, mention: EntityMention) -> Token:
    """The mention's head; for a nationality word, the noun it qualifies ("Nepali *women*")."""
    root = doc[mention.start : mention.end].root
    if mention.nationality and root.dep_ in ("amod", "compound", "nmod") and root.head.i > root.i:
        return root.head
    return root


def sentence_features(sent: Span) -> list[str]:
    """What the sentence says whatever the pair: its cues and its verbs."""
    feats = [f"q:{t.lower_}" for t in sent if t.lower_ in CUES]
    feats += [f"v:{t.lemma_.lower()}" for t in sent if t.pos_ == "VERB"]
    return feats


@dataclass(frozen=True)
class _Reading:
    """How one mention stands in its sentence: its head, the preposition and word that govern it."""

    root: Token
    prep: str
    gov: str
    outer: str
    linear: str
    word: str


def _reading(doc: Doc, mention: EntityMention, kept: dict[EntityMention, _Reading] | None) -> _Reading:
    """The mention's reading, made once per mention where ``kept`` keeps them (a sentence's pairs share them)."""
    found = kept.get(mention) if kept is not None else None
    if found is None:
        root = _root(doc, mention)
        found = _Reading(root, *governor(root), outer_preposition(root), *linear_preposition(doc, mention.start))
        if kept is not None:
            kept[mention] = found
    return found


def pair_features(
    doc: Doc,
    sent: Span,
    a: EntityMention,
    b: EntityMention,
    shared: list[str],
    kept: dict[EntityMention, _Reading] | None = None,
    classes: WordClasses | None = None,
) -> list[str]:
    feats = [f"c:{a.cls}|{b.cls}", *shared]
    sa = _reading(doc, a, kept)
    feats += [f"ap:{sa.prep}", f"ag:{sa.gov}", f"apg:{sa.prep}|{sa.gov}", f"ao:{sa.outer}"]
    feats += [f"{side}-nat|{_after(doc, m)}" for side, m in (("a", a), ("b", b)) if m.nationality]
    feats += [f"al:{sa.linear}", f"alw:{sa.linear}|{sa.word}"]
    if b.unnamed:  # the document's country, read from the genre, not from a word of this sentence
        home = ["home", f"home|ap:{sa.prep}", f"home|ao:{sa.outer}", f"home|c:{a.cls}", f"home|al:{sa.linear}"]
        return [*feats, *home, f"home|alw:{sa.linear}|{sa.word}"]
    sb = _reading(doc, b, kept)
    feats += [f"bl:{sb.linear}", f"blw:{sb.linear}|{sb.word}", f"ll:{sa.linear}|{sb.linear}"]
    feats += [f"bp:{sb.prep}", f"bg:{sb.gov}", f"bpg:{sb.prep}|{sb.gov}", f"pp:{sa.prep}|{sb.prep}"]
    feats += [f"bo:{sb.outer}", f"oo:{sa.outer}|{sb.outer}"]
    ra, rb = sa.root, sb.root
    order = "ab" if a.start < b.start else "ba"
    lo, hi = (a, b) if a.start < b.start else (b, a)
    gap = [t for t in doc[lo.end : hi.start] if not t.is_space]
    between = [t for t in gap if not t.is_punct]
    feats += [f"o:{order}", f"d:{min(len(between) // 3, 6)}"]
    if all(t.lower_ in LIST_WORDS for t in gap):
        feats += ["same-list", f"same-list|{a.cls}|{b.cls}"]  # "India, Bahrain and Oman": members, not ends
    if (
        (ra.dep_ == "conj" and ra.head == rb)
        or (rb.dep_ == "conj" and rb.head == ra)
        or (ra.head == rb.head and "conj" in (ra.dep_, rb.dep_))
    ):
        feats.append("conj")
    feats += [f"b:{t.lemma_.lower()}" for t in between[:12]]
    if any(t.lower_ == "and" for t in between) and len(between) <= 3:
        feats.append("coordinated")
    if classes:  # actors' pairs only: what they do together or pay for
        feats += pair_class_features(between, path_tokens(ra, rb), classes)
    path = dependency_path(ra, rb)
    if path and len(path) <= 8:
        feats.append("p:" + " ".join(path))
        feats += [f"pw:{step}" for step in path if not step.startswith(("^", "v"))]
    return feats


def _after(doc: Doc, mention: EntityMention) -> str:
    """The word after a mention, as a lemma: what a nationality word qualifies ("women", "countries")."""
    return doc[mention.end].lemma_.lower() if mention.end < len(doc) else ""


def one_actor(entities: Iterable) -> set[frozenset[str]]:
    """Pairs of entity keys that are one actor seen twice, never partners: a country and a body of that
    country ("the Government of X" and X), an official and the body they serve; a place and its country."""
    records = list(entities)
    countries = {r.country: r.key for r in records if r.cls == "Country" and r.country}
    pairs = set()
    for r in records:
        if r.cls != "Country" and r.country in countries:
            pairs.add(frozenset((r.key, countries[r.country])))
        if r.affiliation:
            pairs.add(frozenset((r.key, r.affiliation)))
    return pairs


def candidates(
    doc: Doc,
    sent: Span,
    mentions: list[EntityMention],
    home: str | None,
    same: Set[frozenset[str]] = frozenset(),
    home_cues: Sequence[str] = (),
    classes: WordClasses | None = None,
) -> Iterator[Candidate]:
    """Every candidate pair of one sentence, with its features (no actor pairs with itself: ``same``)."""
    shared = sentence_features(sent)
    first: dict[str, EntityMention] = {}
    for m in mentions:  # one mention per entity: its last name, else its nationality word
        if m.key not in first or not m.nationality:
            first[m.key] = m
    distinct = list(first.values())
    n = f"n:{min(len(distinct), 6)}"
    kept: dict[EntityMention, _Reading] = {}
    actors = [m for m in distinct if m.cls in ACTOR_CLASSES and not m.nationality]
    clause_classes = clause_class_features(sent, classes) if classes else []
    ordered = {
        (a, b): pair_features(doc, sent, a, b, [*shared, *clause_classes, n], kept, classes)
        for a, b in permutations(actors, 2)
        if frozenset((a.key, b.key)) not in same
    }
    for a, b in combinations(actors, 2):
        if (a, b) in ordered:
            yield Candidate("cooperation", a, b, sent, list(ordered[a, b]))
    for (a, b), feats in ordered.items():
        yield Candidate("funding", a, b, sent, feats)
    # the home country's nationality word is read as home (the "home" features), not as a named end
    places = [m for m in distinct if m.cls in PLACE_CLASSES and not (m.nationality and m.key == home)]
    for a, b in permutations(places, 2):
        if b.cls == "Country" and frozenset((a.key, b.key)) in same:
            continue  # a place and the country that holds it: no journey into one's own country
        yield Candidate("route", a, b, sent, pair_features(doc, sent, a, b, [*shared, n], kept))
    if home and all(m.key != home for m in places):
        home_mention = EntityMention(home, "Country", sent.start, sent.start)
        for a in places:
            feats = [*pair_features(doc, sent, a, home_mention, [*shared, n], kept), *home_cues]
            if frozenset((a.key, home)) not in same:
                yield Candidate("route", a, home_mention, sent, [*feats, "to-home"])
            yield Candidate(
                "route", home_mention, a, sent, [f.replace("home", "home-from") for f in feats] + ["from-home"]
            )


def attribute_features(sent: Span, previous: Span | None) -> list[str]:
    """Words a route's purposes and victims are read from: its sentence and the sentence before it."""
    feats = [f"w:{t.lemma_.lower()}" for t in sent if t.is_alpha]
    if previous is not None:
        feats += [f"pw:{t.lemma_.lower()}" for t in previous if t.is_alpha]
    return feats


# --- Reading a document ---------------------------------------------------------


def home_country(records: Iterable) -> str | None:
    """The key of the country the document names most: the country a narrative is about."""
    countries = [r for r in records if r.cls == "Country"]
    if not countries:
        return None
    return max(countries, key=lambda r: len(r.mentions)).key


def previous_sentence(doc: Doc, unit: Span) -> Span | None:
    """The clause before ``unit`` in its sentence, else the sentence before it, if any."""
    sent = unit.sent
    if unit.start > sent.start:
        return next(c for c in clauses(sent) if c.end == unit.start)
    if sent.start == 0:
        return None
    # across a paragraph break too: stopping there was measured worse (train split: routes 0.748 -> 0.736,
    # victims 0.733 -> 0.697; dev within 0.01), cables restate a paragraph's victims in the next one
    return doc[sent.start - 1].sent


def home_cues(doc: Doc, clause: Span, home_words: Set[int]) -> list[str]:
    """What tells a route to the document's country from one out of it: its people named in the clause
    or the one before ("Nepali women ...; they are exploited in X"), words of going abroad or coming in."""
    cues = [f"home|w:{t.lower_}" for t in clause if t.lower_ in DIRECTION_CUES]
    if any(clause.start <= i < clause.end for i in home_words):
        cues.append("home|nat-here")
    before = previous_sentence(doc, clause)
    if before is not None and any(before.start <= i < before.end for i in home_words):
        cues.append("home|nat-before")
    return cues


def document_candidates(
    doc: Doc,
    spans: Iterable[Span],
    home: str | None,
    rules: set | None,
    same: Set[frozenset[str]] = frozenset(),
    nationalities: Iterable[Span] = (),
    classes: WordClasses | None = None,
) -> Iterator[Candidate]:
    """Every candidate of ``doc``, with ``r:KIND`` added where the patterns state the pair (the word
    classes of ``classes`` among its features)."""
    nationalities = list(nationalities)
    home_words = {span.start for span in nationalities if span.kb_id_ == home}
    for sent, mentions in sentence_mentions(doc, spans, nationalities):
        for cand in candidates(doc, sent, mentions, home, same, home_cues(doc, sent, home_words), classes):
            if rules is not None and (cand.kind, sent.sent.start, cand.first.key, cand.second.key) in rules:
                cand.features.append(f"r:{cand.kind}")
            yield cand


def pair_scores(
    doc: Doc,
    spans: Iterable[Span],
    entities: list,
    model: RelationModel,
    rules: set | None = None,
    nationalities: Iterable[Span] = (),
) -> dict[tuple, tuple[float, Candidate]]:
    """The best calibrated confidence of every candidate pair of ``doc``, by (kind, clause start, pair).

    A pair is ordered for funding and unordered otherwise: a route read both ways keeps its
    likelier direction, and the members of one list of places share their role (see ``lists``).
    """
    home = home_country(entities)
    best: dict[tuple, tuple[float, Candidate]] = {}
    same = one_actor(entities)
    for cand in document_candidates(doc, spans, home, rules, same, nationalities, model.word_classes):
        if cand.kind not in model.heads:
            continue
        p = model.confidence(cand.kind, cand.features)
        pair = (cand.first.key, cand.second.key)
        key = (cand.kind, cand.sentence.start, pair if cand.kind == "funding" else frozenset(pair))
        if key not in best or best[key][0] < p:
            best[key] = (p, cand)
    share_within_lists(doc, best)
    return best
