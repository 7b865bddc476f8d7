"""Worker processes of a build: they die with the build, and a worker that dies costs its documents only.

A ``--workers N`` build runs extraction in a pool of processes it starts
(:class:`tipgraph.graph.build.parallel.ProcessPoolEngine`). Two things can go
wrong with processes that a single-process build never meets:

* **The build dies first** (SIGKILL, SIGTERM, a closed terminal): its workers
  would go on as orphans, each holding a loaded model, forever.
  :func:`start_worker` is the pool's initialiser: on Linux it asks the kernel
  to kill the worker when its parent goes (``PR_SET_PDEATHSIG``), and on every
  system a watchdog thread checks once in a while that the parent is still the
  one that started it, and ends the worker if not. Once the workers are gone,
  multiprocessing's resource tracker sees its last writer close and ends too.
* **A worker dies** (killed by the OS, out of memory, a crash in a native
  library): the pool breaks and every batch it held fails with
  ``BrokenProcessPool``. The engine starts a fresh pool and runs those
  documents again one at a time; a document on which a worker dies a second
  time is skipped (:class:`tipgraph.graph.build.parallel.WorkerDied`), and the
  build goes on.

PR_SET_PDEATHSIG fires when the *thread* that started the worker ends: the
pool starts its workers from the thread that submits work, the one running the
build, so they live as long as the build does.

>>> WATCHDOG_SECONDS  # at most this long between the build's death and its workers'
0.5
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
import sys
import threading

# How often (seconds) a worker's watchdog checks that the build that started it is alive.
WATCHDOG_SECONDS = 0.5
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_FREEZE_MODELS = False  # see freeze_loaded_models: a program's choice for its own process, never a library's


def freeze_loaded_models() -> None:
    """Called by a program that owns its process (``tipgraph build``, a pool worker), never by the library.

    From then on each model loaded (:func:`tipgraph.graph.build.parallel.pipeline_for`), and
    everything loaded before it, is moved out of the cyclic collector's reach (``gc.freeze``):
    the model and gazetteers are a few million long-lived objects that every full collection
    would otherwise scan again (a third of the relation step's time, measured). A notebook or
    program that imports tipgraph keeps its collector as it was.
    """
    global _FREEZE_MODELS
    _FREEZE_MODELS = True
    gc.freeze()


def freezing_models() -> bool:
    """Whether this process's program asked for :func:`freeze_loaded_models`."""
    return _FREEZE_MODELS


def start_worker(parent: int) -> None:
    """Pool initialiser: end this worker when the process ``parent`` (the build) is gone; freeze its model once loaded."""
    _die_with_parent()
    if os.getppid() != parent:  # the build died before the line above took effect
        os._exit(1)
    threading.Thread(target=_watch, args=(parent,), name="tipgraph-watchdog", daemon=True).start()
    freeze_loaded_models()  # this process is the build's own


def _die_with_parent() -> None:
    """Linux only: the kernel sends this process SIGKILL when the thread that started it ends."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except (OSError, AttributeError):  # no prctl here: the watchdog alone does it
        pass


def _watch(parent: int) -> None:
    # A dead parent's children are adopted by init (or a subreaper): the parent id changes.
    stopped = threading.Event()
    while not stopped.wait(WATCHDOG_SECONDS):
        if os.getppid() != parent:
            os._exit(1)
