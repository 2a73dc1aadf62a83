"""The SMART coach: a marketing objective's text (+ context) -> verdicts, reasons, deadline, target.

Pure Python: no Django, no I/O. Rules, not a language model, decide every verdict (issue 4):

- specific: the main clause (before the "why") names a metric, a deliverable or a quantity;
- measurable: a quantity with a target, or a deliverable verb with a concrete object;
- time_bound: a deadline phrase resolved through ``jalon.engines.calendar`` (see ``smart_deadlines``);
- relevant: the "why" clause names a business stake, or the context gives impact/parent/vision;
- achievable: only from evidence (baseline, KPI history, published range); otherwise ``None``.

Explicit dates and named days have the deadline rule ``"date"``: the deadline is that fixed date.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from jalon.engines.calendar import FiscalCalendar
from jalon.engines.smart_deadlines import DATE_RULE, DeadlineMatch, find_deadline
from jalon.engines.smart_messages import format_date, format_number, text
from jalon.engines.smart_numbers import TargetFound, find_target
from jalon.engines.smart_text import (
    business_reason,
    deliverable,
    direction_verb,
    has_metric,
    normalize,
    split_clauses,
)

__all__ = [
    "DATE_RULE",
    "Benchmark",
    "CoachContext",
    "Criterion",
    "Evidence",
    "Lang",
    "Target",
    "Verdict",
    "coach",
    "coach_many",
]

Lang = Literal["fr", "en"]
Direction = Literal["increase", "decrease", "reach", "maintain"]
_DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Benchmark:
    """A published range for the KPI: typical levels, or typical change per month."""

    low: float
    high: float
    per: Literal["level", "month"] = "level"
    source: str = ""


@dataclass(frozen=True)
class CoachContext:
    """What the roadmap knows beside the text. ``budget_eur`` is carried for callers, not judged."""

    baseline: float | None = None
    history: Sequence[tuple[date, float]] = ()
    impact: str = ""
    vision: str = ""
    parent_objective: str = ""
    budget_eur: float | None = None
    benchmark: Benchmark | None = None


@dataclass(frozen=True)
class Criterion:
    ok: bool | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "reason": self.reason}


@dataclass(frozen=True)
class Target:
    value: float
    unit: str
    direction: Direction
    relative: bool

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if self.value == int(self.value) else self.value
        return {"value": value, "unit": self.unit, "direction": self.direction, "relative": self.relative}


@dataclass(frozen=True)
class Evidence:
    """The numbers behind the achievable verdict (per month = 30.44 days)."""

    baseline: float | None = None
    target_level: float | None = None
    required_per_month: float | None = None
    observed_per_month: float | None = None
    spread_per_month: float | None = None
    projected: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "baseline": self.baseline,
            "target_level": self.target_level,
            "required_per_month": self.required_per_month,
            "observed_per_month": self.observed_per_month,
            "spread_per_month": self.spread_per_month,
            "projected": self.projected,
        }


@dataclass(frozen=True)
class Verdict:
    specific: Criterion
    measurable: Criterion
    achievable: Criterion
    relevant: Criterion
    time_bound: Criterion
    deadline: date | None
    deadline_rule: str | None
    metric: str | None
    target: Target | None
    suggestion: str
    warnings: tuple[str, ...] = ()
    evidence: Evidence = field(default_factory=Evidence)

    @property
    def is_smart(self) -> bool:
        """All four text criteria pass and achievability is not refuted by the evidence."""
        judged = (self.specific, self.measurable, self.relevant, self.time_bound)
        return all(c.ok for c in judged) and self.achievable.ok is not False

    def to_dict(self) -> dict[str, Any]:
        return {
            "specific": self.specific.to_dict(),
            "measurable": self.measurable.to_dict(),
            "achievable": self.achievable.to_dict(),
            "relevant": self.relevant.to_dict(),
            "time_bound": self.time_bound.to_dict(),
            "deadline": self.deadline.isoformat() if self.deadline else None,
            "deadline_rule": self.deadline_rule,
            "metric": self.metric,
            "target": self.target.to_dict() if self.target else None,
            "suggestion": self.suggestion,
            "warnings": list(self.warnings),
            "evidence": self.evidence.to_dict(),
        }


_EMPTY_CONTEXT = CoachContext()
_STRIP = " ,;:.!?-–—\t\n"
_METRIC_STOP = (
    " by ", " from ", " to ", " de ", " d ", " du ", " a ", " within ", " in the next ", " for ",
    " dans ", " d ici ", " avant ", " before ", " until ", " on ", " sur ", " pour ", " en ", " of ",
    " at ", " across ", " aupres ", " grace ",
)  # fmt: skip
_LEADING_WORDS = {
    "the", "our", "a", "an", "its", "their", "le", "la", "les", "l", "un", "une", "des", "du", "de",
    "d", "nos", "notre", "ses", "sa", "son", "ce", "cette", "ces", "average", "overall", "new",
}  # fmt: skip


_TRAILING_WORDS = {
    "nettement", "fortement", "significativement", "sensiblement", "davantage", "encore", "plus", "more",
    "again", "a", "lot", "bit", "beaucoup", "vraiment",
}  # fmt: skip


def _metric_phrase(original: str, norm: str, start: int, end: int) -> str | None:
    """The words naming the metric between ``start`` and ``end``, in the user's spelling."""
    window = norm[start:end]
    cut = len(window)
    for stop in _METRIC_STOP:
        # Keep "taux de conversion" whole: only stop on "de" once the head noun is past.
        position = window.find(stop, 4 if stop.strip() in ("de", "d", "of", "du") else 0)
        if position > 0 and stop.strip() in ("de", "d", "of", "du"):
            head = window[:position].split()
            if head and head[-1] in ("taux", "rate", "nombre", "number", "part", "share", "temps", "volume"):
                position = window.find(stop, position + len(stop))
        if 0 < position < cut:
            cut = position
    words = original[start : start + cut].split()
    while words and normalize(words[0]).strip(_STRIP) in _LEADING_WORDS:
        words.pop(0)
    while words and (
        words[-1].strip(_STRIP).endswith("ly") or normalize(words[-1]).strip(_STRIP) in _TRAILING_WORDS
    ):
        words.pop()
    phrase = " ".join(words).strip(_STRIP)
    return phrase or None


