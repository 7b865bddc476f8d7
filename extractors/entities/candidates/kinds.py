"""Names a kind word introduces: "the NGO Paniamor", "local NGO FECIV", "the NGO Fundacion Rahab".

A cable names a body no list knows by putting its kind before it. The kind word is not
part of the name (the gold writes "Paniamor"), so the name after it is an NGO of its own
and any longer run through the kind word ("Local NGO Paniamor") is dropped
(:func:`~tipgraph.extractors.entities.candidates.find_candidates`).

>>> from tipgraph.extractors.pipeline import load_pipeline
>>> from tipgraph.extractors.entities.knowledge import Knowledge
>>> from tipgraph.extractors.entities.types import DocView
>>> doc = DocView(load_pipeline()("The local NGO Casa Alianza runs a shelter in Tegucigalpa."))
>>> [(c.label, c.cls) for c in kind_named_candidates(doc, Knowledge.load())]
[('Casa Alianza', 'NGO')]
"""

from __future__ import annotations

from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.entities.types import Candidate, DocView
from tipgraph.extractors.naming import CONNECTORS, is_capitalised

# the kind words, as written (an NGO's own name may hold "ngo" in lower case, never the acronym alone)
_KINDS = {"NGO": "NGO"}


def kind_named_candidates(doc: DocView, knowledge: Knowledge) -> list[Candidate]:
    """The names right after a kind word: one candidate each, of the kind's class (not in a heading: "NGO
    Reaction" heads what NGOs said)."""
    found = []
    for i in range(len(doc) - 1):
        token = doc[i]
        cls = _KINDS.get(token.text)
        if cls is None or doc.heading(token.sent):
            continue
        end = _name_end(doc, i + 1, knowledge)
        if end > i + 1:
            found.append(Candidate(i + 1, end, cls, doc[i + 1 : end].text, "kind", priority=3))  # type: ignore[arg-type]
    return found


def owned_kind_words(doc: DocView) -> set[int]:
    """Where a kind word stands before "of" and a name ("the NGO of the Lutheran World Federation"): the
    kind word says what the name is, and opens no name of its own."""
    return {
        i
        for i in range(len(doc) - 2)
        if doc[i].text in _KINDS
        and doc[i + 1].lower_ == "of"
        and is_capitalised(doc[i + 3 if doc[i + 2].lower_ == "the" and i + 3 < len(doc) else i + 2])
    }


def _name_end(doc: DocView, start: int, knowledge: Knowledge) -> int:
    """Where the capitalised name from ``start`` ends: its words and the connectors between them ("the NGO
    Friends of the Earth"), not a verb after it, nor a heading's capitals after its first word."""
    end = start
    while end < len(doc):
        token = doc[end]
        if (
            is_capitalised(token)
            and token.pos_ != "VERB"
            and not (end > start and token.text.isupper() and len(token) > 5)
        ):
            end += 1
        elif token.lower_ in CONNECTORS and end + 1 < len(doc) and is_capitalised(doc[end + 1]) and end > start:
            end += 1
        else:
            break
    while end > start and doc[end - 1].lower_ in CONNECTORS:
        end -= 1
    words = [t.lower_ for t in doc[start:end]]
    if len(words) == 1 and (words[0] in knowledge.ngo_heads or words[0] in knowledge.agency_heads):
        return start  # "the local NGO Foundation": a kind again, no name
    return end
