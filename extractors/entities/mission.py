""" "Post", "the Embassy", "the Mission" of a cable are the post that sends it.

A diplomatic cable speaks of its own embassy by kind, not by name: "Post has
engaged with the Ministry of Labour", "the Embassy funded two shelters", "the
Mission teamed with UNICEF". The cable's heading names the post ("FM AMEMBASSY
HARARE", "Embassy Harare"), so these words have one referent, the sending post,
and its relations need it as an actor. Like "the government" of the home country
(:mod:`~tipgraph.extractors.entities.government`), the post's mentions join one
entity, ``implied`` unless the text names it in full, which the graph keeps only
where a relation names it.

The cables of the genre are the U.S. State Department's, so the post is a U.S. one.
Only the capitalised words, alone, count: not "a border post", not "the Embassy of
Sweden" or "the Burmese Embassy" (other bodies, read as names), not "Post Office";
and only in a cable, where a sending post is known. Elsewhere "the embassy" is the
one embassy the document names ("the US embassy in Quito ... the embassy funded"),
when it names one only.

>>> from tipgraph.extractors.pipeline import extract_text, load_pipeline
>>> record = extract_text(load_pipeline(verify=False), "FM AMEMBASSY LUSAKA\\nPost works with UNICEF on the campaign.")
>>> [(e.label, e.country, e.aliases) for e in record.entities if e.cls == "Agency"]
[('U.S. Embassy Lusaka', 'US', ['Post'])]
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from tipgraph.extractors.entities.jurisdiction import sending_post
from tipgraph.extractors.entities.types import FoundEntity
from tipgraph.extractors.naming import name_key, name_words


def post_mentions(doc: Doc, words: dict[str, str], taken: set[int], cased: bool = True) -> list[Span]:
    """The spans of ``doc`` outside ``taken`` tokens where one of ``words`` ("Post", "Embassy") stands alone
    (written as given, or in any case unless ``cased``)."""
    found = []
    for token in doc:
        word = token.text if cased else token.text.title()
        if word not in words or token.i in taken:
            continue
        following = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if following is not None and (following.lower_ == "of" or following.is_title or following.is_upper):
            continue  # "the Embassy of Sweden", "Post Office", "Embassy Harare": a name of its own
        previous = doc[token.i - 1] if token.i > 0 else None
        if words[word] == "determiner" and (previous is None or previous.lower_ not in ("the", "our")):
            continue  # "a Mission", "the Burmese Embassy": not the post itself
        found.append(doc[token.i : token.i + 1])
    return found


def with_sending_post(doc: Doc, entities: list[FoundEntity], words: dict[str, str]) -> list[FoundEntity]:
    """``entities`` with the cable's "Post" and "the Embassy" joined to its sending post (added if unnamed);
    outside a cable, "the embassy" joined to the one embassy named."""
    taken = {i for entity in entities for span in entity.spans for i in range(span.start, span.end)}
    post = sending_post(doc._.tipgraph_source_text or "")
    if post is None:
        embassies = [e for e in entities if e.cls == "Agency" and "embassy" in name_words(e.label)]
        if len({e.key for e in embassies}) == 1:
            embassies[0].spans.extend(post_mentions(doc, {"Embassy": "determiner"}, taken, cased=False))
        return entities
    kind, city = post
    # the post's own kind word: "the Embassy" of an embassy's cable, "the Consulate" of a consulate's
    # (whose "the Embassy" is the embassy in the capital, another post)
    mentions = post_mentions(doc, {**words, kind: "determiner"}, taken)
    if not mentions:
        return entities
    label = f"U.S. {kind} {city.title()}"
    for entity in entities:
        if entity.cls == "Agency" and name_key(entity.label).endswith(name_key(f"{kind} {city}")):
            entity.spans.extend(mentions)  # the text names the post in full ("Embassy Harare")
            entity.country = entity.country or "US"
            return entities
    return [*entities, FoundEntity(label, "Agency", mentions, country="US", implied=True)]
