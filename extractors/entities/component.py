"""Find and type actors and places: the statistical model plus world knowledge.

:func:`find_entities` is a pure generator over a parsed ``Doc`` that yields
one :class:`FoundEntity` per distinct entity; :class:`EntityExtractor` is the
spaCy component that holds the gazetteer and naming conventions
(:class:`Knowledge`, loaded in ``initialize()``), runs the generator and
writes ``doc._.entities`` and ``doc.spans["tipgraph"]`` (one span per
mention, ``label_`` the class and ``kb_id_`` the entity key) for the
relation extractors.

The steps live beside this module: candidate spans from every source and the
choice among them (:mod:`tipgraph.extractors.entities.candidates`), the document's countries
(:mod:`tipgraph.extractors.entities.jurisdiction`), each chosen candidate interpreted here into
a typed entity with its jurisdiction, officials' roles and affiliations
(:mod:`tipgraph.extractors.entities.officials`), and acronyms, short names and bare names
resolved within the document (:mod:`tipgraph.extractors.entities.coreference`). Names are
compared through :mod:`tipgraph.extractors.naming`.

>>> from tipgraph.extractors.pipeline import load_pipeline
>>> nlp = load_pipeline()
>>> doc = nlp("Vietnamese Consul Pham Thanh Binh met UNICEF. Binh said so.")
>>> sorted((e.label, e.cls, e.role) for e in doc._.entities)
[('Pham Thanh Binh', 'Official', 'Consul'), ('UNICEF', 'InternationalOrganization', None)]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path

import srsly
from spacy.language import Language
from spacy.tokens import Doc, Span

from tipgraph.extractors.entities.candidates import (
    PROVINCE_WORDS,
    acronym_after,
    find_candidates,
    has_proper_word,
    is_kind_not_name,
    is_noise,
    misspelt_provinces,
    org_class,
    person_spans,
    select_candidates,
)
from tipgraph.extractors.entities.coreference import merge_within, resolve_acronyms, resolve_short_forms
from tipgraph.extractors.entities.jurisdiction import (
    CountryContext,
    document_countries,
    is_demonym,
    nationality_countries,
)
from tipgraph.extractors.entities.knowledge import ORG_CLASSES, PLACE_CLASSES, Knowledge
from tipgraph.extractors.entities.officials import link_officials
from tipgraph.extractors.entities.types import Candidate, DocView, FoundEntity
from tipgraph.extractors.entities.verifier import EntityVerifier, entity_features
from tipgraph.extractors.naming import (
    CONNECTORS,
    body_identity,
    canonical_body_key,
    is_capitalised,
    name_key,
    name_words,
)
from tipgraph.extractors.records import EntityRecord, Mention
from tipgraph.extractors.source import source_span
from tipgraph.ontology.gazetteer import Gazetteer, GazetteerEntry

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
    chosen = select_candidates(find_candidates(doc, knowledge, words, persons, sources))
    context = document_countries(doc, knowledge, chosen)
    if misspelt := misspelt_provinces(doc, knowledge, chosen, context):
        replaced = {c.start for c in misspelt}
        chosen = sorted([c for c in chosen if c.start not in replaced] + misspelt, key=lambda c: c.start)
    entities: list[FoundEntity] = []
    acronyms: dict[str, FoundEntity] = {}
    ner_counts = Counter(name_key(c.label) for c in chosen if c.source == "ner")
    person_parts = {w for s, e in persons if e - s > 1 for t in range(s, e) for w in words[t]}
    deferred: list[Candidate] = []
    for cand in chosen:
        if cand.source == "ner" and cand.end - cand.start == 1 and doc[cand.start].text.isupper():
            deferred.append(cand)  # an acronym: resolved once the names it may stand for are known
            continue
        if (
            cand.source == "gaz"
            and cand.end - cand.start == 1
            and cand.cls in ("City", "Province")
            and " ".join(words[cand.start]) in person_parts
        ):
            continue  # "Zamora" after "Mario Zamora": the person's short name, not the city
        entity = _interpret(doc, cand, knowledge, context, words, ner_counts)
        if entity is None:
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
    entities = merge_within(entities, knowledge)
    entities += nationality_countries(doc, knowledge, entities)
    yield from entities


def _choose_entry(cand: Candidate, context: CountryContext, doc: Doc) -> GazetteerEntry | None:
    entries = list(cand.entries) or ([cand.entry] if cand.entry else [])
    if len(entries) <= 1:
        return entries[0] if entries else None
    countries = [e for e in entries if e.cls == "Country"]
    if countries:
        return countries[0]
    rank = {"Country": 0, "InternationalOrganization": 0, "Agency": 1, "NGO": 1, "Region": 1, "Province": 2, "City": 3}

    def score(entry):
        return (-context.get(entry.country or "", 0), rank.get(entry.cls, 4), -(entry.population or 0))

    best = min(entries, key=score)
    if best.cls == "Province":
        # a province named after the country's capital (San José, Harare): the genre names the
        # capital city, unless the text says it means the province ("the provinces of ... Harare");
        # a province named after its own seat (Bac Giang, Masvingo) is the province
        towns = [e for e in entries if e.cls == "City" and e.country == best.country and e.capital]
        if towns and not _province_meant(doc, cand):
            return max(towns, key=lambda e: e.population or 0)
    return best


def _province_meant(doc, cand: Candidate) -> bool:
    if cand.end < len(doc) and doc[cand.end].lower_ in PROVINCE_WORDS:
        return True
    sent_start = doc[cand.start].sent.start
    return any(doc[k].lower_ in PROVINCE_WORDS for k in range(max(sent_start, cand.start - 10), cand.start))


def _place_is_plausible(
    entry: GazetteerEntry, cand: Candidate, doc: Doc, knowledge: Knowledge, context: CountryContext
) -> bool:
    """A province or city name counts when its country is in play or the text says it is a place."""
    ner = any(e.start <= cand.start < e.end and e.label_ in ("GPE", "LOC") for e in doc.ents)
    single = cand.end - cand.start == 1
    if entry.cls == "City" and (entry.population or 0) < 15000:
        # a small town's name is as often a word or a person's: the model and the country must agree
        return ner and context.get(entry.country or "", 0) >= 1
    if context.get(entry.country or "", 0) >= 1 and (
        ner or not single or context.get(entry.country or "", 0) >= 2 and doc[cand.start].pos_ == "PROPN"
    ):
        return True
    after = doc[cand.end].lower_ if cand.end < len(doc) else ""
    if after in knowledge.place_words and (ner or entry.cls == "Province"):
        return True
    before = doc[cand.start - 1].lower_ if cand.start > 0 else ""
    if before in ("in", "from", "to", "near", "via") and (entry.population or 0) >= 1000000:
        return True  # "the project in Bangkok": a great city needs no other clue
    return ner and ((entry.population or 0) >= 1000000 or entry.cls == "Province")


def _titled(doc: Doc, start: int, knowledge: Knowledge) -> bool:
    """Is the word at ``start`` preceded by a title or honorific (``President Mugabe``, ``Mr. Yaran``)?"""
    k = start - 1
    if k >= 0 and doc[k].text == ".":
        k -= 1
    if k < 0:
        return False
    low = doc[k].lower_
    if not is_capitalised(doc[k]):
        return False
    return (
        low in knowledge.title_heads
        or low in knowledge.honorifics
        or low + "." in knowledge.honorifics
        or low in knowledge.abbreviated_titles
    )


def _interpret(  # noqa: C901  (to split: see the layout issue's note)
    doc, cand: Candidate, knowledge: Knowledge, context: CountryContext, words, ner_counts
) -> FoundEntity | None:
    span = doc[cand.start : cand.end]
    text = span.text.strip()
    key = name_key(text)
    if not key or (cand.source != "gaz" and (key in knowledge.generic or is_noise(text, knowledge))):
        return None
    if cand.source == "gaz":
        entry = _choose_entry(cand, context, doc)
        if entry is None:
            return None
        if entry.cls in ("Province", "City") and not _place_is_plausible(entry, cand, doc, knowledge, context):
            return None
        end = cand.end
        if (
            end < len(doc)
            and entry.cls == "Province"
            and doc[end].lower_ in ("province", "provinces", "state", "region")
            and not is_capitalised(doc[end])
        ):
            end += 1
        return FoundEntity(
            entry.name, entry.cls, [doc[cand.start : end]], entry=entry, country=entry.country, qualified=True
        )
    if cand.source == "place":
        return FoundEntity(cand.label, cand.cls, [span], country=cand.country or context.home, qualified=cand.qualified)
    if cand.source == "direction":
        if cand.country is None:  # "the South West" of the document's country
            country = context.home
            if country is None or country not in knowledge.gazetteer:
                return None
            return FoundEntity(
                f"{cand.label} {knowledge.gazetteer.get(country).name}", "Region", [span], country=country
            )
        return FoundEntity(cand.label, "Region", [span], country=cand.country, qualified=True)
    if cand.source == "person":
        if len(text) < 2 or text.isupper() or any(c.isdigit() for c in text) or key in knowledge.role_words:
            return None
        if any(
            w in knowledge.non_name_words
            or w in knowledge.agency_heads
            or w in knowledge.ngo_heads
            or w in knowledge.place_words
            for w in name_words(text)
        ):
            return None
        if doc.heading(span.sent) and span.sent[0].text != "By":
            return None
        if knowledge.lookup(key):
            return None
        if cand.end - cand.start == 1 and not _titled(doc, cand.start, knowledge):
            return None  # a lone word the model calls a person: a short name (resolved later) or noise
        return FoundEntity(text, "Person", [span])
    if cand.source == "ner":
        # the model's organisation without a head word: keep names it repeats, typed as NGO
        if cand.label.lower() in knowledge.role_words or len(words[cand.start]) == 0:
            return None
        cls = org_class([w for t in range(cand.start, cand.end) for w in words[t]], knowledge)
        caps = all(t.text.isupper() or not t.is_alpha for t in span)
        if cls is None and not caps:
            return None  # a title-case name without a head word is as often a person, place or title
        if cls is None and len(text) <= 3 and ner_counts[key] < 3:
            return None
        if not has_proper_word(name_words(text), knowledge) or is_kind_not_name(
            doc, cand.start, cand.end, words, knowledge
        ):
            return None
        cand = Candidate(cand.start, cand.end, cls or "NGO", text, "pattern")
    if _in_work_title(doc, cand.start, knowledge):
        return None  # "its report, Combating Trafficking: Lessons Learned and Practical Experiences ...": a title
    end = cand.end
    if end - cand.start > 3 and doc[end - 2].lower_ == "for" and is_demonym(doc[end - 1].lower_, knowledge):
        end -= 2  # "Reception Center for Zimbabweans": the people it serves are no part of the name
    owner = _acronym_owner(doc, cand.start, knowledge)
    if owner is not None and cand.source == "pattern" and not knowledge.lookup(name_key(doc[cand.start : end].text)):
        # "International Organization for Migration (IOM) Reception Center": the IOM's centre
        label = f"{doc[cand.start - 2].text} {doc[cand.start : end].text}"
        cls = "InternationalOrganization" if owner.cls == "InternationalOrganization" else cand.cls
        return FoundEntity(
            label,
            cls,
            [doc[cand.start : end]],
            country=owner.country,
            qualified=owner.country is not None,
            extra_aliases={label},
        )
    cand = Candidate(
        cand.start,
        end,
        cand.cls,
        doc[cand.start : end].text,
        cand.source,
        cand.entry,
        cand.entries,
        cand.country,
        cand.qualified,
        cand.priority,
    )
    # a body: strip qualifiers (demonym, possessive country, "the") from the label; set its jurisdiction
    label_start = cand.start
    country = cand.country
    qualified = cand.qualified
    while label_start < cand.end - 1:
        tok = doc[label_start]
        nxt = doc[label_start + 1]
        code = knowledge.country_of_word(tok.text, context) if is_capitalised(tok) else None
        two = f"{tok.lower_} {nxt.lower_}"
        if tok.lower_ in ("the", "ngo", "ngos"):
            label_start += 1
        elif two in knowledge.jurisdiction_words or tok.lower_ in knowledge.jurisdiction_words:
            country, qualified = knowledge.jurisdiction_words.get(two) or knowledge.jurisdiction_words[tok.lower_], True
            break
        elif code and nxt.text in ("'s", "’s"):
            country, qualified = code, True
            if tok.lower_ not in knowledge.demonyms and not any(
                e.cls == "Country" or e.id.startswith("gov:") for e in knowledge.lookup(name_key(tok.text))
            ):
                break  # "Guangxi's Civil Affairs Department": a province's body keeps the province in its name
            label_start += 2
        elif two in knowledge.demonyms and label_start + 2 < cand.end:
            country, qualified = knowledge.demonyms[two], True
            label_start += 2
        elif tok.lower_ in knowledge.demonyms:
            country, qualified = knowledge.demonyms[tok.lower_], True
            label_start += 1
        elif code and tok.text.isupper() and len(tok.text) >= 3:  # a government acronym: "GOZ Ministry of ..."
            country, qualified = code, True
            label_start += 1
        else:
            break
    label = doc[label_start : cand.end].text
    if name_key(label) in knowledge.generic or (
        len(name_words(label)) == 1 and name_key(label) in knowledge.agency_heads
    ):
        label = doc[cand.start : cand.end].text
        if doc[cand.start].lower_ == "the":
            label = doc[cand.start + 1 : cand.end].text
    if not qualified:
        # a country, province or city named inside the body: "Save the Children UK", "Guangxi PSB"
        for t in range(cand.start, cand.end):
            if not is_capitalised(doc[t]):
                continue
            for width in (3, 2, 1):
                if t + width > cand.end:
                    continue
                entries = [
                    e
                    for e in knowledge.lookup(name_key(doc[t : t + width].text))
                    if e.cls in ("Country", "Province") and not e.id.startswith("gov:")
                ]
                if entries:
                    entry = min(entries, key=lambda e: (-context.get(e.country or "", 0), e.cls != "Country"))
                    country, qualified = entry.country, True
                    break
            if qualified:
                break
    tail = re.match(r"^(.+?) of (?:the )?(.+)$", label)
    if tail:
        countries = [e for e in knowledge.lookup(name_key(tail.group(2))) if e.cls == "Country"]
        if countries:  # "Ministry of Public Security of Vietnam"
            label, country, qualified = tail.group(1), countries[0].id, True
    if not qualified:
        # "Ministry of Foreign Affairs of Sri Lanka"
        if cand.end + 1 < len(doc) and doc[cand.end].lower_ == "of":
            entries = [e for e in knowledge.lookup(name_key(doc[cand.end + 1].text)) if e.cls == "Country"]
            if entries:
                country, qualified = entries[0].id, True
    cls = cand.cls
    if cls == "Agency" and not qualified:
        country = context.home if not re.search(r"\b(embassy|consulate|embassies)\b", label.lower()) else None
    elif cls == "NGO" and not qualified and country is None:
        country = context.home  # an NGO no list knows and the text places nowhere works where the story is
    return FoundEntity(label, cls, [doc[cand.start : cand.end]], country=country, qualified=qualified)


def _acronym_owner(doc, start: int, knowledge: Knowledge) -> GazetteerEntry | None:
    """The known body whose acronym stands in parentheses just before ``start``: ``... (IOM) Reception Center``."""
    if start < 3 or doc[start - 1].text != ")" or doc[start - 3].text != "(" or not doc[start - 2].text.isupper():
        return None
    entries = [e for e in knowledge.lookup(name_key(doc[start - 2].text)) if e.cls in ORG_CLASSES]
    return entries[0] if len(entries) == 1 else None


def _in_work_title(doc, start: int, knowledge: Knowledge) -> bool:
    """Does a report's or book's title run over ``start`` ("its report, Combating ...: Lessons Learned ...")?"""
    k = start - 1
    sent_start = doc[start].sent.start
    while (
        k > sent_start
        and start - k <= 15
        and (is_capitalised(doc[k]) or doc[k].lower_ in CONNECTORS or doc[k].text in (":", "-", "–", "—"))
    ):
        k -= 1
    if k < sent_start:
        return False
    if doc[k].lower_ in knowledge.title_markers:
        return True
    return doc[k].text in (",", ":") and k > sent_start and doc[k - 1].lower_ in knowledge.work_nouns


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


class EntityExtractor:
    """spaCy component: world knowledge and the genre's naming rules on top of the model's NER."""

    def __init__(self, nlp: Language, name: str = "tipgraph_entities", sources: str = "both", verify: bool = True):
        if sources not in ENTITY_SOURCES:
            raise ValueError(f"{name}: sources must be one of {', '.join(ENTITY_SOURCES)}, not {sources!r}")
        self.nlp = nlp
        self.name = name
        self.sources = sources
        self.verifier = EntityVerifier.load() if verify else None
        self.gazetteer_dir: Path | None = None
        self.knowledge = Knowledge.load()

    @property
    def gazetteer(self) -> Gazetteer:
        return self.knowledge.gazetteer

    def initialize(self, get_examples=None, *, nlp: Language | None = None, gazetteer_dir: str | None = None) -> None:
        """Load the gazetteers (from ``gazetteer_dir`` or the packaged ones)."""
        self.gazetteer_dir = Path(gazetteer_dir) if gazetteer_dir else None
        self.knowledge = Knowledge.load(self.gazetteer_dir)

    def __call__(self, doc: Doc) -> Doc:
        found = list(find_entities(doc, self.knowledge, self.sources))
        keys = {id(entity): f"e{index}" for index, entity in enumerate(found)}
        records: list[EntityRecord] = []
        spans: list[Span] = []
        for entity in found:
            record = to_record(keys[id(entity)], entity, doc, keys)
            if self.verifier is not None and not self.verifier.keep(entity_features(record, entity.spans, doc)):
                record.doubtful = True  # dropped at the end unless a relation names it
            records.append(record)
            spans.extend(Span(doc, s.start, s.end, label=record.cls, kb_id=record.key) for s in entity.spans)
        doc._.entities = records
        doc.spans[SPAN_KEY] = sorted(spans, key=lambda s: (s.start, s.end))
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_json(
            path / "cfg.json",
            {
                "gazetteer_dir": str(self.gazetteer_dir) if self.gazetteer_dir else None,
                "sources": self.sources,
                "verify": self.verifier is not None,
            },
        )

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityExtractor:
        cfg = srsly.read_json(Path(path) / "cfg.json")
        self.sources = cfg.get("sources", self.sources)
        self.verifier = EntityVerifier.load() if cfg.get("verify", True) else None
        self.initialize(gazetteer_dir=cfg.get("gazetteer_dir"))
        return self


@Language.factory("tipgraph_entities", default_config={"sources": "both", "verify": True})
def make_entity_extractor(nlp: Language, name: str, sources: str, verify: bool) -> EntityExtractor:
    return EntityExtractor(nlp, name, sources, verify)
