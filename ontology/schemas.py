"""Word lists and tables as data, checked against their JSON Schema when they are loaded.

Every data file a rule reads (``patterns.json``, ``naming.json``) has a
schema beside it (``*.schema.json``) that names each of its keys and the
shape of its value; a key the schema does not know (a typo, a list no code
reads any more) is an error, as is a list where a table belongs.

>>> schema = {"type": "object", "properties": {"words": {"type": "array"}}, "additionalProperties": False}
>>> check({"words": ["a"]}, schema, "x.json")
>>> try:
...     check({"wrods": ["a"]}, schema, "x.json")
... except DataFileError as error:
...     print(error)
x.json: Additional properties are not allowed ('wrods' was unexpected)
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema


class DataFileError(ValueError):
    """A data file does not match its schema: the message names the file, the key and the reason."""


@cache
def _schema(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def schema(path: str | Path) -> dict[str, Any]:
    """The schema file ``path``, read once per process."""
    return _schema(Path(path))


def check(data: Any, schema: dict[str, Any], name: str) -> None:
    """Raise :class:`DataFileError` (one line: file, key path, reason) unless ``data`` matches ``schema``."""
    error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(data))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path)
        raise DataFileError(f"{name}: {where + ': ' if where else ''}{error.message.splitlines()[0]}")


def load_checked(path: str | Path, schema: str | Path) -> Any:
    """The JSON file ``path``, checked against the schema file ``schema``."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise DataFileError(f"{path}: {error}") from error
    check(data, _schema(Path(schema)), str(path))
    return data
