"""Inputs that used to end in "unexpected … please report it" get one line naming the thing and the reason (issue 17)."""

from __future__ import annotations

import socket
import threading

import pytest
from typer.testing import CliRunner

from tipgraph.graph.cli.main import app

runner = CliRunner()


def one_clear_line(result, *words: str) -> None:
    assert result.exit_code == 1, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.output
    assert "unexpected" not in lines[0] and "please report" not in lines[0]
    for word in words:
        assert word in lines[0], lines[0]


def test_a_query_file_that_is_not_utf8(seeds_build, tmp_path):
    _, out = seeds_build
    query = tmp_path / "légumes.rq"
    query.write_bytes('SELECT ?x WHERE { ?x ?p "march\xe9 de nuit" }\n'.encode("latin-1"))
    one_clear_line(runner.invoke(app, ["query", str(out / "graph.ttl"), str(query)]), str(query), "UTF-8")


def test_export_of_a_graph_file_that_is_not_utf8(tmp_path):
    graph = tmp_path / "latin.ttl"
    graph.write_bytes('<urn:x:a> <urn:x:label> "Comit\xe9 de coordination" .\n'.encode("latin-1"))
    result = runner.invoke(app, ["export", str(graph), "--format", "csv", "--out", str(tmp_path / "csv")])
    one_clear_line(result, str(graph), "UTF-8")
    assert not (tmp_path / "csv").exists()


@pytest.fixture
def not_http_server():
    """A port that answers like an SSH server: bytes, but not HTTP."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()

    def answer() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(0.5)
                try:
                    while connection.recv(65536):  # the whole request (a push sends the graph)
                        pass
                except TimeoutError:
                    pass
                connection.sendall(b"SSH-2.0-OpenSSH_9.2p1\r\n\x00\x00\x01\x14garbage\r\n\r\n")

    threading.Thread(target=answer, daemon=True).start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    listener.close()


def test_a_server_that_does_not_answer_in_http(not_http_server, seeds_build):
    _, out = seeds_build
    one_clear_line(runner.invoke(app, ["query", f"{not_http_server}/query", "places"]), "did not answer in HTTP")
    pushed = runner.invoke(app, ["push", str(out / "graph.ttl"), "--endpoint", f"{not_http_server}/store"])
    one_clear_line(pushed, "did not answer in HTTP")


@pytest.mark.parametrize("address", ["http://127.0.0.1:notaport/query", "http://[::1"])
def test_an_endpoint_address_that_is_not_one(seeds_build, address):
    _, out = seeds_build
    one_clear_line(runner.invoke(app, ["query", address, "places"]), repr(address), "http://HOST:PORT/PATH")
    pushed = runner.invoke(app, ["push", str(out / "graph.ttl"), "--endpoint", address])
    one_clear_line(pushed, repr(address), "not a valid address")


def test_a_dask_address_that_is_not_one(tmp_path):
    documents = tmp_path / "docs"
    documents.mkdir()
    (documents / "note.txt").write_text("The border guards met IOM staff in Lao Cai.\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(documents), "--out", str(tmp_path / "out"), "--dask", "garbage::"])
    assert result.exit_code == 1, result.output
    error = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert error and "'garbage::' is not a scheduler address" in error[0] and "tcp://HOST:8786" in error[0]
    assert "please report" not in result.output
