"""Records -> resolved entities -> RDF, NetworkX and HTML; the build, queries and exports.

The notebook entry point:

>>> from tipgraph.graph import load_graph
>>> graph = load_graph("build/graph.ttl")
>>> graph.nodes["https://w3id.org/tipgraph/resource/place/VN"]["label"]
'Vietnam'
"""

from tipgraph.graph.model.nx import load_graph

__all__ = ["load_graph"]
