"""Applying a reviewer's decisions to a resolved corpus, in file order, before any output is written.

Decisions name nodes by label, alias or IRI (current or former: a node
renamed by an earlier line is still found by its old IRI), so a file keeps
working as the corpus grows. Entity decisions move mentions between nodes
(``node_of``) and recompute each touched node's documents, aliases and roles
from the records, as resolution does; statement decisions keep every other
statement's IRI.

>>> from tipgraph.extractors.records import DocumentRecord, EntityRecord
>>> from tipgraph.graph.curation.decisions import parse_decisions
>>> doc = DocumentRecord(["a.txt"], "aa" * 32, entities=[EntityRecord("e0", "Liverpool Centre", "NGO", country="GB")])
>>> curated = apply_corrections(resolve_corpus([doc]), parse_decisions("- retype: {node: Liverpool Centre, class: Agency}"))
>>> [node.cls for node in curated.entities.values()]
['Agency']
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import replace

from rdflib import URIRef

from tipgraph.extractors.records import DocumentRecord, Evidence
from tipgraph.graph.curation.decisions import CorrectionsError, Decision, short
from tipgraph.graph.curation.report import Applied, ConflictingDecisions, CuratedCorpus, CurationReport, Stale
from tipgraph.graph.curation.statements import END_FIELDS, end_keys, find_verbatim, relation_from_decision, without_ends
from tipgraph.graph.model.rdf import node_iri
from tipgraph.graph.resolve import Corpus, ResolvedEntity, resolve_corpus  # noqa: F401  (resolve_corpus: the example)
from tipgraph.ontology.gazetteer import Gazetteer, load_gazetteer
from tipgraph.ontology.iris import curated_statement_iri
from tipgraph.ontology.namespace import TGR

CURATED_KEY = "curated:"  # entity keys of the ends of added statements: no record, no mention


class StaleTarget(Exception):
    """The decision's target is not in this build's graph (reported, not fatal)."""


def apply_corrections(
    corpus: Corpus,
    decisions: Iterable[Decision],
    source: str = "corrections.yaml",
    document_text: Callable[[str], str | None] | None = None,
    gazetteer: Gazetteer | None = None,
) -> CuratedCorpus:
    """``corpus`` with ``decisions`` applied in order; ``document_text(sha256)`` gives a document's text (for ``add``).

    Raises :class:`~tipgraph.graph.curation.report.ConflictingDecisions` or
    :class:`~tipgraph.graph.curation.decisions.CorrectionsError`; a stale decision is in ``result.report.stale``.
    """
    curator = Curator(corpus, document_text or (lambda sha: None), gazetteer)
    report = CurationReport(str(source))
    for decision in decisions:
        try:
            report.applied.append(curator.apply(decision))
        except StaleTarget as stale:
            report.stale.append(Stale(decision, str(stale)))
    return curator.result(report)


def _copy(node: ResolvedEntity) -> ResolvedEntity:
    return replace(
        node,
        aliases=set(node.aliases),
        documents=dict(node.documents),
        roles=set(node.roles),
        affiliations=set(node.affiliations),
    )


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def expand_iri(ref: str) -> URIRef | None:
    """``tgr:agency/x`` or a full IRI as an IRI; a name as None."""
    if ref.startswith("tgr:"):
        return TGR[ref[4:]]
    if ref.startswith(("http://", "https://")):
        return URIRef(ref)
    return None


class Curator:
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
        self.merged_into: dict[str, str] = {}
        self._ready = False  # nodes the resolver made that share an IRI are its business, not a correction's
        for node_id in self.entities:
            self._index(node_id)
        self._ready = True

    # ------------------------------------------------------------ indexes

    def _index(self, node_id: str) -> None:
        self._unindex(node_id)
        node = self.entities[node_id]
        label, aliases = _key(node.label), {_key(a) for a in node.aliases} - {_key(node.label)}
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
            self._absorb(node_id, holder)

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
            hits = self.by_label.get(_key(ref)) or self.by_alias.get(_key(ref)) or set()
            if len(hits) == 1:
                return next(iter(hits))
            if hits:
                named = ", ".join(sorted(short(node_iri(self.entities[h])) for h in hits))
                raise StaleTarget(f"{ref!r} names {len(hits)} nodes ({named}): name one by its IRI")
        for earlier, names, iris in self.rejected_nodes:
            if iri in iris or (iri is None and _key(ref) in names):
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

    def _refresh(self, node_id: str) -> None:
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
        node.aliases = {name for name in names if _key(name) != _key(node.label)}
        self._index(node_id)

    def _absorb(self, survivor: str, other: str) -> None:
        """``other`` becomes part of ``survivor``: its mentions, names, IRIs and corrections."""
        node, gone = self.entities[survivor], self.entities.pop(other)
        self._unindex(other)
        for attr in ("country", "located_in", "lat", "long", "wikidata"):
            if getattr(node, attr) is None and getattr(gone, attr) is not None:
                setattr(node, attr, getattr(gone, attr))
        for key in list(self.keys_of.pop(other, set())):
            self._move(key, survivor)
        self.extra_aliases[survivor] |= self.extra_aliases.pop(other, set()) | {gone.label}
        self.history[survivor].extend(self.history.pop(other, []))
        self.merged_into[other] = survivor
        for iri in self.former.pop(other, set()):
            self.former[survivor].add(iri)
            self.by_iri[iri] = survivor
        self._refresh(survivor)

    def _move(self, key: tuple[str, str], node_id: str) -> None:
        """The mention ``key`` (document, entity key) now belongs to ``node_id``."""
        owner = self.node_of.get(key)
        if owner is not None:
            self.keys_of[owner].discard(key)
        self.node_of[key] = node_id
        self.keys_of[node_id].add(key)

    def apply(self, decision: Decision) -> Applied:
        handler = {
            "merge": self._merge,
            "split": self._split,
            "reject": self._reject,
            "retype": self._set,
            "rename": self._set,
            "country": self._set,
            "alias": self._alias,
            "add": self._add,
        }[decision.kind]
        return handler(decision)

    def _merge(self, decision: Decision) -> Applied:
        ids: list[str] = []
        for ref in decision.body:
            node_id = self.node(ref, decision)
            if node_id not in ids:
                ids.append(node_id)
        for node_id in ids:
            origin = self.split_from.get(node_id)
            if origin and origin[0] in ids:
                raise ConflictingDecisions(origin[1], decision, "it splits apart the nodes this merges")
        survivor = ids[0]
        for other in ids[1:]:
            self._absorb(survivor, other)
        self.history[survivor].append(decision)
        return Applied(decision, nodes={survivor})

    def _split(self, decision: Decision) -> Applied:
        body = decision.body
        node_id = self.node(body["node"], decision)
        merged = next((d for d in self.history[node_id] if d.kind == "merge"), None)
        if merged is not None:
            raise ConflictingDecisions(merged, decision, f"{body['node']!r} is merged there; keep one of the two")
        shas = {self.document(ref).sha256 for ref in body["documents"]}
        moving = [k for k in self.keys_of[node_id] if k[0] in shas and k in self.records]
        if not moving:
            raise StaleTarget(f"{body['node']!r} is not mentioned in {', '.join(body['documents'])}")
        old = self.entities[node_id]
        new_id = f"split:{decision.digest}"
        self.entities[new_id] = ResolvedEntity(new_id, body["as"], body.get("class", old.cls), country=old.country)
        for key in moving:
            self._move(key, new_id)
        self.split_from[new_id] = (node_id, decision)
        self.history[node_id].append(decision)
        self.history[new_id].append(decision)
        self._refresh(node_id)
        self._refresh(new_id)  # a node already named so joins the new one
        if node_id in self.entities and not self.entities[node_id].documents:
            self._absorb(new_id, node_id)  # every mention moved: the old node lives on as the new one
        return Applied(decision, nodes={n for n in (node_id, new_id) if n in self.entities})

    def _reject(self, decision: Decision) -> Applied:
        if "statement" in decision.body:
            return self._reject_statement(decision)
        ref = decision.body["node"]
        node_id = self.node(ref, decision)
        if self.history[node_id]:
            earlier = self.history[node_id][0]
            raise ConflictingDecisions(earlier, decision, f"{ref!r} is corrected there, so it is an entity")
        node = self.entities.pop(node_id)
        self._unindex(node_id)
        iris = self.former.pop(node_id, set())
        for iri in iris:
            self.by_iri.pop(iri, None)
        self.rejected_nodes.append((decision, {_key(node.label), *map(_key, node.aliases)}, iris))
        keys = self.keys_of.pop(node_id, set())
        for key in keys:
            del self.node_of[key]
        applied = Applied(decision, rejected={node_iri(node)})
        for iri in sorted({iri for key in keys for iri in self.statements_of[key]} & set(self.statements)):
            doc, relation = self.statements[iri]
            gone = {key for key in end_keys(relation) if (doc.sha256, key) in keys}
            if not gone:
                continue  # trimmed of this key by an earlier line
            trimmed = without_ends(relation, gone)
            if trimmed is None:
                del self.statements[iri]
                self.removed[iri] = decision
                applied.rejected.add(iri)
            else:
                self.statements[iri] = (doc, trimmed)
                applied.statements.add(iri)
        return applied

    def _reject_statement(self, decision: Decision) -> Applied:
        ref = decision.body["statement"]
        iri = expand_iri(ref)
        assert iri is not None  # the schema allows statement IRIs only
        if iri in self.added:
            raise ConflictingDecisions(self.added[iri], decision, "it adds the statement this rejects")
        if iri in self.statements:
            del self.statements[iri]
            self.removed[iri] = decision
        elif iri not in self.removed:  # removed already (twice said, or with its node): nothing more to do
            raise StaleTarget(f"no statement {ref} in this build (its document changed or is no longer read)")
        return Applied(decision, rejected={iri})

    def _set(self, decision: Decision) -> Applied:
        body, kind = decision.body, decision.kind
        value = body[{"retype": "class", "rename": "label", "country": "country"}[kind]]
        node_id = self.node(body["node"], decision)
        earlier = self.values.get((node_id, kind))
        if earlier is not None and earlier[0] != value:
            raise ConflictingDecisions(
                earlier[1], decision, f"{body['node']!r} cannot be both {earlier[0]!r} and {value!r}"
            )
        node = self.entities[node_id]
        if kind == "country" and not (value in self.gazetteer and self.gazetteer.get(value).cls == "Country"):
            raise CorrectionsError(
                decision.source, decision.line, f"country: {value!r} is not a country code the gazetteer knows"
            )
        if kind == "rename" and _key(node.label) != _key(value):
            self.extra_aliases[node_id].add(node.label)
        setattr(node, {"retype": "cls", "rename": "label", "country": "country"}[kind], value)
        self.values[(node_id, kind)] = (value, decision)
        self.history[node_id].append(decision)
        self._refresh(node_id)
        node_id = self.by_iri[node_iri(node)]
        return Applied(decision, nodes={node_id})

    def _alias(self, decision: Decision) -> Applied:
        node_id = self.node(decision.body["node"], decision)
        self.extra_aliases[node_id] |= set(decision.body["add"])
        self.history[node_id].append(decision)
        self._refresh(node_id)
        return Applied(decision, nodes={node_id})

    def _add(self, decision: Decision) -> Applied:
        statement = decision.body["statement"]
        doc = self.document(statement["source"])
        text = self.document_text(doc.sha256)
        if text is None:
            raise StaleTarget(f"the text of {statement['source']} cannot be read to check the evidence")
        span = find_verbatim(text, statement["evidence"])
        if span is None:
            raise StaleTarget(f"the evidence does not stand word for word in {statement['source']}")
        ends = {
            name: [self.node(ref, decision) for ref in ([value] if isinstance(value, str) else value)]
            for name, value in statement.items()
            if name in END_FIELDS
        }
        keyed = dict(statement)
        for name, node_ids in ends.items():
            keys = [CURATED_KEY + node_id for node_id in node_ids]
            for key, node_id in zip(keys, node_ids):
                self._move((doc.sha256, key), node_id)
                self.history[node_id].append(decision)
            keyed[name] = keys if isinstance(statement[name], list) else keys[0]
        relation = relation_from_decision(keyed, Evidence(text[span[0] : span[1]], *span))
        iri = curated_statement_iri(doc.sha256, relation.kind, decision.digest)
        self.statements[iri] = (doc, relation)
        for key in end_keys(relation):
            self.statements_of[(doc.sha256, key)].add(iri)
        self.added[iri] = decision
        return Applied(decision, statements={iri})

    # ------------------------------------------------------------ result

    def result(self, report: CurationReport) -> CuratedCorpus:
        for node in self.entities.values():
            node.affiliations = set()
        for (sha, key), owner in self.node_of.items():
            record = self.records.get((sha, key))
            target = self.node_of.get((sha, record.affiliation)) if record and record.affiliation else None
            if target is not None and target != owner and target in self.entities:
                self.entities[owner].affiliations.add(target)
        revisions = {
            node_id: self.former[node_id] - {node_iri(node)}
            for node_id, node in self.entities.items()
            if self.former[node_id] - {node_iri(node)}
        }
        kept = [(doc, relation, iri) for iri, (doc, relation) in self.statements.items()]
        for applied in report.applied:
            applied.nodes = {now for node_id in applied.nodes if (now := self._current(node_id)) is not None}
        return CuratedCorpus(self.documents, self.entities, self.node_of, kept, revisions, report)

    def _current(self, node_id: str) -> str | None:
        """The node a decision's node became (merged into another by a later line), if it is still there."""
        while node_id not in self.entities and node_id in self.merged_into:
            node_id = self.merged_into[node_id]
        return node_id if node_id in self.entities else None
