"""The install is quiet (issue 17): every folder of package data is a listed package, as setuptools wants."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from .conftest import ROOT


def folder_of(package: str, folders: dict[str, str]) -> Path:
    prefix = max((p for p in folders if package == p or package.startswith(p + ".")), key=len)
    return ROOT / folders[prefix] / Path(*package[len(prefix) :].split(".")[1:])


def test_every_folder_of_package_data_is_a_listed_package():
    """setuptools prints a screenful ("Package would be ignored") for each such folder that is not listed."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    packages, folders = set(config["packages"]), config["package-dir"]
    missing = set()
    for package, patterns in config["package-data"].items():
        root = folder_of(package, folders)
        for pattern in patterns:
            for path in root.glob(pattern):
                parts = path.parent.relative_to(root).parts
                if path.is_file() and parts and all(re.fullmatch(r"[A-Za-z_]\w*", part) for part in parts):
                    name = ".".join([package, *parts])
                    if name not in packages:
                        missing.add(name)
    assert not missing, f"add to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"


def test_the_makefile_silences_the_editable_install_notice():
    assert 'PYTHONWARNINGS="ignore:Editable installation"' in (ROOT / "Makefile").read_text(encoding="utf-8")
