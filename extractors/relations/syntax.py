"""Walking the relation parse: coordinated groups, subjects and agents, owners, negation and hedging.

These read a :class:`~tipgraph.extractors.relations.parse.ParsedSentence` (entities merged into
single tokens) and are shared by the cooperation, funding and route finders.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache

from spacy.tokens import Span, Token

from tipgraph.extractors.entities.candidates.plurals import singular
from tipgraph.extractors.relations.misparses import GROUP_DEPS, bracketed_place, comma_modifier, misparsed_apposition
from tipgraph.extractors.relations.parse import EntityRef, ParsedSentence
from tipgraph.extractors.relations.patterns import packaged_patterns


@cache
def grammar_words(key: str) -> frozenset[str]:
    """A word list of ``patterns.json`` ``syntax`` ("example_prepositions", "preposition_adverbs").

    The grammar every pattern family walks, read by functions that take tokens, not a
    pattern table: the packaged lists.
    """
    return frozenset(packaged_patterns()["syntax"][key])


def clauses(sent: Span) -> list[Span]:
    """``sent`` cut at semicolons that start a clause of its own (a factbook's "X is ...; Y are ...").

    A semicolon between the items of a list ("advocacy; capacity building in
    MOLISA; and direct assistance") does not cut: the part after it has no
    subject.
    """
    doc = sent.doc
    semicolons = [t.i for t in sent if t.text == ";" and t.i + 1 < sent.end]
    if not semicolons:
        return [sent]
    cuts = [sent.start]
    for n, i in enumerate(semicolons):
        following = doc[i + 1 : semicolons[n + 1] if n + 1 < len(semicolons) else sent.end]
        if any(t.dep_ in ("nsubj", "nsubjpass", "expl") for t in following):
            cuts.append(i + 1)
    cuts.append(sent.end)
    return [doc[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


# ---------------------------------------------------------------- walking the parse


def group(token: Token, entities: dict | None = None) -> list[Token]:
    """``token`` and the tokens coordinated with it: conjuncts, appositions, examples.

    With ``entities`` (token index -> entity), an apposition naming another
    entity than a named head is a misparse, not the same thing said twice.
    """
    seen: list[Token] = []
    stack = [token]
    while stack:
        current = stack.pop()
        if current in seen:
            continue
        seen.append(current)
        for child in current.children:
            if child.dep_ == "appos" and entities is not None and misparsed_apposition(current, child, entities):
                continue
            if child.dep_ == "appos" and entities is not None and bracketed_place(current, child, entities):
                continue  # "Centre for Poverty Analysis (Sri Lanka)": where the body is, not one more member
            if child.dep_ in GROUP_DEPS or (entities is not None and comma_modifier(current, child, entities)):
                stack.append(child)
            elif child.dep_ == "prep" and child.lower_ in grammar_words("example_prepositions"):
                stack.extend(c for c in child.children if c.dep_ == "pobj")
    return sorted(seen, key=lambda t: t.i)


def linear_list(ps: ParsedSentence, token: Token) -> list[Token]:
    """Entity tokens listed after ``token`` ("in the Labour Ministry, the Coast Guard, and the Red Cross").

    The small model often breaks long lists of names; when the parse gives
    ``token`` no conjunct, a run of entities joined only by commas and "and"/"or"
    is still one list.
    """
    members = []
    i = token.i + 1
    pending = False
    while i < len(ps.doc):
        current = ps.doc[i]
        if current.text in (",", "and", "or", "the", "The", "&") or current.is_space:
            pending = True
        elif i in ps.entities and pending and not _opens_clause(current, token):
            members.append(current)
            pending = False
        else:
            break
        i += 1
    return members


def _opens_clause(current: Token, token: Token) -> bool:
    """ "With funds from X, the Y trained": the subject of the verb ``token``'s fronted phrase modifies opens the
    clause, not one more list item (in "A group of X, Y and Z drafted" X is inside the subject: a list)."""
    verb = current.head
    if current.dep_ not in ("nsubj", "nsubjpass") or verb not in token.ancestors:
        return False
    branch = next(a for a in (token, *token.ancestors) if a.head == verb)
    return branch.dep_ not in ("nsubj", "nsubjpass", "csubj")


def entity_after(ps: ParsedSentence, token: Token, word: str) -> list[Token]:
    """The entity token right after ``token``'s phrase and ``word`` ("funds from X to Y": Y after X and
    "to"), whatever the parse makes of it (it may read "to UNICEF" as an infinitive)."""
    doc, end = ps.doc, token.right_edge.i
    if end + 2 >= len(doc) or doc[end + 1].lower_ != word:
        return []
    named = end + 3 if doc[end + 2].lower_ == "the" else end + 2
    return [doc[named]] if named in ps.entities else []


def is_name(ref: EntityRef) -> bool:
    """A name, not a description: "Vietnamese security organisations" is not one."""
    return any(c.isupper() for c in (ref.label or ref.text))


def group_entities(ps: ParsedSentence, token: Token | None, classes: Iterable[str]) -> list[EntityRef]:
    """The entities of the given classes among ``token`` and its coordinated group."""
    if token is None:
        return []
    classes = set(classes)
    members = group(token, ps.entities)
    if len(members) == 1 and token.i in ps.entities:
        members += linear_list(ps, token)
    found: list[EntityRef] = []
    for member in members:
        ref = ps.entity(member)
        if ref is None and (
            member.lower_ in grammar_words("staff_nouns")
            or member.text in grammar_words("office_nouns")  # "IOM's office", not the unit "Office 130 of X"
        ):
            # "training for officials of X and Y": a body's people stand for the body
            found += [r for o in _staff_bodies(member) for r in group_entities(ps, o, classes) if r not in found]
            # "Embassy officials", "IOM staff"; not "Thai officials" (a country's people are not its government)
            bodies = [ps.entity(c) for c in member.children if c.dep_ == "compound"]
            found += [r for r in bodies if r is not None and r.cls in classes - {"Country"} and r not in found]
            continue
        if ref is None and (listed := _listed_bodies(ps, member)):
            found += [r for o in listed for r in group_entities(ps, o, classes) if r not in found]
            continue
        if (
            ref is None
            and member.lower_ in grammar_words("plural_body_heads")
            and (named := _bodies_before_plural(ps, member, classes))
        ):
            found += [r for r in named if r not in found]  # "the Moroccan, Spanish and Italian governments"
            continue
        if ref is not None and ref.cls in classes and ref not in found and is_name(ref):
            found.append(ref)
    return found


def _listed_bodies(ps: ParsedSentence, head: Token) -> list[Token]:
    """ "the Ministries of Education and Health": the plural head stands for the bodies under its "of"
    (the first of which is named with the head's singular: "Ministry of Education")."""
    low = head.lower_
    if not low.endswith("s") or len(low) < 4:
        return []
    objects = [
        c for p in head.children if p.dep_ == "prep" and p.lower_ == "of" for c in p.children if c.dep_ == "pobj"
    ]
    first = ps.entity(objects[0]) if objects else None
    return objects if first is not None and first.label.lower().split()[:1] == [singular(low)] else []


def _bodies_before_plural(ps: ParsedSentence, head: Token, classes: set[str]) -> list[EntityRef]:
    """The bodies (no country) named by the modifiers of a plural head ("the Thai and Lao governments",
    "UN agencies"): each stands for one of it."""
    found: list[EntityRef] = []
    for child in head.children:
        if child.dep_ not in ("amod", "compound", "nmod") or child.i > head.i:
            continue
        for sub in group(child, ps.entities):
            ref = ps.entity(sub)
            if ref is not None and ref.cls in classes and ref.cls != "Country" and ref not in found:
                found.append(ref)
    return found


def _staff_bodies(staff: Token) -> list[Token]:
    """ "officials of X", "representatives from X", "X's staff": the body the people belong to."""
    bodies = [c for c in staff.children if c.dep_ == "poss"]
    for child in staff.children:
        if child.dep_ == "prep" and child.lower_ in ("of", "from"):
            bodies += [c for c in child.children if c.dep_ == "pobj"]
    return bodies


_OWNER_DEPS = ("poss", "compound", "nmod", "npadvmod", "amod")


def _left_modifiers(token: Token, skip: set) -> Iterator[Token]:
    for child in token.children:
        if child in skip or child.dep_ not in _OWNER_DEPS:
            continue
        if child.tag_ == "VBN" and child.dep_ == "amod":  # "USG-funded": another role, not the owner
            continue
        yield child
        yield from _left_modifiers(child, skip)


def owners(
    ps: ParsedSentence, token: Token, classes: Iterable[str], skip: Iterable[Token] = (), countries_own: bool = False
) -> list[EntityRef]:
    """Who a project, programme or unit belongs to: the entity itself, else its possessor or modifiers.

    A country written before a common noun qualifies it ("UK police investigations", "Thai
    officials") and owns nothing, unless ``countries_own`` says the noun is one a country
    can hold ("U.S. funding")."""
    classes = set(classes)
    skip = set(skip)
    found: list[EntityRef] = []
    for member in group(token, ps.entities):
        ref = ps.entity(member)
        if ref is not None:
            if ref.cls in classes and ref not in found and is_name(ref):
                found.append(ref)
            continue
        targets = list(_left_modifiers(member, skip))
        for child in member.children:
            if child.dep_ == "prep" and child.lower_ == "of" and child not in skip:
                targets.extend(c for c in child.children if c.dep_ == "pobj")
        for target in targets:
            for sub in group(target):
                ref = ps.entity(sub)
                if ref is None or ref.cls not in classes or ref in found or not is_name(ref):
                    continue
                if (
                    ref.cls == "Country"
                    and not countries_own
                    and target.head.pos_ == "NOUN"
                    and target.head.i not in ps.entities
                ):
                    continue
                found.append(ref)
    organisations = [r for r in found if r.cls != "Country"]
    return organisations or found


class ActorFinder:
    """What the pattern families share: the actors a sentence's tokens name, each once, in order."""

    def __init__(self, ps: ParsedSentence, actor_classes: Iterable[str]):
        self.ps = ps
        self.actors = set(actor_classes)

    def ents(self, tokens: Iterable[Token]) -> list[EntityRef]:
        """The actors among ``tokens`` and their coordinated groups."""
        return _distinct(ref for token in tokens for ref in group_entities(self.ps, token, self.actors))

    def owned(self, tokens: Iterable[Token], skip: Iterable[Token] = ()) -> list[EntityRef]:
        """The actors that own what ``tokens`` name (a project, a unit), or are it."""
        return _distinct(ref for token in tokens for ref in owners(self.ps, token, self.actors, skip))


def _distinct(refs: Iterable[EntityRef]) -> list[EntityRef]:
    return list(dict.fromkeys(refs))  # in order, each once


def prep_objects(token: Token, prepositions: Iterable[str]) -> list[Token]:
    """Objects of the prepositions among ``token``'s children (``with X`` -> X)."""
    prepositions = set(prepositions)
    objects: list[Token] = []
    for child in token.children:
        if child.dep_ in ("prep", "agent", "dative") and child.lower_ in prepositions:
            objects.extend(c for c in child.children if c.dep_ in ("pobj", "pcomp"))
            # "together with", "along with": the preposition hangs on an adverb
        elif child.dep_ in ("advmod", "prep") and child.lower_ in grammar_words("preposition_adverbs"):
            objects.extend(prep_objects(child, prepositions))
    return objects


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children) or (
        verb.tag_ == "VBN" and verb.dep_ in ("acl", "amod", "advcl")
    )


def subject_tokens(verb: Token, depth: int = 0) -> list[Token]:
    """The grammatical subject of ``verb``, borrowed from the governing clause when it has none."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")]
    if subjects or depth > 4:
        return subjects
    if verb.dep_ in ("conj", "xcomp", "advcl", "pcomp") and verb.head is not verb:
        head = verb.head
        if head.pos_ in ("VERB", "AUX"):
            return subject_tokens(head, depth + 1)
        if verb.dep_ == "pcomp" and head.head is not head:
            return subject_tokens(head.head, depth + 1)
    if verb.dep_ in ("acl", "relcl") and verb.head is not verb:
        return [verb.head]
    return []


def actor_tokens(verb: Token) -> list[Token]:
    """Who does what ``verb`` says: the agent of a passive, else the subject."""
    agents = prep_objects(verb, ("by",))
    agents = [t for t in agents if any(c.dep_ == "agent" for c in verb.children) or verb.tag_ == "VBN"]
    if agents:
        return agents
    if is_passive(verb):
        return []
    return subject_tokens(verb)


def governing_verb(token: Token, limit: int = 6) -> Token | None:
    """The nearest verb above ``token`` (``token`` itself when it is one)."""
    current = token
    for _ in range(limit):
        if current.pos_ in ("VERB", "AUX") and current.dep_ not in ("amod", "compound"):
            return current
        if current.head is current:
            return None
        current = current.head
    return None


def nearest_actor_before(
    ps: ParsedSentence, token: Token, classes: Iterable[str], exclude: Iterable[EntityRef] = ()
) -> EntityRef | None:
    """The closest entity of ``classes`` left of ``token`` in the same clause (no ';' between)."""
    classes = set(classes)
    exclude = set(exclude)
    for i in range(token.i - 1, -1, -1):
        current = ps.doc[i]
        if current.text in (";", ":") or (
            current.pos_ == "VERB"
            and current.dep_ in ("ROOT", "ccomp")
            and current.i < token.i - 1
            and i != token.head.i
        ):
            return None
        ref = ps.entities.get(i)
        if ref is not None and ref.cls in classes and ref not in exclude:
            return ref
    return None


def is_verb(token: Token) -> bool:
    return token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB")


def is_noun(token: Token) -> bool:
    return token.pos_ in ("NOUN", "PROPN") and not token.tag_.startswith("VB")


def ref_index(ps: ParsedSentence, ref: EntityRef, before: Token) -> int:
    """Where ``ref`` is last named before ``before``."""
    return max(i for i, r in ps.entities.items() if r == ref and i < before.i)
