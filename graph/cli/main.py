"""The ``tipgraph`` command: each command parses its arguments and calls one library function."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from tipgraph.extractors.ingest.reading import SUFFIXES as DOCUMENT_SUFFIXES
from tipgraph.extractors.ingest.reading import UnreadableDocument, read_source
from tipgraph.extractors.pipeline import DEFAULT_MODEL, ModelNotFound, extract_documents, load_pipeline
from tipgraph.graph.build.corpus import BuildSummary, NothingToBuild, SkippedInputs, build_corpus
from tipgraph.graph.build.distributed import DaskUnavailable
from tipgraph.graph.build.parallel import PipelineMismatch
from tipgraph.graph.build.progress import RichReporter
from tipgraph.graph.build.workers import freeze_loaded_models
from tipgraph.graph.cli.cache import cache_app
from tipgraph.graph.cli.errors import ErrorReportingGroup
from tipgraph.graph.cli.sparql import push, queries, query
from tipgraph.graph.cli.terminal import fail, stdout_is_terminal, visible
from tipgraph.graph.curation import CorrectionsError, StaleCorrections
from tipgraph.graph.curation.review import generate_review, review_build
from tipgraph.graph.exports import export_graph
from tipgraph.graph.validate import generate_violation_lines, validate_file
from tipgraph.graph.view.html import Layout


class ExportFormat(str, Enum):
    """``tipgraph export --format``: the formats of ``exports.FORMATS`` (tests/graph/test_cli_output.py checks)."""

    gexf = "gexf"
    graphml = "graphml"
    csv = "csv"
    jsonld = "jsonld"


class ReviewFormat(str, Enum):
    text = "text"
    yaml = "yaml"


app = typer.Typer(
    help="Turn documents about human trafficking into an evidence-backed knowledge graph.",
    no_args_is_help=True,
    cls=ErrorReportingGroup,  # one line per error; a traceback only with --debug
    pretty_exceptions_enable=False,
)


@app.callback()
def main_options(
    debug: Annotated[
        bool,
        typer.Option("--debug", help="Show the full traceback of an error (accepted anywhere on the command line)."),
    ] = False,
) -> None:
    """Turn documents about human trafficking into an evidence-backed knowledge graph."""
    # ErrorReportingGroup takes --debug out of the arguments before parsing; it is declared here for --help.


ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="Replace OUT's outputs even if the inputs hold less than half the files of its last build."
    ),
]
FollowSymlinksOption = Annotated[
    bool, typer.Option("--follow-symlinks", help="Read files that symbolic links in PATHS point to outside PATHS.")
]


@app.command()
def build(
    ctx: typer.Context,
    paths: Annotated[
        list[Path],
        typer.Argument(help=f"Files and folders of documents ({', '.join(s for s in DOCUMENT_SUFFIXES if s)})."),
    ],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="Folder for graph.ttl, graph.html, graph.graphml, graph.json.")
    ] = Path("build"),
    model: Annotated[str, typer.Option(help="Installed spaCy pipeline to use.")] = DEFAULT_MODEL,
    workers: Annotated[
        int,
        typer.Option("--workers", "-w", min=1, help="Extraction processes on this machine (or local Dask workers)."),
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask",
            help="Run extraction on the Dask scheduler at ADDRESS (tcp://HOST:8786), or 'local'.",
            metavar="ADDRESS",
        ),
    ] = None,
    rebuild: Annotated[
        bool, typer.Option("--rebuild", help="Ignore the record cache in OUT/.cache and extract every document again.")
    ] = False,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Fail (exit 1, nothing written) if any file was skipped (unreadable, or the pipeline failed on it) or a correction is stale.",
        ),
    ] = False,
    corrections: Annotated[
        Path | None,
        typer.Option(
            "--corrections",
            help="A corrections file of reviewers' decisions (YAML; see the README), applied on every build. Default: OUT/corrections.yaml if present.",
            metavar="FILE",
        ),
    ] = None,
    layout: Annotated[
        Layout,
        typer.Option(
            "--layout",
            help="How graph.html first lays the graph out: force (network) or geo (places on a map); the page switches between them.",
        ),
    ] = Layout.force,
    force: ForceOption = False,
    follow_symlinks: FollowSymlinksOption = False,
) -> None:
    """Build the knowledge graph of PATHS into OUT (only new or changed documents are extracted again)."""
    options = {"model": model, "workers": workers, "dask": dask, "use_cache": not rebuild, "strict": strict}
    options.update(force=force, follow_symlinks=follow_symlinks)
    summary = _checked_build(paths, out, layout=layout.value, corrections=corrections, **options)
    print_summary(summary, tracebacks=debugging(ctx))


def _checked_build(paths: list[Path], out: Path, **options) -> BuildSummary:
    """``build_corpus`` with a progress bar; what stops a build becomes one clear line and exit 1."""
    freeze_loaded_models()  # the command owns its process: the model is frozen out of the collector's scans
    try:
        return build_corpus(paths, out, progress=RichReporter(Console(stderr=True)), **options)
    except SkippedInputs as error:
        for skipped in error.skipped:
            typer.echo(visible(f"  skipped {skipped}"), err=True)
        fail(str(error))
    except StaleCorrections as error:
        for stale in error.stale:
            typer.echo(f"  {stale}", err=True)
        fail(str(error))
    except (CorrectionsError, ModelNotFound, NothingToBuild, PipelineMismatch, DaskUnavailable) as error:
        fail(str(error))


def debugging(ctx: typer.Context) -> bool:
    """Whether ``--debug`` (or TIPGRAPH_DEBUG) is on: ErrorReportingGroup took it from the arguments."""
    return bool(getattr(ctx.find_root().command, "debug", False))


def print_summary(summary: BuildSummary, tracebacks: bool = False) -> None:
    documents = f"{len(summary.documents)} documents"
    if summary.duplicates:
        copies = "duplicate" if summary.duplicates == 1 else "duplicates"
        documents += f" ({len(summary.files)} files; {summary.duplicates} {copies})"
    typer.echo(f"read {documents}, skipped {len(summary.skipped)}")
    for warning in summary.warnings:
        typer.echo(f"warning: {warning}", err=True)
    for skipped in summary.skipped:
        typer.echo(visible(f"  skipped {skipped}"))
        if tracebacks and skipped.path in summary.tracebacks:
            typer.echo("    " + summary.tracebacks[skipped.path].rstrip().replace("\n", "\n    "))
    typer.echo("entities: " + ", ".join(f"{cls} {n}" for cls, n in sorted(summary.entities_by_class.items())))
    typer.echo("relations: " + ", ".join(f"{kind} {n}" for kind, n in sorted(summary.relations_by_type.items())))
    if summary.curation is not None:
        typer.echo(summary.curation.summary())
        for stale in summary.curation.stale:
            typer.echo(f"  {stale}")
    for path in summary.outputs.values():
        typer.echo(f"wrote {path}")
    typer.echo(f"extracted {summary.extracted} documents, {summary.cached} from the cache")
    typer.echo("seconds: " + ", ".join(f"{stage} {seconds:.2f}" for stage, seconds in summary.seconds.items()))


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
    terminal = stdout_is_terminal()

    def say(text: str) -> None:  # the document's own text goes to a terminal as visible characters only
        typer.echo(visible(text, keep="\n") if terminal else text)

    labels = {e.key: e.label for e in record.entities}
    say(
        f"# {record.name}"
        + (f" — {record.title}" if record.title else "")
        + (f" ({record.date})" if record.date else "")
    )
    say("\nentities:")
    for entity in sorted(record.entities, key=lambda e: (e.cls, e.label)):
        extra = [f"aka {', '.join(entity.aliases)}"] if entity.aliases else []
        if entity.country:
            extra.append(f"country {entity.country}")
        if entity.role:
            extra.append(f"role {entity.role}")
        if entity.affiliation:
            extra.append(f"serves {labels[entity.affiliation]}")
        say(f"  {entity.cls:26} {entity.label}" + (f"  ({'; '.join(extra)})" if extra else ""))
    say("\nrelations:")
    for relation in record.relations:
        say(f"  {describe_relation(relation, labels)}")
        say(f"    [{relation.evidence.start}:{relation.evidence.end}] {' '.join(relation.evidence.text.split())}")


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
    return (
        f"route: {names(relation.origin)} -> {names(relation.destination)}{transit}"
        + (f" ({details})" if details else "")
        + negated
    )


@app.command()
def validate(graph: Annotated[Path, typer.Argument(help="A graph.ttl from tipgraph build.")]) -> None:
    """Check GRAPH against the SHACL shapes; one line per violation, exit code 1 if any."""
    report = validate_file(graph)
    for line in generate_violation_lines(report):
        typer.echo(line)
    if not report.conforms:
        typer.echo(f"{graph}: {len(report.violations)} violation(s) of the tipgraph shapes", err=True)
        raise typer.Exit(code=1)
    typer.echo(f"{graph}: conforms to the tipgraph shapes")


@app.command()
def export(
    graph: Annotated[Path, typer.Argument(help="A graph.ttl from tipgraph build.")],
    fmt: Annotated[ExportFormat, typer.Option("--format", help="gexf, graphml, csv or jsonld.")],
    out: Annotated[
        Path, typer.Option("--out", "-o", help="The file to write (for csv: a folder for nodes.csv and edges.csv).")
    ],
) -> None:
    """Export GRAPH for Gephi (gexf, graphml), Neo4j and spreadsheets (csv) or JSON-LD tools (jsonld)."""
    for path in export_graph(graph, fmt.value, out):
        typer.echo(f"wrote {path}")


@app.command()
def review(
    out: Annotated[Path, typer.Argument(help="A build folder (tipgraph build --out DIR).")],
    fmt: Annotated[
        ReviewFormat, typer.Option("--format", help="text, or yaml: ready-to-edit decisions, commented out.")
    ] = ReviewFormat.text,
    limit: Annotated[int, typer.Option(min=1, help="At most this many items per list.")] = 20,
) -> None:
    """List what in a build most needs a human look (merge candidates, low-confidence statements, uncertain entities)."""
    try:
        items = review_build(out, limit=limit)
    except FileNotFoundError as error:
        fail(str(error))
    for line in generate_review(items, fmt.value, out):
        typer.echo(line)


for command in (query, queries, push):  # (graph/cli/sparql.py)
    app.command()(command)
app.add_typer(cache_app, name="cache")


def main() -> None:  # pragma: no cover - console entry point
    app(prog_name="tipgraph")


if __name__ == "__main__":  # pragma: no cover
    main()
