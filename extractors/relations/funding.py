"""Funding: who pays for whom, read off the parse of one sentence.

Pattern families (trigger words in ``patterns.json``, section ``funding``):

- "the USG-funded UNODC project": the funder modifies the participle, the recipient owns the project;
- "funded by X", "also funded by the USG", "Funded by Norway and Sweden, the IOM Transit Center ...": the
  agent funds what the participle describes;
- "Y runs shelters, funded by X": the funded thing is what Y runs;
- "with funding by/from X", "a grant from X to Y", "funds from X to Y", "with the help of a
  grant from X", "with financial support from X" (aid said to be financial);
- "X funds Y", "X provides funds / grants / investment to Y", "X announced a grant to Y";
- "X receives funding from Y", "X manages a Y grant", "the IOM used USAID funding": who has the money;
- "U.S. funding supported Y's programme", "X funding allowed Y to ...": what the money pays for;
- "Y launched a project funded by X": who starts or runs the funded thing receives;
- "X is the largest donor to Y": a donor gives.

The amount, when the funding phrase states one ("USD 3 million"), is kept as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Token

from tipgraph.extractors.records import FundingRecord
from tipgraph.extractors.relations.modality import modality
from tipgraph.extractors.relations.parse import EntityRef, ParsedSentence
from tipgraph.extractors.relations.patterns import TRIGGER_LISTS
from tipgraph.extractors.relations.syntax import (
    ActorFinder,
    entity_after,
    governing_verb,
    is_passive,
    nearest_actor_before,
    owners,
    prep_objects,
    ref_index,
    subject_tokens,
)

EXPLICIT = 0.9
INDIRECT = 0.75


class _Finder(ActorFinder):
    def __init__(self, ps: ParsedSentence, patterns: dict):
        super().__init__(ps, patterns["actor_classes"])
        self.cfg = patterns["funding"]
        self.currency = re.compile(self.cfg["currency_pattern"])
        self.found: list[tuple[list[EntityRef], list[EntityRef], float, Token, str | None]] = []

    def amount(self, *tokens: Token | None) -> str | None:
        for token in tokens:
            if token is None:
                continue
            subtree = list(token.subtree)
            text = self.ps.doc[subtree[0].i : subtree[-1].i + 1].text
            match = self.currency.search(text)
            if match:
                return match.group().strip()
        return None

    def add(
        self,
        funders: list[EntityRef],
        recipients: list[EntityRef],
        confidence: float,
        trigger: Token,
        amount: str | None,
    ) -> None:
        recipients = [r for r in recipients if r not in funders]
        if funders and recipients:
            self.found.append((funders, recipients, confidence, trigger, amount))

    def recipients_of_participle(self, verb: Token, skip: list[Token]) -> tuple[list[EntityRef], Token | None]:
        """What a funding participle describes: its passive subject, the noun it modifies, the clause subject."""
        for _ in range(3):
            subjects = [c for c in verb.children if c.dep_ in ("nsubjpass", "nsubj")]
            if subjects and subjects[0].lower_ in ("that", "which") and verb.dep_ == "relcl" and verb.head is not verb:
                subjects = [verb.head]  # "a shelter that is funded by X": the shelter
            if subjects:
                return self.owned(subjects, skip), subjects[0]
            if verb.dep_ in ("acl", "relcl", "amod", "compound") and verb.head is not verb:
                return self.owned([verb.head], skip + [verb]), verb.head
            if verb.dep_ == "advcl" and verb.head is not verb:
                heads = subject_tokens(verb.head)
                return self.owned(heads, skip), heads[0] if heads else None
            if verb.dep_ == "conj" and verb.head is not verb:
                verb = verb.head
                continue
            break
        return [], None

    def participles(self, t: Token) -> None:
        if t.lemma_.lower() not in self.cfg["passive_verbs"] and t.lower_.lstrip("-") not in self.cfg["participles"]:
            return
        agent_tokens = prep_objects(t, ("by", "through"))  # "funded through PRM"
        for phrase in prep_objects(t, ("in",)):
            if self.ps.entity(phrase) is None:  # "funded in part by X", "funded in 2005 by X"
                agent_tokens += prep_objects(phrase, ("by",))
        funders = self.ents(agent_tokens)
        hyphenated = False
        if not funders:
            # "USG-funded": the funder is a modifier of the participle, written before it
            modifiers = [
                c
                for c in t.children
                if c.i < t.i and c.dep_ in ("npadvmod", "compound", "nmod", "nsubj", "amod", "advmod")
            ]
            funders = self.ents(modifiers)
            if (
                not funders
                and t.i >= 2
                and self.ps.doc[t.i - 1].text in ("-", "‑", "–")
                and t.dep_ in ("amod", "compound", "acl")
            ):
                # the parse may hang the funder of "USG-funded" on the noun instead
                modifiers = [self.ps.doc[t.i - 2]]
                funders = self.ents(modifiers)
            hyphenated = bool(funders)
            agent_tokens = modifiers
        if not funders:
            return
        if not hyphenated and not (t.tag_ == "VBN" or any(c.dep_ == "agent" for c in t.children)):
            return
        recipients, recipient_token = self.recipients_of_participle(t, agent_tokens)
        if not recipients:
            recipients = self.implementers(t, recipient_token)
        self.add(funders, recipients, EXPLICIT, t, self.amount(recipient_token))

    def implementers(self, funded: Token, project: Token | None) -> list[EntityRef]:
        """Who runs what the money pays for: they receive it.

        "The project is funded by X and implemented by Y" -> Y; "Y runs shelters
        for victims, funded by X" -> Y (the funded thing is the object of Y's
        running it).
        """
        run_verbs = self.cfg["implement_verbs"]
        verbs = [c for c in funded.children if c.dep_ == "conj"]
        if project is not None and project is not funded:
            verbs += [c for c in project.children if c.dep_ in ("acl", "relcl")]
        found: list[EntityRef] = []
        for verb in verbs:
            if verb.lemma_.lower() in run_verbs:
                found += [r for r in self.ents(prep_objects(verb, ("by",))) if r not in found]
        if not found and project is not None and project is not funded:
            found = self.ents(prep_objects(project, ("by",)))  # "a USAID-funded study by X"
        if found or project is None or project is funded:
            return found
        # "operates a hotline for victims, funded by X": the parse may hang the phrase on a noun inside the thing run
        while (
            project.dep_ in ("pobj", "conj")
            and project.head.head is not project.head
            and (project.dep_ == "conj" or project.head.dep_ == "prep")
            and project.head.head.pos_ in ("NOUN", "PROPN")
        ):
            project = project.head.head if project.dep_ == "pobj" else project.head
        head = project.head
        if head is project or head.pos_ not in ("VERB", "AUX") or head.lemma_.lower() not in run_verbs:
            return found
        if project.dep_ in ("dobj", "obj") and not is_passive(head):
            found += [r for r in self.ents(subject_tokens(head)) if r not in found]
        elif project.dep_ == "nsubjpass":  # "The shelter, funded by X, is run by Y"
            found += [r for r in self.ents(prep_objects(head, ("by",))) if r not in found]
        return found

    def is_money(self, t: Token) -> bool:
        """ "funds", "a grant", and aid said to be financial ("financial and technical assistance")."""
        if t.pos_ not in ("NOUN", "PROPN"):
            return False
        lemma = t.lemma_.lower()
        if lemma in self.cfg["money_only_nouns"]:
            return True
        return lemma in self.cfg["aid_nouns"] and any(
            c.dep_ == "amod" and c.lower_ in self.cfg["financial_modifiers"] for c in t.children
        )

    def funding_nouns(self, t: Token) -> None:
        """ "with funding by the USG", "a grant from X to Y", "funds from X to Y"."""
        if not self.is_money(t):
            return
        funders = self.ents(prep_objects(t, self.cfg["source_prepositions"]))
        # "X receives funding from Y", "X manages a Y grant", "X received $40,000 in Y grants": X has the money
        taking = (*self.cfg["receive_verbs"], *self.cfg["implement_verbs"])
        sum_of = t.head.head if t.dep_ == "pobj" and t.head.lower_ in ("in", "of") and t.head.head.i < t.i else None
        carrier = sum_of if sum_of is not None and sum_of.dep_ in ("dobj", "obj") else t
        received = carrier.dep_ in ("dobj", "obj") and carrier.head.lemma_.lower() in taking
        if not funders and received:  # the parse may hang "from Y" on the verb
            funders = self.ents(prep_objects(carrier.head, ("from",)))
        if not funders:  # "Norway's contribution of $2 million": the possessor gives, whatever the verb
            funders = self.ents(c for c in t.children if c.dep_ == "poss")
        if not funders and (t.dep_ != "dobj" or received):  # "using UNICEF funds", not "gave its funds"
            funders = list(owners(self.ps, t, self.actors, countries_own=True)) or self.name_before(t)
        if not funders:
            return
        recipient_tokens = prep_objects(t, ("to", "for"))
        for source in prep_objects(t, (*self.cfg["source_prepositions"], "of")):
            recipient_tokens += prep_objects(source, ("to",))  # the parse may hang "to Y" on the funder or sum
            recipient_tokens += entity_after(self.ps, source, "to")  # however the parse reads "to Y"
        recipients = self.ents(recipient_tokens) or self.holders(carrier, received) or self.paid_for(t)
        participle = t.head.head if t.dep_ == "pobj" and t.head.dep_ == "agent" else None
        if participle is not None and participle.pos_ == "VERB" and participle.dep_ in ("advcl", "conj"):
            # "Supported by funds from X to the ILO, IPEC opened": a fronted passive participle tells of the subject
            told = [s for s in subject_tokens(governing_verb(participle.head) or participle) if s.i > t.i]
            recipients += [r for r in self.owned(told) if r not in recipients + funders]
        self.add(funders, recipients, EXPLICIT, t, self.amount(t))

    def paid_for(self, money: Token) -> list[EntityRef]:
        """ "U.S. funding supported ILO programmes": what the money pays for belongs to the recipient."""
        if money.dep_ == "pobj" and money.head.lower_ in ("in", "of") and money.head.head.dep_ == "nsubj":
            money = money.head.head  # "$10 million in U.S. funding supported ..."
        verb = money.head
        if money.dep_ != "nsubj" or verb.lemma_.lower() not in self.cfg["paying_verbs"]:
            return []
        paid = [c for c in verb.children if c.dep_ in ("dobj", "obj")] + prep_objects(verb, ("for",))
        # "UNICEF funding allowed the ministry to open shelters": who does what the money allows
        paid += [s for c in verb.children if c.dep_ in ("ccomp", "xcomp") for s in c.children if s.dep_ == "nsubj"]
        return self.owned(paid)

    def name_before(self, money: Token) -> list[EntityRef]:
        """ "USAID funding", "UNICEF's funds": the actor named right before the money, however the parse
        hangs it."""
        before = self.ps.doc[money.i - 1] if money.i > 0 else None
        if before is not None and before.text in ("'s", "’s") and money.i > 1:
            before = self.ps.doc[money.i - 2]
        return self.ents([before]) if before is not None and before.dep_ not in ("prep", "agent") else []

    def holders(self, money: Token, received: bool) -> list[EntityRef]:
        """Who has the money a noun names, when no "to" says: "X receives funding from Y", "X formed a
        unit using Y's funds", "X opened a clinic with funds from Y" (X, or what X runs)."""
        if received:
            held = self.owned(subject_tokens(money.head))
            verb = governing_verb(money.head.head) if not held and money.head.dep_ in ("acl", "advcl") else None
            return held if verb is None else self.owned(subject_tokens(verb))  # "formed a unit using Y funds"
        aid = money.head.head if money.dep_ == "pobj" and money.head.lower_ == "of" else None
        if aid is not None and aid.lemma_.lower() in self.cfg["aid_nouns"]:
            money = aid  # "with the help of a grant from Y"
        if money.dep_ != "pobj" or money.head.lower_ != "with":
            return []
        anchor = money.head.head
        if anchor.pos_ not in ("VERB", "AUX"):
            # "a survey carried out by X in 2011, with financial assistance from Y"
            held = self.owned([anchor], [money.head]) or self.run_by([anchor])
            verb = governing_verb(anchor)
            if held or verb is None:
                return held
            anchor = verb
        if is_passive(anchor):  # "the survey was conducted by X with funds from Y"
            agents = self.ents(prep_objects(anchor, ("by",)))
            if agents:
                return agents
        subjects = subject_tokens(anchor)
        # "a campaign by X ran with a grant from Y", "the hotline run by X was set up with ...": who runs the subject
        return self.owned(subjects) or self.run_by(subjects)

    def run_by(self, things: list[Token]) -> list[EntityRef]:
        """Who the text says does a thing: "a campaign by X", "the hotline run by X", "a study carried out by X"."""
        doers = [v for t in things for v in (t, *(c for c in t.children if c.dep_ == "acl"))]
        return self.ents(o for v in doers for o in prep_objects(v, ("by",)))

    def active(self, t: Token) -> None:
        if t.pos_ not in ("VERB", "AUX") or is_passive(t):  # "IOM, funded through PRM": PRM pays
            return
        lemma = t.lemma_.lower()
        if lemma not in self.cfg["active_verbs"] and lemma not in self.cfg["give_verbs"]:
            return
        funders = self.ents(subject_tokens(t))
        if not funders and not subject_tokens(t):
            # the parse may miss a name as subject ("USAID provided ..."): the name right before the verb
            ref = nearest_actor_before(self.ps, t, self.actors)
            funders = [ref] if ref is not None and t.i - ref_index(self.ps, ref, t) <= 2 else []
        if not funders:
            return
        objects = [c for c in t.children if c.dep_ in ("dobj", "obj")]
        # "funded some of IOM's efforts", "part of the programme": what the share is of
        objects += [o for c in objects if c.lemma_.lower() in self.cfg["share_words"] for o in prep_objects(c, ("of",))]
        if lemma in self.cfg["active_verbs"]:
            # "X sponsored workshops through IOM": the body the money goes through runs them
            through = [t, *objects]  # the parse may hang "through IOM" on what is paid for
            recipients = self.owned(objects) + self.ents(
                prep_objects(t, ("to",)) + [o for x in through for o in prep_objects(x, ("through", "via"))]
            )
            for obj in objects:
                if not self.owned([obj]):
                    recipients += self.implementers(t, obj)
            self.add(funders, recipients, EXPLICIT, t, self.amount(*objects))
            return
        if lemma not in self.cfg["give_verbs"]:
            return
        # the parse may read "NOK 12 million" as an adverbial, not the object
        money = [o for o in (*objects, *(c for c in t.children if c.dep_ == "npadvmod")) if self.names_a_sum(o)]
        recipient_tokens = prep_objects(t, self.cfg["recipient_prepositions"]) + [
            c for c in t.children if c.dep_ in ("dative", "iobj")
        ]
        if not money:
            # "X provided Y with $2 million": the money comes with "with", the object receives it
            money = [o for x in (t, *objects) for o in prep_objects(x, ("with",)) if self.names_a_sum(o)]
            recipient_tokens += objects
        if not money:
            return
        for m in money:
            # "a grant of USD 500,000 to X": the recipient may hang anywhere in the money phrase
            for sub in m.subtree:
                recipient_tokens += prep_objects(sub, ("to", "for"))
        # "X announced Norway's contribution to Y": the money's possessor gives it, the subject tells of it
        givers = self.ents(c for m in money for c in m.children if c.dep_ == "poss")
        # "funding for IOM's return programme": the programme's owner receives it
        recipients = self.ents(recipient_tokens) or self.owned(recipient_tokens)
        self.add(givers or funders, recipients, INDIRECT, t, self.amount(*money))

    def names_a_sum(self, o: Token) -> bool:
        """Is the object ``o`` of a giving verb money ("funding", "$500", "50,000 pesos", "a cash grant")?"""
        money_nouns = self.cfg["money_only_nouns"]
        return (
            o.lemma_.lower() in money_nouns
            or bool(self.currency.search(self.ps.doc[o.left_edge.i : o.right_edge.i + 1].text))  # "ISK 3 million"
            or any(c.lemma_.lower() in money_nouns for c in o.children if c.dep_ in ("compound", "amod"))
        )

    def run(self):
        lemmas = _trigger_lemmas(self.cfg)
        for t in self.ps.doc:
            if t.lemma_.lower() not in lemmas and t.lower_.lstrip("-") not in self.cfg["participles"]:
                continue  # no pattern below starts at this word
            self.participles(t)
            self.funding_nouns(t)
            self.active(t)
            self.received_sum(t)
            self.donors(t)
        return self.found

    def received_sum(self, t: Token) -> None:
        """ "The shelter received ISK 900,000 from the ministry": a sum received, no money noun."""
        if t.pos_ not in ("VERB", "AUX") or t.lemma_.lower() not in self.cfg["receive_verbs"]:
            return
        sums = [
            c
            for c in t.children
            if c.dep_ in ("dobj", "obj", "npadvmod")  # the parse may take "ISK 900,000" for an adverb
            and not self.is_money(c)
            and self.currency.search(self.ps.doc[c.left_edge.i : c.right_edge.i + 1].text)
        ]
        if not sums:
            return  # a money noun is read by funding_nouns
        funders = self.ents(prep_objects(t, ("from",)) + [o for m in sums for o in prep_objects(m, ("from",))])
        self.add(funders, self.owned(subject_tokens(t)), INDIRECT, t, self.amount(*sums))

    def donors(self, t: Token) -> None:
        """ "X is the largest donor to UNICEF", "Y's main funder, X, ...": a donor gives to who it is a donor of."""
        if t.pos_ != "NOUN" or t.lemma_.lower() not in self.cfg["donor_nouns"]:
            return
        if t.dep_ == "attr":
            funders = self.ents(c for c in t.head.children if c.dep_ == "nsubj")
        elif t.dep_ == "appos":
            funders = self.ents([t.head])
        else:
            return
        given_to = prep_objects(t, ("to", "of", "for"))
        recipients = self.ents(given_to) or self.owned(given_to)  # "a donor to the UNODC office": UNODC
        self.add(funders, recipients, EXPLICIT, t, None)


