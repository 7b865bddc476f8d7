"""A real triple store: the seeds pushed into an Oxigraph server answer the shipped queries as the file does."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tipgraph.graph.cli.main import app
from tipgraph.graph.sparql.core import EndpointError, GraphFileError, list_queries
from tipgraph.graph.sparql.endpoint import SparqlEndpoint, push_graph
from tipgraph.graph.sparql.query import run_query
from tipgraph.ontology.iris import named_graph_iri

from .test_queries import HOSTILE, SEED_PARAMETERS

runner = CliRunner()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    """``oxigraph serve`` on a free loopback port, stopped when the module's tests are done."""
    binary = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which("oxigraph")
    if binary is None:
        pytest.skip("the oxigraph server is not installed (pip install oxigraph: it is in the test extras)")
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [binary, "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"oxigraph serve did not start: {process.stderr.read().decode(errors='replace')}"
                    ) from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def pushed(oxigraph_server, seeds_build):
    """The seeds' graph pushed into the server's default tipgraph named graph."""
    _, out = seeds_build
    summary = push_graph(out / "graph.ttl", f"{oxigraph_server}/store")
    return summary, SparqlEndpoint(f"{oxigraph_server}/query")


def count(endpoint: SparqlEndpoint) -> int:
    return int(run_query(endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").rows[0][0])


def test_push_puts_every_triple_into_the_named_graph(pushed, seeds_rdf):
    summary, endpoint = pushed
    assert summary.status in (200, 201, 204)
    assert summary.graph == str(named_graph_iri())
    assert summary.triples == len(seeds_rdf) == count(endpoint)


@pytest.mark.parametrize("query", [q.name for q in list_queries()])
def test_the_endpoint_answers_each_shipped_query_as_the_file_does(pushed, seeds_build, query):
    _, endpoint = pushed
    _, out = seeds_build
    params = SEED_PARAMETERS.get(query, {})
    from_file = run_query(out / "graph.ttl", query, params)
    from_endpoint = run_query(endpoint, query, params)
    assert from_endpoint.variables == from_file.variables
    assert from_endpoint.rows == from_file.rows and from_file.rows
    assert from_endpoint.records() == from_file.records()


@pytest.mark.parametrize("value", HOSTILE)
def test_parameters_reach_the_endpoint_as_values(pushed, value):
    _, endpoint = pushed
    assert run_query(endpoint, "SELECT ?actor WHERE { }", {"actor": value}).rows == [[value]]
    assert run_query(endpoint, "cooperation_network", {"actor": value}).rows == []


def test_push_replaces_the_named_graph_and_leaves_others(oxigraph_server, tmp_path):
    store = f"{oxigraph_server}/store"
    small, smaller = tmp_path / "small.ttl", tmp_path / "smaller.ttl"
    small.write_text('<https://example.org/a> <https://example.org/p> "1", "2", "3" .\n', encoding="utf-8")
    smaller.write_text('<https://example.org/a> <https://example.org/p> "4" .\n', encoding="utf-8")
    push_graph(small, store, "https://example.org/graph/one")
    push_graph(small, store, "https://example.org/graph/two")
    push_graph(smaller, store, "https://example.org/graph/one")
    assert count(SparqlEndpoint(f"{oxigraph_server}/query", "https://example.org/graph/one")) == 1
    assert count(SparqlEndpoint(f"{oxigraph_server}/query", "https://example.org/graph/two")) == 3


def test_a_file_that_is_not_turtle_never_reaches_the_store(oxigraph_server, tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text('<https://example.org/a> <https://example.org/p> "unterminated .\n', encoding="utf-8")
    push_graph(_one_triple(tmp_path), f"{oxigraph_server}/store", "https://example.org/graph/kept")
    with pytest.raises(GraphFileError, match="broken.ttl: not valid Turtle"):
        push_graph(broken, f"{oxigraph_server}/store", "https://example.org/graph/kept")
    assert count(SparqlEndpoint(f"{oxigraph_server}/query", "https://example.org/graph/kept")) == 1


def _one_triple(folder: Path) -> Path:
    path = folder / "one.ttl"
    path.write_text("<https://example.org/a> <https://example.org/p> <https://example.org/b> .\n", encoding="utf-8")
    return path


def test_an_unreachable_endpoint_is_one_clear_error(seeds_build):
    _, out = seeds_build
    url = f"http://127.0.0.1:{_free_port()}/store"
    with pytest.raises(EndpointError, match="cannot reach .* check the address and that the server is running"):
        push_graph(out / "graph.ttl", url)
    with pytest.raises(EndpointError, match="cannot reach"):
        run_query(SparqlEndpoint(url.replace("/store", "/query")), "places")


def test_an_endpoint_that_refuses_says_what_it_answered(oxigraph_server, tmp_path):
    with pytest.raises(EndpointError, match="refused the graph: HTTP 404"):
        push_graph(_one_triple(tmp_path), f"{oxigraph_server}/no-such-service")


def test_push_and_query_commands(oxigraph_server, seeds_build, seeds_rdf):
    _, out = seeds_build
    pushed = runner.invoke(
        app,
        [
            "push",
            str(out / "graph.ttl"),
            "--endpoint",
            f"{oxigraph_server}/store",
            "--graph",
            "https://example.org/graph/cli",
        ],
    )
    assert pushed.exit_code == 0, pushed.output
    assert f"pushed {len(seeds_rdf)} triples" in pushed.output
    queried = runner.invoke(
        app,
        [
            "query",
            f"{oxigraph_server}/query",
            "relation_evidence",
            "--graph",
            "https://example.org/graph/cli",
            "-p",
            "entity=China",
            "-p",
            "other=Vietnam",
            "--format",
            "csv",
        ],
    )
    assert queried.exit_code == 0, queried.output
    assert "Cooperation" in queried.output and "000_d7ebc8095375f6f8.txt" in queried.output


def test_push_command_to_nowhere_fails_in_one_line(seeds_build):
    _, out = seeds_build
    result = runner.invoke(
        app, ["push", str(out / "graph.ttl"), "--endpoint", f"http://127.0.0.1:{_free_port()}/store"]
    )
    assert result.exit_code == 1
    assert "cannot reach" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize(
    "content",
    ["", "@prefix tg: <https://w3id.org/tipgraph/ontology#> .\n", "# only a comment\n"],
    ids=["empty", "prefixes-only", "comment-only"],
)
def test_a_file_with_no_triples_never_empties_the_store_unless_asked(oxigraph_server, tmp_path, content):
    store, kept = f"{oxigraph_server}/store", "https://example.org/graph/not-emptied"
    push_graph(_one_triple(tmp_path), store, kept)
    empty = tmp_path / "graph.ttl"
    empty.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["push", str(empty), "--endpoint", store, "--graph", kept])
    assert result.exit_code == 1
    assert "holds no triples" in result.output and "--allow-empty" in result.output
    assert count(SparqlEndpoint(f"{oxigraph_server}/query", kept)) == 1
    result = runner.invoke(app, ["push", str(empty), "--endpoint", store, "--graph", kept, "--allow-empty"])
    assert result.exit_code == 0, result.output
    assert count(SparqlEndpoint(f"{oxigraph_server}/query", kept)) == 0


def test_a_file_cut_short_mid_statement_never_reaches_the_store(oxigraph_server, seeds_build, tmp_path):
    _, out = seeds_build
    store, kept = f"{oxigraph_server}/store", "https://example.org/graph/not-truncated"
    push_graph(_one_triple(tmp_path), store, kept)
    data = (out / "graph.ttl").read_bytes()
    cut = tmp_path / "cut.ttl"
    # at a space two thirds in: inside a statement, whatever the graph holds (a cut at a statement's end
    # is the other test's case, caught by the count on the first line)
    cut.write_bytes(data[: data.rindex(b" ", 0, len(data) * 2 // 3)])
    with pytest.raises(GraphFileError, match="cut.ttl: not valid Turtle"):
        push_graph(cut, store, kept)
    assert count(SparqlEndpoint(f"{oxigraph_server}/query", kept)) == 1


@pytest.fixture
def hung_server():
    """A server that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"


def test_a_hung_endpoint_gives_up_after_timeout_for_push_and_query(hung_server, tmp_path):
    graph = _one_triple(tmp_path)
    started = time.monotonic()
    pushed = runner.invoke(app, ["push", str(graph), "--endpoint", f"{hung_server}/store", "--timeout", "0.5"])
    queried = runner.invoke(app, ["query", f"{hung_server}/query", "places", "--timeout", "0.5"])
    assert time.monotonic() - started < 20
    for result in (pushed, queried):
        assert result.exit_code == 1, result.output
        assert "no answer within 0.5 s" in result.output and "--timeout" in result.output
        assert "Traceback" not in result.output


def test_a_file_cut_short_at_the_end_of_a_statement_is_recognised_by_its_count_line(
    oxigraph_server, seeds_build, tmp_path
):
    import pyoxigraph

    _, out = seeds_build
    store, kept = f"{oxigraph_server}/store", "https://example.org/graph/not-cut"
    push_graph(_one_triple(tmp_path), store, kept)
    data = (out / "graph.ttl").read_bytes()
    assert data.startswith(b"# tipgraph graph: ")
    cut = tmp_path / "cut.ttl"
    cut.write_bytes(data[: data.rindex(b" .\n", 0, len(data) // 2) + 3])  # a whole statement ends here
    assert sum(1 for _ in pyoxigraph.parse(cut.read_bytes(), format=pyoxigraph.RdfFormat.TURTLE)) > 0
    with pytest.raises(GraphFileError, match="cut.ttl: holds .* triples where its first line says"):
        push_graph(cut, store, kept)
    assert count(SparqlEndpoint(f"{oxigraph_server}/query", kept)) == 1
