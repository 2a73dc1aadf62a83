"""Deadline phrases of the SMART coach, over every fiscal start month and every day of two years."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jalon.engines.smart_deadlines import find_deadline
from jalon.engines.smart_text import normalize

pytestmark = pytest.mark.engine

DAYS = [date(2026, 1, 1) + timedelta(days=i) for i in range(730)]
MONTHS = range(1, 13)
FRENCH_MONTHS = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre".split()  # noqa: SIM905


def last_day(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def deadline_of(phrase: str, today: date, fy: int) -> tuple[str, date]:
    found = find_deadline(normalize(phrase), today=today, fiscal_year_start_month=fy)
    assert found is not None, phrase
    return found.rule, found.deadline


def fiscal_period_end(today: date, fy: int, months: int, index: int) -> date:
    """Independent oracle: end of period ``index`` of the fiscal year, or of the next one if past."""
    start_year = today.year if today.month >= fy else today.year - 1
    for shift in (0, 1):
        offset = fy - 1 + months * index - 1
        end = last_day(start_year + shift + offset // 12, offset % 12 + 1)
        if end >= today:
            return end
    raise AssertionError("unreachable")


def plus_months(day: date, months: int) -> date:
    year, month0 = divmod(day.year * 12 + day.month - 1 + months, 12)
    return date(year, month0 + 1, min(day.day, calendar.monthrange(year, month0 + 1)[1]))


def test_fiscal_year_end_for_every_start_month_and_day() -> None:
    for fy in MONTHS:
        for today in DAYS:
            phrase = "d'ici la fin de l'exercice" if today.day % 2 else "by the end of the fiscal year"
            rule, deadline = deadline_of(phrase, today, fy)
            assert rule == "fiscal_year_end"
            assert deadline == fiscal_period_end(today, fy, 12, 1)


def test_fiscal_quarters_and_halves_for_every_start_month_and_day() -> None:
    for fy in MONTHS:
        for today in DAYS:
            quarter = today.toordinal() % 4 + 1
            phrase = f"d'ici la fin du T{quarter}" if today.day % 2 else f"by end of Q{quarter}"
            rule, deadline = deadline_of(phrase, today, fy)
            assert rule == f"fiscal_quarter_end:{quarter}"
            assert deadline == fiscal_period_end(today, fy, 3, quarter)
            half = today.toordinal() % 2 + 1
            phrase = f"d'ici fin S{half}" if today.day % 2 else f"by the end of H{half}"
            rule, deadline = deadline_of(phrase, today, fy)
            assert rule == f"fiscal_half_end:{half}"
            assert deadline == fiscal_period_end(today, fy, 6, half)


def test_year_end_is_31_december_whatever_the_fiscal_year() -> None:
    for fy in MONTHS:
        for today in DAYS[::3]:
            phrase = "d'ici la fin de l'année" if today.day % 2 else "by year end"
            assert deadline_of(phrase, today, fy) == ("calendar_year_end", date(today.year, 12, 31))


def test_named_calendar_periods_ignore_the_fiscal_year() -> None:
    for fy in MONTHS:
        today = date(2026, 5, 5)
        assert deadline_of("d'ici fin T3 2027", today, fy) == (
            "calendar_quarter_end:2027-Q3",
            date(2027, 9, 30),
        )
        assert deadline_of("by Q1 2027", today, fy) == ("calendar_quarter_end:2027-Q1", date(2027, 3, 31))
        assert deadline_of("d'ici fin S1 2027", today, fy) == ("calendar_half_end:2027-H1", date(2027, 6, 30))
        assert deadline_of("by H2 2027", today, fy) == ("calendar_half_end:2027-H2", date(2027, 12, 31))


def test_durations_from_every_day_clamp_to_the_month_end() -> None:
    for today in DAYS:
        months = today.toordinal() % 18 + 1
        phrase = f"dans {months} mois" if today.day % 2 else f"within {months} months"
        assert deadline_of(phrase, today, 1) == (f"in_months:{months}", plus_months(today, months))
        days = today.toordinal() % 120 + 1
        phrase = f"d'ici {days} jours" if today.day % 2 else f"in the next {days} days"
        assert deadline_of(phrase, today, 1) == (f"in_days:{days}", today + timedelta(days=days))
        assert deadline_of("within 16 weeks", today, 1)[1] == today + timedelta(weeks=16)


def test_a_month_without_a_year_is_its_next_end() -> None:
    for today in DAYS:
        month = today.toordinal() % 12 + 1
        rule, deadline = deadline_of(f"d'ici {FRENCH_MONTHS[month - 1]}", today, 1)
        assert rule.startswith("month_end:")
        assert deadline.month == month and deadline == last_day(deadline.year, month)
        assert today <= deadline < today + timedelta(days=366)


def test_named_weekdays_are_the_next_such_day() -> None:
    for today in DAYS[:14]:
        rule, friday = deadline_of("d'ici vendredi", today, 1)
        assert rule == "date" and friday.weekday() == 4 and 1 <= (friday - today).days <= 7
        assert deadline_of("by Monday", today, 1)[1].weekday() == 0


@pytest.mark.parametrize(
    ("phrase", "lang_today", "expected"),
    [
        ("by 31 January 2027", "2026-08-10", date(2027, 1, 31)),
        ("by March 31, 2027", "2026-10-05", date(2027, 3, 31)),
        ("d'ici le 1er octobre 2026", "2026-06-22", date(2026, 10, 1)),
        ("d'ici le 15/10/2026", "2026-08-03", date(2026, 10, 15)),
        ("by 2026-10-15", "2026-08-03", date(2026, 10, 15)),
        ("avant Noël", "2026-12-26", date(2027, 12, 25)),
        ("before Black Friday", "2026-04-01", date(2026, 11, 27)),
        ("d'ici la Saint-Valentin", "2026-12-28", date(2027, 2, 14)),
    ],
)
def test_explicit_and_named_days_have_the_date_rule(phrase: str, lang_today: str, expected: date) -> None:
    assert deadline_of(phrase, date.fromisoformat(lang_today), 1) == ("date", expected)


@pytest.mark.parametrize(
    "text",
    [
        "Publier 2 épisodes par trimestre.",
        "Run 6 A/B tests a month.",
        "Collecter des numéros avant les soldes d'été 2027.",
        "Reach 5,000 registrations in time for back-to-school.",
        "Augmenter les ventes bientôt.",
        "Grow followers in the coming months.",
        "Réactiver les clients inactifs depuis plus de 12 mois.",
        "Beat our 2027 revenue target.",
    ],
)
def test_cadences_events_and_vague_times_are_not_deadlines(text: str) -> None:
    assert find_deadline(normalize(text), today=date(2026, 3, 1), fiscal_year_start_month=1) is None


@settings(max_examples=150, deadline=None)
@given(
    today=st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)),
    fy=st.integers(1, 12),
    quarter=st.integers(1, 4),
)
def test_a_fiscal_quarter_end_is_the_nearest_future_end_of_that_quarter(
    today: date, fy: int, quarter: int
) -> None:
    rule, deadline = deadline_of(f"by the end of Q{quarter}", today, fy)
    assert deadline >= today
    assert deadline - today < timedelta(days=366)
    assert deadline == last_day(deadline.year, deadline.month)
    assert (deadline.month - fy) % 12 == 3 * quarter - 1
    assert rule == f"fiscal_quarter_end:{quarter}"
