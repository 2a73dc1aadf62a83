"""Numbers and amounts as the reader reads them, in the active language."""

from __future__ import annotations

import pytest
from django.utils import translation

from jalon.formatting import NBSP, NNBSP, format_number, format_quantity


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
