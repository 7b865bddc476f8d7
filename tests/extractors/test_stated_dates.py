"""The date a sentence states, read from the evidence text (fresh genre sentences)."""

from __future__ import annotations

import pytest

from tipgraph.extractors.ingest.stated_dates import stated_date


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Labour inspectors closed the recruitment agency on 4 October 2022 after three complaints.", "2022-10-04"),
        ("The embassy reported that on the 9th of July 2015 a van carrying eleven women was stopped.", "2015-07-09"),
        ("Harbour police intercepted the trawler on November 21, 2013, off the southern cape.", "2013-11-21"),
        ("The regional office opened a hotline in August 2020 with funds from the donor group.", "2020-08"),
        ("Prosecutors charged the brokers in Jan. 2017, a year after the raid.", "2017-01"),
        ("In 2019 the foundation trained border guards to spot forged work permits.", "2019"),
        ("Since early 2016 the church network has sheltered boys taken to the quarries.", "2016"),
        ("The hearing set for 2021-06-30 was moved when the witness fled.", "2021-06-30"),
    ],
)
def test_the_date_a_sentence_states_is_found_as_precisely_as_it_is_stated(sentence, expected):
    assert stated_date(sentence) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The ministry's 2018 action plan names the agency that leads the task force.",
        "Decree 2014/117 sets the fines that recruiters pay for withheld passports.",
        "Roughly 2020 workers were counted at the brick kilns by the survey team.",
        "The coalition shared its findings with the labour ministry last spring.",
    ],
)
def test_numbers_that_are_not_times_date_nothing(sentence):
    assert stated_date(sentence) is None


def test_the_first_date_stated_is_the_one_taken_and_a_day_beats_its_month():
    sentence = "Smugglers moved the group across on 2 March 2018 and sent a second group in 2019."
    assert stated_date(sentence) == "2018-03-02"
