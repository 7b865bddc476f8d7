"""The shipped SPARQL queries: what they answer, on a corpus of known content and on the seeds.

A small hand-made corpus (two documents whose every relation is known) pins
down each query's exact rows; the seeds check facts any reasonable
extraction of them holds, and that Oxigraph and rdflib agree.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.plugins.sparql import prepareQuery
from typer.testing import CliRunner

from tipgraph.extractors.records import (
    CooperationRecord,
    DocumentRecord,
    EntityRecord,
    Evidence,
    FundingRecord,
    Mention,
    RouteRecord,
)
from tipgraph.graph.cli.main import app
from tipgraph.graph.model.rdf import corpus_to_rdf
from tipgraph.graph.resolve import resolve_corpus
from tipgraph.graph.sparql.core import QueryError, bind_values, list_queries, load_named_query
from tipgraph.graph.sparql.oxigraph_engine import open_store
from tipgraph.graph.sparql.query import run_query
from tipgraph.ontology import ONTOLOGY_FILE, QUERIES_DIR
from tipgraph.ontology.gazetteer import load_gazetteer
from tipgraph.ontology.namespace import TG

from ..conftest import SEEDS

runner = CliRunner()
GAZETTEER = load_gazetteer()

# --- A corpus whose every relation is known --------------------------------------------

CABLE = (
    "1. UNICEF, in cooperation with the Ministry of Public Security (MPS), opened a shelter for returned victims in Lang Son.\n"
    "2. The USG funded UNODC with USD 3 million for the project.\n"
    "3. Women from Lang Son are trafficked to China for forced marriage.\n"
    "4. UNICEF did not cooperate with the USG on this project.\n"
    "5. Vice Minister Le Van Tam of MPS said that no victims were trafficked from Vietnam to Cambodia.\n"
)
NEWS = (
    "China and Vietnam signed an agreement to cooperate against trafficking, with support from the UN Children's Fund.\n"
    "Children from Vietnam are trafficked to China for sexual exploitation.\n"
)


def _evidence(text: str, sentence_start: str) -> Evidence:
    start = text.index(sentence_start)
    end = text.index("\n", start)
    return Evidence(text[start:end], start, end)


def _entity(text: str, key: str, label: str, cls: str, **attrs) -> EntityRecord:
    mentions = [Mention(m.group(), m.start(), m.end()) for m in re.finditer(re.escape(label), text)]
    return EntityRecord(key, label, cls, mentions=mentions, **attrs)


def _countries(text: str) -> list[EntityRecord]:
    """Vietnam and China as the pipeline gives them: identified by the gazetteer, with its coordinates."""
    return [
        _entity(
            text,
            code.lower(),
            name,
            "Country",
            country=code,
            gazetteer_id=code,
            lat=GAZETTEER.get(code).lat,
            long=GAZETTEER.get(code).long,
        )
        for code, name in (("VN", "Vietnam"), ("CN", "China"))
    ]


def known_corpus() -> Graph:
    cable = DocumentRecord(
        ["a.txt"],
        "a" * 64,
        title="TRAFFICKING IN PERSONS",
        date="2004-05-11",
        creator="Embassy Hanoi",
        entities=[
            _entity(CABLE, "unicef", "UNICEF", "InternationalOrganization", aliases=["United Nations Children's Fund"]),
            _entity(CABLE, "mps", "Ministry of Public Security", "Agency", aliases=["MPS"], country="VN"),
            _entity(CABLE, "usg", "United States Government", "Agency", aliases=["USG"], country="US"),
            _entity(CABLE, "unodc", "UNODC", "InternationalOrganization"),
            _entity(CABLE, "langson", "Lang Son", "Province", country="VN", located_in="VN", lat=21.85, long=106.76),
            _entity(CABLE, "kh", "Cambodia", "Country", country="KH", gazetteer_id="KH"),
            _entity(CABLE, "tam", "Le Van Tam", "Official", country="VN", role="Vice Minister", affiliation="mps"),
            *_countries(CABLE),
        ],
        relations=[
            CooperationRecord(["unicef", "mps"], _evidence(CABLE, "1.")),
            FundingRecord("usg", "unodc", _evidence(CABLE, "2."), amount="USD 3 million"),
            RouteRecord(["langson"], ["cn"], _evidence(CABLE, "3."), purposes=["ForcedMarriage"], victims=["Women"]),
            CooperationRecord(["unicef", "usg"], _evidence(CABLE, "4."), negated=True),
            RouteRecord(["vn"], ["kh"], _evidence(CABLE, "5."), negated=True),
        ],
    )
    news = DocumentRecord(
        ["b.txt"],
        "b" * 64,
        title="China and Vietnam sign agreement",
        date="2009-02-03",
        entities=[
            *_countries(NEWS),
            _entity(NEWS, "unicef", "UNICEF", "InternationalOrganization", aliases=["UN Children's Fund"]),
        ],
        relations=[
            CooperationRecord(["cn", "vn", "unicef"], _evidence(NEWS, "China and")),
            RouteRecord(
                ["vn"], ["cn"], _evidence(NEWS, "Children"), purposes=["SexualExploitation"], victims=["Children"]
            ),
        ],
    )
    return corpus_to_rdf(resolve_corpus([cable, news]))


@pytest.fixture(scope="module")
def known():
    return known_corpus()


@pytest.fixture(scope="module")
def known_store(known):
    return open_store(known)


def columns(result, *names):
    return [tuple(record[name] for name in names) for record in result.records()]


# --- The library itself --------------------------------------------------------------------

QUESTIONS = {
    "actors_by_class": "actors by class",
    "cooperation_network": "cooperation network",
    "funding": "funds whom",
    "routes": "routes by origin, destination, purpose and victim group",
    "relation_evidence": "evidence",
    "officials": "role",
    "places": "coordinates",
    "entities_mentioned": "date range",
    "documents": "documents",
}


@pytest.mark.parametrize("name, words", sorted(QUESTIONS.items()))
def test_each_question_has_a_shipped_query_that_says_so(name, words):
    query = load_named_query(name)
    assert words in query.question.lower()
    prepareQuery(query.text)  # a query an analyst can paste anywhere: its own PREFIXes, valid SPARQL


def test_every_shipped_file_is_in_the_library_with_typed_parameters():
    assert (
        sorted(q.name for q in list_queries()) == sorted(p.stem for p in QUERIES_DIR.glob("*.rq")) == sorted(QUESTIONS)
    )
    for query in list_queries():
        for parameter in query.parameters:
            assert parameter.type in ("string", "date", "integer", "purpose", "victim_group") and parameter.description
            assert f"?{parameter.name}" in query.text


# --- Exact rows on the known corpus ---------------------------------------------------------

KNOWN_ROWS = [
    (
        "actors_by_class",
        {},
        ("class", "actor_label", "mentions", "documents"),
        [
            ("Agency", "Ministry of Public Security", 1, 1),
            ("Agency", "United States Government", 1, 1),
            ("InternationalOrganization", "UNICEF", 3, 2),
            ("InternationalOrganization", "UNODC", 1, 1),
            ("Official", "Le Van Tam", 1, 1),
        ],
    ),
    # An alias in another case finds UNICEF; the negated statement with the USG is no tie.
    (
        "cooperation_network",
        {"actor": "united nations CHILDREN'S fund"},
        ("actor_label", "partner_label", "partner_class", "statements"),
        [
            ("UNICEF", "China", "Country", 1),
            ("UNICEF", "Ministry of Public Security", "Agency", 1),
            ("UNICEF", "Vietnam", "Country", 1),
        ],
    ),
    ("cooperation_network", {"actor": "Vietnam"}, ("partner_label",), [("China",), ("UNICEF",)]),
    ("cooperation_network", {"actor": "Oxfam"}, ("partner_label",), []),
    (
        "funding",
        {},
        ("funder_label", "recipient_label", "amount", "file"),
        [("United States Government", "UNODC", "USD 3 million", "a.txt")],
    ),
    ("funding", {"funder": "usg"}, ("recipient_label",), [("UNODC",)]),
    ("funding", {"recipient": "UNICEF"}, ("recipient_label",), []),
    (
        "routes",
        {},
        ("origin_label", "destination_label", "purposes", "victim_groups", "file"),
        [
            ("Lang Son", "China", "ForcedMarriage", "Women", "a.txt"),
            ("Vietnam", "China", "SexualExploitation", "Children", "b.txt"),
        ],
    ),
    # A country takes in the places inside it; purposes match ignoring case; a negated route is no route.
    ("routes", {"origin": "VIETNAM"}, ("origin_label",), [("Lang Son",), ("Vietnam",)]),
    ("routes", {"purpose": "forcedmarriage"}, ("origin_label", "destination_label"), [("Lang Son", "China")]),
    ("routes", {"purpose": "forced_marriage"}, ("origin_label",), [("Lang Son",)]),  # the guide's word
    ("routes", {"purpose": "Sexual exploitation"}, ("origin_label",), [("Vietnam",)]),  # the label
    ("routes", {"victim_group": "children", "destination": "China"}, ("origin_label",), [("Vietnam",)]),
    ("routes", {"destination": "Cambodia"}, ("origin_label",), []),
    (
        "relation_evidence",
        {"entity": "china", "other": "VIETNAM"},
        ("relation", "entity_role", "other_role", "file", "negated"),
        [
            ("Cooperation", "participant", "participant", "b.txt", False),
            ("TraffickingRoute", "destination", "origin", "b.txt", False),
        ],
    ),
    (
        "relation_evidence",
        {"entity": "UNICEF", "other": "USG"},
        ("relation", "evidence", "negated"),
        [
            ("Cooperation", "4. UNICEF did not cooperate with the USG on this project.", True),
        ],
    ),
    ("relation_evidence", {"entity": "UNODC", "other": "Cambodia"}, ("relation",), []),
    (
        "officials",
        {},
        ("official_label", "role", "affiliation_label", "country"),
        [("Le Van Tam", "Vice Minister", "Ministry of Public Security", "VN")],
    ),
    (
        "places",
        {"within": "Vietnam"},
        ("class", "place_label", "country", "lat", "long", "enclosing_label"),
        [
            ("Province", "Lang Son", "VN", 21.85, 106.76, "Vietnam"),
        ],
    ),
    (
        "entities_mentioned",
        {"document": "B.TXT"},
        ("file", "class", "entity_label"),
        [
            ("b.txt", "Country", "China"),
            ("b.txt", "Country", "Vietnam"),
            ("b.txt", "InternationalOrganization", "UNICEF"),
        ],
    ),
    ("entities_mentioned", {"from": "2009-01-01"}, ("entity_label",), [("China",), ("Vietnam",), ("UNICEF",)]),
    ("entities_mentioned", {"to": "2004-12-31", "document": "b.txt"}, ("entity_label",), []),
    (
        "documents",
        {},
        ("file", "title", "entities", "relations"),
        [
            ("a.txt", "TRAFFICKING IN PERSONS", 9, 5),
            ("b.txt", "China and Vietnam sign agreement", 3, 2),
        ],
    ),
]


@pytest.mark.parametrize("name, params, names, expected", KNOWN_ROWS, ids=lambda v: v if isinstance(v, str) else None)
def test_shipped_query_gives_the_known_rows(known, known_store, name, params, names, expected):
    assert columns(run_query(known_store, name, params), *names) == expected
    assert columns(run_query(known, name, params, engine="rdflib"), *names) == expected


def test_evidence_is_the_sentence_at_its_offsets(known_store):
    for row in run_query(known_store, "relation_evidence", {"entity": "China", "other": "Vietnam"}).records():
        assert NEWS[row["start"] : row["end"]] == row["evidence"]


def test_places_give_coordinates_and_the_enclosing_place(known_store):
    rows = {row["place_label"]: row for row in run_query(known_store, "places").records()}
    assert rows["Vietnam"]["class"] == "Country" and rows["Vietnam"]["country"] == "VN"
    assert (rows["Vietnam"]["lat"], rows["Vietnam"]["long"]) == (GAZETTEER.get("VN").lat, GAZETTEER.get("VN").long)
    assert rows["Lang Son"]["enclosing_label"] == "Vietnam"
    assert "United States" in rows  # the USG's country, a place the corpus refers to


# --- Parameters are values, never query text -----------------------------------------------

HOSTILE = [
    'UNICEF" } UNION { ?actor_iri ?p ?o } #',
    "UNICEF' . ?s ?p ?o . FILTER(true",
    "} } SELECT * WHERE { ?s ?p ?o",
    'x"""\n} DROP ALL',
    "\\u0022) } #",
    "UNICEF\\",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_a_value_with_sparql_syntax_stays_one_value(known, known_store, value):
    for source, engine in ((known_store, "auto"), (known, "rdflib")):
        assert run_query(source, "cooperation_network", {"actor": value}, engine=engine).rows == []
        assert run_query(source, "SELECT ?actor WHERE { }", {"actor": value}, engine=engine).rows == [[value]]


