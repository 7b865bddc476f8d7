"""A document's text as read from disk, before any model sees it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(frozen=True)
class SourceDocument:
    """A document's text as read from disk, under every name it was found."""

    names: tuple[str, ...]
    text: str
    sha256: str

    @classmethod
    def from_text(cls, name: str, text: str) -> SourceDocument:
        return cls((name,), text, hashlib.sha256(text.encode("utf-8")).hexdigest())


class UnreadableDocument(Exception):
    """A file that yields no text; the message says why."""
