"""One entity per thing within a document: merged names, acronyms and short forms.

After the candidates are interpreted, a document still holds several names
for one entity. :func:`merge_within` joins names with one identity and a bare
body name into the one qualified body it shortens; :func:`resolve_short_forms`
points acronyms defined in parentheses or matching initials, and a person's
later short name, at the full entity; :func:`resolve_acronyms` types the
acronyms nothing in the text explains.

>>> from tipgraph.extractors.pipeline import load_pipeline
>>> doc = load_pipeline(verify=False)("Kim N. B. Ninh met the Ministry of Public Security (MPS). Kim Ninh said the MPS agreed.")
>>> sorted((e.label, e.aliases) for e in doc._.tipgraph_entities)
[('Kim N. B. Ninh', ['Kim Ninh']), ('Ministry of Public Security', ['MPS'])]
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc

from tipgraph.extractors.entities.candidates import is_noise
from tipgraph.extractors.entities.jurisdiction import CountryContext
from tipgraph.extractors.entities.knowledge import ORG_CLASSES, Knowledge
from tipgraph.extractors.entities.types import Candidate, FoundEntity
from tipgraph.extractors.naming import (
    BODY_FILLERS,
    body_identity,
    body_staff,
    canonical_body_key,
    is_capitalised,
    name_key,
    name_words,
)
from tipgraph.ontology.model import is_a


def merge_within(entities: list[FoundEntity], knowledge: Knowledge) -> list[FoundEntity]:
    """One entity per key; a bare body joins the one qualified body of its name."""
    by_key: dict[tuple, FoundEntity] = {}
    for entity in entities:
        key = entity.key
        if key in by_key:
            if by_key[key] is not entity:
                by_key[key].absorb(entity)
        else:
            by_key[key] = entity
    merged = _merge_country_words(list(by_key.values()), knowledge)
    # bare ("Department of Civil Affairs") into qualified ("Guangxi Department of Civil Affairs")
    bodies = [e for e in merged if e.cls in ORG_CLASSES and e.entry is None]
    known = [e for e in merged if e.cls in ORG_CLASSES and e.entry is not None]
    body_keys = {id(o): canonical_body_key(o.label) for o in bodies}
    out = []
    for entity in merged:
        target = _body_of_acronym(entity, merged)
        if target is None and entity in bodies and not entity.qualified:
            target = _qualified_body_of(entity, bodies, known, body_keys, knowledge)
        if target is None and entity in bodies:
            target = _service_named_in_full(entity, bodies, knowledge)
        if target is not None:
            target.absorb(entity)
        else:
            out.append(entity)
    return out


def _body_of_acronym(entity: FoundEntity, entities: list[FoundEntity]) -> FoundEntity | None:
    """The body whose defined acronym ``entity``, a name in capitals no list knows, is (the text writes "the
    Child Protection Unit (CPU)" and later "CPU", which another reading took for a body of its own)."""
    if entity.cls not in ORG_CLASSES or entity.entry is not None or not entity.label.isupper():
        return None
    return next((o for o in entities if o is not entity and o.cls in ORG_CLASSES and entity.label in o.acronyms), None)


def _merge_country_words(entities: list[FoundEntity], knowledge: Knowledge) -> list[FoundEntity]:
    """``UK law enforcement`` and ``British law enforcement`` of the UK: names that differ only by words
    naming the body's own country are one body."""
    by_core: dict[tuple, FoundEntity] = {}
    out = []
    for entity in entities:
        if entity.cls not in ORG_CLASSES or entity.entry is not None or entity.country is None:
            out.append(entity)
            continue
        words = [w for w in body_identity(entity.label).split() if knowledge.country_of_word(w) != entity.country]
        if not words:
            out.append(entity)
            continue
        key = (entity.cls, entity.country, " ".join(words))
        if key in by_core:
            by_core[key].absorb(entity)
        else:
            by_core[key] = entity
            out.append(entity)
    return out


def _only_qualifier_added(bare: list[str], full: list[str], knowledge: Knowledge) -> bool:
    """Is ``full`` the ``bare`` name with a country or province (or its demonym) before it?"""
    if len(full) <= len(bare) or full[-len(bare) :] != bare:
        return False
    head = " ".join(full[: len(full) - len(bare)])
    return head in knowledge.demonyms or any(e.cls in ("Country", "Province") for e in knowledge.lookup(head))


def _service_named_in_full(entity: FoundEntity, bodies: list[FoundEntity], knowledge: Knowledge) -> FoundEntity | None:
    """``GOCR immigration``, ``Zimbabwean police``: a state's service named by its kind is the one
    body of that state whose name holds the kind (the "General Directorate of Immigration")."""
    staff = body_staff()
    words = [w for w in name_words(entity.label) if w not in BODY_FILLERS and w not in staff]
    while words and (words[0] in knowledge.demonyms or knowledge.country_of_word(words[0])):
        words = words[1:]
    if len(words) != 1 or words[0] not in knowledge.service_words or entity.country is None:
        return None
    kind = words[0]
    options = [
        o
        for o in bodies
        if o is not entity
        and o.country == entity.country
        and o.cls == entity.cls
        and kind in name_words(o.label)
        and len(body_identity(o.label).split()) > 1
    ]
    return options[0] if len(options) == 1 else None


def resolve_short_forms(
    doc: Doc, entities: list[FoundEntity], knowledge: Knowledge, acronyms: dict[str, FoundEntity]
) -> None:
    """Acronyms, a person's later short name and a body's bare later name point at the full entity."""
    persons = [e for e in entities if is_a(e.cls, "Person")]
    _join_short_person_names(entities, persons)
    taken = {i for e in entities for s in e.spans for i in range(s.start, s.end)}
    part_index = _name_part_index(persons, knowledge)
    acronym_index = dict(acronyms)
    for entity in entities:
        for acro in entity.acronyms:
            acronym_index.setdefault(acro, entity)
    bodies = [e for e in entities if e.cls in ORG_CLASSES]
    for i, token in enumerate(doc):
        if i in taken or not is_capitalised(token) or token.is_space:
            continue
        if token.text.isupper() and len(token.text) >= 2:
            _link_acronym(doc, i, acronym_index, bodies, taken)
        elif not token.is_stop:
            _link_name_part(doc, i, part_index, taken)


def _join_short_person_names(entities: list[FoundEntity], persons: list[FoundEntity]) -> None:
    """A name whose words are all in a longer name is that person ("Ana Ruiz", "Ruiz" of "Ana M. Ruiz")."""
    for short in list(persons):
        short_words = name_words(short.label)
        owners = [
            p
            for p in persons
            if p is not short
            and len(name_words(p.label)) > len(short_words)
            and _is_subsequence(short_words, name_words(p.label))
        ]
        if len(owners) >= 1:
            owner = _nearest_before(owners, short.spans[0].start)
            owner.absorb(short)
            owner.extra_aliases.add(short.label)
            entities.remove(short)
            persons.remove(short)


def _name_part_index(persons: list[FoundEntity], knowledge: Knowledge) -> dict[str, list[FoundEntity]]:
    """Each word of a person's full name -> the persons whose name holds it."""
    part_index: dict[str, list[FoundEntity]] = {}
    for person in persons:
        parts = name_words(person.label)
        if len(parts) < 2:
            continue
        for part in parts:
            if len(part) > 2 and part not in knowledge.particles:
                part_index.setdefault(part, []).append(person)
    return part_index


def _link_acronym(
    doc: Doc, i: int, acronym_index: dict[str, FoundEntity], bodies: list[FoundEntity], taken: set[int]
) -> None:
    """An acronym (or "A/B", two of them) as a mention of the body it stands for."""
    text = doc[i].text
    for piece in text.split("/"):
        target = acronym_index.get(piece) or _initials_match(piece, bodies)
        if target is not None:
            target.spans.append(doc[i : i + 1])
            target.acronyms.add(piece) if piece == text else target.extra_aliases.add(piece)
            taken.add(i)


def _link_name_part(doc: Doc, i: int, part_index: dict[str, list[FoundEntity]], taken: set[int]) -> None:
    """A later short name of a person: two of its words ("Ana Ruiz"), or one standing alone ("Ruiz")."""
    text = doc[i].text
    owners = part_index.get(name_words(text)[0] if name_words(text) else "", [])
    if owners and i + 1 < len(doc) and i + 1 not in taken and name_words(doc[i + 1].text):
        pair = [p for p in owners if p in part_index.get(name_words(doc[i + 1].text)[0], [])]
        if pair:
            owner = _nearest_before(pair, i)
            owner.spans.append(doc[i : i + 2])
            owner.extra_aliases.add(doc[i : i + 2].text)
            taken.update((i, i + 1))
            return
    if owners and not (i + 1 < len(doc) and is_capitalised(doc[i + 1]) and not doc[i + 1].is_punct):
        owner = _nearest_before(owners, i)
        owner.spans.append(doc[i : i + 1])
        owner.extra_aliases.add(text)
        taken.add(i)


def _qualified_body_of(
    entity: FoundEntity,
    bodies: list[FoundEntity],
    known: list[FoundEntity],
    body_keys: dict[int, str],
    knowledge: Knowledge,
) -> FoundEntity | None:
    """The one qualified body a bare body's name is a form of."""
    bare = body_keys[id(entity)]
    words = bare.split()
    options = [
        o
        for o in bodies
        if o is not entity
        and o.qualified
        and o.cls == entity.cls
        and (body_keys[id(o)] == bare or body_keys[id(o)].endswith(" " + bare))
    ]
    if not options and len(words) >= 2:
        # "UNHCR Centre" is the "UNHCR Transit and Reception Centre" named in full
        options = [
            o
            for o in bodies
            if o is not entity
            and o.cls == entity.cls
            and o.country == entity.country
            and len(full := body_keys[id(o)].split()) > len(words)
            and full[0] == words[0]
            and full[-1] == words[-1]
            and _is_subsequence(words, full)
        ]
    if not options and len(words) >= 2:
        # "Women's Union" is the "Kenya Women's Union" the gazetteer knows: the rest is the country
        options = [
            o
            for o in known
            if o.cls == entity.cls
            and o.country == entity.country
            and any(
                _only_qualifier_added(words, canonical_body_key(n).split(), knowledge)
                for n in o.entry.names  # type: ignore[union-attr]  # known entities all have an entry
            )
        ]
    return options[0] if len(options) == 1 and len(words) >= 2 else None


def _is_subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return bool(short) and all(any(w == x for x in it) for w in short)


def _nearest_before(options: list[FoundEntity], position: int) -> FoundEntity:
    def last_before(entity):
        starts = [s.start for s in entity.spans if s.start <= position]
        return max(starts) if starts else -1

    return max(options, key=last_before)


def _initials_match(acronym: str, bodies: list[FoundEntity]) -> FoundEntity | None:
    """``MPS`` is the Ministry of Public Security when the document names exactly one body with those initials."""
    if len(acronym) < 2:
        return None
    options = []
    for body in bodies:
        ws = [w for w in re.findall(r"[A-Za-z]+", body.label) if w.lower() not in ("the",)]
        full = "".join(w[0] for w in ws).upper()
        content = "".join(
            w[0] for w in ws if w.lower() not in ("of", "and", "for", "on", "in", "to", "against")
        ).upper()
        if acronym.upper() in (full, content):
            options.append(body)
    return options[0] if len(options) == 1 else None


def resolve_acronyms(
    doc: Doc,
    entities: list[FoundEntity],
    deferred: list[Candidate],
    knowledge: Knowledge,
    context: CountryContext,
    ner_counts: Counter,
) -> None:
    """An acronym nothing in the text explains: a ministry acronym of the genre, or a body the model saw."""
    taken = {i for e in entities for s in e.spans for i in range(s.start, s.end)}
    made: dict[str, FoundEntity] = {}
    for cand in deferred:
        if cand.start in taken:
            continue
        text = doc[cand.start].text
        if is_noise(text, knowledge) or text.lower() in knowledge.role_words:
            continue
        span = doc[cand.start : cand.end]
        if text in made:
            made[text].spans.append(span)
            continue
        if text in knowledge.ministry_acronyms:
            entity = FoundEntity(
                knowledge.ministry_acronyms[text], "Agency", [span], country=context.home, acronyms={text}
            )
        elif len(text) > 3 or ner_counts[name_key(text)] >= 3:
            entity = FoundEntity(text, "NGO", [span], country=context.home)
        else:
            continue
        made[text] = entity
        entities.append(entity)
