"""How a number and its unit are written for a reader: the one rule of the app, without Django.

French groups thousands with a narrow no-break space and writes a decimal comma (``1 234,5``), puts a
no-break space before a unit (``4 %``, ``2 500,50 €``, ``12 jours``); English writes ``1,234.5``,
``4%``, ``€2,500.50`` and ``12 days``. :mod:`jalon.formatting` (the pages, in the active language) and the
pure engines (the SMART coach, which is given its language) both write numbers through here.
"""

from __future__ import annotations

__all__ = ["CURRENCY_SYMBOLS", "NBSP", "NNBSP", "localise_digits", "with_unit"]

NBSP = "\u00a0"
NNBSP = "\u202f"
CURRENCY_SYMBOLS = {"EUR": "€", "€": "€", "USD": "$", "$": "$", "GBP": "£", "£": "£", "CHF": "CHF"}


def localise_digits(text: str, *, french: bool) -> str:
    """A number Python wrote with ``,`` between thousands and ``.`` before decimals (``f"{x:,.2f}"``), in
    the reader's way: French ``1 234,5`` (narrow no-break space, decimal comma); English as it is."""
    return text.replace(",", NNBSP).replace(".", ",") if french else text


def with_unit(number: str, unit: str, *, french: bool) -> str:
    """``number`` (already written the reader's way) with its unit: ``4 %`` / ``4%``, ``12 €`` / ``€12``
    (CHF always after), ``12 jours`` / ``12 days``; no unit leaves the number alone."""
    unit = unit.strip()
    if not unit:
        return number
    if unit == "%":
        return f"{number}{NBSP}%" if french else f"{number}%"
    symbol = CURRENCY_SYMBOLS.get(unit.upper(), CURRENCY_SYMBOLS.get(unit))
    if symbol is not None:
        if french or symbol == "CHF":
            return f"{number}{NBSP}{symbol}"
        sign, digits = (number[0], number[1:]) if number[:1] in ("-", "\u2212") else ("", number)
        return f"{sign}{symbol}{digits}"  # -€0.36, never €-0.36
    return f"{number}{NBSP}{unit}"
