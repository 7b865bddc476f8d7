"""``tipgraph review DIR``: what in a build most needs a human look, each item with its evidence.

Three lists, most valuable first (the more mentions a fix touches, the
higher): merge candidates across documents (one name on two nodes, an
acronym of one node that spells the initials of another, one name and
class in two countries), low-confidence statements, and entities seen once
whose class is uncertain (the entity check doubted them, or the words of
the name point to another class). ``--format yaml`` prints each with its
ready-to-edit decisions, commented out: uncomment one, then rebuild. Items a
reviewer settled (``confirm``, ``distinct`` or any correction) are not listed again.

>>> items = review_build("build")
>>> any(item.section == "statement" for item in items)
True
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

import networkx as nx

from tipgraph.extractors.naming import BODY_FILLERS, name_key
from tipgraph.extractors.records import DocumentRecord
from tipgraph.graph.build.cache import CACHE_DIR
from tipgraph.graph.build.outputs import read_manifest
from tipgraph.graph.curation.decisions import short
from tipgraph.graph.model.nx import load_graph
from tipgraph.ontology.gazetteer import load_naming
from tipgraph.ontology.vocabulary import ENTITY_CLASSES

LOW_CONFIDENCE = 0.5  # tg:confidence is a calibrated probability: below one half the statement is more likely wrong
SECTIONS = {
    "merge": "Merge candidates",
    "statement": "Low-confidence statements",
    "entity": "Uncertain entities seen once",
}
# naming.json's word lists that point to a class (data of the ontology's gazetteer, not restated here)
CLASS_CUES = {
    "agency_heads": "Agency",
    "state_mass_organisations": "Agency",
    "ngo_heads": "NGO",
    "ngo_name_starts": "NGO",
    "io_markers": "InternationalOrganization",
}


@dataclass
class ReviewItem:
    """One thing to look at: why, how much it matters, the evidence, and the decisions that would settle it."""

    section: str  # merge, statement or entity
    reason: str
    weight: float
    evidence: list[str] = field(default_factory=list)
    decisions: list[str] = field(default_factory=list)  # YAML lines, each a whole decision


def review_build(out_dir: str | Path, limit: int = 20, threshold: float = LOW_CONFIDENCE) -> list[ReviewItem]:
    """The review of the build in ``out_dir`` (its graph.json, else graph.ttl; its record cache for doubts)."""
    out_dir = Path(out_dir)
    path = out_dir / "graph.json" if (out_dir / "graph.json").is_file() else out_dir / "graph.ttl"
    if not path.is_file():
        raise FileNotFoundError(
            f"{out_dir}: no graph.json or graph.ttl (build one with: tipgraph build DOCS --out {out_dir})"
        )
    graph = load_graph(path)
    items = merge_candidates(graph)[:limit]
    items += low_confidence_statements(graph, threshold)[:limit]
    items += uncertain_entities(graph, doubted_names(out_dir))[:limit]
    return items


def _describe(graph: nx.MultiDiGraph, node: str) -> str:
    attrs = graph.nodes[node]
    where = ", ".join(attrs.get("documents") or []) or "no document"
    country = f", {attrs['country']}" if attrs.get("country") else ""
    return (
        f"{short(node)}  {attrs['label']} ({attrs['cls']}{country}), {attrs.get('mentions', 0)} mention(s) in {where}"
    )


def _sentence(graph: nx.MultiDiGraph, node: str) -> str | None:
    """The most confident sentence that puts ``node`` in a statement."""
    edges = list(graph.in_edges(node, data=True)) + list(graph.out_edges(node, data=True))
    if not edges:
        return None
    *_, attrs = max(edges, key=lambda e: (e[2].get("confidence") or 0, -(e[2].get("start") or 0)))
    return f"{attrs.get('document')}: “{' '.join(str(attrs.get('evidence')).split())}”"


def _node_evidence(graph: nx.MultiDiGraph, node: str) -> list[str]:
    sentence = _sentence(graph, node)
    return [_describe(graph, node)] + ([f"  {sentence}"] if sentence else [])


def _names(attrs: dict) -> set[str]:
    return {attrs["label"], *(attrs.get("aliases") or [])}


def initials(label: str) -> str:
    """The capitals a name's acronym would have: ``Ministry of Public Security`` -> ``MPS``."""
    return "".join(word[0] for word in name_key(label).split() if word not in BODY_FILLERS).upper()