def _blank(norm: str, match: DeadlineMatch | None) -> str:
    if match is None:
        return norm
    return norm[: match.start] + " " * (match.end - match.start) + norm[match.end :]


def _relevance(reason_norm: str, reason_original: str, ctx: CoachContext, lang: Lang) -> Criterion:
    word = business_reason(reason_norm) if reason_norm else None
    if word is not None:
        return Criterion(True, text("relevant.text", lang, why=reason_original.strip(_STRIP)))
    for name in ("impact", "parent_objective", "vision"):
        value = getattr(ctx, name).strip()
        if value:
            label = text(f"field.{name}", lang)
            return Criterion(True, text("relevant.context", lang, field=label, why=value))
    return Criterion(False, text("relevant.no", lang))


def _history_pace(history: Sequence[tuple[date, float]]) -> tuple[float | None, float | None]:
    """Least-squares slope per month and the spread (stdev) of month-normalised changes."""
    points = sorted(history)
    if len(points) < 2:
        return None, None
    xs = [(day - points[0][0]).days / _DAYS_PER_MONTH for day, _ in points]
    ys = [value for _, value in points]
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    var_x = sum((x - mean_x) ** 2 for x in xs)
    if var_x == 0:
        return None, None
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / var_x
    changes = [(ys[i] - ys[i - 1]) / (xs[i] - xs[i - 1]) for i in range(1, len(xs)) if xs[i] > xs[i - 1]]
    spread = statistics.stdev(changes) if len(changes) >= 2 else 0.0
    return slope, spread


