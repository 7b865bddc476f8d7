"""A bug that one document triggers in the pipeline costs that document only, never the build.

The pipeline here is the real one plus a component that raises on a marker
word (``failing_pipeline.py``), run in this process, in a pool of two worker
processes and on a Dask LocalCluster of two workers.
"""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from rdflib.namespace import DCTERMS, RDF
from typer.testing import CliRunner

from tipgraph.extractors.ingest.document import SourceDocument
from tipgraph.graph.build.cache import CACHE_DIR
from tipgraph.graph.build.corpus import SkippedInputs, build_corpus
from tipgraph.graph.build.parallel import ExtractionFailed, extract_isolated, pipeline_for
from tipgraph.graph.cli.main import app
from tipgraph.graph.model.rdf import read_turtle
from tipgraph.ontology.namespace import TG

runner = CliRunner()

GOOD = {
    "01-laos.txt": "IOM and the Ministry of Labour of Laos cooperate on the return of trafficking victims.\n",
    "03-nigeria.txt": "UNICEF funded La Strada International to run shelters for victims trafficked from Nigeria to Italy.\n",
    "05-moldova.txt": "Women from Moldova are trafficked to Turkey for sexual exploitation, UNODC reported.\n",
}
BAD_TEXT = "The Ministry of Public Security cooperated with IOM in Vietnam. FAILTRIGGER_VALUE\n"
BAD = ("02-bad.txt", "04-copy-of-bad.txt")  # the same bytes under two names: one document, two skips
REASON = "extraction failed (ValueError: test failure on FAILTRIGGER_VALUE)"


@pytest.fixture
def corpus(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in GOOD.items():
        (docs / name).write_text(text, encoding="utf-8")
    for name in BAD:
        (docs / name).write_text(BAD_TEXT, encoding="utf-8")
    return docs


@pytest.fixture(scope="module")
def dask_scheduler():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster.scheduler_address


def document_names(out):
    rdf = read_turtle(out / "graph.ttl")
    return {str(n) for d in rdf.subjects(RDF.type, TG.Document) for n in rdf.objects(d, DCTERMS.identifier)}


ENGINES = {
    "in-process": [],
    "2 worker processes": ["--workers", "2"],
    "Dask cluster of 2 workers": ["--dask", "{scheduler}"],
}


@pytest.mark.parametrize("engine", ENGINES)
def test_a_document_that_breaks_the_pipeline_is_skipped_and_the_build_goes_on(
    engine, request, failing_model, marked_reads, corpus, tmp_path
):
    options = ENGINES[engine]
    if "{scheduler}" in options:
        options = [option.format(scheduler=request.getfixturevalue("dask_scheduler")) for option in options]
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--model", failing_model, *options])
    assert result.exit_code == 0, result.output
    assert "read 3 documents, skipped 2" in result.output
    for name in BAD:
        assert f"skipped {corpus / name}: {REASON}" in result.output, result.output
    assert "Traceback" not in result.output
    assert document_names(out) == set(GOOD)
    # the others are cached; the failing document is not, as a result or otherwise
    cached = {path.stem for path in (out / CACHE_DIR).glob("*.json")}
    assert cached == {hashlib.sha256(text.encode()).hexdigest() for text in GOOD.values()}


def test_a_failed_document_is_tried_again_next_time_and_joins_the_graph_once_fixed(failing_model, corpus, tmp_path):
    out = tmp_path / "out"
    build_corpus([corpus], out, model=failing_model)
    again = build_corpus([corpus], out, model=failing_model)
    assert (again.extracted, again.cached) == (0, 3)
    assert [(s.path, s.reason.split(";")[0]) for s in again.skipped] == [(str(corpus / name), REASON) for name in BAD]
    for name in BAD:
        (corpus / name).write_text(BAD_TEXT.replace(" FAILTRIGGER_VALUE", ""), encoding="utf-8")
    fixed = build_corpus([corpus], out, model=failing_model)
    assert (fixed.extracted, fixed.cached, fixed.skipped) == (1, 3, [])
    assert (fixed.documents, fixed.duplicates) == (["01-laos.txt", "02-bad.txt", "03-nigeria.txt", "05-moldova.txt"], 1)
    assert document_names(out) == set(GOOD) | set(BAD)


def test_strict_makes_a_failed_document_an_error_and_writes_nothing(failing_model, corpus, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(corpus), "--out", str(out), "--model", failing_model, "--strict"])
    assert result.exit_code == 1
    assert f"skipped {corpus / BAD[0]}: {REASON}" in result.output
    assert "error: 2 file(s) were skipped and --strict is on" in result.output
    assert not (out / "graph.ttl").exists()
    with pytest.raises(SkippedInputs):
        build_corpus([corpus], out, model=failing_model, strict=True)


