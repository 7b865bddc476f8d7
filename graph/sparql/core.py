"""SPARQL over a tipgraph export: the shipped query library, safe parameters and results.

The shipped queries are ``ontology/queries/NAME.rq``. Each starts with a
comment whose first line is the question it answers; ``# @param`` lines
declare its parameters::

    # @param actor: string — the actor's name or one of its aliases
    # @param from: date, optional — earliest document date (YYYY-MM-DD)

A parameter is bound to the SPARQL variable of the same name as a typed
literal (``string``, ``date`` or ``integer``), never pasted into the query
text: rdflib gets it through ``initBindings``; Oxigraph and remote endpoints
get a ``VALUES`` row at the head of the WHERE group (and of each sub-SELECT's)
whose literal is escaped here, so a value with quotes, braces or SPARQL
syntax stays one value. An optional parameter left out is simply unbound.

This module is the engines' common core; it imports no engine. The engines are
``rdflib_engine``, ``oxigraph_engine`` and ``endpoint``; ``query.run_query``
picks one.

>>> [query.name for query in list_queries()][:3]
['actors_by_class', 'cooperation_network', 'documents']
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from tipgraph.graph.sparql.concepts import CONCEPT_TYPES, concept_values, resolve_concept
from tipgraph.ontology import QUERIES_DIR

PARAMETER_TYPES = {"string": XSD.string, "date": XSD.date, "integer": XSD.integer}
_NAME = re.compile(r"[a-z][a-z0-9_]*")
_VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_PARAM_LINE = re.compile(
    r"#\s*@param\s+(?P<name>\w+)\s*:\s*(?P<type>\w+)\s*(?:,\s*(?P<optional>optional))?\s*(?:[—–-]+\s*(?P<description>.*))?$"
)
_IRIREF = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')
_WORD = re.compile(r"[?$:\w][\w:.\-]*")


class EndpointError(RuntimeError):
    """A triple store that cannot be reached or refuses a request; the message says which and why."""


class GraphFileError(ValueError):
    """A graph file that is missing or is not Turtle."""


class QueryError(ValueError):
    """A query that does not parse, cannot run, or gets bad parameters; the message says why."""


@dataclass(frozen=True)
class QueryParameter:
    """A parameter a shipped query declares with ``# @param``."""

    name: str
    type: str = "string"
    required: bool = True
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    """A ``.rq`` file: its name, the question it answers, its parameters and its text."""

    name: str
    question: str
    description: str
    parameters: tuple[QueryParameter, ...]
    text: str
    path: Path | None = None


@dataclass
class QueryResult:
    """Rows of a SELECT: each cell the lexical form of its term (IRI, literal) or None."""

    variables: list[str]
    rows: list[list[str | None]]
    datatypes: list[list[str | None]] = field(default_factory=list)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts; integers, decimals, booleans and dates become Python values."""
        types = self.datatypes or [[None] * len(self.variables) for _ in self.rows]
        return [
            {name: python_value(value, datatype) for name, value, datatype in zip(self.variables, row, row_types)}
            for row, row_types in zip(self.rows, types)
        ]


_NUMERIC = {
    str(XSD.integer),
    str(XSD.int),
    str(XSD.long),
    str(XSD.short),
    str(XSD.nonNegativeInteger),
    str(XSD.positiveInteger),
}


def python_value(value: str | None, datatype: str | None) -> Any:
    """The Python value of a literal's lexical form (the form itself when it is not a number, boolean or date)."""
    if value is None or datatype is None:
        return value
    try:
        if datatype in _NUMERIC:
            return int(value)
        if datatype in (str(XSD.decimal), str(XSD.double), str(XSD.float)):
            return float(Decimal(value))
        if datatype == str(XSD.boolean):
            return value in ("true", "1")
        if datatype == str(XSD.date):
            return datetime.date.fromisoformat(value)
    except (ValueError, InvalidOperation):
        pass
    return value


def canonical_lexical(value: str | None, datatype: str | None) -> str | None:
    """One spelling per number, whichever engine answered: Oxigraph writes the decimal 24.0 as ``24``, rdflib as ``24.0``."""
    if value is None or datatype is None:
        return value
    try:
        if datatype in _NUMERIC:
            return str(int(value))
        if datatype == str(XSD.decimal):
            return format(Decimal(value).normalize(), "f")
    except (ValueError, InvalidOperation):
        pass
    return value


