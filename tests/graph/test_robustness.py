"""Bad input never crashes the build, never loses work and never leaves a broken graph."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF, RDFS
from typer.testing import CliRunner

from tipgraph.extractors.records import (
    CooperationRecord,
    DocumentRecord,
    EntityRecord,
    Evidence,
    FundingRecord,
    Mention,
)
from tipgraph.graph.build.cache import RecordCache
from tipgraph.graph.build.corpus import SkippedInputs, build_corpus
from tipgraph.graph.build.outputs import OUTPUT_FILES
from tipgraph.graph.cli.errors import describe_error, split_debug_flag
from tipgraph.graph.cli.main import app
from tipgraph.graph.io import atomic_write, atomic_write_many, ensure_writable_folder, remove_stale_temporaries
from tipgraph.graph.model.nx import generate_graphml, rdf_to_networkx
from tipgraph.graph.model.rdf import corpus_to_rdf, read_turtle, write_turtle
from tipgraph.graph.resolve import resolve_corpus
from tipgraph.graph.sparql.query import run_query
from tipgraph.graph.view.html import generate_html
from tipgraph.ontology.namespace import TG

from ..extractors.test_reading import pdf_with_text

runner = CliRunner()

COOPERATION = "The International Organization for Migration (IOM) cooperated with UNICEF on shelters in Vietnam.\n"
FUNDING = "The U.S. Embassy funded La Strada International to train police in Moldova.\n"


def make_bad_corpus(root: Path) -> Path:
    """A document dump with good files in many forms and one of each kind of bad file."""
    corpus = root / "dump"
    (corpus / "web").mkdir(parents=True)
    (corpus / "cable.txt").write_text(COOPERATION, encoding="utf-8")
    (corpus / "copy-of-cable.txt").write_text(COOPERATION, encoding="utf-8")  # same bytes, second name
    (corpus / "funding-1252.txt").write_bytes(("“" + FUNDING.strip() + "”\n").encode("cp1252"))
    (corpus / "funding-utf16.txt").write_bytes(("Memo: " + FUNDING).encode("utf-16"))
    (corpus / "web" / "page.html").write_text(
        f"<html><script>alert(1)</script><p>{COOPERATION}</p></html>", encoding="utf-8"
    )
    (corpus / "report.pdf").write_bytes(pdf_with_text([FUNDING.strip()]))
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    (corpus / "pipe.txt").parent.mkdir(exist_ok=True)
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "gone.txt").symlink_to(corpus / "nowhere.txt")
    (corpus / "web" / "loop").symlink_to(corpus)
    return corpus


BAD = {
    "empty.txt": "empty file",
    "image.txt": "PNG image",
    "pipe.txt": "named pipe",
    "gone.txt": "broken symbolic link",
    "web/loop": "symbolic link loop",
}


@pytest.fixture(scope="module")
def bad_build(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad-corpus")
    corpus = make_bad_corpus(root)
    out = root / "out"
    return corpus, out, build_corpus([corpus], out)


def test_a_dump_of_bad_files_builds_with_one_skip_per_bad_file(bad_build):
    corpus, out, summary = bad_build
    skipped = {str(Path(s.path).relative_to(corpus)): s.reason for s in summary.skipped}
    assert skipped.keys() == BAD.keys()
    for name, reason in BAD.items():
        assert reason in skipped[name]
    assert sorted(summary.documents) == [
        "cable.txt",
        "funding-1252.txt",
        "funding-utf16.txt",
        "page.html",
        "report.pdf",
    ]
    assert sorted(Path(f).name for f in summary.files) == sorted(summary.documents + ["copy-of-cable.txt"])
    assert summary.duplicates == 1


def test_duplicate_files_are_one_document_under_both_names(bad_build):
    _, out, _ = bad_build
    graph = read_turtle(out / "graph.ttl")
    names = {
        frozenset(str(n) for n in graph.objects(doc, DCTERMS.identifier))
        for doc in graph.subjects(RDF.type, TG.Document)
    }
    assert frozenset({"cable.txt", "copy-of-cable.txt"}) in names
    assert len(names) == 5


def test_every_evidence_of_the_bad_dump_slices_its_document_text(bad_build):
    from tipgraph.extractors.ingest.reading import read_source

    corpus, out, _ = bad_build
    graph = read_turtle(out / "graph.ttl")
    texts = {}
    for doc in graph.subjects(RDF.type, TG.Document):
        name = str(sorted(graph.objects(doc, DCTERMS.identifier))[0])
        path = next(corpus.rglob(name))
        texts[doc] = read_source(path).text
    statements = list(graph.subjects(TG.evidence, None))
    assert statements, "the dump states relations"
    for statement in statements:
        text = texts[graph.value(statement, TG.source)]
        start, end = int(graph.value(statement, TG.start)), int(graph.value(statement, TG.end))
        assert text[start:end] == str(graph.value(statement, TG.evidence))


def test_the_cli_reports_each_skip_and_exits_0_when_something_was_built(tmp_path):
    corpus = make_bad_corpus(tmp_path)
    result = runner.invoke(app, ["build", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert "read 5 documents (6 files; 1 duplicate), skipped 5" in result.output
    for name, reason in BAD.items():
        assert any(str(corpus / name) in line and reason in line for line in result.output.splitlines()), name
    assert "Traceback" not in result.output


def test_strict_makes_a_skip_an_error_and_keeps_the_previous_outputs(tmp_path):
    corpus = make_bad_corpus(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    (out / "graph.ttl").write_text("# the previous graph\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--strict"])
    assert result.exit_code == 1
    assert "--strict" in result.output and "image.txt: binary file (PNG image)" in result.output
    assert (out / "graph.ttl").read_text(encoding="utf-8") == "# the previous graph\n"
    with pytest.raises(SkippedInputs):
        build_corpus([corpus], tmp_path / "out2", strict=True)


def test_the_output_folder_is_not_read_as_input(tmp_path):
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "cable.txt").write_text(COOPERATION, encoding="utf-8")
    build_corpus([corpus], corpus / "build")
    summary = build_corpus([corpus], corpus / "build")  # graph.html now sits inside the input folder
    assert summary.documents == ["cable.txt"] and not summary.skipped


# --- clear errors ---------------------------------------------------------------

ERRORS = [
    (["build", "{tmp}/missing-folder", "--out", "{tmp}/out"], "no such file or folder"),
    (["build", "{seed}", "--out", "{tmp}/a-file"], "is a file, not a folder; choose another folder with --out"),
    (["build", "{seed}", "--out", "{tmp}/a-file/under"], "cannot write to output folder"),
    (["build", "{seed}", "--out", "{tmp}/out", "--model", "no_such_model_xx"], "is not installed"),
    (["query", "{tmp}/a-file", "SELECT ?s WHERE {{ ?s ?p ?o }}"], "not valid Turtle"),
    (["extract", "{tmp}/empty.txt"], "empty file"),
]


@pytest.mark.parametrize("args, message", ERRORS, ids=[e[1][:30] for e in ERRORS])
def test_a_user_error_is_one_readable_line_without_a_traceback(tmp_path, args, message):
    from ..conftest import SEEDS

    (tmp_path / "a-file").write_text("not a folder and not Turtle {", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    seed = SEEDS / "003_b65baa20bd05a1e3.txt"
    result = runner.invoke(app, [a.format(tmp=tmp_path, seed=seed) for a in args])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and message in errors[0], result.output
    assert "Traceback" not in result.output


def test_an_unreachable_endpoint_is_one_readable_line(bad_build):
    _, out, _ = bad_build
    result = runner.invoke(app, ["push", str(out / "graph.ttl"), "--endpoint", "http://127.0.0.1:9/store"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and "cannot reach" in errors[0] and "Traceback" not in result.output


def test_a_file_that_cannot_be_created_is_named_as_the_user_gave_it(tmp_path):
    target = tmp_path / "missing-parent-is-a-file"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(OSError) as raised:
        with atomic_write(target / "graph.ttl") as handle:
            handle.write("never")
    assert describe_error(raised.value).startswith(str(target))


def test_an_unexpected_error_is_one_line_and_debug_shows_it(tmp_path, monkeypatch):
    from tipgraph.graph.cli import main as cli_module

    def broken_build(*args, **kwargs):
        raise KeyError("resolver bug")

    monkeypatch.setattr(cli_module, "build_corpus", broken_build)
    result = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 2
    assert (
        result.output.strip()
        .splitlines()[-1]
        .startswith("error: unexpected KeyError: 'resolver bug' (run again with --debug")
    )
    debug = runner.invoke(app, ["build", str(tmp_path), "--out", str(tmp_path / "out"), "--debug"])
    assert isinstance(debug.exception, KeyError)


@pytest.mark.parametrize(
    "error, line",
    [
        (
            ConnectionRefusedError(111, "Connection refused"),
            "cannot reach the server: Connection refused; check the address",
        ),
        (TimeoutError("timed out"), "cannot reach the server: timed out"),
        (
            PermissionError(13, "Permission denied", "/srv/graph.ttl"),
            "/srv/graph.ttl: permission denied; check the permissions",
        ),
        (SkippedInputs([]), "0 file(s) were skipped and --strict is on"),
    ],
)
def test_errors_of_every_command_are_described_in_one_line(error, line):
    assert describe_error(error).startswith(line)
    assert "\n" not in describe_error(error)


def test_debug_is_taken_from_anywhere_before_a_double_dash():
    assert split_debug_flag(["build", "x", "--debug"]) == (["build", "x"], True)
    assert split_debug_flag(["query", "g.ttl", "--", "--debug"]) == (["query", "g.ttl", "--", "--debug"], False)


# --- nothing half-written --------------------------------------------------------


def test_a_failed_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "graph.ttl"
    target.write_text("previous", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as handle:
            handle.write("half of the new")
            raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "previous"
    assert os.listdir(tmp_path) == ["graph.ttl"]


def _interrupted_just_after_creating(monkeypatch):
    """``tempfile.mkstemp`` that gets a Ctrl-C just after it made the file, before its caller knows the name."""
    real = tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        made = real(*args, **kwargs)
        signal.raise_signal(signal.SIGINT)
        return made

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)


@pytest.mark.parametrize("writer", ["output", "several outputs", "cache record"])
def test_a_ctrl_c_as_a_temporary_is_made_leaves_none(tmp_path, monkeypatch, writer):
    _interrupted_just_after_creating(monkeypatch)
    with pytest.raises(KeyboardInterrupt):
        if writer == "output":
            with atomic_write(tmp_path / "graph.ttl") as handle:
                handle.write("new")
        elif writer == "several outputs":
            with atomic_write_many([tmp_path / "graph.ttl", tmp_path / "graph.json"]):
                pass
        else:
            RecordCache(tmp_path, "fingerprint").put(DocumentRecord(["a.txt"], "ab" * 32).to_dict())
    assert not list(tmp_path.rglob("*.tmp"))


def test_a_failure_writing_the_third_output_leaves_all_four_previous_ones(tmp_path, monkeypatch):
    corpus = tmp_path / "docs"
    corpus.mkdir()
    (corpus / "cable.txt").write_text(COOPERATION, encoding="utf-8")
    out = tmp_path / "out"
    build_corpus([corpus], out)
    previous = {name: (out / name).read_bytes() for name in OUTPUT_FILES.values()}
    (corpus / "memo.txt").write_text(FUNDING, encoding="utf-8")  # the new outputs would differ

    def disk_full(network, path):  # graphml is the third output written (after turtle and json)
        with atomic_write(path) as handle:
            handle.write("<graphml>half of it")
            raise OSError(28, "No space left on device")

    monkeypatch.setattr("tipgraph.graph.build.writing.write_graphml", disk_full)
    with pytest.raises(OSError, match="No space left"):
        build_corpus([corpus], out)
    assert {name: (out / name).read_bytes() for name in OUTPUT_FILES.values()} == previous
    assert not [p for p in out.rglob("*") if p.name.endswith(".tmp")]
    monkeypatch.undo()
    summary = build_corpus([corpus], out)  # the disk has room again: all four are replaced together
    assert summary.documents == ["cable.txt", "memo.txt"]
    assert all((out / name).read_bytes() != previous[name] for name in ("graph.ttl", "graph.json", "graph.graphml"))


def write_set(folder, names, fail_at=None):
    with atomic_write_many([folder / name for name in names]) as staged:
        for index, (target, temporary) in enumerate(staged.items()):
            if index == fail_at:
                raise RuntimeError("writer bug")
            with atomic_write(temporary) as handle:  # the graph writers use atomic_write themselves
                handle.write(f"new {target.name}")


def test_a_set_of_files_is_replaced_together_or_not_at_all(tmp_path):
    names = ["graph.ttl", "graph.json", "graph.graphml", "graph.html"]
    for name in names:
        (tmp_path / name).write_text(f"old {name}", encoding="utf-8")
    (tmp_path / "graph.html").chmod(0o640)
    for fail_at in range(len(names)):
        with pytest.raises(RuntimeError):
            write_set(tmp_path, names, fail_at)
        assert sorted(os.listdir(tmp_path)) == sorted(names)
        assert all((tmp_path / n).read_text(encoding="utf-8") == f"old {n}" for n in names)
    write_set(tmp_path, names)
    assert sorted(os.listdir(tmp_path)) == sorted(names)
    assert all((tmp_path / n).read_text(encoding="utf-8") == f"new {n}" for n in names)
    assert (tmp_path / "graph.html").stat().st_mode & 0o777 == 0o640  # each keeps its permissions


def test_a_folder_in_the_way_of_one_output_stops_the_set_before_any_rename(tmp_path):
    (tmp_path / "graph.ttl").write_text("old", encoding="utf-8")
    (tmp_path / "graph.html").mkdir()
    with pytest.raises(IsADirectoryError) as raised:
        write_set(tmp_path, ["graph.ttl", "graph.html"])
    assert (tmp_path / "graph.ttl").read_text(encoding="utf-8") == "old"
    assert sorted(os.listdir(tmp_path)) == ["graph.html", "graph.ttl"]
    assert describe_error(raised.value).startswith(str(tmp_path / "graph.html"))


def test_ctrl_c_during_the_renames_waits_until_the_whole_set_is_in_place(tmp_path, monkeypatch):
    import signal

    names = ["graph.ttl", "graph.json", "graph.graphml", "graph.html"]
    replace = os.replace
    renamed = []
    # Ctrl-C raises KeyboardInterrupt here even when the test runner's shell ignores SIGINT (a backgrounded one does).
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    handler = signal.getsignal(signal.SIGINT)

    def interrupted_replace(source, target):
        if not renamed:
            signal.raise_signal(signal.SIGINT)  # Ctrl-C right after the first rename begins
        replace(source, target)
        renamed.append(target)

    with pytest.raises(KeyboardInterrupt):
        with atomic_write_many([tmp_path / name for name in names]) as staged:
            for target, temporary in staged.items():
                temporary.write_text(f"new {target.name}", encoding="utf-8")
            monkeypatch.setattr(os, "replace", interrupted_replace)
    monkeypatch.undo()
    assert len(renamed) == 4
    assert sorted(os.listdir(tmp_path)) == sorted(names)
    assert signal.getsignal(signal.SIGINT) is handler  # restored
    signal.signal(signal.SIGINT, previous)


def test_a_rewritten_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "graph.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o644)
    with atomic_write(target) as handle:
        handle.write("new")
    assert target.stat().st_mode & 0o777 == 0o644


def test_stale_temporaries_of_dead_writers_are_removed_and_live_ones_kept(tmp_path):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    ).stdout.strip()
    stale = tmp_path / f".graph.ttl.{dead}.abc123.tmp"
    live = tmp_path / f".graph.html.{os.getppid()}.def456.tmp"
    cached = tmp_path / ".cache" / "records" / f".ab.json.{dead}.x1.tmp"
    cached.parent.mkdir(parents=True)
    for path in (stale, live, cached):
        path.write_text("half", encoding="utf-8")
    ensure_writable_folder(tmp_path)
    assert not stale.exists() and not cached.exists() and live.exists()
    assert remove_stale_temporaries(tmp_path) == []


# --- hostile text ------------------------------------------------------------------

HOSTILE = [
    'He said "stop" and left',
    "C:\\Users\\victim\\ and a \\u0041 escape",
    "two\nlines\r\nand a tab\t",
    "control \x00 \x01 \x07 \x0b \x0c \x1b \x7f chars",
    "<script>alert('x')</script>",
    "</script><img src=x onerror=alert(1)>",
    '""" ; <urn:x> a tg:Agency . @prefix x: <y> .',
    "'} UNION { ?s ?p ?o } #",
    "UNlCEF Ꮇinistry Ⅿinistry ｕｎｉｃｅｆ",  # look-alikes
    "right-to-left \u202e gnihtemos \u200b zero width \ufeff",
    "emoji 🙂 and astral 𝔘𝔑 and \ufffe\uffff non-characters",
]


