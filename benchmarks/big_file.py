"""One very large document through ``tipgraph build``: time, peak memory, and exact evidence.

Writes a single text file of ``--megabytes`` MB in the genre (paragraphs of
:mod:`benchmarks.corpus`, numbered so they are not all alike), builds it in a
fresh process and prints the stage times, the peak memory (``ru_maxrss`` of
the build) and whether every statement's offsets slice the file to its
evidence. A long document is parsed in chunks (:mod:`tipgraph.extractors.chunking`),
so memory stays flat while the file grows.

    python -m benchmarks.big_file                  # the 50 MB file of issue 8
    python -m benchmarks.big_file --megabytes 5
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from benchmarks.corpus import source_paragraphs

MEASURE = r"""
import json, resource, sys, time
from tipgraph.graph.build.corpus import build_corpus
from tipgraph.graph.model.rdf import read_turtle
from tipgraph.ontology.namespace import TG
started = time.perf_counter()
summary = build_corpus([sys.argv[1]], sys.argv[2], use_cache=False)
seconds = time.perf_counter() - started
text = open(sys.argv[1], encoding="utf-8").read()
graph = read_turtle(sys.argv[2] + "/graph.ttl")
statements = list(graph.subjects(TG.evidence, None))
exact = all(text[int(graph.value(s, TG.start)):int(graph.value(s, TG.end))] == str(graph.value(s, TG.evidence)) for s in statements)
print(json.dumps({"seconds": seconds, "stages": summary.seconds, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "statements": len(statements), "exact": exact, "entities": sum(summary.entities_by_class.values())}))
"""


def write_big_file(path: Path, megabytes: float) -> int:
    paragraphs = source_paragraphs()
    target = int(megabytes * 1_000_000)
    size = 0
    with open(path, "w", encoding="utf-8") as handle:
        number = 0
        while size < target:
            paragraph = f"{paragraphs[(number * 7) % len(paragraphs)]} (Paragraph {number}.)\n\n"
            handle.write(paragraph)
            size += len(paragraph.encode("utf-8"))
            number += 1
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--megabytes", type=float, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tipgraph-big-") as folder:
        path = Path(folder) / "big.txt"
        size = write_big_file(path, args.megabytes)
        words = len(path.read_text(encoding="utf-8").split())
        result = subprocess.run(
            [sys.executable, "-c", MEASURE, str(path), str(Path(folder) / "out")], capture_output=True, text=True
        )
        if result.returncode != 0:
            print(result.stderr)
            sys.exit(1)
        figures = json.loads(result.stdout.strip().splitlines()[-1])
    print(f"file: {size / 1e6:.1f} MB, {words} words")
    print(
        f"build: {figures['seconds']:.0f} s ({words / figures['seconds']:.0f} words/s), peak memory {figures['peak_mb']:.0f} MB"
    )
    print("stages: " + ", ".join(f"{stage} {seconds:.1f}" for stage, seconds in figures["stages"].items()))
    print(
        f"entities {figures['entities']}, statements {figures['statements']}, every evidence slices the file exactly: {figures['exact']}"
    )


if __name__ == "__main__":
    main()
