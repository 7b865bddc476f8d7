r"""Bytes to text: byte-order marks, UTF-8 with stray Windows-1252 bytes, UTF-16 without a BOM, binary files refused.

>>> decode("Caf\xe9 owners".encode("cp1252"))
'Café owners'
>>> binary_kind(b"\x89PNG\r\n\x1a\n....")
'PNG image'
"""

from __future__ import annotations

import codecs
import re

from tipgraph.extractors.ingest.document import UnreadableDocument

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
# Labels that browsers read as Windows-1252 (the HTML standard): decoding
# them strictly as Latin-1 would turn curly quotes into control characters.
_MEANS_WINDOWS_1252 = {"iso-8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252"}
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([\w.:-]+)", re.I)


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
