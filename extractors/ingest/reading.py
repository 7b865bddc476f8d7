"""Reading documents from disk: which files, and their text.

:func:`collect_files` walks the paths a user gives and yields the files to
read plus a :class:`Skipped` line for each path that cannot be used (broken
or looping symbolic links, unreadable folders, files of a type tipgraph does
not read); :func:`read_source` turns one file into a :class:`SourceDocument`
or raises :class:`UnreadableDocument` with a reason a user can act on.

What "the original text" of a document is, the text that evidence offsets
index (``text[start:end] == evidence``):

* plain text (``.txt``, ``.md``, or no suffix): the file's bytes decoded —
  UTF-8 (a BOM is dropped), UTF-16/32 with a BOM, UTF-16 without a BOM
  (recognised by its NUL bytes), else Windows-1252 (Latin-1 for the five
  bytes Windows-1252 leaves undefined); a UTF-8 file with a few stray
  Windows-1252 bytes keeps its UTF-8 and only those bytes are read as 1252.
* HTML (``.html``/``.htm``, or a text file that starts like an HTML page):
  the text a reader sees — scripts, styles and comments dropped, block
  elements on their own lines, paragraphs separated by a blank line,
  character references resolved. Offsets index this text, not the markup.
* PDF: the text pypdf extracts, pages separated by a blank line.

In every case ``sha256`` is the hash of the file's bytes, so the same file
under two names is one document.

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "cable.txt").write_bytes("Caf\\xe9 owners in S\\xe3o Paulo".encode("cp1252"))
>>> read_source(folder / "cable.txt").text
'Café owners in São Paulo'
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from tipgraph.extractors.ingest.decoding import _SNIFF, _declared_charset, binary_kind, decode
from tipgraph.extractors.ingest.document import SourceDocument, UnreadableDocument
from tipgraph.extractors.ingest.formats import html_text, pdf_text

__all__ = [
    "SUFFIXES",
    "Skipped",
    "UnreadableDocument",
    "binary_kind",
    "collect_files",
    "decode",
    "html_text",
    "pdf_text",
    "read_source",
]

TEXT_SUFFIXES = (".txt", ".md", ".text", "")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S
)


@dataclass(frozen=True)
class Skipped:
    path: str
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def _is_hidden(name: str) -> bool:
    # Dot files are tool state (.git, .DS_Store, a build's .cache and the
    # .*.tmp files of an interrupted write), never documents.
    return name.startswith(".")


def collect_files(
    paths: Iterable[str | Path], exclude: Iterable[str | Path] = (), follow_symlinks: bool = False
) -> Iterator[Path | Skipped]:
    """Yield the document files under ``paths`` (sorted), or a :class:`Skipped` for each bad path.

    A path named on the command line is always tried; inside folders, hidden
    files and folders and the ``exclude`` paths (the build's own outputs and
    cache, even when ``--out`` is one of ``paths``) are passed over, and files
    of other types are reported. A symbolic link is followed while it stays
    inside ``paths`` (a loop is reported, not walked forever); one that leads
    out of them (``up -> ..``) is reported as skipped, by name, unless
    ``follow_symlinks``: a folder of documents never pulls in files beside it.
    """
    given = [Path(raw) for raw in paths]
    excluded = {form for p in exclude for form in (_real(p), os.path.abspath(p))}
    walk = _Walk(excluded, [_real(path) for path in given], follow_symlinks)
    for path in given:
        if path.is_symlink() and not path.exists():
            yield Skipped(str(path), _broken_link_reason(path))
        elif path.is_dir():
            yield from walk(path, {_real(path)})
        elif path.exists():
            yield path
        else:
            yield Skipped(str(path), "no such file or folder (check the path)")


def _real(path: str | Path) -> str:
    return os.path.realpath(path)


def _broken_link_reason(path: Path) -> str:
    try:
        path.stat()
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
    return f"broken symbolic link (points to {os.readlink(path)})"


class _Walk:
    """Walks one folder of the inputs: what to pass over, where links may lead."""

    def __init__(self, excluded: set[str], roots: list[str], follow_symlinks: bool):
        self.excluded = excluded
        self.roots = roots
        self.follow_symlinks = follow_symlinks

    def inside_roots(self, real: str) -> bool:
        return any(real == root or real.startswith(root.rstrip(os.sep) + os.sep) for root in self.roots)

    def __call__(self, folder: Path, ancestors: set[str]) -> Iterator[Path | Skipped]:
        try:
            entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError as error:
            yield Skipped(str(folder), f"cannot list folder: {error.strerror or error}")
            return
        for entry in entries:
            if not _is_hidden(entry.name):
                yield from self.entry(entry, ancestors)

    def entry(self, entry: os.DirEntry, ancestors: set[str]) -> Iterator[Path | Skipped]:
        child = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_link = entry.is_symlink()
            exists = child.exists()
        except OSError as error:
            yield Skipped(
                str(child), "symbolic link loop" if error.errno == errno.ELOOP else error.strerror or str(error)
            )
            return
        real = _real(child)
        if real in self.excluded or os.path.abspath(child) in self.excluded:
            return  # the build's own outputs
        if is_link and not exists:
            yield Skipped(str(child), _broken_link_reason(child))
        elif is_link and not self.follow_symlinks and not self.inside_roots(real):
            yield Skipped(
                str(child),
                f"symbolic link out of the input folders (to {os.readlink(child)}); not read: use --follow-symlinks to read it",
            )
        elif is_dir:
            if real in ancestors:
                yield Skipped(str(child), "symbolic link loop (links back to a folder that contains it)")
                return
            yield from self(child, ancestors | {real})
        elif child.suffix.lower() in SUFFIXES:
            yield child
        else:
            yield Skipped(
                str(child),
                f"not a document type tipgraph reads ({child.suffix}); it reads {', '.join(s for s in SUFFIXES if s)} and suffix-less text",
            )


def read_source(path: Path) -> SourceDocument:
    """Read one file as a document; raise :class:`UnreadableDocument` saying why not."""
    path = Path(path)
    data = _read_bytes(path)
    if not data.strip():
        raise UnreadableDocument("empty file")
    digest = hashlib.sha256(data).hexdigest()
    suffix = path.suffix.lower()
    if suffix in PDF_SUFFIXES or data.startswith(b"%PDF-"):
        text = pdf_text(data)
    elif suffix in HTML_SUFFIXES or _HTML_START.match(data[:4096]):
        text = html_text(decode(data, _declared_charset(data)))
    else:
        text = decode(data)
    if not text.strip():
        raise UnreadableDocument("no text in the file")
    return SourceDocument((path.name,), text, digest)


def _read_bytes(path: Path) -> bytes:
    try:
        mode = path.stat().st_mode
        if stat.S_ISDIR(mode):
            raise UnreadableDocument("a folder, not a file")
        if not stat.S_ISREG(mode):
            # Reading a FIFO or a device would block or never end.
            kind = "named pipe" if stat.S_ISFIFO(mode) else "socket" if stat.S_ISSOCK(mode) else "device"
            raise UnreadableDocument(f"not a regular file ({kind})")
        with open(path, "rb") as handle:
            head = handle.read(_SNIFF)
            binary = binary_kind(head)
            if binary:  # a 4 GB video named .txt is refused before it is read
                raise UnreadableDocument(f"binary file ({binary}), not text")
            return head + handle.read()
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UnreadableDocument("symbolic link loop") from error
        if isinstance(error, PermissionError):
            raise UnreadableDocument("permission denied (check the file's permissions)") from error
        raise UnreadableDocument(error.strerror or str(error)) from error
