"""Oxigraph (pyoxigraph), the default SPARQL engine: fast loading, a planner that stays fast on millions of triples.

``open_store`` loads a Turtle file (or an rdflib ``Graph``) into an in-memory
Oxigraph store; ``query_store`` runs a SELECT on it.

>>> from rdflib import Graph
>>> store = open_store(Graph())
>>> query_store(store, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows
[['0']]
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pyoxigraph
from pyoxigraph import QuerySolutions, RdfFormat, Store
from rdflib import Graph, Literal

from tipgraph.graph.model.rdf import PREFIXES
from tipgraph.graph.sparql.core import GraphFileError, QueryError, QueryResult, bind_values, canonical_lexical

__all__ = ["Store", "open_store", "query_store", "PREFIX_IRIS"]

PREFIX_IRIS = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
_PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIX_IRIS.items())


def open_store(source: Graph | str | Path) -> Store:
    """An in-memory Oxigraph store holding ``source``: a Turtle file or an rdflib ``Graph``."""
    store = Store()
    if isinstance(source, Graph):
        store.load(source.serialize(format="nt", encoding="utf-8"), format=RdfFormat.N_TRIPLES)
        return store
    path = Path(source)
    if not path.is_file():
        raise GraphFileError(f"{path}: no such file (build one with: tipgraph build PATH --out DIR)")
    try:
        store.bulk_load(path=str(path), format=RdfFormat.TURTLE)
    except SyntaxError as error:
        raise GraphFileError(f"{path}: not valid Turtle ({' '.join(str(error).split())[:200]})") from None
    return store


def query_store(store: Store, text: str, bindings: Mapping[str, Literal] | None = None) -> QueryResult:
    """Run a SELECT on ``store``; ``bindings`` go in as an escaped ``VALUES`` row."""
    try:
        solutions = store.query(bind_values(text, bindings or {}), prefixes=PREFIX_IRIS)
    except SyntaxError as error:
        raise QueryError(f"the query does not parse: {' '.join(str(error).split())}") from None
    except OSError as error:
        raise QueryError(f"the query cannot run: {error}") from None
    if not isinstance(solutions, QuerySolutions):
        raise QueryError("only SELECT queries give rows; use SELECT")
    variables = [variable.value for variable in solutions.variables]
    rows, datatypes = [], []
    for solution in solutions:
        terms = [solution[name] for name in variables]
        types = [_datatype(term) for term in terms]
        rows.append(
            [None if term is None else canonical_lexical(term.value, datatype) for term, datatype in zip(terms, types)]
        )
        datatypes.append(types)
    return QueryResult(variables, rows, datatypes)


def _datatype(term) -> str | None:
    if isinstance(term, pyoxigraph.Literal) and not term.language:
        return term.datatype.value
    return None
