"""Write ``ontology/namespace.py`` from ``ontology/tipgraph.ttl``.

The OWL file is the source of truth for the ``tg:`` vocabulary; the Python
namespace is generated from it (as rdflib generates ``_FOAF.py``) so that code
never spells an IRI by hand. ``tests/ontology/test_namespace.py`` fails when
the two drift apart.

    python -m tipgraph.ontology.generate_namespace
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS

HERE = Path(__file__).parent
ONTOLOGY_FILE = HERE / "tipgraph.ttl"
NAMESPACE_FILE = HERE / "namespace.py"
TG_IRI = "https://w3id.org/tipgraph/ontology#"

HEADER = '''"""The ``tg:`` vocabulary as an rdflib ``DefinedNamespace``.

Generated from ``tipgraph.ttl`` by ``python -m tipgraph.ontology.generate_namespace``;
do not edit by hand.
"""

from typing import Literal

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace


class TG(DefinedNamespace):
    """tipgraph ontology: https://w3id.org/tipgraph/ontology#"""

    _NS = Namespace("https://w3id.org/tipgraph/ontology#")
    _fail = True

'''

FOOTER = """

TGR = Namespace("https://w3id.org/tipgraph/resource/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
WD = Namespace("http://www.wikidata.org/entity/")
"""


def ontology_terms(graph: Graph) -> list[str]:
    """Every local name that the ontology declares in the ``tg:`` namespace."""
    terms = {str(s)[len(TG_IRI) :] for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(TG_IRI)}
    return sorted(terms)


def generate_namespace_source(graph: Graph) -> str:
    comments = {}
    for term in ontology_terms(graph):
        label = graph.value(URIRef(TG_IRI + term), URIRef("http://www.w3.org/2000/01/rdf-schema#label"))
        comments[term] = str(label) if label else term
    lines = [f"    {term}: URIRef  # {comments[term]}" for term in ontology_terms(graph)]
    return HEADER + "\n".join(lines) + "\n" + FOOTER + _literal_types(graph)


def _literal_types(graph: Graph) -> str:
    """``EntityClass`` (the classes below tg:Actor and tg:Place not tg:abstract) and ``RelationKindName``."""
    abstract = {str(c)[len(TG_IRI) :] for c in graph.subjects(URIRef(TG_IRI + "abstract"), Literal(True))}
    below: set[str] = set()
    for top in ("Actor", "Place"):
        below |= {str(c)[len(TG_IRI) :] for c in graph.transitive_subjects(RDFS.subClassOf, URIRef(TG_IRI + top))}
    classes = sorted(below - abstract)
    kinds = sorted(str(k) for k in graph.objects(None, URIRef(TG_IRI + "recordKind")))
    # one name a line with a trailing comma: the form ``ruff format`` keeps
    entity = "".join(f'    "{c}",\n' for c in classes)
    relation = "".join(f'    "{k}",\n' for k in kinds)
    return (
        "\n# The classes an entity node can have and the kinds of relation records, from the ontology.\n"
        f"EntityClass = Literal[\n{entity}]\n"
        f"RelationKindName = Literal[\n{relation}]\n"
    )


def main() -> None:
    graph = Graph().parse(ONTOLOGY_FILE)
    NAMESPACE_FILE.write_text(generate_namespace_source(graph), encoding="utf-8")


if __name__ == "__main__":
    main()
