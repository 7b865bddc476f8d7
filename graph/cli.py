"""The ``tipgraph`` command: each command parses its arguments and calls one library function."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from extractors.pipeline import DEFAULT_MODEL, ModelNotFound, extract_documents, load_pipeline
from extractors.reading import UnreadableDocument, read_source

from .build import BuildSummary, NothingToBuild, build_corpus
from .query import QueryError, generate_table, load_query_text, run_query

app = typer.Typer(help="Turn documents about human trafficking into an evidence-backed knowledge graph.", no_args_is_help=True)


def fail(message: str) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code=1)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Files and folders of documents (.txt, .md, .html).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for graph.ttl, graph.html, graph.graphml, graph.json.")] = Path("build"),
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
) -> None:
    """Build the knowledge graph of PATHS into OUT."""
    try:
        with typer.progressbar(length=0, label="extracting") as bar:  # length unknown: a spinner-like bar
            summary = build_corpus(paths, out, model=model, progress=lambda name: bar.update(1))
    except (ModelNotFound, NothingToBuild) as error:
        fail(str(error))
    print_summary(summary)


def print_summary(summary: BuildSummary) -> None:
    typer.echo(f"read {len(summary.documents)} documents, skipped {len(summary.skipped)}")
    for skipped in summary.skipped:
        typer.echo(f"  skipped {skipped}")
    typer.echo("entities: " + ", ".join(f"{cls} {n}" for cls, n in sorted(summary.entities_by_class.items())))
    typer.echo("relations: " + ", ".join(f"{kind} {n}" for kind, n in sorted(summary.relations_by_type.items())))
    for kind, path in summary.outputs.items():
        typer.echo(f"wrote {path}")


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="One document.")],
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
) -> None:
    """Show what one document yields: entities, and each relation with its sentence."""
    try:
        source = read_source(file)
        nlp = load_pipeline(model)
    except (UnreadableDocument, ModelNotFound) as error:
        fail(f"{file}: {error}")
    record = next(extract_documents(nlp, [source]))
    labels = {e.key: e.label for e in record.entities}
    typer.echo(f"# {record.name}" + (f" — {record.title}" if record.title else "") + (f" ({record.date})" if record.date else ""))
    typer.echo("\nentities:")
    for entity in sorted(record.entities, key=lambda e: (e.cls, e.label)):
        extra = [f"aka {', '.join(entity.aliases)}"] if entity.aliases else []
        if entity.country:
            extra.append(f"country {entity.country}")
        if entity.role:
            extra.append(f"role {entity.role}")
        if entity.affiliation:
            extra.append(f"serves {labels[entity.affiliation]}")
        typer.echo(f"  {entity.cls:26} {entity.label}" + (f"  ({'; '.join(extra)})" if extra else ""))
    typer.echo("\nrelations:")
    for relation in record.relations:
        typer.echo(f"  {describe_relation(relation, labels)}")
        typer.echo(f"    [{relation.evidence.start}:{relation.evidence.end}] {' '.join(relation.evidence.text.split())}")


def describe_relation(relation, labels: dict[str, str]) -> str:
    names = lambda keys: " + ".join(labels[k] for k in keys)  # noqa: E731
    negated = " (negated)" if relation.negated else ""
    if relation.kind == "cooperation":
        return f"cooperation: {names(relation.participants)}{negated}"
    if relation.kind == "funding":
        amount = f" [{relation.amount}]" if relation.amount else ""
        return f"funding: {labels[relation.funder]} -> {labels[relation.recipient]}{amount}{negated}"
    details = ", ".join(relation.purposes + relation.victims)
    transit = f" via {names(relation.transit)}" if relation.transit else ""
    return f"route: {names(relation.origin)} -> {names(relation.destination)}{transit}" + (f" ({details})" if details else "") + negated


@app.command()
def query(
    graph: Annotated[Path, typer.Argument(help="A graph.ttl from tipgraph build.")],
    sparql: Annotated[str, typer.Argument(help="A SPARQL SELECT query, or a .rq file.")],
    fmt: Annotated[str, typer.Option("--format", help="table, csv or json.")] = "table",
) -> None:
    """Run SPARQL over a built graph and print the rows."""
    if not graph.is_file():
        fail(f"{graph}: no such file (build one with: tipgraph build PATH --out DIR)")
    try:
        result = run_query(graph, load_query_text(sparql))
    except QueryError as error:
        fail(str(error))
    for chunk in generate_table(result, fmt):
        typer.echo(chunk)


def main() -> None:  # pragma: no cover - console entry point
    app(prog_name="tipgraph")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
