"""Numbers, quantities and deadline rules as the user reads them, in the active language.

French: ``2,5 %``, ``1 234,50 €``; English: ``2.5%``, ``€1,234.50``. Dates use the locale formats (English's
day first, ``jalon.formats.en``), and
:func:`format_long_date` writes the first of a month the French way (``1er janvier 2027``).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable
from datetime import date

from django.conf import settings
from django.utils import dateformat
from django.utils.formats import date_format, get_format
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jalon.engines.calendar import InvalidRuleError, rule_kind
from jalon.engines.number_text import CURRENCY_SYMBOLS, NBSP, NNBSP, localise_digits, with_unit

__all__ = [
    "NBSP",
    "NNBSP",
    "describe_rule",
    "format_long_date",
    "format_number",
    "format_quantity",
    "format_share",
    "no_such_day_words",
]


def _is_french() -> bool:
    """The page's language; on the command line without Django's settings, the command's."""
    if not settings.configured:
        from jalon.i18n import cli_language

        return cli_language() == "fr"
    return (get_language() or "fr").startswith("fr")


def format_long_date(day: date, format_name: str = "DATE_FORMAT") -> str:
    """``date_format`` that writes the first of a month « 1er » in French: ``1er janvier 2027``, ``2 janvier
    2027``; English ``1 January 2027`` (``jalon.formats.en``)."""
    pattern = str(get_format(format_name))
    if day.day == 1 and _is_french() and pattern.startswith("j "):
        return "1er" + dateformat.format(day, pattern[1:])
    return date_format(day, pattern)


def no_such_day_words(text: str, written: tuple[int, int, int]) -> str:
    """Why ``text``, written as a date (``written``: its year, month and day), names no day of the calendar,
    with the length of its month when that is what is wrong: « 29/02/2027 » n'existe pas dans le
    calendrier : février 2027 compte 28 jours (``jalon.parsing.NoSuchDay``: forms and roadmap files)."""
    year, month, day = written
    if 1 <= year <= 9999 and 1 <= month <= 12 and day >= 1:
        days = calendar.monthrange(year, month)[1]
        return _("“{value}” is not a day of the calendar: {month} has {days} days.").format(
            value=text, month=date_format(date(year, month, 1), "YEAR_MONTH_FORMAT"), days=days
        )
    return _("“{value}” is not a day of the calendar.").format(value=text)


# The letters of Django's date formats that write a month by its name (``M`` Jan, ``F`` January…).
MONTH_NAME_LETTERS = "bEFMN"


def date_pattern_data(format_name: str = "SHORT_DATE_FORMAT") -> str:
    """The ``data-date-format`` and ``data-months`` attributes (with a leading space) that let a script
    write a date as ``date_format(day, format_name)`` does in the active language: the pattern, and the
    twelve month names in the pattern's month-name letter, ``|``-separated."""
    pattern = str(get_format(format_name))
    letter = next((c for c in pattern if c in MONTH_NAME_LETTERS), "M")
    months = "|".join(dateformat.format(date(2000, month, 1), letter) for month in range(1, 13))
    return format_html(' data-date-format="{}" data-months="{}"', pattern, months)


def labelled(label: object, value: object, *, translate: Callable[[str], str] | None = None) -> str:
    """``Owner: Léa`` / ``Responsable : Léa``: a label and its value, with French's no-break space before
    the colon. In the page's language; the command line passes its own ``translate`` (``jalon.i18n.gettext``,
    the command's language, which needs no Django settings)."""
    if translate is None and not settings.configured:
        from jalon.i18n import gettext

        translate = gettext
    # the message is written inside _() so that makemessages finds it (a call through a variable is not seen)
    pattern = _("{label}: {value}") if translate is None else translate("{label}: {value}")
    return pattern.format(label=label, value=value)


def format_number(value: float | int | None, *, decimals: int = 2, cents: bool = False) -> str:
    """``1 500,5`` / ``1,500.5``; with ``cents``, an amount with a fraction keeps 2 digits (``2 500,50``)."""
    if value is None:
        return "—"
    text = f"{value:,.{decimals}f}"
    if "." in text:
        whole, fraction = text.split(".")
        fraction = fraction.rstrip("0")
        if cents and fraction:
            fraction = fraction.ljust(2, "0")
        text = f"{whole}.{fraction}" if fraction else whole
    if text.startswith("-") and not text.strip("-0.,"):
        text = text[1:]  # -0.0, or a small negative value rounded away: 0, never "-0"
    return localise_digits(text, french=_is_french())


def format_quantity(value: float | int | None, unit: str, *, decimals: int = 2) -> str:
    """A value with its unit: ``2,5 %`` / ``2.5%``, ``1 234,50 €`` / ``€1,234.50`` (money keeps its cents),
    ``12 clients``."""
    if value is None:
        return "—"
    unit = unit.strip()
    money = CURRENCY_SYMBOLS.get(unit.upper(), CURRENCY_SYMBOLS.get(unit)) is not None
    number = format_number(value, decimals=decimals, cents=money)
    if unit.lower() in ("points", "pts", "pt"):
        # one point, many points: French takes the singular below 2 (« 0,5 pt », « 1,9 pt »), English at 1
        shown = abs(round(float(value), decimals))
        unit = "pt" if (shown < 2 if _is_french() else shown == 1) else "pts"
    return with_unit(number, unit, french=_is_french())


MINUS = "\u2212"  # the real minus sign: a hyphen breaks from its number and reads as a dash


def format_change(value: float | int | None, unit: str, *, decimals: int = 2) -> str:
    """A change (a trend, a gap) with its unit and a real minus sign when it falls: ``−0,1 pt``."""
    text = format_quantity(value, unit, decimals=decimals)
    return text.replace("-", MINUS, 1) if value is not None and value < 0 else text


def format_share(share: float | None) -> str:
    """A share (0 to 1) as a percentage with at most one decimal: ``17,5 %`` / ``17.5%``. The one rule for a
    share shown in several places (the maintenance share on the budget page, the executive view, the review
    and the reports), so that they all print the same figure."""
    return format_quantity(None if share is None else share * 100, "%", decimals=1)


def describe_rule(rule: str) -> str:
    """Where a deadline came from, in the user's words: ``fiscal_year_end`` -> "fin de l'exercice"."""
    if not rule:
        return ""
    try:
        kind, arg = rule_kind(rule)
    except InvalidRuleError:
        return rule
    texts = {
        "fiscal_year_end": lambda: _("end of the fiscal year"),
        "fiscal_quarter_end": lambda: _("end of fiscal Q{n}").format(n=arg),
        "fiscal_half_end": lambda: _("end of fiscal H{n}").format(n=arg),
        "calendar_year_end": lambda: (
            _("end of the year") if arg is None else _("end of {year}").format(year=arg)
        ),
        "calendar_quarter_end": lambda: _("end of Q{n} {year}").format(
            n=(arg or "")[-1:], year=(arg or "")[:4]
        ),
        "calendar_half_end": lambda: _("end of H{n} {year}").format(n=(arg or "")[-1:], year=(arg or "")[:4]),
        "month_end": lambda: _("end of {month}").format(month=arg),
        "in_days": lambda: _("in {n} days").format(n=arg),
        "in_weeks": lambda: _("in {n} weeks").format(n=arg),
        "in_months": lambda: _("in {n} months").format(n=arg),
        "in_years": lambda: _("in {n} years").format(n=arg),
    }
    return texts[kind]()
