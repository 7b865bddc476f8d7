"""What the page's review script (``graph/view/assets/review.js``) needs besides the view's data.

>>> import networkx as nx
>>> graph = nx.MultiDiGraph()
>>> graph.add_node("n", label="UNIAP", cls="InternationalOrganization", curated="rename by ana")
>>> page_curation(graph)["nodes"]
{'n': 'rename by ana'}
"""

from __future__ import annotations

import networkx as nx

from tipgraph.ontology.vocabulary import ENTITY_CLASSES


def page_curation(graph: nx.MultiDiGraph) -> dict:
    """The curated nodes and statements (IRI -> who decided what), and the classes a node can be given."""
    statements = {
        attrs["statement"]: attrs["curated"]
        for _, _, attrs in graph.edges(data=True)
        if attrs.get("curated") and attrs.get("statement")
    }
    nodes = {node: attrs["curated"] for node, attrs in graph.nodes(data=True) if attrs.get("curated")}
    return {"nodes": nodes, "statements": statements, "classes": list(ENTITY_CLASSES)}
