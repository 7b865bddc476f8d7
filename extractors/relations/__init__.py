"""Relations: the re-parse of candidate sentences, cooperation, funding and trafficking
routes, generic references to named bodies; the ``tipgraph_relations`` component."""
