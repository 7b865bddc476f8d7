"""Whether a statement is made or only denied or hedged: "did not cooperate", "could be asked to cooperate"."""

from __future__ import annotations

from spacy.tokens import Token

# Edges a negation or a hedge travels up from a trigger to the word that governs it.
_MODALITY_UP = {
    "xcomp",
    "ccomp",
    "pcomp",
    "pobj",
    "prep",
    "acomp",
    "dobj",
    "aux",
    "amod",
    "compound",
    "attr",
    "oprd",
    "csubj",
    "nsubj",
    "nsubjpass",
    "agent",
    "conj",
    "acl",
}


def modality(token: Token, negation: dict, hedge: dict, limit: int = 6) -> str | None:
    """``"negated"`` or ``"hedged"`` when a denial or an irrealis word governs ``token``."""
    neg_words = set(negation["words"])
    neg_predicates = set(negation["predicates"])
    hedge_predicates = set(hedge["predicates"])
    modals = set(hedge["modals"])
    infinitive_marks = set(hedge["infinitive_marks"])
    current = token
    arrived_by = None
    for step in range(limit):
        for child in current.children:
            if child.dep_ == "neg" or (child.dep_ in ("det", "advmod", "preconj") and child.lower_ in neg_words):
                return "negated"
            # a modal hedges its own verb and the verbs it takes as complement ("could be asked to cooperate")
            if child.dep_ == "aux" and child.lower_ in modals and (step == 0 or arrived_by in ("xcomp", "ccomp")):
                return "hedged"
            # "for the government to engage with X": wished for, needed or meant, not done
            if (
                child.dep_ == "mark"
                and child.lower_ in infinitive_marks
                and any(c.lower_ == "to" for c in current.children)
            ):
                return "hedged"
        lemma = current.lemma_.lower()
        if step > 0 and current.pos_ in ("VERB", "AUX"):
            # "IOM's future plans include ... collaborating with X"
            for child in current.children:
                if child.dep_ in ("nsubj", "nsubjpass") and child.lemma_.lower() in hedge_predicates:
                    return "hedged"
        if step > 0:
            if lemma in neg_predicates or (current.dep_ == "prep" and current.lower_ in neg_words):
                return "negated"
            if lemma in hedge_predicates:
                return "hedged"
        # a participle clause without a subject of its own belongs to the clause above it
        participle = current.dep_ == "advcl" and not any(
            c.dep_ in ("nsubj", "nsubjpass", "mark") for c in current.children
        )
        if (current.dep_ not in _MODALITY_UP and not participle) or current.head is current:
            return None
        if current.dep_ == "conj" and step > 0:
            return None
        arrived_by = current.dep_
        current = current.head
    return None
