"""A real triple store through the SPARQL 1.1 protocols.

``push_graph`` puts a Turtle file into a Graph Store Protocol endpoint
(Oxigraph server, Apache Jena Fuseki, GraphDB) with HTTP PUT, replacing that
named graph; ``query_endpoint`` asks the endpoint's SPARQL query URL, with the
named graph as the default graph, so the shipped queries run there unchanged.

Only the standard library talks HTTP here (``urllib``).

Pushing a build and querying it (with ``oxigraph serve`` on port 7878)::

    push_graph("build/graph.ttl", "http://localhost:7878/store")
    run_query("http://localhost:7878/query", "places")
"""

from __future__ import annotations

import http.client
import json
import os
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import pyoxigraph
from pyoxigraph import RdfFormat
from rdflib import Literal
from rdflib.namespace import XSD

from tipgraph.graph.sparql.core import (
    EndpointError,
    GraphFileError,
    QueryResult,
    bind_values,
    canonical_lexical,
)
from tipgraph.graph.sparql.oxigraph_engine import PREFIX_IRIS
from tipgraph.ontology.iris import named_graph_iri

__all__ = ["SparqlEndpoint", "EndpointError", "GraphFileError", "PushSummary", "query_endpoint", "push_graph"]

_PROLOGUE = "".join(f"PREFIX {prefix}: <{iri}>\n" for prefix, iri in PREFIX_IRIS.items())


@dataclass(frozen=True)
class SparqlEndpoint:
    """A SPARQL 1.1 query URL and the named graph to query as the default graph.

    The named graph defaults to the one ``push_graph`` fills; None asks the
    store's own default graph.
    """

    query_url: str
    default_graph: str | None = str(named_graph_iri())
    timeout: float = 60.0


@dataclass(frozen=True)
class PushSummary:
    endpoint: str
    graph: str
    triples: int
    status: int


# --- A remote triple store --------------------------------------------------------


def checked_url(url: str) -> str:
    """``url`` if it is an http(s) address urllib can use; else an EndpointError saying what is wrong.

    >>> checked_url("http://[::1")
    Traceback (most recent call last):
    ...
    tipgraph.graph.sparql.core.EndpointError: 'http://[::1' is not a valid address (Invalid IPv6 URL); write http://HOST:PORT/PATH
    """
    try:
        parts = urllib.parse.urlsplit(url)
        parts.port  # noqa: B018  (raises on a port that is not a number)
    except ValueError as error:
        raise EndpointError(f"{url!r} is not a valid address ({error}); write http://HOST:PORT/PATH") from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise EndpointError(f"{url!r} is not a valid address; write http://HOST:PORT/PATH")
    return url


