"""Reading one CSV cell: dates, amounts, scores, statuses, names with a note; each refusal is a
``BadCell`` with a translated message that quotes at most a short excerpt of the cell. Every reader takes
time proportional to the cell's length."""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from django.utils import translation
from django.utils.translation import gettext as _

from jalon import bounds
from jalon.documents.backlog_export import STATUS_LABELS
from jalon.documents.tables import excerpt, month_number, normalise, possible_time
from jalon.parsing import CURRENCY, foreign_digits_hint
from jalon.planning.models import Status

MAX_NUMBER_CHARS = 40  # a cell longer than this is no amount anyone typed

# Digits grouped by three with one separator: 1,234,567 or 1.234.567 (two groups or more: no decimal
# separator repeats), and 1,234 or 1.234 (one group: thousands only in an amount of money, see parse_money).
_GROUPED = re.compile(r"[1-9]\d{0,2}([,.])\d{3}(?:\1\d{3})+")
_ONE_GROUP = re.compile(r"[1-9]\d{0,2}[,.]\d{3}")
# An empty cell once bare: blank, a unit alone (« € »), or the dash an accounting format shows for 0.
_NO_NUMBER = frozenset({"", "-", "\u2013"})

# Words in a list, section or status name that say where the work stands (normalised).
STATUS_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    (Status.DROPPED, ("dropped", "abandonne", "abandonnee", "cancelled", "canceled", "won't do", "won t do",
                      "wont do", "annule", "annulee", "rejected", "rejete")),
    (Status.DONE, ("done", "termine", "terminee", "fait", "complete", "completed", "closed", "resolved",
                   "livre", "fini", "ferme", "shipped")),
    (Status.IN_PROGRESS, ("in progress", "doing", "en cours", "in review", "review", "en revue", "wip",
                          "ongoing")),
    (Status.PLANNED, ("to do", "todo", "a faire", "planned", "planifie", "planifiee", "next", "up next",
                      "ready", "selected for development", "a venir", "prevu", "prevue", "open", "sprint",
                      "not started")),
)  # fmt: skip


class BadCell(Exception):
    """A cell that cannot be read; the message is translated."""


def parse_date(text: str) -> date | None:
    """ISO (``2026-09-01``), ``01/09/2026`` (day first) or Jira's ``1/Sep/26``, each alone or followed by a
    time of day that exists (``T17:00:00.000Z``, `` 9:15 AM``); from 1900 to 2200."""
    text = text.strip()
    if not text:
        return None
    if hint := foreign_digits_hint(excerpt(text), _):  # 0 to 9 only, as every reader (jalon.parsing)
        raise BadCell(hint)
    try:
        day = _read_date(text)
    except ValueError:  # written as a date, but no such day (31/02/2027): saying the format is no help
        raise BadCell(_("{value} is not a day of the calendar.").format(value=excerpt(text))) from None
    if day is None:
        raise BadCell(
            _("{value} is not a date (expected YYYY-MM-DD or DD/MM/YYYY).").format(value=excerpt(text))
        )
    if not bounds.date_in_range(day):
        raise BadCell(str(bounds.OUT_OF_RANGE))
    return day


def _read_date(text: str) -> date | None:
    """The date written, None when the text is no date; ``ValueError`` when it is written as one but that
    day does not exist."""
    iso = re.match(r"^(\d{4})-(\d{2})-(\d{2})(.*)$", text)
    slashed = re.match(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})(?!\d)(.*)$", text)  # 15/03/27: 2027
    named = re.match(r"^(\d{1,2})[/ -]([^\W\d_]+)\.?[/ -](\d{4}|\d{2})(?!\d)(.*)$", text)
    if not possible_time(next((found[4] for found in (iso, slashed, named) if found), "")):
        return None
    if iso:
        return date(int(iso[1]), int(iso[2]), int(iso[3]))  # ValueError: no such day
    if slashed:
        return date(_century(slashed[3]), int(slashed[2]), int(slashed[1]))
    if named and (month := month_number(named[2])):
        return date(_century(named[3]), month, int(named[1]))
    return None


def _century(year: str) -> int:
    return int(year) + (2000 if len(year) == 2 else 0)


def parse_number(text: str) -> float | None:
    """``1234.5``, ``1 234,50``, ``1,234.50 €``: the last of ``,`` and ``.`` is the decimal separator."""
    number = read_number(text)
    if number is None:
        return None
    if not bounds.number_in_range(number):  # every number of a CSV row is one that cannot be negative
        raise BadCell(str(bounds.NON_NEGATIVE_OUT_OF_RANGE))
    if number < 0:
        raise BadCell(_("{value} cannot be negative.").format(value=excerpt(text.strip())))
    return number