def test_debug_shows_where_the_pipeline_failed(failing_model, corpus, tmp_path):
    result = runner.invoke(
        app, ["build", str(corpus), "--out", str(tmp_path / "out"), "--model", failing_model, "--debug"]
    )
    assert result.exit_code == 0, result.output
    trace = result.output.split(f"skipped {corpus / BAD[0]}: ")[1]
    assert "Traceback" in trace and "in fail_on_marker" in trace and "ValueError: test failure" in trace


def test_when_nothing_can_be_extracted_the_build_says_so(failing_model, tmp_path):
    (tmp_path / "bad.txt").write_text(BAD_TEXT, encoding="utf-8")
    result = runner.invoke(
        app, ["build", str(tmp_path / "bad.txt"), "--out", str(tmp_path / "out"), "--model", failing_model]
    )
    assert result.exit_code == 1
    assert f"error: no document could be read or extracted: {tmp_path / 'bad.txt'}: {REASON}" in result.output


# --- the batch function every engine runs ----------------------------------------


def sources(*texts):
    return [SourceDocument.from_text(f"{index}.txt", text) for index, text in enumerate(texts)]


FIRST, SECOND, THIRD = GOOD.values()


@pytest.mark.parametrize(
    "texts, failed",
    [
        ([FIRST, BAD_TEXT, SECOND, THIRD], [1]),
        ([BAD_TEXT, FIRST], [0]),
        ([FIRST, SECOND, BAD_TEXT], [2]),
        ([BAD_TEXT, BAD_TEXT.replace("Vietnam", "Laos"), FIRST], [0, 1]),
        ([BAD_TEXT], [0]),
        ([FIRST, SECOND], []),
    ],
)
def test_a_batch_gives_one_outcome_per_document_in_order(failing_model, texts, failed):
    nlp = pipeline_for(failing_model)
    batch = sources(*texts)
    outcomes = extract_isolated(nlp, batch)
    assert [isinstance(o, ExtractionFailed) for o in outcomes] == [i in failed for i in range(len(texts))]
    for source, outcome in zip(batch, outcomes):
        if isinstance(outcome, ExtractionFailed):
            assert (outcome.sha256, outcome.names, outcome.error) == (
                source.sha256,
                source.names,
                "ValueError: test failure on FAILTRIGGER_VALUE",
            )
        else:  # the same record as when the document is extracted on its own
            assert json.dumps(outcome, sort_keys=True) == json.dumps(extract_isolated(nlp, [source])[0], sort_keys=True)


@pytest.mark.parametrize(
    "marker, error",
    [
        ("FAILTRIGGER_MEMORY", MemoryError),
        ("FAILTRIGGER_INTERRUPT", KeyboardInterrupt),
        ("FAILTRIGGER_EXIT", SystemExit),
    ],
)
def test_running_out_of_memory_or_being_stopped_is_not_a_document_failure(failing_model, marker, error):
    nlp = pipeline_for(failing_model)
    with pytest.raises(error):
        extract_isolated(nlp, sources(FIRST, f"IOM in Laos. {marker}\n", SECOND))


def test_the_reason_names_the_error_in_one_line():
    try:
        raise ValueError("bad\noffsets   in\tchunk 3")
    except ValueError as error:
        failed = ExtractionFailed.of(SourceDocument.from_text("a.txt", "x"), error)
    assert failed.reason.startswith("extraction failed (ValueError: bad offsets in chunk 3); run again with --debug")
    assert "\n" not in failed.reason and "raise ValueError" in failed.traceback


def test_a_copy_found_after_the_failure_is_skipped_too(failing_model, corpus, tmp_path):
    """Files read after their bytes failed (a later batch) are skipped with the same reason, never extracted."""
    many = tmp_path / "many"
    many.mkdir()
    shutil.copy(corpus / BAD[0], many / "00-bad.txt")
    for index in range(10):  # past the first batch of 8
        (many / f"{index + 1:02d}-good.txt").write_text(f"Report {index}. " + FIRST, encoding="utf-8")
    shutil.copy(corpus / BAD[0], many / "99-late-copy.txt")
    summary = build_corpus([many], tmp_path / "out", model=failing_model)
    assert [s.path for s in summary.skipped] == [str(many / "00-bad.txt"), str(many / "99-late-copy.txt")]
    assert (summary.extracted, len(summary.documents)) == (10, 10)
