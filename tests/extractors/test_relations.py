"""The relation component: evidence, configuration as data, and saving it with the pipeline."""

import copy

import pytest

from tipgraph.extractors.pipeline import extract_text
from tipgraph.extractors.relations.component import RelationExtractor, load_patterns

from .relation_helpers import cooperations, fundings, routes

TEXTS = [
    "07MANILA1180\n\n--  The World Vision project, also funded by the USG, \ntargets school dropouts.\n",
    "Intro.\n\n(U) In the south, many Lao victims are taken to \nThailand to work in karaoke bars.\n",
    "Cooperation with NGOs\n\n¶7. (U) UNICEF cooperates with the International \nOrganization for Migration on victim protection.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_every_relation_carries_its_sentence_exactly_as_in_the_original_text(nlp, text):
    record = extract_text(nlp, text)
    assert record.relations
    for relation in record.relations:
        evidence = relation.evidence
        assert text[evidence.start : evidence.end] == evidence.text
        assert 0 < relation.confidence <= 1


def test_the_trigger_words_are_data_the_component_takes_in_initialize(nlp):
    text = "In Laos, UNICEF cooperates closely with IOM on returns."
    component = nlp.get_pipe("tipgraph_relations")
    patterns = copy.deepcopy(component.patterns)
    assert cooperations(extract_text(nlp, text))
    trimmed = copy.deepcopy(patterns)
    trimmed["cooperation"]["verbs"] = [v for v in trimmed["cooperation"]["verbs"] if "operat" not in v]
    component.initialize(patterns=trimmed)
    try:
        assert cooperations(extract_text(nlp, text)) == []
    finally:
        component.initialize(patterns=patterns)


def test_the_component_saves_and_restores_its_settings_and_patterns(nlp, tmp_path):
    saved = RelationExtractor(nlp, keep_negated=True)
    patterns = load_patterns()
    patterns["cooperation"]["verbs"].append("twin")
    saved.initialize(patterns=patterns)
    saved.to_disk(tmp_path / "relations")
    restored = RelationExtractor(nlp).from_disk(tmp_path / "relations")
    assert restored.keep_negated is True
    assert restored.patterns == saved.patterns
    assert "twin" in restored.patterns["cooperation"]["verbs"]


def test_a_document_without_relations_yields_none(nlp):
    record = extract_text(nlp, "The weather in Hanoi was warm. UNICEF published a report.")
    assert {"Hanoi", "UNICEF"} <= {e.label for e in record.entities}
    assert cooperations(record) == fundings(record) == routes(record) == []
