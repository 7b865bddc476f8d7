"""Reading messy document dumps: every kind of file gives a document or one clear reason.

The bad files are generated here, never committed as binaries.
"""

from __future__ import annotations

import builtins
import gzip
import io
import os
import random
import zipfile
from pathlib import Path

import pytest

from tipgraph.extractors.ingest.reading import (
    Skipped,
    UnreadableDocument,
    collect_files,
    decode,
    html_text,
    read_source,
)

CABLE = (
    "SUBJECT: TIP: Nguyễn Văn An and the Ministry of Public Security\n\n"
    "¶1. (SBU) The Consulate met officials of the Guangxi Women’s Federation, who said “raids” continue.\n"
)
WESTERN = "Café owners in São Paulo told the Comité that “forced labour” was rife – 50% of cases.\n"


def pdf_with_text(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, built by hand)."""
    escape = lambda s: s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")  # noqa: E731
    content = "BT /F1 12 Tf 72 720 Td " + " ".join(f"({escape(line)}) Tj 0 -16 Td" for line in lines) + " ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def blank_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def zip_archive() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("cable.txt", CABLE)
    return buffer.getvalue()


# name, bytes, the text it must read as
READABLE = [
    ("utf8.txt", CABLE.encode("utf-8"), CABLE),
    ("utf8-bom.txt", b"\xef\xbb\xbf" + CABLE.encode("utf-8"), CABLE),
    ("utf16-bom.txt", CABLE.encode("utf-16"), CABLE),
    ("utf16-be-bom.txt", b"\xfe\xff" + CABLE.encode("utf-16-be"), CABLE),
    ("utf16-le-no-bom.txt", CABLE.encode("utf-16-le"), CABLE),
    ("utf16-be-no-bom.txt", CABLE.encode("utf-16-be"), CABLE),
    ("utf32-bom.txt", CABLE.encode("utf-32"), CABLE),
    ("windows-1252.txt", WESTERN.encode("cp1252"), WESTERN),
    (
        "latin-1.txt",
        "Le Comité a signalé des cas à Gênes.\n".encode("latin-1"),
        "Le Comité a signalé des cas à Gênes.\n",
    ),
    ("crlf.txt", CABLE.replace("\n", "\r\n").encode("utf-8"), CABLE.replace("\n", "\r\n")),
    ("no-suffix", CABLE.encode("utf-8"), CABLE),
    (
        "magic-like.txt",
        b"MZ Corporation and ID3 Ltd cooperated with IOM.\n",
        "MZ Corporation and ID3 Ltd cooperated with IOM.\n",
    ),
    ("long-line.txt", ("IOM funded the shelter. " * 20000).encode(), "IOM funded the shelter. " * 20000),
]


@pytest.mark.parametrize("name, data, text", READABLE, ids=[r[0] for r in READABLE])
def test_text_in_any_common_encoding_reads_as_its_characters(tmp_path, name, data, text):
    path = tmp_path / name
    path.write_bytes(data)
    source = read_source(path)
    assert source.text == text
    assert source.names == (name,)


def test_utf8_with_a_few_stray_windows_1252_bytes_keeps_its_utf8():
    data = "Nguyễn Văn An met the Comité".encode() + b" \x93in person\x94."
    assert decode(data) == "Nguyễn Văn An met the Comité “in person”."


UNREADABLE = [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\t\n  ", "empty file"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
    ("scan.jpg.txt", b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "JPEG image"),
    ("archive.txt", zip_archive(), "ZIP archive"),
    ("notes.txt.gz", gzip.compress(CABLE.encode()), "gzip archive"),
    ("tool.txt", b"\x7fELF\x02\x01\x01" + bytes(300), "executable (ELF)"),
    ("setup.txt", b"MZ\x90\x00\x03" + bytes(300), "executable (Windows)"),
    ("noise.txt", random.Random(8).randbytes(8192), "binary file"),
    ("controls.txt", bytes(range(1, 9)) * 200 + b"text", "binary file (mostly control characters)"),
    (
        "broken.pdf",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
        "PDF",
    ),
    ("scanned.pdf", blank_pdf(), "PDF without a text layer"),
    ("bad-utf16.txt", b"\xff\xfe" + b"\x00\xd8" + "abc".encode("utf-16-le"), "not valid UTF-16-LE"),
]


@pytest.mark.parametrize("name, data, reason", UNREADABLE, ids=[u[0] for u in UNREADABLE])
def test_a_file_that_is_not_a_document_is_refused_with_its_reason(tmp_path, name, data, reason):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(UnreadableDocument, match=reason.replace("(", r"\(").replace(")", r"\)")):
        read_source(path)


def test_html_keeps_the_text_a_reader_sees_and_drops_scripts_and_styles(tmp_path):
    page = """<!DOCTYPE html><html><head><meta charset="windows-1252"><title>Raids in Phnom Penh</title>
    <style>p { color: red }</style><script>var s = "<p>UNICEF funds nothing</p>";</script></head>
    <body><nav>Home | News</nav><p>The <b>IOM</b> &amp; UNICEF
    funded a shelter in Phnom Penh.</p><!-- a comment: Interpol --><p>Police raided “karaoke” bars.</p>
    <noscript>Enable JavaScript</noscript></body></html>"""
    path = tmp_path / "raids.html"
    path.write_bytes(page.encode("cp1252"))
    text = read_source(path).text
    assert text.split("\n\n") == [
        "Raids in Phnom Penh",
        "Home | News",
        "The IOM & UNICEF funded a shelter in Phnom Penh.",
        "Police raided “karaoke” bars.",
    ]


def test_a_text_file_holding_an_html_page_is_read_as_html(tmp_path):
    path = tmp_path / "saved-page.txt"
    path.write_text("<html><body><script>alert('x')</script><p>IOM met UNICEF.</p></body></html>", encoding="utf-8")
    assert read_source(path).text == "IOM met UNICEF."


@pytest.mark.parametrize(
    "markup",
    [
        "<p>unclosed <b>bold",
        "<<<>>>",
        "</p></div></html>",
        "<script>never closed",
        "<p a='1' b=\"2\" c=>x</p>",
        "&#xD800; &#0; &bogus;",
        "<a " * 3000,
        "<![CDATA[" * 3000,
        "<!--" * 3000,
    ],  # html.parser alone is quadratic on these
)
def test_malformed_html_never_crashes(markup):
    assert isinstance(html_text(markup), str)


def test_a_lone_less_than_sign_stays_text():
    assert html_text("<p>a < b and c<d</p><p>3 <5</p>") == "a < b and c<d\n\n3 <5"


def test_pdf_text_comes_from_its_text_layer(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf_with_text(["IOM (International Organization for Migration)", "funded a shelter in Hanoi."]))
    text = read_source(path).text
    assert "IOM (International Organization for Migration)" in text
    assert "funded a shelter in Hanoi." in text


def test_a_named_pipe_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(UnreadableDocument, match=r"not a regular file \(named pipe\)"):
        read_source(fifo)


def test_a_folder_named_like_a_document_is_refused(tmp_path):
    (tmp_path / "x.txt").mkdir()
    with pytest.raises(UnreadableDocument, match="a folder"):
        read_source(tmp_path / "x.txt")


def test_a_file_without_read_permission_says_so(tmp_path, monkeypatch):
    # Tests run as root in CI, where chmod 000 does not stop a read: make open() refuse instead.
    path = tmp_path / "secret.txt"
    path.write_text(CABLE, encoding="utf-8")
    real_open = builtins.open

    def refusing_open(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", refusing_open)
    with pytest.raises(UnreadableDocument, match="permission denied"):
        read_source(path)


def make_messy_folder(root: Path) -> Path:
    corpus = root / "dump"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "a.txt").write_text(CABLE, encoding="utf-8")
    (corpus / "sub" / "b.md").write_text(WESTERN, encoding="utf-8")
    (corpus / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    (corpus / ".DS_Store").write_bytes(bytes(64))
    (corpus / ".graph.ttl.123.abc.tmp").write_text("half", encoding="utf-8")
    (corpus / "dangling.txt").symlink_to(corpus / "gone.txt")
    (corpus / "self.txt").symlink_to(corpus / "self.txt")
    (corpus / "sub" / "up").symlink_to(corpus)
    (corpus / "alias.txt").symlink_to(corpus / "a.txt")
    (corpus / "out").mkdir()
    (corpus / "out" / "graph.html").write_text("<p>an old output</p>", encoding="utf-8")
    return corpus


def test_a_messy_folder_yields_its_documents_and_one_line_per_bad_entry(tmp_path):
    corpus = make_messy_folder(tmp_path)
    items = list(collect_files([corpus], exclude=[corpus / "out"]))
    files = sorted(str(p.relative_to(corpus)) for p in items if isinstance(p, Path))
    skipped = {str(Path(s.path).relative_to(corpus)): s.reason for s in items if isinstance(s, Skipped)}
    assert files == ["a.txt", "alias.txt", "sub/b.md"]
    assert skipped.keys() == {"photo.jpg", "dangling.txt", "self.txt", "sub/up"}
    assert skipped["dangling.txt"].startswith("broken symbolic link")
    assert skipped["self.txt"] == "symbolic link loop"
    assert skipped["sub/up"].startswith("symbolic link loop")
    assert "not a document type" in skipped["photo.jpg"]


def test_paths_named_by_the_user_that_do_not_exist_are_skipped(tmp_path):
    (tmp_path / "broken.txt").symlink_to(tmp_path / "nowhere.txt")
    items = list(collect_files([tmp_path / "missing", tmp_path / "broken.txt"]))
    assert [type(i) for i in items] == [Skipped, Skipped]
    assert "no such file or folder" in items[0].reason
    assert "broken symbolic link" in items[1].reason


def test_a_fifty_megabyte_file_reads_whole(tmp_path):
    paragraph = "¶2. (SBU) The Ministry of Public Security cooperated with IOM on 1,204 cases in Lào Cai.\n\n"
    path = tmp_path / "huge.txt"
    repeats = 50_000_000 // len(paragraph.encode("utf-8")) + 1
    path.write_bytes((paragraph * repeats).encode("utf-8"))
    source = read_source(path)
    assert len(source.text) == len(paragraph) * repeats
    assert source.text.endswith(paragraph)
