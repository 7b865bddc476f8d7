"""The ``Doc`` extensions tipgraph registers, every one under the ``tipgraph_`` prefix.

Each component writes its own extension and reads the others' (spaCy's
``assigns``/``requires`` of the factories say which):

- ``doc._.tipgraph_source_text``, ``doc._.tipgraph_source_offsets``: the
  original file text and the map from the cleaned text the model reads
  (:mod:`tipgraph.extractors.source`);
- ``doc._.tipgraph_entities``: the entity component's records;
- ``doc._.tipgraph_relations``: the relation component's records;
- ``doc._.tipgraph_relation_places``: the places the relation component adds
  for its routes (a country the text names only by nationality, a region
  only by direction): its own output, never appended to the entities'.

Registering is strict: an extension of the same name that another library
(or another copy of tipgraph) set first is an error, not a silent reuse.

>>> from spacy.lang.en import English
>>> doc = English()("Nothing extracted yet.")
>>> document_entities(doc), relations_of(doc)
([], [])
"""

from __future__ import annotations

from spacy.tokens import Doc

EXTENSIONS = (
    "tipgraph_source_text",
    "tipgraph_source_offsets",
    "tipgraph_entities",
    "tipgraph_relations",
    "tipgraph_relation_places",
)

_OURS: set[str] = set()  # the names this process registered


class ExtensionClash(RuntimeError):
    """A ``Doc`` extension tipgraph needs was registered by someone else first."""


def register_extensions() -> None:
    """Register tipgraph's ``Doc`` extensions (once per process); a foreign one of the same name is an error."""
    for name in EXTENSIONS:
        if name in _OURS:
            continue
        if Doc.has_extension(name):
            raise ExtensionClash(
                f"Doc._.{name} is already registered by another library: tipgraph's components need it for themselves"
            )
        Doc.set_extension(name, default=None)
        _OURS.add(name)


def entities_of(doc: Doc) -> list:
    """The entity component's records (``doc._.tipgraph_entities``), or none."""
    return doc._.tipgraph_entities or []


def relation_places_of(doc: Doc) -> list:
    """The places the relation component added for its routes (``doc._.tipgraph_relation_places``)."""
    return doc._.tipgraph_relation_places or []


def document_entities(doc: Doc) -> list:
    """Every entity of the document: the entity component's, then the places the routes added."""
    return entities_of(doc) + relation_places_of(doc)


def relations_of(doc: Doc) -> list:
    """The relation component's records (``doc._.tipgraph_relations``), or none."""
    return doc._.tipgraph_relations or []


def document_output(doc: Doc) -> tuple[list, list]:
    """(entities, relations) of one processed ``Doc``: what a document record is made of."""
    return document_entities(doc), relations_of(doc)


register_extensions()
