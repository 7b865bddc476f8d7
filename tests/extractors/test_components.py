"""tipgraph's spaCy components, the spaCy way: declared factories, data in initialize(), data saved by to_disk."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from importlib.metadata import entry_points

from spacy.tokens import Doc

from tipgraph.extractors.entities.component import EntityExtractor
from tipgraph.extractors.extensions import EXTENSIONS, document_entities, entities_of, relation_places_of
from tipgraph.extractors.pipeline import extract_text
from tipgraph.extractors.relations.component import RelationExtractor, load_patterns
from tipgraph.ontology.gazetteer import GAZETTEER_DIR

# Written for these tests: a trust no gazetteer knows, a country named only by its nationality.
TRUST_TEXT = "The Lakeside Freedom Trust opened a shelter for survivors near the port."
NATIONALITY_TEXT = "Kenyan girls are trafficked to Oman for domestic servitude."


def _until(nlp, name: str, text: str) -> Doc:
    """``text`` through the pipeline's components before ``name``."""
    doc = nlp.make_doc(text)
    for pipe_name, proc in nlp.pipeline:
        if pipe_name == name:
            break
        doc = proc(doc)
    return doc


def test_factories_declare_what_they_assign_and_require(nlp):
    entities = nlp.get_pipe_meta("tipgraph_entities")
    relations = nlp.get_pipe_meta("tipgraph_relations")
    assert "doc._.tipgraph_entities" in entities.assigns
    assert {"doc._.tipgraph_relations", "doc._.tipgraph_relation_places"} <= set(relations.assigns)
    assert "doc._.tipgraph_entities" in relations.requires
    assert set(relations.default_config) == {"keep_negated", "sources", "addition_threshold"}
    assert set(entities.default_config) == {"sources", "verify"}
    # every requirement is met by a component before it
    assert all(not problems for problems in nlp.analyze_pipes()["problems"].values())


def test_construction_is_cheap_and_the_data_arrives_in_initialize(nlp, tmp_path):
    component = EntityExtractor(nlp)
    assert component._knowledge is None and component._verifier is None
    relations = RelationExtractor(nlp)
    assert relations._model is None and relations._patterns is None
    relations.initialize()
    assert relations._patterns is not None and relations._model is not None


def test_every_doc_extension_is_namespaced():
    assert all(name.startswith("tipgraph_") for name in EXTENSIONS)
    assert not any(Doc.has_extension(name) for name in ("entities", "relations", "source_text", "source_offsets"))


def test_a_clash_with_another_library_s_extension_is_an_error():
    script = (
        "from spacy.tokens import Doc; Doc.set_extension('tipgraph_entities', default=None)\n"
        "import tipgraph.extractors.extensions"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode != 0
    assert "ExtensionClash" in out.stderr and "tipgraph_entities" in out.stderr


def test_the_relation_component_keeps_its_added_places_to_itself(nlp):
    doc = nlp(NATIONALITY_TEXT)
    assert "Kenya" not in {e.label for e in entities_of(doc)}  # the entity component's output is its own
    added = relation_places_of(doc)
    assert [(e.label, e.cls, e.gazetteer_id) for e in added] == [("Kenya", "Country", "KE")]
    route = doc._.tipgraph_relations[0]
    assert route.origin == [added[0].key]
    assert {e.label for e in document_entities(doc)} == {"Kenya", "Oman"}
    # the document record holds both
    assert {"Kenya", "Oman"} <= {e.label for e in extract_text(nlp, NATIONALITY_TEXT).entities}


def _custom_gazetteer(folder):
    folder.mkdir()
    shutil.copyfile(GAZETTEER_DIR / "countries.json", folder / "countries.json")
    trust = {"id": "org:lakeside-trust", "name": "Lakeside Freedom Trust", "cls": "NGO", "aliases": ["LFT"]}
    (folder / "organizations.json").write_text(json.dumps([trust]), encoding="utf-8")
    return folder


def test_the_entity_component_saves_its_gazetteers_not_a_path(nlp, tmp_path):
    custom = _custom_gazetteer(tmp_path / "custom")
    component = EntityExtractor(nlp, verify=False)
    component.initialize(gazetteer_dir=str(custom))
    component.to_disk(tmp_path / "saved")
    shutil.rmtree(custom)  # a saved component needs nothing from where its data came from
    assert str(custom) not in (tmp_path / "saved" / "cfg.json").read_text()
    assert {p.name for p in (tmp_path / "saved" / "gazetteers").iterdir()} == {
        "countries.json",
        "organizations.json",
        "naming.json",
    }
    restored = EntityExtractor(nlp).from_disk(tmp_path / "saved")
    assert restored.verify is False
    found = {e.label: e for e in entities_of(restored(_until(nlp, "tipgraph_entities", TRUST_TEXT)))}
    assert found["Lakeside Freedom Trust"].gazetteer_id == "org:lakeside-trust"
    assert len(restored.gazetteer) == len(component.gazetteer)


def test_both_components_read_one_knowledge_object(nlp):
    entities, relations = nlp.get_pipe("tipgraph_entities"), nlp.get_pipe("tipgraph_relations")
    assert relations.knowledge is entities.knowledge
    assert RelationExtractor(nlp).knowledge is entities.knowledge  # a second one in the same pipeline too


def test_the_relation_component_saves_its_patterns_and_borders(nlp, tmp_path):
    saved = RelationExtractor(nlp, sources="patterns")
    patterns = load_patterns()
    patterns["routes"]["strong_verbs"].append("ferry")
    saved.initialize(patterns=patterns)
    saved.to_disk(tmp_path / "relations")
    restored = RelationExtractor(nlp).from_disk(tmp_path / "relations")
    assert restored.sources == "patterns" and restored.model is None
    assert restored.patterns == saved.patterns and "ferry" in restored.patterns["routes"]["strong_verbs"]
    assert restored.borders == saved.borders and restored.borders["KE"]
    doc = _until(nlp, "tipgraph_relations", NATIONALITY_TEXT)
    assert [r.kind for r in restored(doc)._.tipgraph_relations] == ["route"]


def test_a_saved_pipeline_runs_in_a_fresh_interpreter_without_importing_tipgraph(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    script = (
        "import spacy, sys\n"
        f"nlp = spacy.load({str(tmp_path / 'pipeline')!r})\n"
        f"doc = nlp({NATIONALITY_TEXT!r})\n"
        "print(sorted(e.label for e in doc._.tipgraph_entities + doc._.tipgraph_relation_places))\n"
        "print([r.kind for r in doc._.tipgraph_relations])\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["['Kenya', 'Oman']", "['route']"]
    declared = {e.name for e in entry_points(group="spacy_factories")}
    assert {name for name in nlp.pipe_names if name.startswith("tipgraph")} <= declared
