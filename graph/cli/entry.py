"""The ``tipgraph`` console script: Ctrl-C while the libraries are still loading is one line, not a traceback.

Importing the command (spaCy, rdflib, Oxigraph, Dask) takes a second or more;
an interrupt then would otherwise show the import machinery's traceback.
This module imports nothing heavy itself (``tipgraph.graph`` loads its
NetworkX reader lazily for the same reason).
"""

from __future__ import annotations

import sys

EXIT_INTERRUPTED = 130  # 128 + SIGINT, as a shell reports it


def main() -> None:
    try:
        from tipgraph.graph.cli.main import app
    except KeyboardInterrupt:
        sys.stderr.write("interrupted (while starting)\n")
        raise SystemExit(EXIT_INTERRUPTED) from None
    app(prog_name="tipgraph")
