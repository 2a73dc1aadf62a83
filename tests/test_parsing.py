"""Numbers and dates as people type them (jalon.parsing): both languages, and the ambiguous cases."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jalon.parsing import NotADate, NotANumber, parse_date, parse_number

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1 500", "1500"),
        (f"1{NBSP}500", "1500"),
        (f"1{NNBSP}500,50", "1500.50"),
        ("1 500,50", "1500.50"),
        ("1.500,50", "1500.50"),
        ("12 %", "12"),
        ("12%", "12"),
        ("1,5k €", "1500"),
        ("1,5 k", "1500"),
        ("2M", "2000000"),
        ("1 500 €", "1500"),
        ("EUR 250", "250"),
        ("-3,2", "-3.2"),
        ("−3,2", "-3.2"),
        ("0,05", "0.05"),
        (",5", "0.5"),
        ("1 000 000", "1000000"),
        ("1.000.000", "1000000"),
    ],
)
def test_french_numbers_are_read_as_french_people_type_them(typed: str, expected: str) -> None:
    assert parse_number(typed, "fr") == Decimal(expected)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("1,500.50", "1500.50"),
        ("1,500", "1500"),
        ("1 500.50", "1500.50"),
        ("12%", "12"),
        ("1.5k", "1500"),
        ("$1,234.5", "1234.5"),
        ("€1,500", "1500"),
        ("1,000,000", "1000000"),
        ("-0.25", "-0.25"),
    ],
)
def test_english_numbers_are_read_as_english_people_type_them(typed: str, expected: str) -> None:
    assert parse_number(typed, "en") == Decimal(expected)


def test_1_comma_500_is_one_and_a_half_in_french_and_fifteen_hundred_in_english() -> None:
    assert parse_number("1,500", "fr") == Decimal("1.5")
    assert parse_number("1,500", "en") == Decimal("1500")


def test_a_mark_that_cannot_group_thousands_is_the_decimal_separator() -> None:
    """Pasted from the other language: ``1.5`` in French, ``1,5`` in English."""
    assert parse_number("1.5", "fr") == Decimal("1.5")
    assert parse_number("1,5", "en") == Decimal("1.5")
    assert parse_number("12.75", "fr") == Decimal("12.75")


def test_when_both_marks_appear_the_last_one_marks_the_decimals_in_both_languages() -> None:
    for language in ("fr", "en"):
        assert parse_number("1.500,50", language) == Decimal("1500.50")
        assert parse_number("1,500.50", language) == Decimal("1500.50")


def test_a_thousand_multiplier_leaves_no_spurious_decimals() -> None:
    assert parse_number("1.234k", "en") == Decimal("1234")
    assert str(parse_number("1.234k", "en")) == "1234"
    assert parse_number("0,0015k", "fr") == Decimal("1.5")


def test_blank_text_is_no_number() -> None:
    assert parse_number("", "fr") is None
    assert parse_number(f" {NNBSP} ", "en") is None


@pytest.mark.parametrize(
    "typed",
    ["abc", "1 5", "1,50,000", "1..5", ",", "k", "%", "1e5", "inf", "NaN", "12 apples", "1,2,3", "--1"],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_text_that_is_no_number_is_refused(typed: str, language: str) -> None:
    with pytest.raises(NotANumber):
        parse_number(typed, language)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("2027-03-15", date(2027, 3, 15)),
        ("15/03/2027", date(2027, 3, 15)),
        ("15.03.2027", date(2027, 3, 15)),
        ("05/06/2026", date(2026, 6, 5)),  # ambiguous: day first, as the English pages write dates too
        ("5 Jun 2026", date(2026, 6, 5)),  # as the English pages show it
        ("5 June 2026", date(2026, 6, 5)),
        ("5 juin 2026", date(2026, 6, 5)),  # as the French pages show it
        ("5\u202fjuin 2026", date(2026, 6, 5)),
        ("15 Sept. 2027", date(2027, 9, 15)),
        ("  ", None),
    ],
)
def test_dates_are_read_day_first_in_every_language_and_in_the_iso_form_everywhere(
    typed: str, expected: date | None
) -> None:
    """One reading for every page, whatever its language: English and French month names alike, never
    month first."""
    assert parse_date(typed) == expected


@pytest.mark.parametrize("typed", ["31/02/2027", "03/15/2027", "demain", "31 Feb 2027", "5 Jum 2026"])
def test_text_that_is_no_date_is_refused(typed: str) -> None:
    with pytest.raises(NotADate):
        parse_date(typed)
