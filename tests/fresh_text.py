"""Find test strings and code comments that repeat the wording of the seed, dev or corpus documents.

    .venv/bin/python -m tests.fresh_text            # one line per overlapping string, exit 1 if any
    .venv/bin/python -m tests.fresh_text --all      # also the strings below the threshold

A string or comment overlaps when it shares at least ``MIN_SHARED`` word 5-grams with one
document, or two and a quarter of its own in a string of four 5-grams or more (a long
organisation name alone is a 5-gram or two and does not count). The documents are the seeds, the shared dev set (``../shared/eval/dev/docs``, when
present) and the corpus documents outside the locked test split, which is never read; the
documents kept aside for evaluation are known only by hashes of their 8-word runs
(``../shared/eval/unseen.hashes``), so strings are checked against those too.
"""

from __future__ import annotations

import ast
import hashlib
import io
import json
import re
import sys
import tokenize
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_EVAL = ROOT.parent / "shared" / "eval"
N = 5
MIN_SHARED = 4
CODE_FOLDERS = ("extractors", "graph", "ontology", "benchmarks", "tests", "notebooks")


@dataclass(frozen=True)
class Overlap:
    where: str
    text: str
    shared: int
    grams: int
    document: str

    def __str__(self) -> str:
        return f"{self.where}: {self.shared} of {self.grams} word runs in {self.document}: {self.text[:90]!r}"


def words(text: str) -> list[str]:
    """Lower-cased words; a cable's spaced-out classification (``C O N F I D E N T I A L``) is one word."""
    text = re.sub(r"\b(?:[A-Za-z] ){3,}[A-Za-z]\b", lambda m: m.group(0).replace(" ", ""), text)
    return re.findall(r"[a-z0-9]+", text.lower())


def grams(text: str, n: int = N) -> set[str]:
    w = words(text)
    return {" ".join(w[i : i + n]) for i in range(len(w) - n + 1)}


def _hashed(text: str) -> set[str]:
    """The hashes of the 8-word runs, as ``check_unseen.py`` writes them (a spaced-out classification aside)."""
    w = words(text)
    return {hashlib.sha256(" ".join(w[i : i + 8]).encode()).hexdigest()[:16] for i in range(len(w) - 7)}


def documents() -> dict[str, set[str]]:
    """The 5-grams of each readable document, by a short name."""
    folders = [ROOT / "seeds", SHARED_EVAL / "dev" / "docs"]
    found = {f"{folder.name}/{p.name}": p for folder in folders if folder.is_dir() for p in sorted(folder.iterdir())}
    splits = json.loads((ROOT / "corpus" / "splits.json").read_text(encoding="utf-8"))["splits"]
    for split, names in splits.items():
        if split != "test":
            found.update({f"corpus/{name}": ROOT / "corpus" / "docs" / name for name in names})
    return {name: grams(path.read_text(encoding="utf-8", errors="replace")) for name, path in found.items()}


def _strings(tree: ast.AST) -> Iterator[tuple[int, str]]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.lineno, node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(v.value if isinstance(v, ast.Constant) else " " for v in node.values)
            yield node.lineno, str(text)


def _comments(source: str) -> Iterator[tuple[int, str]]:
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            yield token.start[0], token.string.lstrip("# ")


def texts(root: Path = ROOT) -> Iterator[tuple[str, str]]:
    """Every string of the tests and every comment and docstring of the code, with file:line."""
    for folder in CODE_FOLDERS:
        for path in sorted((root / folder).rglob("*.py")):
            source = path.read_text(encoding="utf-8")
            rel = path.relative_to(root)
            found = list(_comments(source))
            tree = ast.parse(source)
            if folder == "tests":
                found += list(_strings(tree))
            else:
                found += [(n.body[0].lineno, ast.get_docstring(n) or "") for n in ast.walk(tree) if _documented(n)]
            yield from ((f"{rel}:{line}", text) for line, text in found if len(words(text)) >= N)


def _documented(node: ast.AST) -> bool:
    kinds = (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)
    return isinstance(node, kinds) and ast.get_docstring(node) is not None


def overlap(where: str, text: str, docs: dict[str, set[str]], unseen: set[str], threshold: bool = True):
    """How ``text`` overlaps the document it shares most with, or None."""
    mine = grams(text)
    best = max(((len(mine & theirs), name) for name, theirs in docs.items()), default=(0, ""))
    hidden = len(_hashed(text) & unseen)
    if hidden > best[0]:
        best = (hidden, "a document kept aside for evaluation")
    shared, name = best
    if shared and (
        not threshold or shared >= MIN_SHARED or (shared >= 2 and len(mine) >= 4 and 4 * shared >= len(mine))
    ):
        return Overlap(where, " ".join(text.split()), shared, len(mine), name)
    return None


def overlaps(threshold: bool = True) -> list[Overlap]:
    """Every test string and code comment that repeats a document's wording."""
    docs = documents()
    hashes_file = SHARED_EVAL / "unseen.hashes"
    unseen = set(hashes_file.read_text().split()) if hashes_file.exists() else set()
    found = (overlap(where, text, docs, unseen, threshold) for where, text in texts())
    return [o for o in found if o is not None]


def main(argv: list[str]) -> int:
    found = overlaps(threshold="--all" not in argv)
    for overlap in found:
        print(overlap)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
