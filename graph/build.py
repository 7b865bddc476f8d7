"""``tipgraph build``: documents in, Turtle, NetworkX files and the HTML view out.

The build streams: each file is read, hashed and either found in the record
cache (``OUT/.cache/records``, see :mod:`graph.cache`) or sent to an
extraction engine (this process, a pool of ``workers`` processes, or a Dask
cluster); only the small records are kept, never the texts. The records are
then merged (:func:`graph.resolve.resolve_corpus`) in the order the files were
found, so the graph does not depend on how many workers made them.

>>> summary = build_corpus(["seeds"], "build")  # doctest: +SKIP
>>> summary.outputs["turtle"]  # doctest: +SKIP
PosixPath('build/graph.ttl')
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from extractors.pipeline import DEFAULT_MODEL, SourceDocument
from extractors.reading import Skipped, UnreadableDocument, collect_files, read_source
from extractors.records import DocumentRecord

from .cache import RecordCache, model_fingerprint
from .html import write_html
from .io import ensure_writable_folder
from .nx import rdf_to_networkx, write_graphml, write_node_link_json
from .parallel import InProcessEngine, ProcessPoolEngine
from .progress import BuildReporter
from .rdf import corpus_to_rdf, write_turtle
from .resolve import Corpus, resolve_corpus

OUTPUT_FILES = {"turtle": "graph.ttl", "html": "graph.html", "graphml": "graph.graphml", "json": "graph.json"}


@dataclass
class BuildSummary:
    """What a build read, skipped and wrote, and where the time went (seconds per stage)."""

    documents: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    entities_by_class: Counter = field(default_factory=Counter)
    relations_by_type: Counter = field(default_factory=Counter)
    outputs: dict[str, Path] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    extracted: int = 0  # documents run through the pipeline
    cached: int = 0  # documents whose record came from the cache


class SkippedInputs(RuntimeError):
    """``strict`` was asked for and some inputs could not be read; nothing was written."""

    def __init__(self, skipped: list[Skipped]):
        self.skipped = skipped
        super().__init__(f"{len(skipped)} file(s) could not be read and --strict is on: nothing written; fix or remove them, or build without --strict")


class NothingToBuild(RuntimeError):
    """No document could be read from the given paths."""


def read_sources(paths: Iterable[str | Path], skipped: list[Skipped]) -> Iterator[SourceDocument]:
    """Yield each readable document, one at a time; each unreadable file adds a line to ``skipped``."""
    for item in collect_files(paths):
        if isinstance(item, Skipped):
            skipped.append(item)
            continue
        try:
            yield read_source(item)
        except UnreadableDocument as error:
            skipped.append(Skipped(str(item), str(error)))


class StageClock:
    """Adds the time spent in each stage to ``seconds``."""

    def __init__(self, seconds: dict[str, float]):
        self.seconds = seconds

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started


def make_engine(model: str, workers: int, dask: str | None, fingerprint: str):
    """The extraction engine for the options: in this process, a process pool or a Dask cluster."""
    if dask:
        from .distributed import DaskEngine

        return DaskEngine(dask, model, fingerprint, workers=workers if workers > 1 else None)
    if workers > 1:
        return ProcessPoolEngine(model, workers, fingerprint)
    return InProcessEngine(model)


def build_corpus(
    paths: Iterable[str | Path],
    out_dir: str | Path,
    model: str = DEFAULT_MODEL,
    *,
    workers: int = 1,
    dask: str | None = None,
    use_cache: bool = True,
    progress: BuildReporter | None = None,
    strict: bool = False,
    layout: str = "force",
) -> BuildSummary:
    """Read, extract (or take from the cache), resolve and write every output under ``out_dir``.

    ``workers`` > 1 runs extraction in that many processes; ``dask`` (a
    scheduler address or ``"local"``) runs it on a Dask cluster instead.
    ``use_cache=False`` extracts every document again (the cache is refreshed).
    ``strict`` raises :class:`SkippedInputs` before writing anything if any input was skipped.
    ``layout`` is how graph.html first lays the graph out: ``"force"`` or ``"geo"`` (places on a map).
    """
    reporter = progress or BuildReporter()
    try:
        return _build(paths, Path(out_dir), model, workers, dask, use_cache, reporter, strict=strict, layout=layout)
    finally:
        reporter.finish()


def _build(paths, out_dir: Path, model: str, workers: int, dask: str | None, use_cache: bool, reporter: BuildReporter, strict: bool = False, layout: str = "force") -> BuildSummary:
    summary = BuildSummary()
    ensure_writable_folder(out_dir)  # a bad --out fails now, not after the extraction
    clock = StageClock(summary.seconds)

    with clock("collect"):
        files: list[Path] = []
        for item in collect_files(paths, exclude=[out_dir]):
            if isinstance(item, Skipped):
                summary.skipped.append(item)
            else:
                files.append(item)
    fingerprint = model_fingerprint(model)
    cache = RecordCache(out_dir, fingerprint)
    engine = make_engine(model, workers, dask, fingerprint)
    reporter.start(len(files))

    names: dict[str, list[str]] = {}  # sha256 -> file names, in the order first found
    records: dict[str, DocumentRecord] = {}

    def to_extract() -> Iterator[SourceDocument]:
        """The documents that need the pipeline; cached and duplicate ones are settled here."""
        reading = read_sources(files, summary.skipped)
        while True:
            seen_skips = len(summary.skipped)
            with clock("read"):
                source = next(reading, None)
            for skip in summary.skipped[seen_skips:]:
                reporter.advance(skip.path, "skipped")
            if source is None:
                return
            if source.sha256 in names:
                names[source.sha256].extend(n for n in source.names if n not in names[source.sha256])
                reporter.advance(source.names[0], "duplicate")
                continue
            names[source.sha256] = list(source.names)
            with clock("cache"):
                record = cache.get(source.sha256) if use_cache else None
            if record is not None:
                records[source.sha256] = record
                summary.cached += 1
                reporter.advance(source.names[0], "cached")
                continue
            yield source

    started = time.perf_counter()
    try:
        for data in engine(to_extract()):
            with clock("cache"):
                cache.put(data)
            record = DocumentRecord.from_dict(data)
            records[record.sha256] = record
            summary.extracted += 1
            reporter.advance(record.name, "extracted")
    finally:
        engine.close()
    streamed = time.perf_counter() - started
    summary.seconds["load model"] = engine.seconds_loading
    summary.seconds["extract"] = streamed - engine.seconds_loading - summary.seconds.get("read", 0) - summary.seconds.get("cache", 0)

    if not records:
        raise NothingToBuild("no document could be read: " + "; ".join(map(str, summary.skipped)) if summary.skipped else "no document found")
    ordered = []
    for sha, document_names in names.items():  # the order files were found in, whatever order workers finished in
        record = records[sha]
        record.names = document_names
        ordered.append(record)
    with clock("cache"):
        cache.prune(set(names))
    summary.documents = [name for record in ordered for name in record.names]

    if strict and summary.skipped:
        raise SkippedInputs(summary.skipped)  # before writing: the previous outputs stay
    reporter.stage("resolve")
    with clock("resolve"):
        corpus = resolve_corpus(ordered)
    summary.outputs = write_outputs(corpus, out_dir, clock, reporter, layout=layout)
    summary.entities_by_class = Counter(node.cls for node in corpus.entities.values())
    summary.relations_by_type = Counter(r.kind for record in ordered for r in record.relations)
    return summary


def write_outputs(corpus: Corpus, out_dir: Path, clock: StageClock | None = None, reporter: BuildReporter | None = None, layout: str = "force") -> dict[str, Path]:
    """Write the four outputs; each appears complete or keeps its previous content."""
    clock = clock or StageClock({})
    reporter = reporter or BuildReporter()
    outputs = {kind: out_dir / name for kind, name in OUTPUT_FILES.items()}
    with clock("rdf"):
        rdf = corpus_to_rdf(corpus)
    with clock("networkx"):
        network = rdf_to_networkx(rdf)
    writers = {
        "turtle": lambda path: write_turtle(rdf, path),
        "json": lambda path: write_node_link_json(network, path),
        "graphml": lambda path: write_graphml(network, path),
        "html": lambda path: write_html(network, path, layout=layout),
    }
    for kind, write in writers.items():
        reporter.stage(f"write {kind}")
        with clock(f"write {kind}"):
            write(outputs[kind])
    return outputs
