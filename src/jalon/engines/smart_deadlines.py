"""Deadline phrases (FR/EN) -> a rule of ``jalon.engines.calendar`` and the date it resolves to.

A phrase only counts as a deadline when a deadline word introduces it ("by", "within", "d'ici",
"avant", "dans", "en", "fin" at the start of a clause…). That is how "de fin d'année" inside a
reason, "par trimestre" as a cadence or "our 2027 revenue target" stay out of the deadline.

Rules are those of the calendar module. Explicit dates and named days ("31 janvier 2027",
"by Friday", "avant Noël") have the rule ``"date"``: the deadline is that fixed date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from jalon.engines.calendar import FiscalCalendar, month_end, resolve_rule

__all__ = ["DeadlineMatch", "find_deadline"]

DATE_RULE = "date"

_MONTHS = {
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
_MONTH = "(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"

_WEEKDAYS = {
    "monday": 0, "lundi": 0, "tuesday": 1, "mardi": 1, "wednesday": 2, "mercredi": 2,
    "thursday": 3, "jeudi": 3, "friday": 4, "vendredi": 4, "saturday": 5, "samedi": 5,
    "sunday": 6, "dimanche": 6,
}  # fmt: skip

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "un": 1, "une": 1, "two": 2, "deux": 2, "three": 3, "trois": 3,
    "four": 4, "quatre": 4, "five": 5, "cinq": 5, "six": 6, "seven": 7, "sept": 7, "eight": 8,
    "huit": 8, "nine": 9, "neuf": 9, "ten": 10, "dix": 10, "eleven": 11, "onze": 11, "twelve": 12,
    "douze": 12, "fifteen": 15, "quinze": 15, "eighteen": 18, "dix huit": 18, "twenty": 20,
    "vingt": 20, "thirty": 30, "trente": 30, "sixty": 60, "soixante": 60, "ninety": 90,
    "quatre vingt dix": 90,
}  # fmt: skip
_NUMBER = "(?:\\d{1,4}|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + ")"

_ORDINALS = {
    "first": 1, "1st": 1, "premier": 1, "premiere": 1, "1er": 1, "1re": 1, "1ere": 1,
    "second": 2, "2nd": 2, "deuxieme": 2, "seconde": 2, "2e": 2, "2eme": 2,
    "third": 3, "3rd": 3, "troisieme": 3, "3e": 3, "3eme": 3,
    "fourth": 4, "4th": 4, "quatrieme": 4, "4e": 4, "4eme": 4, "last": 4, "dernier": 4,
}  # fmt: skip
_ORDINAL = "(?:" + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + ")"

# Deadline words. "fin"/"end of" alone only introduce a deadline at the start of a clause.
_TRIGGER_WORDS = (
    "no later than", "not later than", "at the latest by", "by", "before", "until", "till", "within",
    "in", "over", "during", "through", "throughout", "ahead of", "prior to", "for", "at", "d ici a", "d ici",
    "avant", "au plus tard", "jusqu a", "jusqu au", "jusqu en", "dans", "sous", "en", "pour", "a", "au",
    "sur", "au cours des", "au cours du", "au cours de", "durant", "pendant",
)  # fmt: skip
_TRIGGER = re.compile(
    r"(?:^|(?<=[\s,;:(]))(?P<t>"
    + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(_TRIGGER_WORDS, key=len, reverse=True))
    + r")(?=\s)"
    r"|(?:^|(?<=[,;:(]))\s*(?P<s>(?=fin\b|end\b|eoy\b|eoq\b|q[1-4]\b|t[1-4]\b|h[12]\b|s[12]\b))"
    r"|(?:^|(?<=\s))(?P<this>(?=(?:this|ce|cette)\s+(?:quarter|year|month|trimestre|mois|annee)\b(?!\s+s\b)))"
)
_COMPARISON_BEFORE = re.compile(r"(?:\bqu|\bque|\bthan|\bcompared to|\bvs|\bversus)\s*$")

_LEAD = r"(?:(?:the|la|le|l|les|this|cette|ce)\s+)?"
_END_OF = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:end|close)\s+of\s+(?:the\s+)?|"
    r"(?:la\s+)?(?:fin|cloture)\s+(?:de\s+la\s+|de\s+l\s+|du\s+|de\s+|d\s+|des\s+)?(?:l\s+)?)?"
)
_END_SUFFIX = r"(?:[\s-]+(?:end|close))?"
_YEAR = r"(?:19|20)\d\d"

_P = re.compile  # expressions, tried in order right after a deadline word and its "end of"
_EXPRESSIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", _P(rf"(?P<y>{_YEAR})-(?P<m>\d\d)-(?P<d>\d\d)\b")),
    ("numeric", _P(rf"(?:le\s+|the\s+)?(?P<a>\d{{1,2}})[/.](?P<b>\d{{1,2}})[/.](?P<y>{_YEAR}|\d\d)\b")),
    (
        "day_month",
        _P(
            rf"(?:le\s+|the\s+)?(?P<d>\d{{1,2}})(?:er|st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>{_MONTH})"
            rf"(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    (
        "month_day",
        _P(rf"(?P<mon>{_MONTH})\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>{_YEAR}))?(?![\d%])"),
    ),
    (
        "month",
        _P(
            rf"(?:mid[\s-]+|mi[\s-]+)?(?P<mon>{_MONTH})(?:\s+(?P<y>{_YEAR}))?\b(?!\s*\d)"
            r"(?!\s+(?:jours?|mois|semaines?|ans?|annees?|days?|weeks?|months?|years?)\b)"
        ),
    ),
    (
        "quarter",
        _P(
            rf"(?P<fiscal>fiscal\s+|fy\s*)?(?:(?P<y0>{_YEAR})\s+)?(?:q|t)(?P<n>[1-4])\b{_END_SUFFIX}"
            rf"(?:\s+(?:of\s+|de\s+)?(?:(?P<fy>fy\s*|fiscal\s+)(?P<y2>{_YEAR}|\d\d)\b|(?P<y>{_YEAR})\b))?"
        ),
    ),
    (
        "quarter",
        _P(
            rf"(?P<fiscal>fiscal\s+)?(?P<ord>{_ORDINAL})\s+(?:fiscal\s+)?(?:quarter|trimestre)"
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
            r"(?:fiscal|financial)\s+year(?:[\s-]+(?:end|close))?(?:\s+(?P<y>(?:19|20)\d\d))?\b"
            r"|fy\s*(?P<y2>(?:19|20)\d\d|\d\d)?(?:[\s-]+(?:end|close))?\b"
            r"|(?:exercice|annee\s+fiscale|annee\s+budgetaire|exercice\s+fiscal|exercice\s+comptable)"
            r"(?:\s+(?:fiscal|comptable|budgetaire|en\s+cours))?(?:\s+(?P<y3>(?:19|20)\d\d))?\b"
        ),
    ),
    ("next_year", _P(r"(?:next\s+year|(?:l\s+)?annee\s+prochaine|l\s+an\s+prochain)\b")),
    (
        "year",
        _P(
            r"(?:(?:this|the|current|calendar)\s+)*year(?:[\s-]+(?:end|close))?\b(?!\s+(?:19|20)\d\d)"
            r"|eoy\b|year[\s-]+end\b|(?:l\s+)?annee(?:\s+civile|\s+en\s+cours)?\b(?!\s+(?:19|20)\d\d)"
        ),
    ),
    (
        "this_quarter",
        _P(
            r"(?:(?:this|the|current)\s+)?quarter\b|eoq\b|(?:ce\s+)?trimestre(?:\s+en\s+cours)?\b(?!\s+prochain)"
        ),
    ),
    ("next_quarter", _P(r"next\s+quarter\b|(?:prochain\s+trimestre|trimestre\s+prochain)\b")),
    (
        "this_month",
        _P(r"(?:(?:this|the|current)\s+)?month\b(?!s)|(?:ce\s+)?mois(?:\s+en\s+cours)?\b(?!\s+prochain)"),
    ),
    ("next_month", _P(r"next\s+month\b|(?:mois\s+prochain)\b")),
    (
        "duration",
        _P(
            rf"(?:(?:the|next|coming|prochains|prochaines|les|des|upcoming)\s+)*(?P<n>{_NUMBER})\s+"
            r"(?:(?:next|prochains|prochaines|more|de\s+plus)\s+)?"
            r"(?P<u>days?|jours?|business\s+days|weeks?|semaines?|months?|mois|quarters?|trimestres?|"
            r"years?|ans?|annees?)\b(?:\s+(?:prochains|prochaines|a\s+venir|to\s+come))?"
            r"(?!\s+(?:glissants?|rolling|consecutive|consecutifs|d\s+anciennete|old|ago))"
        ),
    ),
    ("year_number", _P(rf"(?P<y>{_YEAR})\b(?![-/.]\d)")),
    (
        "weekday",
        _P(
            r"(?:(?:next|this|coming|ce|le)\s+)?(?P<w>"
            + "|".join(_WEEKDAYS)
            + r")\b(?:\s+(?:prochain|next))?"
        ),
    ),
    (
        "holiday",
        _P(
            r"(?P<h>christmas(?:[\s-]+day)?|xmas|noel|new[\s-]+year[\s-]*s?[\s-]+day|new[\s-]+year[\s-]*s?[\s-]+eve|"
            r"nouvel[\s-]+an|jour[\s-]+de[\s-]+l[\s-]+an|la[\s-]+saint[\s-]+sylvestre|saint[\s-]+sylvestre|"
            r"valentine[\s-]*s?[\s-]+day|la[\s-]+saint[\s-]+valentin|saint[\s-]+valentin|st[\s-]+valentin|halloween|"
            r"black[\s-]+friday|cyber[\s-]+monday|la[\s-]+fete[\s-]+nationale|independence[\s-]+day|thanksgiving|"
            r"boxing[\s-]+day|la[\s-]+toussaint|toussaint|la[\s-]+fete[\s-]+du[\s-]+travail|fete[\s-]+du[\s-]+travail|"
            r"labor[\s-]+day|st[\s-]+patrick[\s-]*s?[\s-]+day|la[\s-]+fete[\s-]+de[\s-]+la[\s-]+musique|fete[\s-]+de[\s-]+la[\s-]+musique)\b"
        ),
    ),
)

# Which expressions each deadline word may introduce; "end of" after it opens every period.
_DURATION_TRIGGERS = {
    "over",
    "during",
    "sur",
    "for",
    "au cours des",
    "au cours du",
    "au cours de",
    "durant",
    "pendant",
}
_POINT_TRIGGERS = {"at", "a", "au", "pour"}
_DATE_KINDS = {"iso", "numeric", "day_month", "month_day"}
_DURATION_UNITS = {
    "day": ("in_days", 1), "jour": ("in_days", 1), "business day": ("in_days", 1),
    "week": ("in_weeks", 1), "semaine": ("in_weeks", 1),
    "month": ("in_months", 1), "mois": ("in_months", 1),
    "quarter": ("in_months", 3), "trimestre": ("in_months", 3),
    "year": ("in_years", 1), "an": ("in_years", 1), "annee": ("in_years", 1),
}  # fmt: skip


@dataclass(frozen=True)
class DeadlineMatch:
    rule: str
    deadline: date
    start: int
    end: int


def _next_weekday(today: date, weekday: int) -> date:
    return today + timedelta(days=(weekday - today.weekday() - 1) % 7 + 1)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    first = date(year, month, 1)
    return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))


def _holiday(name: str, year: int) -> date:
    key = re.sub(r"\s+", " ", name)
    key = re.sub(r"^(?:la|le) ", "", key)
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


def _fiscal_year_end(label: int, start_month: int) -> date:
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
    end = _fiscal_year_end(_year(year), start_month)
    day = FiscalCalendar(start_month).period(end, months=months, index=index).end
    rule = f"fiscal_{kind}_end:{index}"
    if resolve_rule(rule, reference=today, fiscal_year_start_month=start_month) == day:
        return rule, day
    return DATE_RULE, day


def _resolve(kind: str, m: re.Match[str], today: date, start_month: int) -> tuple[str, date] | None:
    g = m.groupdict()
    if kind == "iso":
        day = _safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
        return (DATE_RULE, day) if day else None
    if kind == "numeric":
        first, second, year = int(g["a"]), int(g["b"]), _year(g["y"])
        day = _safe_date(year, second, first) or _safe_date(year, first, second)
        return (DATE_RULE, day) if day else None
    if kind in ("day_month", "month_day"):
        month, number = _MONTHS[g["mon"].rstrip(".")], int(g["d"])
        if g["y"]:
            found = _safe_date(int(g["y"]), month, number)
            return (DATE_RULE, found) if found else None
        for year in (today.year, today.year + 1):
            found = _safe_date(year, month, number)
            if found and found >= today:
                return DATE_RULE, found
        return None
    if kind == "month":
        month = _MONTHS[g["mon"].rstrip(".")]
        year = int(g["y"]) if g["y"] else today.year
        if not g["y"] and month_end(year, month) < today:
            year += 1
        rule = f"month_end:{year:04d}-{month:02d}"
        return rule, resolve_rule(rule, reference=today)
    if kind in ("quarter", "half"):
        index = int(g["n"]) if g.get("n") else _ORDINALS[g["ord"]]
        if kind == "half" and index > 2:
            return None
        named: str | None = g["y"] or g.get("y2") or g.get("y0")
        fiscal = bool(g.get("fiscal") or g.get("fy"))
        return _period(kind, index, named, fiscal, today, start_month)
    if kind == "fiscal_year":
        label = g["y"] or g["y2"] or g["y3"]
        end = FiscalCalendar(start_month).year_containing(today).end
        if label is None or _fiscal_year_end(_year(label), start_month) == end:
            return "fiscal_year_end", end
        return DATE_RULE, _fiscal_year_end(_year(label), start_month)
    if kind == "next_year":
        return f"calendar_year_end:{today.year + 1}", date(today.year + 1, 12, 31)
    if kind == "year":
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
    if kind == "duration":
        raw = re.sub(r"\s+", " ", g["n"])
        amount = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        unit = re.sub(r"\s+", " ", g["u"])
        unit = unit[:-1] if unit.endswith("s") and unit not in ("mois",) else unit
        name, factor = _DURATION_UNITS[unit]
        rule = f"{name}:{amount * factor}"
        return rule, resolve_rule(rule, reference=today)
    if kind == "year_number":
        year = int(g["y"])
        if year < today.year or year > today.year + 30:
            return None
        return f"calendar_year_end:{year}", date(year, 12, 31)
    if kind == "weekday":
        return DATE_RULE, _next_weekday(today, _WEEKDAYS[g["w"]])
    if kind == "holiday":
        found = _holiday(g["h"], today.year)
        if found < today:
            found = _holiday(g["h"], today.year + 1)
        return DATE_RULE, found
    return None


def _allowed(kind: str, trigger: str, said_end: bool) -> bool:
    if kind == "duration":
        return not said_end and trigger not in _POINT_TRIGGERS and trigger != ""
    if said_end:
        return True
    if trigger in _DURATION_TRIGGERS:
        return False
    if trigger in _POINT_TRIGGERS:
        return kind in _DATE_KINDS
    if trigger == "":
        return kind in ("quarter", "half")
    if trigger == "this":
        return kind in ("this_quarter", "this_month", "year")
    return True


def _try_at(norm: str, pos: int, trigger: str, today: date, start_month: int) -> tuple[str, date, int] | None:
    lead = _LEAD_RE.match(norm, pos)
    start = lead.end() if lead else pos
    said_end = lead is not None and _SAID_END.search(lead.group(0)) is not None
    for kind, pattern in _EXPRESSIONS:
        if not _allowed(kind, trigger, said_end):
            continue
        match = pattern.match(norm, start)
        if match is None or match.end() == start:
            continue
        resolved = _resolve(kind, match, today, start_month)
        if resolved is not None:
            return resolved[0], resolved[1], match.end()
    return None


_LEAD_RE = re.compile(_LEAD + _END_OF)
_SAID_END = re.compile(r"\b(?:end|close|fin|cloture)\b")


def find_deadline(norm: str, *, today: date, fiscal_year_start_month: int) -> DeadlineMatch | None:
    """The first deadline phrase of the normalised statement, resolved from ``today``."""
    for trig in _TRIGGER.finditer(norm):
        if trig.group("t") is not None:
            trigger, pos = trig.group("t"), trig.end("t")
            while pos < len(norm) and norm[pos] == " ":
                pos += 1
            if trigger in ("in", "en") and _COMPARISON_BEFORE.search(norm, 0, trig.start("t")):
                continue
        elif trig.group("s") is not None:
            trigger, pos = "", trig.end("s")
        else:
            trigger, pos = "this", trig.end("this")
        found = _try_at(norm, pos, trigger, today, fiscal_year_start_month)
        if found is not None:
            rule, deadline, end = found
            return DeadlineMatch(rule, deadline, trig.start(), end)
    return None
