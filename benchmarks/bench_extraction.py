"""Extraction speed: the whole tipgraph extraction against the spaCy pipeline alone.

Both read the same text: the seeds and the dev documents (``../shared/eval/dev/docs``
when present), repeated until about ``--words`` words. "spaCy alone" is the bare
model run over the raw texts; "tipgraph" is ``extract_documents`` (cleaning, the
model, paragraph sentences, entities, relations and metadata). The issue's target:
tipgraph within 20% of spaCy alone.

    .venv/bin/python benchmarks/bench_extraction.py [--words 50000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from tipgraph.extractors.ingest.document import SourceDocument
from tipgraph.extractors.pipeline import DEFAULT_MODEL, extract_documents, load_pipeline

ROOT = Path(__file__).resolve().parent.parent

FOLDERS = (ROOT / "seeds", ROOT.parent / "shared" / "eval" / "dev" / "docs")


def corpus(words: int) -> list[SourceDocument]:
    """Seed and dev documents, repeated (each copy a distinct document) to about ``words`` words."""
    texts = [
        p.read_text(encoding="utf-8") for folder in FOLDERS if folder.is_dir() for p in sorted(folder.glob("*.txt"))
    ]
    documents, total, copy = [], 0, 0
    while total < words:
        for index, text in enumerate(texts):
            documents.append(SourceDocument.from_text(f"copy{copy}-{index}.txt", f"{text}\n\nCopy {copy}.\n"))
            total += len(text.split())
        copy += 1
    return documents


def words_per_second(run, documents: list[SourceDocument]) -> float:
    words = sum(len(d.text.split()) for d in documents)
    started = time.perf_counter()
    run(documents)
    return words / (time.perf_counter() - started)


def component_seconds(nlp, documents: list[SourceDocument]) -> dict[str, float]:
    """Seconds spent in cleaning and in each pipeline component, one document at a time."""
    from tipgraph.extractors.source import make_source_doc

    seconds = {"cleaning": 0.0}
    for document in documents:
        started = time.perf_counter()
        doc = make_source_doc(nlp, document.text)
        seconds["cleaning"] += time.perf_counter() - started
        for name, component in nlp.pipeline:
            started = time.perf_counter()
            doc = component(doc)
            seconds[name] = seconds.get(name, 0.0) + time.perf_counter() - started
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=50000)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--repeat", type=int, default=3, help="rounds of both measurements; the best of each counts")
    args = parser.parse_args()
    documents = corpus(args.words)
    started = time.perf_counter()
    from tipgraph.extractors.entities.component import Knowledge

    Knowledge.load()  # the gazetteers and the entity matcher's index, as a fresh process pays for them
    print(f"gazetteers + entity matcher load: {time.perf_counter() - started:.2f} s")
    plain = spacy.load(args.model)
    tipgraph = load_pipeline(args.model)
    warm = documents[:3]
    list(plain.pipe(d.text for d in warm))
    list(extract_documents(tipgraph, warm))

    # Rounds alternate the two and the best of each counts: on a shared machine a
    # single run measures the neighbours' load as much as the code.
    spacy_rate = tipgraph_rate = 0.0
    for _ in range(args.repeat):
        spacy_rate = max(
            spacy_rate, words_per_second(lambda docs: list(plain.pipe((d.text for d in docs), batch_size=8)), documents)
        )
        tipgraph_rate = max(
            tipgraph_rate, words_per_second(lambda docs: list(extract_documents(tipgraph, docs)), documents)
        )
    words = sum(len(d.text.split()) for d in documents)
    print(f"documents: {len(documents)}, words: {words}")
    print(f"spaCy alone ({args.model}): {spacy_rate:,.0f} words/s")
    print(f"tipgraph extraction:        {tipgraph_rate:,.0f} words/s")
    print(f"tipgraph / spaCy:           {tipgraph_rate / spacy_rate:.2f} (target >= 0.80)")
    seconds = component_seconds(tipgraph, documents)
    total = sum(seconds.values())
    print("share of tipgraph time, one document at a time:")
    for name, spent in seconds.items():
        print(f"  {name:22} {spent:7.2f} s  {spent / total:6.1%}")


if __name__ == "__main__":
    main()
