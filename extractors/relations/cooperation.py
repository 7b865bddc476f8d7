"""Cooperation between actors, read off the parse of one sentence.

Pattern families (trigger words in ``patterns.json``, section
``cooperation``):

- a cooperation verb: "X cooperates with Y", "X and Y collaborate", "X works with Y";
- a cooperation noun: "cooperation between X and Y", "X's partnership with Y",
  "X and Y enjoy a security relationship", "X, in cooperation with Y, has ...";
- joint action: "X and Y jointly signed ...", "a workshop organized by X and Y" (and the groups
  of :mod:`.groups`: a body's members, an activity's organisers),
  "X, Y and Z are carrying out a project", "X and Y are working on a study" (one activity, whatever the verb);
- assistance: "X assisted Y", "capacity building in Y" (by X), "X signed Y's project",
  "X referred the victims to Y", "X held a training course for officials of Y" (a body's
  staff stand for it);
- company: "X, with Y, is conducting a survey", "X, with Y support, drafted ...";
- membership: "X is a member of Y" (and, in :mod:`.groups`, "a committee made up of X and Y");
- reliance and help received: "X relies on Y to ...", "X received training from Y" (in :mod:`.groups`, with
  "X signed Y's project").

One actor working with several partners is one group (all took part),
but support from several is a star around the one supported ("X leads with
support from A, B and C": each supports X); several actors each cooperating
with a partner are pairs, unless the text says they acted jointly. A statement that is denied ("does not cooperate",
"reluctant to engage with") or only hoped for, planned or asked for is not
cooperation: it is dropped, or kept with ``negated=True`` when asked to.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from tipgraph.extractors.records import CooperationRecord
from tipgraph.extractors.relations.groups import EXPLICIT, INDIRECT, JOINT_ACTION, LINEAR, GroupPatterns
from tipgraph.extractors.relations.modality import modality
from tipgraph.extractors.relations.parse import EntityRef, ParsedSentence
from tipgraph.extractors.relations.patterns import TRIGGER_LISTS
from tipgraph.extractors.relations.syntax import (
    actor_tokens,
    governing_verb,
    grammar_words,
    is_noun,
    is_passive,
    is_verb,
    nearest_actor_before,
    prep_objects,
    subject_tokens,
)


class _Finder(GroupPatterns):
    """Collects the cooperations of one sentence as (participants, confidence, trigger)."""

    def __init__(self, ps: ParsedSentence, patterns: dict):
        super().__init__(ps, patterns)
        self.negation = patterns["negation"]
        self.hedge = patterns["hedge"]

    def fallback_actor(self, token: Token, exclude: list[EntityRef]) -> EntityRef | None:
        """The nearest actor before ``token`` in its clause, else the actor of the list this item belongs to."""
        ref = nearest_actor_before(self.ps, token, self.actors, exclude)
        if ref is None and self.ps.implicit_subject is not None and self.ps.implicit_subject not in exclude:
            ref = self.ps.implicit_subject
        return ref

    def add_sides(
        self,
        actors: list[EntityRef],
        partners: list[EntityRef],
        joint: bool,
        confidence: float,
        trigger: Token,
        separate: bool = False,
    ) -> None:
        """One actor with partners, or actors acting jointly: a group; else, or when what binds them is
        ``separate`` ("signed agreements with A and B": one with each), actor-partner pairs."""
        partners = [p for p in partners if p not in actors]
        if (len(actors) <= 1 or joint) and not separate:
            self.add_group([*actors, *partners], confidence, trigger)
        else:
            self.add_pairs(actors, partners, confidence, trigger)

    # -- pattern families

    def verbs(self, t: Token) -> None:
        lemma = t.lemma_.lower()
        relies = lemma in self.cfg["reliance_verbs"]  # "relies on Caritas to shelter victims"
        if lemma not in self.cfg["verbs"] and t.lower_ not in self.cfg["verbs"] and lemma not in self.cfg["with_verbs"]:
            if not relies:
                return
        partner_tokens = prep_objects(t, ("on",) if relies else ("with", "alongside"))
        if not partner_tokens and not relies:  # "coordinated the return of the workers with Y": on the object
            objects = [c for c in t.children if c.dep_ == "dobj" and self.ps.entity(c) is None]
            partner_tokens = [p for o in objects for p in prep_objects(o, ("with",))]
        if lemma == "meet":
            partner_tokens += [c for c in t.children if c.dep_ == "dobj"]
        strong = lemma in self.cfg["verbs"] or t.lower_ in self.cfg["verbs"]
        if strong and not partner_tokens:  # "cooperates through SARPCO": with the body it works in
            partner_tokens = prep_objects(t, ("through",))
        partners = self.ents(partner_tokens) or self.effort_owners(partner_tokens)
        if not partners and (partner_tokens or not strong):
            return  # working with someone the text does not name
        # "The X Association partnered with Y to ...": the parse may read the main verb as a participle on X
        misread = t.dep_ == "acl" and t.head.dep_ == "ROOT" and not prep_objects(t, ("by",))
        if is_passive(t) and not misread:
            # "X drafted a plan. The plan was coordinated with Y", "an MOU was signed with Y": who did it
            ref = self._doer_of_deed(t, partners) if partners else None
            if ref is not None:
                self.add_group([ref, *partners], LINEAR, t)
            return
        actors = self.ents([t.head] if misread else actor_tokens(t))
        if not partners:
            if len(actors) >= 2:  # "X and Y cooperate"
                self.add_group(actors, EXPLICIT, t)
            return
        if partners and not actors:
            ref = self.fallback_actor(t, partners)
            if ref is not None:
                self.add_group([ref, *partners], LINEAR, t)
            return
        self.add_sides(actors, partners, self.joint(t), EXPLICIT, t, self.binds_separately(t))

    def nouns(self, t: Token) -> None:
        lemma = t.lemma_.lower()
        if lemma not in self.cfg["nouns"] and lemma in self.cfg["joint_prepositions"] and is_noun(t):
            # "in conjunction with Y", "in association with Y": no cooperation noun, the same phrase
            if t.dep_ == "pobj" and t.head.lower_ == "in" and (partners := self.ents(self.with_partners(t))):
                self.joint_phrase(t.head, partners, t)
            return
        signed = lemma in self.cfg["sign_objects"]  # "a protocol between A and B"; a protocol alone is a procedure
        if (lemma not in self.cfg["nouns"] and not signed) or not is_noun(t):
            return
        between = self.parties_between(t)
        if len(between) >= 2:
            self.add_group(between, EXPLICIT, t)
            return
        if lemma not in self.cfg["nouns"]:
            return
        partner_tokens = self.with_partners(t)
        partners = self.ents(partner_tokens)
        head = t.head
        if partners:
            self.noun_with_partners(t, partner_tokens, partners)
            return
        if lemma not in self.cfg["group_nouns"] or t.dep_ == "compound":
            return
        modifiers = self.owned([t])
        if len(modifiers) >= 2:  # "UK-Vietnam relations", "China-Vietnam cooperation"
            self.add_group(modifiers, EXPLICIT, t)
            return
        entered = t.dep_ == "pobj" and head.lower_ == "into"  # "A and B entered into an agreement"
        verb = head.head if entered else head
        if (t.dep_ in ("dobj", "attr") or entered) and verb.lemma_.lower() in self.cfg["bond_verbs"]:
            actors = self.ents(actor_tokens(verb))
            if len(actors) >= 2:
                self.add_group(actors, EXPLICIT, t)

    def noun_with_partners(self, t: Token, partner_tokens: list[Token], partners: list[EntityRef]) -> None:
        """A cooperation noun with its partners: "X's partnership with Y", "X signed a memorandum with Y"."""
        head = t.head
        if (
            t.dep_ == "pobj"
            and head.lower_ in ("in", "through", "under")
            and t.lemma_.lower() in self.cfg["joint_prepositions"]
        ):
            self.joint_phrase(head, partners, t)  # "in cooperation with Y": whoever does what the phrase modifies
            return
        actors = self.owned([t], skip=partner_tokens)
        verb = governing_verb(t)
        if not actors and t.dep_ in ("dobj", "attr", "nsubj", "pobj") and verb is not None:
            actors = self.ents(actor_tokens(verb))
        confidence = EXPLICIT
        if not actors:
            ref = self.fallback_actor(t, partners)
            if ref is None and verb is not None and not is_passive(verb):
                ref = self._doer_of_deed(verb, partners)  # "These steps follow close work with Y"
            actors = [ref] if ref is not None else []
            confidence = LINEAR
        if actors:  # "cooperation with A and B" by nobody named: A and B did not work with each other
            self.add_sides(actors, partners, True, confidence, t, self.separate_bonds(t))

    def joint_phrase(self, preposition: Token, partners: list[EntityRef], trigger: Token, star: bool = False) -> None:
        """The actors of what ``preposition``'s phrase modifies, with ``partners``: one group, or with
        ``star`` (each partner's support its own: "X leads with support from A, B and C") a pair each."""
        head = preposition.head
        if head is preposition:
            return
        actors: list[EntityRef] = []
        if is_verb(head):
            actors = self.ents(actor_tokens(head))
        elif self.ps.entity(head) is not None:
            actors = self.ents([head])
        else:
            actors = self.owned([head])
            if not actors and head.dep_ in ("dobj", "obj") and is_verb(head.head):
                actors = self.ents(actor_tokens(head.head))  # "X leads the response with support from Y"
        confidence = EXPLICIT
        if not actors:
            ref = self.fallback_actor(preposition, partners)
            if ref is None and is_verb(head) and is_passive(head):
                ref = self._doer_of_deed(head, partners)
            actors = [ref] if ref is not None else []
            confidence = LINEAR
        if not actors and not (is_verb(head) and is_passive(head)):
            # "these agencies work in cooperation with A and B": A and B work with someone unnamed, not with
            # each other; but "the operation was run in coordination with A and B": both took part in it
            return
        if star:
            self.add_pairs(actors, [p for p in partners if p not in actors], confidence, trigger)
        else:
            self.add_sides(actors, partners, True, confidence, trigger)

    def _doer_of_deed(self, verb: Token, partners: list[EntityRef]) -> EntityRef | None:
        """Who did a deed told with no doer: the paragraph's actor ("X designated them. The action was taken
        in coordination with Y"), or, for "today's action" of a press release (also "These designations
        reflect our cooperation with Y"), its issuer."""
        doer = self.ps.paragraph_actor
        deeds = [
            s for s in verb.children if s.dep_ in ("nsubjpass", "nsubj") and s.lemma_.lower() in self.cfg["deed_nouns"]
        ]
        if doer is None and any(c.dep_ in ("poss", "det") for s in deeds for c in s.children):
            doer = self.ps.document_actor
        return doer if doer not in partners else None

    def together(self, t: Token) -> None:
        """ "X, together with Y, ..." and "X and Y jointly V"."""
        if (
            t.lower_ == "with"
            and t.dep_ == "prep"
            and any(c.dep_ == "advmod" and c.lower_ in self.cfg["joint_adverbs"] for c in t.children)
        ):
            # the parse may hang "together" on "with": "Interpol, together with UNODC, ..."
            partners = self.ents(c for c in t.children if c.dep_ == "pobj")
            head = t.head
            actors = self.ents(actor_tokens(head)) if is_verb(head) else self.ents([head])
            if partners and actors:
                self.add_sides(actors, partners, True, EXPLICIT, t)
            return
        if t.dep_ != "advmod" or t.lower_ not in self.cfg["joint_adverbs"]:
            return
        partners = self.ents(prep_objects(t, ("with",)))
        verb = t.head
        if partners:
            actors = self.ents(actor_tokens(verb)) if is_verb(verb) else self.ents([verb])
            if not actors:
                ref = self.fallback_actor(t, partners)
                actors = [ref] if ref is not None else []
            self.add_sides(actors, partners, True, EXPLICIT, t)
        elif is_verb(verb):
            actors = self.ents(actor_tokens(verb))
            if len(actors) >= 2:
                self.add_group(actors, JOINT_ACTION, t)

    def assistance(self, t: Token) -> None:
        lemma = t.lemma_.lower()
        if is_verb(t) and lemma in self.cfg["assist_verbs"]:
            objects = [c for c in t.children if c.dep_ in ("dobj", "obj")]
            if is_passive(t):
                helpers = self.ents(prep_objects(t, ("by",)))
                subjects = subject_tokens(t)
                helped = self.owned(subjects) or self.ents(subjects)  # "officers from X were trained by Y"
            else:
                subjects = subject_tokens(t)
                helpers = self.ents(subjects)
                # "trained 40 officers from X": a body's people stand for it, as its projects do
                helped = self.owned(objects) or self.ents(objects)
                if not helped and any(o.lower_ in grammar_words("staff_nouns") for o in objects):
                    helped = self.ents(prep_objects(t, ("from",)))  # the parse may hang "from X" on the verb
                if helped and not helpers and all(s.pos_ == "PRON" for s in subjects):
                    # no subject, or "it", "they": who acts is named before; not "UK funding supported Y"
                    ref = self.fallback_actor(t, helped)
                    helpers = [ref] if ref is not None else []
            self.add_pairs(helpers, helped, INDIRECT, t)
            return
        if is_verb(t) and (lemma in self.cfg["provide_verbs"] or lemma in self.cfg["joint_activity_verbs"]):
            self.given(t)
            return
        if is_noun(t) and lemma in self.cfg["assist_nouns"] and t.dep_ == "pobj" and t.head.lower_ == "with":
            # "X, with support from Y, launched ...": Y helps whoever does what the phrase modifies
            helpers = self.ents(prep_objects(t, ("from", "of", "by")))
            if helpers:
                self.joint_phrase(t.head, helpers, t, star=True)
                return
        if is_noun(t) and lemma in self.cfg["assist_nouns"]:
            # "a training course for officials of X": the assistance noun may modify what is given
            t = t.head if t.dep_ == "compound" and is_noun(t.head) else t
            helped = self.ents(prep_objects(t, self.cfg["assist_prepositions"]))
            if not helped:
                return
            helpers = self.owned([t], skip=[c for c in t.children if c.dep_ in ("prep", "compound")])
            if not helpers:
                verb = governing_verb(t)
                if (
                    verb is not None
                    and verb.lemma_.lower() not in self.cfg["provide_verbs"] + self.cfg["assist_taking_verbs"]
                ):
                    helpers = self.ents(actor_tokens(verb))
                elif verb is not None and verb.lemma_.lower() in self.cfg["provide_verbs"]:
                    helpers = self.ents(actor_tokens(verb))
            helped = [h for h in helped if h not in helpers]
            self.add_pairs(helpers, helped, INDIRECT, t)

    def given(self, t: Token) -> None:
        """ "X provided training to Y", "X held a training course for officials of Y", "a seminar for Y"."""
        given = {*self.cfg["assist_nouns"], *self.cfg["activity_nouns"]}
        things = [
            c
            for c in t.children
            if c.dep_ in ("dobj", "obj")
            and (
                c.lemma_.lower() in given or any(m.dep_ == "compound" and m.lemma_.lower() in given for m in c.children)
            )
        ]
        if not things:
            return
        receivers = prep_objects(t, ("to", "for")) + [c for c in t.children if c.dep_ in ("dative", "iobj")]
        for thing in things:
            receivers += prep_objects(thing, ("to", "for"))
        helpers = self.ents(subject_tokens(t))
        self.add_pairs(helpers, [r for r in self.ents(receivers) if r not in helpers], INDIRECT, t)
        if len(helpers) >= 2:  # "X and Y provided training to border officials": they gave it together
            self.add_group(helpers, JOINT_ACTION, t)

    def run(self) -> list[tuple[list[EntityRef], float, Token]]:
        lemmas, words = _trigger_words(self.cfg)
        for t in self.ps.doc:
            if t.lemma_.lower() not in lemmas and t.lower_ not in words:
                continue  # no pattern below starts at this word
            self.verbs(t)
            self.nouns(t)
            self.together(t)
            self.alongside(t)
            self.joint_action(t)
            self.shared_activity(t)
            self.attended_activity(t)
            self.joined_body(t)
            self.assistance(t)
            self.referral(t)
            self.signing(t)
            self.membership(t)
            self.activity(t)
            self.hosted_activity(t)
            self.convening(t)
            self.member_of(t)
            self.received(t)
        return self.found


_TRIGGERS: dict[int, tuple[dict, frozenset, frozenset]] = {}


def _trigger_words(cfg: dict) -> tuple[frozenset, frozenset]:
    """The lemmas and the words at which some cooperation pattern starts (cached per pattern table)."""
    kept = _TRIGGERS.get(id(cfg))
    if kept is None or kept[0] is not cfg:
        lemmas = frozenset(w for key in TRIGGER_LISTS["cooperation"] for w in cfg[key]) | {"sign"}
        words = frozenset(cfg["verbs"]) | frozenset(cfg["joint_adverbs"]) | {"with"}
        kept = _TRIGGERS[id(cfg)] = (cfg, lemmas, words)
    return kept[1], kept[2]


def cooperation_in(ps: ParsedSentence, patterns: dict, keep_negated: bool = False) -> Iterator[CooperationRecord]:
    """Every cooperation ``ps`` states, one record per distinct group of participants."""
    seen: dict[frozenset, CooperationRecord] = {}
    for members, confidence, trigger in _Finder(ps, patterns).run():
        keys: list[str] = []
        for ref in members:
            key = ps.affiliations.get(ref.key) if ref.cls == "Official" else ref.key
            if key and key not in keys:
                keys.append(key)
        if len(keys) < 2:
            continue
        mode = modality(trigger, patterns["negation"], patterns["hedge"])
        if mode == "hedged" or (mode == "negated" and not keep_negated):
            continue
        record = CooperationRecord(keys, ps.evidence, confidence=confidence, negated=mode == "negated")
        group = frozenset(keys)
        if group not in seen or seen[group].confidence < confidence:
            seen[group] = record
    records = list(seen.values())
    # a pair already inside a larger group of the same sentence says nothing more
    for kept in records:
        group_members = set(kept.participants)
        if not any(group_members < set(other.participants) and other.negated == kept.negated for other in records):
            yield kept
