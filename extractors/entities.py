"""Find and type actors and places: the statistical model plus world knowledge.

:func:`extract_entities` is a pure generator over a parsed ``Doc`` that yields
:class:`EntityRecord` s; :class:`EntityExtractor` is the spaCy component that
holds the gazetteer matcher, runs the generator and writes ``doc._.entities``
and ``doc.spans["tipgraph"]`` (one span per mention, ``label_`` the class and
``kb_id_`` the entity key) for the relation extractors.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ontology.gazetteer import Gazetteer, GazetteerEntry, load_gazetteer, normalize_name

from .records import EntityRecord, Mention
from .source import source_span

SPAN_KEY = "tipgraph"

# spaCy NER labels and the ontology class a bare mention of that label takes
# when neither the gazetteer nor a naming pattern knows better.
NER_CLASSES = {"PERSON": "Person", "GPE": "City", "LOC": "Region", "ORG": "Agency", "NORP": None, "FAC": None}

# Words in an organisation's name that say which kind of body it is.
AGENCY_WORDS = {
    "ministry", "department", "police", "bureau", "office", "committee", "commission", "government",
    "embassy", "consulate", "court", "army", "guard", "guards", "customs", "assembly", "parliament",
    "directorate", "agency", "authority", "authorities", "service", "services", "council", "union",
    "federation", "front", "inspectorate", "secretariat", "commissioner", "administration",
}
NGO_WORDS = {
    "foundation", "children", "vision", "association", "society", "institute", "university", "centre",
    "center", "network", "alliance", "trust", "charity", "oxfam", "caritas", "coalition", "ngo",
}
INTERNATIONAL_WORDS = {"united nations", "un ", "international organization", "interpol", "world bank"}


@dataclass
class FoundEntity:
    """An entity under construction: its mentions (as spans of the cleaned doc) and attributes."""

    label: str
    cls: str
    spans: list[Span] = field(default_factory=list)
    entry: GazetteerEntry | None = None
    country: str | None = None
    role: str | None = None


def classify_organization(name: str) -> str:
    """The organisation class its name suggests (``Agency`` when nothing does)."""
    lowered = f" {name.lower()} "
    if any(word in lowered for word in INTERNATIONAL_WORDS):
        return "InternationalOrganization"
    words = set(re.findall(r"[a-z]+", lowered))
    if words & NGO_WORDS and not words & {"ministry", "government", "police"}:
        return "NGO"
    return "Agency"


_NOISE = re.compile(r"^(?:[A-Z]{1,2}\d*|[A-Z0-9/#¶.\- ]*\d[A-Z0-9/#¶.\- ]*|[^A-Za-z]*)$")


def is_noise(text: str) -> bool:
    """Routing codes, paragraph marks, lone initials: never an entity."""
    return bool(_NOISE.match(text.strip())) or len(text.strip()) < 2


def find_entities(
    doc: Doc,
    gazetteer: Gazetteer,
    matcher: Callable[[Doc], list[tuple[int, int, int]]],
) -> Iterator[FoundEntity]:
    """Yield one :class:`FoundEntity` per distinct entity named in ``doc``."""
    candidates: list[Span] = []
    for match_id, start, end in matcher(doc):
        candidates.append(Span(doc, start, end, label=doc.vocab.strings[match_id]))
    for ent in doc.ents:
        if ent.label_ in NER_CLASSES and NER_CLASSES[ent.label_] and not is_noise(ent.text):
            candidates.append(ent)
    found: dict[tuple[str, str], FoundEntity] = {}
    for span in filter_spans(candidates):
        entity = _interpret(span, gazetteer)
        if entity is None:
            continue
        key = (entity.entry.id if entity.entry else normalize_name(entity.label), entity.cls)
        if key in found:
            found[key].spans.extend(entity.spans)
        else:
            found[key] = entity
    yield from found.values()


def _interpret(span: Span, gazetteer: Gazetteer) -> FoundEntity | None:
    if span.label_.startswith("gaz:"):
        entry = gazetteer.get(span.label_[4:])
        return FoundEntity(entry.name, entry.cls, [span], entry=entry, country=entry.country)
    text = span.text.strip()
    if text.lower().startswith("the "):
        text = text[4:]
    entries = gazetteer.lookup(text)
    if entries:
        entry = entries[0]
        return FoundEntity(entry.name, entry.cls, [span], entry=entry, country=entry.country)
    cls = NER_CLASSES[span.label_]
    if span.label_ == "ORG":
        cls = classify_organization(text)
    return FoundEntity(text, cls, [span])


def to_record(key: str, entity: FoundEntity, doc: Doc) -> EntityRecord:
    """The plain record of ``entity``, its mentions mapped to the original text."""
    mentions = []
    for span in entity.spans:
        start, end = source_span(doc, span.start_char, span.end_char)
        mentions.append(Mention(span.text, start, end))
    aliases = sorted({m.text for m in mentions} - {entity.label})
    entry = entity.entry
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
    )


class EntityExtractor:
    """spaCy component: gazetteer phrase matching on top of the model's NER."""

    def __init__(self, nlp: Language, name: str = "tipgraph_entities"):
        self.nlp = nlp
        self.name = name
        self.gazetteer_dir: Path | None = None
        self.gazetteer = load_gazetteer()
        self.matcher = self._build_matcher(self.gazetteer)

    def initialize(self, get_examples=None, *, nlp: Language | None = None, gazetteer_dir: str | None = None) -> None:
        """Load the gazetteers (from ``gazetteer_dir`` or the packaged ones)."""
        self.gazetteer_dir = Path(gazetteer_dir) if gazetteer_dir else None
        self.gazetteer = load_gazetteer(self.gazetteer_dir) if self.gazetteer_dir else load_gazetteer()
        self.matcher = self._build_matcher(self.gazetteer)

    def _build_matcher(self, gazetteer: Gazetteer) -> PhraseMatcher:
        matcher = PhraseMatcher(self.nlp.vocab, attr="ORTH")
        patterns: dict[str, list[Doc]] = {}
        for entry in gazetteer:
            names = [n for n in entry.names if n not in entry.ambiguous]
            patterns[f"gaz:{entry.id}"] = list(self.nlp.tokenizer.pipe(names))
        for label, docs in patterns.items():
            matcher.add(label, docs)
        return matcher

    def __call__(self, doc: Doc) -> Doc:
        records, spans = [], []
        for index, entity in enumerate(find_entities(doc, self.gazetteer, self.matcher)):
            record = to_record(f"e{index}", entity, doc)
            records.append(record)
            spans.extend(Span(doc, s.start, s.end, label=record.cls, kb_id=record.key) for s in entity.spans)
        doc._.entities = records
        doc.spans[SPAN_KEY] = spans
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(path / "cfg.json", {"gazetteer_dir": str(self.gazetteer_dir) if self.gazetteer_dir else None})

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityExtractor:
        cfg = srsly.read_json(Path(path) / "cfg.json")
        self.initialize(gazetteer_dir=cfg.get("gazetteer_dir"))
        return self


@Language.factory("tipgraph_entities")
def make_entity_extractor(nlp: Language, name: str) -> EntityExtractor:
    return EntityExtractor(nlp, name)
