"""Find and type actors and places: the statistical model plus world knowledge.

:func:`find_entities` is a pure generator over a parsed ``Doc`` that yields
one :class:`FoundEntity` per distinct entity; :class:`EntityExtractor` is the
spaCy component that holds the gazetteer and naming conventions
(:class:`Knowledge`, loaded in ``initialize()``), runs the generator and
writes ``doc._.tipgraph_entities`` and ``doc.spans["tipgraph"]`` (one span per
mention, ``label_`` the class and ``kb_id_`` the entity key) for the
relation extractors.

The steps live beside this module: candidate spans from every source and the
choice among them (:mod:`tipgraph.extractors.entities.candidates`), the document's countries
(:mod:`tipgraph.extractors.entities.jurisdiction`), each chosen candidate interpreted into
a typed entity with its jurisdiction (:mod:`tipgraph.extractors.entities.interpret`), officials' roles and affiliations
(:mod:`tipgraph.extractors.entities.officials`), and acronyms, short names and bare names
resolved within the document (:mod:`tipgraph.extractors.entities.coreference`). Names are
compared through :mod:`tipgraph.extractors.naming`.

>>> from tipgraph.extractors.pipeline import load_pipeline
>>> nlp = load_pipeline()
>>> doc = nlp("Vietnamese Consul Pham Thanh Binh met UNICEF. Binh said so.")
>>> sorted((e.label, e.cls, e.role) for e in doc._.tipgraph_entities)
[('Pham Thanh Binh', 'Official', 'Consul'), ('UNICEF', 'InternationalOrganization', None)]
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from tipgraph.extractors.entities.candidates import (
    acronym_after,
    find_candidates,
    misspelt_provinces,
    person_spans,
    select_candidates,
)
from tipgraph.extractors.entities.coreference import merge_within, resolve_acronyms, resolve_short_forms
from tipgraph.extractors.entities.government import with_home_government
from tipgraph.extractors.entities.interpret import interpret
from tipgraph.extractors.entities.jurisdiction import (
    document_countries,
    nationality_countries,
)
from tipgraph.extractors.entities.knowledge import ORG_CLASSES, PLACE_CLASSES, Knowledge
from tipgraph.extractors.entities.mission import with_sending_post
from tipgraph.extractors.entities.officials import link_officials
from tipgraph.extractors.entities.types import Candidate, DocView, FoundEntity
from tipgraph.extractors.entities.verifier import EntityVerifier, entity_features
from tipgraph.extractors.naming import (
    body_identity,
    canonical_body_key,
    name_key,
    name_words,
)
from tipgraph.extractors.records import EntityRecord, Mention
from tipgraph.extractors.source import source_span
from tipgraph.ontology.gazetteer import GAZETTEER_DIR, GAZETTEER_FILES, Gazetteer

__all__ = [
    "ORG_CLASSES",
    "PLACE_CLASSES",
    "SPAN_KEY",
    "EntityExtractor",
    "FoundEntity",
    "Knowledge",
    "body_identity",
    "canonical_body_key",
    "find_entities",
    "make_entity_extractor",
    "name_key",
    "name_words",
    "to_record",
]

SPAN_KEY = "tipgraph"
# Where candidates come from: rules and gazetteers, the trained recogniser, or both (the default).
ENTITY_SOURCES = ("both", "rules", "model")


def find_entities(doc: Doc, knowledge: Knowledge, sources: str = "both") -> Iterator[FoundEntity]:
    """Yield one :class:`FoundEntity` per distinct entity named in ``doc`` (``sources``: see ``find_candidates``)."""
    doc = DocView(doc) if isinstance(doc, Doc) else doc  # type: ignore[assignment]  # a DocView stands in for a Doc
    words = [name_words(t.text) for t in doc]
    persons = person_spans(doc, knowledge)  # type: ignore[arg-type]  # a DocView
    candidates = find_candidates(doc, knowledge, words, persons, sources)
    chosen = select_candidates(candidates)
    context = document_countries(doc, knowledge, chosen)
    if misspelt := misspelt_provinces(doc, knowledge, chosen, context):
        replaced = {c.start for c in misspelt}
        chosen = sorted([c for c in chosen if c.start not in replaced] + misspelt, key=lambda c: c.start)
    entities: list[FoundEntity] = []
    acronyms: dict[str, FoundEntity] = {}
    ner_counts = Counter(name_key(c.label) for c in chosen if c.source == "ner")
    # words of the model's persons, but not of "INS Accra" (an office in a city, not a person named Accra)
    person_parts = {
        w
        for s, e in persons
        if e - s > 1 and not any(doc[t].text.isupper() and len(doc[t].text) > 1 for t in range(s, e))
        for t in range(s, e)
        for w in words[t]
    }
    deferred: list[Candidate] = []
    queue = list(reversed(chosen))
    while queue:
        cand = queue.pop()
        if cand.source == "ner" and cand.end - cand.start == 1 and doc[cand.start].text.isupper():
            deferred.append(cand)  # an acronym: resolved once the names it may stand for are known
            continue
        if (
            cand.source == "gaz"
            and cand.end - cand.start == 1
            and cand.cls in ("City", "Province")
            and " ".join(words[cand.start]) in person_parts
            and not (cand.entry is not None and cand.entry.capital)  # a capital is the capital
        ):
            continue  # "Zamora" after "Mario Zamora": the person's short name, not the city
        entity = interpret(doc, cand, knowledge, context, words, ner_counts)
        if entity is None:
            # "ILO Convention 138" is no body, but the ILO within it is: the shorter readings get their turn
            queue += reversed(_readings_within(cand, candidates))
            continue
        entities.append(entity)
        acro = acronym_after(doc, cand.end)
        if acro and entity.cls in ORG_CLASSES:
            entity.acronyms.add(acro)
            acronyms[acro] = entity
    entities = merge_within(entities, knowledge)
    link_officials(doc, entities, knowledge, context, acronyms)
    resolve_short_forms(doc, entities, knowledge, acronyms)
    resolve_acronyms(doc, entities, deferred, knowledge, context, ner_counts)
    entities = with_sending_post(
        doc, with_home_government(doc, entities, knowledge, context), knowledge.naming["sending_post_words"]
    )
    entities = merge_within(entities, knowledge)
    entities += nationality_countries(doc, knowledge, entities)
    yield from entities


def to_record(key: str, entity: FoundEntity, doc: Doc, keys: dict[int, str] | None = None) -> EntityRecord:
    """The plain record of ``entity``, its mentions mapped to the original text."""
    mentions = []
    seen = set()
    for span in sorted(entity.spans, key=lambda s: s.start):
        if (span.start, span.end) in seen:
            continue
        seen.add((span.start, span.end))
        start, end = source_span(doc, span.start_char, span.end_char)
        mentions.append(Mention(span.text, start, end))
    names = {m.text for m in mentions} | entity.acronyms | entity.extra_aliases
    aliases = sorted(a for a in names if a != entity.label)
    entry = entity.entry
    affiliation = keys.get(id(entity.affiliation)) if keys and entity.affiliation is not None else None
    return EntityRecord(
        key=key,
        label=entity.label,
        cls=entity.cls,
        aliases=aliases,
        mentions=mentions,
        country=entity.country,
        located_in=entry.located_in if entry else None,
        lat=entry.lat if entry else None,
        long=entry.long if entry else None,
        wikidata=entry.wikidata if entry else None,
        gazetteer_id=entry.id if entry else None,
        role=entity.role,
        affiliation=affiliation,
    )


# Where the gazetteer and naming data come from, and what to_disk saves of them.
_DATA_FILES = (*GAZETTEER_FILES, "naming.json")


@Language.factory(
    "tipgraph_entities",
    assigns=["doc._.tipgraph_entities", "doc.spans"],
    requires=["doc.ents", "doc.sents", "token.lemma"],
    default_config={"sources": "both", "verify": True},
)
def make_entity_extractor(nlp: Language, name: str, sources: str, verify: bool) -> EntityExtractor:
    return EntityExtractor(nlp, name, sources, verify)


class EntityExtractor:
    """spaCy component: world knowledge and the genre's naming rules on top of the model's NER.

    ``__init__`` only checks the settings; the gazetteers and naming data
    (:class:`Knowledge`) arrive in :meth:`initialize` (or, unasked, the
    packaged ones on first use), and :meth:`to_disk` saves that data itself,
    so a saved pipeline carries its own gazetteers.
    """

    def __init__(self, nlp: Language, name: str = "tipgraph_entities", sources: str = "both", verify: bool = True):
        if sources not in ENTITY_SOURCES:
            raise ValueError(f"{name}: sources must be one of {', '.join(ENTITY_SOURCES)}, not {sources!r}")
        self.nlp = nlp
        self.name = name
        self.sources = sources
        self.verify = verify
        self.gazetteer_dir: Path | None = None  # where the knowledge was read from (None: the packaged data)
        self._knowledge: Knowledge | None = None
        self._verifier: EntityVerifier | None = None

    @property
    def knowledge(self) -> Knowledge:
        if self._knowledge is None:
            self._knowledge = Knowledge.load(self.gazetteer_dir)
        return self._knowledge

    @property
    def verifier(self) -> EntityVerifier | None:
        if self.verify and self._verifier is None:
            self._verifier = EntityVerifier.load()
        return self._verifier if self.verify else None

    @verifier.setter
    def verifier(self, verifier: EntityVerifier | None) -> None:
        """A check trained elsewhere (a cross-validation fold's)."""
        self._verifier = verifier

    @property
    def gazetteer(self) -> Gazetteer:
        return self.knowledge.gazetteer

    def initialize(self, get_examples=None, *, nlp: Language | None = None, gazetteer_dir: str | None = None) -> None:
        """Load the gazetteers and naming data (from ``gazetteer_dir`` or the packaged ones)."""
        self.gazetteer_dir = Path(gazetteer_dir) if gazetteer_dir else None
        self._knowledge = Knowledge.load(self.gazetteer_dir)

    def __call__(self, doc: Doc) -> Doc:
        view = DocView(doc)  # its tokens and entities made once, for the rules and the verifier's features
        found = list(find_entities(view, self.knowledge, self.sources))  # type: ignore[arg-type]  # a DocView stands in for a Doc
        keys = {id(entity): f"e{index}" for index, entity in enumerate(found)}
        records: list[EntityRecord] = []
        spans: list[Span] = []
        verifier = self.verifier
        for entity in found:
            record = to_record(keys[id(entity)], entity, doc, keys)
            features = entity_features(record, entity.spans, view) if verifier is not None else []  # type: ignore[arg-type]  # a DocView
            if entity.implied or verifier is not None and not entity.branch and not verifier.keep(features):
                record.doubtful = True  # dropped at the end unless a relation names it
            records.append(record)
            spans.extend(Span(doc, s.start, s.end, label=record.cls, kb_id=record.key) for s in entity.spans)
        doc._.tipgraph_entities = records
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        """Save the settings and the data: a copy of every gazetteer and naming file the knowledge was read from."""
        path = Path(path)
        data = path / "gazetteers"
        data.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"sources": self.sources, "verify": self.verify})
        source = self.gazetteer_dir or GAZETTEER_DIR
        for name in _DATA_FILES:
            found = source / name
            if not found.exists() and name == "naming.json":
                found = GAZETTEER_DIR / name  # what Knowledge.load falls back to
            if found.exists():
                shutil.copyfile(found, data / name)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityExtractor:
        path = Path(path)
        cfg = srsly.read_json(path / "cfg.json")
        self.sources = cfg.get("sources", self.sources)
        self.verify = bool(cfg.get("verify", True))
        self.initialize(gazetteer_dir=str(path / "gazetteers"))
        return self


def _readings_within(outer: Candidate, candidates: list[Candidate]) -> list[Candidate]:
    """The body the gazetteer knows that opens ``outer``'s span and lost to it: the owner of a thing
    named after it ("ILO Convention 138"). A place inside a name that is no entity ("Dalian" in a
    company's name) stays out, and so does the body a unit belongs to ("Office 130 of the Ministry")."""
    inner = [
        c
        for c in candidates
        if c.start == outer.start and c.end < outer.end and c.source == "gaz" and c.cls in ORG_CLASSES
    ]
    return select_candidates(inner)
