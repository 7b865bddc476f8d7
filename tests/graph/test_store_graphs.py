"""Where ``tipgraph push`` puts the graph, and how a plain query finds it (issue 17)."""

from __future__ import annotations

import re

from typer.testing import CliRunner

from tipgraph.graph.cli.main import app
from tipgraph.graph.sparql.endpoint import SparqlEndpoint, push_graph
from tipgraph.graph.sparql.query import run_query

from ..conftest import ROOT
from .test_store import oxigraph_server  # noqa: F401  (the fixture)

runner = CliRunner()
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def test_the_readme_graph_query_counts_what_push_put_in_the_named_graph(oxigraph_server, seeds_build):  # noqa: F811
    _, out = seeds_build
    summary = push_graph(out / "graph.ttl", f"{oxigraph_server}/store")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    graph_query = next(q for q in re.findall(r"```sparql\n(.*?)```", readme, flags=re.DOTALL) if "GRAPH <" in q)
    assert f"<{summary.graph}>" in graph_query
    plain = SparqlEndpoint(f"{oxigraph_server}/query", None)  # the store's own default graph
    assert int(run_query(plain, graph_query).rows[0][0]) == summary.triples


def test_push_into_the_default_graph_on_request(oxigraph_server, seeds_build):  # noqa: F811
    _, out = seeds_build
    plain = SparqlEndpoint(f"{oxigraph_server}/query", None)
    pushed = runner.invoke(
        app, ["push", str(out / "graph.ttl"), "--endpoint", f"{oxigraph_server}/store", "--default-graph"]
    )
    assert pushed.exit_code == 0, pushed.output
    assert "into the default graph" in pushed.output
    assert int(run_query(plain, COUNT).rows[0][0]) > 1000
    queried = runner.invoke(app, ["query", f"{oxigraph_server}/query", "places", "--default-graph", "--format", "csv"])
    assert queried.exit_code == 0, queried.output
    assert "Vietnam" in queried.output
    both = runner.invoke(
        app,
        [
            "push",
            str(out / "graph.ttl"),
            "--endpoint",
            f"{oxigraph_server}/store",
            "--default-graph",
            "--graph",
            "urn:x",
        ],
    )
    assert both.exit_code == 1 and "give one" in both.output