def _is_acronym(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{2,8}", name.replace(".", "")))


def merge_candidates(graph: nx.MultiDiGraph) -> list[ReviewItem]:
    """Pairs of nodes that may be one entity, from different documents."""
    by_name: dict[str, set[str]] = defaultdict(set)
    shown: dict[str, str] = {}  # name key -> the name as written
    by_initials: dict[str, set[str]] = defaultdict(set)
    for node, attrs in graph.nodes(data=True):
        for name in _names(attrs):
            by_name[name_key(name)].add(node)
            shown.setdefault(name_key(name), name)
        if len(name_key(attrs["label"]).split()) >= 2:
            by_initials[initials(attrs["label"])].add(node)
    reasons: dict[tuple[str, str], tuple[str, float]] = {}
    # a label both nodes have says it best, then the names in alphabetical order (the same review every time)
    labels = {name_key(attrs["label"]) for _, attrs in graph.nodes(data=True)}
    for key in sorted(by_name, key=lambda k: (k not in labels, k), reverse=True):
        name, nodes = shown[key], by_name[key]
        for a, b in combinations(sorted(nodes), 2):
            first, second = graph.nodes[a], graph.nodes[b]
            if first["cls"] == second["cls"] and first.get("country") != second.get("country"):
                countries = ", ".join(sorted(str(c) for c in (first.get("country"), second.get("country"))))
                reasons[(a, b)] = (f"one name and class ({name!r}, {first['cls']}) in two countries ({countries})", 2.0)
            else:
                reasons[(a, b)] = (f"both are called {name!r}", 3.0)
    for node, attrs in graph.nodes(data=True):
        for name in _names(attrs):
            if _is_acronym(name):
                for other in by_initials.get(name.replace(".", ""), set()) - {node}:
                    if name not in _names(graph.nodes[other]):
                        pair = (node, other) if node < other else (other, node)
                        reasons.setdefault(
                            pair, (f"{name!r} spells the initials of {graph.nodes[other]['label']!r}", 1.5)
                        )
    items = []
    for (a, b), (reason, weight) in reasons.items():
        if b in (graph.nodes[a].get("distinct_from") or []):
            continue  # a reviewer said they are different entities
        documents = set(graph.nodes[a].get("documents") or []) | set(graph.nodes[b].get("documents") or [])
        if len(documents) < 2:
            continue  # within one document the extractor already had both names side by side
        mentions = (graph.nodes[a].get("mentions") or 0) + (graph.nodes[b].get("mentions") or 0)
        # the better-known node first: it is the one a merge keeps
        keep, other = sorted((a, b), key=lambda n: -(graph.nodes[n].get("mentions") or 0))
        items.append(
            ReviewItem(
                "merge",
                reason,
                weight * mentions,
                _node_evidence(graph, keep) + _node_evidence(graph, other),
                [
                    f"- merge: {json.dumps([short(keep), short(other)], ensure_ascii=False)}",
                    f"- distinct: {json.dumps([short(keep), short(other)], ensure_ascii=False)}",
                ],
            )
        )
    return sorted(items, key=lambda item: -item.weight)


def _statement_ends(graph: nx.MultiDiGraph, statement: str) -> str:
    ends: list[str] = []
    arrow = " -> "
    for u, v, attrs in graph.edges(data=True):
        if attrs.get("statement") == statement:
            arrow = " + " if attrs.get("relation") == "cooperation" else " -> "
            for node in (u, v):
                if graph.nodes[node]["label"] not in ends:
                    ends.append(graph.nodes[node]["label"])
    return arrow.join(ends)


def low_confidence_statements(graph: nx.MultiDiGraph, threshold: float = LOW_CONFIDENCE) -> list[ReviewItem]:
    """Statements the extractor is least sure of, least sure first."""
    seen: dict[str, dict] = {}
    for _, _, attrs in graph.edges(data=True):
        if attrs.get("statement") and (attrs.get("confidence") or 0) < threshold and not attrs.get("curated"):
            seen.setdefault(attrs["statement"], attrs)
    items = []
    for statement, attrs in seen.items():
        confidence = float(attrs["confidence"])
        evidence = " ".join(str(attrs.get("evidence")).split())
        items.append(
            ReviewItem(
                "statement",
                f"confidence {confidence:.2f}: {attrs['relation']} {_statement_ends(graph, statement)}",
                1 - confidence,
                [
                    f"{short(statement)} in {attrs.get('document')} [{attrs.get('start')}:{attrs.get('end')}]",
                    f"  “{evidence}”",
                ],
                [
                    f"- reject: {{statement: {json.dumps(short(statement))}}}",
                    f"- confirm: {{statement: {json.dumps(short(statement))}}}",
                ],
            )
        )
    return sorted(items, key=lambda item: (-item.weight, item.evidence[0]))


def doubted_names(out_dir: Path) -> set[tuple[str, str]]:
    """(document name, entity label) of the entities the entity check doubted, from the build's record cache."""
    doubted = set()
    in_use = set((read_manifest(out_dir) or {}).get("sha256") or [])  # the cache keeps other builds' records too
    for path in sorted((out_dir / CACHE_DIR).glob("*.json")):
        if in_use and path.stem not in in_use:
            continue
        try:
            record = DocumentRecord.from_dict(json.loads(path.read_text(encoding="utf-8"))["record"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a record of another version: no doubt to report
        doubted |= {(name, e.label) for e in record.entities if e.doubtful for name in record.names}
    return doubted


def cue_classes(label: str) -> set[str]:
    """The classes the words of a name point to (``Ministry`` -> Agency, ``Foundation`` -> NGO)."""
    naming, key = load_naming(), f" {name_key(label)} "
    return {cls for cues, cls in CLASS_CUES.items() for cue in naming.get(cues, []) if f" {name_key(cue)} " in key}


def uncertain_entities(graph: nx.MultiDiGraph, doubted: set[tuple[str, str]]) -> list[ReviewItem]:
    """Entities mentioned once whose class the extractor doubted or the name contradicts."""
    items = []
    for node, attrs in graph.nodes(data=True):
        if (attrs.get("mentions") or 0) > 1 or attrs.get("curated"):
            continue
        documents = attrs.get("documents") or []
        cues = cue_classes(attrs["label"])
        if any((d, attrs["label"]) in doubted for d in documents):
            reason, weight = "the entity check doubted it", 2.0
        elif cues and cues != {attrs["cls"]}:
            reason, weight = f"its name reads like {' or '.join(sorted(cues))}", 1.0
        else:
            continue
        others = [c for c in ENTITY_CLASSES if c != attrs["cls"]]
        suggestion = sorted(cues - {attrs["cls"]})[0] if cues - {attrs["cls"]} else others[0]
        items.append(
            ReviewItem(
                "entity",
                f"{attrs['label']!r} ({attrs['cls']}): {reason}",
                weight + graph.degree(node) / 10,
                _node_evidence(graph, node),
                [
                    f"- retype: {{node: {json.dumps(short(node))}, class: {suggestion}}}  # or: {', '.join(others)}",
                    f"- reject: {{node: {json.dumps(short(node))}}}",
                    f"- confirm: {{node: {json.dumps(short(node))}}}",
                ],
            )
        )
    return sorted(items, key=lambda item: -item.weight)


def generate_review(items: list[ReviewItem], fmt: str = "text", out_dir: str | Path = "build") -> Iterator[str]:
    """Lines of the review: ``text`` for reading, ``yaml`` for a corrections file (each decision commented out)."""
    if fmt == "yaml":
        yield f"# tipgraph review of {out_dir}: under each item, uncomment the one decision you agree with (delete the leading '# '),"
        yield f"# add a note, by and date if you like, and rebuild: tipgraph build DOCS --out {out_dir} --corrections THIS_FILE"
    for section, title in SECTIONS.items():
        listed = [item for item in items if item.section == section]
        if fmt == "yaml":
            yield ""
            yield f"# ---- {title} ({len(listed)})"
        else:
            yield f"{title} ({len(listed)})" + ("" if listed else ": none")
        for number, item in enumerate(listed, 1):
            if fmt == "yaml":
                yield f"# {number}. {item.reason}"
                yield from (f"#      {line}" for line in item.evidence)
                yield from (f"# {decision}" for decision in item.decisions)
            else:
                yield f"  {number}. {item.reason}"
                yield from (f"       {line}" for line in item.evidence)