def _request(request: urllib.request.Request, timeout: float, what: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        body = " ".join(error.read().decode("utf-8", "replace").split())[:300]
        raise EndpointError(
            f"{request.full_url} refused {what}: HTTP {error.code} {error.reason}" + (f": {body}" if body else "")
        ) from None
    except urllib.error.URLError as error:
        if isinstance(error.reason, TimeoutError):
            raise _timed_out(request, timeout, what) from None
        raise EndpointError(
            f"cannot reach {request.full_url}: {error.reason}; check the address and that the server is running"
        ) from None
    except TimeoutError:
        raise _timed_out(request, timeout, what) from None
    except ConnectionError as error:
        raise EndpointError(
            f"cannot reach {request.full_url}: {error}; check the address and that the server is running"
        ) from None
    except http.client.HTTPException as error:  # something answered, but not in HTTP
        raise EndpointError(
            f"{request.full_url} did not answer in HTTP ({type(error).__name__}: {' '.join(str(error).split())[:80]});"
            " is it the triple store's address and port?"
        ) from None


def _timed_out(request: urllib.request.Request, timeout: float, what: str) -> EndpointError:
    return EndpointError(
        f"{request.full_url}: no answer within {timeout:g} s (sending {what}); "
        "check that the server is running, or wait longer with --timeout SECONDS"
    )


def query_endpoint(endpoint: SparqlEndpoint, text: str, bindings: Mapping[str, Literal] | None = None) -> QueryResult:
    """Run a SELECT at ``endpoint`` (SPARQL 1.1 protocol, results as JSON)."""
    checked_url(endpoint.query_url)
    query = _PROLOGUE + bind_values(text, bindings or {})
    form = [("query", query)]
    if endpoint.default_graph:
        form.append(("default-graph-uri", endpoint.default_graph))
    request = urllib.request.Request(
        endpoint.query_url,
        data=urllib.parse.urlencode(form).encode("utf-8"),
        headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"},
        method="POST",
    )
    _, body = _request(request, endpoint.timeout, "the query")
    try:
        data = json.loads(body)
        variables = list(data["head"]["vars"])
        solutions = data["results"]["bindings"]
    except (ValueError, KeyError, TypeError):
        raise EndpointError(
            f"{endpoint.query_url} did not answer with SPARQL JSON results; is it the query URL?"
        ) from None
    datatypes = [[_json_datatype(solution.get(name)) for name in variables] for solution in solutions]
    rows = [
        [
            canonical_lexical(solution[name]["value"], datatype) if name in solution else None
            for name, datatype in zip(variables, types)
        ]
        for solution, types in zip(solutions, datatypes)
    ]
    return QueryResult(variables, rows, datatypes)


def _json_datatype(term: dict | None) -> str | None:
    if not term or term.get("type") not in ("literal", "typed-literal") or "xml:lang" in term:
        return None
    return term.get("datatype", str(XSD.string))


DEFAULT_GRAPH = "the default graph"


def push_graph(
    path: str | Path,
    endpoint: str,
    graph: str | None = None,
    timeout: float = 300.0,
    *,
    allow_empty: bool = False,
    into_default: bool = False,
) -> PushSummary:
    """Put the Turtle file ``path`` into the named graph ``graph`` of a Graph Store Protocol ``endpoint``.

    The graph's old content is replaced (HTTP PUT). The file is parsed to its
    end before the first byte is sent, and the bytes sent are the ones parsed
    (one open file), so a broken or cut-short file never reaches the store;
    a file with no triple (an empty or truncated one) is refused unless
    ``allow_empty``, since it would empty the store's graph. ``timeout`` is
    how many seconds to wait for the server at each step. ``into_default``
    replaces the store's default graph instead (``?default``), where a plain
    query without ``GRAPH`` or ``default-graph-uri`` finds it.
    """
    path = Path(path)
    checked_url(endpoint)
    graph = DEFAULT_GRAPH if into_default else (graph or str(named_graph_iri()))
    if not path.is_file():
        raise GraphFileError(f"{path}: no such file (build one with: tipgraph build PATH --out DIR)")
    separator = "&" if urllib.parse.urlsplit(endpoint).query else "?"
    target = f"{endpoint}{separator}" + ("default" if into_default else f"graph={urllib.parse.quote(graph, safe='')}")
    with path.open("rb") as body:
        triples = _count_triples(path, body)
        if triples == 0 and not allow_empty:
            raise GraphFileError(
                f"{path}: holds no triples (empty or cut short?); pushing it would empty <{graph}> at {endpoint}; "
                "pass --allow-empty to do that on purpose"
            )
        body.seek(0)
        request = urllib.request.Request(
            target,
            data=body,
            headers={
                "Content-Type": "text/turtle; charset=utf-8",
                "Content-Length": str(os.fstat(body.fileno()).st_size),
            },
            method="PUT",
        )
        status, _ = _request(request, timeout, "the graph")
    return PushSummary(endpoint, graph, triples, status)


def _count_triples(path: Path, body: BinaryIO) -> int:
    """The triples of the whole file; a file tipgraph wrote must hold as many as its first line says."""
    announced = re.match(r"# tipgraph graph: (\d+) triples$", body.readline(200).decode("utf-8", "replace").strip())
    body.seek(0)
    try:
        triples = sum(1 for _ in pyoxigraph.parse(body, format=RdfFormat.TURTLE))
    except SyntaxError as error:
        raise GraphFileError(f"{path}: not valid Turtle ({' '.join(str(error).split())[:200]})") from None
    if announced and int(announced.group(1)) != triples:
        raise GraphFileError(
            f"{path}: holds {triples} triples where its first line says {announced.group(1)}: "
            "cut short or edited? Rebuild it with tipgraph build"
        )
    return triples
