"""A build's outputs replaced as one: a new version folder, switched in by one ``rename``.

Each build writes its outputs into a folder of their own,
``OUT/.versions/<id>/`` (``graph.ttl``, ``graph.html``, ``graph.graphml``,
``graph.json`` and a ``manifest.json`` saying what the build read). Only when
all of them are complete does ``OUT/.current``, a symbolic link to the
version folder, switch to the new one: a new link is made beside it and
renamed over it, one system call. ``OUT/graph.ttl`` and the others are fixed
relative links into ``.current`` (``graph.ttl -> .current/graph.ttl``), made
once, so a reader of ``OUT/graph.ttl`` and ``OUT/graph.html`` always sees
files of the same build, whatever failed or was killed when: before the
rename it sees the previous build, after it the new one. The version before
the current one is kept (a reader may have just resolved the link); older
ones, and those a killed build left half-written, are removed.

A folder of an older tipgraph, with plain files, is switched over by the
first build: each plain file becomes its link after the new version is in
place. A folder that cannot hold symbolic links (some USB drives' file
systems) gets the plain files, staged and renamed in one burst
(:func:`tipgraph.graph.io.atomic_write_many`).

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> _ = publish(out, {"graph.ttl": lambda path: path.write_text("new")}, {"documents": 1})
>>> (out / "graph.ttl").read_text(), os.readlink(out / "graph.ttl")
('new', '.current/graph.ttl')
>>> read_manifest(out)["documents"]
1
"""

from __future__ import annotations

import errno
import json
import os
import secrets
import shutil
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from tipgraph.graph.io import _signals_held, atomic_write_many, pid_alive

OUTPUT_FILES = {"turtle": "graph.ttl", "html": "graph.html", "graphml": "graph.graphml", "json": "graph.json"}
VERSIONS = ".versions"
CURRENT = ".current"
MANIFEST = "manifest.json"
PLAIN_MANIFEST = ".manifest.json"  # where a folder without links keeps it

Writer = Callable[[Path], Any]


def publish(out_dir: Path, writers: Mapping[str, Writer], manifest: Mapping[str, Any]) -> dict[str, Path]:
    """Write each ``name -> writer(path)`` into a new version and switch ``out_dir`` to it in one step.

    Returns ``out_dir / name`` for each name. On any error before the switch
    the previous outputs stay as they were, and the error names the output,
    never a temporary file.
    """
    out_dir = Path(out_dir)
    names = list(writers)
    _check_in_the_way(out_dir, names)
    _remove_stale_links(out_dir)
    if not _holds_symlinks(out_dir):
        return _publish_plain(out_dir, writers, {**manifest, "outputs": names})
    version = _new_version(out_dir)
    try:
        for name, write in writers.items():
            write(version / name)
            _keep_mode(out_dir / name, version / name)
        _write_manifest(version, {**manifest, "version": version.name, "outputs": names})
        previous = _current_version(out_dir)
        _switch(out_dir, version)
    except BaseException:
        if _current_version(out_dir) != version.name:  # the switch did not happen: the new version is no one's
            shutil.rmtree(version, ignore_errors=True)
        raise
    with _signals_held():  # converting an older folder's plain files: in one burst, as they were written
        for name in names:
            _link_output(out_dir, name)
    _remove_old_versions(out_dir, keep={version.name, previous})
    return {name: out_dir / name for name in names}


def read_manifest(out_dir: str | Path) -> dict[str, Any] | None:
    """What the current build of ``out_dir`` read (its ``manifest.json``), or None if there is none."""
    for path in (Path(out_dir) / CURRENT / MANIFEST, Path(out_dir) / PLAIN_MANIFEST):
        try:
            return json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
    return None


def output_paths(out_dir: str | Path) -> list[Path]:
    """Every path of ``out_dir`` that holds a build's outputs: the links, ``.current`` and ``.versions``."""
    out_dir = Path(out_dir)
    return [out_dir / name for name in OUTPUT_FILES.values()] + [out_dir / CURRENT, out_dir / VERSIONS]


def _check_in_the_way(out_dir: Path, names: list[str]) -> None:
    """Refuse, before writing anything, an output name taken by a folder."""
    for name in names:
        target = out_dir / name
        if target.is_dir() and not target.is_symlink():
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file; move it away", str(target))


def _holds_symlinks(out_dir: Path) -> bool:
    probe = out_dir / f".symlink-check.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    try:
        os.symlink(CURRENT, probe)
    except OSError:
        return False
    probe.unlink()
    return True