def hostile_corpus(text: str):
    evidence = Evidence(text, 0, len(text))
    record = DocumentRecord(
        [f"{text[:20]}.txt"],
        "ab" * 32,
        title=text,
        creator=text,
        entities=[
            EntityRecord(
                "e0", text, "NGO", aliases=[text + " alias"], mentions=[Mention(text, 0, len(text))], role=text
            ),
            EntityRecord("e1", "UNICEF", "InternationalOrganization"),
        ],
        relations=[CooperationRecord(["e0", "e1"], evidence), FundingRecord("e1", "e0", evidence, amount=text)],
    )
    return resolve_corpus([record])


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_round_trips_through_turtle_to_the_same_literals(tmp_path, text):
    graph = corpus_to_rdf(hostile_corpus(text))
    write_turtle(graph, tmp_path / "graph.ttl")
    back = read_turtle(tmp_path / "graph.ttl")
    assert isomorphic(graph, back)
    assert Literal(text) in set(back.objects(None, RDFS.label))
    assert Literal(text) in set(back.objects(None, TG.evidence))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_keeps_graphml_well_formed(text):
    network = rdf_to_networkx(corpus_to_rdf(hostile_corpus(text)))
    root = ElementTree.fromstring("".join(generate_graphml(network)))
    assert root.tag.endswith("graphml")


@pytest.mark.parametrize("text", [t for t in HOSTILE if "<" in t])
def test_hostile_text_shows_as_text_in_the_html_view(text):
    page = "".join(generate_html(rdf_to_networkx(corpus_to_rdf(hostile_corpus(text)))))
    assert "<img src=x onerror" not in page
    assert "<script>alert(" not in page


@pytest.mark.parametrize("text", HOSTILE)
def test_query_parameters_bind_hostile_values_as_literals(text):
    graph = corpus_to_rdf(hostile_corpus(text))
    result = run_query(graph, "SELECT ?entity WHERE { ?entity rdfs:label ?name }", params={"name": text})
    assert len(result.rows) == 1
