"""Who is moved along a route, from where, and for what: victim groups, their origins, purposes."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from tipgraph.extractors.relations.routes.context import UNNAMED, Theme
from tipgraph.extractors.relations.routes.reader import SentenceReader
from tipgraph.extractors.relations.syntax import group


class ThemeReader(SentenceReader):
    """The people a trigger moves (its theme) and the purposes its clause names."""

    def theme_tokens(self, t: Token) -> list[Token]:
        lemma = t.lemma_.lower()
        if t.dep_ == "amod" and t.head is not t:
            # "trafficked women from X": the people the participle describes; a "trafficked-through
            # destination" names no people
            return [t.head] if self.describes_people(t) else []
        if t.dep_ in ("acl", "relcl") and t.head is not t:
            subjects = [c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")]
            if not subjects or subjects[0].lower_ in ("who", "that", "which"):
                # "cases of Lao infants sold to Thailand": the people, not the cases
                return [t.head] + [c for _, c in self.preps(t.head, ("of",))]
        if t.pos_ == "NOUN":
            if self.names_victims(t):
                # "Mongolian women are victims of sex trafficking": the victims, or who the text says they are
                victims = t.head.head
                if victims.dep_ == "attr":
                    return [c for c in victims.head.children if c.dep_ == "nsubj"]
                return [victims]
            return [c for _, c in self.preps(t, ("of",))] + [c for c in t.children if c.dep_ == "poss"]
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in t.children)
        subjects = self._speakers_for_pronoun([c for c in t.children if c.dep_ in ("nsubj", "nsubjpass")], t)
        objects = [c for c in t.children if c.dep_ in ("dobj", "obj")]
        if passive or lemma in self.cfg["motion_verbs"] and lemma not in self.cfg["carry_verbs"]:
            if subjects:
                return subjects
        if objects:
            return objects
        if subjects:
            return subjects
        of_objects = [c for _, c in self.preps(t, ("of",))]
        if of_objects:  # a gerund: "trafficking of Vietnamese women"
            return of_objects
        if t.dep_ in ("conj", "xcomp", "pcomp") and t.head is not t:
            if t.dep_ == "conj" and t.head.lemma_ == "be":
                # "X is a transit country for victims from A destined for B": the role's people, not X
                served = [o for a in t.head.children if a.dep_ == "attr" for _, o in self.preps(a, ("for",))]
                if served:
                    return served
            return self.theme_tokens(t.head) if t.head.pos_ in ("VERB", "AUX") else []
        return []

    def _speakers_for_pronoun(self, subjects: list[Token], t: Token) -> list[Token]:
        """ "Young Nepali women say they are lured to X": "they", in what people say of themselves, are
        those people."""
        if len(subjects) != 1 or subjects[0].lower_ not in self.cfg["pronouns"] or t.dep_ != "ccomp":
            return subjects
        speakers = [c for c in t.head.children if c.dep_ == "nsubj" and c.lemma_.lower() in self.cfg["person_nouns"]]
        return speakers or subjects

    def theme_of(self, t: Token, destinations: list[str], from_places: bool = True) -> tuple[list[Token], Theme]:
        theme_tokens = self.theme_tokens(t)
        theme = self.theme(theme_tokens, destinations, from_places)
        if not theme.victims and not theme.pronoun:
            linear = self.linear_theme(t)
            linear_theme = self.theme(linear, destinations, from_places) if linear else None
            # "Moldovans and Russians are exploited": the parse's nationalities, not the nearest one alone
            if linear_theme is not None and (linear_theme.victims or not theme.origins):
                theme_tokens, theme = linear, linear_theme
        return theme_tokens, theme

    def without_own_country(self, t: Token, destinations: list[str]) -> list[str]:
        """ "exploit Uzbek women in Europe, Asia and rural areas of Uzbekistan": the people's own country
        among the places is where some of them stay, not one more end of the route abroad."""
        if len(destinations) < 2:
            return destinations
        own = [o for o in self.theme_of(t, [], from_places=False)[1].origins if o in destinations]
        if not own or len(own) == len(destinations):
            return destinations
        return [d for d in destinations if d not in own]

    @staticmethod
    def names_victims(t: Token) -> bool:
        """Is ``t`` what people are victims of ("victims of sex trafficking")?"""
        return t.head.lower_ == "of" and t.head.head.lemma_.lower() == "victim"

    def theme_members(self, tokens: list[Token]) -> list[Token]:
        """The people tokens: a group's members, and "thousands of women" -> women."""
        members: list[Token] = []
        for token in tokens:
            for member in group(token):
                members.append(member)
                for _ in range(2):
                    ofs = [c for _, c in self.preps(member, ("of",))]
                    if not ofs:
                        break
                    for sub in ofs:
                        members.extend(group(sub))
                    member = ofs[0]
        return list(dict.fromkeys(members))

    def coordinated_nationalities(self, member: Token, words: list[Token]) -> list[Token]:
        """ "Lao and Cambodian women": every nationality coordinated with one that modifies the people.

        The parse either hangs the others as conjuncts of the modifier, or makes
        the first one the head of a coordination whose last conjunct is the
        people ("Lao" <- conj "women"); both say where the same group is from.
        """
        found: list[Token] = []
        for word in words[1:]:
            found += [c for c in word.conjuncts if c.i < member.i and c not in words and c not in found]
        if member.dep_ == "conj" and words[1:] and self.is_nationality(words[1]):
            first = member.head
            while first.dep_ == "conj" and first.head.i < first.i:
                first = first.head
            chain = [first] + [c for c in first.conjuncts if c.i < member.i]
            between = self.ps.doc[first.i : member.i]
            if all(self.is_nationality(c) for c in chain) and all(
                t in chain or t.dep_ in ("cc", "punct") or t in words for t in between
            ):
                found += [c for c in chain if c not in words and c not in found]
        return found

    def is_nationality(self, token: Token) -> bool:
        """A nationality word, or a country's name, written as a single modifier ("Vietnamese", "Lao")."""
        if self.context.country_demonym(token):
            return not any(c.dep_ not in ("cc", "punct", "conj") for c in token.children)
        ref = self.ps.entity(token)
        return (
            ref is not None
            and ref.cls == "Country"
            and not any(c.dep_ not in ("cc", "punct", "conj") for c in token.children)
        )

    def linear_theme(self, t: Token) -> list[Token]:
        """The nearest word for people left of ``t`` in its clause, when the parse gives none."""
        for i in range(t.i - 1, max(-1, t.i - 10), -1):
            current = self.ps.doc[i]
            if current.text in (";", ":") or (current.i != t.i and self.is_trigger(current) and current.pos_ == "VERB"):
                return []
            if (
                current.lower_ in self.victim_table
                or current.lemma_.lower() in self.victim_table
                or self.context.demonym(current)
                and current.tag_ in ("NNS", "NNPS")
            ):
                return [current]
        return []

    def theme(self, tokens: list[Token], destinations: list[str], from_places: bool = True) -> Theme:
        """The people ``tokens`` name, with their origins: by nationality, and unless not ``from_places``,
        by the places they are said to be from or in."""
        theme = Theme()
        for token in tokens:
            for member in self.theme_members([token]):
                words = [member] + [
                    c for c in member.subtree if c.i < member.i and c.dep_ in ("amod", "compound", "nmod", "poss")
                ]
                words += self.coordinated_nationalities(member, words)
                groups = self._victim_groups(words)
                for name in groups:
                    if name not in theme.victims:
                        theme.victims.append(name)
                self._nationality_origins(theme, member, words, destinations)
                if from_places:
                    self._place_origins(theme, member, destinations)
                self._classify(theme, member, groups)
        if theme.specific:
            theme.generic = False
        return theme

    def _victim_groups(self, words: list[Token]) -> list[str]:
        groups = [self.victim_table[w.lower_] for w in words if w.lower_ in self.victim_table]
        groups += [self.victim_table[w.lemma_.lower()] for w in words if w.lemma_.lower() in self.victim_table]
        return self.attribute_words.young_over_adults(groups)

    def _nationality_origins(self, theme: Theme, member: Token, words: list[Token], destinations: list[str]) -> None:
        """ "Vietnamese women", "Lao and Cambodian women": origins in the order the text names them."""
        people = (
            member.lemma_.lower() in self.cfg["person_nouns"]
            or member.lower_ in self.victim_table
            or self.context.demonym(member) is not None  # "Latin Americans", "Central Asians"
            or any(self.context.demonym(w) is not None and w.i + 1 == member.i for w in words)
        )
        for word in sorted(words, key=lambda w: w.i):
            # an area's adjective says where people are from only on a word for people ("Central Asian
            # workers"), not on one the parse coordinates with them ("women in ... Central Asian countries")
            code = self.context.demonym(word) if people else self.context.country_demonym(word)
            # a country the text does not name is added only if a route is stated (see RouteContext.resolve)
            key = (self.context.country_key.get(code) or f"{UNNAMED}{code}") if code else None
            if key is None and word is not member:
                # "Lao women": a country name used as the nationality word; "South American women": an area's
                ref = self.ps.entity(word)
                named = ref is not None and (ref.cls == "Country" or people and ref.cls == "Region")
                key = ref.key if ref is not None and named else None
            if key and key not in theme.origins and key not in destinations:
                theme.origins.append(key)

    def _place_origins(self, theme: Theme, member: Token, destinations: list[str]) -> None:
        """Where the victims are from: "women from X", "victims in the north", "residing in camps in X";
        not where a move on them goes ("girls from rural areas sent to hotels in X")."""
        moved = {
            d.i
            for t in member.subtree
            if t.i != member.i and t.pos_ == "VERB" and self.is_trigger(t)
            for d in t.subtree
        }
        for sub in member.subtree:
            if sub.dep_ == "pobj" and sub.head.lower_ in ("from", "in") and sub.i not in moved:
                refs = self.place_refs([sub])
                if sub.head.lower_ == "from" and sub.head.head.i == member.i:
                    # "workers from X, other European countries, Y and Z": the parse may coordinate the
                    # rest of the list with the people themselves
                    refs += self.place_refs([m for m in group(member) if m.i > sub.i])
                for ref in refs:
                    if ref.key not in destinations and ref.key not in theme.origins:
                        theme.origins.append(ref.key)
                        if sub.head.lower_ == "in":
                            theme.placed.append(ref.key)
                if not self.place_refs([sub]) and self.context.names_home_area(sub.lower_) and self.context.home:
                    key = self.context.direction_placeholder(self.ps, sub)
                    if key and key not in theme.origins and self.context.home not in destinations:
                        theme.origins.append(key)
                        theme.via_home = True

    def _classify(self, theme: Theme, member: Token, groups: list[str]) -> None:
        """A pronoun, a specific group of people, or a generic "victims"."""
        generic = self.cfg["generic_victims"]
        if member.lower_ in self.cfg["pronouns"]:
            theme.pronoun = True
        elif (
            groups
            or member.pos_ in ("NOUN", "PROPN")
            and member.lemma_.lower() not in generic
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in member.children)
        ):
            theme.specific = True
        elif member.lemma_.lower() in generic or member.lower_ in generic:
            theme.generic = True

    def purposes(self, scope: Iterable[Token], weak: bool = True) -> list[str]:
        strong: dict[int, list[str]] = {}
        weak_found: list[str] = []
        for token in scope:
            words = {token.lower_, token.lemma_.lower()}
            head = token
            while head.dep_ in ("compound", "amod", "nmod") and head.head is not head:
                head = head.head
            for word in words:
                name = self.purpose_table.get(word)
                if name == "DomesticServitude":
                    # "domestic" names a purpose only with work: "domestic servitude", "the domestic ... sectors"
                    window = {w.lemma_.lower() for w in self.ps.doc[token.i : token.i + 14]} | {
                        w.lower_ for w in self.ps.doc[token.i : token.i + 14]
                    }
                    if not window & self.domestic_requires:
                        name = None
                if name:
                    strong.setdefault(head.i, []).append(name)
                elif word in self.weak_purposes:
                    weak_found.append(self.weak_purposes[word])
        found: list[str] = []
        for names in strong.values():
            best = min(names, key=self.purpose_order.index)
            if best not in found:
                found.append(best)
        if not found and weak:
            found = list(dict.fromkeys(weak_found))
        return found

    # -- one trigger
