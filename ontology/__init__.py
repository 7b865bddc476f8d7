"""The tipgraph vocabulary: OWL ontology, SHACL shapes, namespace and gazetteers."""

from pathlib import Path

ONTOLOGY_FILE = Path(__file__).parent / "tipgraph.ttl"
SHAPES_FILE = Path(__file__).parent / "shapes.ttl"
QUERIES_DIR = Path(__file__).parent / "queries"
