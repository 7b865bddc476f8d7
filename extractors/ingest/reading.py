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

import codecs
import errno
import hashlib
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from tipgraph.extractors.ingest.document import SourceDocument

TEXT_SUFFIXES = (".txt", ".md", ".text", "")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
PDF_SUFFIXES = (".pdf",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + PDF_SUFFIXES

# Magic numbers of the binary files that turn up in document dumps, so that a
# skip can say what the file is.
_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"PK\x03\x04", "ZIP archive (or an Office document)"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"Rar!\x1a\x07", "RAR archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\x7fELF", "executable (ELF)"),
    (b"MZ", "executable (Windows)"),
    (b"\xcf\xfa\xed\xfe", "executable (Mach-O)"),
    (b"\xca\xfe\xba\xbe", "executable or Java class"),
    (b"\x00asm", "WebAssembly module"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Office document (OLE)"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"ID3", "MP3 audio"),
    (b"OggS", "Ogg media"),
    (b"fLaC", "FLAC audio"),
    (b"RIFF", "RIFF media (WAV, AVI or WebP)"),
    (b"\x1aE\xdf\xa3", "Matroska/WebM video"),
    (b"{\\rtf", "RTF document"),
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Control characters a text file may hold (tab, newlines, form feed, escape in
# old terminal dumps); any other C0/C1 control counts against "is this text".
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.05
_SNIFF = 65536
_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>]|body[\s>])", re.I | re.S
)
# Labels that browsers read as Windows-1252 (the HTML standard): decoding
# them strictly as Latin-1 would turn curly quotes into control characters.
_MEANS_WINDOWS_1252 = {"iso-8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252"}
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.I)


class UnreadableDocument(Exception):
    """A file that yields no text; the message says why."""


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


def collect_files(paths: Iterable[str | Path], exclude: Iterable[str | Path] = ()) -> Iterator[Path | Skipped]:
    """Yield the document files under ``paths`` (sorted), or a :class:`Skipped` for each bad path.

    A path named on the command line is always tried; inside folders, hidden
    files and folders and the ``exclude`` folders (the build's own output) are
    passed over, symbolic links to folders are followed once (a loop is
    reported, not walked forever), and files of other types are reported.
    """
    excluded = {_real(p) for p in exclude}
    for raw in paths:
        path = Path(raw)
        if path.is_symlink() and not path.exists():
            yield Skipped(str(path), _broken_link_reason(path))
        elif path.is_dir():
            yield from _walk(path, excluded, {_real(path)})
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


def _walk(folder: Path, excluded: set[str], ancestors: set[str]) -> Iterator[Path | Skipped]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield Skipped(str(folder), f"cannot list folder: {error.strerror or error}")
        return
    for entry in entries:
        if _is_hidden(entry.name):
            continue
        child = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_link = entry.is_symlink()
            exists = child.exists()
        except OSError as error:
            yield Skipped(
                str(child), "symbolic link loop" if error.errno == errno.ELOOP else error.strerror or str(error)
            )
            continue
        if is_link and not exists:
            yield Skipped(str(child), _broken_link_reason(child))
        elif is_dir:
            real = _real(child)
            if real in excluded:
                continue
            if real in ancestors:
                yield Skipped(str(child), "symbolic link loop (links back to a folder that contains it)")
                continue
            yield from _walk(child, excluded, ancestors | {real})
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


def binary_kind(data: bytes) -> str | None:
    """What binary file ``data`` starts like (``'PNG image'``), or None for anything that may be text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            # A magic number of plain letters ("MZ", "ID3", "RIFF") may also
            # start a sentence: believe it only with binary bytes after it.
            if magic.isalnum() and b"\x00" not in data[:512]:
                continue
            return kind
    if len(data) > 262 and data[257:262] == b"ustar":
        return "tar archive"
    if data[4:8] == b"ftyp":
        return "MP4/QuickTime media"
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    """``utf-16-le``/``-be`` when NULs fall on one side of the byte pairs, as in BOM-less UTF-16 text."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_nuls = head[0 : 2 * pairs : 2].count(0)
    odd_nuls = head[1 : 2 * pairs : 2].count(0)
    if odd_nuls >= 0.3 * pairs and even_nuls <= 0.02 * pairs:
        return "utf-16-le"
    if even_nuls >= 0.3 * pairs and odd_nuls <= 0.02 * pairs:
        return "utf-16-be"
    return None


def _cp1252_fallback(error: UnicodeDecodeError) -> tuple[str, int]:
    # One undecodable byte at a time: Windows-1252, or Latin-1 for the five
    # bytes 1252 leaves undefined.
    byte = error.object[error.start : error.start + 1]
    try:
        return byte.decode("cp1252"), error.start + 1
    except UnicodeDecodeError:
        return byte.decode("latin-1"), error.start + 1


codecs.register_error("tipgraph-cp1252", _cp1252_fallback)  # type: ignore[arg-type]  # only ever registered for decoding