_TRIGGERS: dict[int, tuple[dict, frozenset]] = {}


def _trigger_lemmas(cfg: dict) -> frozenset:
    """The lemmas at which some funding pattern starts (cached per pattern table)."""
    kept = _TRIGGERS.get(id(cfg))
    if kept is None or kept[0] is not cfg:
        lemmas = frozenset(w for key in TRIGGER_LISTS["funding"] for w in cfg[key])
        kept = _TRIGGERS[id(cfg)] = (cfg, lemmas)
    return kept[1]


def funding_in(ps: ParsedSentence, patterns: dict, keep_negated: bool = False) -> Iterator[FundingRecord]:
    """Every funding ``ps`` states, one record per funder and recipient."""
    seen: dict[tuple[str, str], FundingRecord] = {}
    for funders, recipients, confidence, trigger, amount in _Finder(ps, patterns).run():
        mode = modality(trigger, patterns["negation"], patterns["hedge"])
        if mode == "hedged" or (mode == "negated" and not keep_negated):
            continue
        for funder in funders:
            for recipient in recipients:
                funder_key = ps.affiliations.get(funder.key) if funder.cls == "Official" else funder.key
                recipient_key = ps.affiliations.get(recipient.key) if recipient.cls == "Official" else recipient.key
                if not funder_key or not recipient_key or funder_key == recipient_key:
                    continue
                key = (funder_key, recipient_key)
                if key not in seen or seen[key].confidence < confidence:
                    seen[key] = FundingRecord(
                        funder_key,
                        recipient_key,
                        ps.evidence,
                        amount=amount,
                        confidence=confidence,
                        negated=mode == "negated",
                    )
    yield from seen.values()
