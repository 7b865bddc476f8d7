"""The learned parts: the linear model family, the relation model's features and statements,
the entity check and the trained recogniser as a spaCy component. Fresh genre text."""

from __future__ import annotations

import spacy

from tipgraph.extractors.entities.model import SPANS_KEY, EntityModel
from tipgraph.extractors.entities.verifier import EntityVerifier, entity_features
from tipgraph.extractors.linear import Linear, train_logistic
from tipgraph.extractors.pipeline import extract_text
from tipgraph.extractors.relations.component import mention_spans
from tipgraph.extractors.relations.learned import (
    HOME,
    EntityMention,
    RelationModel,
    candidates,
    clauses,
    pair_features,
)


def _routes(record):
    names = {e.key: e.label for e in record.entities}
    return {
        (names[o], names[d]) for r in record.relations if r.kind == "route" for o in r.origin for d in r.destination
    }


def test_logistic_training_separates_and_is_deterministic():
    rows = [["from", "to"], ["from"], ["with"], ["with", "met"], ["to"], ["met"]]
    labels = [1, 1, 0, 0, 1, 0]
    first = train_logistic(rows, labels, min_count=1)
    assert first.probability(["from", "to"]) > 0.5 > first.probability(["with", "met"])
    assert train_logistic(rows, labels, min_count=1) == first


def test_a_linear_head_ignores_unknown_features_and_repeats():
    head = Linear({"a": 2.0}, bias=-1.0)
    assert head.probability(["a", "a", "zzz"]) == head.probability(["a"])


def test_a_report_sentence_is_read_clause_by_clause():
    nlp = spacy.blank("en")
    doc = nlp("Traffickers exploit men in Qatar; they also exploit women in Oman; officials did little.")
    doc[0].is_sent_start = True
    assert [c.text.rstrip(" ;") for c in clauses(doc[:])] == [
        "Traffickers exploit men in Qatar",
        "they also exploit women in Oman",
        "officials did little.",
    ]


def test_pair_features_read_the_prepositions_and_lists(default_nlp):
    doc = default_nlp("Recruiters sent women from Moldova to brothels in Cyprus, Greece and Turkey.")
    spans = {s.text: s for s in mention_spans(doc)}
    mention = {name: EntityMention(name, "Country", s.start, s.end) for name, s in spans.items()}
    sent = next(doc.sents)
    route = pair_features(doc, sent, mention["Moldova"], mention["Cyprus"], [])
    assert "ap:from" in route and "bp:in" in route
    members = pair_features(doc, sent, mention["Greece"], mention["Turkey"], [])
    assert "same-list" in members


def test_an_unnamed_home_country_is_a_candidate_end(default_nlp):
    doc = default_nlp("Traffickers exploit victims from Nepal and Bangladesh in the country.")
    sent = next(doc.sents)
    mentions = [EntityMention(s.kb_id_, "Country", s.start, s.end) for s in mention_spans(doc)]
    found = [(c.first.key, c.second.key) for c in candidates(doc, sent, mentions, home="e9") if c.kind == "route"]
    assert any(second == "e9" for _, second in found)
    assert HOME not in {k for pair in found for k in pair}


def test_the_shipped_relation_model_finds_a_route_the_patterns_miss(default_nlp, nlp):
    text = "Criminal networks exploit women from Kenya in domestic servitude in Saudi Arabia and Kuwait."
    assert _routes(extract_text(nlp, text, "n.txt")) == set()  # the patterns alone
    record = extract_text(default_nlp, text, "n.txt")
    assert {("Kenya", "Saudi Arabia"), ("Kenya", "Kuwait")} <= _routes(record)
    route = next(r for r in record.relations if r.kind == "route")
    assert 0.0 < route.confidence <= 1.0
    assert "DomesticServitude" in route.purposes


def test_a_hedged_movement_is_no_route(default_nlp):
    record = extract_text(
        default_nlp, "Observers fear that women from Kenya could be at risk of exploitation in Saudi Arabia.", "n.txt"
    )
    assert _routes(record) == set()


def test_the_relation_model_saves_and_loads_the_same(tmp_path):
    model = RelationModel.load()
    model.save(tmp_path / "relations.json")
    again = RelationModel.load(tmp_path / "relations.json")
    assert again.heads == model.heads and again.deferred == model.deferred


def test_the_entity_check_distrusts_a_paragraph_letter_glued_to_a_word(default_nlp):
    verifier = EntityVerifier.load()
    doc = default_nlp("G. Police arrested two recruiters.")
    from tipgraph.extractors.records import EntityRecord

    glued = EntityRecord("e0", "G Police", "Agency")
    named = EntityRecord("e1", "UNICEF", "InternationalOrganization", gazetteer_id="org-unicef")
    assert "letter-start" in entity_features(glued, [doc[0:3]], doc)
    assert verifier.keep(entity_features(named, [doc[0:1]], doc))


def test_the_trained_recogniser_round_trips_through_disk(tmp_path):
    nlp = spacy.blank("en")
    component = nlp.add_pipe("tipgraph_entity_model")
    nlp.initialize()
    text = "The Ministry of Labour and the International Organization for Migration met in Kathmandu."
    doc = nlp(text)
    before = [(s.start, s.end, s.label_) for s in doc.spans[SPANS_KEY]]
    assert isinstance(component, EntityModel) and before
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    again = loaded(text)
    assert [(s.start, s.end, s.label_) for s in again.spans[SPANS_KEY]] == before


def test_a_saved_pipeline_loads_in_a_fresh_interpreter_without_importing_tipgraph(tmp_path):
    import subprocess
    import sys

    nlp = spacy.blank("en")
    nlp.add_pipe("tipgraph_entity_model")
    nlp.add_pipe("tipgraph_relations", config={"sources": "patterns"})
    nlp.initialize()
    nlp.to_disk(tmp_path / "pipeline")
    script = f"import spacy; print(spacy.load({str(tmp_path / 'pipeline')!r}).pipe_names)"
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "['tipgraph_entity_model', 'tipgraph_relations']"
