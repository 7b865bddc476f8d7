"""Cooperation among several actors at once: a body's members, a joint activity's organisers.

Pattern families (words in ``patterns.json``, section ``cooperation``):

- membership: "a committee that includes representatives from X, Y and Z", "the task
  force is made up of X and Y", "a working group consisting of X, Y and Z": the members
  act together, with the body itself where it is named and whoever formed, leads or
  chairs it ("X formed a committee that includes Y and Z");
- an activity several actors run: "a campaign by X, Y and Z", "a joint X-Y study"; and who holds or
  attends one with its organisers ("X hosted a workshop sponsored by Y and Z");
- joint action: "organized by X and Y", "X, Y and Z are carrying out a project", "X and Y are working on a
  study" (one activity, whatever the verb), and who an activity is done with ("X launched a campaign
  with Y"); several things done, each its own ("X and Y run shelters", "X and Y each opened a shelter"),
  are no group;
- a partner after an "of" phrase: "X signed a memorandum of understanding with Y";
- a meeting that convenes them: "the workshop brought together representatives from X, Y and Z",
  "X convened officials of Y and Z";
- and beside them, pairs: a member and its body ("X is a member of Y"), help received ("X
  received training from Y"), a signer and the owner of what is signed ("X signed Y's project"),
  a referral ("X referred the victims to Y"), agreements signed with several ("X signed
  agreements with A and B": one with each).

The guide's rule: a group is for actors the text presents as taking part in one joint
activity; one actor with several partners, each on its own, is a star (``cooperation``).
"""

from __future__ import annotations

from spacy.tokens import Token

from tipgraph.extractors.relations.parse import EntityRef, ParsedSentence
from tipgraph.extractors.relations.references import head_word
from tipgraph.extractors.relations.syntax import (
    ActorFinder,
    actor_tokens,
    grammar_words,
    is_noun,
    is_passive,
    is_verb,
    linear_list,
    prep_objects,
    subject_tokens,
)

# Confidence by how directly the parse states the relation (for every cooperation pattern).
EXPLICIT = 0.9
JOINT_ACTION = 0.8
INDIRECT = 0.7
LINEAR = 0.6
# Confidence of a group read off a body's membership or an activity's organisers; of a signer and
# the owner of what is signed.
GROUP = 0.8
SIGNED = 0.7


