"""The learned entity check: which of the rules' entities a careful analyst would keep.

The gazetteers and genre rules propose entities with high recall and uneven precision:
a paragraph letter glued to a word ("g police"), a law or a plan read as a body, a
role word read as a person. A logistic model over what an entity looks like (its words,
class, shape, how often it is named, whether a list knows it, what the trained
recogniser and the model's NER call its mentions) scores each one; entities below the
threshold are dropped. It is trained on the corpus's train split (an entity is positive
when it matches a gold entity by name and class) with its threshold tuned on the dev
split, by ``python -m tipgraph.extractors.training.train``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from spacy.tokens import Doc, Span

from tipgraph.extractors.entities.model import SPANS_KEY as MODEL_SPANS
from tipgraph.extractors.linear import Linear
from tipgraph.extractors.naming import name_words

TRAINED = Path(__file__).with_name("trained") / "verifier.json"


def entity_features(record, spans: list[Span], doc: Doc) -> list[str]:
    """What an entity record looks like in its document, as binary features."""
    words = name_words(record.label) or ["<none>"]
    cls = record.cls
    feats = [f"cls:{cls}", f"first:{words[0]}", f"last:{words[-1]}", f"last|cls:{words[-1]}|{cls}"]
    feats += [f"w:{w}" for w in words]
    feats.append(f"len:{min(len(words), 6)}|{cls}")
    feats.append(f"m:{min(len(record.mentions), 5)}|{cls}")
    if record.gazetteer_id:
        feats += ["gaz", f"gaz|{cls}"]
    label = record.label
    if label.isupper():
        feats.append(f"caps|{cls}")
    if any(c.isdigit() for c in label):
        feats.append("digit")
    if len(words[0]) == 1 and len(words) > 1:
        feats.append("letter-start")
    if record.role:
        feats.append("role")
    model = {(s.start, s.end): s.label_ for s in (doc.spans[MODEL_SPANS] if MODEL_SPANS in doc.spans else [])}
    ents = {(e.start, e.end): e.label_ for e in doc.ents}
    for span in spans[:3]:
        learned = _overlapping(model, span)
        feats.append(f"model:{learned}|{cls}" if learned else f"model:none|{cls}")
        if learned == cls:
            feats.append("model-agrees")
        ner = _overlapping(ents, span)
        feats.append(f"ner:{ner}|{cls}" if ner else f"ner:none|{cls}")
        if span.start > 0:
            feats.append(f"prev:{doc[span.start - 1].lower_}")
    return feats


def _overlapping(labels: dict[tuple[int, int], str], span: Span) -> str | None:
    for (start, end), label in labels.items():
        if start < span.end and span.start < end:
            return label
    return None


class EntityVerifier:
    """A logistic head over :func:`entity_features` with a threshold."""

    def __init__(self, head: Linear):
        self.head = head

    @classmethod
    def load(cls, path: str | Path = TRAINED) -> EntityVerifier:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return cls(Linear(**data))

    def save(self, path: str | Path) -> None:
        head = {"weights": self.head.weights, "bias": self.head.bias, "threshold": self.head.threshold}
        Path(path).write_text(json.dumps(head, sort_keys=True, indent=0) + "\n", encoding="utf-8")

    def keep(self, features: Iterable[str]) -> bool:
        """Whether an entity stays; one a list identified always does (the lists give identity, measured safer)."""
        features = list(features)
        return "gaz" in features or self.head.probability(features) >= self.head.threshold
