"""SPARQL over a tipgraph export.

>>> from rdflib import Graph
>>> result = run_query(Graph(), "SELECT ?s WHERE { ?s ?p ?o }")
>>> result.variables, result.rows
(['s'], [])
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, Literal
from rdflib.plugins.sparql import prepareQuery

from .rdf import PREFIXES, read_turtle


class QueryError(ValueError):
    """A query that does not parse or cannot run; the message says why."""


@dataclass
class QueryResult:
    variables: list[str]
    rows: list[list[str | None]]


def load_query_text(query: str) -> str:
    """``query`` itself, or the content of the ``.rq`` file it names."""
    if query.endswith(".rq") and Path(query).is_file():
        return Path(query).read_text(encoding="utf-8")
    return query


def run_query(graph: Graph | str | Path, query: str, params: Mapping[str, str] | None = None) -> QueryResult:
    """Run a SELECT query; ``params`` are bound as literals, never pasted into the text."""
    if not isinstance(graph, Graph):
        graph = read_turtle(graph)
    try:
        prepared = prepareQuery(query, initNs=PREFIXES)
    except Exception as error:  # pyparsing raises its own exception types
        raise QueryError(f"the query does not parse: {error}") from error
    bindings = {name: Literal(value) for name, value in (params or {}).items()}
    result = graph.query(prepared, initBindings=bindings)
    variables = [str(v) for v in (result.vars or [])]
    rows = [[None if value is None else str(value) for value in row] for row in result]
    return QueryResult(variables, rows)


def generate_table(result: QueryResult, fmt: str = "table") -> Iterator[str]:
    """Yield ``result`` as an aligned text table, CSV or JSON."""
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(result.variables)
        writer.writerows([["" if v is None else v for v in row] for row in result.rows])
        yield buffer.getvalue()
    elif fmt == "json":
        yield json.dumps([dict(zip(result.variables, row)) for row in result.rows], ensure_ascii=False, indent=1)
    else:
        cells = [result.variables] + [["" if v is None else v for v in row] for row in result.rows]
        widths = [min(60, max(len(r[i]) for r in cells)) for i in range(len(result.variables))]
        for number, row in enumerate(cells):
            yield "  ".join(value[:60].ljust(width) for value, width in zip(row, widths)).rstrip()
            if number == 0:
                yield "  ".join("-" * width for width in widths)
        yield f"({len(result.rows)} rows)"
