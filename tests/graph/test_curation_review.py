"""``tipgraph review DIR``: what most needs a human look, with its evidence, and as ready-to-edit decisions."""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

import networkx as nx
from typer.testing import CliRunner

from tipgraph.graph.build.corpus import build_corpus
from tipgraph.graph.cli.main import app
from tipgraph.graph.curation.decisions import parse_decisions
from tipgraph.graph.curation.review import initials, merge_candidates, uncertain_entities
from tipgraph.graph.model.nx import load_graph, statement_edges
from tipgraph.graph.model.rdf import read_turtle
from tipgraph.ontology.namespace import TG, TGR

from ..conftest import SEEDS, SHARED_EVAL

runner = CliRunner()
MPS_VN, MPS_CN = "tgr:agency/ministry-of-public-security-vn", "tgr:agency/ministry-of-public-security-cn"


def test_review_lists_a_known_merge_candidate_and_the_least_confident_statement(seeds_build):
    _, out = seeds_build
    graph = load_graph(out / "graph.json")
    least = min((attrs for *_, attrs in statement_edges(graph)), key=lambda a: (a["confidence"], a["statement"]))
    result = runner.invoke(app, ["review", str(out)])
    assert result.exit_code == 0, result.output
    text = result.output
    merges = text[text.index("Merge candidates") : text.index("Low-confidence statements")]
    # the two ministries share a name and a class in two countries: a reviewer must say whether they are one
    assert "one name and class ('Ministry of Public Security', Agency) in two countries (CN, VN)" in merges
    assert MPS_VN in merges and MPS_CN in merges
    statements = text[text.index("Low-confidence statements") : text.index("Uncertain entities")]
    first = statements.splitlines()[1:4]
    assert first[0].startswith(f"  1. confidence {least['confidence']:.2f}: {least['relation']} ")
    assert "tgr:statement/" + least["statement"].split("/statement/")[1] in first[1]
    assert " ".join(least["evidence"].split()) in first[2]  # with its evidence


