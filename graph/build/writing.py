"""The build's outputs from the resolved corpus: the triples, the NetworkX graph, and the four files.

:func:`write_outputs` writes graph.ttl, graph.json, graph.graphml and graph.html into a new
version folder and switches them in as one (:func:`tipgraph.graph.build.outputs.publish`);
:class:`StageClock` times each stage for the build summary.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import cast

from rdflib import Graph

from tipgraph.graph.build.outputs import OUTPUT_FILES, publish
from tipgraph.graph.build.progress import BuildReporter
from tipgraph.graph.curation import CuratedCorpus
from tipgraph.graph.curation.provenance import add_provenance, mark_network
from tipgraph.graph.model.nx import rdf_to_networkx, write_graphml, write_node_link_json
from tipgraph.graph.model.rdf import corpus_table, corpus_to_rdf, write_turtle
from tipgraph.graph.model.triples import TripleTable
from tipgraph.graph.resolve import Corpus
from tipgraph.graph.view.html import write_html


class StageClock:
    """Adds the time spent in each stage to ``seconds``."""

    def __init__(self, seconds: dict[str, float]):
        self.seconds = seconds

    @contextmanager
    def __call__(self, stage: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - started


def _triples_of(corpus: Corpus) -> Graph | TripleTable:
    """A compact triple table (a fraction of an rdflib graph's memory); an rdflib graph for the provenance code."""
    if isinstance(corpus, CuratedCorpus):
        rdf = corpus_to_rdf(corpus)
        add_provenance(rdf, corpus)
        return rdf
    return corpus_table(corpus)


def write_outputs(
    corpus: Corpus,
    out_dir: Path,
    clock: StageClock | None = None,
    reporter: BuildReporter | None = None,
    layout: str = "force",
    manifest: dict | None = None,
    texts: Callable[[str], str | None] | None = None,
) -> dict[str, Path]:
    """Write the four outputs as one set: all of them new, or (on any error or kill) all as they were.

    They are written into a new version folder and switched in by one rename
    (:func:`tipgraph.graph.build.outputs.publish`), so graph.ttl and graph.html
    always come from the same build. ``manifest`` says what the build read;
    ``texts`` gives a document's text by file name, for the page's reader.
    """
    clock = clock or StageClock({})
    reporter = reporter or BuildReporter()
    with clock("rdf"):
        rdf = _triples_of(corpus)
    with clock("networkx"):
        # rdf_to_networkx reads value/objects/subjects only, which the compact table has too
        network = rdf_to_networkx(cast(Graph, rdf))
        if isinstance(rdf, Graph):
            network = mark_network(network, rdf)
    writers = {
        "turtle": lambda path: write_turtle(rdf, path),
        "json": lambda path: write_node_link_json(network, path),
        "graphml": lambda path: write_graphml(network, path),
        "html": lambda path: write_html(network, path, layout=layout, texts=texts),
    }

    def timed(kind, write):
        def run(path):
            reporter.stage(f"write {kind}")
            with clock(f"write {kind}"):
                write(path)

        return run

    written = publish(
        out_dir, {OUTPUT_FILES[kind]: timed(kind, write) for kind, write in writers.items()}, manifest or {}
    )
    return {kind: written[name] for kind, name in OUTPUT_FILES.items()}
