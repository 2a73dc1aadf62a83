"""The workload grid's header: each ISO week stands under the month of its Thursday, so that week 1 of a year
is never drawn under the December before it (the Monday of week 1 may fall in December)."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.utils import translation

from jalon.planning.people.workload_grid import _header


def months_and_weeks(first: date, count: int, language: str) -> tuple[list[tuple[str, int]], list[str]]:
    weeks = [first + timedelta(weeks=n) for n in range(count)]
    with translation.override(language):
        _columns, html = _header(weeks, frozenset())
    months = [(m, int(n)) for n, m in re.findall(r'colspan="(\d+)">([^<]+)</th>', html)]
    numbers = re.findall(r"<abbr [^>]*>([^<]+)</abbr>", html)
    return months, numbers


@pytest.mark.parametrize(
    ("language", "december", "january", "week_one"),
    [("fr", "décembre 2025", "janvier 2026", "S1"), ("en", "December 2025", "January 2026", "W1")],
)
def test_week_one_stands_under_january_though_its_monday_is_in_december(
    language: str, december: str, january: str, week_one: str
) -> None:
    months, numbers = months_and_weeks(date(2025, 12, 22), 4, language)  # 22/12, 29/12 (week 1), 5/1, 12/1
    assert numbers[1] == week_one
    assert months == [(december, 1), (january, 3)]


def test_week_fifty_three_stands_under_the_december_of_its_thursday() -> None:
    months, numbers = months_and_weeks(date(2026, 12, 21), 3, "fr")  # 21/12, 28/12 (week 53 of 2026), 4/1
    assert numbers == ["S52", "S53", "S1"]
    assert months == [("décembre 2026", 2), ("janvier 2027", 1)]


def test_a_month_whose_first_thursday_comes_late_starts_at_that_week() -> None:
    # Monday 31/08/2026: its Thursday is 3 September, so that week is September's first, not August's last.
    months, _numbers = months_and_weeks(date(2026, 8, 24), 3, "en")
    assert months == [("August 2026", 1), ("September 2026", 2)]
