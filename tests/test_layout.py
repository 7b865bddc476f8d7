"""The layout is a contract too: one ``tipgraph`` namespace, data flowing one way, no cycles."""

from __future__ import annotations

import ast
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import tipgraph.extractors
import tipgraph.graph
import tipgraph.ontology

from .conftest import ROOT
from .test_packaging import folder_of

PACKAGES = {
    "tipgraph.extractors": tipgraph.extractors,
    "tipgraph.graph": tipgraph.graph,
    "tipgraph.ontology": tipgraph.ontology,
}


def modules() -> dict[str, Path]:
    """Every module of the three packages, by its dotted name under ``tipgraph``."""
    found = {}
    for name, package in PACKAGES.items():
        folder = Path(package.__file__).parent
        for path in folder.rglob("*.py"):
            parts = list(path.relative_to(folder).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join([name, *parts])] = path
    return found


def imports_of(path: Path, name: str) -> set[str]:
    """The ``tipgraph`` modules that ``path`` imports anywhere (function bodies included)."""
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(
                    package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                )
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
    return {m for m in found if m.startswith("tipgraph.")}


def test_the_folders_install_under_the_tipgraph_namespace_only(tmp_path):
    script = "import importlib.util, sys; print([n for n in ('graph', 'extractors', 'ontology') if importlib.util.find_spec(n)])"
    out = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    assert Path(tipgraph.graph.__file__).parent == ROOT / "graph"


def test_every_package_folder_is_declared_in_pyproject():
    declared = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {name for name, path in modules().items() if path.name == "__init__.py"}
    assert folders <= declared
    # The rest are folders of data, declared so that setuptools installs them quietly (tests/test_packaging.py).
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    assert not [p for p in declared - folders if list(folder_of(p, config["package-dir"]).glob("*.py"))]


@pytest.mark.parametrize(
    "module",
    [
        "tipgraph.extractors.ingest.reading",
        "tipgraph.extractors.ingest.cleaning",
        "tipgraph.graph.sparql.query",
        "tipgraph.graph.exports",
        "tipgraph.graph.validate",
        "tipgraph.graph.model.nx",
        "tipgraph.graph.view.html",
    ],
)
def test_reading_files_and_the_graph_side_do_not_import_spacy(module):
    script = f"import sys, {module}; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_no_module_imports_itself_back():
    known = modules()
    edges = {name: {m for m in imports_of(path, name) if m in known and m != name} for name, path in known.items()}
    # a package's __init__ importing its own modules is not a cycle of the code
    for name in edges:
        edges[name] = {m for m in edges[name] if not (known[name].name == "__init__.py" and m.startswith(name + "."))}
        edges[name] = {m for m in edges[name] if not (known[m].name == "__init__.py" and name.startswith(m + "."))}
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(edges[node]):
            if state.get(nxt) == 1:
                cycles.append(path[path.index(nxt) :] + [nxt] if nxt in path else [node, nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = 2

    for start in sorted(edges):
        if start not in state:
            visit(start, [start])
    assert not cycles, cycles


def _source_files():
    for folder in ("extractors", "graph", "ontology"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            yield path.relative_to(ROOT).as_posix(), path


def test_modules_and_functions_stay_small():
    too_long = []
    for relative, path in _source_files():
        text = path.read_text(encoding="utf-8")
        if len(text.splitlines()) > 400:
            too_long.append(f"{relative}: {len(text.splitlines())} lines")
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.end_lineno - node.lineno >= 60:
                too_long.append(f"{relative}:{node.lineno} {node.name}: {node.end_lineno - node.lineno + 1} lines")
    assert not too_long, too_long


def test_complexity_is_capped_at_15_with_no_exceptions():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["ruff"]["lint"]
    assert "C90" in config["select"] and config["mccabe"]["max-complexity"] == 15
    exempted = [
        f"{path.relative_to(ROOT)}:{number}"
        for folder in ("extractors", "graph", "ontology", "benchmarks", "tests")
        for path in (ROOT / folder).rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "noqa: C901" in line and path.name != "test_layout.py"
    ]
    assert not exempted, exempted
