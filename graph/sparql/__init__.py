"""SPARQL: the shipped queries, parameter binding and results, on rdflib, Oxigraph or an endpoint."""
