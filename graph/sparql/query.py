"""Run a SPARQL query on a tipgraph export with one of three engines.

The query library, parameters and results are ``core``. Queries run on Oxigraph
(``pyoxigraph``) by default: it loads a Turtle file several times faster than
rdflib parses it and its planner stays fast on millions of triples. rdflib stays
available (``engine="rdflib"``) and gives the same rows; see
``benchmarks/bench_sparql.py``.

>>> from rdflib import Graph
>>> run_query(Graph(), "SELECT ?name WHERE { }", {"name": 'UNICEF" } ; DROP ALL #'}).rows
[['UNICEF" } ; DROP ALL #']]
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

from pyoxigraph import Store
from rdflib import Graph

from tipgraph.graph.model.rdf import read_turtle
from tipgraph.graph.sparql import endpoint
from tipgraph.graph.sparql.core import NamedQuery, QueryError, QueryResult, resolve_query, typed_parameters
from tipgraph.graph.sparql.oxigraph_engine import open_store, query_store
from tipgraph.graph.sparql.rdflib_engine import query_rdflib


class Engine(str, Enum):
    """The engines ``run_query`` runs a file or graph on (``auto`` is Oxigraph)."""

    auto = "auto"
    oxigraph = "oxigraph"
    rdflib = "rdflib"


ENGINES = tuple(engine.value for engine in Engine)


def run_query(
    source,
    query: str | NamedQuery,
    params: Mapping[str, Any] | None = None,
    engine: str | Engine = "auto",
    timeout: float | None = None,
) -> QueryResult:
    """Run a SELECT query (a shipped query's name, a ``.rq`` file or SPARQL text) over ``source``.

    ``source`` is a Turtle file, an rdflib ``Graph``, a ``pyoxigraph.Store``
    (see ``oxigraph_engine.open_store``), or a SPARQL endpoint (an ``http(s)://``
    query URL or a ``endpoint.SparqlEndpoint``). ``engine`` picks rdflib or
    Oxigraph for files and graphs; ``auto`` is Oxigraph. A query on a file or
    graph runs beside the calling thread, so Ctrl-C stops the wait at once
    even while Oxigraph computes, and ``timeout`` (seconds) bounds it; for an
    endpoint ``timeout`` is the HTTP timeout.

    >>> result = run_query("build/graph.ttl", "cooperation_network", {"actor": "unicef"})
    >>> "Ministry of Public Security" in {row[result.variables.index("partner_label")] for row in result.rows}
    True
    """
    engine = engine.value if isinstance(engine, Engine) else engine
    if engine not in ENGINES:
        raise QueryError(f"unknown engine {engine!r}: use {', '.join(ENGINES)}")
    named = resolve_query(query)
    bindings = typed_parameters(named, params)
    if isinstance(source, str) and source.startswith(("http://", "https://")):
        source = endpoint.SparqlEndpoint(source)
    if isinstance(source, endpoint.SparqlEndpoint):
        if timeout is not None:
            source = dataclasses.replace(source, timeout=timeout)
        return endpoint.query_endpoint(source, named.text, bindings)
    return _interruptible(lambda: _run_local(source, named, bindings, engine), timeout)


def _run_local(source, named: NamedQuery, bindings, engine: str) -> QueryResult:
    if isinstance(source, Store):
        if engine == "rdflib":
            raise QueryError(
                "an Oxigraph store runs on the oxigraph engine; pass the Turtle file or an rdflib Graph for rdflib"
            )
        return query_store(source, named.text, bindings)
    if engine == "rdflib":
        graph = source if isinstance(source, Graph) else read_turtle(source)
        return query_rdflib(graph, named.text, bindings)
    return query_store(open_store(source), named.text, bindings)


def _interruptible(work: Callable[[], QueryResult], timeout: float | None) -> QueryResult:
    """``work()`` in a daemon thread; the caller waits, and a KeyboardInterrupt or the timeout ends the wait.

    Oxigraph computes without holding the GIL, but a call into it never
    returns to Python to see a signal: the main thread, waiting here on a
    lock, does. An abandoned query goes on in the background until the
    process ends (the command exits at once).
    """
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["result"] = work()
        except BaseException as error:  # handed to the caller's thread as it is
            outcome["error"] = error

    worker = threading.Thread(target=run, name="tipgraph-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryError(
            f"the query ran longer than {timeout:g} seconds and was abandoned; narrow it (a join of unrelated"
            " patterns grows as their product) or give --timeout more seconds"
        )
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]
