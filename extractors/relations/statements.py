"""From parsed clauses to statements: the pattern families, one statement per relation per sentence."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span

from tipgraph.extractors.records import CooperationRecord, FundingRecord, RelationRecord, RouteRecord
from tipgraph.extractors.relations.cooperation import cooperation_in
from tipgraph.extractors.relations.funding import funding_in
from tipgraph.extractors.relations.parse import (
    ParsedSentence,
)
from tipgraph.extractors.relations.routes import RouteContext, join_origins, routes_in
from tipgraph.extractors.relations.syntax import introduces_list, lacks_subject


def relations_in(
    doc: Doc,
    items: Iterable[ParsedSentence | Span],
    patterns: dict,
    keep_negated: bool = False,
    borders: dict[str, list[str]] | None = None,
) -> Iterator[RelationRecord]:
    """Every relation the parsed clauses ``items`` state, one record per relation per sentence, in text order."""
    entities = doc._.entities or []
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
            context = RouteContext(doc, entities, patterns, borders=borders)
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
    if isinstance(record, CooperationRecord):
        return ("cooperation", frozenset(record.participants), record.negated)
    if isinstance(record, FundingRecord):
        return ("funding", record.funder, record.recipient, record.negated)
    return ("route", tuple(record.origin), tuple(record.destination), record.negated)


def _by_origin(record: RelationRecord) -> list[RelationRecord]:
    """A route from several origins, one record per origin (each adds up with its own kind)."""
    if not isinstance(record, RouteRecord) or len(record.origin) < 2:
        return [record]
    return [
        replace(
            record,
            origin=[o],
            transit=list(record.transit),
            purposes=list(record.purposes),
            victims=list(record.victims),
        )
        for o in record.origin
    ]


def merge_same_sentence(records: list[RelationRecord]) -> Iterator[RelationRecord]:
    """One statement per relation per sentence: the clauses of one sentence add up."""
    merged: dict[tuple, RelationRecord] = {}
    # a route from several origins adds up origin by origin, then is joined again
    for record in (piece for whole in records for piece in _by_origin(whole)):
        key = _identity(record)
        kept = merged.get(key)
        if kept is None:
            merged[key] = record
            continue
        kept.confidence = max(kept.confidence, record.confidence)
        if isinstance(kept, RouteRecord):
            for attr in ("transit", "purposes", "victims"):
                values = getattr(kept, attr)
                values.extend(v for v in getattr(record, attr) if v not in values)
        elif isinstance(kept, FundingRecord) and isinstance(record, FundingRecord) and not kept.amount:
            kept.amount = record.amount
    kept_routes = {id(r) for r in join_origins([r for r in merged.values() if isinstance(r, RouteRecord)])}
    yield from (r for r in merged.values() if not isinstance(r, RouteRecord) or id(r) in kept_routes)
