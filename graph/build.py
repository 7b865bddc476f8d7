"""``tipgraph build``: documents in, Turtle, NetworkX files and the HTML view out.

>>> summary = build_corpus(["seeds"], "build")  # doctest: +SKIP
>>> summary.outputs["turtle"]  # doctest: +SKIP
PosixPath('build/graph.ttl')
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from extractors.pipeline import DEFAULT_MODEL, SourceDocument, extract_documents, load_pipeline
from extractors.reading import Skipped, UnreadableDocument, collect_files, read_source
from extractors.records import DocumentRecord

from .html import write_html
from .nx import rdf_to_networkx, write_graphml, write_node_link_json
from .rdf import corpus_to_rdf, write_turtle
from .resolve import Corpus, resolve_corpus

OUTPUT_FILES = {"turtle": "graph.ttl", "html": "graph.html", "graphml": "graph.graphml", "json": "graph.json"}


@dataclass
class BuildSummary:
    """What a build read, skipped and wrote."""

    documents: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    entities_by_class: Counter = field(default_factory=Counter)
    relations_by_type: Counter = field(default_factory=Counter)
    outputs: dict[str, Path] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)


class NothingToBuild(RuntimeError):
    """No document could be read from the given paths."""


def read_sources(paths: Iterable[str | Path], skipped: list[Skipped]) -> Iterator[SourceDocument]:
    """Yield each readable document once; duplicates (same bytes) add their name to the first."""
    for item in collect_files(paths):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        try:
            yield read_source(item)
        except UnreadableDocument as error:
            skipped.append(Skipped(str(item), str(error)))


def merge_duplicates(records: Iterable[DocumentRecord]) -> list[DocumentRecord]:
    """One record per distinct content, carrying every name it was read under."""
    by_hash: dict[str, DocumentRecord] = {}
    for record in records:
        if record.sha256 in by_hash:
            first = by_hash[record.sha256]
            first.names.extend(n for n in record.names if n not in first.names)
        else:
            by_hash[record.sha256] = record
    return list(by_hash.values())


def build_corpus(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    model: str = DEFAULT_MODEL,
    progress: Callable[[str], None] | None = None,
) -> BuildSummary:
    """Read, extract, resolve and write every output under ``out_dir``."""
    out_dir = Path(out_dir)
    summary = BuildSummary()
    started = time.perf_counter()
    nlp = load_pipeline(model)
    summary.seconds["load model"] = time.perf_counter() - started

    started = time.perf_counter()
    records = []
    for record in extract_documents(nlp, read_sources(paths, summary.skipped)):
        records.append(record)
        if progress:
            progress(record.name)
    records = merge_duplicates(records)
    summary.seconds["extract"] = time.perf_counter() - started
    if not records:
        raise NothingToBuild("no document could be read: " + "; ".join(map(str, summary.skipped)) if summary.skipped else "no document found")
    summary.documents = [name for record in records for name in record.names]

    started = time.perf_counter()
    corpus = resolve_corpus(records)
    summary.seconds["resolve"] = time.perf_counter() - started
    started = time.perf_counter()
    summary.outputs = write_outputs(corpus, out_dir)
    summary.seconds["write"] = time.perf_counter() - started
    summary.entities_by_class = Counter(node.cls for node in corpus.entities.values())
    summary.relations_by_type = Counter(r.kind for record in records for r in record.relations)
    return summary


def write_outputs(corpus: Corpus, out_dir: Path) -> dict[str, Path]:
    """Write the four outputs; each appears complete or keeps its previous content."""
    rdf = corpus_to_rdf(corpus)
    network = rdf_to_networkx(rdf)
    outputs = {kind: out_dir / name for kind, name in OUTPUT_FILES.items()}
    write_turtle(rdf, outputs["turtle"])
    write_node_link_json(network, outputs["json"])
    write_graphml(network, outputs["graphml"])
    write_html(network, outputs["html"])
    return outputs
