"""The annotated corpus (``corpus/``): documents, their gold, their metadata and the splits.

A gold file follows ``../shared/eval/GUIDE.md`` plus where things are: each entity's
``mentions`` (``[[start, end], ...]``) and each relation's ``evidence`` (``[start, end]``
of the sentence that states it), offsets into the document's text as tipgraph reads it
(UTF-8 bytes decoded, newlines untouched). ``corpus/tools/locate.py`` fills them in while
annotating; this module reads, checks and splits the result.

>>> corpus = Corpus.load("corpus")
>>> len(corpus.documents) >= 100, sorted(corpus.splits)
(True, ['dev', 'test', 'train'])
>>> doc = corpus.documents[0]
>>> all(doc.text[s:e] for e in doc.gold["entities"] for s, e in e["mentions"])
True
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tipgraph.ontology.vocabulary import ENTITY_CLASSES, VICTIM_NAMES

GENRES = ("cable", "report", "news")
REGIONS = (
    "Africa",
    "East Asia & Pacific",
    "Europe & Eurasia",
    "Near East",
    "South & Central Asia",
    "Western Hemisphere",
)
SPLITS = ("train", "dev", "test")
ENTITY_TYPES = ENTITY_CLASSES
PURPOSES = (
    "sexual",
    "labour",
    "forced_marriage",
    "adoption",
    "begging",
    "organ_removal",
    "cannabis_cultivation",
    "domestic_servitude",
    "unspecified",
)
VICTIMS = tuple(VICTIM_NAMES)  # the guide's words for the vocabulary's victim groups


class CorpusError(ValueError):
    """A corpus file that does not follow the guide; the message names the file and the fault."""


@dataclass
class CorpusDocument:
    """One document of the corpus: its text, gold and metadata."""

    name: str  # the file name, "cable_09LIMA345.txt"
    text: str
    gold: dict[str, Any]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def id(self) -> str:
        return Path(self.name).stem

    @property
    def genre(self) -> str:
        return str(self.meta.get("genre") or self.id.split("_", 1)[0])

    @property
    def region(self) -> str:
        return str(self.meta.get("region", ""))


@dataclass
class Corpus:
    """All of ``corpus/``: documents in name order and the split each belongs to."""

    root: Path
    documents: list[CorpusDocument]
    splits: dict[str, list[str]]

    @classmethod
    def load(cls, root: str | Path, gold_folder: str = "gold") -> Corpus:
        root = Path(root)
        documents = []
        for gold_path in sorted((root / gold_folder).glob("*.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            doc_path = root / "docs" / gold["document"]
            meta_path = root / "meta" / f"{gold_path.stem}.json"
            meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
            documents.append(CorpusDocument(gold["document"], doc_path.read_bytes().decode("utf-8"), gold, meta))
        splits_file = root / "splits.json"
        splits = json.loads(splits_file.read_text(encoding="utf-8"))["splits"] if splits_file.exists() else {}
        return cls(root, documents, splits)

    def split(self, name: str) -> list[CorpusDocument]:
        """The documents of one split (``train``, ``dev`` or ``test``)."""
        wanted = set(self.splits[name])
        return [d for d in self.documents if d.name in wanted]


def fold(name: str) -> str:
    """A name as the scorer compares it: no accents, case, punctuation, possessive 's or leading "the"."""
    s = unicodedata.normalize("NFKD", name)
    s = "".join(c for c in s if not unicodedata.combining(c)).replace("đ", "d").replace("Đ", "D")
    s = re.sub(r"'s\b", "", s.lower().replace("’", "'"))
    s = re.sub(r"\s+", " ", re.sub(r"[^\w\s]", " ", s)).strip()
    return s[4:] if s.startswith("the ") else s


def entity_names(entity: dict) -> set[str]:
    return {entity["name"], *entity.get("aliases", [])}


def entity_types(entity: dict) -> list[str]:
    return entity["type"] if isinstance(entity["type"], list) else [entity["type"]]


def relation_ends(relation: dict) -> list[str]:
    """Every entity id a relation names."""
    kind = relation["type"]
    if kind == "cooperation":
        return list(relation.get("between", []))
    if kind == "funding":
        return [str(relation.get("funder")), str(relation.get("recipient"))]
    return [*relation.get("origin", []), *relation.get("destination", []), *relation.get("transit", [])]


def problems(doc: CorpusDocument) -> Iterator[str]:
    """What is wrong with one document's gold, one line each (nothing when it follows the guide)."""
    gold, text = doc.gold, doc.text
    if gold.get("document") != doc.name:
        yield f"'document' is {gold.get('document')!r}, not the file's name"
    ids = [e["id"] for e in gold["entities"]]
    if len(ids) != len(set(ids)):
        yield "entity ids repeat"
    known = set(ids)
    for entity in gold["entities"]:
        yield from _entity_problems(entity, text, known)
    for relation in gold["relations"]:
        yield from _relation_problems(relation, text, known)
    for i, j in repeated_relations(gold):
        yield f"relation {j} repeats relation {i} for the scorer (see merge_repeated_relations)"


