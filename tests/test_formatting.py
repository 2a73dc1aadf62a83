"""Numbers and amounts as the reader reads them, in the active language."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.formats import date_format, get_format

from jalon.formatting import NBSP, NNBSP, date_pattern_data, format_long_date, format_number, format_quantity
from jalon.parsing import parse_date


@pytest.mark.parametrize(
    ("language", "value", "unit", "shown"),
    [
        ("fr", 2500.5, "€", f"2{NNBSP}500,50{NBSP}€"),
        ("fr", 1500.0, "EUR", f"1{NNBSP}500{NBSP}€"),
        ("en", 2500.5, "EUR", "€2,500.50"),
        ("en", 1234.56, "$", "$1,234.56"),
        ("fr", 12.5, "%", f"12,5{NBSP}%"),
        ("fr", 2.5, "clients", f"2,5{NBSP}clients"),
    ],
)
def test_money_keeps_its_cents_and_other_quantities_drop_trailing_zeros(language, value, unit, shown) -> None:
    with translation.override(language):
        assert format_quantity(value, unit) == shown


def test_a_plain_number_drops_its_trailing_zeros() -> None:
    with translation.override("fr"):
        assert format_number(1500.50) == f"1{NNBSP}500,5"
        assert format_number(1500.0) == f"1{NNBSP}500"


def test_a_negative_amount_puts_its_minus_before_an_english_currency_sign() -> None:
    """A KPI's projection below zero: « -€0.36 » in English, never « €-0.36 »; French writes « -0,36 € »."""
    with translation.override("en"):
        assert format_quantity(-0.36, "€") == "-€0.36"
        assert format_quantity(-1500, "USD") == "-$1,500"
    with translation.override("fr"):
        assert format_quantity(-0.36, "€") == f"-0,36{NBSP}€"


@pytest.mark.parametrize("value", [-0.0, -0.001, -0.004])
def test_a_value_that_rounds_to_zero_is_written_without_a_minus(value: float) -> None:
    """A measurement pasted as « -0 », or a tiny negative change, is 0, never « -0 »."""
    for language in ("fr", "en"):
        with translation.override(language):
            assert format_number(value) == "0"
            assert format_quantity(value, "%") in ("0 %".replace(" ", NBSP), "0%")


@pytest.mark.parametrize(
    ("language", "day", "format_name", "shown"),
    [
        ("fr", date(2027, 1, 1), "j F Y", "1er janvier 2027"),
        ("fr", date(2027, 1, 2), "j F Y", "2 janvier 2027"),
        ("fr", date(2027, 1, 1), "DATE_FORMAT", "1er janvier 2027"),
        ("fr", date(2027, 3, 11), "DATE_FORMAT", "11 mars 2027"),
        ("en", date(2027, 1, 1), "j F Y", "1 January 2027"),
        ("en", date(2027, 1, 1), "DATE_FORMAT", "1 January 2027"),
    ],
)
def test_french_long_dates_write_the_first_of_a_month_1er_and_english_ones_stay(
    language, day, format_name, shown
) -> None:
    with translation.override(language):
        assert format_long_date(day, format_name) == shown


def test_the_long_date_filter_writes_1er_in_french_and_nothing_without_a_date() -> None:
    template = Template(
        '{% load jalon %}{{ first|long_date:"j F Y" }}|{{ second|long_date }}|{{ no|long_date|default:"—" }}'
    )
    context = Context({"first": date(2027, 1, 1), "second": date(2027, 1, 2), "no": None})
    with translation.override("fr"):
        assert template.render(context) == "1er janvier 2027|2 janvier 2027|—"
    with translation.override("en"):
        assert template.render(context) == "1 January 2027|2 January 2027|—"


