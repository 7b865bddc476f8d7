"""What a build checks of its inputs before it reads, writes or prunes anything.

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

from pathlib import Path

from tipgraph.extractors.ingest.reading import Skipped, collect_files
from tipgraph.graph.build.outputs import output_paths, read_manifest

__all__ = ["InputNotFound", "InputsShrank", "check_inputs_exist", "check_not_shrunk", "collect_inputs"]


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


def check_not_shrunk(files: int, out_dir: Path, force: bool) -> None:
    """Refuse to replace a build with one of less than half its files, unless ``force``."""
    previous = (read_manifest(out_dir) or {}).get("files") or 0
    if not force and files * 2 < previous:
        raise InputsShrank(
            f"the inputs hold {files} file(s), but the last build into {out_dir} read {previous}: "
            "is a folder missing or not mounted? Nothing was written; build again with --force to replace it"
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
