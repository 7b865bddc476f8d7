"""From parsed clauses to statements: the pattern families, one statement per relation per sentence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from spacy.tokens import Doc, Span

from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.records import RelationRecord
from tipgraph.extractors.relations.cooperation import cooperation_in
from tipgraph.extractors.relations.funding import funding_in
from tipgraph.extractors.relations.list_items import introduces_list, lacks_subject
from tipgraph.extractors.relations.parse import (
    ParsedSentence,
)
from tipgraph.extractors.relations.routes import RouteContext, routes_in
from tipgraph.ontology.model import relation_kind


def relations_in(
    doc: Doc,
    items: Iterable[ParsedSentence | Span],
    patterns: dict,
    knowledge: Knowledge,
    keep_negated: bool = False,
    borders: dict[str, list[str]] | None = None,
) -> Iterator[RelationRecord]:
    """Every relation the parsed clauses ``items`` state, one record per relation per sentence, in text order.

    ``knowledge`` is the entity component's, read by the route rules (see :class:`RouteContext`)."""
    entities = doc._.tipgraph_entities or []
    affiliations = {e.key: e.affiliation for e in entities if e.affiliation}
    context: RouteContext | None = None
    pending: list[RelationRecord] = []
    list_subject = None
    for ps in items:
        if not isinstance(ps, ParsedSentence):
            if not lacks_subject(ps):
                list_subject = None  # a sentence of its own ends the list
            continue
        if context is None:
            context = RouteContext(doc, entities, patterns, knowledge, borders=borders)
        ps.affiliations = affiliations
        if lacks_subject(ps.doc):
            ps.implicit_subject = list_subject
        else:
            list_subject = introduces_list(ps, patterns["actor_classes"])
        if pending and pending[0].evidence != ps.evidence:
            yield from merge_same_sentence(pending)
            pending = []
        pending.extend(routes_in(ps, patterns, context, keep_negated))
        pending.extend(cooperation_in(ps, patterns, keep_negated))
        pending.extend(funding_in(ps, patterns, keep_negated))
    yield from merge_same_sentence(pending)


def _identity(record: RelationRecord) -> tuple:
    """What makes two records of one sentence the same relation: their kind, ends and negation."""
    kind = relation_kind(record.kind)
    subject, obj = kind.shortcut_subject, kind.shortcut_object
    if subject == obj:  # the ends of a symmetric relation, in any order
        return (kind.name, frozenset(subject.values(record)), record.negated)
    return (kind.name, tuple(subject.values(record)), tuple(obj.values(record)), record.negated)


def _splits(record: RelationRecord) -> bool:
    """A kind whose subject role holds a list (a route from several origins) adds up subject by subject."""
    kind = relation_kind(record.kind)
    return kind.shortcut_subject != kind.shortcut_object and isinstance(
        getattr(record, kind.shortcut_subject.field), list
    )


def _by_subject(record: RelationRecord) -> list[RelationRecord]:
    """A route from several origins, one record per origin (each adds up with its own kind)."""
    if not _splits(record):
        return [record]
    kind = relation_kind(record.kind)
    subject = kind.shortcut_subject
    values = subject.values(record)
    if len(values) < 2:
        return [record]
    lists = [r.field for r in kind.roles if r != subject and isinstance(getattr(record, r.field), list)]
    pieces = []
    for value in values:
        changes: dict[str, Any] = {f: list(getattr(record, f)) for f in lists}  # each piece its own lists
        changes[subject.field] = [value]
        pieces.append(replace(record, **changes))
    return pieces


def _join_subjects(records: list[RelationRecord]) -> list[RelationRecord]:
    """Records that differ only in their subject are one statement again: the first keeps the others' subjects."""
    joined: dict[tuple, RelationRecord] = {}
    for record in records:
        kind = relation_kind(record.kind)
        subject = kind.shortcut_subject
        rest = tuple(tuple(r.values(record)) for r in kind.roles if r != subject)
        key = (kind.name, rest, record.confidence, record.negated)
        kept = joined.get(key)
        if kept is None:
            joined[key] = record
        else:
            values = getattr(kept, subject.field)
            values.extend(v for v in subject.values(record) if v not in values)
    return list(joined.values())


def _add_up(kept: RelationRecord, record: RelationRecord) -> None:
    """``record`` says again what ``kept`` says: its other roles' values join ``kept``'s."""
    kept.confidence = max(kept.confidence, record.confidence)
    kind = relation_kind(kept.kind)
    for role in kind.roles:
        if role in (kind.shortcut_subject, kind.shortcut_object):
            continue
        mine, theirs = getattr(kept, role.field), getattr(record, role.field)
        if isinstance(mine, list):
            mine.extend(v for v in theirs if v not in mine)
        elif not mine:
            setattr(kept, role.field, theirs)


def merge_same_sentence(records: list[RelationRecord]) -> Iterator[RelationRecord]:
    """One statement per relation per sentence: the clauses of one sentence add up."""
    merged: dict[tuple, RelationRecord] = {}
    # a route from several origins adds up origin by origin, then is joined again
    for record in (piece for whole in records for piece in _by_subject(whole)):
        key = _identity(record)
        kept = merged.get(key)
        if kept is None:
            merged[key] = record
        else:
            _add_up(kept, record)
    joined = {id(r) for r in _join_subjects([r for r in merged.values() if _splits(r)])}
    yield from (r for r in merged.values() if not _splits(r) or id(r) in joined)
