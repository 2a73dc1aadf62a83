"""Every number, money and date field of every form reads what people type, in their language."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django import forms
from django.utils import translation

from jalon.fields import LocaleDateField, LocaleDecimalField, number_for_input
from tests.forms_found import form_classes

NBSP, NNBSP = "\u00a0", "\u202f"


class Amounts(forms.Form):
    money = LocaleDecimalField(max_digits=14, decimal_places=2, required=False)
    rate = LocaleDecimalField(kind="float", required=False)
    days = LocaleDecimalField(kind="integer", min_value=1, required=False)
    day = LocaleDateField(required=False)


def cleaned(language: str, **data: str) -> forms.Form:
    with translation.override(language):
        form = Amounts(data)
        form.is_valid()
    return form


def errors_in(language: str, form: forms.Form, field: str) -> list[str]:
    """The field's messages as a reader of ``language`` sees them (they are translated when read, so a
    comparison outside the language would depend on what the previous test left active)."""
    with translation.override(language):
        return [str(message) for message in form.errors[field]]


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("1 500", "1500"), (f"1{NNBSP}500,50", "1500.50"), ("1.500,50", "1500.50"), ("1,5k €", "1500"),
     ("1 500 €", "1500"), ("1,500", "1.5")],
)  # fmt: skip
def test_a_french_form_reads_money_as_typed(typed: str, expected: str) -> None:
    form = cleaned("fr", money=typed)
    assert form.errors == {}
    assert form.cleaned_data["money"] == Decimal(expected)


@pytest.mark.parametrize(
    ("typed", "expected"), [("1,500.50", "1500.50"), ("1,500", "1500"), ("$1.5k", "1500"), ("12%", "12")]
)
def test_an_english_form_reads_money_as_typed(typed: str, expected: str) -> None:
    form = cleaned("en", money=typed)
    assert form.errors == {}
    assert form.cleaned_data["money"] == Decimal(expected)


def test_a_float_field_gives_a_float_and_an_integer_field_an_int() -> None:
    form = cleaned("fr", rate="12 %", days="1 000")
    assert form.cleaned_data["rate"] == 12.0 and isinstance(form.cleaned_data["rate"], float)
    assert form.cleaned_data["days"] == 1000 and isinstance(form.cleaned_data["days"], int)


def test_text_that_is_no_number_gets_a_french_message_and_stays_in_the_field() -> None:
    form = cleaned("fr", money="douze")
    assert errors_in("fr", form, "money") == [
        "«\u00a0douze\u00a0» n’est pas un nombre. Écrivez-le par exemple 1\u202f500,50 ou 1,5k."
    ]
    assert 'value="douze"' in str(form["money"])


def test_text_that_is_no_number_gets_an_english_message() -> None:
    form = cleaned("en", money="twelve")
    with translation.override("en"):
        assert form.errors["money"] == ["“twelve” is not a number. Type it as 1,500.50 or 1.5k for example."]


def test_a_fraction_in_a_whole_number_field_is_refused_in_words() -> None:
    assert errors_in("fr", cleaned("fr", days="2,5"), "days") == [
        "«\u00a02,5\u00a0» n’est pas un nombre entier."
    ]


def test_the_fields_own_limits_still_apply() -> None:
    assert "days" in cleaned("fr", days="0").errors
    assert "money" in cleaned("fr", money="0,125").errors  # three decimal places for a two-place amount


@pytest.mark.parametrize("typed", ["inf", "NaN", "1e400", "-Infinity"])
def test_infinite_numbers_are_refused(typed: str) -> None:
    assert "rate" in cleaned("en", rate=typed).errors


def test_a_number_too_large_for_a_float_is_refused() -> None:
    assert "rate" in cleaned("en", rate="9" * 400).errors


def test_dates_are_read_day_first_in_both_languages_and_in_iso_everywhere() -> None:
    assert cleaned("fr", day="15/03/2027").cleaned_data["day"] == date(2027, 3, 15)
    assert cleaned("en", day="15/03/2027").cleaned_data["day"] == date(2027, 3, 15)
    assert cleaned("fr", day="2027-03-15").cleaned_data["day"] == date(2027, 3, 15)
    assert cleaned("en", day="2027-03-15").cleaned_data["day"] == date(2027, 3, 15)
    assert errors_in("fr", cleaned("fr", day="15-03-27x"), "day") == [
        "«\u00a015-03-27x\u00a0» n’est pas une date. Écrivez-la par exemple 15/03/2027 (le jour d’abord) "
        "ou 2027-03-15."
    ]  # 31/02/2027, typed as asked but no day of the calendar, is said so (tests/test_no_such_day.py)


def test_a_saved_number_is_shown_back_in_the_readers_language_with_every_digit() -> None:
    assert number_for_input(Decimal("1500.50"), "fr") == f"1{NNBSP}500,50"
    assert number_for_input(1500.5, "en") == "1,500.5"
    assert number_for_input(0.1, "fr") == "0,1"
    assert number_for_input(Decimal("12500.00"), "fr") == f"12{NNBSP}500"
    assert number_for_input(-2, "en") == "-2"
    with translation.override("fr"):
        assert f'value="1{NNBSP}500,5"' in str(Amounts(initial={"rate": 1500.5})["rate"])


def test_a_number_field_is_a_text_input_that_asks_for_a_numeric_keyboard() -> None:
    html = str(Amounts()["money"]) + str(Amounts()["days"])
    assert 'type="text"' in html and 'type="number"' not in html
    assert 'inputmode="decimal"' in html and 'inputmode="numeric"' in html


def test_every_number_and_date_field_of_every_form_reads_what_people_type() -> None:
    forms_seen, wrong = 0, []
    for form_class in form_classes():
        forms_seen += 1
        for name, field in form_class.base_fields.items():
            if isinstance(field.widget, forms.HiddenInput):
                continue  # versions and confirmations: written by the page, not typed
            numeric = isinstance(field, forms.IntegerField | forms.FloatField | forms.DecimalField)
            if numeric and not isinstance(field, LocaleDecimalField):
                wrong.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
            if isinstance(field, forms.DateField) and not isinstance(field, LocaleDateField):
                wrong.append(f"{form_class.__module__}.{form_class.__name__}.{name}")
    assert forms_seen > 20
    assert wrong == []