def decode(data: bytes, declared: str | None = None) -> str:
    """Text of ``data``, or :class:`UnreadableDocument` if it is not text.

    >>> decode("Ngô Đình".encode("utf-16"))
    'Ngô Đình'
    >>> decode(b"\\x93quoted\\x94 in 1252")
    '“quoted” in 1252'
    """
    kind = binary_kind(data)
    if kind:
        raise UnreadableDocument(f"binary file ({kind}), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding)
    head = data[:_SNIFF]
    if b"\x00" in head:
        utf16 = _utf16_without_bom(head)
        if utf16 is None:
            raise UnreadableDocument("binary file (contains NUL bytes), not text")
        return _strict(data, utf16)
    if declared and declared.lower().replace("_", "-") not in _MEANS_WINDOWS_1252:
        try:
            return _checked(data.decode(declared))
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    if _mostly_utf8(head):
        return _checked(data.decode("utf-8", errors="tipgraph-cp1252"))
    return _checked(data.decode("cp1252", errors="tipgraph-cp1252"))


def _strict(data: bytes, encoding: str) -> str:
    try:
        return _checked(data.decode(encoding))
    except UnicodeDecodeError as error:
        raise UnreadableDocument(f"not valid {encoding.upper()} text (byte {error.start})") from error


def _checked(text: str) -> str:
    sample = text[:_SNIFF]
    if sample and len(_CONTROL.findall(sample)) > _MAX_CONTROL_RATIO * len(sample):
        raise UnreadableDocument("binary file (mostly control characters), not text")
    return text


def _mostly_utf8(head: bytes) -> bool:
    """More well-formed multi-byte UTF-8 sequences than stray high bytes."""
    valid = len(re.findall(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}", head))
    high = sum(1 for byte in head if byte >= 0x80)
    stray = high - 2 * valid  # approximate: leading + continuation bytes of valid sequences
    return valid > 0 and valid >= stray


def _declared_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii", "replace") if found else None


# --- HTML -------------------------------------------------------------------

_DROPPED = {"script", "style", "noscript", "template", "svg", "iframe", "object", "head"}
_BLOCK = {
    "p",
    "div",
    "section",
    "article",
    "header",
    "footer",
    "aside",
    "main",
    "nav",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "figure",
    "figcaption",
    "form",
    "hr",
    "address",
    "title",
    "caption",
}
_VOID = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source", "track", "wbr", "param"}


class _TextExtractor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.dropped: list[str] = []  # open elements whose content is dropped
        self.in_title = False

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _VOID:
            if tag == "br":
                self.parts.append("\n")
            elif tag == "hr":
                self.parts.append("\n\n")
            return
        if tag == "title":
            self.in_title = True
        elif tag in _DROPPED:
            self.dropped.append(tag)
        if tag in _BLOCK:
            self.parts.append("\n\n")
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        elif tag in _DROPPED and tag in self.dropped:
            while self.dropped and self.dropped.pop() != tag:
                pass
        if tag in _BLOCK:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if self.in_title or not self.dropped:
            self.parts.append(data)


_UNTERMINATED_TAG = re.compile(r"<(?=[^<>]*(?:<|\Z))")
_BLANKS = re.compile(r"[ \t\u00a0]*\n[ \t\u00a0\n]*\n[ \t\u00a0]*")


def html_text(markup: str) -> str:
    """The text a reader sees in an HTML page (see the module docstring).

    >>> html_text("<html><head><title>Raids</title><script>var x='<p>';</script></head>"
    ...           "<body><p>IOM &amp; UNICEF met.</p><p>Police acted.</p></body></html>")
    'Raids\\n\\nIOM & UNICEF met.\\n\\nPolice acted.'
    """
    parser = _TextExtractor()
    # html.parser rescans an unterminated tag from its start at every step:
    # thousands of "<a " without ">" take minutes. A "<" that meets another
    # "<" (or the end) before any ">" opens no tag; as "&lt;" it is text.
    parser.feed(_UNTERMINATED_TAG.sub("&lt;", markup))
    parser.close()
    text = "".join(parser.parts)
    # Source line breaks inside a paragraph are layout; block breaks are
    # normalised to one blank line.
    lines = [" ".join(line.split()) for line in _BLANKS.split(text)]
    return "\n\n".join(line for line in lines if line)


# --- PDF --------------------------------------------------------------------


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, pages separated by a blank line."""
    import io
    import logging

    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # damaged files warn at length
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadableDocument("encrypted PDF (decrypt it first)")
        pages = [page.extract_text() or "" for page in reader.pages]
    except UnreadableDocument:
        raise
    except Exception as error:  # pypdf raises PdfReadError and many built-in types on damaged files
        raise UnreadableDocument(f"damaged PDF ({type(error).__name__}: {error})") from error
    text = "\n\n".join(page.strip() for page in pages if page.strip())
    if not text:
        raise UnreadableDocument("PDF without a text layer (scanned pages? run OCR first)")
    return text