@settings(max_examples=150, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs",))))
@example('"')
@example("\\u0022")
@example("\\")
@example("a\r\nb\tc")
def test_any_text_comes_back_unchanged_from_both_engines(value):
    for engine in ("oxigraph", "rdflib"):
        assert run_query(Graph(), "SELECT ?value WHERE { }", {"value": value}, engine=engine).rows == [[value]]


def test_values_go_into_the_where_group_past_iris_comments_and_strings():
    text = 'PREFIX tg: <https://w3id.org/tipgraph/ontology#>\n# a { brace in a comment\nSELECT ("{" AS ?b) ?x WHERE { ?x ?p ?o }'
    bound = bind_values(text, {"x": Literal("a")})
    assert bound.endswith('WHERE { VALUES (?x) { ("a") }  ?x ?p ?o }')


def test_values_go_into_each_sub_select_too():
    text = 'SELECT ?x WHERE { { SELECT ?x WHERE { ?x ?p "select {" FILTER(?x = ?n) } } ?select ?q ?r # SELECT {\n }'
    bound = bind_values(text, {"n": Literal("a")})
    assert bound.count('VALUES (?n) { ("a") }') == 2
    assert bound.startswith(
        'SELECT ?x WHERE { VALUES (?n) { ("a") }  { SELECT ?x WHERE { VALUES (?n) { ("a") }  ?x ?p "select {"'
    )


@pytest.mark.parametrize(
    "name, params, message",
    [
        ("cooperation_network", {}, "needs --param actor="),
        ("cooperation_network", {"actr": "UNICEF"}, "has no parameter 'actr'"),
        ("entities_mentioned", {"from": "15/09/2003"}, "wants a date as YYYY-MM-DD"),
        ("no_such_query", {}, "the queries are: actors_by_class"),
        ("SELECT ?x WHERE { }", {"x y": "1"}, "cannot be a parameter"),
    ],
)
def test_a_bad_name_or_parameter_is_one_clear_error(known_store, name, params, message):
    with pytest.raises(QueryError, match=re.escape(message)):
        run_query(known_store, name, params)


# --- The seeds ---------------------------------------------------------------------------------


def names_of(rdf: Graph, iri: str) -> set[str]:
    return {str(n).lower() for p in (RDFS.label, SKOS.altLabel) for n in rdf.objects(URIRef(iri), p)}


def test_seeds_actors_by_class(seeds_rdf):
    rows = run_query(seeds_rdf, "actors_by_class").records()
    unicef = [row for row in rows if row["actor_label"] == "UNICEF"]
    assert [(row["class"], row["documents"]) for row in unicef] == [("InternationalOrganization", 2)]
    assert unicef[0]["mentions"] >= 2
    assert {row["class"] for row in rows} <= {"Agency", "NGO", "InternationalOrganization", "Official", "Person"}
    for before, after in zip(rows, rows[1:]):
        if before["class"] == after["class"]:
            assert before["mentions"] >= after["mentions"]


def test_seeds_cooperation_network_of_china_holds_vietnam(seeds_rdf):
    rows = run_query(seeds_rdf, "cooperation_network", {"actor": "cHiNa"}).records()
    assert {row["actor_label"] for row in rows} == {"China"}
    vietnam = [row for row in rows if row["partner_label"] == "Vietnam"]
    assert vietnam and vietnam[0]["partner_class"] == "Country" and vietnam[0]["statements"] >= 1


def test_seeds_the_usg_funds_unodc(seeds_rdf):
    rows = run_query(seeds_rdf, "funding", {"recipient": "unodc"}).records()
    assert rows and all(row["file"] == "001_4e0aea026e92f544.txt" for row in rows)
    assert all(
        {"usg", "united states government", "government of united states"} & names_of(seeds_rdf, row["funder_iri"])
        for row in rows
    )


def test_seeds_routes_from_vietnam_to_china(seeds_rdf):
    purposes = {str(p).rsplit("#", 1)[-1] for p in Graph().parse(ONTOLOGY_FILE).subjects(RDF.type, TG.Purpose)}
    everything = run_query(seeds_rdf, "routes").records()
    named = {p for row in everything if row["purposes"] for p in row["purposes"].split(", ")}
    assert named and named <= purposes
    to_china = run_query(seeds_rdf, "routes", {"origin": "Vietnam", "destination": "china"}).records()
    assert to_china and {"ForcedMarriage", "SexualExploitation"} & {
        p for row in to_china if row["purposes"] for p in row["purposes"].split(", ")
    }


def test_seeds_evidence_of_china_vietnam_cooperation_is_the_original_text(seeds_rdf):
    rows = run_query(seeds_rdf, "relation_evidence", {"entity": "China", "other": "Vietnam"}).records()
    cooperation = [
        row for row in rows if row["relation"] == "Cooperation" and row["file"] == "000_d7ebc8095375f6f8.txt"
    ]
    assert any("cooperation between China and Vietnam" in row["evidence"] for row in cooperation)
    for row in rows:
        text = (SEEDS / row["file"]).read_text(encoding="utf-8")
        assert text[row["start"] : row["end"]] == row["evidence"]


def test_seeds_officials_have_roles(seeds_rdf):
    rows = run_query(seeds_rdf, "officials").records()
    assert {row["official_iri"] for row in rows} == {str(o) for o in seeds_rdf.subjects(RDF.type, TG.Official)}
    assert any(row["official_label"].endswith("Khiem") and "Prime Minister" in (row["role"] or "") for row in rows)


def test_seeds_places_have_coordinates_and_enclosing_places(seeds_rdf):
    rows = run_query(seeds_rdf, "places").records()
    vietnam = [row for row in rows if row["place_label"] == "Vietnam"]
    assert [(row["class"], row["country"]) for row in vietnam] == [("Country", "VN")]
    assert abs(vietnam[0]["lat"] - 21.0) < 1 and abs(vietnam[0]["long"] - 105.8) < 1
    in_china = run_query(seeds_rdf, "places", {"within": "China"}).records()
    assert in_china and all(row["country"] == "CN" for row in in_china)
    assert "Vietnam" not in {row["place_label"] for row in in_china}


def test_seeds_entities_mentioned_in_a_document_and_a_date_range(seeds_rdf):
    news = run_query(seeds_rdf, "entities_mentioned", {"document": "003_b65baa20bd05a1e3.txt"}).records()
    assert {row["file"] for row in news} == {"003_b65baa20bd05a1e3.txt"}
    assert {("Country", "Vietnam"), ("Country", "Cambodia")} <= {(row["class"], row["entity_label"]) for row in news}
    in_2003 = run_query(seeds_rdf, "entities_mentioned", {"from": "2003-01-01", "to": "2003-12-31"}).records()
    assert {row["file"] for row in in_2003} == {"001_4e0aea026e92f544.txt"}
    assert ("InternationalOrganization", "UNICEF") in {(row["class"], row["entity_label"]) for row in in_2003}


def test_seeds_documents(seeds_rdf):
    rows = run_query(seeds_rdf, "documents").records()
    assert sorted(row["file"] for row in rows) == sorted(p.name for p in SEEDS.glob("*.txt"))
    cable = next(row for row in rows if row["file"] == "001_4e0aea026e92f544.txt")
    assert str(cable["date"]) == "2003-09-15" and cable["entities"] > 10 and cable["relations"] > 0


SEED_PARAMETERS = {
    "cooperation_network": {"actor": "unicef"},
    "relation_evidence": {"entity": "China", "other": "Vietnam"},
    "places": {"within": "Vietnam"},
    "routes": {"origin": "Vietnam"},
}


@pytest.mark.parametrize("name", sorted(QUESTIONS))
def test_oxigraph_and_rdflib_give_the_same_rows_on_the_seeds(seeds_rdf, name):
    params = SEED_PARAMETERS.get(name, {})
    oxigraph = run_query(seeds_rdf, name, params)
    rdflib = run_query(seeds_rdf, name, params, engine="rdflib")
    assert oxigraph.variables == rdflib.variables
    assert sorted(map(repr, oxigraph.rows)) == sorted(map(repr, rdflib.rows))
    assert oxigraph.rows


# --- The command ------------------------------------------------------------------------------


def test_query_by_name_with_parameters(seeds_build):
    _, out = seeds_build
    result = runner.invoke(
        app, ["query", str(out / "graph.ttl"), "cooperation_network", "--param", "actor=China", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[0].startswith("actor_label,partner_label,partner_class,statements,documents")
    assert any(line.startswith("China,Vietnam,Country,") for line in result.output.splitlines())


@pytest.mark.parametrize(
    "args, message",
    [
        (["cooperation_network"], "needs --param actor="),
        (["cooperation_network", "--param", "actor"], "write NAME=VALUE"),
        (["no_such_query"], "the queries are:"),
    ],
)
def test_query_mistakes_are_one_readable_line(seeds_build, args, message):
    _, out = seeds_build
    result = runner.invoke(app, ["query", str(out / "graph.ttl"), *args])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_queries_lists_every_query_with_its_parameters():
    result = runner.invoke(app, ["queries"])
    assert result.exit_code == 0
    for query in list_queries():
        assert f"{query.name}: {query.question}" in result.output
    assert "--param actor=" in result.output
