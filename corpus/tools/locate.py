#!/usr/bin/env python3
"""Check a corpus gold file and fill in where things are in its document.

    .venv/bin/python corpus/tools/locate.py corpus/gold/NAME.json [...]

A gold file follows ../shared/eval/GUIDE.md. While annotating, write each relation's
``"evidence"`` as the exact text of the sentence that states it (copied from the document);
this tool turns it into ``[start, end]`` offsets against the document's text (UTF-8, read
as bytes and decoded, newlines untouched) and fills each entity's ``"mentions"`` with the
offsets of every occurrence of its name or an alias (longest match first, whole words,
case as written). It then checks the file as the corpus tests do
(``tipgraph.extractors.training.corpus.problems``: ids, types, countries, purposes, victim
words, offsets) and fails loudly on evidence not found verbatim. Run it again at any time.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from tipgraph.extractors.training.corpus import CorpusDocument
from tipgraph.extractors.training.corpus import problems as corpus_problems

def doc_text(gold_path: Path, gold: dict) -> str:
    doc = gold_path.parent.parent / "docs" / gold["document"]
    return doc.read_bytes().decode("utf-8")


def names_of(ent: dict) -> list[str]:
    return [n for n in {ent["name"], *ent.get("aliases", [])} if n.strip()]


def find_mentions(text: str, entities: list[dict]) -> dict[str, list[list[int]]]:
    spans = []
    for ent in entities:
        for name in names_of(ent):
            # a name may be broken across a line of a hard-wrapped file
            words = [re.escape(w) for w in name.split()]
            pattern = r"(?<![\w])" + r"\s+".join(words) + r"(?![\w])"
            spans += [(m.start(), m.end(), ent["id"]) for m in re.finditer(pattern, text)]
    spans.sort(key=lambda s: (-(s[1] - s[0]), s[0]))
    taken: list[tuple[int, int]] = []
    found: dict[str, list[list[int]]] = {e["id"]: [] for e in entities}
    for start, end, ident in spans:
        if any(start < e and s < end for s, e in taken):
            continue
        taken.append((start, end))
        found[ident].append([start, end])
    return {k: sorted(v) for k, v in found.items()}


def locate_evidence(text: str, rel: dict, problems: list[str]) -> None:
    ev = rel.get("evidence")
    if ev is None:
        problems.append(f"relation {rel} has no evidence")
    elif isinstance(ev, str):
        at = text.find(ev)
        if at < 0:
            # tolerate hard wraps: let any run of spaces match any run of white space
            pattern = r"\s+".join(re.escape(w) for w in ev.split())
            m = re.search(pattern, text)
            if not m:
                problems.append(f"evidence not found verbatim: {ev[:80]!r}")
                return
            rel["evidence"] = [m.start(), m.end()]
        else:
            rel["evidence"] = [at, at + len(ev)]
    elif not (isinstance(ev, list) and len(ev) == 2 and 0 <= ev[0] < ev[1] <= len(text)):
        problems.append(f"evidence offsets out of the text: {ev}")


def dump(gold: dict) -> str:
    """One entity or relation a line: readable in a diff, short on disk."""
    rows = {key: ",\n  ".join(json.dumps(x, ensure_ascii=False) for x in gold[key])
            for key in ("entities", "relations")}
    rest = {k: v for k, v in gold.items() if k not in rows}
    head = json.dumps(rest, ensure_ascii=False)[1:-1]
    return ("{" + head + ',\n "entities": [\n  ' + rows["entities"] + '\n ],\n "relations": [\n  '
            + rows["relations"] + "\n ]\n}\n")


def locate(path: Path) -> list[str]:
    gold = json.loads(path.read_text(encoding="utf-8"))
    problems: list[str] = []
    if Path(gold["document"]).stem != path.stem:
        problems.append(f"document {gold['document']!r} does not match the file name")
    text = doc_text(path, gold)
    mentions = find_mentions(text, gold["entities"])
    for ent in gold["entities"]:
        ent["mentions"] = mentions[ent["id"]]
        if not ent["mentions"] and not ent.get("optional"):
            problems.append(f"warning: {ent['id']} ({ent['name']!r}) has no mention in the text: add its surface form as an alias")
    for rel in gold["relations"]:
        locate_evidence(text, rel, problems)
    problems += [p for p in corpus_problems(CorpusDocument(gold["document"], text, gold)) if "repeats" not in p]
    if not [p for p in problems if not p.startswith("warning")]:
        path.write_text(dump(gold), encoding="utf-8")
    return problems


def main(argv: list[str]) -> int:
    bad = 0
    for arg in argv:
        for problem in locate(Path(arg)):
            print(f"{arg}: {problem}")
            bad += not problem.startswith("warning")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]) if len(sys.argv) > 1 else __doc__)
