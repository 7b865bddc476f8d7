"""``tipgraph build``: documents in, Turtle, NetworkX files and the HTML view out.

The build streams: each file is read, hashed and either found in the record
cache (``OUT/.cache/records``, see :mod:`tipgraph.graph.build.cache`) or sent to an
extraction engine (this process, a pool of ``workers`` processes, or a Dask
cluster); only the small records are kept, never the texts. The records are
then merged (:func:`tipgraph.graph.resolve.resolve_corpus`) in the order the files were
found, so the graph does not depend on how many workers made them.

A document the pipeline raises on (an extractor bug) is skipped with the
error as its reason, like an unreadable file; the other documents of its
batch are extracted and cached, and the four outputs are replaced together
or not at all. A build of the seeds (not run as a doctest: it writes
``build/``)::

    summary = build_corpus(["seeds"], "build")
    summary.outputs["turtle"]  # PosixPath('build/graph.ttl')
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from tipgraph.extractors.ingest.document import SourceDocument
from tipgraph.extractors.ingest.reading import Skipped, UnreadableDocument, read_source
from tipgraph.extractors.pipeline import DEFAULT_MODEL
from tipgraph.extractors.records import DocumentRecord
from tipgraph.graph.build.cache import RecordCache, model_fingerprint
from tipgraph.graph.build.inputs import check_inputs_exist, check_not_shrunk, collect_inputs, document_names
from tipgraph.graph.build.parallel import ExtractionFailed, InProcessEngine, ProcessPoolEngine
from tipgraph.graph.build.progress import LOADING_MODEL, BuildReporter
from tipgraph.graph.build.writing import StageClock, write_outputs
from tipgraph.graph.curation import CurationReport, curate, find_corrections, load_decisions
from tipgraph.graph.io import ensure_writable_folder
from tipgraph.graph.resolve import resolve_corpus


@dataclass
class BuildSummary:
    """What a build read, skipped and wrote, and where the time went (seconds per stage).

    ``documents`` names each document in the graph once (by its first file
    name); ``files`` holds the path of every file they were read from: a file
    with the same bytes as an earlier one is a duplicate, one more name of the
    same document. ``skipped`` has a line for every file left out, whether it
    could not be read or the pipeline failed on it (then ``tracebacks`` says
    where).
    """

    documents: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    entities_by_class: Counter = field(default_factory=Counter)
    relations_by_type: Counter = field(default_factory=Counter)
    outputs: dict[str, Path] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    extracted: int = 0  # documents run through the pipeline
    cached: int = 0  # documents whose record came from the cache
    tracebacks: dict[str, str] = field(default_factory=dict)  # skipped path -> where its extraction failed
    curation: CurationReport | None = None  # what the corrections file did (None: no file)
    warnings: list[str] = field(default_factory=list)  # what the build set right on its own (a bad cache record)

    @property
    def duplicates(self) -> int:
        """Files read whose bytes an earlier file already had."""
        return len(self.files) - len(self.documents)


class SkippedInputs(RuntimeError):
    """``strict`` was asked for and some inputs were skipped; nothing was written."""

    def __init__(self, skipped: list[Skipped]):
        self.skipped = skipped
        super().__init__(
            f"{len(skipped)} file(s) were skipped and --strict is on: nothing written; fix or remove them, or build without --strict"
        )


class NothingToBuild(RuntimeError):
    """No document could be read from the given paths."""


def make_engine(model: str, workers: int, dask: str | None, fingerprint: str):
    """The extraction engine for the options: in this process, a process pool or a Dask cluster."""
    if dask:
        from tipgraph.graph.build.distributed import DaskEngine

        return DaskEngine(dask, model, fingerprint, workers=workers if workers > 1 else None)
    if workers > 1:
        return ProcessPoolEngine(model, workers, fingerprint)
    return InProcessEngine(model, fingerprint)


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
    corrections: str | Path | None = None,
    force: bool = False,
    follow_symlinks: bool = False,
) -> BuildSummary:
    """Read, extract (or take from the cache), resolve and write every output under ``out_dir``.

    ``workers`` > 1 runs extraction in that many processes; ``dask`` (a
    scheduler address or ``"local"``) runs it on a Dask cluster instead.
    ``use_cache=False`` extracts every document again (the cache is refreshed).
    ``strict`` raises :class:`SkippedInputs` before writing anything if any input was skipped,
    and :class:`~tipgraph.graph.curation.StaleCorrections` if a correction is stale.
    ``corrections`` is a corrections file (default ``out_dir/corrections.yaml`` if present):
    its decisions are applied after resolution, before any output is written.
    ``layout`` is how graph.html first lays the graph out: ``"force"`` or ``"geo"`` (places on a map).
    A path that does not exist raises :class:`~tipgraph.graph.build.inputs.InputNotFound`, and inputs of
    less than half the files of the last build into ``out_dir`` raise ``InputsShrank`` unless ``force``: both before
    anything is written. The record cache is never pruned here (``tipgraph cache prune`` does it).
    The build's own outputs are never read, even with ``out_dir`` among ``paths``; a symbolic
    link out of ``paths`` is skipped unless ``follow_symlinks``.
    """
    inputs = [Path(path) for path in paths]
    check_inputs_exist(inputs, Path(out_dir))
    reporter = progress or BuildReporter()
    try:
        return _build(
            inputs,
            Path(out_dir),
            model,
            workers,
            dask,
            use_cache,
            reporter,
            strict,
            layout,
            corrections=corrections,
            force=force,
            follow_symlinks=follow_symlinks,
        )
    finally:
        reporter.finish()


def _build(
    paths,
    out_dir: Path,
    model: str,
    workers: int,
    dask: str | None,
    use_cache: bool,
    reporter: BuildReporter,
    strict: bool = False,
    layout: str = "force",
    corrections: str | Path | None = None,
    force: bool = False,
    follow_symlinks: bool = False,
) -> BuildSummary:
    summary = BuildSummary()
    ensure_writable_folder(out_dir)  # a bad --out fails now, not after the extraction
    corrections = find_corrections(out_dir, corrections)
    decisions = load_decisions(corrections) if corrections else None  # a bad file fails now too
    clock = StageClock(summary.seconds)

    with clock("collect"):
        files, skipped = collect_inputs(paths, out_dir, follow_symlinks)
        summary.skipped.extend(skipped)
    check_not_shrunk(len(files), out_dir, force)
    fingerprint = model_fingerprint(model)
    cache = RecordCache(out_dir, fingerprint)
    reporter.start(len(files))
    intake = _Intake(summary, reporter, clock, cache, use_cache, document_names(files, paths))
    _extract(make_engine(model, workers, dask, fingerprint), intake, files)
    ordered = intake.ordered()
    check_not_shrunk(len(ordered), out_dir, force, "documents")
    summary.files = [str(path) for sha in intake.names if sha not in intake.failures for path in intake.files_of[sha]]
    summary.documents = [record.name for record in ordered]

    if strict and summary.skipped:
        raise SkippedInputs(summary.skipped)  # before writing: the previous outputs stay
    reporter.stage("resolve")
    with clock("resolve"):
        corpus = resolve_corpus(ordered)
    if decisions is not None:
        with clock("curate"):
            corpus = curate(
                corpus, decisions, str(corrections), lambda sha: _text_of(intake.files_of[sha]), strict=strict
            )
        summary.curation = corpus.report
    manifest = {"documents": summary.documents, "files": len(files), "sha256": [r.sha256 for r in ordered]}
    paths_of = {name: intake.files_of[record.sha256] for record in ordered for name in record.names}
    texts = lambda name: _text_of(paths_of[name]) if name in paths_of else None  # noqa: E731
    summary.outputs = write_outputs(corpus, out_dir, clock, reporter, layout=layout, manifest=manifest, texts=texts)
    summary.entities_by_class = Counter(node.cls for node in corpus.entities.values())
    summary.relations_by_type = Counter(relation.kind for _, relation, _ in corpus.statements())
    return summary


def _announcing_the_model(sources: Iterator[SourceDocument], reporter: BuildReporter) -> Iterator[SourceDocument]:
    """``sources``, saying "loading model…" when the engine takes the first: it loads the model before extracting it."""
    for number, source in enumerate(sources):
        if number == 0:
            reporter.stage(LOADING_MODEL)
        yield source


def _extract(engine, intake: _Intake, files: list[Path]) -> None:
    """Run the engine over the files the intake does not settle itself; time it by stage."""
    started = time.perf_counter()
    try:
        for outcome in engine(_announcing_the_model(intake.to_extract(files), intake.reporter)):
            intake.take(outcome)
    finally:
        engine.close()
    streamed = time.perf_counter() - started
    seconds = intake.summary.seconds
    seconds["load model"] = engine.seconds_loading
    seconds["extract"] = streamed - engine.seconds_loading - seconds.get("read", 0) - seconds.get("cache", 0)


@dataclass
class _Intake:
    """What a build has seen of its documents, by sha256: names, files, records, failures."""

    summary: BuildSummary
    reporter: BuildReporter
    clock: StageClock
    cache: RecordCache
    use_cache: bool
    name_of: dict[Path, str] = field(default_factory=dict)  # what each file is called (inputs.document_names)
    names: dict[str, list[str]] = field(default_factory=dict)  # file names, in the order first found
    files_of: dict[str, list[Path]] = field(default_factory=dict)  # its files, for the skip lines that name them
    records: dict[str, DocumentRecord] = field(default_factory=dict)
    failures: dict[str, ExtractionFailed] = field(default_factory=dict)  # why the pipeline failed on it

    def skip(self, path: Path | str, reason: str) -> None:
        self.summary.skipped.append(Skipped(str(path), reason))
        self.reporter.advance(str(path), "skipped")

    def to_extract(self, files: list[Path]) -> Iterator[SourceDocument]:
        """The documents that need the pipeline; unreadable, duplicate and cached ones are settled here."""
        for path in files:
            with self.clock("read"):
                try:
                    source = read_source(path)
                    source = replace(source, names=(self.name_of.get(path, path.name),))
                except UnreadableDocument as error:
                    source = None
                    reason = str(error)
            if source is None:
                self.skip(path, reason)
            elif not self._seen_before(source, path) and not self._cached(source):
                yield source

    def _seen_before(self, source: SourceDocument, path: Path) -> bool:
        sha = source.sha256
        if sha not in self.names:
            self.names[sha] = list(source.names)
            self.files_of[sha] = [path]
            return False
        self.names[sha].extend(n for n in source.names if n not in self.names[sha])
        self.files_of[sha].append(path)
        if sha in self.failures:  # the same bytes fail the same way
            self.skip(path, self.failures[sha].reason)
            self.summary.tracebacks[str(path)] = self.failures[sha].traceback
        else:
            self.reporter.advance(source.names[0], "duplicate")
        return True

    def _cached(self, source: SourceDocument) -> bool:
        with self.clock("cache"):
            record = self.cache.get(source.sha256) if self.use_cache else None
        if record is None:
            if source.sha256 in self.cache.dropped:
                reason = self.cache.dropped.pop(source.sha256)
                self.summary.warnings.append(
                    f"{self.files_of[source.sha256][0]}: cached record dropped ({reason}); extracted again"
                )
            return False
        self.records[source.sha256] = record
        self.summary.cached += 1
        self.reporter.advance(source.names[0], "cached")
        return True

    def take(self, outcome) -> None:
        """One document's outcome from the engine: its record, or why the pipeline failed on it."""
        if isinstance(outcome, ExtractionFailed):  # never cached: the next build tries it again
            self.failures[outcome.sha256] = outcome
            first, *copies = self.files_of[outcome.sha256]
            self.skip(first, outcome.reason)
            # copies read so far were already counted as duplicates on the progress bar
            self.summary.skipped.extend(Skipped(str(path), outcome.reason) for path in copies)
            self.summary.tracebacks.update((str(path), outcome.traceback) for path in self.files_of[outcome.sha256])
            return
        with self.clock("cache"):
            self.cache.put(outcome)
        record = DocumentRecord.from_dict(outcome)
        self.records[record.sha256] = record
        self.summary.extracted += 1
        self.reporter.advance(record.name, "extracted")

    def ordered(self) -> list[DocumentRecord]:
        """The records in the order their files were found, whatever order workers finished in."""
        if not self.records:
            skipped = self.summary.skipped
            raise NothingToBuild(
                "no document could be read or extracted: " + "; ".join(map(str, skipped))
                if skipped
                else "no document found"
            )
        ordered = []
        for sha, names in self.names.items():
            if sha in self.failures:
                continue
            record = self.records[sha]
            record.names = names
            ordered.append(record)
        return ordered


def _text_of(paths: list[Path]) -> str | None:
    """A document's text, for the evidence of a statement a reviewer adds (None: it went away mid-build)."""
    try:
        return read_source(paths[0]).text
    except UnreadableDocument:
        return None
