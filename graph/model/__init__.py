"""The graph model: resolved records as RDF in the ``tg:`` vocabulary, and as NetworkX."""