# --- The query library ----------------------------------------------------------


def parse_query_file(path: str | Path) -> NamedQuery:
    """Read a ``.rq`` file with its header comment and ``# @param`` declarations."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise QueryError(
            f"{path}: not UTF-8 text (byte 0x{error.object[error.start]:02x} at offset {error.start}); save the query as UTF-8"
        ) from None
    comment: list[str] = []
    parameters: list[QueryParameter] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped.startswith("#"):
            if stripped:
                break
            continue
        declared = _PARAM_LINE.match(stripped)
        if declared:
            if declared["type"] not in PARAMETER_TYPES and declared["type"] not in CONCEPT_TYPES:
                raise QueryError(
                    f"{path}: parameter {declared['name']} has unknown type {declared['type']!r} (use {', '.join([*PARAMETER_TYPES, *CONCEPT_TYPES])})"
                )
            parameters.append(
                QueryParameter(
                    declared["name"],
                    declared["type"],
                    not declared["optional"],
                    (declared["description"] or "").strip(),
                )
            )
        else:
            comment.append(stripped.lstrip("#").strip())
    description = "\n".join(comment).strip()
    question = description.split("\n\n")[0].replace("\n", " ")
    return NamedQuery(path.stem, question, description, tuple(parameters), text, path)


def list_queries() -> list[NamedQuery]:
    """Every shipped query, by name."""
    return [parse_query_file(path) for path in sorted(QUERIES_DIR.glob("*.rq"))]


def load_named_query(name: str) -> NamedQuery:
    """The shipped query called ``name``; the error lists the names there are."""
    path = QUERIES_DIR / f"{name}.rq"
    if not _NAME.fullmatch(name) or not path.is_file():
        names = ", ".join(query.name for query in list_queries())
        raise QueryError(f"no shipped query called {name!r}; the queries are: {names}")
    return parse_query_file(path)


def resolve_query(query: str | NamedQuery) -> NamedQuery:
    """A shipped query's name, a ``.rq`` file or SPARQL text, as a ``NamedQuery``."""
    if isinstance(query, NamedQuery):
        return query
    if _NAME.fullmatch(query):
        return load_named_query(query)
    if query.endswith(".rq"):
        if not Path(query).is_file():
            raise QueryError(f"{query}: no such query file")
        return parse_query_file(query)
    return NamedQuery("query", "", "", (), query)


def load_query_text(query: str) -> str:
    """``query`` itself, or the content of the ``.rq`` file it names."""
    if query.endswith(".rq") and Path(query).is_file():
        return Path(query).read_text(encoding="utf-8")
    return query


# --- Parameters ------------------------------------------------------------------


def typed_parameters(query: NamedQuery, params: Mapping[str, Any] | None) -> dict[str, Literal]:
    """Check ``params`` against what ``query`` declares and make each a typed literal.

    A query without declarations (SPARQL text) takes any parameter as a string.
    """
    params = dict(params or {})
    declared = {parameter.name: parameter for parameter in query.parameters}
    bindings: dict[str, Literal] = {}
    for name, value in params.items():
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"{name!r} cannot be a parameter: use a SPARQL variable name (letters, digits, _)")
        if declared and name not in declared:
            raise QueryError(f"{query.name} has no parameter {name!r}; it takes: {', '.join(declared)}")
        kind = declared[name].type if name in declared else "string"
        bindings[name] = _literal(name, kind, value)
    missing = [p.name for p in query.parameters if p.required and p.name not in bindings]
    if missing:
        raise QueryError(f"{query.name} needs " + " ".join(f"--param {name}=..." for name in missing))
    return bindings


def _literal(name: str, kind: str, value: Any) -> Literal:
    text = str(value)
    if kind in CONCEPT_TYPES:
        concept = resolve_concept(kind, text)
        if concept is None:
            valid = ", ".join(value for value, _ in concept_values(kind))
            raise QueryError(
                f"parameter {name}: no {kind.replace('_', ' ')} {text!r}; use one of {valid} (or its label)"
            )
        return Literal(concept)
    try:
        if kind == "date":
            return Literal(
                value if isinstance(value, datetime.date) else datetime.date.fromisoformat(text.strip()),
                datatype=XSD.date,
            )
        if kind == "integer":
            return Literal(int(text), datatype=XSD.integer)
    except ValueError:
        raise QueryError(
            f"parameter {name} wants a {kind}" + (" as YYYY-MM-DD" if kind == "date" else "") + f", not {text!r}"
        ) from None
    return Literal(text)


