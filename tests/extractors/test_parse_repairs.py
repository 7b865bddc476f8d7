"""Repairs of the small model's parse, on hand-parsed sentences: each test points at one rule."""

from spacy.tokens import Doc
from spacy.vocab import Vocab

from tipgraph.extractors.relations.parse import verbs_read_as_adjectives, verbs_read_as_nouns
from tipgraph.extractors.relations.syntax import group


def parsed(words, heads, deps, pos):
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)


def test_an_adjective_with_a_subject_and_an_object_is_a_verb():
    doc = parsed(
        ["Smugglers", "subject", "Lao", "boys", "to", "begging", "."],
        [1, 1, 3, 1, 1, 4, 1],
        ["nsubj", "ROOT", "amod", "dobj", "prep", "pobj", "punct"],
        ["NOUN", "ADJ", "ADJ", "NOUN", "ADP", "NOUN", "PUNCT"],
    )
    verbs_read_as_adjectives(doc)
    assert doc[1].pos_ == "VERB"
    assert doc[2].pos_ == "ADJ"  # a modifier of the object stays an adjective


def test_an_adjective_between_a_noun_and_its_object_heads_the_clause():
    # parsed as "smugglers" taking an object, "subject" modifying the boys
    doc = parsed(
        ["Smugglers", "subject", "Lao", "boys", "to", "begging", "."],
        [0, 3, 3, 0, 0, 4, 0],
        ["ROOT", "amod", "amod", "dobj", "prep", "pobj", "punct"],
        ["NOUN", "ADJ", "ADJ", "NOUN", "ADP", "NOUN", "PUNCT"],
    )
    verbs_read_as_adjectives(doc)
    verb = doc[1]
    assert (verb.pos_, verb.dep_, verb.head.i) == ("VERB", "ROOT", 1)
    assert (doc[0].dep_, doc[0].head.i) == ("nsubj", 1)
    assert doc[3].head.i == 1 and doc[4].head.i == 1
    assert doc[2].pos_ == "ADJ"


def test_a_clause_the_parse_gave_to_a_later_word_hangs_under_the_real_verb():
    # "to forced labour" made the clause's verb, the smugglers its subject
    doc = parsed(
        ["Smugglers", "subject", "boys", "to", "forced", "labour"],
        [4, 2, 0, 4, 4, 4],
        ["nsubj", "amod", "dobj", "aux", "ROOT", "dobj"],
        ["NOUN", "ADJ", "NOUN", "PART", "VERB", "NOUN"],
    )
    verbs_read_as_adjectives(doc)
    assert (doc[1].dep_, doc[1].head.i) == ("ROOT", 1)
    assert doc[4].head.i == 1 and doc[0].head.i == 1 and doc[2].head.i == 1


def test_an_adjective_with_a_passive_subject_and_auxiliary_is_the_passive_verb():
    # "often" between the auxiliary and the participle: the tagger reads "trafficked" as an adjective
    doc = parsed(
        ["Lao", "girls", "are", "often", "trafficked", "to", "Bangkok", "."],
        [1, 4, 4, 4, 4, 4, 5, 4],
        ["amod", "nsubjpass", "auxpass", "advmod", "ROOT", "prep", "pobj", "punct"],
        ["ADJ", "NOUN", "AUX", "ADV", "ADJ", "ADP", "PROPN", "PUNCT"],
    )
    verbs_read_as_adjectives(doc)
    assert (doc[4].pos_, doc[4].tag_) == ("VERB", "VBN")
    assert doc[0].pos_ == "ADJ"  # the nationality stays an adjective


def test_an_adjective_before_a_noun_is_left_alone():
    doc = parsed(
        ["Workers", "are", "subject", "to", "abuse"],
        [1, 1, 1, 2, 3],
        ["nsubj", "ROOT", "acomp", "prep", "pobj"],
        ["NOUN", "AUX", "ADJ", "ADP", "NOUN"],
    )
    verbs_read_as_adjectives(doc)
    assert doc[2].pos_ == "ADJ" and doc[2].head.i == 1


def test_a_plural_noun_that_is_a_listed_verb_with_a_with_phrase_becomes_the_verb():
    # "The ministry funds clinics and liaises with UNFPA": "liaises" read as a second object
    doc = parsed(
        ["The", "ministry", "funds", "clinics", "and", "liaises", "with", "UNFPA"],
        [1, 2, 2, 2, 3, 3, 5, 6],
        ["det", "nsubj", "ROOT", "dobj", "cc", "conj", "prep", "pobj"],
        ["DET", "NOUN", "VERB", "NOUN", "CCONJ", "NOUN", "ADP", "PROPN"],
    )
    verbs_read_as_nouns(doc, frozenset({"liaise"}))
    assert (doc[5].pos_, doc[5].head.i, doc[5].lemma_) == ("VERB", 2, "liaise")


def test_a_plural_noun_that_is_no_listed_verb_stays_a_noun():
    doc = parsed(
        ["The", "ministry", "funds", "clinics", "and", "hostels", "with", "beds"],
        [1, 2, 2, 2, 3, 3, 5, 6],
        ["det", "nsubj", "ROOT", "dobj", "cc", "conj", "prep", "pobj"],
        ["DET", "NOUN", "VERB", "NOUN", "CCONJ", "NOUN", "ADP", "NOUN"],
    )
    verbs_read_as_nouns(doc, frozenset({"liaise"}))
    assert (doc[5].pos_, doc[5].head.i) == ("NOUN", 3)


def test_names_hung_on_one_another_across_commas_are_one_list():
    # "delegates from UNFPA, UNHCR, the ILO and IOM", with "UNFPA" modifying "UNHCR" modifying "ILO"
    doc = parsed(
        ["delegates", "from", "UNFPA", ",", "UNHCR", ",", "the", "ILO", "and", "IOM"],
        [0, 0, 4, 2, 7, 4, 7, 1, 7, 7],
        ["ROOT", "prep", "nmod", "punct", "nmod", "punct", "det", "pobj", "cc", "conj"],
        ["NOUN", "ADP", "PROPN", "PUNCT", "PROPN", "PUNCT", "DET", "PROPN", "CCONJ", "PROPN"],
    )
    entities = {i: object() for i in (2, 4, 7, 9)}
    assert [t.text for t in group(doc[7], entities)] == ["UNFPA", "UNHCR", "ILO", "IOM"]


def test_a_name_modifying_the_next_with_no_comma_is_no_list_member():
    doc = parsed(
        ["an", "IOM", "Geneva", "team"],
        [3, 2, 3, 3],
        ["det", "compound", "compound", "ROOT"],
        ["DET", "PROPN", "PROPN", "NOUN"],
    )
    entities = {1: object(), 2: object()}
    assert [t.text for t in group(doc[2], entities)] == ["Geneva"]
