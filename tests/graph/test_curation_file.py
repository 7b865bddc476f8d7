"""The corrections file as a contract: schema errors name the file, the line and the reason; stale
decisions are reported (errors with --strict); contradicting decisions are refused naming both lines."""

from __future__ import annotations

import shutil
import textwrap

import pytest
from typer.testing import CliRunner

from tipgraph.extractors.records import CooperationRecord, DocumentRecord, EntityRecord, Evidence, Mention
from tipgraph.graph.cli.main import app
from tipgraph.graph.curation import ConflictingDecisions, CorrectionsError, apply_corrections
from tipgraph.graph.curation.decisions import parse_decisions
from tipgraph.graph.model.rdf import read_turtle
from tipgraph.graph.resolve import resolve_corpus
from tipgraph.ontology.namespace import TG

from ..conftest import SEEDS

runner = CliRunner()

# A fresh two-document corpus in the genre, as records (no model needed).
NOTE_A = "The Hill Tribe Legal Clinic and the Provincial Labour Office opened a joint hotline for migrant workers."
STATEMENT = "tgr:statement/aaaaaaaaaaaaaaaaaaaa/cooperation-0"  # the one statement of note-a.txt
NOTE_B = "Lawyers of the Hill Tribe Legal Clinic visited the Provincial Labour Office again in June."


def _entity(key, label, cls, text, country="TH"):
    start = text.index(label)
    return EntityRecord(key, label, cls, mentions=[Mention(label, start, start + len(label))], country=country)


def small_corpus():
    a = DocumentRecord(
        ["note-a.txt"],
        "a" * 64,
        entities=[
            _entity("e0", "Hill Tribe Legal Clinic", "NGO", NOTE_A),
            _entity("e1", "Provincial Labour Office", "Agency", NOTE_A),
        ],
        relations=[CooperationRecord(["e0", "e1"], Evidence(NOTE_A, 0, len(NOTE_A)), confidence=0.9)],
    )
    b = DocumentRecord(
        ["note-b.txt"],
        "b" * 64,
        entities=[
            _entity("e0", "Hill Tribe Legal Clinic", "NGO", NOTE_B),
            _entity("e1", "Provincial Labour Office", "Agency", NOTE_B),
        ],
    )
    return resolve_corpus([a, b])


def apply(text, corpus=None, texts=None):
    texts = texts or {"a" * 64: NOTE_A, "b" * 64: NOTE_B}
    return apply_corrections(
        corpus or small_corpus(), parse_decisions(text, "corrections.yaml"), "corrections.yaml", texts.get
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("- merge: [Hill Tribe Legal Clinic]\n", "corrections.yaml:1: merge: needs at least 2 item(s), has 1"),
        (
            "- alias: {node: X, add: [Y]}\n- retype: {node: X, class: Charity}\n",
            "corrections.yaml:2: retype.class: 'Charity' is not one of the ontology's classes",
        ),
        ("- rename:\n    node: X\n    label: 7\n", "corrections.yaml:3: rename.label: 7 is not of type 'string'"),
        (
            "- reject: {statement: tgr:agency/x}\n",
            "corrections.yaml:1: reject.statement: 'tgr:agency/x' is not a statement IRI",
        ),
        (
            "- reject: {node: X, statement: tgr:statement/a/b-1}\n",
            "corrections.yaml:1: reject: {'node': 'X', 'statement': 'tgr:statement/a/b-1'} has too many properties",
        ),
        ("- country: {node: X, country: Vietnam}\n", "corrections.yaml:1: country.country: 'Vietnam' does not match"),
        ("- merge: [A, B]\n  date: last week\n", "corrections.yaml:2: date: 'last week' is not a date (YYYY-MM-DD)"),
        ("- merge: [A, B]\n  rename: {node: A, label: B}\n", "corrections.yaml:1: a decision has exactly one of"),
        ("- mrege: [A, B]\n", "corrections.yaml:1: unknown key 'mrege'"),
        ("merge: [A, B]\n", "corrections.yaml:1: a corrections file is a YAML list of decisions"),
        ("- merge: [A, B\n- alias: {node: A, add: [C]}\n", "corrections.yaml:2: not valid YAML"),
        (
            "- add: {statement: {type: funding, funder: A, source: s.txt, evidence: e}}\n",
            "corrections.yaml:1: add.statement: 'recipient' is a required property",
        ),
        (
            "- add: {statement: {type: cooperation, participants: [A, B], origin: [C], source: s.txt, evidence: e}}\n",
            "corrections.yaml:1: add.statement: has fields of another statement type",
        ),
    ],
)
def test_a_bad_file_is_one_line_naming_the_file_the_line_and_the_reason(text, message):
    with pytest.raises(CorrectionsError) as caught:
        parse_decisions(text, "corrections.yaml")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_an_unknown_country_code_is_an_error_of_the_file():
    with pytest.raises(CorrectionsError, match=r"corrections.yaml:1: country: 'QQ' is not a country code"):
        apply("- country: {node: Hill Tribe Legal Clinic, country: QQ}\n")


