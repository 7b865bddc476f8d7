"""Reading a corrections file: YAML in, checked :class:`Decision` objects out, each knowing its line.

The file's contract is ``corrections.schema.json`` beside this module (JSON
Schema 2020-12); the classes, relation types, purposes and victim groups it
allows are filled in from the ontology, never restated. Every problem is one
line naming the file, the line and the reason:

>>> import tempfile, os
>>> folder = tempfile.mkdtemp()
>>> path = os.path.join(folder, "corrections.yaml")
>>> _ = open(path, "w").write('- retype: {node: "Liverpool Centre", class: Charity}\\n')
>>> try:
...     load_decisions(path)
... except CorrectionsError as error:
...     print(str(error).replace(folder, "DIR"))
DIR/corrections.yaml:1: retype.class: 'Charity' is not one of the ontology's classes (Agency, NGO, InternationalOrganization, Official, Person, Country, Province, City, Region)
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError, best_match

from tipgraph.extractors.records import CooperationRecord, FundingRecord, RouteRecord
from tipgraph.ontology.namespace import TGR
from tipgraph.ontology.vocabulary import ENTITY_CLASSES, PURPOSE_NAMES, VICTIM_NAMES

KINDS = ("merge", "split", "reject", "retype", "rename", "alias", "country", "add", "confirm", "distinct")
META = ("note", "by", "date")
RELATION_TYPES = tuple(r.__dataclass_fields__["kind"].default for r in (CooperationRecord, FundingRecord, RouteRecord))
DEFAULT_FILE = "corrections.yaml"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser where PyYAML was built with it


class CorrectionsError(ValueError):
    """The corrections file cannot be used: ``FILE:LINE: reason``. Nothing is written."""

    def __init__(self, source: str | Path, line: int, reason: str):
        self.source, self.line, self.reason = str(source), line, reason
        super().__init__(f"{source}:{line}: {reason}")


@dataclass(frozen=True)
class Decision:
    """One item of a corrections file: its ``kind`` (merge, split...), what it says (``body``) and where."""

    kind: str
    body: Any
    line: int
    source: str = DEFAULT_FILE
    note: str | None = None
    by: str | None = None
    date: str | None = None

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}"

    @property
    def digest(self) -> str:
        """12 hex digits of what the decision says (not where): names its IRI, stable across edits elsewhere."""
        text = json.dumps({self.kind: self.body}, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]

    def describe(self) -> str:
        """The decision as one line of YAML (``merge: [A, B]``)."""
        return f"{self.kind}: {json.dumps(self.body, ensure_ascii=False)}"


@cache
def corrections_schema() -> dict:
    """The contract of the corrections file, with the ontology's names filled in."""
    text = resources.files("tipgraph.graph.curation").joinpath("corrections.schema.json").read_text(encoding="utf-8")
    schema = json.loads(text)
    defs = schema["$defs"]
    defs["entityClass"]["enum"] = list(ENTITY_CLASSES)
    defs["relationType"]["enum"] = list(RELATION_TYPES)
    defs["purpose"]["enum"] = [*PURPOSE_NAMES, *PURPOSE_NAMES.values()]
    defs["victimGroup"]["enum"] = [*VICTIM_NAMES, *VICTIM_NAMES.values()]
    return schema


@cache
def _validator(kind: str) -> Draft202012Validator:
    schema = corrections_schema()
    return Draft202012Validator({"$defs": schema["$defs"], "$ref": f"#/$defs/{kind}"})


