"""Long documents in pieces the model can take, with offsets into the whole file.

spaCy refuses a text longer than ``nlp.max_length`` (a million characters)
and the parser's memory grows with the length of a ``Doc``. A document over
``LONG_DOCUMENT`` characters is therefore cut into chunks at paragraph
breaks (else line breaks, else sentence ends, else spaces), each chunk is
cleaned and parsed as its own
``Doc`` whose offset map points into the *whole* original text, and the
chunks' records are merged into one: evidence and mentions still slice the
original file text exactly.

>>> text = "UNICEF met IOM.\\n\\nIOM met UNICEF again.\\n\\nThe end."
>>> [text[s:e] for s, e in chunk_spans(text, 25)]
['UNICEF met IOM.\\n\\n', 'IOM met UNICEF again.\\n\\n', 'The end.']
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from tipgraph.extractors.ingest.cleaning import clean_text
from tipgraph.extractors.records import EntityRecord, RelationRecord
from tipgraph.ontology.model import relation_kind

# A document up to LONG_DOCUMENT characters is parsed whole, as always; a
# longer one in chunks of about CHUNK_CHARACTERS, far below spaCy's
# max_length: spaCy's memory grows with the characters of a batch (8 Docs of
# 100,000 characters take 1.5 GB, of 25,000 about 0.5 GB), and a cut at a
# paragraph break costs extraction nothing.
LONG_DOCUMENT = 100_000
CHUNK_CHARACTERS = 25_000

_BREAKS = (
    re.compile(r"\n[ \t\r]*\n\s*"),  # paragraph
    re.compile(r"\n"),  # line
    re.compile(r"[.!?][\"')\]]*[ \t]+"),  # sentence end
    re.compile(r"\s+"),  # any space
)


def chunk_spans(text: str, limit: int = CHUNK_CHARACTERS) -> list[tuple[int, int]]:
    """Spans that cover ``text`` end to end, each at most ``limit`` characters, cut at the best break."""
    spans = []
    start = 0
    length = len(text)
    while length - start > limit:
        end = _best_cut(text, start, start + limit)
        spans.append((start, end))
        start = end
    spans.append((start, length))
    return spans


def _best_cut(text: str, start: int, hard_end: int) -> int:
    # Look for the last break in the second half of the window, so chunks
    # stay big; fall back to a hard cut in a break-less run.
    window_start = start + (hard_end - start) // 2
    for pattern in _BREAKS:
        last = None
        for match in pattern.finditer(text, window_start, hard_end):
            last = match
        if last is not None and last.end() > start:
            return last.end()
    return hard_end


def make_chunk_docs(nlp: Language, text: str, limit: int | None = None) -> Iterator[Doc]:
    """One ``Doc`` per chunk of ``text``, each mapping its characters into the whole ``text``."""
    limit = min(limit or CHUNK_CHARACTERS, nlp.max_length)
    for start, end in chunk_spans(text, limit):
        cleaned = clean_text(text[start:end])
        doc = nlp.make_doc(cleaned.text)
        doc._.tipgraph_source_text = text
        doc._.tipgraph_source_offsets = (
            array("q", (offset + start for offset in cleaned.offsets)) if start else cleaned.offsets
        )
        yield doc


def merge_chunk_results(
    chunks: list[tuple[list[EntityRecord], list[RelationRecord]]],
) -> tuple[list[EntityRecord], list[RelationRecord]]:
    """The entities and relations of one document from those of its chunks.

    Entities with the same class and gazetteer id (or, without one, the same
    label) are one entity; keys are renumbered and relations follow.
    """
    if len(chunks) == 1:
        return chunks[0]
    entities: list[EntityRecord] = []
    by_identity: dict[tuple[str, str], EntityRecord] = {}
    relations: list[RelationRecord] = []
    for chunk_entities, chunk_relations in chunks:
        renamed: dict[str, str] = {}
        pending_affiliations: list[tuple[EntityRecord, str]] = []
        for entity in chunk_entities:
            identity = (entity.cls, entity.gazetteer_id or entity.label)
            merged = by_identity.get(identity)
            if merged is None:
                merged = replace(
                    entity,
                    key=f"e{len(entities)}",
                    aliases=list(entity.aliases),
                    mentions=list(entity.mentions),
                    affiliation=None,
                )
                by_identity[identity] = merged
                entities.append(merged)
            else:
                merged.aliases.extend(a for a in entity.aliases if a not in merged.aliases and a != merged.label)
                merged.doubtful = merged.doubtful and entity.doubtful  # trusted in one chunk: trusted
                merged.mentions.extend(entity.mentions)
                for name in ("country", "located_in", "lat", "long", "wikidata", "role"):
                    if getattr(merged, name) is None:
                        setattr(merged, name, getattr(entity, name))
            renamed[entity.key] = merged.key
            if entity.affiliation:
                pending_affiliations.append((merged, entity.affiliation))
        for merged, affiliation in pending_affiliations:
            if merged.affiliation is None and affiliation in renamed and renamed[affiliation] != merged.key:
                merged.affiliation = renamed[affiliation]
        relations.extend(_renamed(relation, renamed) for relation in chunk_relations)
    return entities, relations


def _renamed(relation: RelationRecord, renamed: dict[str, str]) -> RelationRecord:
    """``relation`` with each entity key of its roles (as its kind declares them) renamed."""
    changes: dict[str, Any] = {}
    for role in relation_kind(relation.kind).entity_roles:
        value = getattr(relation, role.field)
        changes[role.field] = [renamed[v] for v in value] if isinstance(value, list) else renamed[value]
    return replace(relation, **changes)  # replace() keeps whatever other fields a relation type has
