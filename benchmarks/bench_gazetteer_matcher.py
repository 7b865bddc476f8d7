"""Gazetteer lookup: spaCy's PhraseMatcher against the entity rules' dict lookup (issue 11).

The entity rules look each capitalised word's name up in ``Knowledge.by_key`` (a dict of
~122,000 name keys): nothing to build at load. A PhraseMatcher over the same keys has
to be built (pattern ``Doc``s, ``add``) or unpickled in every process that loads the
pipeline. Each step runs in a fresh interpreter, as a build's worker would:

- ``build-all`` / ``build-multi``: the matcher of every key, or of the multi-word keys only
  (the rest would stay a dict lookup), from ``Doc(vocab, words=...)`` (no tokenizer);
- ``load-all`` / ``load-multi``: the pickled matcher a component's ``to_disk`` could save;
- ``match``: per-document time on the seeds and the shared dev documents, today's
  ``gazetteer_candidates`` against the matcher's raw matches (before the filtering that
  the same output would still need: names run over connectors and ``'s``, the case rule
  for all-capital names, the longest name per start).

    .venv/bin/python benchmarks/bench_gazetteer_matcher.py [--repeat 2]
"""

from __future__ import annotations

import argparse
import pickle
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = (ROOT / "seeds", ROOT.parent / "shared" / "eval" / "dev" / "docs")
STEPS = ("build-all", "build-multi", "load-all", "load-multi", "match")


def _keys(subset: str) -> list[str]:
    from tipgraph.extractors.entities.knowledge import Knowledge

    keys = list(Knowledge.load().by_key)
    return [k for k in keys if " " in k] if subset == "multi" else keys


def build(subset: str, store: Path) -> str:
    import spacy
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc

    keys = _keys(subset)
    vocab = spacy.blank("en").vocab
    start = time.perf_counter()
    patterns = [Doc(vocab, words=key.split(" ")) for key in keys]
    made = time.perf_counter()
    matcher = PhraseMatcher(vocab, attr="ORTH")
    matcher.add("GAZETTEER", patterns)
    added = time.perf_counter()
    (store / f"{subset}.pkl").write_bytes(pickle.dumps(matcher))
    size = (store / f"{subset}.pkl").stat().st_size / 1e6
    return f"{len(keys)} keys: pattern Docs {made - start:.2f} s + add {added - made:.2f} s = {added - start:.2f} s ({size:.1f} MB pickled)"


def load(subset: str, store: Path) -> str:
    import spacy  # noqa: F401  # imported before the clock starts, as a pipeline has it

    start = time.perf_counter()
    pickle.loads((store / f"{subset}.pkl").read_bytes())
    return f"unpickle {time.perf_counter() - start:.2f} s"


def match(store: Path) -> str:
    import spacy
    from spacy.tokens import Doc

    from tipgraph.extractors.entities.candidates.gazetteer import gazetteer_candidates
    from tipgraph.extractors.entities.knowledge import Knowledge
    from tipgraph.extractors.naming import name_words

    knowledge = Knowledge.load()
    matcher = pickle.loads((store / "all.pkl").read_bytes())
    nlp = spacy.blank("en")
    texts = [p.read_text(encoding="utf-8") for f in FOLDERS if f.is_dir() for p in sorted(f.glob("*.txt"))]
    docs = [nlp.make_doc(text) for text in texts]
    words = [[name_words(t.text) for t in doc] for doc in docs]
    start = time.perf_counter()
    found = sum(len(gazetteer_candidates(doc, knowledge, w)) for doc, w in zip(docs, words))
    looped = time.perf_counter()
    raw = sum(len(matcher(Doc(nlp.vocab, words=[x for ws in w for x in ws] or ["_"]))) for w in words)
    matched = time.perf_counter()
    tokens = sum(len(doc) for doc in docs)
    return (
        f"{len(docs)} documents, {tokens} tokens: dict lookup {1000 * (looped - start):.0f} ms ({found} candidates), "
        f"PhraseMatcher {1000 * (matched - looped):.0f} ms ({raw} raw matches, unfiltered)"
    )


def run_step(step: str, store: Path) -> str:
    kind, _, subset = step.partition("-")
    if kind == "build":
        return build(subset, store)
    if kind == "load":
        return load(subset, store)
    return match(store)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2, help="fresh interpreters per step")
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)  # one step, in this interpreter
    parser.add_argument("--store", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.step:
        print(run_step(args.step, args.store))
        return
    with tempfile.TemporaryDirectory() as store:
        for step in STEPS:
            for _ in range(args.repeat if step != "match" else 1):
                command = [sys.executable, __file__, "--step", step, "--store", store]
                result = subprocess.run(command, capture_output=True, text=True, check=True)
                print(f"{step:12} {result.stdout.strip()}")


if __name__ == "__main__":
    main()