def _publish_plain(out_dir: Path, writers: Mapping[str, Writer], manifest: Mapping[str, Any]) -> dict[str, Path]:
    targets = {name: out_dir / name for name in writers}
    with atomic_write_many([*targets.values(), out_dir / PLAIN_MANIFEST]) as staged:
        for name, write in writers.items():
            write(staged[targets[name]])
        staged[out_dir / PLAIN_MANIFEST].write_text(json.dumps(dict(manifest), ensure_ascii=False), encoding="utf-8")
    return targets


def _new_version(out_dir: Path) -> Path:
    """An empty version folder, named by time and this process (so a killed build's is recognised)."""
    name = f"{time.strftime('%Y%m%dT%H%M%S')}-{os.getpid()}-{secrets.token_hex(3)}"
    version = out_dir / VERSIONS / name
    version.mkdir(parents=True)
    return version


def _keep_mode(previous: Path, new: Path) -> None:
    """Give the new file the permissions of the one it replaces (a graph.html kept private stays so)."""
    try:
        os.chmod(new, previous.stat().st_mode & 0o7777)
    except FileNotFoundError:
        pass


def _write_manifest(version: Path, manifest: Mapping[str, Any]) -> None:
    path = version / MANIFEST
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False, indent=1)
        handle.flush()
        os.fsync(handle.fileno())
    for name in os.listdir(version):  # every file on disk before the switch makes it visible
        fd = os.open(version / name, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    _fsync_folder(version)  # and the folder entries that name them
    _fsync_folder(version.parent)


def _current_version(out_dir: Path) -> str | None:
    try:
        return Path(os.readlink(out_dir / CURRENT)).name
    except OSError:
        return None


def _switch(out_dir: Path, version: Path) -> None:
    """Point ``.current`` at ``version``: a new link renamed over the old one, the single step."""
    current = out_dir / CURRENT
    if current.is_dir() and not current.is_symlink():  # a copy that followed the links (shutil.copytree)
        os.rename(current, out_dir / VERSIONS / f"copied-{os.getpid()}-{secrets.token_hex(3)}")
    link = out_dir / f".current.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    os.symlink(os.path.join(VERSIONS, version.name), link)
    try:
        os.replace(link, out_dir / CURRENT)
    except OSError as error:  # name the folder, not our temporary link
        link.unlink(missing_ok=True)
        raise type(error)(error.errno, f"cannot switch to the new build: {error.strerror}", str(out_dir)) from None
    except BaseException:
        link.unlink(missing_ok=True)
        raise
    _fsync_folder(out_dir)


def _link_output(out_dir: Path, name: str) -> None:
    """Make ``out_dir/name`` the fixed link into ``.current`` (once; a plain file of an older build is replaced)."""
    target = out_dir / name
    wanted = os.path.join(CURRENT, name)
    if target.is_symlink() and os.readlink(target) == wanted:
        return
    link = out_dir / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    os.symlink(wanted, link)
    try:
        os.replace(link, target)
    except OSError as error:
        link.unlink(missing_ok=True)
        raise type(error)(error.errno, error.strerror, str(target)) from None


def _remove_stale_links(out_dir: Path) -> None:
    """Remove the new links a killed build left (``.current.<pid>.<random>.tmp``; to a folder, so
    :func:`tipgraph.graph.io.remove_stale_temporaries` passes them over)."""
    for entry in out_dir.glob(".*.tmp"):
        parts = entry.name.split(".")
        if entry.is_symlink() and len(parts) > 3 and not _writer_alive(f"-{parts[-3]}"):
            entry.unlink(missing_ok=True)


def _remove_old_versions(out_dir: Path, keep: set[str | None]) -> None:
    """Remove the versions before the previous one, and those killed builds left; never a live build's."""
    folder = out_dir / VERSIONS
    keep = keep | {_current_version(out_dir)}  # a concurrent build may have switched since ours
    for version in folder.iterdir():
        if version.name in keep or _writer_alive(version.name):
            continue
        shutil.rmtree(version, ignore_errors=True)


def _writer_alive(name: str) -> bool:
    """Whether the build that named this version may still be writing it (another live process)."""
    try:
        pid = int(name.split("-")[1])
    except (IndexError, ValueError):
        return False
    return pid != os.getpid() and pid_alive(pid)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
