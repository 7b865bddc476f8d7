"""Ingestion: files to text. Reading and decoding, HTML and PDF, genre cleaning with its
map back to the original offsets, metadata. No spaCy here: a build can read and hash
documents without loading a model."""
