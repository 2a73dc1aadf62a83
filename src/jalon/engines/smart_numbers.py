"""Quantities and targets in FR/EN marketing objectives.

Reads ``2,5 %``, ``1 234,5 €``, ``15 k€``, ``2 M€``, ``2.5%``, ``$1.2M``, ``15k``, ``+2 points``,
``4.7/5``, ``de 1,8 % à 2,5 %``, ``from 3,000 to 12,000``. Works on the normalised statement (see
``smart_text.normalize``) with the deadline phrase blanked out.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

__all__ = ["Quantity", "TargetFound", "find_target", "parse_number", "quantities"]

_CURRENCY_SYMBOL = {"€": "EUR", "$": "USD", "£": "GBP"}
_QUANTITY = re.compile(
    r"(?<![\w.,/])(?P<sign>[+-]\s?)?(?P<cur>[$€£]\s?)?"
    r"(?P<num>\d{1,3}(?:(?:\s|,|\.)\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d])"
    r"(?:\s?(?P<mult>k|m|md|mds|mn|bn|b|millions?|milliards?|billions?|thousand|mille)\b)?"
    r"\s?(?P<unit>%|€|\$|£|eur\b|euros?\b|usd\b|gbp\b|dollars?\b|livres?\b|"
    r"points?\s+de\s+pourcentage\b|percentage\s+points?\b|pp\b|points?\b|pts?\b|"
    r"/\s?(?:5|10|20|100)\b|sur\s+(?:5|10|20|100)\b|out\s+of\s+(?:5|10|20|100)\b|"
    r"jours?\b|days?\b|semaines?\b|weeks?\b|heures?\b|hours?\b|h\b|minutes?\b|min\b|secondes?\b|"
    r"seconds?\b|sec\b|s\b|mois\b|months?\b|ans?\b|years?\b|annees?\b|fois\b|times\b|x\b)?"
)
_MULTIPLIER = {
    "k": 1e3, "thousand": 1e3, "mille": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6, "millions": 1e6,
    "md": 1e9, "mds": 1e9, "bn": 1e9, "b": 1e9, "milliard": 1e9, "milliards": 1e9, "billion": 1e9,
    "billions": 1e9,
}  # fmt: skip


@dataclass(frozen=True)
class Quantity:
    value: float
    unit: str  # "%", "pts", "EUR", "USD", "GBP", "score", "days", "hours", "minutes", "count", "time", …
    signed: int  # +1, -1 or 0 when no sign was written
    start: int
    end: int


def parse_number(raw: str, lang: str) -> float | None:
    text = raw.replace(" ", "")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
        return float(text.replace(",", ""))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", text):
        if lang == "fr" or "," in text:
            return float(text.replace(".", "").replace(",", "."))
        return float(text)
    if re.fullmatch(r"\d+,\d+", text):
        return float(text.replace(",", "."))
    try:
        return float(text)
    except ValueError:
        return None


def _unit(raw: str | None, currency: str | None) -> str:
    if currency:
        return _CURRENCY_SYMBOL[currency.strip()]
    if raw is None:
        return "count"
    word = re.sub(r"\s+", " ", raw)
    if word == "%":
        return "%"
    if word in ("€", "eur", "euro", "euros"):
        return "EUR"
    if word in ("$", "usd", "dollar", "dollars"):
        return "USD"
    if word in ("£", "gbp", "livre", "livres"):
        return "GBP"
    if word.startswith(("point", "pt", "pp", "percentage")):
        return "pts"
    if word.startswith(("/", "sur ", "out of")):
        return "score"
    if word.startswith(("jour", "day")):
        return "days"
    if word.startswith(("semaine", "week")):
        return "weeks"
    if word.startswith(("heure", "hour")) or word == "h":
        return "hours"
    if word.startswith("min"):
        return "minutes"
    if word.startswith("s"):
        return "seconds"
    if word in ("mois", "month", "months"):
        return "months"
    if word in ("fois", "times", "x"):
        return "times"
    return "years"


def quantities(text: str, lang: str) -> list[Quantity]:
    found: list[Quantity] = []
    for match in _QUANTITY.finditer(text):
        value = parse_number(match["num"], lang)
        if value is None:
            continue
        if match["mult"]:
            value *= _MULTIPLIER[match["mult"]]
        unit = _unit(match["unit"], match["cur"])
        sign = match["sign"]
        signed = 0 if not sign else (1 if sign.strip() == "+" else -1)
        found.append(Quantity(value, unit, signed, match.start(), match.end()))
    return found


@dataclass(frozen=True)
class TargetFound:
    value: float
    unit: str
    direction: str
    relative: bool
    baseline: float | None
    start: int
    end: int


_TIME_UNITS = {"days", "weeks", "hours", "minutes", "seconds", "months", "years"}
_SCOPE_BEFORE = re.compile(
    r"\b(?:our|nos|notre|vos|your|their|leurs|all|across|tous|toutes|top|each|every|chaque|sur|in|dans|"
    r"among|parmi|with|avec|for|aux|au|plus|than|que|qu|since|depuis|over|under|age|ages|"
    r"aged|agees|ages|entre|between|et|and|or|ou|x|fois)\s*$"
)
_ABSOLUTE_BEFORE = re.compile(
    r"(?:\bto|\ba|\bup to|\bjusqu a|\bat|\bunder|\bbelow|\babove|\bover|\bsous|\ben dessous de|"
    r"\bau dessus de|\bmoins de|\bless than|\bat least|\bau moins|\bminimum|\bmaximum|\bmax|\bmin|"
    r"\bd au moins|\bau minimum|\bau maximum|\bbeyond|\bau dela de|\bwithin)\s*$"
)
_DELTA_BEFORE = re.compile(r"(?:\bby|\bof|\bde|\bd)\s*$")
_CEILING = re.compile(r"(?:under|below|sous|dessous|moins|less|max|maximum|within)\s*$")
_FROM_TO = re.compile(r"(?:\bfrom|\bde|\bd|\bpasser de|\bdu)\s*$")
_TO_WORD = re.compile(r"^\s*(?:to|a|->|→|jusqu a)\s*")
_YEARS = re.compile(r"^(?:19|20)\d\d$")
_MULTIPLY_VERBS = (
    (re.compile(r"\b(?:doubl(?:e|er|ed|ing|ons|ez)|multiplier par deux|multiply by two)\b"), 100.0),
    (re.compile(r"\b(?:tripl(?:e|er|ed|ing|ons|ez)|multiplier par trois)\b"), 200.0),
    (
        re.compile(r"\b(?:halve|halving|diviser par deux|diviser de moitie|reduire de moitie|cut in half)\b"),
        50.0,
    ),
)


def _is_year(q: Quantity, text: str) -> bool:
    raw = text[q.start : q.end].strip()
    return q.unit == "count" and bool(_YEARS.match(raw))


def _candidates(text: str, lang: str, verb_end: int) -> list[Quantity]:
    kept: list[Quantity] = []
    for q in quantities(text, lang):
        before = text[max(0, q.start - 25) : q.start]
        after = text[q.end : q.end + 12]
        if _is_year(q, text) or re.match(r"^\s*-\s*\d", after) or re.search(r"\d\s*-\s*$", before):
            continue  # a year, or a range such as "25-34 ans"
        if q.unit in ("years", "times"):
            continue  # ages, tenure and "deux fois plus" describe, they do not target
        if re.search(r"\btop\s*$|\bn\s*$|\bno\s*$|\bnumero\s*$|#\s*$", before):
            continue  # "top 3", "n° 1"
        if q.unit in _TIME_UNITS and not _ABSOLUTE_BEFORE.search(before) and not _FROM_TO.search(before):
            continue  # "inactifs depuis 12 mois", "in 16 weeks" describe, they do not target
        scoped = q.unit == "count" and q.signed == 0 and q.start > verb_end + 1
        if scoped and _SCOPE_BEFORE.search(before) and not _ABSOLUTE_BEFORE.search(before):
            continue  # "sur nos 4 comptes", "across all 6 country sites"
        kept.append(q)
    return kept


def find_target(main: str, *, lang: str, verb: tuple[str, int, int] | None) -> TargetFound | None:
    """The objective's target in its main clause, with direction and baseline when stated."""
    verb_direction, verb_end = (verb[0], verb[2]) if verb else ("reach", 0)
    found = _candidates(main, lang, verb_end)
    for first, second in itertools.pairwise(found):
        between = main[first.end : second.start]
        if _TO_WORD.fullmatch(between) and _FROM_TO.search(main[max(0, first.start - 12) : first.start]):
            unit = second.unit if second.unit != "count" else first.unit
            direction = verb_direction
            if direction in ("reach", "increase", "decrease") and second.value != first.value:
                direction = "increase" if second.value > first.value else "decrease"
            return TargetFound(second.value, unit, direction, False, first.value, first.start, second.end)
    if found:
        q = found[0]
        before = main[max(0, q.start - 25) : q.start]
        if q.signed:
            direction = "increase" if q.signed > 0 else "decrease"
            if verb_direction in ("increase", "decrease"):
                direction = verb_direction
            return TargetFound(abs(q.value), q.unit, direction, True, None, q.start, q.end)
        if verb_direction == "maintain":
            return TargetFound(q.value, q.unit, "maintain", False, None, q.start, q.end)
        absolute = _ABSOLUTE_BEFORE.search(before) is not None
        if verb_direction in ("increase", "decrease"):
            delta = (_DELTA_BEFORE.search(before) is not None and not absolute) or (
                q.unit == "pts" and not absolute
            )
            return TargetFound(q.value, q.unit, verb_direction, delta, None, q.start, q.end)
        if _CEILING.search(before):
            return TargetFound(q.value, q.unit, "maintain", False, None, q.start, q.end)
        relative = q.unit == "pts" and not absolute and verb is not None and verb[0] != "reach"
        return TargetFound(q.value, q.unit, "reach", relative, None, q.start, q.end)
    for pattern, percent in _MULTIPLY_VERBS:
        match = pattern.search(main)
        if match:
            direction = "decrease" if percent == 50.0 else "increase"
            return TargetFound(percent, "%", direction, True, None, match.start(), match.end())
    return None