def _target_level(target: Target, baseline: float) -> float:
    if not target.relative:
        return target.value
    sign = -1.0 if target.direction == "decrease" else 1.0
    if target.unit == "%":
        return baseline * (1 + sign * target.value / 100)
    return baseline + sign * target.value


def _achievable(
    target: Target | None,
    deadline: date | None,
    text_baseline: float | None,
    ctx: CoachContext,
    today: date,
    lang: Lang,
) -> tuple[Criterion, Evidence]:
    if target is None or deadline is None:
        return Criterion(None, text("achievable.no_target", lang)), Evidence()
    history = sorted(ctx.history)
    current = history[-1][1] if history else ctx.baseline if ctx.baseline is not None else text_baseline
    if current is None:
        return Criterion(None, text("achievable.no_evidence", lang)), Evidence()
    baseline = ctx.baseline if ctx.baseline is not None else text_baseline
    level = _target_level(target, baseline if baseline is not None else current)
    months = (deadline - today).days / _DAYS_PER_MONTH
    if months <= 0:
        return Criterion(None, text("achievable.past", lang)), Evidence(baseline=current, target_level=level)
    unit = target.unit if not (target.relative and target.unit == "%") else "count"
    unit = "%" if unit == "pts" else unit

    def fmt(value: float) -> str:
        return format_number(value, lang, unit)

    def fmt_pace(value: float) -> str:
        return format_number(value, lang, "pts" if unit == "%" else unit)

    required = (level - current) / months
    slope, spread = _history_pace(history)
    projected = current + slope * months if slope is not None else None
    evidence = Evidence(current, level, required, slope, spread, projected)
    values = {"baseline": fmt(current), "level": fmt(level), "required": fmt_pace(required)}
    if target.direction == "maintain":
        if projected is None:
            return Criterion(None, text("achievable.baseline_only", lang, **values)), evidence
        holds = (projected - level) * (current - level) >= 0
        key = "achievable.maintain_ok" if holds else "achievable.maintain_drift"
        return Criterion(
            holds, text(key, lang, projected=fmt(projected), observed=fmt_pace(slope or 0.0), **values)
        ), evidence
    want = 1.0 if level >= current else -1.0
    if target.direction == "decrease":
        want = -1.0
    elif target.direction == "increase":
        want = 1.0
    if (level - current) * want <= 0:
        return Criterion(True, text("achievable.met", lang, **values)), evidence
    bench = ctx.benchmark
    if slope is None or projected is None or spread is None:
        if bench is not None:
            value = level if bench.per == "level" else abs(required)
            inside = bench.low <= value <= bench.high
            if bench.per == "level":
                inside = value <= bench.high if want > 0 else value >= bench.low
            key = "achievable.benchmark_in" if inside else "achievable.benchmark_out"
            shown = {"low": fmt(bench.low), "high": fmt(bench.high), "value": fmt(value)}
            return Criterion(inside, text(key, lang, **shown)), evidence
        return Criterion(None, text("achievable.baseline_only", lang, **values)), evidence
    numbers = {**values, "observed": fmt_pace(slope), "spread": fmt_pace(spread), "projected": fmt(projected)}
    if (projected - level) * want >= 0:
        return Criterion(True, text("achievable.on_track", lang, **numbers)), evidence
    if required * want <= slope * want + spread:
        return Criterion(True, text("achievable.ambitious", lang, **numbers)), evidence
    return Criterion(False, text("achievable.out_of_reach", lang, **numbers)), evidence


