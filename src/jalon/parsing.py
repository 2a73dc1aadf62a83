r"""Numbers and dates as people type them, in their language.

French (decimal comma): ``1 500``, ``1 500,50`` (normal, no-break or narrow no-break spaces), ``1.500,50``,
``12 %``, ``1,5k €``. English (decimal point): ``1,500.50``, ``12%``, ``1.5k``, ``$1,500``.

The rule for a separator, in this order:

0. When both ``,`` and ``.`` appear, the last one marks the decimals: ``1.500,50`` and ``1,500.50`` are
   1500.5 in both languages.
1. Otherwise the language's decimal separator (``,`` in French, ``.`` in English) marks the decimals.
2. The other mark (``.`` in French, ``,`` in English) and spaces group thousands: every group after the
   first has exactly three digits. So ``1,500`` is 1.5 in French and 1500 in English.
3. A single other mark that cannot group thousands (``1.5`` in French, ``1,5`` in English: not followed
   by exactly three digits) is read as the decimal separator: people paste numbers from the other language.

A trailing ``k`` multiplies by a thousand, ``M`` by a million; ``%`` and a currency (``€``, ``$``, ``£``,
``EUR``, ``USD``, ``GBP``, ``CHF``) are allowed around the number and dropped: the field's unit says what the
number counts. ``-`` or ``−`` before the number makes it negative. Anything else is not a number.

Digits are 0 to 9, in every reader of numbers and dates (forms, pasted and imported tables, the orders file,
the command line): Python's ``float`` and ``\d`` also read fullwidth (``１２``), Arabic-Indic (``١٢``) and
other decimal digits, which DuckDB, the roadmap file and the date fields refuse, so the same cell was read
by one importer and refused by another. :func:`foreign_digits` is the one check; NFKC normalisation was
weighed and left: it maps fullwidth digits to 0–9 but leaves Arabic-Indic and Devanagari ones as they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

SPACES = "\u0020\u00a0\u202f\u2009\u2007"
_CURRENCY = re.compile(r"^(?:€|\$|£|EUR|USD|GBP|CHF)|(?:€|\$|£|EUR|USD|GBP|CHF)$", re.IGNORECASE)
_MULTIPLIERS = {"k": Decimal(1000), "K": Decimal(1000), "M": Decimal(1_000_000)}
_SPACE_RUN = re.compile(f"[{SPACES}]+")


class NotANumber(ValueError):
    """The text is not a number in the given language."""


class NotADate(ValueError):
    """The text is not a date in the given language."""


def foreign_digits(text: str) -> bool:
    """Whether ``text`` holds a decimal digit other than 0 to 9 (fullwidth ``１``, Arabic-Indic ``١``…)."""
    return not text.isascii() and any(char.isdecimal() and not char.isascii() for char in text)


def foreign_digits_hint(text: str, _: Callable[[str], str]) -> str | None:
    """What to do with ``text`` when it holds a digit other than 0 to 9, in the language of ``_`` (a gettext
    function), quoting it; else None. Every reader that names its cells says it in these words."""
    if not foreign_digits(text):
        return None
    return _("“{value}” is written with digits other than 0 to 9: type it with 0 to 9.").format(value=text)


def decimal_separator(language: str) -> str:
    return "," if language.startswith("fr") else "."


def parse_number(text: str, language: str) -> Decimal | None:
    """The number ``text`` stands for (None when blank); NotANumber when it stands for none or an
    infinite one. The module's docstring gives the rules."""
    body = _SPACE_RUN.sub(" ", text).strip(SPACES)
    if not body:
        return None
    if foreign_digits(body):
        raise NotANumber(text)
    body, sign = _strip_sign(_strip_units(body))
    multiplier = Decimal(1)
    if body[-1:] in _MULTIPLIERS:
        multiplier = _MULTIPLIERS[body[-1]]
        body = body[:-1].rstrip(SPACES)
    digits = _plain_digits(body, decimal_separator(language))
    if digits is None:
        raise NotANumber(text)
    try:
        value = Decimal(digits) * sign
        if multiplier != 1:  # 1.234k is 1234, not 1234.000
            value *= multiplier
            value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    except InvalidOperation:
        raise NotANumber(text) from None
    if not value.is_finite():
        raise NotANumber(text)
    return value


def _strip_units(body: str) -> str:
    """``12 %`` -> ``12``, ``1 500 €`` -> ``1 500``, ``€1,500`` -> ``1,500`` (each at most once)."""
    if body.endswith("%"):
        body = body[:-1].rstrip(SPACES)
    body = _CURRENCY.sub("", body, count=1).strip(SPACES)
    if body.endswith("%"):
        body = body[:-1].rstrip(SPACES)
    return body


def _strip_sign(body: str) -> tuple[str, int]:
    if body[:1] in ("-", "−"):
        return body[1:].lstrip(SPACES), -1
    if body[:1] == "+":
        return body[1:].lstrip(SPACES), 1
    return body, 1


_GROUPED = re.compile(r"^\d{1,3}(?:G\d{3})+$")


def _plain_digits(body: str, decimal: str) -> str | None:
    """``1 500,50`` -> ``1500.50`` with ``,`` as the decimal separator; None if it is not a number."""
    if "," in body and "." in body:  # both marks: the last one is the decimal separator
        decimal = "," if body.rfind(",") > body.rfind(".") else "."
    other = "." if decimal == "," else ","
    if not body or not re.fullmatch(rf"[\d{re.escape(decimal + other)} ]+", body):
        return None
    whole, _sep, fraction = body.partition(decimal)
    if decimal in fraction:
        return None
    if not _sep and whole.count(other) == 1:
        head, _o, tail = whole.partition(other)
        if len(tail) != 3 or not head:  # rule 3: cannot group thousands, so it marks the decimals
            whole, fraction, _sep = head, tail, decimal
    if fraction and not fraction.isdigit():
        return None
    fraction = fraction.rstrip("0")  # 1,500 in French is 1.5: its trailing zeros say nothing
    if _sep and not fraction and not whole:
        return None
    if other in whole or " " in whole:
        if not _GROUPED.fullmatch(re.sub(rf"[{re.escape(other)} ]", "G", whole)):
            return None
        whole = re.sub(rf"[{re.escape(other)} ]", "", whole)
    if whole and not whole.isdigit():
        return None
    return f"{whole or '0'}.{fraction}" if fraction else whole


# Dates --------------------------------------------------------------------------------------------

_DAY_FIRST = ("%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")
_MONTH_FIRST = ("%m/%d/%Y",)


def date_example(day: date, language: str) -> str:
    """``day`` written as people type it and :func:`parse_date` reads it in ``language`` (``05/01/2026`` /
    ``01/05/2026``): what a date field shows, and an input example; not how the pages show dates.

    Written by hand, not with ``strftime``, which drops the year's leading zeros (``01/01/1``) that
    ``strptime`` needs to read it back."""
    first, second = (day.day, day.month) if language.startswith("fr") else (day.month, day.day)
    return f"{first:02d}/{second:02d}/{day.year:04d}"


def parse_date(text: str, language: str) -> date | None:
    """``2027-03-15`` in every language; ``15/03/2027`` (day first) in French, ``03/15/2027`` (month first)
    in English. None when blank; NotADate otherwise."""
    text = text.strip(SPACES)
    if not text:
        return None
    if foreign_digits(text):
        raise NotADate(text)
    formats = ("%Y-%m-%d", *(_DAY_FIRST if language.startswith("fr") else _MONTH_FIRST))
    for fmt in formats:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise NotADate(text)
