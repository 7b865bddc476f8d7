"""``tipgraph query``, ``queries`` and ``push``: SPARQL on a built graph or a triple store."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tipgraph.graph.cli.terminal import fail, stdout_is_terminal, visible
from tipgraph.graph.sparql.core import QueryError, describe_queries
from tipgraph.graph.sparql.endpoint import SparqlEndpoint, push_graph
from tipgraph.graph.sparql.output import OutputFormat, generate_table
from tipgraph.graph.sparql.query import Engine, run_query

DEFAULT_QUERY_TIMEOUT = 600.0  # generous: the shipped queries answer in seconds on a million triples
ENDPOINT_TIMEOUT = 60.0  # a triple store that has not answered in a minute is not going to


def query(
    graph: Annotated[
        str, typer.Argument(help="A graph.ttl from tipgraph build, or a SPARQL endpoint's query URL (http://...).")
    ],
    sparql: Annotated[
        str, typer.Argument(help="A shipped query's name (tipgraph queries lists them), a .rq file, or SPARQL text.")
    ],
    param: Annotated[
        list[str] | None,
        typer.Option("--param", "-p", help="NAME=VALUE for a query parameter; repeat for more.", metavar="NAME=VALUE"),
    ] = None,
    fmt: Annotated[OutputFormat, typer.Option("--format", help="table, csv or json.")] = OutputFormat.table,
    engine: Annotated[Engine, typer.Option(help="For a file: the SPARQL engine (auto is Oxigraph).")] = Engine.auto,
    named_graph: Annotated[
        str | None,
        typer.Option(
            "--graph",
            help="For an endpoint: the named graph to query (default: the one tipgraph push fills).",
            metavar="IRI",
        ),
    ] = None,
    default_graph: Annotated[
        bool,
        typer.Option("--default-graph", help="For an endpoint: query the store's own default graph instead."),
    ] = False,
    wide: Annotated[
        bool,
        typer.Option(
            "--wide", help="Table cells whole (they are cut at 60 characters on a terminal; never in a pipe)."
        ),
    ] = False,
    timeout: Annotated[
        float | None,
        typer.Option(
            "--timeout",
            min=0.1,
            help="Give up after this many seconds (default: 60 for an endpoint's answer, 600 for a query on a file).",
            metavar="SECONDS",
        ),
    ] = None,
) -> None:
    """Run a SPARQL query over a built graph or a triple store and print the rows.

    tipgraph query build/graph.ttl cooperation_network --param actor=UNICEF
    """
    params = parse_params(param or [])
    if default_graph and named_graph:
        fail("--graph and --default-graph: give one")
    source, timeout = query_source(graph, named_graph, default_graph, timeout)
    try:
        result = run_query(source, sparql, params, engine=engine, timeout=timeout)
    except QueryError as error:
        fail(str(error))
    terminal = stdout_is_terminal()
    for chunk in generate_table(result, fmt.value, cut=60 if terminal and not wide else None):
        typer.echo(visible(chunk, keep="\n") if terminal else chunk)


def query_source(
    graph: str, named_graph: str | None, default_graph: bool, timeout: float | None
) -> tuple[str | SparqlEndpoint, float]:
    """What ``tipgraph query`` asks (a file, or an endpoint and its graph) and how long it waits."""
    source: str | SparqlEndpoint = graph
    remote = graph.startswith(("http://", "https://"))
    timeout = timeout if timeout is not None else ENDPOINT_TIMEOUT if remote else DEFAULT_QUERY_TIMEOUT
    if remote:
        source = (
            SparqlEndpoint(graph, named_graph, timeout)
            if named_graph or default_graph
            else SparqlEndpoint(graph, timeout=timeout)
        )
    elif not Path(graph).is_file():
        fail(f"{graph}: no such file (build one with: tipgraph build PATH --out DIR)")
    return source, timeout


def parse_params(items: list[str]) -> dict[str, str]:
    params = {}
    for item in items:
        name, equals, value = item.partition("=")
        if not equals:
            fail(f"--param {item!r}: write NAME=VALUE, e.g. --param actor=UNICEF")
        params[name.strip()] = value
    return params


def queries() -> None:
    """List the shipped queries, the question each answers and its parameters."""
    for line in describe_queries():
        typer.echo(line)


def push(
    graph: Annotated[Path, typer.Argument(help="A graph.ttl from tipgraph build.")],
    endpoint: Annotated[
        str,
        typer.Option(
            help="Graph Store Protocol URL: http://HOST:7878/store (Oxigraph), http://HOST:3030/DATASET/data (Fuseki), http://HOST:7200/repositories/REPO/rdf-graphs/service (GraphDB).",
            metavar="URL",
        ),
    ],
    named_graph: Annotated[
        str | None,
        typer.Option(
            "--graph",
            help="The named graph to replace (default https://w3id.org/tipgraph/resource/graph/tipgraph).",
            metavar="IRI",
        ),
    ] = None,
    allow_empty: Annotated[
        bool,
        typer.Option("--allow-empty", help="Push a file with no triples (it empties the named graph)."),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.1, help="Seconds to wait for the server at each step.", metavar="SECONDS"),
    ] = 300.0,
    default_graph: Annotated[
        bool,
        typer.Option(
            "--default-graph", help="Replace the store's default graph instead: plain queries (no GRAPH) then see it."
        ),
    ] = False,
) -> None:
    """Load GRAPH into a triple store, replacing the named graph (HTTP PUT); GRAPH is parsed in full first."""
    if default_graph and named_graph:
        fail("--graph and --default-graph: give one")
    summary = push_graph(graph, endpoint, named_graph, timeout, allow_empty=allow_empty, into_default=default_graph)
    into = summary.graph if default_graph else f"<{summary.graph}>"
    typer.echo(f"pushed {summary.triples} triples from {graph} into {into} at {summary.endpoint}")