def _suggestion(
    *,
    original: str,
    main: tuple[int, int],
    reason: tuple[int, int],
    deadline_match: DeadlineMatch | None,
    verdicts: dict[str, Criterion],
    evidence: Evidence,
    ctx: CoachContext,
    today: date,
    fiscal_year_start_month: int,
    lang: Lang,
) -> str:
    if all(verdicts[name].ok for name in ("specific", "measurable", "time_bound", "relevant")):
        base = original.strip().rstrip(".")
        if verdicts["achievable"].ok is False and evidence.projected is not None:
            level = format_number(evidence.projected, lang)
            return base + text("suggest.realistic", lang, level=level) + "."
        return original.strip()

    def cut(start: int, end: int) -> str:
        piece = original[start:end]
        if deadline_match and start <= deadline_match.start < end:
            piece = original[start : deadline_match.start] + original[deadline_match.end : end]
        return re.sub(r"\s+([,;:.])", r"\1", " ".join(piece.split())).strip(_STRIP)

    current = evidence.baseline if evidence.baseline is not None else ctx.baseline
    shown_baseline = format_number(current, lang) if current is not None else text("current", lang)
    if not verdicts["specific"].ok:
        sentence = text("suggest.vague", lang, baseline=shown_baseline)
    else:
        sentence = cut(*main)
        if not verdicts["measurable"].ok:
            level = format_number(evidence.projected, lang) if evidence.projected is not None else "<cible>"
            if lang == "en" and evidence.projected is None:
                level = "<target>"
            sentence += text("suggest.target", lang, baseline=shown_baseline, level=level)
    fiscal = FiscalCalendar(fiscal_year_start_month)
    if verdicts["time_bound"].ok and deadline_match is not None and deadline_match.deadline >= today:
        sentence += text("suggest.deadline", lang, date=format_date(deadline_match.deadline, lang))
    else:
        end = fiscal.year_containing(today).end
        sentence += text("suggest.deadline_fy", lang, date=format_date(end, lang))
    why = cut(*reason)
    if verdicts["relevant"].ok and why:
        sentence += ", " + why
    elif verdicts["relevant"].ok:
        value = ctx.impact or ctx.parent_objective or ctx.vision
        sentence += text("suggest.reason_context", lang, why=value.strip())
    else:
        sentence += text("suggest.reason_missing", lang)
    sentence = sentence.strip()
    return sentence[:1].upper() + sentence[1:] + "."


