"""Statements a reviewer adds or trims: evidence found word for word, relation records built from a decision.

>>> from tipgraph.extractors.records import Evidence
>>> relation = relation_from_decision({"type": "cooperation", "participants": ["k0", "k1"]}, Evidence("A met B.", 0, 8))
>>> relation.kind, relation.participants, relation.confidence
('cooperation', ['k0', 'k1'], 1.0)
"""

from __future__ import annotations

import re
from dataclasses import replace

from tipgraph.extractors.records import CooperationRecord, Evidence, FundingRecord, RelationRecord, RouteRecord
from tipgraph.ontology.vocabulary import PURPOSE_NAMES, VICTIM_NAMES

RECORD_TYPES = {r.__dataclass_fields__["kind"].default: r for r in (CooperationRecord, FundingRecord, RouteRecord)}
# The fields of a relation record that hold entity keys (the rest are values).
END_FIELDS = ("participants", "funder", "recipient", "origin", "destination", "transit")
CONCEPT_NAMES = {"purposes": PURPOSE_NAMES, "victims": VICTIM_NAMES}  # guide words -> the ontology's names
ADDED_CONFIDENCE = 1.0  # a reviewer read the sentence


def find_verbatim(text: str, evidence: str) -> tuple[int, int] | None:
    """Where ``evidence`` stands in ``text``, word for word (line breaks and runs of spaces aside).

    >>> find_verbatim("The two agencies met.\\nThey signed a plan\\n  together.", "They signed a plan together.")
    (22, 52)
    """
    words = evidence.split()
    if not words:
        return None
    match = re.search(r"\s+".join(map(re.escape, words)), text)
    return (match.start(), match.end()) if match else None


def relation_from_decision(statement: dict, evidence: Evidence) -> RelationRecord:
    """The record of an ``add`` decision's statement whose ends are already entity keys."""
    fields: dict = {}
    for name, value in statement.items():
        if name in END_FIELDS or name in ("amount", "negated"):
            fields[name] = value
        elif name in CONCEPT_NAMES:
            fields[name] = [CONCEPT_NAMES[name].get(v, v) for v in value]
    return RECORD_TYPES[statement["type"]](**fields, evidence=evidence, confidence=ADDED_CONFIDENCE)


def end_keys(relation: RelationRecord) -> list[str]:
    """Every entity key a statement names."""
    keys: list[str] = []
    for name in END_FIELDS:
        value = getattr(relation, name, None)
        if value:
            keys.extend([value] if isinstance(value, str) else value)
    return keys


def without_ends(relation: RelationRecord, gone: set[str]) -> RelationRecord | None:
    """The statement less the ends in ``gone``, or None where it no longer says anything.

    A cooperation keeps its other participants (two at least), a route survives
    the loss of a transit place; a funding without its funder or recipient is gone.
    """
    if isinstance(relation, CooperationRecord):
        left = [key for key in relation.participants if key not in gone]
        return replace(relation, participants=left) if len(left) >= 2 else None
    if isinstance(relation, RouteRecord):
        origin = [k for k in relation.origin if k not in gone]
        destination = [k for k in relation.destination if k not in gone]
        if (relation.origin and not origin) or (relation.destination and not destination):
            return None
        transit = [k for k in relation.transit if k not in gone]
        return replace(relation, origin=origin, destination=destination, transit=transit)
    assert isinstance(relation, FundingRecord)
    return None
