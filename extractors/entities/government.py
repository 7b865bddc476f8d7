""" "The government" of a document about one country is that country's government.

Reports and cables about a country call its government "the government" far more
often than by name ("The government cooperated with IOM on ..."). A body no name
qualifies belongs to the document's home country (see
:func:`~tipgraph.extractors.entities.jurisdiction.document_countries`), and so does
"the government": its mentions join the home country's government, the gazetteer's
``gov:`` entry, whether or not the text also names it in full, so that the
relations stated of "the government" have an actor. A government the text never
names is ``implied``: the graph keeps it only where a relation names it.

Only "the government" as a name counts: not "a government", not "the government
of X" (a name of its own), not "the government shelter" (a modifier), and not
where another government is named in the same phrase ("the Thai government").
"The state budget" is the government's too: what it allocates, the government pays.

>>> from tipgraph.extractors.pipeline import load_pipeline
>>> doc = load_pipeline(verify=False)("Zambia is a source country. The government runs two shelters.")
>>> [(e.label, e.aliases, e.doubtful) for e in doc._.tipgraph_entities if e.cls == "Agency"]
[('Government of Zambia', ['government'], True)]
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from tipgraph.extractors.entities.jurisdiction import CountryContext
from tipgraph.extractors.entities.knowledge import Knowledge
from tipgraph.extractors.entities.types import FoundEntity


def government_mentions(doc: Doc, modifiers: frozenset[str], taken: set[int]) -> list[Span]:
    """The spans of ``doc`` that say "the government" ("the national government") outside ``taken`` tokens."""
    found = []
    for token in doc:
        if _state_budget(token) and token.i not in taken:
            # "the 2008 state budget allocates ...": the government's (the whole phrase: "state" alone would
            # name the Department of State too)
            found.append(doc[token.i : token.i + 2])
            continue
        if token.lower_ != "government" or token.i in taken or token.dep_ == "compound":
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and following.lower_ == "of":
            continue  # "the government of Zambia": a name the candidates read
        start = token.i
        while start > 0 and doc[start - 1].lower_ in modifiers:
            start -= 1
        if start > 0 and doc[start - 1].lower_ == "the" and start - 1 not in taken:
            found.append(doc[token.i : token.i + 1])
    return found


def _state_budget(token: Token) -> bool:
    """ "state" in "the state budget", "the 2009 state budget": the budget of the document's government."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return token.lower_ == "state" and following is not None and following.lemma_.lower() == "budget"


def with_home_government(
    doc: Doc, entities: list[FoundEntity], knowledge: Knowledge, context: CountryContext
) -> list[FoundEntity]:
    """``entities`` with "the government" mentions joined to the home country's government (added if unnamed)."""
    entry_id = f"gov:{context.home}"
    if context.home is None or entry_id not in knowledge.gazetteer:
        return entities
    taken = {i for entity in entities for span in entity.spans for i in range(span.start, span.end)}
    mentions = government_mentions(doc, frozenset(knowledge.naming["home_government_modifiers"]), taken)
    if not mentions:
        return entities
    for entity in entities:
        if entity.entry is not None and entity.entry.id == entry_id:
            entity.spans.extend(mentions)
            return entities
    entry = knowledge.gazetteer.get(entry_id)
    government = FoundEntity(entry.name, entry.cls, mentions, entry=entry, country=context.home, implied=True)
    return [*entities, government]
