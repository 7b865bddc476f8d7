"""A stand-in for an extractor bug that one document triggers, for the isolation tests.

``save_failing_pipeline`` saves the default spaCy model plus one component,
``tipgraph_test_failure``, that raises when a document holds one of the
:data:`FAILURES` marker words; a build given that folder as its ``model``
runs the real pipeline (tipgraph's components are added on load as always)
with a bug on exactly those documents.

A process that loads the folder needs the component's factory registered,
that is, this module imported. The test process imports it; worker
processes (a process pool, Dask workers) import it when they unpickle a
:class:`MarkedSource`, before they load the pipeline, so a test makes the
build read every file as a ``MarkedSource``. Nothing in tipgraph knows of this.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from tipgraph.extractors.ingest.document import SourceDocument
from tipgraph.extractors.pipeline import DEFAULT_MODEL

# A marker word in a document's text -> what the component raises on that document.
FAILURES = {
    "FAILTRIGGER_VALUE": ValueError,
    "FAILTRIGGER_MEMORY": MemoryError,
    "FAILTRIGGER_INTERRUPT": KeyboardInterrupt,
    "FAILTRIGGER_EXIT": SystemExit,
}


# A marker word -> the process running the pipeline dies (SIGKILL, as the OS's out-of-memory
# killer does): always, or only the first time (while the file named by DIE_ONCE_FLAG is absent).
DIE = "FAILTRIGGER_DIE"
DIE_ONCE = "FAILTRIGGER_ONCE"
DIE_ONCE_FLAG = "TIPGRAPH_TEST_DIED_ONCE"  # environment variable: a file path


def _die_here() -> None:
    if multiprocessing.parent_process() is None:  # never the test process itself
        raise RuntimeError("a dying-worker marker outside a worker process")
    os.kill(os.getpid(), signal.SIGKILL)


@Language.component("tipgraph_test_failure")
def fail_on_marker(doc: Doc) -> Doc:
    if DIE in doc.text:
        _die_here()
    flag = os.environ.get(DIE_ONCE_FLAG)
    if DIE_ONCE in doc.text and flag and not Path(flag).exists():
        Path(flag).touch()
        _die_here()
    for marker, error in FAILURES.items():
        if marker in doc.text:
            raise error(f"test failure on {marker}")
    return doc


class MarkedSource(SourceDocument):
    """A :class:`SourceDocument` whose class lives here: a worker unpickling one imports this module."""

    @classmethod
    def of(cls, source: SourceDocument) -> MarkedSource:
        return cls(source.names, source.text, source.sha256)


def save_failing_pipeline(folder: Path) -> str:
    """Save the default model plus the failing component in ``folder``; return it as a ``model`` argument."""
    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("tipgraph_test_failure")
    nlp.meta["name"] = f"{nlp.meta['name']}_failing_test"  # its own pipeline fingerprint and cache key
    nlp.to_disk(folder)
    return str(folder)
