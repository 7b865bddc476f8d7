"""A synthetic tipgraph graph in the project's shape, of any size, for the SPARQL benchmark.

Documents with file names, dates and authors; agencies, NGOs, international
organisations, officials (role, affiliation) and persons with aliases,
mention counts and ``tg:mentionedIn`` links, a few of them hubs; the
gazetteer's countries plus provinces and cities with coordinates and
``tg:locatedIn``; cooperation, funding and route statements with evidence
sentences, offsets, purposes, victim groups and the shortcut triples. IRIs
come from ``tipgraph.ontology.iris``. The same seed gives the same triples.
"""

from __future__ import annotations

import hashlib
import itertools
import random
from pathlib import Path

from tipgraph.ontology.gazetteer import load_gazetteer
from tipgraph.ontology.iris import document_iri, entity_iri, place_iri, statement_iri

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


def write_synthetic_graph(path: Path, triples: int, seed: int = 0) -> int:
    """Write a Turtle graph of about ``triples`` triples; return how many it holds."""
    graph = _SyntheticGraph(random.Random(seed))
    docs = graph.documents(max(5, triples // TRIPLES_PER_DOCUMENT), seed)
    countries = graph.countries(docs)
    places = graph.places(docs, countries)
    actors = graph.actors(docs)
    graph.statements(docs, actors, places)
    path.write_text("".join(graph.lines), encoding="utf-8")
    return graph.count


_FOCUS = ("VN", "CN", "KH", "TH", "LA", "GB", "US", "TW", "KR", "MY")


class _SyntheticGraph:
    """Turtle lines drawn from one random generator, in a fixed order (the same seed, the same graph)."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.lines: list[str] = [PREFIXES]
        self.count = 0
        self.focus = [str(place_iri(code)) for code in _FOCUS]

    def node(self, subject: str, *pairs: tuple[str, str]) -> None:
        self.lines.append(f"<{subject}> " + " ;\n    ".join(f"{p} {o}" for p, o in pairs) + " .\n")
        self.count += len(pairs)

    def documents(self, documents: int, seed: int) -> list[tuple[str, str]]:
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
            self.node(iri, *pairs)
        return docs

    def countries(self, docs: list[tuple[str, str]]) -> list[str]:
        rng = self.rng
        countries = []
        for entry in load_gazetteer().countries():
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
            self.node(iri, *pairs)
        return countries

    def places(self, docs: list[tuple[str, str]], countries: list[str]) -> list[str]:
        """Provinces in (mostly) the focus countries and cities in the provinces; all places, countries first."""
        rng = self.rng
        documents = len(docs)
        places = list(countries)
        provinces = []
        for p in range(documents // 8):
            country = rng.choice(self.focus) if rng.random() < 0.7 else rng.choice(countries)
            iri = str(entity_iri("Province", f"Province {p}", country.rsplit("/", 1)[-1]))
            provinces.append(iri)
            self.node(
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
            self.node(
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
        return places + provinces

    def actors(self, docs: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The hubs, then a long tail of actors; officials work for an organisation named before them."""
        rng = self.rng
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
            self.node(iri, *pairs)
            actors.append((iri, cls))
        organisations = [iri for iri, cls in actors]
        for a in range(len(docs) * 4):
            cls = rng.choices(ACTOR_CLASSES, ACTOR_SHARE)[0]
            label = f"{cls} {a}"
            country = rng.choice(self.focus)
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
            self.node(iri, *pairs)
            actors.append((iri, cls))
            if cls != "Person" and cls != "Official":
                organisations.append(iri)
        return actors

    def statements(self, docs: list[tuple[str, str]], actors: list[tuple[str, str]], places: list[str]) -> None:
        """Per document: a dozen mentions and five statements (two cooperations, a funding, two routes)."""
        rng = self.rng
        # Hubs first, then a long tail; cumulative once, or each draw would sum them all again.
        self.weights = list(itertools.accumulate(1 / (i + 1) ** 0.8 for i in range(len(actors))))
        self.place_weights = list(itertools.accumulate(1 / (i + 1) ** 0.5 for i in range(len(places))))
        write = {"cooperation": self._cooperation, "funding": self._funding, "route": self._route}
        for doc, sha in docs:
            for mentioned in {iri for iri, _ in rng.choices(actors, cum_weights=self.weights, k=12)}:
                self.node(mentioned, ("tg:mentionedIn", f"<{doc}>"))
            for index in range(5):
                kind = ("cooperation", "cooperation", "funding", "route", "route")[index]
                iri = str(statement_iri(sha, kind, index))
                start = rng.randint(0, 20000)
                evidence = f"In {2000 + index}, the parties agreed to {kind} on trafficking cases reported in document {doc[-8:]}."
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
                write[kind](iri, pairs, negated, actors, places)

    def _cooperation(self, iri, pairs, negated, actors, places) -> None:
        rng = self.rng
        ends = list({iri_ for iri_, _ in rng.choices(actors, cum_weights=self.weights, k=rng.choice((2, 2, 3)))})
        if rng.random() < 0.1:
            ends = [str(place_iri("VN")), str(place_iri("CN"))]
        if len(ends) < 2:
            return
        self.node(iri, *([("a", "tg:Cooperation")] + pairs + [("tg:participant", f"<{e}>") for e in ends]))
        if not negated:
            for a in ends:
                for b in ends:
                    if a != b:
                        self.node(a, ("tg:cooperatesWith", f"<{b}>"))

    def _funding(self, iri, pairs, negated, actors, places) -> None:
        rng = self.rng
        funder, recipient = (iri_ for iri_, _ in rng.choices(actors, cum_weights=self.weights, k=2))
        pairs = [("a", "tg:Funding")] + pairs + [("tg:funder", f"<{funder}>"), ("tg:recipient", f"<{recipient}>")]
        if rng.random() < 0.5:
            pairs.append(("tg:amount", _text(f"USD {rng.randint(1, 900)}0,000")))
        self.node(iri, *pairs)
        if not negated:
            self.node(funder, ("tg:funds", f"<{recipient}>"))

    def _route(self, iri, pairs, negated, actors, places) -> None:
        rng = self.rng
        origin, destination = rng.choices(places, cum_weights=self.place_weights, k=2)
        if rng.random() < 0.2:
            origin, destination = str(place_iri("VN")), str(place_iri("CN"))
        pairs = (
            [("a", "tg:TraffickingRoute")]
            + pairs
            + [("tg:origin", f"<{origin}>"), ("tg:destination", f"<{destination}>")]
        )
        pairs += [("tg:purpose", f"tg:{p}") for p in rng.sample(PURPOSES, rng.choice((0, 1, 1, 2)))]
        pairs += [("tg:victimGroup", f"tg:{v}") for v in rng.sample(VICTIMS, rng.choice((0, 1, 2)))]
        if rng.random() < 0.1:
            pairs.append(("tg:transit", f"<{rng.choice(places)}>"))
        self.node(iri, *pairs)
        if not negated:
            self.node(origin, ("tg:routeTo", f"<{destination}>"))
