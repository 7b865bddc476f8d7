"""Load a large tipgraph graph and run every shipped SPARQL query, in rdflib and in Oxigraph.

Writes a synthetic graph in the project's shape (``--triples``, about one
million by default): documents with file names, dates and authors;
agencies, NGOs, international organisations, officials (role, affiliation)
and persons with aliases, mention counts and ``tg:mentionedIn`` links, a few
of them hubs (UNICEF, the USG, UNODC...); the gazetteer's countries plus
provinces and cities with coordinates and ``tg:locatedIn``; cooperation,
funding and route statements with evidence sentences, offsets, purposes,
victim groups and the shortcut triples. IRIs come from ``tipgraph.ontology.iris``.

Then it times, for each engine, loading the Turtle file and each query of
``ontology/queries`` (with the parameters an analyst would give), and checks
that both engines give the same number of rows. rdflib takes over a minute
to parse a million triples and its planner minutes on some queries at that
size, so by default it loads the full graph (timed) but runs the queries on
a 100,000-triple slice of the same shape (``--rdflib-triples``), Oxigraph
running them on the slice too for comparison; each rdflib query runs in a
forked process stopped after ``--timeout`` seconds.

    python -m benchmarks.bench_sparql                          # 1M triples; rdflib's queries on a 100k slice (about 5 minutes)
    python -m benchmarks.bench_sparql --triples 100000         # quick look, both engines on 100k
    python -m benchmarks.bench_sparql --rdflib-triples 0       # rdflib's queries on all 1M too (slow: --timeout each)
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import multiprocessing
import random
import sys
import tempfile
import time
from pathlib import Path

from tipgraph.graph.model.rdf import read_turtle
from tipgraph.graph.sparql.core import list_queries, typed_parameters
from tipgraph.graph.sparql.oxigraph_engine import open_store, query_store
from tipgraph.graph.sparql.rdflib_engine import query_rdflib
from tipgraph.ontology.gazetteer import load_gazetteer
from tipgraph.ontology.iris import document_iri, entity_iri, place_iri, statement_iri

# What an analyst would ask each query at this size.
PARAMETERS = {
    "cooperation_network": {"actor": "unicef"},
    "funding": {"funder": "USG"},
    "relation_evidence": {"entity": "China", "other": "Vietnam"},
    "routes": {"destination": "China"},
    "places": {"within": "Vietnam"},
    "entities_mentioned": {"from": "2005-01-01", "to": "2005-03-31"},
}
HUBS = [
    ("InternationalOrganization", "UNICEF", "United Nations Children's Fund", None),
    ("InternationalOrganization", "UNODC", "UN Office on Drugs and Crime", None),
    ("InternationalOrganization", "IOM", "International Organization for Migration", None),
    ("Agency", "United States Government", "USG", "US"),
    ("Agency", "Ministry of Public Security", "MPS", "VN"),
    ("Agency", "Ministry of Public Security", "MPS", "CN"),
    ("NGO", "Save the Children", "STC", "GB"),
    ("NGO", "The Asia Foundation", "TAF", "US"),
]
ACTOR_CLASSES = ["Agency", "NGO", "InternationalOrganization", "Official", "Person"]
ACTOR_SHARE = [0.35, 0.2, 0.05, 0.15, 0.25]
PURPOSES = [
    "SexualExploitation",
    "ForcedLabour",
    "ForcedMarriage",
    "IllegalAdoption",
    "Begging",
    "CannabisCultivation",
    "DomesticServitude",
]
VICTIMS = ["Women", "Men", "Children", "Infants", "Girls", "Boys", "Migrants"]
ROLES = ["Minister", "Deputy Director", "Consul", "Spokesperson", "Country Representative"]
# Triples each generated document brings, all told (its statements, mentions, its share of entities).
TRIPLES_PER_DOCUMENT = 100

PREFIXES = """@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix geo: <http://www.w3.org/2003/01/geo/wgs84_pos#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix tg: <https://w3id.org/tipgraph/ontology#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .

