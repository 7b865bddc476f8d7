"""What a reader sees of an HTML page or a PDF: the text that evidence offsets index."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from tipgraph.extractors.ingest.document import UnreadableDocument

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
