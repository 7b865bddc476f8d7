"""How fast ``tipgraph build`` runs against spaCy alone, and what it costs in memory.

Generates a corpus in the genre (:mod:`benchmarks.corpus`) in a temporary
folder, then measures, each run in a fresh process so that peak memory is its
own:

* spaCy alone: ``spacy.load(model)`` and ``nlp.pipe`` over the texts (read
  from disk one at a time), with ``n_process`` = workers;
* a cold ``build_corpus`` (no cache) with the same model and workers:
  reading, cleaning, extraction, merge, Turtle, JSON, GraphML and HTML;
* with one worker: a warm rebuild (every record cached) and a rebuild after
  adding ten new documents;
* peak memory of a cold one-worker build (the model in the process) and of its
  warm rebuild (records only) at two corpus sizes, 250 and 1,000 shorter
  documents by default (a header and four paragraphs each, --peak-paragraphs), and their ratio:
  the target is at most 1.2 for four times the documents.

Both sides are timed from loading the model to the last document; words are
whitespace-separated words of the files. Peak memory is ``ru_maxrss`` of the
measuring process and of its largest child (a worker).

    python -m benchmarks.bench_build                 # ~1 million words, 1 and 2 workers
    python -m benchmarks.bench_build --words 50000 --workers 1
    python -m benchmarks.bench_build --words 100000 --peak-documents 250 1000 10000
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import Generator, write_corpus
from tipgraph.extractors.pipeline import DEFAULT_MODEL

BATCH_SIZE = 8  # documents per nlp.pipe batch on both sides (what extract_documents uses)


def peak_memory_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest child, in MB (Linux reports KB)."""
    scale = 1 / 1024 if sys.platform != "darwin" else 1 / 1024 / 1024
    return {
        "self_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale,
        "children_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * scale,
    }


def corpus_words(folder: Path) -> int:
    return sum(len(path.read_text(encoding="utf-8").split()) for path in sorted(folder.glob("*.txt")))


def run_spacy(corpus: Path, model: str, workers: int) -> dict:
    import spacy

    def texts():
        for path in sorted(corpus.glob("*.txt")):
            yield path.read_text(encoding="utf-8")

    started = time.perf_counter()
    nlp = spacy.load(model)
    documents = sum(1 for _ in nlp.pipe(texts(), batch_size=BATCH_SIZE, n_process=workers))
    return {"seconds": time.perf_counter() - started, "documents": documents, **peak_memory_mb()}


def run_build(corpus: Path, out: Path, model: str, workers: int, rebuilds: bool) -> dict:
    """A cold build; with ``rebuilds``, then a rebuild of the unchanged corpus and one with ten documents added.

    The rebuilds run in the same process as the cold build so that all three
    see the same tipgraph code (the cache key covers it).
    """
    from tipgraph.graph.build.corpus import build_corpus

    def timed(**options) -> dict:
        started = time.perf_counter()
        summary = build_corpus([corpus], out, model=model, workers=workers, **options)
        return {
            "seconds": time.perf_counter() - started,
            "documents": len(summary.documents),
            "extracted": summary.extracted,
            "cached": summary.cached,
            "stages": {stage: round(seconds, 2) for stage, seconds in summary.seconds.items()},
        }

    figures = {"cold": {**timed(use_cache=False), **peak_memory_mb()}}
    if rebuilds:
        figures["warm"] = timed()
        generator = Generator(seed=99)
        added = [corpus / f"added_{index:02d}.txt" for index in range(10)]
        for index, path in enumerate(added):
            path.write_text(generator.document(index), encoding="utf-8")
        try:
            figures["added"] = timed()
        finally:
            for path in added:
                path.unlink()
    return figures


def write_short_corpus(folder: Path, documents: int, paragraphs: int = 4) -> int:
    """``documents`` generated documents cut to a header and ``paragraphs`` paragraphs; return their words."""
    folder.mkdir(parents=True)
    generator = Generator(seed=11)
    words = 0
    for index in range(documents):
        text = "\n\n".join(generator.document(index).split("\n\n")[: 1 + paragraphs]) + "\n"
        (folder / f"short_{index:06d}.txt").write_text(text, encoding="utf-8")
        words += len(text.split())
    return words


def report_peaks(scratch: Path, sizes: list[int], model: str, paragraphs: int) -> None:
    """Peak memory of a cold one-worker build and of its warm rebuild at each size, against the first."""
    first: dict | None = None
    print(f"peak memory, one worker, {' and '.join(map(str, sizes))} documents of {paragraphs} paragraphs:")
    for documents in sizes:
        corpus = scratch / f"peak-{documents}"
        words = write_short_corpus(corpus, documents, paragraphs)
        out = str(scratch / f"peak-out-{documents}")
        cold = measure("cold", str(corpus), out, model, "1")["cold"]
        warm = measure("warm", str(corpus), out, model, "1")  # its own process: the records only, no model
        first = first or {"cold": cold["self_mb"], "warm": warm["self_mb"], "documents": documents}
        ratio = documents / first["documents"]
        print(
            f"  {documents:6d} documents ({words} words): cold build {cold['seconds']:.1f} s, peak {cold['self_mb']:.0f} MB"
            f" ({cold['self_mb'] / first['cold']:.2f}x); warm rebuild peak {warm['self_mb']:.0f} MB"
            f" ({warm['self_mb'] / first['warm']:.2f}x) for {ratio:.0f}x the documents"
        )
    print("  target: at most 1.2x the cold peak for 4x the documents")
    print()


