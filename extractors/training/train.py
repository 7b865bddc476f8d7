"""Train tipgraph's models from the corpus: one reproducible command, 2 CPU cores, minutes.

    .venv/bin/python -m tipgraph.extractors.training.train [--corpus corpus] [--epochs 15]

1. the entity recogniser, on the train split -> ``extractors/entities/trained/``, and the
   entity check, on the train split (threshold tuned on dev) -> ``entities/trained/verifier.json``;
2. the relation model, on the train split's candidates (found by the pipeline with the new
   recogniser), thresholds tuned on the dev split -> ``extractors/relations/trained/relations.json``.

Fixed seeds, documents in name order, one thread: two runs give the same models.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path

from tipgraph.extractors.entities.model import TRAINED as ENTITY_MODEL
from tipgraph.extractors.entities.verifier import TRAINED as ENTITY_CHECK
from tipgraph.extractors.pipeline import DEFAULT_MODEL, load_pipeline
from tipgraph.extractors.relations.learned import TRAINED as RELATION_MODEL
from tipgraph.extractors.training.corpus import Corpus, CorpusDocument
from tipgraph.extractors.training.entities import train_verifier
from tipgraph.extractors.training.ner import train_ner
from tipgraph.extractors.training.relations import train_relation_model


def train_entities(train: list[CorpusDocument], out: Path, epochs: int) -> None:
    with tempfile.TemporaryDirectory() as scratch:
        train_ner(train, Path(scratch) / "ner", epochs=epochs)
        if out.exists():
            shutil.rmtree(out)
        shutil.copytree(Path(scratch) / "ner", out)


def train_entity_check(train: list[CorpusDocument], tune: list[CorpusDocument], out: Path, sources: str) -> None:
    nlp = load_pipeline(DEFAULT_MODEL, entity_sources=sources, relation_sources="patterns", verify=False)
    train_verifier(nlp, train, tune).save(out)


def train_relations(
    train: list[CorpusDocument], tune: list[CorpusDocument], out: Path, entity_sources: str, use_rules: bool = True
) -> None:
    # the entities as a build finds them; the patterns' statements as features
    nlp = load_pipeline(DEFAULT_MODEL, entity_sources=entity_sources, relation_sources="patterns")
    train_relation_model(nlp, train, tune, use_rules).save(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("corpus"))
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--only", choices=("entities", "check", "relations"), help="train one model only")
    parser.add_argument("--entity-model", type=Path, default=ENTITY_MODEL)
    parser.add_argument("--entity-check", type=Path, default=ENTITY_CHECK)
    parser.add_argument(
        "--entity-sources", choices=("both", "rules", "model"), default="rules", help="what the check is trained over"
    )
    parser.add_argument("--relation-model", type=Path, default=RELATION_MODEL)
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    corpus = Corpus.load(args.corpus)
    train, dev = corpus.split("train"), corpus.split("dev")
    started = time.monotonic()
    if args.only in (None, "entities"):
        train_entities(train, args.entity_model, args.epochs)
        print(f"entity recogniser: {len(train)} documents, {time.monotonic() - started:.0f} s -> {args.entity_model}")
    if args.only in (None, "entities", "check"):
        began = time.monotonic()
        train_entity_check(train, dev, args.entity_check, args.entity_sources)
        print(f"entity check: {len(train)} documents, {time.monotonic() - began:.0f} s -> {args.entity_check}")
    if args.only in (None, "relations"):
        began = time.monotonic()
        train_relations(train, dev, args.relation_model, args.entity_sources)
        print(f"relation model: {len(train)} documents, {time.monotonic() - began:.0f} s -> {args.relation_model}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
