"""``tipgraph cache``: the record cache of a build folder, which builds only ever add to."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tipgraph.graph.build.cache import prune_cache

cache_app = typer.Typer(help="The record cache of a build folder (OUT/.cache).", no_args_is_help=True)


@cache_app.command("prune")
def cache_prune(out: Annotated[Path, typer.Argument(help="A build folder (tipgraph build --out DIR).")]) -> None:
    """Remove the cached records of documents OUT's current build did not use (a build never prunes them)."""
    removed, kept = prune_cache(out)
    typer.echo(f"removed {removed} cached record(s) of documents not in the current build of {out}; {kept} in use")
