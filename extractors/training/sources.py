"""``corpus/SOURCES.md``: one row per document, written from the metadata files (never by hand).

.venv/bin/python -m tipgraph.extractors.training.sources corpus
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

from tipgraph.extractors.training.corpus import Corpus

COLUMNS = ("document", "split", "genre", "region", "country", "date", "title", "source", "licence", "why")


def _cell(value: object) -> str:
    return " ".join(str(value or "").split()).replace("|", "\\|")


def sources_markdown(corpus: Corpus) -> str:
    split_of = {name: split for split, names in corpus.splits.items() for name in names}
    genres = Counter(d.genre for d in corpus.documents)
    lines = [
        "# Corpus sources",
        "",
        "Generated from `meta/*.json` by `python -m tipgraph.extractors.training.sources corpus`; do not edit.",
        f"{len(corpus.documents)} documents: "
        + ", ".join(f"{n} {genre}{'' if genre.endswith('s') else 's'}" for genre, n in sorted(genres.items()))
        + f"; {len({d.meta.get('post') for d in corpus.documents if d.genre == 'cable'})} cable posts.",
        "Notes on a document (cuts, encoding repairs, how it was copied) are in its meta file's `note`.",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    for doc in corpus.documents:
        row = {**doc.meta, "document": doc.name, "split": split_of.get(doc.name, ""), "genre": doc.genre}
        lines.append("| " + " | ".join(_cell(row.get(c)) for c in COLUMNS) + " |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    root = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus")
    (root / "SOURCES.md").write_text(sources_markdown(Corpus.load(root)), encoding="utf-8")
