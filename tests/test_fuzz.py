"""Property-based tests: for arbitrary text, cleaning keeps its map, extraction keeps its evidence, export round-trips.

CI runs a bounded number of examples (``FUZZ_EXAMPLES`` scales them);
``benchmarks/fuzz_long.py`` runs the same checks for much longer.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from tipgraph.extractors.ingest.cleaning import clean_text
from tipgraph.extractors.ingest.reading import UnreadableDocument, decode, html_text
from tipgraph.extractors.pipeline import extract_text
from tipgraph.extractors.records import (
    CooperationRecord,
    DocumentRecord,
    EntityRecord,
    Evidence,
    FundingRecord,
    Mention,
    RouteRecord,
)
from tipgraph.graph.model.rdf import corpus_to_rdf, new_graph
from tipgraph.graph.resolve import resolve_corpus

SCALE = float(os.environ.get("FUZZ_EXAMPLES", "1"))


def examples(n: int) -> int:
    return max(1, int(n * SCALE))


# Genre fragments, markup the cleaner rewrites, and characters that break naive code.
FRAGMENTS = [
    "UNICEF",
    "IOM",
    "the International Organization for Migration (IOM)",
    "the Ministry of Public Security",
    "MPS",
    "Save the Children",
    "La Strada",
    "Vietnam",
    "China",
    "Guangxi",
    "Lao Cai",
    "Moldova",
    "Russia",
    "the Consulate",
    "Deputy Minister Nguyen Van An",
    "Ambassador Smith",
    " cooperated with ",
    " funded ",
    " provided $2 million to ",
    " in partnership with ",
    " women were trafficked from ",
    " to ",
    " via ",
    " for forced labour",
    " for sexual exploitation",
    ". ",
    ".\n",
    "\n\n",
    "¶3. ",
    "(SBU) ",
    "(C) ",
    "-- ",
    "-\n",
    "**",
    "# ",
    "_",
    "<p>",
    "</p>",
    "<br>",
    "<script>x</script>",
    "&amp;",
    "&#8220;",
    "&bogus;",
    "SUBJECT: TIP",
    "UNCLAS SECTION 01 OF 02",
    "\r\n",
    "\t",
    "\x0c",
    "\x00",
    "\u00a0",
    "\u200b",
    "\ufeff",
    '"',
    "\\",
    "'",
    "Ngô Đình",
    "🙂",
    "𝔘",
    "UNlCEF",
    "ｕｎｉｃｅｆ",
    " not ",
    " did not cooperate with ",
]
genre_text = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=6)), max_size=40).map("".join)
any_text = st.one_of(genre_text, st.text(max_size=300))


def check_cleaning(text: str) -> None:
    cleaned = clean_text(text)
    offsets = cleaned.offsets
    assert len(offsets) == len(cleaned.text) + 1
    assert all(0 <= offsets[i] < len(text) for i in range(len(cleaned.text)))
    assert offsets[len(cleaned.text)] <= len(text)
    assert all(offsets[i] <= offsets[i + 1] for i in range(len(offsets) - 1)), "the map runs backwards"
    for i, char in enumerate(cleaned.text):
        # A character is the original one, or whitespace/an entity's character the cleaner put there, or the
        # capital it gives a clause chained by "; " (see ingest/cleaning.py).
        original = text[offsets[i]]
        clause_capital = char == original.upper() and cleaned.text[max(0, i - 2) : i] == "; "
        assert char.isspace() or char == original or original in "&-<" or clause_capital, (i, char, original)
    for start in range(0, len(cleaned.text), 7):
        for end in (start, start + 1, min(len(cleaned.text), start + 9)):
            a, b = cleaned.original_span(start, end)
            assert 0 <= a <= b <= len(text)


def check_extraction(nlp, text: str) -> None:
    record = extract_text(nlp, text, "fuzz.txt")
    keys = {entity.key for entity in record.entities}
    for entity in record.entities:
        for mention in entity.mentions:
            # Offsets lie in the original; the mention's text is its surface form as the
            # model read it (cleaning may have dropped a mark inside the span).
            assert 0 <= mention.start <= mention.end <= len(text), mention
    for relation in record.relations:
        evidence = relation.evidence
        assert 0 <= evidence.start <= evidence.end <= len(text)
        assert text[evidence.start : evidence.end] == evidence.text
        ends = {
            CooperationRecord: lambda r: r.participants,
            FundingRecord: lambda r: [r.funder, r.recipient],
            RouteRecord: lambda r: r.origin + r.destination + r.transit,
        }[type(relation)](relation)
        assert set(ends) <= keys


def check_export(records: list[DocumentRecord]) -> None:
    graph = corpus_to_rdf(resolve_corpus(records))
    back = new_graph()
    back.parse(data=graph.serialize(format="turtle"), format="turtle")
    assert isomorphic(graph, back)
    ntriples = Graph().parse(data=graph.serialize(format="nt"), format="nt")
    assert isomorphic(graph, ntriples)


def check_decoding(data: bytes) -> None:
    try:
        text = decode(data)
    except UnreadableDocument:
        return
    assert isinstance(text, str)
    html_text(text)


ENTITY_CLASSES = ["Agency", "NGO", "InternationalOrganization", "Official", "Person", "Country", "City", "Region"]


@st.composite
def document_records(draw) -> DocumentRecord:
    label = st.text(min_size=1, max_size=30)
    entities = [
        EntityRecord(
            f"e{i}",
            draw(label),
            draw(st.sampled_from(ENTITY_CLASSES)),
            aliases=draw(st.lists(label, max_size=2)),
            mentions=[Mention(draw(label), 0, 1)],
            country=draw(st.sampled_from([None, "VN", "CN", "MD"])),
            role=draw(st.one_of(st.none(), label)),
        )
        for i in range(draw(st.integers(2, 5)))
    ]
    keys = [e.key for e in entities]
    evidence = st.builds(lambda t, s: Evidence(t, s, s + len(t)), st.text(max_size=80), st.integers(0, 10_000))
    confidence = st.floats(0, 1, allow_nan=False)
    relations = draw(
        st.lists(
            st.one_of(
                st.builds(
                    CooperationRecord,
                    st.lists(st.sampled_from(keys), min_size=2, max_size=3, unique=True),
                    evidence,
                    confidence,
                    st.booleans(),
                ),
                st.builds(
                    FundingRecord,
                    st.sampled_from(keys),
                    st.sampled_from(keys),
                    evidence,
                    st.one_of(st.none(), label),
                    confidence,
                    st.booleans(),
                ),
                st.builds(
                    RouteRecord,
                    st.lists(st.sampled_from(keys), min_size=1, max_size=2),
                    st.lists(st.sampled_from(keys), min_size=1, max_size=2),
                    evidence,
                    purposes=st.lists(st.sampled_from(["ForcedLabour", "SexualExploitation"]), max_size=1, unique=True),
                    victims=st.lists(st.sampled_from(["Children", "Women"]), max_size=1, unique=True),
                ),
            ),
            max_size=4,
        )
    )
    sha = draw(st.text("0123456789abcdef", min_size=64, max_size=64))
    return DocumentRecord(
        [draw(st.text(min_size=1, max_size=20))],
        sha,
        title=draw(st.one_of(st.none(), label)),
        creator=draw(st.one_of(st.none(), label)),
        entities=entities,
        relations=relations,
    )


@settings(max_examples=examples(300), deadline=None)
@given(any_text)
@example("Guards beat the men; brokers sold the boys")  # a chained clause's capital, always tried
def test_cleaning_maps_every_character_into_the_original(text):
    check_cleaning(text)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_extraction_of_arbitrary_text_keeps_evidence_and_mentions_in_the_original(nlp, text):
    check_extraction(nlp, text)


@settings(max_examples=examples(40), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(document_records(), min_size=1, max_size=3, unique_by=lambda r: r.sha256))
def test_export_round_trips_through_turtle(records):
    check_export(records)


@settings(max_examples=examples(200), deadline=None)
@given(
    st.one_of(
        st.binary(max_size=400), any_text.map(lambda t: t.encode("utf-8")), any_text.map(lambda t: t.encode("utf-16"))
    )
)
def test_decoding_arbitrary_bytes_gives_text_or_a_reason(data):
    check_decoding(data)
