"""Records -> resolved entities -> RDF, NetworkX and HTML; the build, queries and exports.

The notebook entry point:

>>> from tipgraph.graph import load_graph
>>> graph = load_graph("build/graph.ttl")
>>> graph.nodes["https://w3id.org/tipgraph/resource/place/VN"]["label"]
'Vietnam'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tipgraph.graph.model.nx import load_graph

__all__ = ["load_graph"]


def __getattr__(name: str) -> Any:
    # Loaded on first use, so that the command's entry point (tipgraph.graph.cli.entry) starts light.
    if name == "load_graph":
        from tipgraph.graph.model.nx import load_graph

        return load_graph
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
