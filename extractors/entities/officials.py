"""Officials: a person's title before or after the name, the role it gives and the body it serves.

>>> from tipgraph.extractors.pipeline import load_pipeline
>>> doc = load_pipeline()("Yunnan Department of Civil Affairs Deputy Director Chen Weiming met UNICEF.")
>>> [(e.label, e.role, e.affiliation) for e in doc._.tipgraph_entities if e.cls == "Official"]
[('Chen Weiming', 'Deputy Director', 'e0')]
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from tipgraph.extractors.entities.candidates import is_place_word
from tipgraph.extractors.entities.jurisdiction import CountryContext
from tipgraph.extractors.entities.knowledge import ORG_CLASSES, Knowledge
from tipgraph.extractors.entities.titles_after import body_in_apposition, title_after
from tipgraph.extractors.entities.types import FoundEntity
from tipgraph.extractors.naming import canonical_body_key, is_capitalised, name_key


def link_officials(
    doc: Doc,
    entities: list[FoundEntity],
    knowledge: Knowledge,
    context: CountryContext,
    acronyms: dict[str, FoundEntity],
) -> None:
    """A person with a title before or after the name is an official with a role and affiliation."""
    body_at: dict[int, FoundEntity] = {}
    for entity in entities:
        if entity.cls in ORG_CLASSES:
            for span in entity.spans:
                for i in range(span.start, span.end):
                    body_at[i] = entity
    for person in [e for e in entities if e.cls == "Person"]:
        for span in person.spans:
            role, body = _title_before(doc, span.start, knowledge, body_at)
            after_role, after_body = title_after(doc, span.end, knowledge, body_at)
            if after_role and (
                not role
                or after_body is not None
                or (" of " in f" {after_role.lower()} " and " of " not in f" {role.lower()} ")
            ):
                # "General Nguyen Van Hung - Deputy Minister of Defence", "Police Colonel X, deputy
                # commander of the Y Division": the post (in a body) says more than the rank, which stays
                # in the aliases with the name it was written before
                role, body = after_role, after_body or body
            if not role:
                role, body = _title_in_apposition_before(doc, span, knowledge, body_at)
            if not role and (served := body_in_apposition(doc, span.end, body_at)) is not None:
                # "X, of the National Crime Agency, said": who speaks for a body, untitled
                person.cls = "Official"
                person.affiliation = person.affiliation or served
                break
            if role:
                person.cls = "Official"
                person.role = person.role or role
                if body is None:
                    body = _body_for_role(role, entities)
                if body is None:
                    body = _body_from_title(doc, span.start, role, knowledge, context, entities, acronyms)
                person.affiliation = person.affiliation or body
                prefix_start = _prefix_start(doc, span.start, knowledge)
                if prefix_start < span.start:
                    person.extra_aliases.add(doc[prefix_start : span.end].text)
                break
    _share_plural_titles(doc, entities, knowledge)


def _share_plural_titles(doc: Doc, entities: list[FoundEntity], knowledge: Knowledge) -> None:
    """ "investigators Ana Ruiz and Jon Berg": a plural title covers every name of its list."""
    official_ending = {s.end: e for e in entities if e.cls == "Official" and e.role for s in e.spans}
    for person in [e for e in entities if e.cls == "Person"]:
        for span in person.spans:
            official = official_ending.get(span.start - 1) if doc[span.start - 1].lower_ in ("and", ",") else None
            last = official.role.split()[-1].lower() if official is not None and official.role else ""
            if official is not None and last.endswith("s") and last[:-1] in knowledge.title_heads:
                person.cls, person.role = "Official", official.role
                person.affiliation = person.affiliation or official.affiliation
                break


def _body_from_title(doc, start, role, knowledge, context, entities, acronyms):
    """``Chinese Minister of Public Security (MPS) Zhao``: the title names a ministry the text never spells out."""
    match = re.search(r"\bminister (?:of|for) (.+)$", role.lower())
    if not match or doc[start - 1].text in (",", "("):  # a title set off from the name: its words are read as written
        return None
    k = start
    if k >= 3 and doc[k - 1].text == ")" and doc[k - 3].text == "(":
        acro = doc[k - 2].text
        k -= 3
    else:
        acro = None
    # the tokens "Minister of Public Security" just before the name
    end = k
    begin = end
    while begin > 0 and doc[begin - 1].lower_ != "minister":
        begin -= 1
    if begin == 0:
        return None
    begin -= 1
    country = None
    for x in range(max(0, begin - 3), begin):
        code = knowledge.country_of_word(doc[x].text, context) if is_capitalised(doc[x]) else None
        if code:
            country = code
    label = "Ministry of " + doc[begin + 2 : end].text
    body = FoundEntity(
        label, "Agency", [doc[begin:end]], country=country or context.home, qualified=country is not None
    )
    if acro and re.fullmatch(r"[A-Z]{2,8}", acro):
        body.acronyms.add(acro)
        acronyms[acro] = body
    entities.append(body)
    return body


def _prefix_start(doc, start, knowledge) -> int:
    k = start
    while k > 0 and (doc[k - 1].lower_ in knowledge.title_words or doc[k - 1].lower_ in knowledge.demonyms):
        k -= 1
    return k


def _title_before(doc, start, knowledge, body_at):
    """``Deputy Labour Minister X``, ``Province ... Deputy Director X``, ``Minister of Health (MOH) X``."""
    sent_start = doc[start].sent.start if doc.has_annotation("SENT_START") else 0
    end = _title_end_before(doc, start, knowledge, sent_start)
    k, has_head = _title_start(doc, end, knowledge, body_at, sent_start)
    while k < end and (doc[k].lower_ in _TITLE_LINKS or doc[k].lower_ == "the"):
        k += 1
    if not has_head or k >= end:
        return _abbreviated_title(doc, end, start, knowledge), None
    role = doc[k:end].text.strip(" -–")
    first = role.split()[0].lower() if role else ""
    if first in knowledge.abbreviated_titles and len(role.split()) == 1:
        role = knowledge.abbreviated_titles[first]
    body = body_at.get(k - 1)
    if body is None:
        body = next((body_at[x] for x in range(k, end) if x in body_at), None)
    role = role[0].upper() + role[1:] if role else role
    return role, body


def _title_in_apposition_before(doc, span, knowledge, body_at):
    """``the home secretary, X, said``, ``UNIAP's acting director, X (Thai), told``: a title, then the name set off.

    The title runs back from the comma to a verb, a determiner or a possessive, and holds a title
    head; the name after it is closed by a comma, a bracket or the sentence's end.
    """
    start, end = span.start, span.end
    if start < 2 or doc[start - 1].text not in (",", "(") or end < len(doc) and doc[end].text not in _NAME_CLOSERS:
        return None, None
    k = _title_phrase_start(doc, start - 1, doc[start].sent.start if doc.has_annotation("SENT_START") else 0)
    body = body_at.get(k - 2) if k >= 2 and doc[k - 1].text in ("'s", "’s") else None
    while k < start - 1 and (doc[k].lower_ in _TITLE_LINKS or doc[k].pos_ == "DET"):
        k += 1
    words = [t.lower_ for t in doc[k : start - 1]]
    if not words or not any(w in knowledge.title_heads for w in words) or words[-1] in _TITLE_LINKS:
        return None, None
    if body is None:
        body = next((body_at[x] for x in range(k, start - 1) if x in body_at), None)
    role = doc[k : start - 1].text
    return role[0].upper() + role[1:], body


_NAME_CLOSERS = (",", ")", "(", ".", ";", ":")
_TITLE_LINKS = ("of", "for", "to", "in", "and")


def _title_phrase_start(doc, comma: int, sent_start: int) -> int:
    """Where a title written before ``comma`` starts: after a verb, a possessive or a determiner
    that no "of" or "for" joins to the words before ("the Chairman of the X Committee")."""
    k = comma
    while k > sent_start and k > comma - 11:
        token = doc[k - 1]
        if token.is_punct or token.text in ("'s", "’s") or token.pos_ in ("VERB", "AUX", "PRON"):
            break
        if token.pos_ == "DET" and not (k - 2 >= sent_start and doc[k - 2].lower_ in _TITLE_LINKS):
            break
        if token.pos_ == "ADP" and token.lower_ not in _TITLE_LINKS:
            break
        k -= 1
    return k


def _abbreviated_title(doc, end: int, start: int, knowledge) -> str | None:
    """The title an abbreviation among the honorifics before a name stands for: "Sen. X", "Gen. X"."""
    for x in range(end, start):
        word = doc[x].lower_
        if x + 1 < start and doc[x + 1].text == ".":
            word += "."  # "Sen" "." as two tokens
        if word in knowledge.abbreviated_titles:
            return knowledge.abbreviated_titles[word]
    return None


def _title_end_before(doc, start: int, knowledge, sent_start: int) -> int:
    """Where a title before a name ends: past honorifics, a bracketed acronym and a dash."""
    k = start
    while k > sent_start and (
        doc[k - 1].lower_ in knowledge.honorifics
        or doc[k - 1].text in (".",)
        and k - 2 >= 0
        and doc[k - 2].lower_ + "." in knowledge.honorifics
    ):
        k -= 1
    if k > sent_start + 2 and doc[k - 1].text == ")" and doc[k - 3].text == "(":
        k -= 3
    if k > sent_start and doc[k - 1].text in ("-", "–"):
        k -= 1
    return k


def _title_start(doc, end: int, knowledge, body_at, sent_start: int) -> tuple[int, bool]:
    """(where the title ending at ``end`` starts, whether it holds a head word such as "Minister")."""
    k = end
    has_head = False
    while k > sent_start:
        tok = doc[k - 1]
        low = tok.lower_
        if (k - 1) in body_at:
            break
        singular = low[:-1] if low.endswith("s") and len(low) > 3 else low  # "investigators Ana Ruiz and ..."
        if low in knowledge.title_words or low in knowledge.abbreviated_titles or singular in knowledge.title_heads:
            has_head = (
                has_head or low in knowledge.title_heads or low in knowledge.abbreviated_titles
            ) or singular in knowledge.title_heads
            k -= 1
        elif k - 2 > sent_start and doc[k - 2].lower_ == "in" and is_place_word(tok.text, knowledge) and not has_head:
            k -= 2  # "Deputy Consul in Peru Ana Ruiz"
        elif low == "charge" and k - 2 > sent_start and doc[k - 2].lower_ == "in":
            k -= 2  # "Special Agent in Charge Ana Ruiz"
        elif (
            low in knowledge.title_prefixes
            and is_capitalised(tok)
            and k < end
            and doc[k].lower_ in knowledge.title_heads
        ):
            k -= 1  # "Under Secretary ... X", not "Minister under President X"
        elif (
            low in ("of", "for", "to", "the", "in")
            and k - 2 >= sent_start
            and (
                is_capitalised(doc[k - 2])
                or doc[k - 2].lower_ in knowledge.title_words
                or low == "the"
                and doc[k - 2].lower_ in ("of", "for", "to")
            )
        ) or (
            low == "and"
            and k < end
            and k - 2 >= sent_start
            and is_capitalised(doc[k - 2])
            and _named_office_word(doc, k - 1, end, knowledge, body_at)
        ):
            k -= 1
        elif k - 2 >= sent_start and _named_office_word(doc, k, end, knowledge, body_at):
            k -= 1
        else:
            break
    return k, has_head


def _named_office_word(doc, k: int, end: int, knowledge, body_at) -> bool:
    """The capitalised word before ``k`` is part of a titled office ("Minister of Foreign Affairs")."""
    if not is_capitalised(doc[k - 1]) or (k - 1) in body_at:
        return False
    j = k - 2  # back over the rest of the office's name: "Minister of Trade and Industry X"
    while j > 0 and k - 2 - j < 4 and (is_capitalised(doc[j]) or doc[j].lower_ == "and") and j - 1 not in body_at:
        j -= 1
    if doc[j].lower_ == "the" and j > 0 and doc[j - 1].lower_ in ("of", "for", "to"):
        j -= 1  # "Secretary of the Treasury X"
    if doc[j].lower_ not in ("of", "for", "to"):
        return False
    # the head after it ("Minister of Foreign Affairs"), or right before its "of" ("Secretary of State X")
    return (k < end and any(doc[x].lower_ in knowledge.title_heads for x in range(k, end))) or _head_before(
        doc, j, knowledge
    )


def _head_before(doc, j: int, knowledge) -> bool:
    """A title head just before ``j``, or before the office words that follow it ("Secretary of State",
    "Under Secretary of the Treasury for ...")."""
    x = j - 1
    while x >= 0 and j - x <= 6:
        if doc[x].lower_ in knowledge.title_heads:
            return True
        if not (is_capitalised(doc[x]) or doc[x].lower_ in ("of", "for", "the")):
            return False
        x -= 1
    return False


def _body_for_role(role: str, entities: list[FoundEntity]) -> FoundEntity | None:
    """``Minister of Public Security`` works for the ``Ministry of Public Security``; a consul for the consulate."""
    low = role.lower()
    if low in (
        "president",
        "prime minister",
        "deputy prime minister",
        "vice president",
        "vice-president",
        "premier",
        "king",
        "queen",
    ):
        governments = [e for e in entities if e.entry is not None and e.entry.id.startswith("gov:")]
        if len(governments) == 1:
            return governments[0]
    match = re.search(r"minister (?:of|for) (.+)$", low)
    if match:
        want = name_key("ministry of " + match.group(1))
        for entity in entities:
            if entity.cls == "Agency" and canonical_body_key(entity.label) == canonical_body_key(want):
                return entity
    if "consul" in low:
        options = [e for e in entities if e.cls == "Agency" and "consulate" in e.label.lower()]
        if len(options) == 1:
            return options[0]
    if "ambassador" in low:
        options = [e for e in entities if e.cls == "Agency" and "embassy" in e.label.lower()]
        if len(options) == 1:
            return options[0]
    return None
