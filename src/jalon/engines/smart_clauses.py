"""A light parse of an objective: what changes (main), why (reason), the current state (context).

The statement is cut into pieces at sentence ends, semicolons, labelled fields ("Objective: …; Why: …;
Deadline: …"), dashes and arrows. Each piece gets a role; inside the pieces that say what changes, the
reason readers of ``smart_reasons`` find where the "why" starts. Pieces before the first
one with an objective verb only describe the current state ("Our open rate is 18%; raise it …"): their
numbers are baselines, not targets.

Roles are kept as views of the prepared text with everything else blanked out, so every position found
in a view is a position of the statement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from jalon.engines.smart_lexicon import (
    ARTIFACT,
    BUSINESS,
    DELIVERABLE_VERBS,
    METRIC,
    VERB_DIRECTIONS,
    WEAK_COUNT,
    verb_forms,
)
from jalon.engines.smart_patterns import (
    DUE_LABELS,
    LABEL_ONLY,
    NUMBERED_HEADING,
    REASON_LABELS,
    STAKE_IN_BRACKETS,
    is_stake_only,
)
from jalon.engines.smart_reasons import (
    DIGIT,
    TOKEN,
    Verbs,
    has_objective_verb,
    inline_marker,
    is_verbal,
    leading_reason,
)
from jalon.engines.smart_regex import anchored_matches

__all__ = ["Parse", "is_verbal", "parse"]

Span = tuple[int, int]

_LABEL = re.compile(r"\s*(?:[-*]\s*)?(?P<label>[a-z0-9][a-z0-9 '&/().,-]{0,60}?)\s*:\s")
_SENTENCE = re.compile(r"[.!?]+\s+|;\s*|\s\|\s|\s+-{1,2}\s+|\s*(?:->|=>|>)\s+")
# Every separator holds one of these characters, and starts on it or on the spaces just before it.
_ANCHOR = re.compile(r"[.!?;|=>-]")
# A dash set apart by spaces is a minus, not a clause break, between a preposition that asks for a number
# ("de", "by", "à", "to") and the number itself; "5 - 10" and "10–20 %" stay ranges.
_NUMBER_PREPOSITION = re.compile(r"\b(?:de|d|du|by|of|from|to|a|at)$")
_MINUS_AFTER = re.compile(r"[$€£]?\d")
_ABBREVIATION = re.compile(
    r"\b(?:co|inc|ltd|vs|etc|e\.g|i\.e|no|st|sept|oct|nov|dec|jan|feb|fev|mar|apr|avr|jun|jul|juil|aug|sep|approx|env|cf|p|ex|min|max|mr|mrs|dr)$"
)
_OPENER = re.compile(
    r"\s*(?:this will|this would|this should|this helps|this is|that will|that would|that is|it will|"
    r"it would|it helps|which|cela|ceci|ca|ce qui|car|because|why|pourquoi|so|c est|it s|that s|"
    r"there s|key|essential|crucial|vital|critical|indispensable|necessaire|needed|we need|on a besoin|"
    r"il faut que|afin|parce|puisque|in order|the aim|the goal being|l enjeu|l objectif etant|"
    r"as a result|en consequence|ainsi|thus|hence|d ou|to|pour|in order to|so as to|de facon a|"
    r"de maniere a)\b"
)
_FIRST_WORDS = re.compile(r"\s*(?:(?:we|nous|on|je|i|let s|il faut)\s+)?([a-z]+(?:\s+[a-z]+)?)")
_COLON_SPLIT = re.compile(r"\s:\s+|(?<=[a-z0-9)%])\s*:\s+")
_COLON_REASON = re.compile(r":\s+(?=(?:c est|it s|that s|this is|cela|ce qui|car|because)\b)")


@dataclass(frozen=True)
class Parse:
    text: str
    lang: str
    main_spans: tuple[Span, ...]
    reason_spans: tuple[Span, ...]
    context_spans: tuple[Span, ...]
    due_spans: tuple[Span, ...]

    def view(self, spans: tuple[Span, ...]) -> str:
        """The text with everything outside ``spans`` blanked out (same length, same positions)."""
        key = tuple(sorted(spans))
        cached = self._views.get(key)
        if cached is None:
            cached = self._views[key] = self._blank(key)
        return cached

    def _blank(self, spans: tuple[Span, ...]) -> str:
        parts = []
        last = 0
        for start, end in spans:
            if start < last:
                start = last
            if end <= start:
                continue
            parts.append(" " * (start - last))
            parts.append(self.text[start:end])
            last = end
        parts.append(" " * (len(self.text) - last))
        return "".join(parts)

    main: str = ""  # main clause and context
    goal: str = ""  # the main clause without the context pieces: where targets are read
    reason: str = ""
    verbs: tuple[tuple[int, str], ...] = ()  # every change or deliverable verb form of the text
    # Views already built, by their sorted spans (coach, deadline finder and reader ask for the same ones).
    _views: dict[tuple[Span, ...], str] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def build(
        cls,
        text: str,
        lang: str,
        main: tuple[Span, ...],
        reason: tuple[Span, ...],
        context: tuple[Span, ...],
        due: tuple[Span, ...],
        verbs: tuple[tuple[int, str], ...],
    ) -> Parse:
        shell = cls(text, lang, main, reason, context, due)
        return cls(
            text, lang, main, reason, context, due,
            shell.view(main + context), shell.view(main), shell.view(reason), verbs, shell._views,
        )  # fmt: skip


def _verbs_in(text: str) -> Verbs:
    """Every change or deliverable verb form of ``text`` (position, form), found once per statement."""
    return verb_forms(text)


def _verb_first(text: str, start: int, end: int) -> bool:
    """Does the piece open with its verb ("augmentons donc …", "bring mobile to 2.2 % …")?"""
    first = _FIRST_WORDS.match(text, start, end)
    if first is None:
        return False
    words = first.group(1)
    return any(w in VERB_DIRECTIONS or w in DELIVERABLE_VERBS for w in (words, words.split()[0]))


def _spaces_before(text: str, pos: int, end: int) -> int:
    """Where the run of spaces before ``end`` starts (``pos`` at the least)."""
    start = end
    while start > pos and text[start - 1].isspace():
        start -= 1
    return start


def _separators(text: str) -> Iterator[re.Match[str]]:
    """The matches of ``_SENTENCE.finditer(text)``: ``_SENTENCE`` may start anywhere (its last branch
    opens with ``\\s*``), but a separator only starts on an anchor character or on the spaces right
    before one, so only those places are tried."""
    return anchored_matches(_SENTENCE, _ANCHOR, text, _spaces_before)


def _pieces(prepared_text: str, original: str, origin: tuple[int, ...]) -> list[tuple[int, int, str]]:
    """Split into pieces (start, end, separator that opened it)."""
    text = prepared_text
    pieces: list[tuple[int, int, str]] = []
    start, opener = 0, ""
    for match in _separators(text):
        sep = match.group(0).strip()
        if sep in ("->", "=>", ">") and len(TOKEN.findall(text, start, match.start())) <= 2:
            continue  # "Conversion gratuit → payant : …" names the metric, the arrow gives no reason
        if (
            sep in ("-", "--")
            and _MINUS_AFTER.match(text, match.end())
            and _NUMBER_PREPOSITION.search(text, start, match.start())
        ):
            continue  # "de – 10 %", "by - 5%": a minus sign set apart, not a dash between two clauses
        if sep and sep[0] in ".!?":
            if _ABBREVIATION.search(text, max(0, match.start() - 6), match.start()):
                continue
            nxt = origin[min(match.end(), len(origin) - 1)]
            if nxt < len(original) and not (original[nxt].isupper() or original[nxt].isdigit()):
                continue
        pieces.append((start, match.start(), opener))
        start, opener = match.end(), sep[:1] if sep else ";"
    pieces.append((start, len(text), opener))
    return [(s, e, o) for s, e, o in pieces if text[s:e].strip(" -*")]


_NUMBER_TOKEN = re.compile(r"\b\d")
_SHARE_WORD = re.compile(  # "Station de ski - la moitié des forfaits…": a share with no digit
    r"\b(?:la\s+moitie|half|un\s+tiers|a\s+third|un\s+quart|a\s+quarter|deux\s+tiers|two\s+thirds|"
    r"trois\s+quarts|three\s+quarters|double|doubler|triple|tripler)\b"
)
_NAMES_WHAT = re.compile("|".join(p.pattern for p in (METRIC, WEAK_COUNT, ARTIFACT)))


def _is_tag(text: str, start: int, end: int, objective: bool) -> bool:
    """A short tag before a dash that the numbers of the goal follow ("BANQUE – 20 000 ouvertures…",
    "B2B SaaS - 450 MQLs…"): at most three words, no number of its own, no objective verb."""
    return (
        not objective
        and len(TOKEN.findall(text, start, end)) <= 3
        and not _NUMBER_TOKEN.search(text, start, end)
    )


def parse(text: str, original: str, origin: tuple[int, ...], lang: str) -> Parse:
    main: list[Span] = []
    reason: list[Span] = []
    due: list[Span] = []
    pending: list[tuple[int, int, bool]] = []  # main candidates: (start, end, has an objective verb)
    seen_objective = False
    headed = False  # a numbered heading opened the statement ("AXE 2 - FIDÉLISATION")
    verbs = _verbs_in(text)
    queue = list(_pieces(text, original, origin))
    while queue:
        start, end, opener = queue.pop(0)
        label = _LABEL.match(text, start, end) if text.find(":", start, end) >= 0 else None
        if label is not None and len(label.group("label").split()) <= 7:
            name = label.group("label").strip(" -*")
            if REASON_LABELS.search(name):
                reason.append((start, end))  # "Why: …", "Justification : préserver la marge"
                continue
            if DUE_LABELS.match(name):
                due.append((start, end))
                continue
        colon = _COLON_SPLIT.search(text, start, end) if text.find(":", start, end) >= 0 else None
        if colon is not None and colon.start() > start:
            tail = colon.end()
            if has_objective_verb(text, tail, min(end, tail + 30), lang, verbs) and _verb_first(
                text, tail, end
            ):
                queue[:0] = [(start, colon.start(), opener), (tail, end, ":")]
                continue
        if not pending and queue and NUMBERED_HEADING.fullmatch(text, start, end):
            headed = True  # its number is the heading's; what follows the dash is the goal
            continue
        label_only = (bool(pending) or headed) and all(
            LABEL_ONLY.fullmatch(text, s, e) for s, e, _ in pending
        )
        if (
            opener == "-"
            and len(pending) == 1
            and _is_tag(text, *pending[0])
            and (DIGIT.search(text, start, end) or _SHARE_WORD.search(text, start, end))
        ):
            label_only = True  # "BANQUE – 20 000 ouvertures…", "Churn mensuel – 2 % max": the goal follows
            if not _NAMES_WHAT.search(text, *pending[0][:2]):
                pending.clear()  # a sector or a team, not the metric: not what changes
        if (
            (opener in ("-", ">", "=") and not label_only)
            or (opener in (".", "!", "?", ";") and pending and _OPENER.match(text, start, end))
        ) and (
            not has_objective_verb(text, start, min(end, start + 40), lang, verbs)
            or _OPENER.match(text, start, end)
        ):
            reason.append((start, end))
            continue
        lead = leading_reason(text, start, end, lang, verbs)
        if lead is not None:
            reason.append((start, lead))
            start = lead
        cut = inline_marker(text, start, end, lang)
        if cut is not None:
            position, before_is_reason = cut
            if before_is_reason:
                reason.append((start, position))
                start = position
            else:
                reason.append((position, end))
                end = position
        bracket = STAKE_IN_BRACKETS.search(text, start, end)
        if bracket is not None and is_stake_only(bracket.group(1)):
            reason.append((bracket.start(), end))  # "… by June 2026 (pipeline)."
            end = bracket.start()
        colon = _COLON_REASON.search(text, start, end) if text.find(":", start, end) >= 0 else None
        if colon is not None:
            reason.append((colon.end(), end))
            end = colon.start()
        objective = has_objective_verb(text, start, end, lang, verbs)
        after_goal = opener in (".", "!", "?", ";") and pending and seen_objective and not objective
        if after_goal and BUSINESS.search(text, start, end) and not DIGIT.search(text, start, end):
            reason.append((start, end))  # "…; every upsell lifts our lifetime value."
            continue
        seen_objective = seen_objective or objective
        pending.append((start, end, objective))
    context: list[Span] = []
    first = next((i for i, (_, _, objective) in enumerate(pending) if objective), None)
    for i, (start, end, _) in enumerate(pending):
        (context if first is not None and i < first else main).append((start, end))
    return Parse.build(text, lang, tuple(main), tuple(reason), tuple(context), tuple(due), verbs)
