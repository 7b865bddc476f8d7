"""The examples in the packages' docstrings run as tests, beside a build of the seeds.

They are collected from the installed ``tipgraph`` modules (not from the folders, which
would import each module a second time under its folder's name) and run as a user would
run them: in a folder holding ``build/`` (a seeds build, with its record cache) and ``seeds/``.
"""

from __future__ import annotations

import doctest
import importlib
import pkgutil
import shutil

import pytest

import tipgraph.extractors
import tipgraph.graph
import tipgraph.ontology

from .conftest import ROOT, SEEDS

PACKAGES = (tipgraph.extractors, tipgraph.graph, tipgraph.ontology)
# Scripts that regenerate shipped data need extras (iso3166-2, an installed model's sources).
NOT_IMPORTED = {"tipgraph.ontology.build_gazetteers"}


def module_names() -> list[str]:
    names = []
    for package in PACKAGES:
        names.append(package.__name__)
        for info in pkgutil.walk_packages(package.__path__, prefix=package.__name__ + "."):
            names.append(info.name)
    return sorted(set(names) - NOT_IMPORTED)


def docstring_examples() -> list[doctest.DocTest]:
    finder = doctest.DocTestFinder(exclude_empty=True)
    tests = []
    for name in module_names():
        module = importlib.import_module(name)
        tests += [t for t in finder.find(module, name) if t.examples and t.name.startswith(name)]
    return sorted(tests, key=lambda t: t.name)


EXAMPLES = docstring_examples()


def test_the_packages_have_docstring_examples():
    assert len(EXAMPLES) >= 20, [t.name for t in EXAMPLES]


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda t: t.name)
def test_docstring_example(example, seeds_build, tmp_path, monkeypatch):
    _, out = seeds_build
    shutil.copytree(out, tmp_path / "build")  # with its record cache: a rebuild there is quick
    (tmp_path / "seeds").symlink_to(SEEDS)
    (tmp_path / "corpus").symlink_to(ROOT / "corpus")
    monkeypatch.chdir(tmp_path)
    report: list[str] = []
    result = doctest.DocTestRunner().run(example, out=report.append)
    assert result.failed == 0, "".join(report)