def load_decisions(path: str | Path) -> list[Decision]:
    """The decisions of the corrections file at ``path``, in file order (raises :class:`CorrectionsError`)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise CorrectionsError(
            path, 1, f"cannot read the corrections file: {getattr(error, 'strerror', None) or error}"
        ) from None
    return parse_decisions(text, path)


def parse_decisions(text: str, source: str | Path = DEFAULT_FILE) -> list[Decision]:
    """The decisions of corrections-file ``text`` (``source`` names it in errors).

    >>> [d.describe() for d in parse_decisions('- alias: {node: UNODC, add: [ONUDC]}\\n  by: ana')]
    ['alias: {"node": "UNODC", "add": ["ONUDC"]}']
    """
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise CorrectionsError(
            source, (mark.line + 1) if mark else 1, f"not valid YAML: {error.problem or error.context}"
        ) from None
    except yaml.YAMLError as error:
        raise CorrectionsError(source, 1, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(root, yaml.SequenceNode):
        raise CorrectionsError(source, 1, "a corrections file is a YAML list of decisions ('- merge: [A, B]' ...)")
    return [_decision(item, node, source) for item, node in zip(data, root.value)]


def _decision(item: Any, node: yaml.Node, source: str | Path) -> Decision:
    line = node.start_mark.line + 1
    item = _plain(item)
    if not isinstance(item, dict):
        raise CorrectionsError(source, line, f"a decision is a mapping such as 'merge: [A, B]', not {item!r}")
    kinds = [key for key in item if key in KINDS]
    unknown = [key for key in item if key not in KINDS and key not in META]
    if unknown:
        raise CorrectionsError(
            source,
            _line_of(node, [unknown[0]]),
            f"unknown key {unknown[0]!r}: a decision is one of {', '.join(KINDS)}, with an optional note, by and date",
        )
    if len(kinds) != 1:
        found = " and ".join(kinds) if kinds else "none"
        raise CorrectionsError(source, line, f"a decision has exactly one of {', '.join(KINDS)} (found {found})")
    kind = kinds[0]
    error = best_match(_validator(kind).iter_errors(item))
    if error is not None:
        raise CorrectionsError(source, _line_of(node, list(error.absolute_path)), _reason(error))
    return Decision(kind, item[kind], line, str(source), item.get("note"), item.get("by"), item.get("date"))


def _plain(value: Any) -> Any:
    """YAML reads ``date: 2026-12-02`` as a date: the schema checks text."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {key: _plain(v) for key, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _reason(error: ValidationError) -> str:
    where = ".".join(str(p) for p in error.absolute_path) or "decision"
    if error.validator == "enum":
        names = {
            tuple(ENTITY_CLASSES): "the ontology's classes",
            RELATION_TYPES: "the relation types",
        }.get(tuple(error.validator_value), "the allowed values")
        allowed = (
            error.validator_value
            if len(error.validator_value) < 12
            else error.validator_value[: len(error.validator_value) // 2]
        )
        return f"{where}: {error.instance!r} is not one of {names} ({', '.join(allowed)})"
    if error.validator == "minItems":
        return f"{where}: needs at least {error.validator_value} item(s), has {len(error.instance)}"
    if error.validator == "not":
        return f"{where}: has fields of another statement type (a {error.instance.get('type')} statement has its own)"
    if error.validator == "pattern" and where.endswith("statement"):
        return f"{where}: {error.instance!r} is not a statement IRI (tgr:statement/...)"
    if error.validator == "pattern" and where.endswith("date"):
        return f"{where}: {error.instance!r} is not a date (YYYY-MM-DD)"
    return f"{where}: {error.message}"


def _line_of(node: yaml.Node, path: list) -> int:
    """The line of the YAML node at ``path`` (keys and indexes), or of the nearest enclosing one."""
    line = node.start_mark.line + 1
    for step in path:
        child = None
        if isinstance(node, yaml.MappingNode):
            child = next((value for key, value in node.value if key.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int) and step < len(node.value):
            child = node.value[step]
        if child is None:
            break
        node, line = child, child.start_mark.line + 1
    return line


def short(iri: str) -> str:
    """``tgr:agency/x`` for an IRI under tgr: (as a corrections file writes it), else the IRI."""
    return "tgr:" + iri[len(str(TGR)) :] if iri.startswith(str(TGR)) else iri


def find_corrections(out_dir: str | Path, corrections: str | Path | None) -> Path | None:
    """The corrections file a build uses: the one given, else ``OUT/corrections.yaml`` if present."""
    if corrections is not None:
        return Path(corrections)
    default = Path(out_dir) / DEFAULT_FILE
    return default if default.is_file() else None
