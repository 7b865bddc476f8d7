"""Extraction quality, measured honestly: each corpus split, the seeds and the shared dev set.

    .venv/bin/python -m benchmarks.quality                 # train, dev, test, seeds, shared dev; the gap
    .venv/bin/python -m benchmarks.quality --only train dev --show-errors train
    .venv/bin/python -m benchmarks.quality --agreement     # annotator agreement (corpus/gold-second)

Each split's documents are built with ``tipgraph build`` (into ``build/quality/SPLIT``,
with its record cache) and scored with the shared scorer (``../shared/eval/score.py``)
against the split's gold. The generalisation gap is train F1 minus test F1. The test
split is locked: its errors are never printed (``--show-errors test`` is refused); its
figures are for the end of a change.
"""

from __future__ import annotations

import argparse
import importlib.util
import shutil
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path
from types import ModuleType

from spacy.language import Language

from benchmarks.cross_validation import cross_validate
from tipgraph.extractors.ingest.reading import read_source
from tipgraph.extractors.pipeline import DEFAULT_MODEL, extract_documents, load_pipeline
from tipgraph.extractors.training.corpus import Corpus, CorpusDocument
from tipgraph.extractors.training.gold_graph import gold_graph
from tipgraph.graph.model.rdf import corpus_to_rdf, write_turtle
from tipgraph.graph.resolve import resolve_corpus

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
CORPUS = ROOT / "corpus"
KEYS = (
    ("entities.strict", "entities"),
    ("entities.country", "country"),
    ("relations.cooperation", "cooperation"),
    ("relations.funding", "funding"),
    ("relations.route", "route"),
    ("relations.all", "relations"),
    ("routes.purposes", "purposes"),
    ("routes.victims", "victims"),
)


def load_scorer() -> ModuleType:
    spec = importlib.util.spec_from_file_location("tipgraph_eval_score", SHARED_EVAL / "score.py")
    if spec is None or spec.loader is None:
        raise SystemExit(f"no scorer at {SHARED_EVAL / 'score.py'}")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    return scorer


