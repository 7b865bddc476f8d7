"""The corpus under correction: nodes found by every name and IRI they have had, mentions and statements by node.

Decisions (:mod:`.apply`) change it through these few operations, which keep
the indexes true: a mention moves to another node (:meth:`CorpusState.move`),
a node's documents, aliases and roles are recomputed from its records as
resolution does (:meth:`CorpusState.refresh`), a node joins another
(:meth:`CorpusState.absorb`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace

from rdflib import URIRef

from tipgraph.extractors.records import DocumentRecord
from tipgraph.graph.curation.decisions import Decision, short
from tipgraph.graph.curation.report import ConflictingDecisions
from tipgraph.graph.curation.statements import end_keys
from tipgraph.graph.model.rdf import node_iri
from tipgraph.graph.resolve import Corpus, ResolvedEntity
from tipgraph.ontology.gazetteer import Gazetteer, load_gazetteer
from tipgraph.ontology.namespace import TGR


class StaleTarget(Exception):
    """The decision's target is not in this build's graph (reported, not fatal)."""


def _copy(node: ResolvedEntity) -> ResolvedEntity:
    return replace(
        node,
        aliases=set(node.aliases),
        documents=dict(node.documents),
        roles=set(node.roles),
        affiliations=set(node.affiliations),
    )


def key_of_name(name: str) -> str:
    """How names are compared: case and spacing aside."""
    return " ".join(name.split()).casefold()


def expand_iri(ref: str) -> URIRef | None:
    """``tgr:agency/x`` or a full IRI as an IRI; a name as None."""
    if ref.startswith("tgr:"):
        return TGR[ref[4:]]
    if ref.startswith(("http://", "https://")):
        return URIRef(ref)
    return None


class CorpusState:
    """The corpus being corrected, with indexes from every name and IRI a node has had to the node."""

    def __init__(self, corpus: Corpus, document_text: Callable[[str], str | None], gazetteer: Gazetteer | None):
        self.documents = corpus.documents
        self.entities = {
            node_id: _copy(node) for node_id, node in corpus.entities.items()
        }  # the resolver's stay as they are
        self.node_of = dict(corpus.node_of)
        self.records = {(doc.sha256, e.key): e for doc in corpus.documents for e in doc.entities}
        self.statements = {iri: (doc, relation) for doc, relation, iri in corpus.statements()}
        self.keys_of: dict[str, set[tuple[str, str]]] = defaultdict(set)  # node id -> its (document, entity key)s
        for mention, owner in self.node_of.items():
            self.keys_of[owner].add(mention)
        self.statements_of: dict[tuple[str, str], set[URIRef]] = defaultdict(set)  # (document, key) -> statements
        for iri, (doc, relation) in self.statements.items():
            for end in end_keys(relation):
                self.statements_of[(doc.sha256, end)].add(iri)
        self.document_text = document_text
        self._gazetteer = gazetteer
        self.doc_of: dict[str, DocumentRecord] = {}
        for doc in corpus.documents:
            for name in doc.names:
                self.doc_of.setdefault(name, doc)
                self.doc_of.setdefault(name.replace("\\", "/").rsplit("/", 1)[-1], doc)
        self.former: dict[str, set[URIRef]] = defaultdict(set)  # node id -> every IRI it has had
        self.by_iri: dict[URIRef, str] = {}
        self.by_label: dict[str, set[str]] = defaultdict(set)
        self.by_alias: dict[str, set[str]] = defaultdict(set)
        self._indexed: dict[str, tuple[str, set[str]]] = {}
        self.history: dict[str, list[Decision]] = defaultdict(list)  # node id -> decisions that corrected it
        self.extra_aliases: dict[str, set[str]] = defaultdict(set)
        self.values: dict[tuple[str, str], tuple[str, Decision]] = {}  # (node id, kind) -> value set, by whom
        self.split_from: dict[str, tuple[str, Decision]] = {}
        self.rejected_nodes: list[tuple[Decision, set[str], set[URIRef]]] = []
        self.removed: dict[URIRef, Decision] = {}  # statement -> the decision that removed it
        self.added: dict[URIRef, Decision] = {}
        self.confirmed: dict[URIRef, Decision] = {}  # statement -> the decision that found it right
        self.kept_apart: list[tuple[Decision, set[str]]] = []  # distinct decisions and the nodes they name
        self.merged_into: dict[str, str] = {}
        self._ready = False  # nodes the resolver made that share an IRI are its business, not a correction's
        for node_id in self.entities:
            self._index(node_id)
        self._ready = True

    # ------------------------------------------------------------ indexes

    def _index(self, node_id: str) -> None:
        self._unindex(node_id)
        node = self.entities[node_id]
        label, aliases = key_of_name(node.label), {key_of_name(a) for a in node.aliases} - {key_of_name(node.label)}
        self.by_label[label].add(node_id)
        for alias in aliases:
            self.by_alias[alias].add(node_id)
        self._indexed[node_id] = (label, aliases)
        iri = node_iri(node)
        holder = self.by_iri.get(iri)
        self.former[node_id].add(iri)
        self.by_iri[iri] = node_id
        if self._ready and holder is not None and holder != node_id and holder in self.entities:
            # The corrected node is now named, typed and placed like another: resolution's own identity, so one node.
            self.absorb(node_id, holder)

    def _unindex(self, node_id: str) -> None:
        label, aliases = self._indexed.pop(node_id, ("", set()))
        self.by_label[label].discard(node_id)
        for alias in aliases:
            self.by_alias[alias].discard(node_id)

    def node(self, ref: str, decision: Decision) -> str:
        """The node ``ref`` names now; stale if none or several, a conflict if an earlier line rejected it."""
        iri = expand_iri(ref)
        if iri is not None:
            if iri in self.by_iri and self.by_iri[iri] in self.entities:
                return self.by_iri[iri]
        else:
            hits = self.by_label.get(key_of_name(ref)) or self.by_alias.get(key_of_name(ref)) or set()
            if len(hits) == 1:
                return next(iter(hits))
            if hits:
                named = ", ".join(sorted(short(node_iri(self.entities[h])) for h in hits))
                raise StaleTarget(f"{ref!r} names {len(hits)} nodes ({named}): name one by its IRI")
        for earlier, names, iris in self.rejected_nodes:
            if iri in iris or (iri is None and key_of_name(ref) in names):
                raise ConflictingDecisions(earlier, decision, f"{ref!r} is rejected there")
        raise StaleTarget(f"no node has the IRI {short(iri)}" if iri is not None else f"no node is named {ref!r}")

    def document(self, ref: str) -> DocumentRecord:
        doc = self.doc_of.get(ref) or self.doc_of.get(ref.replace("\\", "/").rsplit("/", 1)[-1])
        if doc is None and re.fullmatch(r"[0-9a-f]{12,64}", ref):
            doc = next((d for d in self.documents if d.sha256.startswith(ref)), None)
        if doc is None:
            raise StaleTarget(f"no document {ref!r} in this build")
        return doc

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = load_gazetteer()
        return self._gazetteer

    # ------------------------------------------------------------ changes

    def refresh(self, node_id: str) -> None:
        """The node's documents, aliases and roles from the records now mapped to it."""
        node = self.entities[node_id]
        documents: dict[str, int] = {}
        names, roles = set(self.extra_aliases[node_id]), set()
        for sha, key in self.keys_of[node_id]:
            record = self.records.get((sha, key))
            if record is not None:
                documents[sha] = documents.get(sha, 0) + max(1, len(record.mentions))
                names |= {record.label, *record.aliases}
                roles |= {record.role} if record.role else set()
        node.documents, node.roles = documents, roles
        node.aliases = {name for name in names if key_of_name(name) != key_of_name(node.label)}
        self._index(node_id)

    def absorb(self, survivor: str, other: str) -> None:
        """``other`` becomes part of ``survivor``: its mentions, names, IRIs and corrections."""
        node, gone = self.entities[survivor], self.entities.pop(other)
        self._unindex(other)
        for attr in ("country", "located_in", "lat", "long", "wikidata"):
            if getattr(node, attr) is None and getattr(gone, attr) is not None:
                setattr(node, attr, getattr(gone, attr))
        for key in list(self.keys_of.pop(other, set())):
            self.move(key, survivor)
        self.extra_aliases[survivor] |= self.extra_aliases.pop(other, set()) | {gone.label}
        self.history[survivor].extend(self.history.pop(other, []))
        self.merged_into[other] = survivor
        for iri in self.former.pop(other, set()):
            self.former[survivor].add(iri)
            self.by_iri[iri] = survivor
        self.refresh(survivor)

    def move(self, key: tuple[str, str], node_id: str) -> None:
        """The mention ``key`` (document, entity key) now belongs to ``node_id``."""
        owner = self.node_of.get(key)
        if owner is not None:
            self.keys_of[owner].discard(key)
        self.node_of[key] = node_id
        self.keys_of[node_id].add(key)

    def current(self, node_id: str) -> str | None:
        """The node a decision's node became (merged into another by a later line), if it is still there."""
        while node_id not in self.entities and node_id in self.merged_into:
            node_id = self.merged_into[node_id]
        return node_id if node_id in self.entities else None
