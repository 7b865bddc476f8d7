"""Rebuilds extract only what changed: the per-document record cache under OUT/.cache."""

from __future__ import annotations

import hashlib
import json
import shutil

import pytest
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF
from typer.testing import CliRunner

from tipgraph.extractors.pipeline import DEFAULT_MODEL, pipeline_fingerprint
from tipgraph.graph.build import parallel
from tipgraph.graph.build.cache import CACHE_DIR, RecordCache, model_fingerprint, prune_cache
from tipgraph.graph.build.corpus import build_corpus
from tipgraph.graph.build.inputs import InputNotFound, InputsShrank
from tipgraph.graph.build.progress import BuildReporter
from tipgraph.graph.cli.main import app
from tipgraph.graph.model.rdf import read_turtle
from tipgraph.ontology.namespace import TG

from ..conftest import SEEDS

# Ten new documents in the genre, each naming other countries and bodies.
ADDED = [
    f"{org} and the Ministry of Labour of {country} cooperate on the return of trafficking victims. "
    f"Women from {country} are trafficked to {destination} for forced labour in garment factories."
    for org, country, destination in [
        ("IOM", "Laos", "Thailand"),
        ("UNICEF", "Cambodia", "Malaysia"),
        ("UNODC", "Nepal", "India"),
        ("IOM", "Myanmar", "China"),
        ("UNICEF", "Nigeria", "Italy"),
        ("UNODC", "Moldova", "Turkey"),
        ("IOM", "Ukraine", "Poland"),
        ("UNICEF", "Ethiopia", "Lebanon"),
        ("UNODC", "Bangladesh", "Qatar"),
        ("IOM", "Guatemala", "Mexico"),
    ]
]


class Outcomes(BuildReporter):
    """Counts what became of each file, as the CLI's progress bar sees it."""

    def __init__(self):
        self.total = None
        self.outcomes: dict[str, str] = {}

    def start(self, total):
        self.total = total

    def advance(self, name, outcome):
        self.outcomes[name] = outcome

    def count(self, outcome):
        return sum(1 for o in self.outcomes.values() if o == outcome)


@pytest.fixture(scope="module")
def cold(tmp_path_factory):
    """A cold build of a copy of the seeds: (documents folder, output folder)."""
    docs = tmp_path_factory.mktemp("docs")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, docs / path.name)
    out = tmp_path_factory.mktemp("out")
    reporter = Outcomes()
    summary = build_corpus([docs], out, progress=reporter)
    assert (summary.extracted, summary.cached) == (5, 0)
    assert reporter.total == 5 and reporter.count("extracted") == 5
    return docs, out


@pytest.fixture
def built(cold, tmp_path):
    """A private copy of the cold build's documents and output (cache included)."""
    docs, out = cold
    shutil.copytree(docs, tmp_path / "docs")
    shutil.copytree(out, tmp_path / "out")
    return tmp_path / "docs", tmp_path / "out"


@pytest.fixture
def no_model(monkeypatch):
    """Fail the test if the build asks for the spaCy pipeline."""

    def refuse(model):
        raise AssertionError("the model was loaded although every document is cached")

    monkeypatch.setattr(parallel, "pipeline_for", refuse)


def document_names(rdf):
    return {str(n) for d in rdf.subjects(RDF.type, TG.Document) for n in rdf.objects(d, DCTERMS.identifier)}


def test_an_unchanged_corpus_is_rebuilt_from_the_cache_without_the_model(built, no_model, seeds_rdf):
    docs, out = built
    reporter = Outcomes()
    summary = build_corpus([docs], out, progress=reporter)
    assert (summary.extracted, summary.cached) == (0, 5)
    assert reporter.count("cached") == 5
    assert isomorphic(read_turtle(out / "graph.ttl"), seeds_rdf)


