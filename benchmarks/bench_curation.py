"""Time a corrections file on a large synthetic corpus: reading it, applying it, and marking the RDF.

The corpus has ``--documents`` documents of ten agencies each (names drawn
from ``--names``, so bodies recur across documents and resolution merges
them) and five cooperations each; the file has ``--decisions`` decisions,
a quarter each of merges, aliases, renames and retypes, on distinct nodes
(a real file never contradicts itself), plus a reject of every hundredth
statement. Prints the figures; asserts nothing went stale.

    python -m benchmarks.bench_curation                      # 5,000 documents, 1,000 decisions
    python -m benchmarks.bench_curation --documents 20000 --decisions 5000
"""

from __future__ import annotations

import argparse
import random
import time

from tipgraph.extractors.records import CooperationRecord, DocumentRecord, EntityRecord, Evidence
from tipgraph.graph.curation.apply import apply_corrections
from tipgraph.graph.curation.decisions import parse_decisions, short
from tipgraph.graph.curation.provenance import add_provenance
from tipgraph.graph.model.rdf import corpus_to_rdf
from tipgraph.graph.resolve import resolve_corpus


def synthetic_corpus(documents: int, names: int, seed: int = 0):
    rng = random.Random(seed)
    records = []
    for d in range(documents):
        entities = [
            EntityRecord(f"e{i}", f"Provincial Office {rng.randrange(names)}", "Agency", country="VN")
            for i in range(10)
        ]
        relations = [
            CooperationRecord([f"e{i}", f"e{i + 1}"], Evidence("The offices met.", 0, 16)) for i in range(0, 10, 2)
        ]
        records.append(DocumentRecord([f"doc-{d}.txt"], f"{d:064x}", entities=entities, relations=relations))
    return resolve_corpus(records)


def corrections(corpus, decisions: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    labels = sorted({node.label for node in corpus.entities.values()})
    rng.shuffle(labels)
    lines = []
    for i in range(decisions):
        a, b = labels.pop(), labels.pop()
        lines.append(
            [
                f'- merge: ["{a}", "{b}"]',
                f'- alias: {{node: "{a}", add: ["PO {i}"]}}',
                f'- rename: {{node: "{a}", label: "Renamed Office {i}"}}',
                f'- retype: {{node: "{a}", class: NGO}}',
            ][i % 4]
        )
    statements = [iri for _, _, iri in corpus.statements()]
    lines += [f'- reject: {{statement: "{short(str(iri))}"}}' for iri in statements[::100]]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=5000)
    parser.add_argument("--names", type=int, default=20000)
    parser.add_argument("--decisions", type=int, default=1000)
    options = parser.parse_args()
    corpus = synthetic_corpus(options.documents, options.names)
    text = corrections(corpus, options.decisions)
    started = time.perf_counter()
    decisions = parse_decisions(text)
    parsed = time.perf_counter()
    curated = apply_corrections(corpus, decisions)
    applied = time.perf_counter()
    graph = corpus_to_rdf(curated)
    converted = time.perf_counter()
    add_provenance(graph, curated)
    marked = time.perf_counter()
    assert not curated.report.stale, curated.report.stale[:3]
    statements = sum(1 for _ in corpus.statements())
    print(f"corpus: {options.documents} documents, {len(corpus.entities)} nodes, {statements} statements")
    print(f"corrections: {len(decisions)} decisions ({len(curated.report.applied)} applied, 0 stale)")
    print(f"read and check the file: {parsed - started:.2f} s")
    print(f"apply: {applied - parsed:.2f} s ({(applied - parsed) / len(decisions) * 1000:.2f} ms a decision)")
    print(
        f"RDF: {converted - applied:.2f} s; its provenance (tg:curated, prov:wasRevisionOf): {marked - converted:.2f} s ({len(graph)} triples)"
    )


if __name__ == "__main__":
    main()