class GroupPatterns(ActorFinder):
    """The group patterns; :class:`~tipgraph.extractors.relations.cooperation._Finder` runs them with the rest."""

    def __init__(self, ps: ParsedSentence, patterns: dict):
        super().__init__(ps, patterns["actor_classes"])
        self.cfg = patterns["cooperation"]
        self.found: list[tuple[list[EntityRef], float, Token]] = []
        # who runs an activity, or gives it ("a course provided by X")
        self.organising_verbs = {*self.cfg["joint_activity_verbs"], *self.cfg["provide_verbs"]}
        self.membership_bodies = frozenset(self.cfg["membership_bodies"])

    def add_group(self, members: list[EntityRef], confidence: float, trigger: Token) -> None:
        if len({m.key for m in members}) >= 2:
            self.found.append((members, confidence, trigger))

    def add_pairs(self, left: list[EntityRef], right: list[EntityRef], confidence: float, trigger: Token) -> None:
        """Each of ``left`` with each of ``right``: a star, not one group."""
        for a in left:
            for b in right:
                self.add_group([a, b], confidence, trigger)

    def with_partners(self, noun: Token) -> list[Token]:
        """The objects of "with" on ``noun``, or on the common noun of its "of" phrase
        ("a memorandum of understanding with Y")."""
        partners = prep_objects(noun, ("with",))
        if not partners and noun.dep_ in ("dobj", "obj"):
            partners = prep_objects(noun.head, ("with",))  # "X drafted an MOU with Y": the parse hangs it on the verb
        for of_object in prep_objects(noun, ("of",)):
            if of_object.pos_ == "NOUN" and self.ps.entity(of_object) is None:
                partners += prep_objects(of_object, ("with",))
        return partners

    def membership(self, t: Token) -> None:
        """ "a committee that includes representatives from X and Y", "the task force consists of X and Y"."""
        lemma = t.lemma_.lower()
        if t.pos_ not in ("VERB", "AUX") or lemma not in self.cfg["membership_verbs"]:
            return
        if lemma == "make" and not any(c.dep_ == "prt" and c.lower_ == "up" for c in t.children):
            return  # "made up of", not "made"
        subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
        body: Token | None = t.head if t.dep_ in ("relcl", "acl") else next(iter(subjects), None)
        if body is None or not self._names_a_body(body):
            return
        named = self.ps.entity(body)
        named = named if named is not None and named.cls in self.actors else None
        members = self.ents(x for x in t.subtree if x.i > t.i and self.ps.entity(x) is not None)
        if len(members) + (named is not None) < 2:
            return
        group: list[EntityRef] = []
        # the members cooperate in the body; the body is a party only beside a single member
        host = [named] if named is not None and len(members) < 2 else []
        for ref in [*self._leaders(body), *host, *members]:
            if ref not in group:
                group.append(ref)
        self.add_group(group, GROUP, t)

    def _names_a_body(self, token: Token) -> bool:
        """Is ``token`` a body of members ("committee", "the National Task Force")?"""
        named = self.ps.entity(token)
        words = (named.text if named is not None else token.text).lower().split()
        last = token.lemma_.lower() if named is None else (words[-1] if words else "")
        return last in self.cfg["membership_bodies"] or last.rstrip("s") in self.cfg["membership_bodies"]

    def _leaders(self, body: Token) -> list[EntityRef]:
        """Who formed, leads or chairs ``body``: the subject of the verb ``body`` is the object of."""
        verb = body.head
        if body.dep_ not in ("dobj", "obj") or verb is body or verb.pos_ not in ("VERB", "AUX"):
            return []
        return self.ents(actor_tokens(verb))

    def activity(self, t: Token) -> None:
        """ "a campaign by X, Y and Z", "a joint X-Y study": the organisers of one activity act together."""
        if t.pos_ != "NOUN" or t.lemma_.lower() not in self.cfg["activity_nouns"]:
            return
        organisers = self.ents(prep_objects(t, ("by",)))
        if len(organisers) >= 2:
            self.add_group(organisers, GROUP, t)
            return
        if any(c.dep_ == "amod" and c.lower_ == "joint" for c in t.children):
            owners = self.owned([t])
            if len(owners) >= 2:
                self.add_group(owners, GROUP, t)

    def hosted_activity(self, t: Token) -> None:
        """ "X hosted a workshop, which was sponsored by Y and Z", "X took part in a seminar organised by Y":
        who holds or attends an activity acts with those who organise it."""
        if t.pos_ != "NOUN" or t.lemma_.lower() not in self.cfg["activity_nouns"]:
            return
        verb = t.head if t.dep_ in ("dobj", "obj") else None
        if t.dep_ == "pobj" and t.head.lower_ in ("in", "at"):
            verb = t.head.head
            if verb.pos_ == "NOUN" and verb.dep_ in ("dobj", "obj"):
                verb = verb.head  # "took part in"
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            return
        # the parse may hang "organised by Y" on the topic or the date: "a seminar on trafficking organised by
        # Y", "a meeting in Windhoek in May, which was sponsored by Y"
        described = [t, *(d for d in t.subtree if d.i > t.i)]
        described += [d for p in verb.children if p.dep_ == "prep" and p.i > t.i for d in p.subtree]
        organisers = self.ents(
            o
            for d in described
            for c in d.children
            if c.dep_ in ("acl", "relcl") and c.lemma_.lower() in self.organising_verbs
            for o in prep_objects(c, ("by",))
        )
        if not organisers:
            return
        holders = self.ents(c for c in verb.children if c.dep_ == "nsubj")
        if holders:
            self.add_group([*holders, *(o for o in organisers if o not in holders)], GROUP, t)

    def alongside(self, t: Token) -> None:
        """ "UNICEF, with the University of Nairobi, is conducting a survey", "X, with ILO support, drafted ...":
        a "with" set off by commas or dashes after the subject names who does it with the subject."""
        if t.lower_ != "with" or t.dep_ != "prep" or t.i == 0 or self.ps.doc[t.i - 1].text not in (",", "–", "—"):
            return
        subject = t.head
        if subject.dep_ not in ("nsubj", "nsubjpass") or self.ps.entity(subject) is None:
            return
        objects = [c for c in t.children if c.dep_ == "pobj"]
        partners = self.ents(objects)
        if partners:  # "X, with Y and Z, launched ...": all three did it
            self.add_group([*self.ents([subject]), *partners], GROUP, t)
            return
        # "X, with Y and Z support, ...": each supports X
        supporters = [r for o in objects if o.lemma_.lower() in self.cfg["assist_nouns"] for r in self.owned([o])]
        self.add_pairs(self.ents([subject]), supporters, GROUP, t)

    def received(self, t: Token) -> None:
        """ "The unit received training from UNICEF", "X reports good cooperation from Y", "X draws help
        from Y": who receives the help or the cooperation works with who gives it."""
        lemma = t.lemma_.lower()
        if t.pos_ != "NOUN" or (lemma not in self.cfg["assist_nouns"] and lemma not in self.cfg["group_nouns"]):
            return
        verb = t.head
        if t.dep_ not in ("dobj", "obj") or verb.lemma_.lower() not in self.cfg["receiving_verbs"]:
            return
        givers = self.ents(prep_objects(t, ("from",)) + prep_objects(verb, ("from",)))
        takers = [r for r in self.ents(c for c in verb.children if c.dep_ == "nsubj") if r not in givers]
        self.add_pairs(takers, givers, GROUP, t)

    def effort_owners(self, tokens: list[Token]) -> list[EntityRef]:
        """Whose work a partner noun names: "cooperates with IOM's campaign", "with efforts by X and Y"."""
        efforts = [t for t in tokens if self.ps.entity(t) is None and is_noun(t)]
        return self.owned(efforts) or self.ents(o for t in efforts for o in prep_objects(t, ("by",)))

    def parties_between(self, noun: Token) -> list[EntityRef]:
        """ "talks between A and B", "sharing of information between A and B", and on the verb that made the
        thing: "the protocol signed in 2004 between A and B" (the parse may read the participle as the main
        verb, the thing its subject)."""
        things = [noun, *(o for o in prep_objects(noun, ("of",)) if self.ps.entity(o) is None)]
        makers = [*(c for c in noun.children if c.dep_ == "acl"), *([noun.head] if noun.dep_ == "nsubj" else [])]
        things += [v for v in makers if v.lemma_.lower() in self.cfg["bond_verbs"]]
        return self.ents(o for x in things for o in prep_objects(x, self.cfg["between_prepositions"]))

    def signing(self, t: Token) -> None:
        """ "X signed Y's project": the signer and the project's owner work together."""
        if t.pos_ not in ("VERB", "AUX") and not t.tag_.startswith("VB") or t.lemma_.lower() != "sign":
            return
        signers = self.ents(actor_tokens(t))
        if not signers:
            return
        objects = [c for c in t.children if c.dep_ in ("dobj", "obj")]
        if t.dep_ in ("relcl", "acl") or (t.dep_ == "conj" and t.head.dep_ in ("relcl", "acl")):
            anchor = t if t.dep_ in ("relcl", "acl") else t.head
            objects.append(anchor.head)
            objects.extend(c for c in anchor.head.children if c.dep_ in ("nmod", "compound"))
        # what one signs with a partner ("X's project", "the MOU"), not a convention one accedes to
        objects = [o for o in objects if o.lemma_.lower() in self.cfg["sign_objects"]]
        if not objects:
            return
        owners_ = [o for o in self.owned(objects) if o not in signers]
        self.add_pairs(signers, owners_, SIGNED, t)

    def member_of(self, t: Token) -> None:
        """ "The Ministry of Justice is a member of the National Task Force", "UNICEF and IOM are members of
        Y": each member with the body (a star, not every pair of members)."""
        if t.pos_ != "NOUN" or t.lemma_.lower() not in self.cfg["member_nouns"] or t.dep_ not in ("attr", "appos"):
            return
        bodies = self.ents(prep_objects(t, ("of",)))
        members = self.ents(subject_tokens(t.head)) if t.dep_ == "attr" else self.ents([t.head])
        if not members and bodies:  # "the bodies below are members of the task force: X, Y, Z"
            members = [r for r in self._listed_after_colon(t) if r not in bodies]
        self.add_pairs(members, bodies, GROUP, t)

    def _listed_after_colon(self, t: Token) -> list[EntityRef]:
        """The names listed after the first colon that follows ``t`` in its sentence."""
        colon = next((x for x in self.ps.doc[t.i + 1 :] if x.text == ":"), None)
        first = next((x for x in self.ps.doc[colon.i + 1 :] if self.ps.entity(x) is not None), None) if colon else None
        return self.ents([first, *linear_list(self.ps, first)]) if first is not None else []

    def convening(self, t: Token) -> None:
        """ "brought together representatives from X, Y and Z", "X convened officials of Y and Z": one meeting."""
        lemma = t.lemma_.lower()
        if t.pos_ not in ("VERB", "AUX") or lemma not in self.cfg["convening_verbs"]:
            return
        if lemma == "bring" and not any(c.lower_ == "together" for c in t.children):
            return  # "brought together", not "brought"
        convened = [x for c in t.children if c.dep_ in ("dobj", "obj", "nsubjpass") for x in c.subtree]
        members = self.ents(x for x in convened if self.ps.entity(x) is not None)
        convener = self.ents(c for c in t.children if c.dep_ == "nsubj")
        self.add_group([*convener, *(m for m in members if m not in convener)], GROUP, t)

    def referral(self, t: Token) -> None:
        """ "Police referred the victims to AFESIP", "turning them over to AFESIP": the two bodies work together."""
        lemma = t.lemma_.lower()
        if not is_verb(t) or lemma not in self.cfg["referral_verbs"]:
            return
        if lemma in ("hand", "turn") and not any(c.dep_ == "prt" and c.lower_ == "over" for c in t.children):
            return
        receivers = self.ents(prep_objects(t, ("to",)))
        senders = self.ents(actor_tokens(t))
        if senders:
            self.add_pairs(senders, receivers, INDIRECT, t)
        elif is_passive(t) and self.ps.paragraph_actor is not None:
            # "Police searched the bars. ... The girls were referred to AFESIP": who searched, referred
            self.add_pairs([self.ps.paragraph_actor], receivers, LINEAR, t)

    def separate_bonds(self, noun: Token) -> bool:
        """ "agreements", "bilateral MOUs" with several partners: one with each, not one among all."""
        return noun.tag_ in ("NNS", "NNPS") or any(c.lower_ == "bilateral" for c in noun.children)

    def binds_separately(self, verb: Token) -> bool:
        """Whether what ``verb`` makes with its partners is one bond with each ("signed agreements with A and B")."""
        bonds = (c for c in verb.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.cfg["group_nouns"])
        return any(map(self.separate_bonds, bonds))

    def joint(self, token: Token) -> bool:
        return any(c.dep_ == "advmod" and c.lower_ in self.cfg["joint_adverbs"] for c in token.children)

    def joint_action(self, t: Token) -> None:
        """ "organized by X and Y", "X, Y and Z are carrying out a project"."""
        if not is_verb(t) or t.lemma_.lower() not in self.cfg["joint_activity_verbs"]:
            return
        own = [c for c in t.children if c.dep_ in ("nsubj", "agent") or (c.dep_ == "prep" and c.lower_ == "by")]
        if not own and t.dep_ not in ("acl", "relcl"):
            return  # the actors must be this verb's own, not borrowed from another clause
        activities = [
            c for c in t.children if c.dep_ in ("dobj", "obj") and c.lemma_.lower() in self.cfg["activity_nouns"]
        ]
        with_whom = self._done_with(t, activities, own=True)
        if (self._each_their_own(t) and not with_whom) or self._each_said(t):
            return  # "X and Y run shelters": each its own; "X runs shelters with Y" is done with Y
        actors = self.ents(actor_tokens(t)) or self.owned(actor_tokens(t))  # "officers of X and Y took part"
        self._activity_group(actors, t, with_whom)

    def _activity_group(self, actors: list[EntityRef], verb: Token, with_whom: list[Token]) -> None:
        """Several actors at one activity, or one with those it does it with (``with_whom``, from
        :meth:`_done_with`: "X launched a campaign with Y", "X and Y launched a joint programme with Z"):
        one group."""
        partners = [p for p in self.ents(with_whom) if p not in actors]
        if len(actors) == 1 and self.binds_separately(verb):  # "X signed agreements with A and B"
            self.add_pairs(actors, partners, GROUP, verb)
        elif actors and (len(actors) >= 2 or partners):
            self.add_group([*actors, *partners], GROUP, verb)

    def _done_with(self, verb: Token, activities: list[Token], own: bool) -> list[Token]:
        """Who the activities are done with: their "with" objects and, where the verb is the activity's
        own (``own``: "launched"), the verb's (also "X, along with Y, attended", where the parse may hang
        "along with Y" on X); a verb of working ("X worked with A and B on investigations") is read by
        the cooperation verbs, its partners each on their own."""
        with_whom = [o for a in activities for o in prep_objects(a, ("with",))]
        # "X conducted studies on child labour with the ILO": the parse hangs "with" on the study's topic
        topics = [o for a in activities for o in prep_objects(a, ("on", "about", "into", "of"))]
        with_whom += [o for topic in topics if self.ps.entity(topic) is None for o in prep_objects(topic, ("with",))]
        if own:
            with_whom += prep_objects(verb, ("with",))
            adverbs = grammar_words("preposition_adverbs")
            with_whom += [
                o
                for x in actor_tokens(verb)
                for c in x.children
                if c.lower_ in adverbs
                for o in prep_objects(c, ("with",))
            ]
        return with_whom

    def shared_activity(self, t: Token) -> None:
        """ "X and Y are working on a study", "X and Y embarked on a campaign": several actors at one activity."""
        if not is_noun(t) or t.tag_ != "NN" or t.lemma_.lower() not in self.cfg["activity_nouns"]:
            return
        if t.dep_ in ("dobj", "obj"):
            verb = t.head
        elif t.dep_ == "pobj" and t.head.lower_ in ("on", "in"):
            verb = t.head.head
        else:
            return  # not what a verb does ("X said the campaign helped")
        if not is_verb(verb) or verb.lemma_.lower() in self.cfg["joint_activity_verbs"]:
            return  # not a verb's activity, or one joint_action reads
        if any(c.dep_ == "nsubj" for c in verb.children):  # its own actors, not another clause's
            self._activity_group(self.ents(actor_tokens(verb)), verb, self._done_with(verb, [t], own=False))

    def attended_activity(self, t: Token) -> None:
        """ "officers of X attended a UNODC workshop", "X took part in an ILO training": X with who runs it."""
        if not is_noun(t) or t.lemma_.lower() not in self.cfg["activity_nouns"]:
            return
        verb = t.head if t.dep_ in ("dobj", "obj") else t.head.head if t.dep_ == "pobj" and t.head.lower_ == "in" else t
        if verb.lower_ == "part" and verb.dep_ in ("dobj", "obj"):
            verb = verb.head  # "took part in"
        if verb.i == t.i or not is_verb(verb) or verb.lemma_.lower() not in self.cfg["participation_verbs"]:
            return
        runners = self.owned([t])  # "a UNODC workshop", "IOM's training"
        doers = actor_tokens(verb)
        attendees = self.ents(doers) or self.owned(doers)  # "officers of X"
        self.add_pairs([a for a in attendees if a not in runners], runners, GROUP, t)

    def joined_body(self, t: Token) -> None:
        """ "Kenya participates in the Bali Process and the Khartoum Process", "the ministry joined the
        National Task Force": the doer with each body it takes part in (a member and its body)."""
        if not is_verb(t) or t.lemma_.lower() not in self.cfg["participation_verbs"]:
            return
        objects = prep_objects(t, ("in",)) + [c for c in t.children if c.dep_ in ("dobj", "obj")]
        objects += [o for c in objects if c.lower_ == "part" for o in prep_objects(c, ("in",))]  # "took part in"
        bodies = [r for r in self.ents(objects) if head_word(r.text, self.membership_bodies) is not None]
        doers = self.ents(actor_tokens(t))
        self.add_pairs([d for d in doers if d not in bodies], bodies, GROUP, t)

    def _each_said(self, verb: Token) -> bool:
        """ "X and Y each run", "both X and Y opened", "neither X nor Y has": each on its own."""
        subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
        return any(c.lower_ in self.cfg["each_words"] for t in (verb, *subjects[:1]) for c in t.children)

    def _each_their_own(self, verb: Token) -> bool:
        """ "X, Y and Z implement activities", "X and Y run shelters": several things done, each its own,
        unless they are said to be joint ("X and Y run joint programmes", "X and Y jointly run shelters")."""
        objects = [c for c in verb.children if c.dep_ in ("dobj", "obj")]
        if not objects or not all(o.tag_ in ("NNS", "NNPS") for o in objects) or self.joint(verb):
            return False
        return not any(c.lower_ in self.cfg["joint_modifiers"] for o in objects for c in o.children)
