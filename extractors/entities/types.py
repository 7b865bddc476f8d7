"""The working types of entity extraction within one document.

A :class:`Candidate` is a token span one rule proposes; the chosen candidates
become :class:`FoundEntity` objects, which gather their mentions and are
merged within the document; :class:`DocView` is the parsed ``Doc`` the rules
read. None of them leaves the component: it writes plain
:class:`~tipgraph.extractors.records.EntityRecord` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from tipgraph.extractors.naming import body_identity, canonical_body_key
from tipgraph.ontology.gazetteer import GazetteerEntry
from tipgraph.ontology.model import is_a
from tipgraph.ontology.namespace import EntityClass


@dataclass
class Candidate:
    """A token span that may name an entity, with the class and source that proposed it."""

    start: int
    end: int
    cls: EntityClass
    label: str
    source: str
    entry: GazetteerEntry | None = None
    entries: tuple = ()
    country: str | None = None
    qualified: bool = False
    priority: int = 0
    from_model: bool = False  # proposed by the trained recogniser (``tipgraph_entity_model``)


@dataclass
class FoundEntity:
    """An entity under construction: its mentions (spans of the cleaned doc) and attributes."""

    label: str
    cls: EntityClass
    spans: list[Span] = field(default_factory=list)
    entry: GazetteerEntry | None = None
    country: str | None = None
    role: str | None = None
    affiliation: FoundEntity | None = None
    acronyms: set[str] = field(default_factory=set)
    extra_aliases: set[str] = field(default_factory=set)
    qualified: bool = False  # jurisdiction stated in the text rather than assumed
    implied: bool = False  # the text never names it ("the government" of the home country): kept for its relations
    branch: bool = False  # a country's branch of a body the lists know ("the Kenyan Red Cross"): the lists vouch for it

    @property
    def key(self) -> tuple:
        if self.entry is not None:
            return ("gaz", self.entry.id)
        family = "Person" if is_a(self.cls, "Person") else self.cls
        if family == "Person":
            return (family, canonical_body_key(self.label), self.country)
        return (family, body_identity(self.label), self.country)

    def absorb(self, other: FoundEntity) -> None:
        self.spans.extend(other.spans)
        self.acronyms |= other.acronyms
        self.extra_aliases |= other.extra_aliases
        self.role = self.role or other.role
        self.affiliation = self.affiliation or other.affiliation
        self.branch = self.branch or other.branch
        if other.cls != self.cls and is_a(other.cls, self.cls):  # the more specific class: a person is an official
            self.cls = other.cls
        if self.country is None:
            self.country = other.country


def _is_heading(sent: Span) -> bool:
    """A title-case line without a full stop ("Trafficking Still a Major Problem") names no one; a line of
    parts set off by commas is a list's item ("Ana Ruiz, Legal Adviser, Ministry of Labour"), no heading."""
    text = sent.text.strip()
    if not text or text[-1] in '.!?"”' or text.count(",") >= 2:
        return False
    return all(t.text[0].isupper() for t in sent if t.is_alpha and len(t.text) > 3)


class DocView:
    """A ``Doc`` whose tokens, entities and sentence headings are made once.

    The rules index tokens many times; spaCy makes a new ``Token`` object on
    every ``doc[i]``, so the view keeps one per position. Slices, spans and
    everything else go to the ``Doc`` itself.
    """

    def __init__(self, doc: Doc):
        self.doc = doc
        self._demonym_uses: list | None = None
        self.tokens = list(doc)
        self.ents = list(doc.ents)
        self._headings: dict[int, bool] = {}

    def __getitem__(self, index):
        if isinstance(index, slice):
            return self.doc[index]
        return self.tokens[index]

    def __len__(self) -> int:
        return len(self.tokens)

    def __iter__(self):
        return iter(self.tokens)

    def __getattr__(self, name):
        return getattr(self.doc, name)

    def heading(self, sent: Span) -> bool:
        if sent.start not in self._headings:
            self._headings[sent.start] = _is_heading(sent)
        return self._headings[sent.start]
