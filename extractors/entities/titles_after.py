"""A title written after a person's name: "X, director of the IOM office", "X, of the National Crime Agency"."""

from __future__ import annotations

from tipgraph.extractors.naming import is_capitalised


def title_after(doc, end, knowledge, body_at):
    """``X, director of the IOM office``, ``X, a police officer``, ``X is the Ford Foundation's Programme Officer``."""
    k = end
    if k >= len(doc) or doc[k].text not in (",", "(", "is", "was", "-", "–"):
        return None, None  # "'s" too: a possessive is no apposition
    k += 1
    if k < len(doc) and doc[k].lower_ in ("a", "an", "the"):
        k += 1
    # "X, former deputy director of Y", "X, a British advisor to Y": when, and whose, before the title
    while k < len(doc) and (doc[k].lower_ in knowledge.title_time_words or doc[k].lower_ in knowledge.demonyms):
        k += 1
    body = None
    start = k
    k = _past_title_modifiers(doc, k, knowledge, body_at)  # "X, Treasury Under Secretary for Y"
    if k in body_at:  # "X is the Ford Foundation's Programme Officer"
        body = body_at[k]
        while k in body_at:
            k += 1
        if k < len(doc) and doc[k].text in ("'s", "’s"):
            k += 1
        start = k
    has_head = False
    if k + 1 < len(doc) and doc[k].lower_ in knowledge.title_prefixes and doc[k + 1].lower_ in knowledge.title_heads:
        k += 1  # "X, Under Secretary for Y"
    while k < len(doc) and k - start < 8 and doc[k].lower_ in knowledge.title_words:
        has_head = has_head or doc[k].lower_ in knowledge.title_heads
        k += 1
    if not has_head:
        return None, None
    if k + 1 < len(doc) and doc[k].lower_ in ("of", "for") and is_capitalised(doc[k + 1]) and (k + 1) not in body_at:
        j = k + 1  # "Deputy Minister of Public Security": the office, no body named
        while j < len(doc) and j - k <= 4 and is_capitalised(doc[j]) and (j not in body_at):
            j += 1
        if j >= len(doc) or not is_capitalised(doc[j]):
            k = j
    role = doc[start:k].text
    if body is None:
        body = _body_of_title(doc, k, body_at)
    role = role[0].upper() + role[1:] if role else role
    return role, body


def _past_title_modifiers(doc, k: int, knowledge, body_at) -> int:
    """Past up to three capitalised words that qualify a title after them ("Treasury", "HSI Miami"),
    when a title word follows; else ``k`` unchanged."""
    j = k
    while (
        j < len(doc)
        and j - k < 3
        and j not in body_at
        and is_capitalised(doc[j])
        and doc[j].ent_type_ != "PERSON"
        and doc[j].lower_ not in knowledge.title_words
        and doc[j].lower_ not in knowledge.title_prefixes
    ):
        j += 1
    if j > k and j < len(doc) and (doc[j].lower_ in knowledge.title_words or doc[j].lower_ in knowledge.title_prefixes):
        return j
    return k


def body_in_apposition(doc, end: int, body_at):
    """The body in "X, of the Y," or "X of the Y" right after a name."""
    if end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].lower_ == "of":
        return _body_of_title(doc, end + 1, body_at)
    if end < len(doc) and doc[end].lower_ == "of":
        return _body_of_title(doc, end, body_at)
    return None


def _body_of_title(doc, k: int, body_at):
    """The body a title after a name names: "... of the X", the last of "X's Y Department"."""
    if k >= len(doc) or doc[k].lower_ not in ("of", "to", "at", "for", "in"):
        return None
    j = k + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    body = None
    if j in body_at:
        body = body_at[j]
        # "Director of the National Police's Anti-Trafficking ... Department": the last body
        while j < len(doc) and (j in body_at or doc[j].text in ("'s", "’s")):
            if j in body_at:
                body = body_at[j]
            j += 1
    return body
