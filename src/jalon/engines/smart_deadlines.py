"""Deadline phrases (FR/EN) -> a rule of ``jalon.engines.calendar`` and the date it resolves to.

A phrase only counts as a deadline when a deadline word introduces it ("by", "within", "d'ici",
"avant", "dans", "en", a "Deadline:" field, "fin" after a number…). That is how "de fin d'année" inside
a reason, "par trimestre" as a cadence or "our 2027 revenue target" stay out of the deadline.

Ranges end with their last period ("between April and June" → 30 June; "du 1er au 30 novembre" →
30 November). A duration counted from an undated event ("within 30 days of the launch") is no date.
When a statement holds several phrases, a point in time ("by", "d'ici", "avant") wins over a period
it happens during ("for the next two quarters", "sur l'exercice").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from jalon.engines.smart_dates import DATE_RULE, EXPRESSIONS, MONTHS, resolve
from jalon.engines.smart_lexicon import START_WORDS
from jalon.engines.smart_regex import first_chars

__all__ = ["DATE_RULE", "DeadlineMatch", "find_deadline"]

# Deadline words. "fin"/"end of" alone introduce a deadline at the start of a clause, or after a number.
_TRIGGER_WORDS = (
    "no later than", "not later than", "at the latest by", "at the latest", "by", "before", "until",
    "till", "within", "w/in", "in", "over", "during", "through", "throughout", "ahead of", "prior to",
    "for", "at", "on", "d ici a", "d ici", "avant", "au plus tard", "au plus tard le", "jusqu a",
    "jusqu au", "jusqu en", "dans", "ds", "sous", "ss", "en", "pour", "a", "au", "le", "sur", "au cours des",
    "au cours du", "au cours de", "durant", "pendant", "courant", "a horizon", "a l horizon de",
    "a l horizon", "horizon", "deadline", "echeance", "date cible", "target date", "due date", "due by",
    "due", "date limite", "when", "quand", "between", "entre", "from", "de", "du", "tout au long du",
    "tout au long de la", "tout au long de l", "tout au long de",
)  # fmt: skip
_SPACES = re.compile(r"\s+")
_MONTH_NAMES = "|".join(MONTHS)
# Deadline words are found token by token (a dict from their first word): a Python loop over the
# statement's words is faster here than one regex alternation tried at every position.
_TOKEN = re.compile(r"[a-z0-9/]+")
_PHRASES: dict[str, tuple[tuple[str, re.Pattern[str]], ...]] = {}
for _word in sorted(_TRIGGER_WORDS, key=len, reverse=True):
    _pattern = re.compile(re.escape(_word).replace(r"\ ", r"\s+") + r"(?=\s|:|$)")
    _PHRASES[_word.split()[0]] = (*_PHRASES.get(_word.split()[0], ()), (_word, _pattern))
_CLAUSE_START = re.compile(
    rf"(?:fin|end|eoy|eoq|eom|q[1-4]|t[1-4]|h[12]|s[12])(?![a-z0-9])|(?:{_MONTH_NAMES})\s+(?:19|20)\d\d\b"
    r"|fy\s*(?:(?:19|20)\d\d|\d\d)\b"  # "FY27 :" opening a clause names its fiscal year
)
_FISCAL_HEAD = re.compile(r"fy(?:(?:19|20)\d\d|\d\d)?")
# A holiday heading its clause ("Black Friday : 80 k€ de CA…", "Cyber Monday: $80k…") names the day.
_HOLIDAY_HEAD = re.compile(
    next(pattern.pattern for kind, pattern in EXPRESSIONS if kind == "holiday") + r"\s*:(?!\d)"
)
_HOLIDAY_FIRST = frozenset(
    ("black", "cyber", "christmas", "xmas", "noel", "reveillon", "halloween", "thanksgiving", "toussaint",
     "valentine", "saint", "st", "new", "nouvel", "boxing", "labor", "independence", "fete")
)  # fmt: skip
# The only tokens _CLAUSE_START can match at (a month must be followed by spaces, a head by no letter).
_MONTH_WORDS = frozenset(MONTHS)
_CLAUSE_HEADS = frozenset(
    (
        "fin",
        "end",
        "eoy",
        "eoq",
        "eom",
        *(f"{letter}{n}" for letter in "qt" for n in "1234"),
        "h1",
        "h2",
        "s1",
        "s2",
    )
)
_THIS = re.compile(
    r"(?:this|ce|cet|cette|next)\s+(?:(?:fiscal|financial|academic|school)\s+)?"
    r"(?:quarter|year|month|trimestre|mois|annee|exercice)"
    r"\b(?!\s+s\b)|(?:le|au|l)\s+(?:trimestre|mois|exercice)\s+(?:prochain|suivant)\b|l\s+annee\s+suivante\b"
    r"|(?:trimestre|mois|exercice)\s+prochain\b"
    r"|(?:the\s+)?following\s+(?:month|quarter|year)\b|(?:le\s+)?prochain\s+exercice\b"
)
_BARE = re.compile(
    r"(?:fin|end)\s+(?:of\s+)?(?:the\s+)?(?:(?:19|20)\d\d|q[1-4]|t[1-4]|h[12]|s[12]|"
    + _MONTH_NAMES
    + r"|year|fy|fiscal|exercice|annee|trimestre|quarter|semestre|mois|month)\b"
)
_FROM_NOW = re.compile(
    r"(?:\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|eighteen)\s+"
    r"(?:days?|weeks?|months?|quarters?|years?)\s+from\s+(?:now|today)\b"
)
_LABEL_BEFORE = re.compile(r"(?:^|\s)(?:okr|kr|objectif|objective|goal|target|cible|kpi)$")
_THIS_FIRST = frozenset(
    (
        "this",
        "ce",
        "cet",
        "cette",
        "next",
        "le",
        "l",
        "trimestre",
        "mois",
        "exercice",
        "the",
        "following",
        "prochain",
    )
)
_NUMBER_WORD_STARTS = frozenset(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "eighteen"]
)
_BARE_BEFORE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789%€$£)")
# Every word a deadline phrase can start at (besides numbers and "q1/27"-like words).
_TRIGGER_FIRST = frozenset(
    (*_PHRASES, *_MONTH_WORDS, *_CLAUSE_HEADS, *_THIS_FIRST, "fin", "end", *_NUMBER_WORD_STARTS)
)


_STARTS = _TRIGGER_FIRST | _HOLIDAY_FIRST


def _back(norm: str, start: int) -> int:
    """The position of the last character before ``start`` that is not a space (-1 if none)."""
    back = start - 1
    while back >= 0 and norm[back] == " ":
        back -= 1
    return back


def _opens_clause(norm: str, back: int) -> bool:
    """Does a clause open after ``back`` (the start, a comma, a colon, a label such as "OKR")?"""
    if back < 0 or norm[back] in ",;:(>-":
        return True
    return _LABEL_BEFORE.search(norm, max(0, back - 12), back + 1) is not None


def _triggers(norm: str) -> list[tuple[str, str, int, int]]:
    """Deadline words in order: (kind, trigger, start, position where the date may begin)."""
    found: list[tuple[str, str, int, int]] = []
    skip = 0
    for token in _TOKEN.finditer(norm):
        word = token.group()
        if word not in _STARTS and "/" not in word and not word.isdigit() and word[:2] != "fy":
            continue  # no branch below can start at this word
        start = token.start()
        if start < skip:
            continue
        prev = norm[start - 1] if start else " "
        spaced = prev in " ,;:("
        phrases = _PHRASES.get(word) if spaced else None
        if phrases is not None:
            for phrase, pattern in phrases:
                match = pattern.match(norm, start)
                if match is not None:
                    found.append(("t", phrase, start, match.end()))
                    skip = match.end()
                    break
            if skip > start:
                continue
        clause_word = (
            word in _MONTH_WORDS
            or word.partition("/")[0] in _CLAUSE_HEADS
            or bool(_FISCAL_HEAD.fullmatch(word))
        )
        opens = (clause_word and _CLAUSE_START.match(norm, start)) or (
            word in _HOLIDAY_FIRST and _HOLIDAY_HEAD.match(norm, start)
        )  # "Q4 2026 :", "June 2027:", "FY27 :", "Black Friday :" opening a clause
        if opens and _opens_clause(norm, _back(norm, start)):
            found.append(("s", "", start, start))
        elif spaced and word in _THIS_FIRST and _THIS.match(norm, start):
            found.append(("this", "this", start, start))
        elif (
            word in ("fin", "end")
            and prev == " "
            and norm[_back(norm, start)] in _BARE_BEFORE
            and _BARE.match(norm, start)
        ):
            found.append(("bare", "by", start, start))
        elif spaced and (word.isdigit() or word in _NUMBER_WORD_STARTS) and _FROM_NOW.match(norm, start):
            found.append(("from_now", "within", start, start))
    return found


_START_BEFORE = re.compile(r"\b(?:" + START_WORDS + r"|des|a\s+compter)\s*$")
_COMPARISON_BEFORE = re.compile(r"\b(?:qu|que|than|compared to|vs|versus)\s*$")
_BARE_NOT_AFTER = re.compile(r"\b(?:de|du|des|d|la|le|l|of|the|for|pour|year|annee|a)\s+$")

_LEAD = (
    r"(?:(?:the|la|le|l|les|this|cette|cet|ce)\s+|(?:our|notre)\s+(?=(?:first|second|third|fourth|premier|"
    r"deuxieme|troisieme|quatrieme|next|prochain|fiscal|current)\b))?"
)
_END_OF = (
    r"(?:(?:the\s+)?(?:very\s+)?(?:end|close)\s+of\s+(?:the\s+)?|"
    r"(?:la\s+)?(?:fin|cloture)\s+(?:de\s+la\s+|de\s+l\s+|du\s+|de\s+|d\s+|des\s+)?(?:l\s+)?)?"
)
_LEAD_RE = re.compile(_LEAD + _END_OF)
_SAID_END = re.compile(r"\b(?:end|close|fin|cloture)\b")
_LABEL_TRIGGERS = {"deadline", "echeance", "date cible", "target date", "due date", "due by", "due",
                   "date limite", "when", "quand"}  # fmt: skip
_DURATION_TRIGGERS = {
    "over", "during", "sur", "for", "au cours des", "au cours du", "au cours de", "durant", "pendant",
    "throughout", "tout au long du", "tout au long de la", "tout au long de l", "tout au long de",
}  # fmt: skip
_WEAK_TRIGGERS = _DURATION_TRIGGERS | {"in", "en", "dans", "ds", "courant"}
_POINT_TRIGGERS = {"at", "a", "au", "pour", "on", "le"}
_PAST_YEAR_TRIGGERS = {
    "by",
    "before",
    "until",
    "d ici",
    "d ici a",
    "avant",
    "jusqu a",
    "jusqu en",
    "no later than",
}
_RANGE_TRIGGERS = {"between", "entre", "from", "de", "du"}
_PERIOD_KINDS = {"fiscal_year", "quarter", "half", "year_number", "next_quarter", "this_quarter"}
_DATE_KINDS = {"iso", "numeric", "day_month", "month_day"}
_AT_KINDS = _DATE_KINDS | {"holiday"}
_AU_KINDS = _AT_KINDS | {"quarter", "half", "fiscal_year", "next_quarter", "this_quarter", "month"}
_MONTH_NAMES = "|".join(MONTHS)
_RANGE_START = re.compile(
    rf"(?:le\s+|the\s+)?(?:(?:mid|mi|early|late|debut|the\s+start\s+of|the\s+beginning\s+of)[\s-]+)?"
    rf"(?:\d{{1,2}}(?:er|st|nd|rd|th)(?:\s+(?:of\s+)?(?:{_MONTH_NAMES}))?|\d{{1,2}}\s+(?:{_MONTH_NAMES})|"
    rf"(?:{_MONTH_NAMES})(?:\s+\d{{1,2}}(?:st|nd|rd|th)?)?|q[1-4]|t[1-4]|h[12]|s[12])(?:\s+(?:19|20)\d\d)?"
    r"\s+(?:and|et|to|a|au|jusqu a|jusqu au|-|until|till|through|thru)\s+"
)
_FROM_EVENT = re.compile(
    r"\s*(?:of|after|following|from|d apres|apres|suivant|a compter (?:du|de la|de l))\s+"
    r"(?!now\b|today\b|aujourd)"
)


@dataclass(frozen=True)
class DeadlineMatch:
    rule: str
    deadline: date
    start: int
    end: int
    strong: bool = True


def _allowed(kind: str, trigger: str, said_end: bool) -> bool:
    if trigger in _LABEL_TRIGGERS:
        return True
    if kind in ("duration", "fortnight"):
        return not said_end and trigger not in _POINT_TRIGGERS and trigger not in ("", "this", "range")
    if said_end:
        return True
    if trigger == "range":
        return kind != "weekday"
    if trigger in _DURATION_TRIGGERS:
        holiday = kind == "holiday" and trigger == "for"  # "400 bouquets sold for Valentine's Day"
        return kind in _PERIOD_KINDS or kind in ("month", "year", "next_year") or holiday
    if trigger in ("at", "a", "on"):
        return kind in _AT_KINDS or (trigger == "on" and kind == "weekday")
    if trigger == "le":
        return kind in _AT_KINDS or kind in ("next_quarter", "next_month")
    if trigger in ("au", "pour"):
        return kind in _AU_KINDS
    if trigger == "":
        return kind in ("quarter", "half", "month", "fiscal_year", "holiday")
    if trigger == "this":
        return kind in (
            "this_quarter",
            "this_month",
            "year",
            "next_quarter",
            "next_month",
            "next_year",
            "fiscal_year",
        )
    return True


_DATE_START = re.compile(
    r"(?:\d|(?:q|t)[1-4]\b|(?:h|s)[12]\b|fy|fiscal|financial|academic|school|exercice|exo\b|annee|year|eoy|eoq|eom|quarter|trimestre|"
    r"month|mois|next|prochain|this|ce|cet|cette|current|calendar|mid|mi\b|period|periode|duree|semestre|half|"
    r"following|suivant|"
    r"first|second|third|fourth|last|premier|premiere|deuxieme|troisieme|quatrieme|dernier|seconde|1er|"
    r"christmas|xmas|noel|reveillon|new|nouvel|jour|veille|journee|valentine|st|halloween|black|"
    r"cyber|fete|independence|thanksgiving|boxing|toussaint|labor|upcoming|coming|les|des|prochains|saint|"
    r"prochaines|a\b|an\b|une?\b|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|"
    r"eighteen|twenty|thirty|sixty|ninety|hundred|deux|trois|quatre|cinq|sept|huit|neuf|dix|onze|douze|"
    r"quinze|vingt|trente|soixante|cent|fortnight|quinzaine|delai|"
    + "|".join(MONTHS)
    + "|monday|tuesday|wednesday|thursday|friday|saturday|sunday|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche)"
)


def _try_at(norm: str, pos: int, trigger: str, today: date, start_month: int) -> tuple[str, date, int] | None:
    lead = _LEAD_RE.match(norm, pos)
    start = lead.end() if lead else pos
    if not _DATE_START.match(norm, start):
        return None
    said_end = lead is not None and _SAID_END.search(lead.group(0)) is not None
    allowed = _ALLOWED.get((trigger, said_end))
    if allowed is None:
        allowed = tuple((kind, pattern) for kind, pattern in EXPRESSIONS if _allowed(kind, trigger, said_end))
    char = norm[start : start + 1]
    if char and char.isascii():  # only the expressions that can start with this character
        key = (trigger, said_end, char)
        narrowed = _ALLOWED_AT.get(key)
        if narrowed is None:
            narrowed = _ALLOWED_AT[key] = tuple(
                (kind, pattern) for kind, pattern in allowed if char in _FIRST[pattern]
            )
        allowed = narrowed
    for kind, pattern in allowed:
        match = pattern.match(norm, start)
        if match is None or match.end() == start:
            continue
        if kind == "month" and trigger in ("", *_DURATION_TRIGGERS) and not match.group("y"):
            continue  # "June 2027:" opening a clause, "during November 2026"; a month alone may not
        resolved = resolve(kind, match, today, start_month, past_years=trigger in _PAST_YEAR_TRIGGERS)
        if resolved is None:
            continue
        if kind in ("duration", "fortnight") and _FROM_EVENT.match(norm, match.end()):
            return None  # "within 30 days of the event": counted from an undated event
        if (
            kind == "duration"
            and trigger in ("by", "de", "d")
            and match.group("n") in ("a", "an", "un", "une")
        ):
            continue  # "grow MQLs by a quarter" is a change, not a deadline
        return resolved[0], resolved[1], match.end()
    return None


_ALLOWED = {
    (trigger, said_end): tuple(
        (kind, pattern) for kind, pattern in EXPRESSIONS if _allowed(kind, trigger, said_end)
    )
    for trigger in (*_TRIGGER_WORDS, "", "this", "range", "by", "within")
    for said_end in (False, True)
}


# What each expression can start with (``smart_regex``), and the allowed expressions narrowed to those
# that can start with a given character, built as they are needed.
_ANY = frozenset(map(chr, range(128)))
_FIRST = {pattern: first_chars(pattern) or _ANY for _, pattern in EXPRESSIONS}
_ALLOWED_AT: dict[tuple[str, bool, str], tuple[tuple[str, re.Pattern[str]], ...]] = {}


def _try_range(norm: str, pos: int, today: date, start_month: int) -> tuple[str, date, int] | None:
    """ "between April and June 2027", "du 1er au 30 novembre", "from Q2 to Q3 2027": the end."""
    first = _RANGE_START.match(norm, pos)
    if first is None:
        return None
    return _try_at(norm, first.end(), "range", today, start_month)


def _candidates(norm: str, today: date, start_month: int) -> list[DeadlineMatch]:
    """Deadline phrases in order, up to the first that names a point in time."""
    found: list[DeadlineMatch] = []
    for kind, trigger, start, pos in _triggers(norm):
        if kind == "t":
            while pos < len(norm) and norm[pos] in " :":
                pos += 1
            if trigger in ("in", "en") and _COMPARISON_BEFORE.search(norm, 0, start):
                continue
            if _START_BEFORE.search(norm, max(0, start - 16), start):
                continue  # "every month starting in Q2", "dès le 1er mars": when it starts, not its deadline
        elif kind == "bare" and _BARE_NOT_AFTER.search(norm, max(0, start - 12), start):
            continue
        if trigger in _RANGE_TRIGGERS:
            result = _try_range(norm, pos, today, start_month)
        else:
            result = _try_at(norm, pos, trigger, today, start_month)
        if result is not None:
            rule, deadline, end = result
            if kind == "from_now":
                end = norm.find("from", end)
                end = end + len("from now") if end >= 0 else end
            found.append(DeadlineMatch(rule, deadline, start, end, trigger not in _WEAK_TRIGGERS))
            if found[-1].strong:
                break
    return found


def find_deadline(norm: str, *, today: date, fiscal_year_start_month: int) -> DeadlineMatch | None:
    """The deadline phrase of the normalised statement, resolved from ``today``.

    The first phrase wins, unless it only names a period the work happens over ("for the next two
    quarters", "in 2026") and a later phrase names the point it must be done by.
    """
    found = _candidates(norm, today, fiscal_year_start_month)
    if not found:
        return None
    if not found[0].strong:
        later = next((match for match in found[1:] if match.strong), None)
        if later is not None and later.start >= found[0].end:
            return later
    return found[0]