def test_ten_added_documents_are_the_only_ones_extracted(built, tmp_path):
    docs, out = built
    for index, text in enumerate(ADDED):
        (docs / f"added_{index}.txt").write_text(text, encoding="utf-8")
    reporter = Outcomes()
    summary = build_corpus([docs], out, progress=reporter)
    assert (summary.extracted, summary.cached) == (10, 5)
    assert {name for name, o in reporter.outcomes.items() if o == "extracted"} == {f"added_{i}.txt" for i in range(10)}
    build_corpus([docs], tmp_path / "scratch")
    assert isomorphic(read_turtle(out / "graph.ttl"), read_turtle(tmp_path / "scratch" / "graph.ttl"))


def test_a_changed_document_is_extracted_again(built):
    docs, out = built
    changed = docs / "003_b65baa20bd05a1e3.txt"
    sentence = "\n\nUNICEF cooperates with the Ministry of Labour of Laos on victim shelters.\n"
    changed.write_text(changed.read_text(encoding="utf-8") + sentence, encoding="utf-8")
    summary = build_corpus([docs], out)
    assert (summary.extracted, summary.cached) == (1, 4)
    rdf = read_turtle(out / "graph.ttl")
    hashes = {str(h) for h in rdf.objects(None, TG.sha256)}
    assert hashlib.sha256(changed.read_bytes()).hexdigest() in hashes
    assert hashlib.sha256((SEEDS / changed.name).read_bytes()).hexdigest() not in hashes  # the old version is gone
    assert len(hashes) == 5


def test_a_removed_document_leaves_the_graph_and_only_cache_prune_drops_its_record(built, no_model):
    docs, out = built
    removed = docs / "000_d7ebc8095375f6f8.txt"
    removed.unlink()
    summary = build_corpus([docs], out)
    assert (summary.extracted, summary.cached) == (0, 4)
    rdf = read_turtle(out / "graph.ttl")
    assert removed.name not in document_names(rdf)
    assert len(list((out / CACHE_DIR).glob("*.json"))) == 5  # the build never prunes
    assert prune_cache(out) == (1, 4)
    assert len(list((out / CACHE_DIR).glob("*.json"))) == 4