@pytest.mark.parametrize(
    ("text", "lines", "reason"),
    [
        (
            "- merge: [Hill Tribe Legal Clinic, Provincial Labour Office]\n- alias: {node: X, add: [Y]}\n- split: {node: Provincial Labour Office, documents: [note-b.txt], as: Labour Office B}\n",
            (3, 1),
            "is merged there",
        ),
        (
            "- retype: {node: Hill Tribe Legal Clinic, class: Agency}\n- retype: {node: tgr:agency/hill-tribe-legal-clinic-th, class: InternationalOrganization}\n",
            (2, 1),
            "cannot be both 'Agency' and 'InternationalOrganization'",
        ),
        (
            "- reject: {node: Provincial Labour Office}\n- alias: {node: Provincial Labour Office, add: [PLO]}\n",
            (2, 1),
            "is rejected there",
        ),
        (
            "- rename: {node: Provincial Labour Office, label: Labour Office}\n- reject: {node: Labour Office}\n",
            (2, 1),
            "is corrected there",
        ),
        (
            "- distinct: [Hill Tribe Legal Clinic, Provincial Labour Office]\n- merge: [Provincial Labour Office, Hill Tribe Legal Clinic]\n",
            (2, 1),
            "it keeps apart the nodes this merges",
        ),
        (
            "- merge: [Provincial Labour Office, Hill Tribe Legal Clinic]\n- distinct: [Hill Tribe Legal Clinic, Provincial Labour Office]\n",
            (2, 1),
            "it merges the nodes this keeps apart",
        ),
        (
            "- confirm: {node: Provincial Labour Office}\n- reject: {node: Provincial Labour Office}\n",
            (2, 1),
            "is corrected there",
        ),
        (
            f"- confirm: {{statement: {STATEMENT}}}\n- reject: {{statement: {STATEMENT}}}\n",
            (2, 1),
            "it confirms the statement this rejects",
        ),
        (
            f"- reject: {{statement: {STATEMENT}}}\n- confirm: {{statement: {STATEMENT}}}\n",
            (2, 1),
            "it removes the statement this confirms",
        ),
    ],
)
def test_contradicting_decisions_are_refused_naming_both_lines(text, lines, reason):
    with pytest.raises(ConflictingDecisions) as caught:
        apply(text)
    later, earlier = lines
    assert str(caught.value).startswith(f"corrections.yaml:{later}: ")
    assert f"corrections.yaml:{earlier} (" in str(caught.value)
    assert reason in str(caught.value)


def test_a_missing_target_is_stale_and_the_rest_applies():
    curated = apply(
        "- alias: {node: Hill Tribe Legal Clinic, add: [HTLC]}\n"
        "- reject: {node: Mountain Rescue Service}\n"
        "- reject: {statement: tgr:statement/cccccccccccccccccccc/cooperation-0}\n"
        "- add: {statement: {type: cooperation, participants: [Hill Tribe Legal Clinic, Provincial Labour Office], source: note-b.txt, evidence: Lawyers met the governor.}}\n"
    )
    assert [str(s) for s in curated.report.stale] == [
        "corrections.yaml:2: stale reject: no node is named 'Mountain Rescue Service'",
        "corrections.yaml:3: stale reject: no statement tgr:statement/cccccccccccccccccccc/cooperation-0 in this build (its document changed or is no longer read)",
        "corrections.yaml:4: stale add: the evidence does not stand word for word in note-b.txt",
    ]
    clinic = next(node for node in curated.entities.values() if node.label == "Hill Tribe Legal Clinic")
    assert "HTLC" in clinic.aliases


