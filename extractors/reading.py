"""Reading documents from disk: which files, and their text.

:func:`collect_files` walks the paths a user gives and yields the files to
read plus a :class:`Skipped` line for each path that cannot be used;
:func:`read_source` turns one file into a :class:`SourceDocument` or raises
:class:`UnreadableDocument` with a reason a user can act on.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .pipeline import SourceDocument

SUFFIXES = (".txt", ".md", ".html", ".htm")


class UnreadableDocument(Exception):
    """A file that yields no text; the message says why."""


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def collect_files(paths: Iterable[str | Path]) -> Iterator[Path | Skipped]:
    """Yield the document files under ``paths`` (sorted), or a :class:`Skipped` for each bad path."""
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):
                dirs.sort()
                for name in sorted(files):
                    child = Path(root) / name
                    if child.suffix.lower() in SUFFIXES:
                        yield child
        elif path.is_file():
            yield path
        elif path.is_symlink():
            yield Skipped(str(path), "broken symbolic link")
        else:
            yield Skipped(str(path), "no such file or folder")


def decode(data: bytes) -> str:
    """Text of ``data``: UTF-8 (with or without BOM), else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def read_source(path: Path) -> SourceDocument:
    """Read one file as a document."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise UnreadableDocument(error.strerror or str(error)) from error
    if not data.strip():
        raise UnreadableDocument("empty file")
    if b"\x00" in data[:4096]:
        raise UnreadableDocument("binary file, not text")
    text = decode(data)
    return SourceDocument((path.name,), text, hashlib.sha256(data).hexdigest())
