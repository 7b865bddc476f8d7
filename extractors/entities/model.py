"""The trained entity recogniser as a pipeline component: ``tipgraph_entity_model``.

It runs the recogniser trained on the corpus (``tipgraph.extractors.training``) and puts
its spans, labelled with tipgraph classes, in ``doc.spans["tipgraph_model"]``; the
model's own ``doc.ents`` (spaCy's ORG, GPE, PERSON...) are left as they were, for the
rules that read them. ``tipgraph_entities`` then takes these spans as candidates beside
the gazetteers' and the genre rules'.

>>> import spacy
>>> nlp = spacy.blank("en")
>>> _ = nlp.add_pipe("tipgraph_entity_model")
>>> _ = nlp.initialize()
>>> doc = nlp("The Ministry of Labour and IOM opened a shelter in Kathmandu.")
>>> sorted({span.label_ for span in doc.spans["tipgraph_model"]}) != []
True
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

SPANS_KEY = "tipgraph_model"
TRAINED = Path(__file__).with_name("trained")  # written by python -m tipgraph.extractors.training.train


class EntityModel:
    """Spans and classes from the trained recogniser, beside (never instead of) ``doc.ents``."""

    def __init__(self, nlp: Language, name: str, spans_key: str = SPANS_KEY):
        self.name = name
        self.vocab = nlp.vocab
        self.spans_key = spans_key
        self.recogniser: Language | None = None  # a blank pipeline with the trained ``ner``; set in initialize()

    def initialize(self, get_examples=None, *, nlp: Language | None = None, model_dir: str | None = None) -> None:
        """Load the trained recogniser (from ``model_dir`` or the one shipped in the package)."""
        self._load(Path(model_dir) if model_dir else TRAINED)

    def _load(self, folder: Path) -> None:
        self.recogniser = spacy.load(folder)
        for label in self.recogniser.get_pipe("ner").labels:  # type: ignore[attr-defined]
            self.vocab.strings.add(label)

    def __call__(self, doc: Doc) -> Doc:
        if self.recogniser is None:
            raise ValueError(f"{self.name}: call nlp.initialize() (or load a saved pipeline) before use")
        ner = self.recogniser.get_pipe("ner")
        kept = list(doc.ents)
        doc.set_ents([], default="missing")  # the recogniser predicts freely
        ner(doc)
        found = [Span(doc, s.start, s.end, label=s.label_) for s in doc.ents]
        doc.set_ents(kept, default="outside")
        doc.spans[self.spans_key] = found
        return doc

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        Path(path).mkdir(parents=True, exist_ok=True)
        if self.recogniser is not None:
            self.recogniser.to_disk(Path(path) / "recogniser")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> EntityModel:
        saved = Path(path) / "recogniser"
        self._load(saved if saved.exists() else TRAINED)
        return self


@Language.factory(
    "tipgraph_entity_model",
    assigns=["doc.spans"],
    default_config={"spans_key": SPANS_KEY},
)
def make_entity_model(nlp: Language, name: str, spans_key: str) -> EntityModel:
    return EntityModel(nlp, name, spans_key)
