"""Entities: candidates from gazetteers and genre rules, typing, jurisdiction, officials,
within-document coreference; the ``tipgraph_entities`` component."""
