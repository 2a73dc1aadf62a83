"""A backlog cell (CSV or XLSX text) is read as the person means it: ``1_000`` is not a number (Python's
``float`` and ``Decimal`` read it as 1000), and a date whose time part is impossible (``T25:00``) or is
not a time at all is not a date, where it was read as its day."""

from __future__ import annotations

from datetime import date

import pytest
from django.utils import translation

from jalon.documents.csv_cells import BadCell, parse_date, parse_money, parse_number
from jalon.planning.models import Activity
from jalon.strategy.models import Roadmap
from tests.documents.hostile_files import csv_problems
from tests.factories import Team, roadmap_with_activities


@pytest.fixture
def roadmap(team: Team) -> Roadmap:
    return roadmap_with_activities(team.workspace, team.owner, 1)


BAD_DATES = [
    "2026-01-05T25:00",
    "2026-01-05 24:00",
    "2026-01-05T10:60",
    "2026-01-05T10:30:61",
    "2026-01-05T",
    "2026-01-05junk",
    "2026-01-05 lundi",
    "2026-01-050",
    "05/01/2026 25:00",
    "05/01/2026 9:75",
    "05/Jan/26 13:00 PM",
    "05/Jan/26 0:30 AM",
]
GOOD_DATES = [
    ("2026-01-05", date(2026, 1, 5)),
    ("2026-01-05T10:30", date(2026, 1, 5)),
    ("2026-01-05 23:59:59", date(2026, 1, 5)),
    ("2026-01-05T17:00:00.000Z", date(2026, 1, 5)),
    ("2026-01-05T17:00:00+01:00", date(2026, 1, 5)),
    ("2026-01-05T00:00:00-0500", date(2026, 1, 5)),
    ("05/01/2026", date(2026, 1, 5)),
    ("05/01/2026 09:15", date(2026, 1, 5)),
    ("05/Jan/26 9:15 AM", date(2026, 1, 5)),
    ("05/Jan/26 12:00 PM", date(2026, 1, 5)),
    ("05/Jan/26", date(2026, 1, 5)),
]


@pytest.mark.parametrize("text", ["1_000", "1_0.5", "1 0_00", "_1", "1_"])
def test_a_backlog_number_with_underscores_is_not_a_number(text: str) -> None:
    with translation.override("fr"), pytest.raises(BadCell) as refused:
        parse_number(text)
    assert str(refused.value) == f"{text} n’est pas un nombre."


@pytest.mark.parametrize("text", ["1000", "1 000,50", "1,000.50 €", "12.5"])
def test_a_backlog_number_without_underscores_still_reads(text: str) -> None:
    assert parse_number(text) in (1000.0, 1000.5, 12.5)


@pytest.mark.parametrize("text", ["sNaN", "-sNaN", "snan"])
def test_a_backlog_number_written_as_a_signalling_nan_is_refused_as_nan_is(text: str) -> None:
    """``Decimal`` reads ``sNaN``, which ``float()`` then refused with a ValueError: the import crashed."""
    with translation.override("en"):
        for read in (parse_number, parse_money):
            with pytest.raises(BadCell) as signalling:
                read(text)
            with pytest.raises(BadCell) as quiet:
                read("NaN")
            assert str(signalling.value) == str(quiet.value)


def test_a_backlog_csv_with_a_signalling_nan_cost_says_the_amount_range(roadmap: Roadmap) -> None:
    with translation.override("en"):
        problems = csv_problems(roadmap, "key,title,cost\nune,Une,sNaN\n")
    assert problems == [("line 2", "cost: Enter an amount between 0 and 999,999,999,999.99.")]


@pytest.mark.parametrize("text", BAD_DATES)
def test_a_backlog_date_with_an_impossible_or_unknown_time_part_is_not_a_date(text: str) -> None:
    with translation.override("en"), pytest.raises(BadCell) as refused:
        parse_date(text)
    assert str(refused.value) == f"{text} is not a date (expected YYYY-MM-DD or DD/MM/YYYY)."


@pytest.mark.parametrize(("text", "day"), GOOD_DATES)
def test_a_backlog_date_with_a_possible_time_part_reads_as_its_day(text: str, day: date) -> None:
    assert parse_date(text) == day


def test_a_backlog_csv_with_an_impossible_hour_or_an_underscored_amount_imports_nothing(
    roadmap: Roadmap,
) -> None:
    text = "key,title,start,cost\nune,Une,2026-01-05,10\ndeux,Deux,2026-01-05T25:00,1_000\n"
    with translation.override("fr"):
        problems = csv_problems(roadmap, text)
    assert problems == [
        (
            "ligne 3",
            "start\u00a0: 2026-01-05T25:00 n’est pas une date (format attendu AAAA-MM-JJ ou JJ/MM/AAAA).",
        ),
        ("ligne 3", "cost\u00a0: 1_000 n’est pas un nombre."),
    ]
    assert not Activity.objects.filter(key__in=["une", "deux"]).exists()