def sparql_literal(literal: Literal) -> str:
    """``literal`` as SPARQL text: every quote, backslash and line break escaped.

    >>> print(sparql_literal(Literal('say "hi" }')))
    "say \\"hi\\" }"
    """
    escaped = str(literal)
    for char, escape in (
        ("\\", "\\\\"),
        ('"', '\\"'),
        ("\n", "\\n"),
        ("\r", "\\r"),
        ("\t", "\\t"),
        ("\b", "\\b"),
        ("\f", "\\f"),
    ):
        escaped = escaped.replace(char, escape)
    if literal.language:
        return f'"{escaped}"@{literal.language}'
    if literal.datatype is not None and literal.datatype != XSD.string:
        return f'"{escaped}"^^<{URIRef(literal.datatype)}>'
    return f'"{escaped}"'


def _where_braces(text: str) -> list[int]:
    """Where each WHERE group opens: the first ``{`` after each SELECT, the query's and every sub-SELECT's.

    Comments, strings, IRIs and variables are skipped, so a ``{`` or a
    ``SELECT`` inside them is never taken for one.
    """
    braces: list[int] = []
    after_select = True  # a query that is not a SELECT binds in its first group
    position = 0
    while position < len(text):
        char = text[position]
        if char == "#":
            newline = text.find("\n", position)
            position = len(text) if newline < 0 else newline + 1
        elif char in "\"'":
            quote = char * 3 if text.startswith(char * 3, position) else char
            position += len(quote)
            while position < len(text) and not text.startswith(quote, position):
                position += 2 if text[position] == "\\" else 1
            position += len(quote)
        elif char == "<" and (iri := _IRIREF.match(text, position)):
            position = iri.end()
        elif char in "?$:" or char.isalnum() or char == "_":
            word = _WORD.match(text, position)
            assert word is not None  # the character itself starts a word
            if char.isalpha() and word.group().upper() == "SELECT":
                after_select = True
            position = word.end()
        elif char == "{":
            if after_select:
                braces.append(position)
                after_select = False
            position += 1
        else:
            position += 1
    if not braces:
        raise QueryError("the query has no WHERE group { ... } to bind parameters in")
    return braces


def bind_values(text: str, bindings: Mapping[str, Literal]) -> str:
    """``text`` with a ``VALUES`` row for ``bindings`` at the head of its WHERE group and of each sub-SELECT's.

    Only escaped literals (``sparql_literal``) and checked variable names go
    in. Binding them in sub-SELECTs too gives the same answers as rdflib's
    ``initBindings``, which every part of the query sees.

    >>> bind_values("SELECT ?x WHERE { ?s ?p ?x }", {"x": Literal("a")})
    'SELECT ?x WHERE { VALUES (?x) { ("a") }  ?s ?p ?x }'
    """
    if not bindings:
        return text
    for name in bindings:
        if not _VARIABLE.fullmatch(name):
            raise QueryError(f"{name!r} cannot be a parameter: use a SPARQL variable name")
    names = " ".join(f"?{name}" for name in bindings)
    values = " ".join(sparql_literal(value) for value in bindings.values())
    block = f" VALUES ({names}) {{ ({values}) }} "
    for brace in reversed(_where_braces(text)):
        text = f"{text[: brace + 1]}{block}{text[brace + 1 :]}"
    return text


# --- Output ----------------------------------------------------------------------


def describe_queries() -> Iterator[str]:
    """Yield one paragraph per shipped query: name, question and parameters."""
    for query in list_queries():
        yield f"{query.name}: {query.question}"
        for parameter in query.parameters:
            need = "" if parameter.required else ", optional"
            yield f"    --param {parameter.name}=...  ({parameter.type}{need}) {parameter.description}".rstrip()
            if parameter.type in CONCEPT_TYPES:
                values = ", ".join(f"{value} ({label})" for value, label in concept_values(parameter.type))
                yield f"        values: {values}; a label or the annotation guide's word works too, in any case"
