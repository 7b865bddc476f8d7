"""The word lists of the relation patterns (``patterns.json``), checked against their schema and the vocabulary.

The schema (``patterns.schema.json``) says which lists there are; the vocabulary
says which purposes and victim groups there are, so a list naming a group the
ontology lacks ("Childen") is refused here, not written into the graph.

>>> patterns = load_patterns()
>>> patterns["victims"]["young"][:2], "between" in patterns["cooperation"]["between_prepositions"]
(['Children', 'Infants'], True)
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tipgraph.ontology.model import individuals
from tipgraph.ontology.schemas import DataFileError, check, load_checked, schema

PATTERNS_FILE = Path(__file__).with_name("patterns.json")
PATTERNS_SCHEMA = Path(__file__).with_name("patterns.schema.json")

# The lists of each section whose words can start a pattern of that kind: the planner re-parses
# only sentences holding one, and the finders look for patterns only at them.
TRIGGER_LISTS = {
    "routes": ("traffic_verbs", "strong_verbs", "motion_verbs", "route_nouns", "victim_nouns"),
    "cooperation": (
        "verbs",
        "with_verbs",
        "nouns",
        "group_nouns",
        "joint_prepositions",
        "joint_adverbs",
        "joint_activity_verbs",
        "assist_verbs",
        "assist_nouns",
        "provide_verbs",
        "referral_verbs",
        "activity_nouns",
        "membership_verbs",
        "convening_verbs",
        "member_nouns",
        "reliance_verbs",
        "participation_verbs",
        "sign_objects",
    ),
    "funding": (
        "passive_verbs",
        "active_verbs",
        "give_verbs",
        "receive_verbs",
        "money_only_nouns",
        "aid_nouns",
        "donor_nouns",
    ),
}


def load_patterns(path: str | Path = PATTERNS_FILE) -> dict:
    """The trigger words of every pattern family (``patterns.json``), checked against ``patterns.schema.json``."""
    patterns = load_checked(path, PATTERNS_SCHEMA)
    check_concepts(patterns, str(path))
    return patterns


def check_patterns(patterns: dict, name: str) -> None:
    """Raise :class:`DataFileError` (naming ``name``) unless ``patterns`` match the schema and the vocabulary."""
    check(patterns, schema(PATTERNS_SCHEMA), name)
    check_concepts(patterns, name)


def check_concepts(patterns: dict, name: str) -> None:
    """Every purpose and victim group the lists name is an individual of the vocabulary."""
    purposes, victims = patterns["purposes"], patterns["victims"]
    named = (
        ("purposes.order", purposes["order"], "Purpose"),
        ("purposes.words", list(purposes["words"]), "Purpose"),
        ("purposes.weak", list(purposes["weak"]), "Purpose"),
        ("victims.words", list(victims["words"]), "VictimGroup"),
        ("victims.young", victims["young"], "VictimGroup"),
        ("victims.adult", victims["adult"], "VictimGroup"),
    )
    for where, names, cls in named:
        unknown = [n for n in names if n not in individuals(cls)]
        if unknown:
            raise DataFileError(f"{name}: {where}: {unknown[0]!r} is not a tg:{cls} of the vocabulary")


@cache
def packaged_patterns() -> dict:
    """The packaged ``patterns.json``, read once (for the grammar words that functions without a component read)."""
    return load_patterns()
