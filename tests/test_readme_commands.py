"""Every command block of the README runs as written (issue 17).

Each ``sh`` line must name a real program the way a user types it from the
repository: ``make TARGET``, ``.venv/bin/tipgraph COMMAND``, ``.venv/bin/python
-m MODULE`` or ``.venv/bin/python SCRIPT`` (a bare ``python`` or ``tipgraph``
is not on a user's PATH, or has no rdflib). The commands that run on this
machine in seconds then run for real, from a scratch copy of the repository's
layout (``.venv``, ``seeds``, a seeds ``build``, ``../shared``), with the
store of the analysts' block started on a free port; the long ones (the
benchmarks, the quality figures) run with ``--help``. The curation workflow
runs in ``tests/graph/test_curation_review.py``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED_EVAL
from .graph.test_store import oxigraph_server  # noqa: F401  (the fixture)

README = (ROOT / "README.md").read_text(encoding="utf-8")
OTHER_MACHINES = "<!-- other-machines -->\n```sh\n"
ELSEWHERE = {"pip", "dask", "cp", "${EDITOR:-vi}", "neo4j-admin"}  # run on other machines, or a user's own tools


def command_lines() -> list[tuple[int, str]]:
    """(block number, command) for each command line of each ``sh`` block."""
    found = []
    for number, match in enumerate(re.finditer(r"```sh\n(.*?)```", README, flags=re.DOTALL)):
        for line in match.group(1).splitlines():
            command = line.split("  #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
            if command:
                found.append((number, command))
    return found


def make_targets() -> set[str]:
    return set(re.findall(r"(?m)^([a-z][\w-]*):", (ROOT / "Makefile").read_text(encoding="utf-8")))


@pytest.mark.parametrize("command", [c for _, c in command_lines()])
def test_each_readme_command_names_a_real_program_as_a_user_types_it(command):
    program, *words = shlex.split(command.replace("${EDITOR:-vi}", "EDITOR"))
    if program == "make":
        assert words[0] in make_targets()
    elif program == ".venv/bin/tipgraph":
        assert words[0] in {"build", "extract", "query", "queries", "push", "validate", "export", "review"}
    elif program == ".venv/bin/python":
        if words[0] == "-m":
            assert importlib.util.find_spec(words[1]) is not None, words[1]
        else:
            assert (ROOT / words[0]).resolve().is_file(), words[0]
    else:
        assert program in ELSEWHERE | {"EDITOR"}, f"write .venv/bin/{program}: {command}"


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory, seeds_build):
    """A folder laid out as the repository is after `make demo`, beside a ../shared."""
    root = tmp_path_factory.mktemp("readme")
    work = root / "tipgraph"
    work.mkdir()
    (work / ".venv").symlink_to(ROOT / ".venv")
    (work / "seeds").symlink_to(ROOT / "seeds")
    (work / "benchmarks").symlink_to(ROOT / "benchmarks")
    shutil.copytree(seeds_build[1], work / "build")
    if SHARED_EVAL.is_dir():
        (root / "shared").mkdir()
        (root / "shared" / "eval").symlink_to(SHARED_EVAL)
    (work / "my-question.rq").write_text(
        "# Agencies by name\nSELECT ?name WHERE { ?x a tg:Agency ; rdfs:label ?name } ORDER BY ?name\n",
        encoding="utf-8",
    )
    return work


def run(command: str, cwd: Path) -> subprocess.CompletedProcess:
    path = os.pathsep.join(p for p in os.environ["PATH"].split(os.pathsep) if ".venv" not in p)  # as a user has it
    return subprocess.run(
        ["bash", "-c", command], cwd=cwd, capture_output=True, text=True, timeout=600, env={**os.environ, "PATH": path}
    )


def runnable_here() -> list[str]:
    """The commands run for real: none that takes minutes, runs on other machines, or waits for an editor."""
    chosen = []
    other = README.index(OTHER_MACHINES)
    for block, match in enumerate(re.finditer(r"```sh\n(.*?)```", README, flags=re.DOTALL)):
        if match.start() > other - 30 and match.start() < other + len(OTHER_MACHINES):
            continue
        for number, command in command_lines():
            if number != block:
                continue
            program, *words = shlex.split(command.replace("${EDITOR:-vi}", "EDITOR"))
            if program == ".venv/bin/python" and words[0] == "-m":
                chosen.append(f".venv/bin/python -m {words[1]} --help")  # the benchmarks take minutes
            elif program == ".venv/bin/python" or (program == ".venv/bin/tipgraph" and words[0] != "build"):
                chosen.append(command)
    return list(dict.fromkeys(chosen))


def test_the_readme_commands_run_as_written(sandbox, oxigraph_server):  # noqa: F811
    port = oxigraph_server.rsplit(":", 1)[1]
    commands = runnable_here()
    assert any("push" in c for c in commands) and any("score.py" in c for c in commands)
    for command in commands:
        if "score.py" in command and not SHARED_EVAL.is_dir():
            continue
        result = run(command.replace("localhost:7878", f"127.0.0.1:{port}"), sandbox)
        assert result.returncode == 0, f"{command}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        assert "error" not in result.stderr.lower(), f"{command}\n{result.stderr[-2000:]}"
    assert (sandbox / "graph.gexf").is_file()


def test_the_neo4j_import_reads_the_files_export_writes_with_their_line_breaks(seeds_build, tmp_path):
    """The exported evidence has line breaks inside quoted fields: the documented import must allow them."""
    import csv

    command = README.split("<!-- neo4j-import -->\n```sh\n", 1)[1].split("```", 1)[0].strip()
    _, out = seeds_build
    result = run(f".venv/bin/tipgraph export {out / 'graph.ttl'} --format csv --out {tmp_path / 'csv'}", ROOT)
    assert result.returncode == 0, result.stderr
    with open(tmp_path / "csv" / "edges.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert any("\n" in row["evidence"] for row in rows), "no multi-line evidence: the option would not matter"
    assert "--multiline-fields=true" in command and '--array-delimiter=";"' in command
    assert "--nodes=csv/nodes.csv" in command and "--relationships=csv/edges.csv" in command
