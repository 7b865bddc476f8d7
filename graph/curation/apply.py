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

from collections.abc import Callable, Iterable

from tipgraph.extractors.records import Evidence
from tipgraph.graph.curation.decisions import CorrectionsError, Decision
from tipgraph.graph.curation.index import CorpusState, StaleTarget, expand_iri, key_of_name
from tipgraph.graph.curation.report import Applied, ConflictingDecisions, CuratedCorpus, CurationReport, Stale
from tipgraph.graph.curation.statements import END_FIELDS, end_keys, find_verbatim, relation_from_decision, without_ends
from tipgraph.graph.model.rdf import node_iri
from tipgraph.graph.resolve import Corpus, ResolvedEntity, resolve_corpus  # noqa: F401  (resolve_corpus: the example)
from tipgraph.ontology.gazetteer import Gazetteer
from tipgraph.ontology.iris import curated_statement_iri

CURATED_KEY = "curated:"  # entity keys of the ends of added statements: no record, no mention


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


class Curator(CorpusState):
    """Applies one decision at a time, refusing those that contradict an earlier one."""

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
            "confirm": self._confirm,
            "distinct": self._distinct,
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
        for earlier, nodes in self.kept_apart:
            if len({self.current(n) for n in nodes} & set(ids)) >= 2:
                raise ConflictingDecisions(earlier, decision, "it keeps apart the nodes this merges")
        survivor = ids[0]
        for other in ids[1:]:
            self.absorb(survivor, other)
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
            self.move(key, new_id)
        self.split_from[new_id] = (node_id, decision)
        self.history[node_id].append(decision)
        self.history[new_id].append(decision)
        self.refresh(node_id)
        self.refresh(new_id)  # a node already named so joins the new one
        if node_id in self.entities and not self.entities[node_id].documents:
            self.absorb(new_id, node_id)  # every mention moved: the old node lives on as the new one
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
        self.rejected_nodes.append((decision, {key_of_name(node.label), *map(key_of_name, node.aliases)}, iris))
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
        earlier = self.added.get(iri) or self.confirmed.get(iri)
        if earlier is not None:
            raise ConflictingDecisions(earlier, decision, f"it {earlier.kind}s the statement this rejects")
        if iri in self.statements:
            del self.statements[iri]
            self.removed[iri] = decision
        elif iri not in self.removed:  # removed already (twice said, or with its node): nothing more to do
            raise StaleTarget(f"no statement {ref} in this build (its document changed or is no longer read)")
        return Applied(decision, rejected={iri})

    def _confirm(self, decision: Decision) -> Applied:
        if "node" in decision.body:
            node_id = self.node(decision.body["node"], decision)
            self.history[node_id].append(decision)
            return Applied(decision, nodes={node_id})
        iri = expand_iri(decision.body["statement"])
        assert iri is not None  # the schema allows statement IRIs only
        if iri in self.removed:
            raise ConflictingDecisions(self.removed[iri], decision, "it removes the statement this confirms")
        if iri not in self.statements:
            raise StaleTarget(
                f"no statement {decision.body['statement']} in this build (its document changed or is no longer read)"
            )
        self.confirmed[iri] = decision
        return Applied(decision, statements={iri})

    def _distinct(self, decision: Decision) -> Applied:
        ids = [self.node(ref, decision) for ref in decision.body]
        twice = next((node_id for node_id in ids if ids.count(node_id) > 1), None)
        if twice is not None:
            merged = next((d for d in self.history[twice] if d.kind == "merge"), None)
            if merged is not None:
                raise ConflictingDecisions(merged, decision, "it merges the nodes this keeps apart")
            raise StaleTarget("they are one node in this build: split it to keep them apart")
        self.kept_apart.append((decision, set(ids)))
        for node_id in ids:
            self.history[node_id].append(decision)
        return Applied(decision, nodes=set(ids))

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
        if kind == "rename" and key_of_name(node.label) != key_of_name(value):
            self.extra_aliases[node_id].add(node.label)
        setattr(node, {"retype": "cls", "rename": "label", "country": "country"}[kind], value)
        self.values[(node_id, kind)] = (value, decision)
        self.history[node_id].append(decision)
        self.refresh(node_id)
        node_id = self.by_iri[node_iri(node)]
        return Applied(decision, nodes={node_id})

    def _alias(self, decision: Decision) -> Applied:
        node_id = self.node(decision.body["node"], decision)
        self.extra_aliases[node_id] |= set(decision.body["add"])
        self.history[node_id].append(decision)
        self.refresh(node_id)
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
                self.move((doc.sha256, key), node_id)
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
            applied.nodes = {now for node_id in applied.nodes if (now := self.current(node_id)) is not None}
        return CuratedCorpus(self.documents, self.entities, self.node_of, kept, revisions, report)
