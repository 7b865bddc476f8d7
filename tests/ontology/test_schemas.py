"""The word lists are data checked by a schema, and every key in them is read by some rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tipgraph.extractors.relations.attributes import AttributeWords
from tipgraph.extractors.relations.component import RelationExtractor
from tipgraph.extractors.relations.patterns import PATTERNS_FILE, PATTERNS_SCHEMA, load_patterns
from tipgraph.ontology.gazetteer import GAZETTEER_DIR, NAMING_SCHEMA, load_naming
from tipgraph.ontology.schemas import DataFileError, load_checked

from ..conftest import ROOT

CODE = "\n".join(
    p.read_text(encoding="utf-8") for folder in ("extractors", "ontology") for p in (ROOT / folder).rglob("*.py")
)
# keys whose values are tables of the data's own words (their keys are data, not names the code reads)
TABLES = {"words", "weak", "country_names_with_article"}


def _keys(data: dict, prefix: str = ""):
    for key, value in data.items():
        if key == "_comment":
            continue
        yield prefix + key, key
        if isinstance(value, dict) and key not in TABLES and all(isinstance(v, list | str) for v in value.values()):
            if prefix or key in (
                "negation",
                "hedge",
                "cooperation",
                "funding",
                "routes",
                "purposes",
                "references",
                "syntax",
            ):
                yield from _keys(value, prefix + key + ".")


def test_the_shipped_data_files_match_their_schemas():
    assert load_patterns()["routes"]["verb_frames"]
    assert load_naming(GAZETTEER_DIR)["agency_heads"]
    load_checked(GAZETTEER_DIR / "sources" / "naming.json", NAMING_SCHEMA)


@pytest.mark.parametrize(
    "path, data",
    [
        (PATTERNS_FILE, json.loads(PATTERNS_FILE.read_text())),
        (GAZETTEER_DIR / "naming.json", load_naming(GAZETTEER_DIR)),
    ],
    ids=["patterns", "naming"],
)
def test_every_key_of_a_data_file_is_read_by_the_code(path: Path, data: dict):
    unread = [dotted for dotted, key in _keys(data) if f'"{key}"' not in CODE]
    assert not unread, f"{path.name}: keys no code reads: {unread}"


def test_an_unknown_key_is_an_error_naming_the_file_and_the_key(tmp_path):
    patterns = json.loads(PATTERNS_FILE.read_text())
    patterns["routes"]["motion_verb"] = ["wander"]  # a typo of motion_verbs
    bad = tmp_path / "patterns.json"
    bad.write_text(json.dumps(patterns))
    with pytest.raises(DataFileError, match=r"patterns\.json: routes: .*'motion_verb' was unexpected"):
        load_patterns(bad)


def test_a_list_where_a_table_belongs_is_an_error(tmp_path):
    naming = json.loads((GAZETTEER_DIR / "naming.json").read_text())
    naming["directions"] = ["north", "south"]
    bad = tmp_path / "naming.json"
    bad.write_text(json.dumps(naming))
    with pytest.raises(DataFileError, match=r"naming\.json: directions: .* is not of type 'object'"):
        load_checked(bad, NAMING_SCHEMA)


def test_patterns_given_to_initialize_are_checked_too(nlp_blank):
    patterns = load_patterns()
    del patterns["routes"]["verb_frames"]
    with pytest.raises(DataFileError, match="verb_frames"):
        RelationExtractor(nlp_blank).initialize(patterns=patterns)


def test_a_victim_group_the_vocabulary_lacks_is_an_error_naming_the_file_and_the_key(tmp_path):
    patterns = json.loads(PATTERNS_FILE.read_text())
    patterns["victims"]["young"].append("Teenagers")  # the ontology has no tg:Teenagers
    bad = tmp_path / "patterns.json"
    bad.write_text(json.dumps(patterns))
    with pytest.raises(DataFileError, match=r"patterns\.json: victims\.young: 'Teenagers' is not a tg:VictimGroup"):
        load_patterns(bad)


def test_a_purpose_the_vocabulary_lacks_is_refused_by_initialize(nlp_blank):
    patterns = load_patterns()
    patterns["purposes"]["words"]["OrganTrade"] = ["kidney"]
    with pytest.raises(DataFileError, match=r"^patterns: purposes\.words: 'OrganTrade' is not a tg:Purpose"):
        RelationExtractor(nlp_blank).initialize(patterns=patterns)


def test_the_groups_of_the_young_are_the_data_s(nlp_blank):
    doc = nlp_blank("Brokers recruited teenage girls and young women from the hill villages.")
    patterns = load_patterns()
    assert AttributeWords.from_patterns(patterns).victims(doc) == ["Girls"]
    patterns["victims"]["young"] = ["Children"]  # girls no longer count as the young
    assert AttributeWords.from_patterns(patterns).victims(doc) == ["Girls", "Women"]


def test_the_schemas_declare_no_key_the_data_lacks():
    for data, schema in (
        (load_patterns(), PATTERNS_SCHEMA),
        (json.loads((GAZETTEER_DIR / "naming.json").read_text()), NAMING_SCHEMA),
    ):
        declared = set(json.loads(schema.read_text())["properties"]) - {"_comment"}
        assert declared == set(data) - {"_comment"}, schema.name


@pytest.fixture
def nlp_blank():
    import spacy

    return spacy.blank("en")
