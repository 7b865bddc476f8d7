"""Repairs of the small model's parse, on hand-parsed sentences: each test points at one rule."""

from spacy.tokens import Doc
from spacy.vocab import Vocab

from tipgraph.extractors.relations.parse import verbs_read_as_adjectives


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


def test_an_adjective_before_a_noun_is_left_alone():
    doc = parsed(
        ["Workers", "are", "subject", "to", "abuse"],
        [1, 1, 1, 2, 3],
        ["nsubj", "ROOT", "acomp", "prep", "pobj"],
        ["NOUN", "AUX", "ADJ", "ADP", "NOUN"],
    )
    verbs_read_as_adjectives(doc)
    assert doc[2].pos_ == "ADJ" and doc[2].head.i == 1