def test_a_split_moves_a_documents_mentions_and_its_statements_follow():
    curated = apply("- split: {node: Provincial Labour Office, documents: [note-a.txt], as: Labour Hotline Office}\n")
    by_label = {node.label: node for node in curated.entities.values()}
    assert set(by_label["Labour Hotline Office"].documents) == {"a" * 64}
    assert set(by_label["Provincial Labour Office"].documents) == {"b" * 64}
    ((document, relation, _),) = curated.statements()
    assert {curated.node_of[(document.sha256, key)] for key in relation.participants} == {
        by_label["Labour Hotline Office"].id,
        by_label["Hill Tribe Legal Clinic"].id,
    }


def test_rejecting_one_of_three_participants_keeps_the_cooperation_of_the_others():
    text = "The clinic, the labour office and the Migrant Desk held a joint training."
    doc = DocumentRecord(
        ["note-c.txt"],
        "c" * 64,
        entities=[
            EntityRecord("e0", "Hill Tribe Legal Clinic", "NGO"),
            EntityRecord("e1", "Provincial Labour Office", "Agency"),
            EntityRecord("e2", "Migrant Desk", "Agency"),
        ],
        relations=[CooperationRecord(["e0", "e1", "e2"], Evidence(text, 0, len(text)))],
    )
    curated = apply("- reject: {node: Migrant Desk}\n", resolve_corpus([doc]))
    ((_, relation, iri),) = curated.statements()
    assert relation.participants == ["e0", "e1"]
    assert iri in curated.report.applied[0].statements  # marked as corrected


# ---------------------------------------------------------------- on the seeds, through the CLI