def coach(
    statement: str,
    *,
    lang: Lang,
    today: date,
    fiscal_year_start_month: int = 1,
    context: CoachContext | None = None,
) -> Verdict:
    """Judge one objective against the SMART criteria, with reasons and a rewrite in ``lang``."""
    if lang not in ("fr", "en"):
        raise ValueError(f"language must be 'fr' or 'en', not {lang!r}")
    FiscalCalendar(fiscal_year_start_month)  # validates the month
    ctx = context or _EMPTY_CONTEXT
    norm = normalize(statement)
    deadline_match = find_deadline(norm, today=today, fiscal_year_start_month=fiscal_year_start_month)
    clauses = split_clauses(_blank(norm, deadline_match), lang)
    main = clauses.main
    start = clauses.main_start
    verb = direction_verb(main)
    found: TargetFound | None = find_target(main, lang=lang, verb=verb)
    metric_word = has_metric(main, verb[1] if verb is not None else 0) if verb or found else None
    deliverable_span = deliverable(main)
    deliverable_phrase = (
        statement[start + deliverable_span[0] : start + deliverable_span[1]].strip(_STRIP)
        if deliverable_span is not None
        else None
    )

    target: Target | None = None
    if found is not None:
        direction: Direction = found.direction  # type: ignore[assignment]
        target = Target(found.value, found.unit, direction, found.relative)

    metric: str | None = None
    if metric_word is not None or found is not None:
        if found is not None and found.baseline is None and (verb is None or found.start <= verb[2] + 12):
            # "Vendre 2 500 cartes cadeaux": the metric follows the number.
            metric = _metric_phrase(statement, norm, start + found.end, start + len(main))
        if metric is None:
            begin = verb[2] if verb is not None and (found is None or verb[2] <= found.start) else 0
            stop = found.start if found is not None and found.start > begin else len(main)
            metric = _metric_phrase(statement, norm, start + begin, start + stop)

    what = metric or (deliverable_phrase and statement[start : start + len(main)].strip(_STRIP))
    if (
        metric_word is not None
        or deliverable_phrase is not None
        or (found and found.unit != "count")
        or found is not None
    ):
        specific = Criterion(True, text("specific.ok", lang, what=what or main.strip(_STRIP)))
    else:
        specific = Criterion(False, text("specific.no", lang))

    if target is not None and specific.ok:
        shown = format_number(target.value, lang, target.unit)
        shown = ("+" if target.direction == "increase" else "-") + shown if target.relative else shown
        measurable = Criterion(True, text("measurable.target", lang, target=shown))
    elif deliverable_phrase is not None:
        measurable = Criterion(True, text("measurable.deliverable", lang, what=deliverable_phrase))
    elif metric_word is not None:
        measurable = Criterion(False, text("measurable.no_target", lang))
    else:
        measurable = Criterion(False, text("measurable.no", lang))

    warnings: list[str] = []
    if deadline_match is not None:
        shown_date = format_date(deadline_match.deadline, lang)
        time_bound = Criterion(True, text("time_bound.ok", lang, date=shown_date, rule=deadline_match.rule))
        if deadline_match.deadline < today:
            warnings.append(text("warning.past", lang, date=shown_date, today=format_date(today, lang)))
        elif (deadline_match.deadline - today).days > 5 * 366:
            warnings.append(text("warning.far", lang, date=shown_date))
    else:
        time_bound = Criterion(False, text("time_bound.no", lang))

    reason_start = len(norm) - len(clauses.reason) if clauses.reason else len(norm)
    if clauses.main_start > 0:  # the reason opened the sentence
        reason_span = (0, clauses.main_start)
        reason_original = statement[: clauses.main_start]
    else:
        reason_span = (reason_start, len(statement))
        reason_original = statement[reason_start:]
    relevant = _relevance(clauses.reason, reason_original, ctx, lang)

    deadline = deadline_match.deadline if deadline_match else None
    text_baseline = found.baseline if found is not None else None
    achievable, evidence = _achievable(target, deadline, text_baseline, ctx, today, lang)
    verdicts = {
        "specific": specific,
        "measurable": measurable,
        "time_bound": time_bound,
        "relevant": relevant,
        "achievable": achievable,
    }
    suggestion = _suggestion(
        original=statement,
        main=(clauses.main_start, clauses.main_end),
        reason=reason_span,
        deadline_match=deadline_match,
        verdicts=verdicts,
        evidence=evidence,
        ctx=ctx,
        today=today,
        fiscal_year_start_month=fiscal_year_start_month,
        lang=lang,
    )
    return Verdict(
        specific=specific,
        measurable=measurable,
        achievable=achievable,
        relevant=relevant,
        time_bound=time_bound,
        deadline=deadline,
        deadline_rule=deadline_match.rule if deadline_match else None,
        metric=metric if specific.ok else None,
        target=target if specific.ok else None,
        suggestion=suggestion,
        warnings=tuple(warnings),
        evidence=evidence,
    )


def coach_many(
    rows: Iterable[Mapping[str, Any]],
    *,
    default_lang: Lang = "fr",
    default_today: date | None = None,
    default_fiscal_year_start_month: int = 1,
) -> list[Verdict]:
    """Judge many rows shaped like ``smart_public.jsonl`` (``text``, ``lang``, ``today``, …).

    ``today`` may be a ``date`` or an ISO string; a row without it uses ``default_today``.
    """
    verdicts: list[Verdict] = []
    for row in rows:
        raw_today = row.get("today", default_today)
        if raw_today is None:
            raise ValueError("a row has no 'today' and no default_today was given")
        today = raw_today if isinstance(raw_today, date) else date.fromisoformat(str(raw_today))
        lang = row.get("lang", default_lang)
        fiscal = int(row.get("fiscal_year_start", default_fiscal_year_start_month))
        context = row.get("context")
        verdicts.append(
            coach(
                str(row["text"]),
                lang=lang,
                today=today,
                fiscal_year_start_month=fiscal,
                context=context if isinstance(context, CoachContext) else None,
            )
        )
    return verdicts
