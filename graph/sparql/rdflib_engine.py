"""rdflib's own SPARQL engine (``--engine rdflib``): slower, pure Python, the reference."""

from __future__ import annotations

from collections.abc import Mapping

from rdflib import Graph, Literal
from rdflib.namespace import XSD
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import NotBoundError, SPARQLError
from rdflib.query import ResultRow

from tipgraph.graph.model.rdf import PREFIXES
from tipgraph.graph.sparql.core import QueryError, QueryResult, canonical_lexical


def query_rdflib(graph: Graph, text: str, bindings: Mapping[str, Literal] | None = None) -> QueryResult:
    """Run ``text`` with rdflib's engine, ``bindings`` through ``initBindings``."""
    try:
        prepared = prepareQuery(text, initNs=PREFIXES)
    except Exception as error:  # pyparsing raises its own exception types
        raise QueryError(f"the query does not parse: {error}") from error
    if prepared.algebra.name != "SelectQuery":
        raise QueryError("only SELECT queries give rows; use SELECT")
    try:
        result = graph.query(prepared, initBindings=dict(bindings or {}))
        return _rows(result)
    except NotBoundError as error:
        raise QueryError(
            f"rdflib cannot aggregate a value an OPTIONAL left unbound ({error}): aggregate in a sub-SELECT"
            ' over the values that exist, or wrap the variable in COALESCE(?x, ""); or use --engine oxigraph'
        ) from None
    except SPARQLError as error:
        raise QueryError(f"the query cannot run on rdflib: {error}") from None


def _rows(result) -> QueryResult:
    variables = [str(v) for v in (result.vars or [])]
    rows, datatypes = [], []
    for row in result:
        assert isinstance(row, ResultRow)  # a SELECT gives rows
        types = [_rdflib_datatype(value) for value in row]
        rows.append(
            [None if value is None else canonical_lexical(str(value), datatype) for value, datatype in zip(row, types)]
        )
        datatypes.append(types)
    return QueryResult(variables, rows, datatypes)


def _rdflib_datatype(value) -> str | None:
    if isinstance(value, Literal):
        return str(value.datatype) if value.datatype else (None if value.language else str(XSD.string))
    return None