@pytest.fixture
def seeds_copy(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, docs / path.name)
    out = tmp_path / "out"
    result = runner.invoke(app, ["build", str(docs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    return docs, out


def test_a_decision_whose_document_changed_is_reported_stale_and_strict_makes_it_an_error(seeds_copy, tmp_path):
    docs, out = seeds_copy
    graph = read_turtle(out / "graph.ttl")
    document = next(
        d
        for d in graph.subjects(TG.sha256, None)
        if "004_e37529739da23d78.txt" in {str(n) for n in graph.objects(d, None)}
    )
    statement = next(graph.subjects(TG.source, document))
    corrections = tmp_path / "review.yaml"
    corrections.write_text(f'- reject: {{statement: "{statement}"}}\n  note: wrong reading\n', encoding="utf-8")
    result = runner.invoke(app, ["build", str(docs), "--out", str(out), "--corrections", str(corrections)])
    assert result.exit_code == 0, result.output
    assert f"corrections {corrections}: 1 applied, 0 stale" in result.output
    assert (statement, None, None) not in read_turtle(out / "graph.ttl")

    with open(docs / "004_e37529739da23d78.txt", "a", encoding="utf-8") as handle:
        handle.write("\nA later paragraph added by the editors changes the document.\n")
    result = runner.invoke(app, ["build", str(docs), "--out", str(out), "--corrections", str(corrections)])
    assert result.exit_code == 0, result.output
    assert f"{corrections}:1: stale reject: no statement" in result.output
    written = (out / "graph.ttl").read_bytes()

    (docs / "004_e37529739da23d78.txt").write_text("Another rewrite, with nothing of the old text.\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(docs), "--out", str(out), "--corrections", str(corrections), "--strict"])
    assert result.exit_code == 1
    assert f"{corrections}:1: stale reject" in result.output
    assert "1 correction(s) are stale and --strict is on: nothing written" in result.output
    assert (out / "graph.ttl").read_bytes() == written


def test_a_conflicting_pair_on_the_seeds_is_one_clear_error_and_nothing_is_written(seeds_copy):
    docs, out = seeds_copy
    (out / "corrections.yaml").write_text(
        textwrap.dedent(
            """\
            - merge: ["Vietnam Women's Union", "tgr:agency/security-services-vn"]
            - alias: {node: UNODC, add: [ONUDC]}
            - split: {node: "tgr:agency/security-services-vn", documents: [002_a24de1fa31d7ca3a.txt], as: Security Police}
            """
        ),
        encoding="utf-8",
    )
    written = (out / "graph.ttl").read_bytes()
    result = runner.invoke(app, ["build", str(docs), "--out", str(out)])
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(lines) == 1
    assert f"{out / 'corrections.yaml'}:3: split conflicts with {out / 'corrections.yaml'}:1 (merge)" in lines[0]
    assert (out / "graph.ttl").read_bytes() == written


def test_a_bad_corrections_file_fails_before_any_extraction(seeds_copy, tmp_path):
    docs, out = seeds_copy
    bad = tmp_path / "bad.yaml"
    bad.write_text("- retype: {node: UNODC, class: Charity}\n", encoding="utf-8")
    result = runner.invoke(app, ["build", str(docs), "--out", str(out), "--corrections", str(bad), "--rebuild"])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {bad}:1: retype.class: 'Charity' is not one of")
    missing = runner.invoke(app, ["build", str(docs), "--out", str(out), "--corrections", str(tmp_path / "none.yaml")])
    assert missing.exit_code == 1 and "none.yaml:1: cannot read the corrections file" in missing.output


def test_a_node_is_found_by_every_iri_it_has_had_so_a_page_written_after_a_build_still_applies():
    curated = apply(
        "- retype: {node: Hill Tribe Legal Clinic, class: Agency}\n"
        "- alias: {node: tgr:ngo/hill-tribe-legal-clinic-th, add: [HTLC]}\n"  # the IRI before the retype
        "- alias: {node: tgr:agency/hill-tribe-legal-clinic-th, add: [Legal Clinic]}\n"  # the IRI the build gave it
    )
    assert curated.report.stale == []
    (clinic,) = [node for node in curated.entities.values() if node.label == "Hill Tribe Legal Clinic"]
    assert {"HTLC", "Legal Clinic"} <= clinic.aliases
    assert str(curated.iri_of(clinic.id)).endswith("/agency/hill-tribe-legal-clinic-th")
    assert {str(iri) for iri in curated.revisions[clinic.id]} == {
        "https://w3id.org/tipgraph/resource/ngo/hill-tribe-legal-clinic-th"
    }


def test_a_rename_onto_another_nodes_name_class_and_country_makes_them_one_node():
    text = "Staff of the Labour Office met the clinic."
    doc = DocumentRecord(["note-c.txt"], "c" * 64, entities=[_entity("e0", "Labour Office", "Agency", text)])
    a, b = small_corpus().documents
    curated = apply("- rename: {node: Provincial Labour Office, label: Labour Office}\n", resolve_corpus([a, b, doc]))
    (office,) = [node for node in curated.entities.values() if node.label == "Labour Office"]
    assert set(office.documents) == {"a" * 64, "b" * 64, "c" * 64}
    assert "Provincial Labour Office" in office.aliases
    assert len(curated.entities) == 2


def test_a_name_two_nodes_share_is_stale_until_given_as_an_iri():
    corpus = small_corpus()
    other = DocumentRecord(
        ["note-d.txt"], "d" * 64, entities=[EntityRecord("e0", "Hill Tribe Legal Clinic", "NGO", country="LA")]
    )
    corpus = resolve_corpus([*corpus.documents, other])
    curated = apply(
        "- alias: {node: Hill Tribe Legal Clinic, add: [HTLC]}\n- alias: {node: tgr:ngo/hill-tribe-legal-clinic-la, add: [HTLC Laos]}\n",
        corpus,
    )
    assert [str(s) for s in curated.report.stale] == [
        "corrections.yaml:1: stale alias: 'Hill Tribe Legal Clinic' names 2 nodes (tgr:ngo/hill-tribe-legal-clinic-la, tgr:ngo/hill-tribe-legal-clinic-th): name one by its IRI"
    ]
    assert len(curated.report.applied) == 1
