"""Date expressions of the SMART coach (FR/EN): what may follow a deadline word, and the date it means.

Each expression is tried right after a deadline word (and its "end of"); ``resolve`` turns a match into
a rule of ``jalon.engines.calendar`` and its date. Explicit dates, named days and the middle of a month
have the rule ``"date"``: the deadline is that fixed date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from jalon.engines.calendar import FiscalCalendar, month_end, resolve_rule

__all__ = ["DATE_RULE", "EXPRESSIONS", "MONTHS", "NUMBER_WORDS", "resolve"]

DATE_RULE = "date"

MONTHS = {
    "janvier": 1, "janv": 1, "january": 1, "jan": 1,
    "fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
    "mars": 3, "march": 3, "mar": 3,
    "avril": 4, "avr": 4, "april": 4, "apr": 4,
    "mai": 5, "may": 5,
    "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "july": 7, "jul": 7,
    "aout": 8, "august": 8, "aug": 8,
    "septembre": 9, "sept": 9, "september": 9, "sep": 9,
    "octobre": 10, "october": 10, "oct": 10,
    "novembre": 11, "november": 11, "nov": 11,
    "decembre": 12, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH = "(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"

WEEKDAYS = {
    "monday": 0, "lundi": 0, "tuesday": 1, "mardi": 1, "wednesday": 2, "mercredi": 2,
    "thursday": 3, "jeudi": 3, "friday": 4, "vendredi": 4, "saturday": 5, "samedi": 5,
    "sunday": 6, "dimanche": 6,
}  # fmt: skip
_WEEKDAY = "(?:" + "|".join(WEEKDAYS) + ")"

NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "un": 1, "une": 1, "two": 2, "deux": 2, "three": 3, "trois": 3,
    "four": 4, "quatre": 4, "five": 5, "cinq": 5, "six": 6, "seven": 7, "sept": 7, "eight": 8,
    "huit": 8, "nine": 9, "neuf": 9, "ten": 10, "dix": 10, "eleven": 11, "onze": 11, "twelve": 12,
    "douze": 12, "fifteen": 15, "quinze": 15, "eighteen": 18, "dix huit": 18, "twenty": 20,
    "vingt": 20, "thirty": 30, "trente": 30, "sixty": 60, "soixante": 60, "ninety": 90,
    "quatre vingt dix": 90, "a hundred": 100, "one hundred": 100, "cent": 100,
}  # fmt: skip
_NUMBER = "(?:\\d{1,4}|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + ")"

ORDINALS = {
    "first": 1, "1st": 1, "premier": 1, "premiere": 1, "1er": 1, "1re": 1, "1ere": 1,
    "second": 2, "2nd": 2, "deuxieme": 2, "seconde": 2, "2e": 2, "2eme": 2,
    "third": 3, "3rd": 3, "troisieme": 3, "3e": 3, "3eme": 3,
    "fourth": 4, "4th": 4, "quatrieme": 4, "4e": 4, "4eme": 4, "last": 4, "dernier": 4,
}  # fmt: skip
_ORDINAL = "(?:" + "|".join(sorted(ORDINALS, key=len, reverse=True)) + ")"

_END_SUFFIX = r"(?:[\s-]+(?:end|close))?"
_YEAR = r"(?:19|20)\d\d"

_P = re.compile
EXPRESSIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", _P(rf"(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    (
        "numeric",
        _P(
            rf"(?:le\s+|the\s+|{_WEEKDAY}\s+)?(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})(?:[/.](?P<y>{_YEAR}|\d\d))?\b"
            r"(?![/.]\d)(?!\s*(?:%|of\b|de\b|des\b))"
        ),
    ),
    (
        "day_month",
        _P(
            rf"(?:le\s+|the\s+|{_WEEKDAY}\s+(?:the\s+|le\s+)?)?(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?(?:\s+of)?"
            rf"\s+(?P<mon>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    (
        "month_day",
        _P(
            rf"(?:{_WEEKDAY},?\s+)?(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
            rf"(?:,?\s+(?P<y>{_YEAR}))?(?![\d%])"
        ),
    ),
    (
        "month",
        _P(
            rf"(?P<mid>mid[\s-]+|mi[\s-]+)?(?:{_MONTH}\s*[-/]\s*|{_MONTH}\s+(?:to|a|et|and)\s+)?"
            rf"(?P<mon>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b(?!\s*\d)"
            r"(?!\s+(?:jours?|mois|semaines?|ans?|annees?|days?|weeks?|months?|years?)\b)"
        ),
    ),
    (
        "quarter",
        _P(
            rf"(?P<fiscal>fiscal\s+|fy\s*)?(?:(?P<y0>{_YEAR})\s+)?(?:(?:q|t)[1-4]\s*[-/]\s*)?(?:q|t)(?P<n>[1-4])\b(?:/(?P<ys>\d\d)\b)?"
            rf"{_END_SUFFIX}(?:\s+(?:of\s+|de\s+)?(?:(?P<fy>fy\s*|fiscal\s+)(?P<y2>{_YEAR}|\d\d)\b|(?P<y>{_YEAR})\b))?"
        ),
    ),
    (
        "quarter",
        _P(
            rf"(?P<fiscal>fiscal\s+)?(?P<ord>{_ORDINAL})\s+(?:fiscal\s+)?(?:quarter|trimestre)(?:\s+fiscal)?"
            rf"(?:\s+(?:fiscal\s+)?(?:of\s+|de\s+|d\s+)?(?P<fy>fy\s*|l\s+exercice\s+)?(?P<y>{_YEAR}))?\b"
        ),
    ),
    (
        "half",
        _P(
            rf"(?P<fiscal>fiscal\s+|fy\s*)?(?:h|s)(?P<n>[12])\b{_END_SUFFIX}"
            rf"(?:\s+(?:of\s+|de\s+)?(?P<fy>fy\s*|fiscal\s+)?(?P<y>{_YEAR}))?"
        ),
    ),
    (
        "half",
        _P(
            rf"(?P<fiscal>fiscal\s+)?(?P<ord>{_ORDINAL})\s+(?:fiscal\s+)?(?:half|semestre)"
            rf"(?:\s+(?:of\s+|de\s+|d\s+)?(?P<fy>fy\s*|l\s+exercice\s+)?(?P<y>{_YEAR}))?\b"
        ),
    ),
    (
        "fiscal_year",
        _P(
            rf"(?:(?:the\s+)?(?:{_YEAR})\s*[/-]\s*(?P<y4>\d\d|{_YEAR})\s+)?(?:current\s+|this\s+|(?P<next>next\s+))?"
            r"(?:fiscal|financial)\s+year"
            r"(?:[\s-]+(?:end|close))?(?:\s+(?P<y>(?:19|20)\d\d))?\b"
            r"|fy\s*(?P<y2>(?:19|20)\d\d|\d\d)?(?:[\s-]+(?:end|close))?\b(?!\s*[/-]\s*\d)"
            r"|(?:(?:this|current|the)\s+)?(?:academic|school)\s+year\b|annee\s+(?:universitaire|scolaire)\b"
            rf"|(?P<nextfr>prochain\s+)?(?:exercice|exo|annee\s+fiscale|annee\s+budgetaire|exercice\s+fiscal|exercice\s+comptable)"
            rf"(?:\s+(?:fiscal|comptable|budgetaire|en\s+cours))?(?:\s+(?:{_YEAR}\s*[/-]\s*)?(?P<y3>{_YEAR}))?\b"
            r"(?P<nextfr2>\s+(?:prochain|suivant))?"
        ),
    ),
    (
        "next_year",
        _P(
            r"(?:next\s+year|(?:the\s+)?following\s+year|(?:l\s+)?annee\s+(?:prochaine|suivante)|l\s+an\s+prochain)\b"
        ),
    ),
    (
        "year",
        _P(
            rf"(?:(?:this|the|current|calendar)\s+)*year(?:[\s-]+(?:end|close))?(?:\s+(?P<y>{_YEAR}))?\b"
            r"|eoy\b|year[\s-]+end\b|(?:l\s+)?annee\s+(?P<yf>(?:19|20)\d\d)\b"
            r"|(?:l\s+)?annee(?:\s+civile|\s+en\s+cours)?\b(?!\s+(?:19|20)\d\d)(?!\s+(?:prochaine|suivante))"
            r"|(?:cette\s+)?annee\b(?!\s+(?:prochaine|suivante))"
        ),
    ),
    (
        "this_quarter",
        _P(
            r"(?:(?:this|the|current)\s+)?quarter\b(?!s)|eoq\b|(?:ce\s+)?trimestre(?:\s+en\s+cours)?\b"
            r"(?!\s+(?:prochain|suivant))(?!s)"
        ),
    ),
    (
        "next_quarter",
        _P(
            r"(?:the\s+)?(?:next|following)\s+quarter\b|(?:le\s+|au\s+)?(?:prochain\s+trimestre|"
            r"trimestre\s+(?:prochain|suivant))\b"
        ),
    ),
    (
        "this_month",
        _P(
            r"(?:(?:this|the|current)\s+)?month\b(?!s)|eom\b|(?:ce\s+)?mois(?:\s+en\s+cours)?\b"
            r"(?!\s+(?:prochain|suivant))"
        ),
    ),
    (
        "next_month",
        _P(r"(?:the\s+)?(?:next|following)\s+month\b|(?:le\s+)?(?:mois\s+(?:prochain|suivant))\b"),
    ),
    (
        "duration",
        _P(
            r"(?:(?:a|an|une|un)\s+(?:period|periode|duree|delai)\s+(?:of|de|d)\s+)?"
            rf"(?:(?:the|next|coming|prochains|prochaines|les|des|upcoming)\s+)*(?P<n>{_NUMBER})\s+"
            r"(?:(?:next|prochains|prochaines|more|de\s+plus)\s+)?"
            r"(?P<u>days?|jours?|business\s+days|weeks?|semaines?|months?|mois|quarters?|trimestres?|"
            r"years?|ans?|annees?|fortnights?)\b(?:\s+(?:prochains|prochaines|a\s+venir|to\s+come))?"
            r"(?!\s+(?:glissants?|rolling|consecutive|consecutifs|d\s+anciennete|old|ago))"
        ),
    ),
    (
        "duration",
        _P(
            rf"(?:a|an|the|one)\s+(?P<n>{_NUMBER})[\s-]+(?P<u>days?|weeks?|months?|quarters?|years?)[\s-]+"
            r"(?:time\s*frame|timeframe|period|window|horizon)\b"
        ),
    ),
    ("duration", _P(r"(?:the\s+)?(?:next|coming)\s+(?P<half>half)[\s-]+year\b")),
    ("fortnight", _P(r"(?:a|one|the\s+next)\s+fortnight\b|(?:une\s+)?quinzaine(?:\s+de\s+jours)?\b")),
    ("year_number", _P(rf"(?P<y>{_YEAR})\b(?![-/.]\d)")),
    (
        "weekday",
        _P(
            r"(?:(?:next|this|coming|ce|le)\s+)?(?P<w>" + "|".join(WEEKDAYS) + r")\b(?:\s+(?:prochain|next))?"
        ),
    ),
    (
        "holiday",
        _P(
            r"(?:(?:le\s+|la\s+)?(?:jour|veille|journee)\s+(?:du|de\s+la|de)\s+)?"
            r"(?P<h>christmas[\s-]+eve|christmas(?:[\s-]+day)?|xmas|reveillon(?:[\s-]+de[\s-]+noel)?|noel|"
            r"new[\s-]+year[\s-]*s?[\s-]+day|new[\s-]+year[\s-]*s?[\s-]+eve|"
            r"nouvel[\s-]+an|jour[\s-]+de[\s-]+l[\s-]+an|la[\s-]+saint[\s-]+sylvestre|saint[\s-]+sylvestre|"
            r"valentine[\s-]*s?[\s-]+day|la[\s-]+saint[\s-]+valentin|saint[\s-]+valentin|st[\s-]+valentin|halloween|"
            r"black[\s-]+friday|cyber[\s-]+monday|la[\s-]+fete[\s-]+nationale|independence[\s-]+day|thanksgiving|"
            r"boxing[\s-]+day|la[\s-]+toussaint|toussaint|la[\s-]+fete[\s-]+du[\s-]+travail|fete[\s-]+du[\s-]+travail|"
            r"labor[\s-]+day|st[\s-]+patrick[\s-]*s?[\s-]+day|la[\s-]+fete[\s-]+de[\s-]+la[\s-]+musique|"
            r"fete[\s-]+de[\s-]+la[\s-]+musique)\b"
        ),
    ),
)

_DURATION_UNITS = {
    "day": ("in_days", 1), "jour": ("in_days", 1), "business day": ("in_days", 1),
    "week": ("in_weeks", 1), "semaine": ("in_weeks", 1), "fortnight": ("in_weeks", 2),
    "month": ("in_months", 1), "mois": ("in_months", 1),
    "quarter": ("in_months", 3), "trimestre": ("in_months", 3),
    "year": ("in_years", 1), "an": ("in_years", 1), "annee": ("in_years", 1),
}  # fmt: skip


def _next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


_SPACES_OR_DASHES = re.compile(r"[\s-]+")
_ARTICLE = re.compile(r"^(?:la|le) ")
_SPACES = re.compile(r"\s+")


def _holiday(name: str, year: int) -> date:
    key = _SPACES_OR_DASHES.sub(" ", name)
    key = _ARTICLE.sub("", key)
    if key.startswith(("christmas eve", "reveillon")):
        return date(year, 12, 24)
    if key.startswith(("christmas", "xmas", "noel")):
        return date(year, 12, 25)
    if key.startswith(("new year s eve", "new years eve", "saint sylvestre")):
        return date(year, 12, 31)
    if key.startswith(("new year", "nouvel an", "jour de l an")):
        return date(year, 1, 1)
    if "valentin" in key:
        return date(year, 2, 14)
    if key == "halloween":
        return date(year, 10, 31)
    if key == "black friday":
        return _nth_weekday(year, 11, 3, 4) + timedelta(days=1)
    if key == "cyber monday":
        return _nth_weekday(year, 11, 3, 4) + timedelta(days=4)
    if key == "thanksgiving":
        return _nth_weekday(year, 11, 3, 4)
    if key == "fete nationale":
        return date(year, 7, 14)
    if key == "independence day":
        return date(year, 7, 4)
    if key == "boxing day":
        return date(year, 12, 26)
    if key == "toussaint":
        return date(year, 11, 1)
    if key.startswith("fete du travail"):
        return date(year, 5, 1)
    if key == "labor day":
        return _nth_weekday(year, 9, 0, 1)
    if key.startswith("st patrick"):
        return date(year, 3, 17)
    return date(year, 6, 21)  # fête de la musique


def _year(value: str) -> int:
    return int(value) if len(value) == 4 else 2000 + int(value)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def impossible_day(norm: str) -> tuple[int, int, int] | None:
    """The first day, month and year written in the normalised text that is on no calendar (29 February of a
    year that is not a leap year, 31 April, 2027-02-30), as (year, month, day); None when there is none."""
    for kind, pattern in EXPRESSIONS:
        if kind not in ("iso", "numeric", "day_month", "month_day"):
            continue
        for m in pattern.finditer(norm):
            g = m.groupdict()
            if not g.get("y"):
                continue
            year = _year(g["y"])
            if kind == "iso":
                readings = [(int(g["m"]), int(g["d"]))]
            elif kind == "numeric":
                first, second = int(g["a"]), int(g["b"])
                readings = [
                    (b, a) for a, b in ((first, second), (second, first)) if 1 <= b <= 12 and 1 <= a <= 31
                ]
            else:
                readings = [(MONTHS[g["mon"].rstrip(".")], int(g["d"]))]
            readings = [(month, day) for month, day in readings if 1 <= month <= 12 and 1 <= day <= 31]
            if readings and not any(_safe_date(year, month, day) for month, day in readings):
                return year, readings[0][0], readings[0][1]
    return None


def _next_occurrence(today: date, month: int, day: int) -> date | None:
    for year in (today.year, today.year + 1):
        found = _safe_date(year, month, day)
        if found and found >= today:
            return found
    return None


def fiscal_year_end(label: int, start_month: int) -> date:
    """End of the fiscal year named after the calendar year in which it ends (FY2027)."""
    return month_end(label, start_month - 1) if start_month > 1 else date(label, 12, 31)


def _period(
    kind: str, index: int, year: str | None, fiscal: bool, today: date, start_month: int
) -> tuple[str, date]:
    months = 3 if kind == "quarter" else 6
    letter = "Q" if kind == "quarter" else "H"
    if year is None:
        rule = f"fiscal_{kind}_end:{index}"
        return rule, resolve_rule(rule, reference=today, fiscal_year_start_month=start_month)
    if not fiscal:
        rule = f"calendar_{kind}_end:{_year(year)}-{letter}{index}"
        return rule, resolve_rule(rule, reference=today)
    end = fiscal_year_end(_year(year), start_month)
    day = FiscalCalendar(start_month).period(end, months=months, index=index).end
    rule = f"fiscal_{kind}_end:{index}"
    if resolve_rule(rule, reference=today, fiscal_year_start_month=start_month) == day:
        return rule, day
    return DATE_RULE, day


def resolve(
    kind: str, m: re.Match[str], today: date, start_month: int, past_years: bool = False
) -> tuple[str, date] | None:
    """The rule and date an expression means; a bare year before this one only when ``past_years``
    (after "by", "d'ici", "before": a deadline already past; after "in", a year past qualifies)."""
    g = m.groupdict()
    if kind == "iso":
        day = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (DATE_RULE, day) if day else None
    if kind == "numeric":
        first, second = int(g["a"]), int(g["b"])
        if g["y"] is None:
            found = _next_occurrence(today, second, first) if 1 <= second <= 12 else None
            found = found or (_next_occurrence(today, first, second) if 1 <= first <= 12 else None)
            return (DATE_RULE, found) if found else None
        year = _year(g["y"])
        day = _safe_date(year, second, first) or _safe_date(year, first, second)
        return (DATE_RULE, day) if day else None
    if kind in ("day_month", "month_day"):
        month, number = MONTHS[g["mon"].rstrip(".")], int(g["d"])
        found = _safe_date(int(g["y"]), month, number) if g["y"] else _next_occurrence(today, month, number)
        return (DATE_RULE, found) if found else None
    if kind == "month":
        month = MONTHS[g["mon"].rstrip(".")]
        year = int(g["y"]) if g["y"] else today.year
        if g["mid"]:
            if not g["y"] and date(year, month, 15) < today:
                year += 1
            return DATE_RULE, date(year, month, 15)
        if not g["y"] and month_end(year, month) < today:
            year += 1
        rule = f"month_end:{year:04d}-{month:02d}"
        return rule, resolve_rule(rule, reference=today)
    if kind in ("quarter", "half"):
        index = int(g["n"]) if g.get("n") else ORDINALS[g["ord"]]
        if kind == "half" and index > 2:
            return None
        named: str | None = g["y"] or g.get("y2") or g.get("y0") or g.get("ys")
        fiscal = bool(g.get("fiscal") or g.get("fy"))
        return _period(kind, index, named, fiscal, today, start_month)
    if kind == "fiscal_year":
        label = g["y"] or g["y2"] or g["y3"] or g["y4"]
        end = FiscalCalendar(start_month).year_containing(today).end
        if g.get("next") or g.get("nextfr") or g.get("nextfr2"):
            return DATE_RULE, fiscal_year_end(end.year + 1, start_month)
        if label is None or fiscal_year_end(_year(label), start_month) == end:
            return "fiscal_year_end", end
        named_end = fiscal_year_end(_year(label), start_month)
        if named_end < today and not past_years:
            return None  # "(vs £2.4M in FY26)": a fiscal year over qualifies a figure, as "in 2025" does
        return DATE_RULE, named_end
    if kind == "next_year":
        return f"calendar_year_end:{today.year + 1}", date(today.year + 1, 12, 31)
    if kind == "year":
        named = g.get("y") or g.get("yf")
        if named:
            return f"calendar_year_end:{named}", date(int(named), 12, 31)
        return "calendar_year_end", date(today.year, 12, 31)
    if kind in ("this_quarter", "next_quarter"):
        index = FiscalCalendar(start_month).quarter_of(today)
        if kind == "next_quarter":
            index = index % 4 + 1
        rule = f"fiscal_quarter_end:{index}"
        return rule, resolve_rule(rule, reference=today, fiscal_year_start_month=start_month)
    if kind in ("this_month", "next_month"):
        shift = 1 if kind == "next_month" else 0
        index = today.year * 12 + today.month - 1 + shift
        rule = f"month_end:{index // 12:04d}-{index % 12 + 1:02d}"
        return rule, resolve_rule(rule, reference=today)
    if kind in ("duration", "fortnight"):
        if kind == "fortnight":
            amount, unit = 1, "fortnight"
        elif g.get("half"):
            amount, unit = 6, "month"  # "the next half year"
        else:
            raw = _SPACES.sub(" ", g["n"])
            amount = int(raw) if raw.isdigit() else NUMBER_WORDS[raw]
            unit = _SPACES.sub(" ", g["u"])
            unit = unit[:-1] if unit.endswith("s") and unit not in ("mois",) else unit
        name, factor = _DURATION_UNITS[unit]
        if amount <= 0:
            return None
        rule = f"{name}:{amount * factor}"
        return rule, resolve_rule(rule, reference=today)
    if kind == "year_number":
        year = int(g["y"])
        if year > today.year + 30 or year < (today.year - 10 if past_years else today.year):
            return None
        return f"calendar_year_end:{year}", date(year, 12, 31)
    if kind == "weekday":
        return DATE_RULE, _next_weekday(today, WEEKDAYS[g["w"]])
    if kind == "holiday":
        found = _holiday(g["h"], today.year)
        if found < today:
            found = _holiday(g["h"], today.year + 1)
        return DATE_RULE, found
    return None
