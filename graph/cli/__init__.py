"""The ``tipgraph`` command: a thin typer layer over the library, with one-line errors."""
