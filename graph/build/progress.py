"""Progress of a build: what :func:`tipgraph.graph.build.corpus.build_corpus` reports while it runs.

:class:`BuildReporter` does nothing; subclass it to show progress.
:class:`RichReporter` is the terminal bar of ``tipgraph build``: documents done
out of the total, documents per second and the time left.

>>> class Count(BuildReporter):
...     done = 0
...     def advance(self, name, outcome):
...         self.done += 1
>>> reporter = Count()
>>> reporter.advance("a.txt", "extracted")
>>> reporter.done
1
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.progress import TaskID

# What became of one file: its record was extracted, came from the cache, was the
# same bytes as an earlier file, or the file was left out (it could not be read,
# or the pipeline failed on it).
OUTCOMES = ("extracted", "cached", "duplicate", "skipped")
# The stage while the model loads (seconds) before the first document is extracted: the bar would sit at 0 silently.
LOADING_MODEL = "loading model…"


class BuildReporter:
    """Told of each step of a build; every method does nothing here."""

    def start(self, total: int) -> None:
        """The build found ``total`` files to read."""

    def advance(self, name: str, outcome: str) -> None:
        """One file is done; ``outcome`` is one of :data:`OUTCOMES`."""

    def stage(self, name: str) -> None:
        """A stage after extraction begins (``resolve``, ``write turtle``...)."""

    def finish(self) -> None:
        """The build is over."""


class RichReporter(BuildReporter):
    """A progress bar with documents per second and the time left, drawn by rich."""

    def __init__(self, console: Any = None):
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self.progress = Progress(
            TextColumn("{task.description:<16}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=False,
        )
        self.task: TaskID | None = None
        self.cached = 0

    def start(self, total: int) -> None:
        if not total:  # nothing to read (the build is about to say why): no empty bar before the error
            return
        self.progress.start()
        self.task = self.progress.add_task("extracting", total=total, rate="")

    def advance(self, name: str, outcome: str) -> None:
        if self.task is None:
            return
        self.cached += outcome == "cached"
        speed = self.progress.tasks[0].speed if self.progress.tasks else None
        rate = f"{speed:.1f} docs/s" if speed else ""
        if self.cached:
            rate += f" ({self.cached} cached)"
        if self.progress.tasks[0].description == LOADING_MODEL:  # the first document: the model has loaded
            self.progress.update(self.task, description="extracting")
        self.progress.update(self.task, advance=1, rate=rate)

    def stage(self, name: str) -> None:
        if self.task is not None:
            self.progress.update(self.task, description=name)

    def finish(self) -> None:
        if self.task is not None:
            self.progress.update(self.task, description="done")
            self.progress.stop()
            self.task = None