def test_review_yaml_is_commented_decisions_that_work_once_uncommented(seeds_build, tmp_path):
    _, out = seeds_build
    result = runner.invoke(app, ["review", str(out), "--format", "yaml"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert parse_decisions(result.output) == []  # all commented out: a file that does nothing yet
    # the reviewer agrees with the first merge and the first statement: uncomment those two lines
    merge = next(line for line in lines if line.startswith("# - merge:") and MPS_VN in line)
    reject = next(line for line in lines if line.startswith("# - reject: {statement:"))
    chosen = [line.removeprefix("# ") for line in (merge, reject)]
    decisions = parse_decisions("\n".join(chosen))
    assert [d.kind for d in decisions] == ["merge", "reject"]

    build = tmp_path / "out"
    shutil.copytree(out / ".cache", build / ".cache")
    (build / "corrections.yaml").write_text("\n".join(chosen) + "\n", encoding="utf-8")
    summary = build_corpus([SEEDS], build)
    assert summary.cached == 5 and not summary.curation.stale
    graph = read_turtle(build / "graph.ttl")
    assert (TGR[MPS_CN[4:]], None, None) not in graph
    rejected = TGR[decisions[1].body["statement"][4:]]
    assert (rejected, None, None) not in graph
    assert (None, TG.rejected, rejected) in graph


def test_an_acronym_that_spells_another_nodes_initials_is_a_merge_candidate():
    graph = nx.MultiDiGraph()
    graph.add_node(
        "a",
        label="National Committee for Child Protection",
        cls="Agency",
        aliases=[],
        documents=["one.txt"],
        mentions=4,
        country="KH",
    )
    graph.add_node("b", label="NCCP", cls="Agency", aliases=[], documents=["two.txt"], mentions=1, country="KH")
    graph.add_node("c", label="NCCP", cls="Agency", aliases=[], documents=["one.txt"], mentions=1, country="KH")
    assert initials("National Committee for Child Protection") == "NCCP"
    items = merge_candidates(graph)
    reasons = {(item.reason, tuple(item.decisions)) for item in items}
    assert (
        "'NCCP' spells the initials of 'National Committee for Child Protection'",
        ('- merge: ["a", "b"]', '- distinct: ["a", "b"]'),
    ) in reasons
    # b and c are one name in two documents; a and c are in one document only: no cross-document candidate
    assert any(item.reason == "both are called 'NCCP'" for item in items)
    assert not any(item.decisions[0] == '- merge: ["a", "c"]' for item in items)


def test_a_single_mention_whose_name_reads_like_another_class_is_uncertain():
    graph = nx.MultiDiGraph()
    graph.add_node("x", label="Coastal Fisheries Department", cls="NGO", aliases=[], documents=["one.txt"], mentions=1)
    graph.add_node(
        "y", label="Coastal Fisheries Department", cls="Agency", aliases=[], documents=["one.txt"], mentions=3
    )
    graph.add_node("z", label="Harbour Watch", cls="NGO", aliases=[], documents=["two.txt"], mentions=1)
    items = uncertain_entities(graph, doubted={("two.txt", "Harbour Watch")})
    assert [item.reason for item in items] == [
        "'Harbour Watch' (NGO): the entity check doubted it",
        "'Coastal Fisheries Department' (NGO): its name reads like Agency",
    ]
    assert items[1].decisions[0].startswith('- retype: {node: "x", class: Agency}')


def test_review_of_a_folder_without_a_build_is_one_clear_error(tmp_path):
    result = runner.invoke(app, ["review", str(tmp_path)])
    assert result.exit_code == 1
    assert f"error: {tmp_path}: no graph.json or graph.ttl" in result.output


def test_the_readme_workflow_runs_as_written(tmp_path):
    """The five lines of the README's curation workflow, run in a scratch folder (the editor is a line uncommented)."""
    text = (SEEDS.parent / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- curation-workflow -->\n```sh\n", 1)[1].split("```", 1)[0]
    lines = [line.split("#", 1)[0].strip() for line in block.strip().splitlines()]
    assert len(lines) == 5
    more = tmp_path / "more-docs"
    more.mkdir()
    for path in sorted((SHARED_EVAL / "dev" / "docs").glob("*.txt"))[:2]:
        shutil.copy(path, more / path.name)
    places = {"seeds": str(SEEDS), "build": str(tmp_path / "build"), "more-docs": str(more)}
    corrections = tmp_path / "build" / "corrections.yaml"
    for number, line in enumerate(lines, 1):
        command, *words = shlex.split(line)
        words = [command, words[0]] + [places.get(w, w.replace("build/", places["build"] + "/")) for w in words[1:]]
        if Path(words[0]).name != "tipgraph":  # the editor: the reviewer agrees with the first statement to reject
            edited = corrections.read_text(encoding="utf-8").replace(
                "# - reject: {statement:", "- reject: {statement:", 1
            )
            corrections.write_text(edited, encoding="utf-8")
            continue
        target = words[words.index(">>") + 1] if ">>" in words else None
        words = words[1 : words.index(">>")] if target else words[1:]
        result = runner.invoke(app, words)
        assert result.exit_code == 0, f"line {number}: {result.output}"
        if target:
            with open(target, "a", encoding="utf-8") as handle:
                handle.write(result.output)
        if number >= 4:
            assert "1 applied, 0 stale" in result.output, f"line {number}: {result.output}"
    (decision,) = parse_decisions(corrections.read_text(encoding="utf-8"))
    graph = read_turtle(tmp_path / "build" / "graph.ttl")
    assert (TGR[decision.body["statement"][4:]], None, None) not in graph


def test_what_a_reviewer_settled_is_not_listed_again(seeds_build, tmp_path):
    _, out = seeds_build
    graph = load_graph(out / "graph.json")
    least = min((attrs for *_, attrs in statement_edges(graph)), key=lambda a: (a["confidence"], a["statement"]))
    statement = "tgr:statement/" + least["statement"].split("/statement/")[1]
    build = tmp_path / "out"
    shutil.copytree(out / ".cache", build / ".cache")
    (build / "corrections.yaml").write_text(
        f'- distinct: ["{MPS_VN}", "{MPS_CN}"]\n  note: two countries, two ministries\n- confirm: {{statement: "{statement}"}}\n',
        encoding="utf-8",
    )
    summary = build_corpus([SEEDS], build)
    assert len(summary.curation.applied) == 2 and not summary.curation.stale
    settled = load_graph(build / "graph.json")
    assert settled.nodes[str(TGR[MPS_VN[4:]])]["distinct_from"] == [str(TGR[MPS_CN[4:]])]
    text = runner.invoke(app, ["review", str(build)]).output
    assert MPS_CN not in text and statement not in text
    assert statement in runner.invoke(app, ["review", str(out)]).output  # listed before the decision
