"""Check a graph against the SHACL shapes of the ontology.

>>> from rdflib import Graph
>>> validate_graph(Graph()).conforms
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import pyshacl
from rdflib import Graph

from ontology import ONTOLOGY_FILE, SHAPES_FILE


@dataclass
class ValidationReport:
    conforms: bool
    text: str


@cache
def _shapes() -> Graph:
    return Graph().parse(SHAPES_FILE)


@cache
def _ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE)


def validate_graph(graph: Graph) -> ValidationReport:
    """Validate ``graph``; class constraints see the ontology's subclass axioms."""
    conforms, _, text = pyshacl.validate(graph, shacl_graph=_shapes(), ont_graph=_ontology(), inference="none", advanced=True)
    return ValidationReport(bool(conforms), str(text))