def parse_money(text: str) -> float | None:
    """An amount as ``parse_number`` reads it, within what an amount of money may be: one too large, or
    negative, is refused in the one message that gives the whole range (from 0 to 999,999,999,999.99).
    An amount has cents at most, so ``1,234`` or ``1.234`` groups thousands: 1234 (it was read as 1.234
    and kept as 1.23)."""
    if _ONE_GROUP.fullmatch(_bare(text)):
        text = re.sub(r"[,.]", "", text)
    number = read_number(text)
    if number is not None and not 0 <= number <= bounds.MONEY_HIGHEST:  # NaN and infinities fail it too
        raise BadCell(str(bounds.MONEY_OUT_OF_RANGE))
    return number


def _bare(text: str) -> str:
    """The number's characters: no spaces, no unit or currency around it (« 1 234,50 EUR », « USD 1,200 »,
    « 12 % »), the typographic minus « −12 » as « -12 », as the KPI reader takes them (jalon.parsing)."""
    return CURRENCY.sub("", re.sub(r"[\s\u00a0\u202f€$£%]", "", text)).replace("\u2212", "-")


def read_number(text: str) -> float | None:
    """The number a cell holds, whatever its sign and size (``parse_number`` and ``parse_money`` bound it)."""
    cleaned = _bare(text)
    if cleaned in _NO_NUMBER:
        return None
    if hint := foreign_digits_hint(excerpt(text.strip()), _):  # float() reads ١٢ as 12: 0 to 9 only
        raise BadCell(hint)
    if "_" in cleaned:  # float() and Decimal() read 1_000 as 1000: no one writes an amount so
        raise BadCell(_("{value} is not a number.").format(value=excerpt(text.strip())))
    if _GROUPED.fullmatch(cleaned):  # 1,234,567 was refused as not a number
        cleaned = re.sub(r"[,.]", "", cleaned)
    elif "," in cleaned and "." in cleaned:
        decimal_sep = "," if cleaned.rfind(",") > cleaned.rfind(".") else "."
        thousands = "." if decimal_sep == "," else ","
        cleaned = cleaned.replace(thousands, "").replace(decimal_sep, ".")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        written = Decimal(cleaned) if len(cleaned) <= MAX_NUMBER_CHARS else Decimal("NaN")
    except InvalidOperation:
        raise BadCell(_("{value} is not a number.").format(value=excerpt(text.strip()))) from None
    # sNaN, a word Decimal reads, is no number float() takes (it raised ValueError): NaN as any other
    return math.nan if written.is_nan() else float(written)


def parse_score(text: str, *, low: int, high: int) -> int | None:
    number = parse_number(text)
    if number is None:
        return None
    if not number.is_integer() or not low <= number <= high:
        raise BadCell(
            _("{value} must be a whole number from {low} to {high}.").format(
                value=excerpt(text.strip()), low=low, high=high
            )
        )
    return int(number)


def status_from_name(name: str) -> str:
    """Where a Trello list, Asana section or Jira status says the work stands (an idea when unsure)."""
    words = normalise(name)
    padded = f" {re.sub(r'[^a-z0-9/ ]+', ' ', words)} "
    for status, names in STATUS_WORDS:
        if words in names or any(f" {candidate} " in padded for candidate in names):
            return status
    return Status.IDEA


def jalon_status(text: str) -> str:
    wanted = normalise(text)
    if not wanted:
        return Status.IDEA
    for status, label in STATUS_LABELS.items():
        names = {normalise(status)}
        for language in ("en", "fr"):
            with translation.override(language):
                names.add(normalise(str(label)))
        if wanted in names:
            return status
    said = status_from_name(text)  # a spreadsheet's own words: « À faire », « Fait », « Annulé »
    if said != Status.IDEA:
        return said
    choices = ", ".join(str(label) for label in STATUS_LABELS.values())
    raise BadCell(
        _("Unknown status {value} (expected one of: {choices}).").format(value=excerpt(text), choices=choices)
    )


def without_note(name: str) -> str:
    """``Sophie Martin (agence)`` -> ``Sophie Martin``: a trailing parenthesis and the blanks around it
    dropped, in one pass (the regex ``\\s*\\([^)]*\\)\\s*$`` took quadratic time on long runs of blanks)."""
    stripped = name.rstrip()
    if not stripped.endswith(")"):
        return name
    opening = stripped.find("(", stripped.rfind(")", 0, len(stripped) - 1) + 1)
    return name if opening < 0 else stripped[:opening].rstrip()


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[,;|]", text) if part.strip()]
