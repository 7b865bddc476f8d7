"""The date a sentence states ("on 12 May 2021", "in March 2019", "in 2018"), as ISO text.

A statement's time is the document's date unless its sentence says when: a report
published in 2023 that tells of a raid "in March 2019" dates that raid 2019-03. The
answer is as precise as the sentence: a day (``2021-05-12``), a month (``2019-03``)
or a year (``2018``). A bare number is a year only after a word that introduces a
time ("in", "since", "during", ...), so "2018 report" or "Law 2018/33" date nothing.
The first date the sentence states is taken: the one the clause begins with.

>>> stated_date("Police in the port city freed nine fishermen on 12 May 2021 after a tip-off.")
'2021-05-12'
>>> stated_date("The two agencies signed a memorandum in March 2019.")
'2019-03'
>>> stated_date("Since 2018 the shelter has taken in girls brought from the border towns.")
'2018'
>>> stated_date("The ministry's 2018 report counted forty brokers.") is None
True
"""

from __future__ import annotations

import re
from datetime import date

_MONTH_NAMES = "january february march april may june july august september october november december".split()
_MONTHS = "|".join(
    sorted(
        {name.capitalize() for name in _MONTH_NAMES}
        | {name[:3].capitalize() + r"\.?" for name in _MONTH_NAMES}
        | {r"Sept\.?"}
    )
)
_YEAR = r"(?:19|20)\d{2}"
# Words that put a bare year in time: "in 2018", "by early 2020", "as of 2017".
_TIME_WORDS = (
    r"(?:in|since|during|until|till|by|from|through|throughout|after|before|as of|as early as|early|late|mid-?)"
)

_PATTERNS = (
    # 2021-05-12
    ("iso", re.compile(rf"\b({_YEAR})-(\d{{2}})-(\d{{2}})\b")),
    # 12 May 2021, 12th of May 2021
    ("dmy", re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?(?: of)? ({_MONTHS}),? ({_YEAR})\b")),
    # May 12, 2021
    ("mdy", re.compile(rf"\b({_MONTHS}) (\d{{1,2}})(?:st|nd|rd|th)?,? ({_YEAR})\b")),
    # March 2019, in March of 2019
    ("my", re.compile(rf"\b({_MONTHS})(?: of)? ({_YEAR})\b")),
    # in 2018, since early 2020
    ("y", re.compile(rf"\b{_TIME_WORDS}(?:\s+(?:early|late|mid-?))?\s*({_YEAR})\b(?![-/]\d)", re.IGNORECASE)),
)


def _month(name: str) -> int:
    return _MONTH_NAMES.index(next(m for m in _MONTH_NAMES if m.startswith(name.rstrip(".").lower()[:3]))) + 1


def _iso(year: str, month: int | None = None, day: int | None = None) -> str | None:
    """ISO text of a real date (a day that does not exist dates nothing)."""
    if month is None:
        return year
    if day is None:
        return f"{year}-{month:02d}" if 1 <= month <= 12 else None
    try:
        return date(int(year), month, day).isoformat()
    except ValueError:
        return None


def _found(kind: str, groups: tuple[str, ...]) -> str | None:
    if kind == "iso":
        return _iso(groups[0], int(groups[1]), int(groups[2]))
    if kind == "dmy":
        return _iso(groups[2], _month(groups[1]), int(groups[0]))
    if kind == "mdy":
        return _iso(groups[2], _month(groups[0]), int(groups[1]))
    if kind == "my":
        return _iso(groups[1], _month(groups[0]))
    return _iso(groups[0])


def stated_date(text: str) -> str | None:
    """The first date the text states (a day, a month or a year, as ISO text), or None.

    >>> stated_date("Brokers moved the workers through the pass on May 3, 2016 and again in 2017.")
    '2016-05-03'
    >>> stated_date("A raid on 31 February 2020 dates its month, not a day that never was.")
    '2020-02'
    >>> stated_date("By mid-2020 the agency had trained sixty labour inspectors.")
    '2020'
    """
    matches = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            value = _found(kind, match.groups())
            if value is not None:
                # the earliest in the text; where two overlap there, the most precise (the longest)
                matches.append((match.start(), -len(value), value))
    return min(matches)[2] if matches else None
