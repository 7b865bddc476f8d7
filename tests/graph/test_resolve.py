"""Cross-document resolution: one node per real-world entity, never two countries' bodies in one."""

from __future__ import annotations

import pytest

from tipgraph.extractors.pipeline import extract_text
from tipgraph.extractors.records import CooperationRecord, DocumentRecord, EntityRecord, Evidence
from tipgraph.graph.resolve import resolve_corpus


def record(name, *entities):
    return DocumentRecord([name], name * 4, entities=list(entities))


@pytest.mark.parametrize(
    "first, second, merged",
    [
        # same body, same country, different surface forms
        (
            EntityRecord("e0", "Ministry of Public Security", "Agency", aliases=["MPS"], country="VN"),
            EntityRecord(
                "e0",
                "Ministry of Public Security",
                "Agency",
                aliases=["Vietnamese Ministry of Public Security"],
                country="VN",
            ),
            True,
        ),
        (
            EntityRecord("e0", "Civil Affairs Department", "Agency", country="CN"),
            EntityRecord("e0", "Department of Civil Affairs", "Agency", country="CN"),
            True,
        ),
        # word order, filler words and spelling variants of one body's name
        (
            EntityRecord("e0", "Foreign Ministry", "Agency", country="LK"),
            EntityRecord("e0", "Ministry of Foreign Affairs", "Agency", country="LK"),
            True,
        ),
        (
            EntityRecord("e0", "Government Ministry for Social Welfare", "Agency", country="ZW"),
            EntityRecord("e0", "Ministry of Social Welfare", "Agency", country="ZW"),
            True,
        ),
        (
            EntityRecord("e0", "Edo State Task Force against Human Trafficking", "Agency", country="NG"),
            EntityRecord("e0", "Edo Taskforce against Human Trafficking", "Agency", country="NG"),
            True,
        ),
        (
            EntityRecord("e0", "Ministry of Defence", "Agency", country="LK"),
            EntityRecord("e0", "Ministry of Defense", "Agency", country="LK"),
            True,
        ),
        # different bodies stay apart
        (
            EntityRecord("e0", "Ministry of Foreign Affairs", "Agency", country="LK"),
            EntityRecord("e0", "Ministry of Home Affairs", "Agency", country="LK"),
            False,
        ),
        # same name, different countries: never one node
        (
            EntityRecord("e0", "Ministry of Public Security", "Agency", country="VN"),
            EntityRecord("e0", "Ministry of Public Security", "Agency", country="CN"),
            False,
        ),
        (
            EntityRecord("e0", "Ministry of Foreign Affairs", "Agency", country="VN"),
            EntityRecord("e0", "Ministry of Foreign Affairs", "Agency", country="LK"),
            False,
        ),
        # a gazetteer id identifies a place whatever it is called
        (
            EntityRecord("e0", "Vietnam", "Country", aliases=["Viet Nam"], country="VN", gazetteer_id="VN"),
            EntityRecord("e0", "Vietnam", "Country", aliases=["SRV"], country="VN", gazetteer_id="VN"),
            True,
        ),
        # a person named with and without title is one person; an official is the more specific class
        (
            EntityRecord("e0", "Pham Gia Khiem", "Official", role="Deputy Prime Minister"),
            EntityRecord("e0", "Pham Gia Khiem", "Person"),
            True,
        ),
        # same name, different classes
        (
            EntityRecord("e0", "Women's Union", "Agency", country="VN"),
            EntityRecord("e0", "Women's Union", "NGO", country="VN"),
            False,
        ),
    ],
)
def test_entities_merge_on_name_class_and_jurisdiction(first, second, merged):
    corpus = resolve_corpus([record("a.txt", first), record("b.txt", second)])
    assert (len(corpus.entities) == 1) == merged


def test_every_surface_form_is_kept_as_an_alias():
    a = EntityRecord("e0", "Ministry of Public Security", "Agency", aliases=["MPS"], country="VN")
    b = EntityRecord(
        "e0", "Ministry of Public Security", "Agency", aliases=["Vietnamese Ministry of Public Security"], country="VN"
    )
    (node,) = resolve_corpus([record("a.txt", a), record("b.txt", b)]).entities.values()
    assert node.aliases == {"MPS", "Vietnamese Ministry of Public Security"}
    assert len(node.documents) == 2


def test_a_body_without_jurisdiction_joins_the_only_one_of_its_name():
    a = EntityRecord("e0", "Ministry of Justice", "Agency", country="VN")
    b = EntityRecord("e0", "Ministry of Justice", "Agency")
    assert len(resolve_corpus([record("a.txt", a), record("b.txt", b)]).entities) == 1


def test_two_countries_ministries_stay_apart_end_to_end(nlp):
    china = extract_text(
        nlp,
        "Chinese Minister of Public Security (MPS) Zhao Kezhi flew to Laos. UNICEF cooperates with the MPS in China.",
        "cn.txt",
    )
    vietnam = extract_text(
        nlp,
        "In Hanoi, the Ministry of Public Security (MPS) drafts the plan for Vietnam. MPS cooperates with UNICEF.",
        "vn.txt",
    )
    corpus = resolve_corpus([china, vietnam])
    ministries = [n for n in corpus.entities.values() if n.label == "Ministry of Public Security"]
    assert sorted(n.country for n in ministries) == ["CN", "VN"]
    unicef = [n for n in corpus.entities.values() if n.label == "UNICEF"]
    assert len(unicef) == 1 and len(unicef[0].documents) == 2


@pytest.mark.parametrize("written", ["Tran Van-Minh", "TRAN VAN MINH", "Trần Văn Minh", "Tran  Van Minh"])
def test_a_person_merges_across_documents_exactly_as_within_one(written):
    from tipgraph.extractors.naming import name_key

    assert name_key(written) == name_key("Tran Van Minh")  # the extraction's own key: one person in a document
    a = EntityRecord("e0", "Tran Van Minh", "Official", role="Director")
    b = EntityRecord("e0", written, "Official")
    assert len(resolve_corpus([record("a.txt", a), record("b.txt", b)]).entities) == 1


def test_a_statement_whose_ends_resolution_made_one_node_is_no_statement():
    # the document names one unit twice, as two entities of one name; the ministry is a real second party
    unit = EntityRecord("e0", "Anti-Trafficking Unit", "Agency", country="KE")
    again = EntityRecord("e1", "Anti-Trafficking Unit", "Agency", country="KE")
    ministry = EntityRecord("e2", "Ministry of Labour", "Agency", country="KE")
    evidence = Evidence("The unit worked with the unit.", 0, 30)
    document = DocumentRecord(
        ["k.txt"],
        "kk" * 32,
        entities=[unit, again, ministry],
        relations=[CooperationRecord(["e0", "e1"], evidence), CooperationRecord(["e1", "e2"], evidence)],
    )
    statements = [relation for _, relation, _ in resolve_corpus([document]).statements()]
    assert [r.participants for r in statements] == [["e1", "e2"]]
