"""What a build reads: only the documents under the given paths, never its own outputs or files beside them."""

from __future__ import annotations

import json
import os

from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, RDF
from typer.testing import CliRunner

from tipgraph.extractors.ingest.reading import Skipped, collect_files
from tipgraph.graph.build.corpus import build_corpus
from tipgraph.graph.cli.main import app
from tipgraph.graph.model.rdf import read_turtle
from tipgraph.ontology.namespace import TG

# Fresh genre text, in the register of a field report.
SHELTER = (
    "The Ministry of Labour of Cambodia and the International Organization for Migration (IOM) "
    "cooperated on a shelter for women returned from Thailand.\n"
)
FUNDING = "The Government of Australia funded Chab Dai to train border police in Battambang.\n"
PRIVATE = "Notes on sources: the informant in Poipet asked not to be named in any report to UNICEF.\n"


def test_a_build_into_its_own_input_folder_never_reads_its_outputs(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "report.txt").write_text(SHELTER, encoding="utf-8")
    (docs / "graph.json").write_text("{}", encoding="utf-8")  # in the way: an older tipgraph's plain output
    first = build_corpus([docs], docs)
    graph = read_turtle(docs / "graph.ttl")
    for _ in range(2):
        again = build_corpus([docs], docs)
        assert again.files == first.files == [str(docs / "report.txt")]
        assert not again.skipped, again.skipped
        assert isomorphic(read_turtle(docs / "graph.ttl"), graph), "the graph changed: it read its own outputs"


def test_a_link_out_of_the_input_folders_is_skipped_by_name_unless_followed(tmp_path):
    docs, beside = tmp_path / "corpus" / "docs", tmp_path / "private"
    docs.mkdir(parents=True)
    beside.mkdir()
    (docs / "report.txt").write_text(SHELTER, encoding="utf-8")
    (beside / "sources.txt").write_text(PRIVATE, encoding="utf-8")
    (docs / "up").symlink_to("..")  # walks the folder that holds the corpus
    (docs / "sources.txt").symlink_to(beside / "sources.txt")
    (docs / "alias.txt").symlink_to("report.txt")  # stays inside: read (a duplicate)
    items = list(collect_files([docs]))
    read = [item for item in items if not isinstance(item, Skipped)]
    skipped = {os.path.basename(item.path): item.reason for item in items if isinstance(item, Skipped)}
    assert read == [docs / "alias.txt", docs / "report.txt"]
    assert set(skipped) == {"up", "sources.txt"}
    assert all("out of the input folders" in reason and "--follow-symlinks" in reason for reason in skipped.values())
    followed = [item for item in collect_files([docs], follow_symlinks=True) if not isinstance(item, Skipped)]
    assert docs / "sources.txt" in followed
    # two roots: a link from one into the other stays inside the inputs
    other = tmp_path / "other"
    other.mkdir()
    (other / "memo.txt").write_text(FUNDING, encoding="utf-8")
    (docs / "memo.txt").symlink_to(other / "memo.txt")
    assert docs / "memo.txt" in list(collect_files([docs, other]))


def test_the_build_command_reports_the_link_and_keeps_the_file_out_of_the_graph(tmp_path):
    docs, beside = tmp_path / "docs", tmp_path / "private"
    docs.mkdir()
    beside.mkdir()
    (docs / "report.txt").write_text(SHELTER, encoding="utf-8")
    (beside / "sources.txt").write_text(PRIVATE, encoding="utf-8")
    (docs / "sources.txt").symlink_to(beside / "sources.txt")
    result = CliRunner().invoke(app, ["build", str(docs), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert f"skipped {docs / 'sources.txt'}: symbolic link out of the input folders" in result.output
    assert "read 1 documents" in result.output
    result = CliRunner().invoke(app, ["build", str(docs), "--out", str(tmp_path / "out"), "--follow-symlinks"])
    assert result.exit_code == 0, result.output
    assert "read 2 documents" in result.output


def test_two_files_of_one_name_in_two_folders_are_two_documents_by_their_relative_paths(tmp_path):
    docs = tmp_path / "docs"
    for folder, text in (("hanoi", SHELTER), ("phnom-penh", FUNDING)):
        (docs / folder).mkdir(parents=True)
        (docs / folder / "report.txt").write_text(text, encoding="utf-8")
    (docs / "hanoi" / "memo.txt").write_text(PRIVATE, encoding="utf-8")
    out = tmp_path / "out"
    summary = build_corpus([docs], out)
    assert sorted(summary.documents) == ["hanoi/report.txt", "memo.txt", "phnom-penh/report.txt"]
    rdf = read_turtle(out / "graph.ttl")
    identifiers = {str(n) for d in rdf.subjects(RDF.type, TG.Document) for n in rdf.objects(d, DCTERMS.identifier)}
    assert identifiers == {"hanoi/report.txt", "memo.txt", "phnom-penh/report.txt"}
    network = json.loads((out / "graph.json").read_text(encoding="utf-8"))
    on_page = {name for node in network["nodes"] for name in node.get("documents", [])}
    assert {"hanoi/report.txt", "phnom-penh/report.txt"} <= on_page, "the page's document filter would merge them"
