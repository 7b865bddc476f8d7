"""Writing output files so that a reader never sees half of one.

Every output (the four graph files, cache entries) is written to a hidden
temporary file in the same folder, flushed to disk and renamed over the
target, so a build that is interrupted, killed or out of disk space leaves
each file with either its previous content or its complete new content.
Temporary files are named ``.<name>.<pid>.<random>.tmp``: hidden, with a
suffix no reader takes for an output, and with the writer's process id so
that :func:`remove_stale_temporaries` can tidy those of a killed build
without touching a concurrent one's.

A set of files that belong together (a build's four outputs) is written with
:func:`atomic_write_many`: every file is staged first and the set is renamed
into place together at the end, so a reader finds either all the previous
files or all the new ones.

>>> import tempfile, pathlib
>>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
>>> with atomic_write(target) as handle:
...     _ = handle.write("complete")
>>> target.read_text()
'complete'
"""

from __future__ import annotations

import errno
import os
import re
import signal
import tempfile
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

_TEMPORARY = re.compile(r"^\..+\.(\d+)\.[^.]+\.tmp$")


class OutputFolderError(RuntimeError):
    """The output folder cannot be created or written; the message says why and what to do."""


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


# Read once, at import: changing the umask to read it races with threads creating files.
_UMASK = _read_umask()


@contextmanager
def atomic_write(path: str | Path, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temporary file beside ``path``; rename it into place on success.

    On any error (or a kill) the temporary file is removed or left as a
    hidden ``.tmp`` that no reader takes for an output, and ``path`` keeps
    its previous content. The new file gets the permissions of the file it
    replaces, or the usual ones for a new file (not mkstemp's 0600).
    """
    path = Path(path)
    temporary: Path | None = None
    try:
        with _signals_held():  # a Ctrl-C comes once the temporary is known, so that it is removed
            temporary = _stage(path)
        with open(temporary, mode, encoding=None if "b" in mode else encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        _fsync_folder(path.parent)
    except BaseException:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise


def write_chunks(path: str | Path, chunks: Iterable[str]) -> None:
    """Write the text ``chunks`` to ``path`` with :func:`atomic_write`: what every ``write_*`` does."""
    with atomic_write(path) as handle:
        for chunk in chunks:
            handle.write(chunk)


def _default_permissions(path: Path) -> int:
    """The permissions of the file ``path`` replaces, or the usual ones for a new file."""
    try:
        return path.stat().st_mode & 0o7777
    except FileNotFoundError:
        return 0o666 & ~_UMASK


@contextmanager
def atomic_write_many(paths: Iterable[str | Path]) -> Iterator[dict[Path, Path]]:
    """Stage a set of files and replace them together: all new, or all as they were.

    Yields, for each target path, a temporary path beside it; write each one
    completely, with any writer (one that itself uses :func:`atomic_write`
    too). When the block ends without an error, the staged files are
    flushed to disk and renamed over their targets in one burst, with Ctrl-C
    and SIGTERM held back until the last rename, so the set changes in a
    few system calls. On any error in the block no target is touched and
    every staged file is removed; after a SIGKILL the staged files stay as
    hidden ``.tmp`` files that :func:`remove_stale_temporaries` tidies.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_write_many([folder / "graph.ttl", folder / "graph.json"]) as staged:
    ...     for target, temporary in staged.items():
    ...         _ = temporary.write_text(f"new {target.name}")
    >>> sorted((p.name, p.read_text()) for p in folder.iterdir())
    [('graph.json', 'new graph.json'), ('graph.ttl', 'new graph.ttl')]
    """
    targets = list(dict.fromkeys(Path(p) for p in paths))
    staged: dict[Path, Path] = {}
    try:
        for target in targets:
            with _signals_held():  # a Ctrl-C comes once the temporary is in ``staged``, so that it is removed
                staged[target] = _stage(target)
        yield staged
        for target in targets:
            if target.is_dir():  # the one rename that would fail midway: refuse before the first
                raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(target))
            _fsync_file(staged[target])
        with _signals_held():
            for target in targets:
                os.replace(staged[target], target)
            for folder in dict.fromkeys(target.parent for target in targets):
                _fsync_folder(folder)
    except BaseException:
        for temporary in staged.values():
            temporary.unlink(missing_ok=True)  # the ones already renamed are gone
        raise


def _stage(target: Path) -> Path:
    """An empty temporary file beside ``target``, with the permissions ``target`` will have."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp")
    except OSError as error:  # name the file the user asked for, not our temporary
        raise type(error)(error.errno, error.strerror, str(target)) from error
    try:
        os.fchmod(fd, _default_permissions(target))
    finally:
        os.close(fd)
    return Path(name)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def _signals_held(signals: tuple[signal.Signals, ...] = (signal.SIGINT, signal.SIGTERM)) -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM back during the block, then deliver them.

    Handlers can only be set in the main thread; elsewhere the block runs unguarded.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    received: list[int] = []
    previous = {}
    for number in signals:
        handler = signal.getsignal(number)
        if handler is None:  # set outside Python: leave it alone
            continue
        previous[number] = handler
        signal.signal(number, lambda got, frame: received.append(got))
    try:
        yield
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
        for signum in dict.fromkeys(received):
            signal.raise_signal(signum)  # now handled as usual: KeyboardInterrupt, or the end of the process


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder entry is on disk.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def pid_alive(pid: int) -> bool:
    """Is process ``pid`` running (one of another user counts)?"""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def remove_stale_temporaries(folder: str | Path) -> list[Path]:
    """Delete the temporary files that killed writers left in ``folder``; return them.

    Only files named by :func:`atomic_write` whose process is gone are
    removed, so a build writing into the same folder at the same time keeps
    its own.
    """
    removed: list[Path] = []
    folder = Path(folder)
    if not folder.is_dir():
        return removed
    # The folder itself and its hidden subfolders (the cache), not whatever
    # else a user keeps beside the outputs.
    entries = [entry for root, dirs, files in _walk_hidden(folder) for entry in files]
    for entry in entries:
        match = _TEMPORARY.match(entry.name)
        if match and int(match.group(1)) != os.getpid() and not pid_alive(int(match.group(1))):
            try:
                entry.unlink()
                removed.append(entry)
            except OSError:
                pass
    return removed


def _walk_hidden(folder: Path):
    for root, dirs, files in os.walk(folder):
        if Path(root) == folder:
            dirs[:] = [d for d in dirs if d.startswith(".")]
        yield root, dirs, [Path(root) / name for name in files]


def ensure_writable_folder(folder: str | Path) -> Path:
    """Create ``folder`` if needed and check that files can be written in it.

    Called before a long build so that a bad ``--out`` fails in a second,
    not after an hour of extraction.

    >>> import tempfile, pathlib
    >>> ensure_writable_folder(pathlib.Path(tempfile.mkdtemp()) / "new").is_dir()
    True
    """
    folder = Path(folder)
    hint = "choose another folder with --out"
    if folder.exists() and not folder.is_dir():
        raise OutputFolderError(f"output folder {folder} is a file, not a folder; {hint}")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=".write-check.", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as error:
        reason = error.strerror or str(error)
        raise OutputFolderError(f"cannot write to output folder {folder} ({reason}); {hint}") from error
    remove_stale_temporaries(folder)
    return folder
