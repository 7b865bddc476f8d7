"""Clean cables, reports and news pages for the model, keeping a map to the original.

The model reads better without routing codes, classification marks, paragraph
marks and hard line wraps, but evidence must point into the original file.
:class:`OffsetText` applies regex rewrites while tracking, for every character
of the cleaned text, the offset of the original character it came from.

>>> cleaned = clean_text("¶4. (SBU) Binh noted that the\\nConsulate was involved.")
>>> cleaned.text
'Binh noted that the Consulate was involved.'
>>> cleaned.original_span(0, 4)
(10, 14)
"""

from __future__ import annotations

import html
import re
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

Replacement = str | Callable[[re.Match[str]], str]


class OffsetText:
    """A string plus, for each character, its offset in an original string."""

    def __init__(self, text: str, offsets: array | None = None):
        self.text = text
        # offsets[i] is the original offset of text[i]; offsets[len(text)] is
        # one past the original end, so that spans map with a single lookup.
        self.offsets = offsets if offsets is not None else array("q", range(len(text) + 1))

    def sub(self, pattern: re.Pattern[str] | str, repl: Replacement, flags: int = 0) -> OffsetText:
        """Return a new text with every match of ``pattern`` replaced.

        Characters of a replacement all map to the start of the match they
        replace; untouched characters keep their offsets.
        """
        regex = re.compile(pattern, flags) if isinstance(pattern, str) else pattern
        pieces: list[str] = []
        offsets = array("q")
        last = 0
        for match in regex.finditer(self.text):
            start, end = match.span()
            pieces.append(self.text[last:start])
            offsets.extend(self.offsets[last:start])
            new = repl(match) if callable(repl) else match.expand(repl)
            pieces.append(new)
            offsets.extend([self.offsets[start]] * len(new))
            last = end
        if last == 0 and not pieces:
            return self
        pieces.append(self.text[last:])
        offsets.extend(self.offsets[last:])
        return OffsetText("".join(pieces), offsets)

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of the cleaned text to the span of the original it covers."""
        if end <= start:
            point = self.offsets[start]
            return point, point
        return self.offsets[start], self.offsets[end - 1] + 1


# Lines that carry no prose: cable routing and headers, page breaks, rules.
_NOISE_LINE = re.compile(
    r"""^[ \t]*(?:
        [^a-z\n]*                                   # no lower-case letter at all: routing codes, all-caps headers
        | (?:TAGS|E\.O\.|REF|SUBJECT|Classified\s+By|CLASSIFIED\s+BY|DECL|FM|TO|INFO|DE)\b[^\n]*
        | This\ record\ is\ a\ partial\ extract[^\n]*
        | This\ cable\ is\ Sensitive[^\n]*
        | Not\ for\ Internet\ distribution[^\n]*
        | [-=_*]{3,}
        | \w{3}\ \w{3}\ \d{2}\ \d{2}:\d{2}:\d{2}\ [+-]\d{4}\ \d{4}   # a cable's header date
        | \(\w\)(?:\ and\ \(\w\))?\.                # reasons for classification, wrapped
        | (?:\(?Photo|Image|Photo\ credit)\b[^\n]*    # photo credits and captions' credits
        | \[?https?://[^\n]*
    )[ \t]*$""",
    re.MULTILINE | re.VERBOSE,
)
# Paragraph marks ("¶4.", "¶ 4.", or "14." where a converter mangled the ¶)
# and classification marks at the start of a paragraph.
_PARAGRAPH_MARK = re.compile(r"(?m)^[ \t]*(?:¶[ \t]*\d+\.?|\d{1,3}\.(?=[ \t]+\())[ \t]*")
_CLASSIFICATION_MARK = re.compile(r"\((?:U|C|S|SBU|TS|S/NF|C/NF|U/FOUO|FOUO|NF|REL)\)[ \t]*")
# a bullet, and the item's number or letter after it ("-- (3) Name", "--(3) Name", "-- B. In 2005, ...")
_BULLET = re.compile(
    r"(?m)^[ \t]*(?:--|•|\*)(?:[ \t]*(?:\(\d{1,2}\)|\d{1,2}[.)]|[A-Za-z][.)])(?=[ \t])|(?=[ \t]))[ \t]*"
)
_HYPHEN_BREAK = re.compile(r"(?<=\w)-[ \t]*\n[ \t]*(?=\w)")
_HTML_TAG = re.compile(r"<\s*(?:br|/?p|/?div|/?li|/?h\d)\b[^>]*>", re.IGNORECASE)
_OTHER_TAG = re.compile(r"</?[a-zA-Z][^>\n]{0,200}>")
_HTML_ENTITY = re.compile(r"&(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);")
_MARKDOWN = re.compile(r"\*\*|__|(?<!\w)_(?=\w)|(?<=\w)_(?!\w)|^#+[ \t]+", re.MULTILINE)
# A Markdown backslash escape ("co\-ordinate", "the AU \(African Union\)"): the text is what follows the backslash.
_MARKDOWN_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
# An apostrophe a converter turned into "?" ("the Women?s Institute", "NGO?s"): a question mark never
# sits between a word and a possessive "s".
_LOST_APOSTROPHE = re.compile(r"(?<=[A-Za-z])\?(?=s\b)")
# A cable's apostrophe, which the cable system wrote as a comma ("the Prosecutor General,s Office",
# "GOB,s report", "IOM,S PROJECT"): a list's comma is never written against a possessive "s".
_COMMA_APOSTROPHE = re.compile(r"(?<=[A-Za-z]),(?=[sS]\b)")
# ... and quotation marks: a question mark never opens a word ("a hotline (titled ?Call Now?), run by
# ..."), and one after a word that such a quotation mark opened closes it (see _closing_quote)
_LOST_OPENING_QUOTE = re.compile(r"(?<=[\s(])\?(?=[A-Za-z])")
_LOST_CLOSING_QUOTE = re.compile(r"(?<=[A-Za-z.])\?(?=[),;:\s])")
# An acronym's bracket written against the name ("the Child Welfare Institute(PANI)")
_BRACKET_AGAINST_NAME = re.compile(r"(?<=[a-z])\((?=[A-Z]{2,}\))")
# The labels of a Factbook entry's parts, which its text runs on into ("... Norway, and Senegal tier rating:
# Tier 2", "... the Middle East | tier rating:"): each part is a paragraph of its own.
_FIELD_LABEL = re.compile(r"(?<=\S)[ \t]*(?:\|[ \t]*)?(?=(?:tier rating|current situation):)")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_LINE_BREAK = re.compile(r"(?<!\n)[ \t]*\n[ \t]*(?!\n)")
_SPACES = re.compile(r"[ \t\u00a0]{2,}")
# A lowercase word opening a clause after a semicolon. Report narratives chain a country's
# dozen findings into one sentence that way ("...; traffickers recruit women to work in X;
# ..."), and the small English model, which reads case, tags such a clause's subject and verb
# as one noun phrase ("traffickers transport" as a compound): capitalised, it parses them as
# subject and verb, as it does at a sentence start.
_CLAUSE_START = re.compile(r"(?<=; )[a-z](?=[a-z]*\b)")


def _unescape(match: re.Match[str]) -> str:
    return html.unescape(match.group())


def _closing_quote(match: re.Match[str]) -> str:
    """A quotation mark where a quotation is open on the line ("titled "Call Now?)"), else the question mark."""
    text, end = match.string, match.start()
    line_start = max(text.rfind("\n", 0, end) + 1, end - 200)
    quoting = False
    for i in range(line_start, end):
        if text[i] == '"':
            quoting = not quoting
        elif text[i] == "?" and quoting and _LOST_CLOSING_QUOTE.match(text, i):
            quoting = False  # an earlier quotation this step closes
    return '"' if quoting else "?"


def _capital(match: re.Match[str]) -> str:
    return match.group().upper()


_LINK_TEXT_AHEAD = r"(?=[^\[\]\n]{1,300}\]\()"  # a link's text, then its target: "[text]("
_MARKDOWN_LINK_OPEN = re.compile(r"!?\[" + _LINK_TEXT_AHEAD)
# ... and one written against the word before it ("a member of the[Task Force](https://...)"): a space
_MARKDOWN_LINK_AGAINST_WORD = re.compile(r"(?<=\w)!?\[" + _LINK_TEXT_AHEAD)
_MARKDOWN_LINK_TARGET = re.compile(r"\]\((?:https?://|/|#)[^)\s]*\)")
_BARE_URL = re.compile(r"\[?https?://[^\s\])]+\]?(?:\(https?://[^\s)]+\))?")
# A photo credit run on after a caption's sentence ("... in Bangkok. Tom Hale/Press Pool / Flickr / CC BY-SA 4.0"):
# short, and the end of its line. A cable kept as one line of markup, its line breaks written "&#x000A;", is one
# long line, where "DHS/ICE ... the AFP (Argentine Federal Police) chief" must not read as a credit to its end.
_CREDIT = re.compile(
    r"(?<=[.!?])[ \t]+[^.!?\n]{0,120}?/[^.!?\n]{0,80}?\b(?:Flickr|CC BY|Getty|Reuters|AFP|Shutterstock)\b[^\n]{0,40}$",
    re.IGNORECASE | re.MULTILINE,
)
_PHOTO_CREDIT = re.compile(
    r"\((?:Photo|Image|Picture)s?(?: by| credit:?|:)[^)\n]{1,80}\)|^(?:Photo|Image)s?(?: by| credit)?:[^\n]*$",
    re.MULTILINE,
)
_FRONT_MATTER = re.compile(r"\A---\n(?:[^\n]*\n){1,60}?---\n")


# The rewrites, in order: each a pattern and what a match becomes.
_CLEANING_STEPS: tuple[tuple[re.Pattern[str], Replacement], ...] = (
    (_FRONT_MATTER, ""),
    (_MARKDOWN_LINK_AGAINST_WORD, " "),
    (_MARKDOWN_LINK_OPEN, ""),
    (_MARKDOWN_LINK_TARGET, ""),
    (_BARE_URL, " "),
    (_CREDIT, ""),
    (_PHOTO_CREDIT, ""),
    (_HTML_TAG, "\n\n"),
    (_OTHER_TAG, " "),
    (_HTML_ENTITY, _unescape),
    (_NOISE_LINE, ""),
    (_PARAGRAPH_MARK, ""),
    (_CLASSIFICATION_MARK, ""),
    (_BULLET, ""),
    (_MARKDOWN, ""),
    (_MARKDOWN_ESCAPE, ""),
    (_LOST_APOSTROPHE, "'"),
    (_COMMA_APOSTROPHE, "'"),
    (_LOST_OPENING_QUOTE, '"'),
    (_LOST_CLOSING_QUOTE, _closing_quote),
    (_BRACKET_AGAINST_NAME, " ("),
    (_HYPHEN_BREAK, "-"),
    (_FIELD_LABEL, "\n\n"),
    (_PARAGRAPH_BREAK, "\n\n"),
    (_LINE_BREAK, " "),
    (_SPACES, " "),
    (_CLAUSE_START, _capital),
)


def clean_text(text: str) -> OffsetText:
    """Return the prose of a cable, report or page, with its offset map."""
    cleaned = OffsetText(text.replace("\r", " "))
    for pattern, replacement in _CLEANING_STEPS:
        cleaned = cleaned.sub(pattern, replacement)
    # The lookbehind starts the trailing match only at the start of a
    # whitespace run: without it a long run of form feeds is quadratic.
    return cleaned.sub(r"^\s+|(?<!\s)\s+\Z", "")


@dataclass
class DocumentMetadata:
    title: str | None = None
    date: str | None = None
    creator: str | None = None
    classification: str | None = None


_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_CABLE_DATE = re.compile(r"^\w{3} (\w{3} \d{2}) \d{2}:\d{2}:\d{2} [+-]\d{4} (\d{4})$", re.MULTILINE)
_DTG = re.compile(r"^[OPRZ] (\d{2})\d{4}Z ([A-Z]{3}) (\d{2})$", re.MULTILINE)
_PROSE_DATE = re.compile(rf"\b({_MONTHS}) (\d{{1,2}}), (\d{{4}})\b")
_SUBJECT = re.compile(r"^SUBJECT:[ \t]*(.+(?:\n(?![A-Z ]*:|\s*\n)[^\n]+)?)", re.MULTILINE)
_FROM = re.compile(r"^FM (.+)$", re.MULTILINE)
_CLASSIFICATION = re.compile(
    r"^(UNCLASSIFIED(?://FOR OFFICIAL USE ONLY)?|CONFIDENTIAL|SECRET|C O N F I D E N T I A L|S E C R E T|UNCLAS)\b",
    re.MULTILINE,
)
_POST_AFTER_CLASSIFICATION = re.compile(
    r"^(?:UNCLASSIFIED|CONFIDENTIAL|SECRET)[^\n]*\n((?:Embassy|Consulate|Mission|USUN|US Mission|American)[^\n]*)$",
    re.MULTILINE,
)
_BYLINE = re.compile(r"^\s*By ([A-Z][\w.]*(?: [A-Z][\w.]*){1,4})\s*$", re.MULTILINE)


def _iso_date(text: str, fmt: str) -> str | None:
    try:
        return datetime.strptime(text, fmt).date().isoformat()
    except ValueError:
        return None


_YAML_FIELD = re.compile(
    r"^(title|date|author|authors|byline|published|publication_date):[ \t]*(.*(?:\n[ \t]+\S.*)*)", re.MULTILINE
)
_POST_AFTER_MARK = re.compile(
    r"^(?:UNCLAS|C O N F I D E N T I A L|S E C R E T|CONFIDENTIAL|SECRET)(?:\s+SECTION \d+ OF \d+)?\s+([A-Z][A-Z ]+?)\s+\d{3,}",
    re.MULTILINE,
)
_ISO_DATE = re.compile(r"\b(\d{4}-\d{2}-\d{2})\b")


def _post_name(raw: str) -> str:
    """``AMEMBASSY BEIJING`` -> ``Embassy Beijing``."""
    words = raw.strip().split()
    if words and words[0].upper() in ("AMEMBASSY", "EMBASSY"):
        words = ["Embassy", *words[1:]]
    elif words and words[0].upper() in ("AMCONSUL", "CONSULATE"):
        words = ["Consulate", *words[1:]]
    elif words and words[0].upper() == "USMISSION":
        words = ["US Mission", *words[1:]]
    return " ".join(w if w in ("Embassy", "Consulate", "US Mission") else w.title() for w in words)


def _front_matter(text: str) -> dict[str, str]:
    found = _FRONT_MATTER.match(text)
    if not found:
        return {}
    fields: dict[str, str] = {}
    for key, value in _YAML_FIELD.findall(found.group()):
        fields.setdefault(key, " ".join(value.split()).strip("'\""))
    return fields


def extract_metadata(text: str) -> DocumentMetadata:
    r"""Take a cable's or an article's title, date, author and classification.

    >>> meta = extract_metadata("---\ntitle: Labour brokers on the coast\ndate: 2021-03-14 09:05:00 +03:00\nauthor: Amina Odhiambo\n---\nText.")
    >>> (meta.title, meta.date, meta.creator)
    ('Labour brokers on the coast', '2021-03-14', 'Amina Odhiambo')
    """
    meta = DocumentMetadata()
    fields = _front_matter(text)
    if fields:
        meta.title = fields.get("title") or None
        if found := _ISO_DATE.search(fields.get("date", "") or fields.get("publication_date", "")):
            meta.date = found.group(1)
        meta.creator = fields.get("author") or fields.get("authors") or fields.get("byline") or None
    head = _OTHER_TAG.sub("", text[:4000])
    if meta.title is None and (subject := _SUBJECT.search(head)):
        meta.title = " ".join(subject.group(1).split()).strip()
    meta.date = meta.date or _date_in(head)
    meta.creator = meta.creator or _creator_in(head)
    if found := _CLASSIFICATION.search(head):
        meta.classification = found.group(1).replace(" ", "") if " " in found.group(1)[:3] else found.group(1)
    if meta.title is None:
        meta.title = _title_line(head)
    return meta


def _date_in(head: str) -> str | None:
    """A cable's date line, its date-time group, or a date written in prose."""
    if found := _CABLE_DATE.search(head):
        return _iso_date(f"{found.group(1)} {found.group(2)}", "%b %d %Y")
    if found := _DTG.search(head):
        return _iso_date(f"{found.group(1)} {found.group(2)} {found.group(3)}", "%d %b %y")
    if found := _PROSE_DATE.search(head):
        return _iso_date(" ".join(found.groups()), "%B %d %Y")
    return None


def _creator_in(head: str) -> str | None:
    """A cable's sending post ("FM AMEMBASSY ..."), or an article's byline."""
    if found := _FROM.search(head):
        return _post_name(found.group(1))
    if found := _POST_AFTER_CLASSIFICATION.search(head):
        return found.group(1).strip()
    if found := _POST_AFTER_MARK.search(head):
        return _post_name("EMBASSY " + found.group(1))
    if found := _BYLINE.search(head):
        return found.group(1)
    return None


def _title_line(head: str) -> str | None:
    """The first line that reads like a title."""
    for line in head.splitlines():
        line = _MARKDOWN.sub("", line).strip().strip("#*_").strip()
        if len(line) > 15 and re.search(r"[a-z]", line) and not line.startswith(("http", "[")):
            return line
    return None
