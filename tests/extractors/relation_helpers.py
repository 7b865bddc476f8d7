"""Reading relation records by the names of their ends, for the relation tests."""

from __future__ import annotations

from tipgraph.extractors.records import DocumentRecord


def names(record: DocumentRecord, key: str) -> set[str]:
    """Every name an entity goes by in the document, lower-cased."""
    entity = record.entity(key)
    return {n.lower() for n in (entity.label, *entity.aliases, *(m.text for m in entity.mentions))}


def matches(record: DocumentRecord, keys: list[str], expected: list[str]) -> bool:
    """``keys`` are exactly the entities ``expected`` names, in any order."""
    if len(keys) != len(expected):
        return False
    remaining = list(keys)
    for name in expected:
        hit = next((k for k in remaining if name.lower() in names(record, k)), None)
        if hit is None:
            return False
        remaining.remove(hit)
    return True


def cooperations(record: DocumentRecord, negated: bool = False) -> list[list[str]]:
    return [r.participants for r in record.relations if r.kind == "cooperation" and r.negated == negated]


def has_cooperation(record: DocumentRecord, expected: list[str], negated: bool = False) -> bool:
    return any(matches(record, keys, expected) for keys in cooperations(record, negated))


def fundings(record: DocumentRecord):
    return [r for r in record.relations if r.kind == "funding"]


def find_funding(record: DocumentRecord, funder: str, recipient: str):
    for r in fundings(record):
        if matches(record, [r.funder], [funder]) and matches(record, [r.recipient], [recipient]):
            return r
    return None


def routes(record: DocumentRecord):
    return [r for r in record.relations if r.kind == "route"]


def find_route(record: DocumentRecord, origin: str, destination: str):
    for r in routes(record):
        if matches(record, r.origin, [origin]) and matches(record, r.destination, [destination]):
            return r
    return None
