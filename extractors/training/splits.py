"""Train, dev and test by document, stratified by genre and region, and never splitting a group.

Documents about the same country in the same genre (two years of one Factbook profile,
two cables of one post on one case) share wording; they form one group and go to one
split, so that the test split measures text the models have not seen the like of.
Strata (genre, region) are taken in order, each one's groups ordered by a hash of their
key, and all are dealt out in one run of train, dev, train, test, train: about 60/20/20
overall and within every stratum large enough, the same on every machine.

>>> from tipgraph.extractors.training.corpus import Corpus
>>> splits = assign_splits(Corpus.load("corpus").documents)
>>> sorted(splits), abs(len(splits["train"]) / sum(map(len, splits.values())) - 0.6) < 0.1
(['dev', 'test', 'train'], True)
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

from tipgraph.extractors.training.corpus import SPLITS, Corpus, CorpusDocument

DEAL = ("train", "dev", "train", "test", "train")


def group_key(doc: CorpusDocument) -> str:
    """What ties documents together: the genre and the country they are about (or the post)."""
    about = doc.meta.get("country") or doc.meta.get("post") or doc.id
    return f"{doc.genre}:{about}"


def assign_splits(
    documents: Iterable[CorpusDocument], existing: dict[str, list[str]] | None = None
) -> dict[str, list[str]]:
    """``{split: [file names]}``; documents already in ``existing`` keep their split (the test split stays locked)."""
    placed = {name: split for split, names in (existing or {}).items() for name in names}
    groups: dict[str, list[CorpusDocument]] = defaultdict(list)
    for doc in documents:
        groups[group_key(doc)].append(doc)
    strata: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, members in groups.items():
        strata[(members[0].genre, members[0].region)].append(key)
    result: dict[str, list[str]] = {split: [] for split in SPLITS}
    position = 0
    for stratum in sorted(strata):
        for key in sorted(strata[stratum], key=lambda k: hashlib.sha256(k.encode("utf-8")).hexdigest()):
            members = groups[key]
            # a group with a placed member joins that member's split
            earlier = [placed[d.name] for d in members if d.name in placed]
            if earlier:
                split = earlier[0]
            else:
                split = DEAL[position % len(DEAL)]
                position += 1
            result[split] += [d.name for d in members]
    return {split: sorted(names) for split, names in result.items()}


def write_splits(root: str | Path) -> dict[str, list[str]]:
    """Assign every document of ``root`` (a corpus folder) and write ``splits.json``; placed ones stay."""
    corpus = Corpus.load(root)
    splits = assign_splits(corpus.documents, corpus.splits)
    record = {
        "comment": "By document; stratified by genre and region; a group (genre, country) stays together. "
        "The test split is locked: never read its documents or print its errors while developing.",
        "splits": splits,
    }
    (Path(root) / "splits.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    return splits


if __name__ == "__main__":
    import sys

    for split, names in write_splits(sys.argv[1] if len(sys.argv) > 1 else "corpus").items():
        print(f"{split}: {len(names)} documents")
