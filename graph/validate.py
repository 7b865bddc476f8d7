"""Check a graph against the SHACL shapes of the ontology, and say plainly what is wrong.

Each violation is one line: the node (its label and compact IRI), the
property, and what is wrong with it, in the words of the shape's
``sh:message`` when it has one.

>>> from rdflib import Graph
>>> validate_graph(Graph()).conforms
True
>>> report = validate_file("build/graph.ttl")
>>> report.conforms, list(generate_violation_lines(report))
(True, [])
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH

from tipgraph.graph.model.rdf import PREFIXES, read_turtle
from tipgraph.graph.sparql.core import GraphFileError
from tipgraph.ontology import SHAPES_FILE
from tipgraph.ontology.model import ontology_graph


@dataclass(frozen=True)
class Violation:
    """One failed constraint: on which node, which property, what is wrong."""

    focus: str
    focus_label: str | None
    path: str | None
    message: str
    value: str | None = None
    severity: str = "Violation"


@dataclass
class ValidationReport:
    conforms: bool
    text: str
    violations: list[Violation] = field(default_factory=list)


@cache
def _shapes() -> Graph:
    return Graph().parse(SHAPES_FILE)


def _ontology() -> Graph:
    return ontology_graph()


def validate_graph(graph: Graph) -> ValidationReport:
    """Validate ``graph``; class constraints see the ontology's subclass axioms."""
    conforms, results, text = pyshacl.validate(
        graph, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none", advanced=True
    )
    violations = sorted(
        _violations(results, graph), key=lambda v: (v.focus_label or "", v.focus, v.path or "", v.message)
    )
    return ValidationReport(bool(conforms), str(text), violations)


def validate_file(path: str | Path) -> ValidationReport:
    """Validate the Turtle file ``path``."""
    path = Path(path)
    if not path.is_file():
        raise GraphFileError(f"{path}: no such file (build one with: tipgraph build PATH --out DIR)")
    try:
        graph = read_turtle(path)
    except Exception as error:  # rdflib's parser raises its own exception types
        raise GraphFileError(f"{path}: not valid Turtle ({' '.join(str(error).split())[:200]})") from None
    return validate_graph(graph)


def _compact(term) -> str:
    """``tgr:place/VN`` for display (not necessarily a valid Turtle prefixed name)."""
    if isinstance(term, URIRef):
        for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
            if str(term).startswith(str(namespace)):
                return f"{prefix}:{str(term)[len(str(namespace)) :]}"
        return f"<{term}>"
    if isinstance(term, Literal):
        return f'"{term}"'
    return str(term)


def _shape_value(shapes: Graph, shape, predicate):
    return shapes.value(shape, predicate) if shape is not None else None


def _plain_message(component: str, shape, shapes: Graph) -> str:
    """What a constraint component's failure means, in words (the shape's own sh:message comes first)."""
    own = _shape_value(shapes, shape, SH.message)
    if own is not None:
        return str(own)
    parameter = {
        "MinCountConstraintComponent": SH.minCount,
        "MaxCountConstraintComponent": SH.maxCount,
        "DatatypeConstraintComponent": SH.datatype,
        "ClassConstraintComponent": SH["class"],
        "PatternConstraintComponent": SH.pattern,
        "MinInclusiveConstraintComponent": SH.minInclusive,
        "MaxInclusiveConstraintComponent": SH.maxInclusive,
    }.get(component)
    limit = _shape_value(shapes, shape, parameter) if parameter is not None else None
    limit_text = _compact(limit) if isinstance(limit, URIRef) else str(limit)
    return {
        "MinCountConstraintComponent": f"missing: needs at least {limit_text} value(s)",
        "MaxCountConstraintComponent": f"too many values: at most {limit_text}",
        "DatatypeConstraintComponent": f"value is not of type {limit_text}",
        "ClassConstraintComponent": f"value is not a {limit_text}",
        "PatternConstraintComponent": f"value does not match the pattern {limit_text}",
        "MinInclusiveConstraintComponent": f"value is below {limit_text}",
        "MaxInclusiveConstraintComponent": f"value is above {limit_text}",
        "OrConstraintComponent": "value fits none of the allowed kinds",
    }.get(component, component.removesuffix("ConstraintComponent"))


def _violations(results: Graph, data: Graph) -> Iterator[Violation]:
    shapes = _shapes()
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        value = results.value(result, SH.value)
        component = str(results.value(result, SH.sourceConstraintComponent) or "").rsplit("#", 1)[-1]
        shape = results.value(result, SH.sourceShape)
        severity = str(results.value(result, SH.resultSeverity) or SH.Violation).rsplit("#", 1)[-1]
        label = data.value(focus, RDFS.label)
        yield Violation(
            focus=_compact(focus),
            focus_label=str(label) if label is not None else None,
            path=_compact(path) if path is not None else None,
            message=_plain_message(component, shape, shapes),
            value=_compact(value) if value is not None else None,
            severity=severity,
        )


def generate_violation_lines(report: ValidationReport) -> Iterator[str]:
    """Yield one line per violation: ``label <iri> path: what is wrong (value ...)``."""
    for violation in report.violations:
        who = f'"{violation.focus_label}" {violation.focus}' if violation.focus_label else violation.focus
        where = f" {violation.path}" if violation.path else ""
        value = f" (value {' '.join(violation.value.split())[:80]})" if violation.value else ""
        level = "" if violation.severity == "Violation" else f"[{violation.severity.lower()}] "
        yield f"{level}{who}{where}: {violation.message}{value}"