def outputs_and_cache(out):
    return {p.relative_to(out): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_a_mistyped_input_path_is_an_error_that_leaves_outputs_and_cache_untouched(built, no_model):
    docs, out = built
    before = outputs_and_cache(out)
    for paths in ([docs.parent / "docss"], [docs, docs.parent / "unmounted" / "drive"]):
        with pytest.raises(InputNotFound, match="no such file or folder"):
            build_corpus(paths, out)
        assert outputs_and_cache(out) == before


def test_inputs_shrunk_by_more_than_half_need_force_and_keep_the_cache(built, no_model):
    docs, out = built
    before = outputs_and_cache(out)
    one = docs / "001_4e0aea026e92f544.txt"
    with pytest.raises(InputsShrank, match="--force"):
        build_corpus([one], out)
    assert outputs_and_cache(out) == before
    result = CliRunner().invoke(app, ["build", str(one), "--out", str(out)])
    assert result.exit_code == 1 and "the last build into" in result.output and "read 5" in result.output
    assert outputs_and_cache(out) == before
    summary = build_corpus([one], out, force=True)
    assert summary.documents == [one.name]
    assert len(list((out / CACHE_DIR).glob("*.json"))) == 5  # the other four records wait for the next full build
    summary = build_corpus([docs], out, force=True)
    assert (summary.extracted, summary.cached) == (0, 5)


def test_cache_prune_needs_a_build_and_says_what_it_removed(built, tmp_path):
    docs, out = built
    result = CliRunner().invoke(app, ["cache", "prune", str(tmp_path / "empty")])
    assert result.exit_code == 1 and "run tipgraph build first" in result.output
    result = CliRunner().invoke(app, ["cache", "prune", str(out)])
    assert result.exit_code == 0, result.output
    assert "removed 0 cached record(s)" in result.output and "5 in use" in result.output


def test_a_copy_under_another_name_is_one_document_with_both_names(built, no_model):
    docs, out = built
    shutil.copy(docs / "001_4e0aea026e92f544.txt", docs / "copy.txt")
    reporter = Outcomes()
    summary = build_corpus([docs], out, progress=reporter)
    assert (summary.extracted, summary.cached) == (0, 5)
    assert reporter.outcomes["copy.txt"] == "duplicate"
    assert (len(summary.documents), len(summary.files), summary.duplicates) == (5, 6, 1)
    rdf = read_turtle(out / "graph.ttl")
    assert {"001_4e0aea026e92f544.txt", "copy.txt"} <= document_names(rdf)
    assert len(set(rdf.subjects(RDF.type, TG.Document))) == 5


def test_rebuild_extracts_everything_again_and_gives_the_same_graph(built, seeds_rdf):
    docs, out = built
    summary = build_corpus([docs], out, use_cache=False)
    assert (summary.extracted, summary.cached) == (5, 0)
    assert isomorphic(read_turtle(out / "graph.ttl"), seeds_rdf)


@pytest.mark.parametrize(
    "damage",
    [
        lambda text: text[: len(text) // 2],  # cut short (written by something other than atomic_write)
        lambda text: "",
        lambda text: json.dumps(
            {"key": "0:another-model:9.9:0", "record": json.loads(text)["record"]}
        ),  # another pipeline
        lambda text: json.dumps({"key": json.loads(text)["key"], "record": {"names": ["x"]}}),  # another schema
    ],
)
def test_a_damaged_or_foreign_cache_entry_is_extracted_again(built, damage, seeds_rdf):
    docs, out = built
    entry = sorted((out / CACHE_DIR).glob("*.json"))[0]
    entry.write_text(damage(entry.read_text(encoding="utf-8")), encoding="utf-8")
    summary = build_corpus([docs], out)
    assert (summary.extracted, summary.cached) == (1, 4)
    assert isomorphic(read_turtle(out / "graph.ttl"), seeds_rdf)
    assert (
        json.loads(entry.read_text(encoding="utf-8"))["key"] == RecordCache(out, model_fingerprint(DEFAULT_MODEL)).key
    )


def test_the_fingerprint_read_from_the_model_package_is_the_loaded_pipelines(nlp):
    assert model_fingerprint(DEFAULT_MODEL) == pipeline_fingerprint(nlp)


def _with_unknown_class(record):
    record["entities"][0]["cls"] = "Spaceship"
    return "the class 'Spaceship'"


def _with_dangling_key(record):
    relation = next(r for r in record["relations"])
    role = (
        "participants" if relation["kind"] == "cooperation" else "funder" if relation["kind"] == "funding" else "origin"
    )
    relation[role] = ["e999"] if isinstance(relation[role], list) else "e999"
    return "'e999', which is not in the record"


@pytest.mark.parametrize("damage", [_with_unknown_class, _with_dangling_key], ids=["unknown-class", "dangling-key"])
def test_a_cache_record_that_does_not_hold_together_is_dropped_with_a_warning_and_extracted_again(
    built, damage, seeds_rdf
):
    docs, out = built
    entry = next(
        p for p in sorted((out / CACHE_DIR).glob("*.json")) if json.loads(p.read_text())["record"]["relations"]
    )
    data = json.loads(entry.read_text(encoding="utf-8"))
    expected = damage(data["record"])
    entry.write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(app, ["build", str(docs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "warning:" in result.output and "cached record dropped" in result.output and expected in result.output
    assert "extracted 1 documents, 4 from the cache" in result.output
    assert isomorphic(read_turtle(out / "graph.ttl"), seeds_rdf)
    again = build_corpus([docs], out)  # the record was replaced: no warning, nothing to extract
    assert (again.extracted, again.cached, again.warnings) == (0, 5, [])


def test_documents_that_became_unreadable_count_as_shrunk_inputs(built, no_model):
    docs, out = built
    before = outputs_and_cache(out)
    for path in sorted(docs.iterdir())[:3]:
        path.write_bytes(b"\x00\x01\x02PK\x03\x04" * 50)  # overwritten by something that is not text
    with pytest.raises(InputsShrank, match="2 readable document"):
        build_corpus([docs], out)
    assert outputs_and_cache(out) == before
    assert len(build_corpus([docs], out, force=True).documents) == 2