@pytest.mark.parametrize(
    ("language", "format_name", "shown"),
    [
        ("en", "SHORT_DATE_FORMAT", "31 Dec 2026"),
        ("en", "DATE_FORMAT", "31 December 2026"),
        ("en", "YEAR_MONTH_FORMAT", "December 2026"),
        ("en", "MONTH_DAY_FORMAT", "31 December"),
        ("fr", "SHORT_DATE_FORMAT", "31/12/2026"),
        ("fr", "DATE_FORMAT", "31 décembre 2026"),
        ("fr", "MONTH_DAY_FORMAT", "31 décembre"),
    ],
)
def test_english_dates_are_written_day_first_in_one_style_and_french_ones_unchanged(
    language, format_name, shown
) -> None:
    with translation.override(language):
        assert date_format(date(2026, 12, 31), format_name) == shown


def test_english_date_and_time_reads_day_first() -> None:
    with translation.override("en"):
        shown = date_format(datetime(2026, 12, 31, 16, 30), "SHORT_DATETIME_FORMAT")
        assert shown == "31 Dec 2026, 4:30 p.m."


def test_english_dates_as_typed_are_read_day_first_as_the_pages_write_them() -> None:
    """The pages write 5 Jun 2026: the fields, and Django's own input formats, read 05/06/2026 as that day."""
    with translation.override("en"):
        assert "%m/%d/%Y" not in get_format("DATE_INPUT_FORMATS")
        assert "%d/%m/%Y" in get_format("DATE_INPUT_FORMATS")
        assert parse_date("05/06/2026") == date(2026, 6, 5)
        assert parse_date(date_format(date(2026, 6, 5), "SHORT_DATE_FORMAT")) == date(2026, 6, 5)


def test_labelled_writes_the_label_and_its_value_in_the_language_it_is_given() -> None:
    from jalon.formatting import labelled
    from jalon.i18n import gettext, language

    with translation.override("en"), language("fr"):  # a command in French, whatever the page's language
        assert labelled("Cible", "4\u00a0%", translate=gettext) == "Cible\u00a0: 4\u00a0%"
        assert labelled("Target", "4%") == "Target: 4%"
    with translation.override("fr"):
        assert labelled("Responsable", "Léa") == "Responsable\u00a0: Léa"


@pytest.mark.parametrize(("language", "shown"), [("fr", "Cible\u00a0: 4\u00a0%"), ("en", "Cible: 4\u00a0%")])
def test_labelled_serves_the_command_line_without_djangos_settings(language: str, shown: str) -> None:
    """The command line's SMART verdict uses it before Django is configured (it once had its own twin)."""
    import os
    import subprocess
    import sys

    code = "from jalon.formatting import labelled; print(labelled('Cible', '4\u00a0%'), end='')"
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {
        "JALON_LANGUAGE": language
    }
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, env=env, check=True, timeout=60)
    assert done.stdout.decode() == shown


@pytest.mark.parametrize(
    ("language", "value", "shown"),
    [
        ("fr", 1, f"1{NBSP}pt"),
        ("fr", -0.1, f"-0,1{NBSP}pt"),
        ("fr", 1.99, f"1,99{NBSP}pt"),
        ("fr", 2, f"2{NBSP}pts"),
        ("en", 1, f"1{NBSP}pt"),
        ("en", 0.5, f"0.5{NBSP}pts"),
        ("en", 12, f"12{NBSP}pts"),
    ],
)
def test_points_are_singular_for_one_point_as_each_language_counts_it(language, value, shown) -> None:
    """« 1 pts » read wrong: French takes the singular below two (« 0,5 pt »), English at exactly one."""
    with translation.override(language):
        assert format_quantity(value, "points") == shown


def test_a_falling_change_has_a_real_minus_sign() -> None:
    from jalon.formatting import format_change

    with translation.override("fr"):
        assert format_change(-0.1, "pts") == "\u22120,1\u00a0pt"
        assert format_change(0.5, "pts") == "0,5\u00a0pt"
    with translation.override("en"):
        assert format_change(-1250, "") == "\u22121,250"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ' data-date-format="j M Y" data-months="Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"'),
        ("fr", ' data-date-format="d/m/Y" data-months="'),
    ],
)
def test_a_script_is_given_the_short_date_format_and_month_names_of_the_page_language(
    language: str, expected: str
) -> None:
    with translation.override(language):
        assert date_pattern_data().startswith(expected)
