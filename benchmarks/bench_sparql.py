"""Load a large tipgraph graph and run every shipped SPARQL query, in rdflib and in Oxigraph.

Writes a synthetic graph in the project's shape (``--triples``, about one
million by default): documents with file names, dates and authors;
agencies, NGOs, international organisations, officials (role, affiliation)
and persons with aliases, mention counts and ``tg:mentionedIn`` links, a few
of them hubs (UNICEF, the USG, UNODC...); the gazetteer's countries plus
provinces and cities with coordinates and ``tg:locatedIn``; cooperation,
funding and route statements with evidence sentences, offsets, purposes,
victim groups and the shortcut triples. IRIs come from ``tipgraph.ontology.iris``.

Then it times, for each engine, loading the Turtle file and each query of
``ontology/queries`` (with the parameters an analyst would give), and checks
that both engines give the same number of rows. rdflib takes over a minute
to parse a million triples and its planner minutes on some queries at that
size, so by default it loads the full graph (timed) but runs the queries on
a 100,000-triple slice of the same shape (``--rdflib-triples``), Oxigraph
running them on the slice too for comparison; each rdflib query runs in a
forked process stopped after ``--timeout`` seconds.

    python -m benchmarks.bench_sparql                          # 1M triples; rdflib's queries on a 100k slice (about 5 minutes)
    python -m benchmarks.bench_sparql --triples 100000         # quick look, both engines on 100k
    python -m benchmarks.bench_sparql --rdflib-triples 0       # rdflib's queries on all 1M too (slow: --timeout each)
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.synthetic_graph import write_synthetic_graph
from tipgraph.graph.model.rdf import read_turtle
from tipgraph.graph.sparql.core import list_queries, typed_parameters
from tipgraph.graph.sparql.oxigraph_engine import open_store, query_store
from tipgraph.graph.sparql.rdflib_engine import query_rdflib

# What an analyst would ask each query at this size.
PARAMETERS = {
    "cooperation_network": {"actor": "unicef"},
    "funding": {"funder": "USG"},
    "relation_evidence": {"entity": "China", "other": "Vietnam"},
    "routes": {"destination": "China"},
    "places": {"within": "Vietnam"},
    "entities_mentioned": {"from": "2005-01-01", "to": "2005-03-31"},
}


def _timed(function, *args):
    started = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - started


def _rdflib_child(connection, graph, text, bindings) -> None:
    try:
        result, seconds = _timed(query_rdflib, graph, text, bindings)
        connection.send((len(result.rows), seconds))
    except Exception as error:  # reported, not raised: the parent prints it
        connection.send((None, f"{type(error).__name__}: {error}"))


def time_rdflib_query(graph, text, bindings, timeout: float) -> tuple[int | None, float | str]:
    """(rows, seconds) of one rdflib query in a forked process, or (None, reason) past ``timeout``."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_rdflib_child, args=(child, graph, text, bindings))
    process.start()
    if parent.poll(timeout):
        outcome = parent.recv()
    else:
        outcome = (None, f"> {timeout:.0f} s (stopped)")
    process.kill()
    process.join()
    return outcome


def _time_oxigraph(store, prepared) -> tuple[dict[str, int], dict[str, float]]:
    rows, times = {}, {}
    for query, bindings in prepared:
        result, times[query.name] = _timed(query_store, store, query.text, bindings)
        rows[query.name] = len(result.rows)
    return rows, times


def run(
    triples: int, rdflib_triples: int | None, timeout: float, seed: int, folder: Path, full_rdflib_load: bool = True
) -> None:
    queries = list_queries()
    prepared = [(query, typed_parameters(query, PARAMETERS.get(query.name))) for query in queries]

    full = folder / "synthetic.ttl"
    written, seconds = _timed(write_synthetic_graph, full, triples, seed)
    print(
        f"synthetic graph: {written:,} triples, {full.stat().st_size / 1e6:.0f} MB of Turtle, written in {seconds:.1f} s"
    )
    rdflib_file, rdflib_size = full, written
    if rdflib_triples and rdflib_triples < triples:
        rdflib_file = folder / "slice.ttl"
        rdflib_size = write_synthetic_graph(rdflib_file, rdflib_triples, seed)
        print(f"rdflib slice:    {rdflib_size:,} triples of the same shape")

    store, ox_load = _timed(open_store, full)
    print(f"\nOxigraph load ({written:,} triples): {ox_load:.1f} s")
    ox_rows, ox_times = _time_oxigraph(store, prepared)
    del store
    if rdflib_file != full:
        slice_rows, slice_times = _time_oxigraph(open_store(rdflib_file), prepared)
    else:
        slice_rows, slice_times = ox_rows, ox_times

    if rdflib_file != full and full_rdflib_load:
        graph, rdflib_full_load = _timed(read_turtle, full)
        print(f"rdflib load   ({written:,} triples): {rdflib_full_load:.1f} s")
        del graph
    graph, rdflib_load = _timed(read_turtle, rdflib_file)
    print(f"rdflib load   ({rdflib_size:,} triples): {rdflib_load:.1f} s")
    rdflib_outcomes = {
        query.name: time_rdflib_query(graph, query.text, bindings, timeout) for query, bindings in prepared
    }
    del graph

    slice_note = (
        f" (rdflib on the {rdflib_size:,}-triple slice; Oxigraph there too for comparison)"
        if rdflib_file != full
        else ""
    )
    print(f"\nper query, seconds{slice_note}:")
    header = f"{'query':22} {'parameters':38} {'oxigraph':>9} {'rows':>7}"
    if rdflib_file != full:
        header += f" {'ox slice':>9}"
    header += f" {'rdflib':>14} {'rows':>7}  same"
    print(header)
    for query, _ in prepared:
        params = ", ".join(f"{k}={v}" for k, v in PARAMETERS.get(query.name, {}).items()) or "-"
        rows, outcome = rdflib_outcomes[query.name]
        rdflib_text = f"{outcome:14.3f}" if isinstance(outcome, float) else f"{outcome:>14}"
        line = f"{query.name:22} {params[:38]:38} {ox_times[query.name]:9.3f} {ox_rows[query.name]:7}"
        if rdflib_file != full:
            line += f" {slice_times[query.name]:9.3f}"
        same = "-" if rows is None else ("yes" if rows == slice_rows[query.name] else f"NO ({slice_rows[query.name]})")
        line += f" {rdflib_text} {rows if rows is not None else '-':>7}  {same}"
        print(line)
        if rows is None and not outcome.startswith(">"):
            print(f"    rdflib failed: {outcome}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--triples", type=int, default=1_000_000, help="size of the synthetic graph (default 1,000,000)"
    )
    parser.add_argument(
        "--rdflib-triples",
        type=int,
        default=100_000,
        help="run rdflib's queries on a graph of this size (default 100,000; 0: the full graph)",
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds each rdflib query may take (default 30)")
    parser.add_argument(
        "--no-full-rdflib-load",
        action="store_true",
        help="with --rdflib-triples, do not time rdflib loading the full graph",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each figure as soon as it is measured, even into a file
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-sparql-") as folder:
        run(args.triples, args.rdflib_triples, args.timeout, args.seed, Path(folder), not args.no_full_rdflib_load)
    print(f"\nbenchmark took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