def _gold_folder(documents: Iterable[CorpusDocument], folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        shutil.copy(CORPUS / "gold" / f"{doc.id}.json", folder / f"{doc.id}.json")
    return folder


def build_graph(nlp: Language, files: list[Path], out: Path) -> Path:
    """Extract ``files`` with ``nlp`` and write the resolved graph as ``out/graph.ttl`` (what a build writes)."""
    records = list(extract_documents(nlp, (read_source(path) for path in files)))
    out.mkdir(parents=True, exist_ok=True)
    write_turtle(corpus_to_rdf(resolve_corpus(records)), out / "graph.ttl")
    return out / "graph.ttl"


def score_documents(
    scorer: ModuleType, nlp: Language, documents: list[CorpusDocument], out: Path, show_errors: bool
) -> dict:
    """Build ``documents`` with ``nlp`` into ``out`` and score the graph against their gold."""
    graph = build_graph(nlp, [CORPUS / "docs" / doc.name for doc in documents], out)
    with tempfile.TemporaryDirectory() as scratch:
        gold = _gold_folder(documents, Path(scratch) / "gold")
        return scorer.score(scorer.GraphView(graph), gold, show_errors)


def score_folder(scorer: ModuleType, nlp: Language, docs: Path, gold: Path, out: Path, show_errors: bool) -> dict:
    graph = build_graph(nlp, sorted(p for p in docs.iterdir() if p.is_file()), out)
    return scorer.score(scorer.GraphView(graph), gold, show_errors)


def agreement(scorer: ModuleType) -> dict:
    """The second annotation (``corpus/gold-second``) scored as a graph against the first."""
    second = Corpus.load(CORPUS, gold_folder="gold-second")
    with tempfile.TemporaryDirectory() as scratch:
        graph_file = Path(scratch) / "second.ttl"
        gold_graph(second.documents).serialize(graph_file, format="turtle")
        gold = _gold_folder(second.documents, Path(scratch) / "gold")
        result = scorer.score(scorer.GraphView(graph_file), gold, True)
    result["documents"] = len(second.documents)
    return result


def reliability(split: list[CorpusDocument], bins: int = 5) -> list[tuple[str, str, int, float]]:
    """Confidence against the share correct: per relation kind and bin, how many document pairs the
    model gives that (calibrated) confidence and how many of them the gold relates (the dev split)."""
    from functools import partial

    from tipgraph.extractors.relations.learned import RelationModel
    from tipgraph.extractors.training.relations import pair_confidences, samples

    model = RelationModel.load()
    nlp = load_pipeline(DEFAULT_MODEL, relation_sources="patterns")
    rows = []
    for kind, held in sorted(samples(nlp, split, use_rules=True).items()):
        if kind not in model.heads or kind not in ("cooperation", "funding", "route"):
            continue
        best = {pair: p for pair, (p, _) in pair_confidences(partial(model.confidence, kind), held).items()}
        for b in range(bins):
            low, high = b / bins, (b + 1) / bins
            inside = [pair for pair, p in best.items() if low <= p < high or (b == bins - 1 and p == 1.0)]
            if inside:
                share = sum(pair in held.gold_pairs for pair in inside) / len(inside)
                rows.append((kind, f"{low:.1f}-{high:.1f}", len(inside), share))
    return rows


def format_row(name: str, result: dict) -> str:
    cells = []
    for key, _ in KEYS:
        r = result.get(key)
        cells.append(f"{r['f1']:.3f}" if r else "  -  ")
    return f"{name:16} " + "  ".join(f"{c:>11}" for c in cells)


def header() -> str:
    return f"{'F1':16} " + "  ".join(f"{label:>11}" for _, label in KEYS)


def score_named(scorer: ModuleType, nlp: Language, corpus: Corpus, name: str, out: Path, errors: bool) -> dict:
    """One split of the corpus, the seeds, or the shared dev set, built and scored."""
    if name in corpus.splits:
        return score_documents(scorer, nlp, corpus.split(name), out, errors)
    if name == "seeds":
        return score_folder(scorer, nlp, ROOT / "seeds", SHARED_EVAL / "gold", out, errors)
    dev = SHARED_EVAL / "dev"
    return score_folder(scorer, nlp, dev / "docs", dev / "gold", out, errors)


def print_reliability() -> None:
    print(f"{'kind':12} {'confidence':>10} {'pairs':>6} {'correct':>8}")
    for kind, band, n, share in reliability(Corpus.load(CORPUS).split("dev")):
        print(f"{kind:12} {band:>10} {n:>6} {share:>8.2f}")


def print_agreement(scorer: ModuleType) -> None:
    result = agreement(scorer)
    print(f"agreement of two blind annotations on {result['documents']} documents (second scored against first)")
    print(header())
    print(format_row("agreement", result))
    for key, label in KEYS:
        r = result.get(key)
        if r:
            print(f"  {label:12} P={r['precision']:.3f} R={r['recall']:.3f} F1={r['f1']:.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", default=["train", "dev", "test", "seeds", "shared-dev"])
    parser.add_argument("--show-errors", nargs="*", default=[], help="print the errors of these splits (never test)")
    parser.add_argument(
        "--agreement", action="store_true", help="annotator agreement on the doubly annotated documents"
    )
    parser.add_argument(
        "--reliability", action="store_true", help="relation confidence against the share correct (dev)"
    )
    parser.add_argument("--folds", type=int, default=0, help="also a cross-validation over train and dev (e.g. 5)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "quality")
    parser.add_argument(
        "--entities", choices=("both", "rules", "model"), default="rules", help="entity candidates from"
    )
    parser.add_argument("--relations", choices=("both", "model", "patterns"), default="both", help="statements from")
    parser.add_argument("--no-check", action="store_true", help="keep every entity the rules find (no learned check)")
    args = parser.parse_args(argv)
    if "test" in args.show_errors:
        parser.error("the test split is locked: its errors are never printed")
    scorer = load_scorer()
    if args.reliability:
        print_reliability()
        return 0
    if args.agreement:
        print_agreement(scorer)
        return 0
    corpus = Corpus.load(CORPUS)
    nlp = load_pipeline(
        DEFAULT_MODEL, entity_sources=args.entities, relation_sources=args.relations, verify=not args.no_check
    )
    print(
        f"entities from {args.entities}{'' if args.no_check else ' + learned check'}, relations from {args.relations}"
    )
    results = {}
    for name in args.only:
        if name not in (*corpus.splits, "seeds", "shared-dev"):
            parser.error(f"unknown split {name!r}")
        results[name] = score_named(scorer, nlp, corpus, name, args.out / name, name in args.show_errors)
        for line in results[name].get("errors", []):
            print(f"{name}: {line}")
    print(header())
    for name, result in results.items():
        print(format_row(name, result))
    if args.folds:
        documents = corpus.split("train") + corpus.split("dev")
        for name, result in cross_validate(scorer, score_documents, documents, args.folds, args.out / "cv").items():
            print(format_row(f"cv {name}", result))
    if "train" in results and "test" in results:
        gap = {k: results["train"][k]["f1"] - results["test"][k]["f1"] for k, _ in KEYS if k in results["test"]}
        print(f"{'gap':16} " + "  ".join(f"{gap[k]:>11.3f}" if k in gap else f"{'-':>11}" for k, _ in KEYS))
    return 0


if __name__ == "__main__":
    sys.exit(main())
