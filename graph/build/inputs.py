"""What a build checks of its inputs before it reads, writes or prunes anything, and what it calls each file.

A mistyped or unmounted input path must never cost a user their graph: a
path that does not exist is an error, and inputs of less than half the
files the last build into the same folder read (its ``manifest.json``, see
:mod:`tipgraph.graph.build.outputs`) need ``force``.

>>> import pathlib
>>> try:
...     check_inputs_exist([pathlib.Path("/nonexistent/docss")], pathlib.Path("build"))
... except InputNotFound as error:
...     print(error)
/nonexistent/docss: no such file or folder (check the path, or mount the drive); nothing was built, build is unchanged
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tipgraph.extractors.ingest.reading import Skipped, collect_files
from tipgraph.graph.build.outputs import output_paths, read_manifest

__all__ = [
    "InputNotFound",
    "InputsShrank",
    "check_inputs_exist",
    "check_not_shrunk",
    "collect_inputs",
    "document_names",
]


class InputNotFound(RuntimeError):
    """A path given to the build does not exist (mistyped, or a drive not mounted); nothing was touched."""


class InputsShrank(RuntimeError):
    """The inputs are less than half of what the last build into the same folder read; nothing was touched."""


def check_inputs_exist(paths: list[Path], out_dir: Path) -> None:
    """Refuse a path that does not exist before anything is read, written or pruned."""
    missing = [path for path in paths if not path.exists()]
    if missing:
        names = ", ".join(str(path) for path in missing)
        raise InputNotFound(
            f"{names}: no such file or folder (check the path, or mount the drive); nothing was built, {out_dir} is unchanged"
        )


def check_not_shrunk(count: int, out_dir: Path, force: bool, what: str = "files") -> None:
    """Refuse to replace a build with one of less than half its ``files`` (found) or ``documents``
    (read), unless ``force``: files that became unreadable shrink a graph as much as a lost folder."""
    previous = (read_manifest(out_dir) or {}).get(what) or 0
    previous = len(previous) if isinstance(previous, list) else previous
    if not force and count * 2 < previous:
        raise InputsShrank(
            f"the inputs hold {count} {'readable document' if what == 'documents' else 'file'}(s), but the last "
            f"build into {out_dir} read {previous}: is a folder missing, not mounted or unreadable? "
            "Nothing was written; build again with --force to replace it"
        )


def collect_inputs(paths: list[Path], out_dir: Path, follow_symlinks: bool) -> tuple[list[Path], list[Skipped]]:
    """The files to read under ``paths`` and the lines for those skipped; never the build's own outputs."""
    files: list[Path] = []
    skipped: list[Skipped] = []
    own = [out_dir, *output_paths(out_dir)]  # also when --out is one of the input folders
    for item in collect_files(paths, exclude=own, follow_symlinks=follow_symlinks):
        if isinstance(item, Skipped):
            skipped.append(item)
        else:
            files.append(item)
    return files, skipped


def document_names(files: list[Path], roots: list[Path]) -> dict[Path, str]:
    """The name each file goes by in the graph (``dcterms:identifier``) and on the page.

    A document is its path relative to the given folder it was found in
    (``a/report.txt``); the bare file name is kept wherever it is unique
    among the files of the build, so a flat folder (the seeds, the scorer's
    gold, which match on file names) gets the names it always had. Two
    roots that each hold ``report.txt`` fall back to the paths as given.

    >>> names = document_names([Path("d/a/report.txt"), Path("d/b/report.txt"), Path("d/memo.txt")], [Path("d")])
    >>> sorted(names.values())
    ['a/report.txt', 'b/report.txt', 'memo.txt']
    """
    relative = {path: _relative(path, roots) for path in files}
    by_name = Counter(path.name for path in files)
    by_relative = Counter(relative.values())
    names = {}
    for path in files:
        if by_name[path.name] == 1:
            names[path] = path.name
        elif by_relative[relative[path]] == 1:
            names[path] = relative[path]
        else:
            names[path] = path.as_posix()
    return names


def _relative(path: Path, roots: list[Path]) -> str:
    for folder in roots:  # a root that is a file is no prefix of a longer path
        if len(path.parts) > len(folder.parts) and path.parts[: len(folder.parts)] == folder.parts:
            return Path(*path.parts[len(folder.parts) :]).as_posix()
    return path.name