def _entity_problems(entity: dict, text: str, known: set[str]) -> Iterator[str]:
    label = entity.get("id")
    if not set(entity_types(entity)) <= set(ENTITY_TYPES):
        yield f"{label}: unknown type {entity['type']!r}"
    if "country" in entity and not re.fullmatch(r"[A-Z]{2}", str(entity["country"])):
        yield f"{label}: country {entity['country']!r} is not an ISO 3166-1 alpha-2 code"
    if "affiliation" in entity and entity["affiliation"] not in known:
        yield f"{label}: affiliation {entity['affiliation']!r} is no entity of the document"
    names = {" ".join(n.split()) for n in entity_names(entity)}
    for start, end in entity.get("mentions", []):
        if not 0 <= start < end <= len(text):
            yield f"{label}: mention [{start}, {end}] lies outside the text"
        elif " ".join(text[start:end].split()) not in names:
            yield f"{label}: the text at [{start}, {end}] is {text[start:end]!r}, not one of its names"


def _relation_problems(relation: dict, text: str, known: set[str]) -> Iterator[str]:
    kind = relation.get("type")
    if kind not in ("cooperation", "funding", "route"):
        yield f"unknown relation type {kind!r}"
        return
    for end in relation_ends(relation):
        if end not in known:
            yield f"{kind}: {end!r} is no entity of the document"
    if kind == "cooperation" and len(set(relation["between"])) < 2:
        yield "cooperation: fewer than two participants"
    if kind == "route":
        if not relation.get("origin") or not relation.get("destination"):
            yield "route: no origin or no destination"
        if not set(relation.get("purposes", [])) <= set(PURPOSES):
            yield f"route: unknown purpose in {relation.get('purposes')}"
        if not set(relation.get("victims", [])) <= set(VICTIMS):
            yield f"route: unknown victim group in {relation.get('victims')}"
    evidence = relation.get("evidence")
    if not (isinstance(evidence, list) and len(evidence) == 2 and 0 <= evidence[0] < evidence[1] <= len(text)):
        yield f"{kind}: evidence {evidence!r} is not [start, end] inside the text"


def repeated_relations(gold: dict) -> list[tuple[int, int]]:
    """Pairs (earlier, later) of relations the scorer cannot tell apart, so one is always missed.

    A cooperation pair inside two groups, a funding stated twice, or two routes whose
    acceptable origins and destinations overlap: the guide wants one relation per document.
    """
    found = []
    relations = gold["relations"]
    for j, later in enumerate(relations):
        for i in range(j):
            if _same_relation(relations[i], later):
                found.append((i, j))
                break
    return found


def _same_relation(a: dict, b: dict) -> bool:
    if a["type"] != b["type"]:
        return False
    if a["type"] == "cooperation":
        return len(set(a["between"]) & set(b["between"])) >= 2
    if a["type"] == "funding":
        return (a["funder"], a["recipient"]) == (b["funder"], b["recipient"])
    return bool(set(a["origin"]) & set(b["origin"])) and bool(set(a["destination"]) & set(b["destination"]))


def merge_repeated_relations(gold: dict) -> list[str]:
    """Make every relation of ``gold`` distinct for the scorer, in place; say what changed.

    Routes that overlap become one route with the alternatives, transit, purposes and
    victims of both; a cooperation group that repeats a pair of an earlier one keeps only
    its new pairs; a repeated funding is dropped. Evidence stays the earlier relation's.
    """
    changes = []
    while pair := next(iter(repeated_relations(gold)), None):
        i, j = pair
        first, later = gold["relations"][i], gold["relations"].pop(j)
        if first["type"] == "route":
            for key in ("origin", "destination", "transit", "purposes", "victims"):
                merged = list(dict.fromkeys([*first.get(key, []), *later.get(key, [])]))
                if merged:
                    first[key] = merged
            if len(first.get("purposes", [])) > 1 and "unspecified" in first["purposes"]:
                first["purposes"].remove("unspecified")
            changes.append(
                f"merged route {later['origin']}->{later['destination']} into {first['origin']}->{first['destination']}"
            )
        elif first["type"] == "cooperation":
            covered = {
                frozenset(p) for r in gold["relations"] if r["type"] == "cooperation" for p in _pairs(r["between"])
            }
            new = [sorted(p) for p in {frozenset(p) for p in _pairs(later["between"])} - covered]
            gold["relations"][j:j] = [{**later, "between": p} for p in sorted(new)]
            changes.append(
                f"cooperation group {later['between']} kept only its pairs not stated already: {sorted(new)}"
            )
        else:
            changes.append(f"dropped a repeated funding {later['funder']}->{later['recipient']}")
    return changes


def _pairs(members: list[str]) -> list[tuple[str, str]]:
    members = list(dict.fromkeys(members))
    return [(a, b) for k, a in enumerate(members) for b in members[k + 1 :]]