"""


def _text(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_synthetic_graph(path: Path, triples: int, seed: int = 0) -> int:  # noqa: C901  (to split: see the layout issue's note)
    """Write a Turtle graph of about ``triples`` triples; return how many it holds."""
    rng = random.Random(seed)
    documents = max(5, triples // TRIPLES_PER_DOCUMENT)
    lines: list[str] = [PREFIXES]
    count = 0

    def node(subject: str, *pairs: tuple[str, str]) -> None:
        nonlocal count
        lines.append(f"<{subject}> " + " ;\n    ".join(f"{p} {o}" for p, o in pairs) + " .\n")
        count += len(pairs)

    docs = []
    for d in range(documents):
        sha = hashlib.sha256(f"{seed}-{d}".encode()).hexdigest()
        iri = str(document_iri(sha))
        date = f"{2000 + d % 20}-{1 + d % 12:02d}-{1 + d % 28:02d}"
        docs.append((iri, sha))
        pairs = [
            ("a", "tg:Document"),
            ("dcterms:identifier", _text(f"doc-{d:06d}.txt")),
            ("tg:sha256", _text(sha)),
            ("dcterms:title", _text(f"Trafficking in persons report {d}")),
            ("dcterms:creator", _text(f"Embassy {d % 40}")),
        ]
        if d % 7:
            pairs.append(("dcterms:date", f'"{date}"^^xsd:date'))
        if d % 3 == 0:
            pairs.append(("tg:classification", _text("UNCLASSIFIED")))
        node(iri, *pairs)

    gazetteer = load_gazetteer()
    countries = []
    for entry in gazetteer.countries():
        iri = str(place_iri(entry.id))
        countries.append(iri)
        pairs = [
            ("a", "tg:Country"),
            ("rdfs:label", _text(entry.name)),
            ("skos:notation", _text(entry.id)),
            ("tg:mentionCount", str(rng.randint(1, 50))),
            ("tg:mentionedIn", f"<{rng.choice(docs)[0]}>"),
        ]
        if entry.lat is not None and entry.long is not None:
            pairs += [("geo:lat", f'"{entry.lat}"^^xsd:decimal'), ("geo:long", f'"{entry.long}"^^xsd:decimal')]
        pairs += [("skos:altLabel", _text(alias)) for alias in entry.aliases[:2]]
        node(iri, *pairs)
    focus = [str(place_iri(code)) for code in ("VN", "CN", "KH", "TH", "LA", "GB", "US", "TW", "KR", "MY")]

    places = list(countries)
    provinces = []
    for p in range(documents // 8):
        country = rng.choice(focus) if rng.random() < 0.7 else rng.choice(countries)
        iri = str(entity_iri("Province", f"Province {p}", country.rsplit("/", 1)[-1]))
        provinces.append(iri)
        node(
            iri,
            ("a", "tg:Province"),
            ("rdfs:label", _text(f"Province {p}")),
            ("tg:country", f"<{country}>"),
            ("tg:locatedIn", f"<{country}>"),
            ("geo:lat", f'"{rng.uniform(-40, 60):.4f}"^^xsd:decimal'),
            ("geo:long", f'"{rng.uniform(-120, 150):.4f}"^^xsd:decimal'),
            ("tg:mentionCount", str(rng.randint(1, 20))),
            ("tg:mentionedIn", f"<{rng.choice(docs)[0]}>"),
        )
    for c in range(documents // 4):
        province = rng.choice(provinces)
        iri = str(entity_iri("City", f"City {c}"))
        node(
            iri,
            ("a", "tg:City"),
            ("rdfs:label", _text(f"City {c}")),
            ("tg:locatedIn", f"<{province}>"),
            ("geo:lat", f'"{rng.uniform(-40, 60):.4f}"^^xsd:decimal'),
            ("geo:long", f'"{rng.uniform(-120, 150):.4f}"^^xsd:decimal'),
            ("tg:mentionCount", str(rng.randint(1, 10))),
            ("tg:mentionedIn", f"<{rng.choice(docs)[0]}>"),
        )
        places.append(iri)
    places += provinces

    actors: list[tuple[str, str]] = []
    for cls, label, alias, country in HUBS:
        iri = str(entity_iri(cls, label, country))
        pairs = [
            ("a", f"tg:{cls}"),
            ("rdfs:label", _text(label)),
            ("skos:altLabel", _text(alias)),
            ("tg:mentionCount", str(rng.randint(100, 900))),
        ]
        if country:
            pairs.append(("tg:country", f"<{place_iri(country)}>"))
        pairs += [("tg:mentionedIn", f"<{doc}>") for doc, _ in rng.sample(docs, min(len(docs), 200))]
        node(iri, *pairs)
        actors.append((iri, cls))
    organisations = [iri for iri, cls in actors]
    for a in range(documents * 4):
        cls = rng.choices(ACTOR_CLASSES, ACTOR_SHARE)[0]
        label = f"{cls} {a}"
        country = rng.choice(focus)
        iri = str(entity_iri(cls, label, country.rsplit("/", 1)[-1]))
        pairs = [
            ("a", f"tg:{cls}"),
            ("rdfs:label", _text(label)),
            ("tg:mentionCount", str(1 + int(rng.paretovariate(1.5)))),
            ("tg:country", f"<{country}>"),
        ]
        if rng.random() < 0.4:
            pairs.append(("skos:altLabel", _text(f"the {label}")))
        if cls == "Official" and organisations:
            pairs += [("tg:role", _text(rng.choice(ROLES))), ("tg:affiliation", f"<{rng.choice(organisations)}>")]
        pairs += [("tg:mentionedIn", f"<{doc}>") for doc, _ in rng.sample(docs, 1 + int(rng.random() < 0.3))]
        node(iri, *pairs)
        actors.append((iri, cls))
        if cls != "Person" and cls != "Official":
            organisations.append(iri)

    # Hubs first, then a long tail; cumulative once, or each draw would sum them all again.
    weights = list(itertools.accumulate(1 / (i + 1) ** 0.8 for i in range(len(actors))))
    place_weights = list(itertools.accumulate(1 / (i + 1) ** 0.5 for i in range(len(places))))
    vn, cn = str(place_iri("VN")), str(place_iri("CN"))
    for doc, sha in docs:
        for mentioned in {iri for iri, _ in rng.choices(actors, cum_weights=weights, k=12)}:
            node(mentioned, ("tg:mentionedIn", f"<{doc}>"))
        for index in range(5):
            kind = ("cooperation", "cooperation", "funding", "route", "route")[index]
            iri = str(statement_iri(sha, kind, index))
            start = rng.randint(0, 20000)
            evidence = (
                f"In {2000 + index}, the parties agreed to {kind} on trafficking cases reported in document {doc[-8:]}."
            )
            pairs = [
                ("tg:source", f"<{doc}>"),
                ("tg:evidence", _text(evidence)),
                ("tg:start", str(start)),
                ("tg:end", str(start + len(evidence))),
                ("tg:confidence", f'"{rng.choice(["0.5", "0.6", "0.8"])}"^^xsd:decimal'),
            ]
            negated = rng.random() < 0.05
            if negated:
                pairs.append(("tg:negated", "true"))
            if kind == "cooperation":
                ends = list({iri_ for iri_, _ in rng.choices(actors, cum_weights=weights, k=rng.choice((2, 2, 3)))})
                if rng.random() < 0.1:
                    ends = [vn, cn]
                if len(ends) < 2:
                    continue
                pairs = [("a", "tg:Cooperation")] + pairs + [("tg:participant", f"<{e}>") for e in ends]
                node(iri, *pairs)
                if not negated:
                    for a in ends:
                        for b in ends:
                            if a != b:
                                node(a, ("tg:cooperatesWith", f"<{b}>"))
            elif kind == "funding":
                funder, recipient = (iri_ for iri_, _ in rng.choices(actors, cum_weights=weights, k=2))
                pairs = (
                    [("a", "tg:Funding")] + pairs + [("tg:funder", f"<{funder}>"), ("tg:recipient", f"<{recipient}>")]
                )
                if rng.random() < 0.5:
                    pairs.append(("tg:amount", _text(f"USD {rng.randint(1, 900)}0,000")))
                node(iri, *pairs)
                if not negated:
                    node(funder, ("tg:funds", f"<{recipient}>"))
            else:
                origin, destination = rng.choices(places, cum_weights=place_weights, k=2)
                if rng.random() < 0.2:
                    origin, destination = vn, cn
                pairs = (
                    [("a", "tg:TraffickingRoute")]
                    + pairs
                    + [("tg:origin", f"<{origin}>"), ("tg:destination", f"<{destination}>")]
                )
                pairs += [("tg:purpose", f"tg:{p}") for p in rng.sample(PURPOSES, rng.choice((0, 1, 1, 2)))]
                pairs += [("tg:victimGroup", f"tg:{v}") for v in rng.sample(VICTIMS, rng.choice((0, 1, 2)))]
                if rng.random() < 0.1:
                    pairs.append(("tg:transit", f"<{rng.choice(places)}>"))
                node(iri, *pairs)
                if not negated:
                    node(origin, ("tg:routeTo", f"<{destination}>"))
    path.write_text("".join(lines), encoding="utf-8")
    return count


def _timed(function, *args):
    started = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - started


def _rdflib_child(connection, graph, text, bindings) -> None:
    try:
        result, seconds = _timed(query_rdflib, graph, text, bindings)
        connection.send((len(result.rows), seconds))
    except Exception as error:  # reported, not raised: the parent prints it
        connection.send((None, f"{type(error).__name__}: {error}"))


def time_rdflib_query(graph, text, bindings, timeout: float) -> tuple[int | None, float | str]:
    """(rows, seconds) of one rdflib query in a forked process, or (None, reason) past ``timeout``."""
    context = multiprocessing.get_context("fork")
    parent, child = context.Pipe(duplex=False)
    process = context.Process(target=_rdflib_child, args=(child, graph, text, bindings))
    process.start()
    if parent.poll(timeout):
        outcome = parent.recv()
    else:
        outcome = (None, f"> {timeout:.0f} s (stopped)")
    process.kill()
    process.join()
    return outcome


def _time_oxigraph(store, prepared) -> tuple[dict[str, int], dict[str, float]]:
    rows, times = {}, {}
    for query, bindings in prepared:
        result, times[query.name] = _timed(query_store, store, query.text, bindings)
        rows[query.name] = len(result.rows)
    return rows, times


def run(
    triples: int, rdflib_triples: int | None, timeout: float, seed: int, folder: Path, full_rdflib_load: bool = True
) -> None:
    queries = list_queries()
    prepared = [(query, typed_parameters(query, PARAMETERS.get(query.name))) for query in queries]

    full = folder / "synthetic.ttl"
    written, seconds = _timed(write_synthetic_graph, full, triples, seed)
    print(
        f"synthetic graph: {written:,} triples, {full.stat().st_size / 1e6:.0f} MB of Turtle, written in {seconds:.1f} s"
    )
    rdflib_file, rdflib_size = full, written
    if rdflib_triples and rdflib_triples < triples:
        rdflib_file = folder / "slice.ttl"
        rdflib_size = write_synthetic_graph(rdflib_file, rdflib_triples, seed)
        print(f"rdflib slice:    {rdflib_size:,} triples of the same shape")

    store, ox_load = _timed(open_store, full)
    print(f"\nOxigraph load ({written:,} triples): {ox_load:.1f} s")
    ox_rows, ox_times = _time_oxigraph(store, prepared)
    del store
    if rdflib_file != full:
        slice_rows, slice_times = _time_oxigraph(open_store(rdflib_file), prepared)
    else:
        slice_rows, slice_times = ox_rows, ox_times

    if rdflib_file != full and full_rdflib_load:
        graph, rdflib_full_load = _timed(read_turtle, full)
        print(f"rdflib load   ({written:,} triples): {rdflib_full_load:.1f} s")
        del graph
    graph, rdflib_load = _timed(read_turtle, rdflib_file)
    print(f"rdflib load   ({rdflib_size:,} triples): {rdflib_load:.1f} s")
    rdflib_outcomes = {
        query.name: time_rdflib_query(graph, query.text, bindings, timeout) for query, bindings in prepared
    }
    del graph

    slice_note = (
        f" (rdflib on the {rdflib_size:,}-triple slice; Oxigraph there too for comparison)"
        if rdflib_file != full
        else ""
    )
    print(f"\nper query, seconds{slice_note}:")
    header = f"{'query':22} {'parameters':38} {'oxigraph':>9} {'rows':>7}"
    if rdflib_file != full:
        header += f" {'ox slice':>9}"
    header += f" {'rdflib':>14} {'rows':>7}  same"
    print(header)
    for query, _ in prepared:
        params = ", ".join(f"{k}={v}" for k, v in PARAMETERS.get(query.name, {}).items()) or "-"
        rows, outcome = rdflib_outcomes[query.name]
        rdflib_text = f"{outcome:14.3f}" if isinstance(outcome, float) else f"{outcome:>14}"
        line = f"{query.name:22} {params[:38]:38} {ox_times[query.name]:9.3f} {ox_rows[query.name]:7}"
        if rdflib_file != full:
            line += f" {slice_times[query.name]:9.3f}"
        same = "-" if rows is None else ("yes" if rows == slice_rows[query.name] else f"NO ({slice_rows[query.name]})")
        line += f" {rdflib_text} {rows if rows is not None else '-':>7}  {same}"
        print(line)
        if rows is None and not outcome.startswith(">"):
            print(f"    rdflib failed: {outcome}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--triples", type=int, default=1_000_000, help="size of the synthetic graph (default 1,000,000)"
    )
    parser.add_argument(
        "--rdflib-triples",
        type=int,
        default=100_000,
        help="run rdflib's queries on a graph of this size (default 100,000; 0: the full graph)",
    )
    parser.add_argument("--timeout", type=float, default=30.0, help="seconds each rdflib query may take (default 30)")
    parser.add_argument(
        "--no-full-rdflib-load",
        action="store_true",
        help="with --rdflib-triples, do not time rdflib loading the full graph",
    )
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each figure as soon as it is measured, even into a file
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="bench-sparql-") as folder:
        run(args.triples, args.rdflib_triples, args.timeout, args.seed, Path(folder), not args.no_full_rdflib_load)
    print(f"\nbenchmark took {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