def measure(*args: str) -> dict:
    """Run one measurement in a fresh interpreter and return its figures."""
    output = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench_build", "--measure", *args], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=1_000_000, help="size of the generated corpus")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--model", default=DEFAULT_MODEL)
    parser.add_argument("--corpus", type=Path, help="use this folder of .txt documents instead of generating one")
    parser.add_argument(
        "--peak-documents", type=int, nargs="*", default=[250, 1000], help="corpus sizes of the memory figures"
    )
    parser.add_argument(
        "--measure", nargs=5, metavar=("KIND", "CORPUS", "OUT", "MODEL", "WORKERS"), help=argparse.SUPPRESS
    )
    parser.add_argument("--peak-paragraphs", type=int, default=4, help="paragraphs per document of the memory figures")
    args = parser.parse_args()

    if args.measure:
        kind, corpus, out, model, workers = args.measure
        if kind == "spacy":
            figures = run_spacy(Path(corpus), model, int(workers))
        elif kind == "warm":
            from tipgraph.graph.build.corpus import build_corpus

            started = time.perf_counter()
            summary = build_corpus([Path(corpus)], Path(out), model=model)
            figures = {"seconds": time.perf_counter() - started, "cached": summary.cached, **peak_memory_mb()}
        else:
            figures = run_build(Path(corpus), Path(out), model, int(workers), rebuilds=kind == "rebuilds")
        print(json.dumps(figures))
        return

    scratch = Path(tempfile.mkdtemp(prefix="tipgraph-bench-"))
    try:
        corpus = args.corpus or scratch / "corpus"
        if not args.corpus:
            documents, _ = write_corpus(corpus, args.words)
        documents = len(list(corpus.glob("*.txt")))
        words = corpus_words(corpus)
        megabytes = sum(p.stat().st_size for p in corpus.glob("*.txt")) / 1e6
        print(f"corpus: {documents} documents, {words} words, {megabytes:.1f} MB of text ({corpus})")
        print(
            f"model: {args.model}, nlp.pipe batch size {BATCH_SIZE}; {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} (others' work slows every figure)"
        )
        print()
        baseline = spacy_one = None
        for workers in args.workers:
            spacy_alone = measure("spacy", str(corpus), "-", args.model, str(workers))
            out = scratch / f"build-{workers}"
            first = workers == args.workers[0]
            builds = measure("rebuilds" if first else "cold", str(corpus), str(out), args.model, str(workers))
            cold = builds["cold"]
            spacy_rate, build_rate = words / spacy_alone["seconds"], words / cold["seconds"]
            baseline = baseline or build_rate
            if workers == 1:
                spacy_one = spacy_rate
            print(f"workers {workers}:")
            print(
                f"  spaCy nlp.pipe alone   {spacy_rate:8.0f} words/s  ({spacy_alone['seconds']:.1f} s; peak {spacy_alone['self_mb']:.0f} MB, largest worker {spacy_alone['children_mb']:.0f} MB)"
            )
            print(
                f"  tipgraph build (cold)  {build_rate:8.0f} words/s  ({cold['seconds']:.1f} s; peak {cold['self_mb']:.0f} MB, largest worker {cold['children_mb']:.0f} MB)"
            )
            print(f"  build / spaCy          {build_rate / spacy_rate:8.2f}   (spaCy with n_process={workers})")
            if spacy_one:
                target = 1.3 if workers == 1 else 1.8
                print(
                    f"  build / spaCy, 1 proc. {build_rate / spacy_one:8.2f}   (issue 18's target: >= {target} with {workers} worker(s))"
                )
            print(f"  build speed-up over {args.workers[0]} worker(s): {build_rate / baseline:.2f}")
            print(f"  stages (s): {cold['stages']}")
            if first:
                warm, added = builds["warm"], builds["added"]
                print(
                    f"  rebuild, all cached    {warm['seconds']:8.1f} s    (cold {cold['seconds']:.1f} s: {cold['seconds'] / warm['seconds']:.0f}x faster; extracted {warm['extracted']}, cached {warm['cached']})"
                )
                print(f"                         stages (s): {warm['stages']}")
                print(
                    f"  rebuild, 10 added      {added['seconds']:8.1f} s    (extracted {added['extracted']}, cached {added['cached']})"
                )
            print()
        if args.peak_documents:
            report_peaks(scratch, args.peak_documents, args.model, args.peak_paragraphs)
        print(f"load average at the end {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
