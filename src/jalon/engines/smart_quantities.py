"""Quantities in FR/EN marketing objectives: where the numbers are, their value, unit and sign.

Reads ``2,5 %``, ``1 234,5 €``, ``15 k€``, ``2 M€``, ``2.5%``, ``$1.2M``, ``15k``, ``+2 points``, ``4.7/5``,
``3 jours``. Which of them is a target, a baseline or neither is ``smart_numbers``' question.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from jalon.engines.limits import NUMBER_LIMIT
from jalon.engines.smart_regex import anchored_matches

__all__ = ["DIGIT", "Quantity", "parse_number", "quantities"]

_CURRENCY_SYMBOL = {"€": "EUR", "$": "USD", "£": "GBP"}
_QUANTITY = re.compile(
    r"(?=[-+$€£\d])(?<![\w.,/])(?P<sign>[+-]\s?)?(?P<cur>[$€£]\s?)?"
    r"(?P<num>\d{1,3}(?:(?:\s|,|\.)\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)?)(?![\d])"
    r"(?:\s?(?P<mult>k|m|md|mds|mn|bn|b|millions?|milliards?|billions?|thousand|mille)\b)?"
    r"\s?(?P<unit>%|€|\$|£|eur\b|euros?\b|usd\b|gbp\b|dollars?\b|livres?\b|"
    r"points?\s+de\s+pourcentage\b|percentage\s+points?\b|pp\b|points?\b|pts?\b|"
    r"/\s?(?:5|10|20|100)\b|sur\s+(?:5|10|20|100)\b|out\s+of\s+(?:5|10|20|100)\b|"
    r"jours?\b|days?\b|semaines?\b|weeks?\b|heures?\b|hours?\b|h\b|minutes?\b|min\b|secondes?\b|"
    r"seconds?\b|sec\b|s\b|mois\b|months?\b|ans?\b|years?\b|annees?\b|fois\b|times\b|x\b|"
    r"etoiles?\b|stars?\b|\+)?"
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


_COMMA_THOUSANDS = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_DOT_THOUSANDS = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_COMMA_DECIMAL = re.compile(r"\d+,\d+")
_SPACES = re.compile(r"\s+")


# The largest number a statement's target may be (the web application's bound): a run of 400 digits reads
# as an infinite float, which no message can show.
LARGEST = NUMBER_LIMIT


def parse_number(raw: str, lang: str) -> float | None:
    """The number written ``raw`` (``1 500``, ``1,500.5``, ``1.500,5``); None when it is not one or is
    larger than ``LARGEST`` either way."""
    value = _read_number(raw, lang)
    return value if value is not None and abs(value) <= LARGEST else None


def _read_number(raw: str, lang: str) -> float | None:
    text = raw.replace(" ", "")
    if text.isdigit():
        return float(text)
    if _COMMA_THOUSANDS.fullmatch(text):
        return float(text.replace(",", ""))
    if _DOT_THOUSANDS.fullmatch(text):
        if lang == "fr" or "," in text:
            return float(text.replace(".", "").replace(",", "."))
        return float(text)
    if _COMMA_DECIMAL.fullmatch(text):
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
    word = _SPACES.sub(" ", raw)
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
    if word.startswith(("etoile", "star")):
        return "score"
    if word == "+":
        return "plus"
    return "years"


DIGIT = re.compile(r"\d")
_BEFORE_DIGITS = 4  # a sign and a currency, each with its space, may come before the first digit


def _quantity_matches(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_QUANTITY.finditer(text)``: the pattern opens with assertions, but every match
    holds a digit at most four characters after its start ("+ € 5"), so only the places just before each
    first digit are tried."""
    return anchored_matches(_QUANTITY, DIGIT, text, lambda _, pos, first: max(pos, first - _BEFORE_DIGITS))


def quantities(text: str, lang: str) -> list[Quantity]:
    found: list[Quantity] = []
    for match in _quantity_matches(text):
        value = parse_number(match["num"], lang)
        if value is None:
            continue
        if match["mult"]:
            value *= _MULTIPLIER[match["mult"]]
            if abs(value) > LARGEST:
                continue
        unit = _unit(match["unit"], match["cur"])
        sign = match["sign"]
        signed = 0 if not sign else (1 if sign.strip() == "+" else -1)
        found.append(Quantity(value, unit, signed, match.start(), match.end()))
    return found
