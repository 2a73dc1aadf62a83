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
CURRENCY = re.compile(r"^(?:€|\$|£|EUR|USD|GBP|CHF)|(?:€|\$|£|EUR|USD|GBP|CHF)$", re.IGNORECASE)
_MULTIPLIERS = {"k": Decimal(1000), "K": Decimal(1000), "M": Decimal(1_000_000)}
_SPACE_RUN = re.compile(f"[{SPACES}]+")


class NotANumber(ValueError):
    """The text is not a number in the given language."""


class NotADate(ValueError):
    """The text is not a date in the given language."""


class NoSuchDay(NotADate):
    """The text is written as a date (``29/02/2027``, ``2027-02-29``, ``31 avril 2026``) but the calendar has
    no such day: saying how to write a date is no help, the day is what is wrong (``written``: its year,
    month and day as typed)."""

    def __init__(self, text: str, written: tuple[int, int, int]) -> None:
        super().__init__(text)
        self.text, self.written = text, written


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
    body = CURRENCY.sub("", body, count=1).strip(SPACES)
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
# A date as the pages write it (``5 Jun 2026``, ``5 June 2026``, ``5 juin 2026``): the day, the month's name
# or its abbreviation (English or French, a dot after it allowed) and the year.
_WRITTEN = re.compile(r"(\d{1,2})\s+([^\W\d_]+)\.?,?\s+(\d{4})")
# The shapes ``parse_date`` reads with digits only: ISO, then day first (as ``_DAY_FIRST``).
_ISO_SHAPE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_DAY_FIRST_SHAPE = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")


def date_example(day: date) -> str:
    """``day`` written as people type it and :func:`parse_date` reads it (``05/01/2026``, the 5th of
    January, in French and in English alike: day first, as the pages write dates): what a date field
    shows, and an input example; not how the pages show dates.

    Written by hand, not with ``strftime``, which drops the year's leading zeros (``01/01/1``) that
    ``strptime`` needs to read it back."""
    return f"{day.day:02d}/{day.month:02d}/{day.year:04d}"


def _month(name: str) -> int | None:
    """The month a name or abbreviation (English or French) says. Imported here, not at the top: this module
    serves the command line's option parsing, which must not import Django (``jalon.names`` does)."""
    from jalon.documents.tables import month_number

    return month_number(name)


def parse_date(text: str) -> date | None:
    """``2027-03-15`` (ISO), ``15/03/2027`` (day first, as the pages write dates, English ones included:
    *15 Mar 2027*) and ``15 Mar 2027`` / ``15 mars 2027`` as the pages write them. None when blank;
    ``NoSuchDay`` when written so but the calendar has no such day (``29/02/2027``: 2027 is no leap year);
    NotADate otherwise. The same in every language: no page reads a date month first."""
    text = text.strip(SPACES)
    if not text:
        return None
    if foreign_digits(text):
        raise NotADate(text)
    for fmt in ("%Y-%m-%d", *_DAY_FIRST):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    if iso := _ISO_SHAPE.fullmatch(text):
        return _day_or_refusal(text, int(iso[1]), int(iso[2]), int(iso[3]))
    if day_first := _DAY_FIRST_SHAPE.fullmatch(text):
        return _day_or_refusal(text, int(day_first[4]), int(day_first[3]), int(day_first[1]))
    written = _WRITTEN.fullmatch(text)
    month = _month(written[2]) if written else None
    if written and month:
        return _day_or_refusal(text, int(written[3]), month, int(written[1]))
    raise NotADate(text)


def no_such_day(text: str, *, iso: bool = False) -> NoSuchDay | None:
    """The refusal of ``text`` when it is written as a date (``iso``: as YYYY-MM-DD only) but the calendar
    has no such day (``2027-02-29``), else None (a date, or no date at all): for the readers whose own format
    refused it first."""
    if iso and not _ISO_SHAPE.fullmatch(text.strip(SPACES)):
        return None
    try:
        parse_date(text)
    except NoSuchDay as refused:
        return refused
    except NotADate:
        pass
    return None


def _day_or_refusal(text: str, year: int, month: int, day: int) -> date:
    """The day ``text`` writes, or ``NoSuchDay`` when the calendar has none (29 February 2027, 31 April)."""
    try:
        return date(year, month, day)
    except ValueError:
        if not 1 <= year <= 9999:  # a year 0 is no date at all
            raise NotADate(text) from None
        raise NoSuchDay(text, (year, month, day)) from None
