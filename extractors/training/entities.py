"""Training data for the learned entity check (``tipgraph.extractors.entities.verifier``).

The pipeline runs with the check off; each entity it finds is positive when its name (or an
alias) matches a gold entity of the document, as the scorer matches names, and its class is
one the gold accepts; an entity matching only optional gold entities teaches nothing and is
left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from spacy.language import Language

from tipgraph.extractors.entities.component import SPAN_KEY
from tipgraph.extractors.entities.verifier import EntityVerifier, entity_features
from tipgraph.extractors.linear import train_logistic
from tipgraph.extractors.source import make_source_doc
from tipgraph.extractors.training.corpus import CorpusDocument, entity_names, entity_types, fold
from tipgraph.extractors.training.relations import best_threshold


def _label(record, gold: dict) -> int | None:
    names = {fold(record.label), *(fold(a) for a in record.aliases)}
    matched = [g for g in gold["entities"] if names & {fold(n) for n in entity_names(g)}]
    if not matched:
        return 0
    accepted = [
        g
        for g in matched
        if record.cls in entity_types(g) or (record.cls == "Official" and "Person" in entity_types(g))
    ]
    if any(not g.get("optional") for g in accepted):
        return 1
    if all(g.get("optional") for g in matched):
        return None
    return 0


def verifier_samples(nlp: Language, documents: Iterable[CorpusDocument]) -> tuple[list[list[str]], list[int]]:
    rows: list[list[str]] = []
    labels: list[int] = []
    for document in documents:
        doc = nlp(make_source_doc(nlp, document.text))
        spans = defaultdict(list)
        for span in doc.spans[SPAN_KEY]:
            spans[span.kb_id_].append(span)
        for record in doc._.tipgraph_entities:
            label = _label(record, document.gold)
            if label is None:
                continue
            rows.append(entity_features(record, spans[record.key], doc))
            labels.append(label)
    return rows, labels


def train_verifier(nlp: Language, train: list[CorpusDocument], tune: list[CorpusDocument]) -> EntityVerifier:
    """Fit on ``train`` (with ``nlp``'s check off), tune the threshold on ``tune``."""
    head = train_logistic(*verifier_samples(nlp, train), l2=1.0)
    head.threshold = min(best_threshold(head, *verifier_samples(nlp, tune)), 0.5)
    return EntityVerifier(head)
