"""The SMART coach: a marketing objective's text (+ context) -> verdicts, reasons, deadline, target.

Pure Python: no Django, no I/O. Rules, not a language model, decide every verdict (issues 4 and 17):

- specific: the main clause (before the "why") names a metric, a deliverable or a quantity;
- measurable: a quantity with a target, or a deliverable verb with a concrete object;
- time_bound: a deadline phrase resolved through ``jalon.engines.calendar`` (see ``smart_deadlines``);
- relevant: the "why" clause names a business stake, or the context gives impact/parent/vision;
- achievable: only from evidence (baseline, KPI history, published range); otherwise ``None``.

The statement is read in the language it is written in (detected, ``text_lang`` as a hint); reasons,
warnings and the suggestion are written in the reader's language ``lang``. The objective's own fields
(target, deadline) and its KPI's target are the source of truth: where the text says otherwise, the
verdict says so in ``conflicts``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from jalon.engines.calendar import FiscalCalendar
from jalon.engines.smart_achievable import judge_achievable, target_level
from jalon.engines.smart_clauses import parse
from jalon.engines.smart_dates import impossible_day
from jalon.engines.smart_deadlines import DATE_RULE, DeadlineMatch, find_deadline
from jalon.engines.smart_lexicon import BUDGET_BALANCE, BUSINESS, FIXER
from jalon.engines.smart_messages import describe_deadline, format_date, format_day, format_number, text
from jalon.engines.smart_numbers import TargetFound
from jalon.engines.smart_reading import Reading, read
from jalon.engines.smart_suggest import suggest
from jalon.engines.smart_text import Prepared, detect_language
from jalon.engines.smart_types import (
    Benchmark,
    Bound,
    CoachContext,
    Criterion,
    Direction,
    Evidence,
    Lang,
    Target,
    Verdict,
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

_EMPTY_CONTEXT = CoachContext()
_STRIP = " ,;:.!?-–—\t\n()"
_UNIT_ALIASES = {
    "%": "%", "pct": "%", "percent": "%", "pourcent": "%", "pts": "pts", "points": "pts", "point": "pts",
    "eur": "EUR", "€": "EUR", "euro": "EUR", "euros": "EUR", "k€": "EUR", "usd": "USD", "$": "USD",
    "gbp": "GBP", "£": "GBP",
}  # fmt: skip


def _find_deadline(prepared: Prepared, views: list[str], today: date, fiscal: int) -> DeadlineMatch | None:
    for index, view in enumerate(views):
        if not view.strip():
            continue
        found = find_deadline(view, today=today, fiscal_year_start_month=fiscal)
        if found is not None and (index < len(views) - 1 or found.strong):
            return found
    return None


def _unit_code(unit: str) -> str:
    """A unit typed in a field ("%", "€", "EUR", "points") as the coach's unit code."""
    return _UNIT_ALIASES.get(unit.strip().lower(), unit.strip()) or "count"


def _same_unit(a: str, b: str) -> bool:
    a, b = (
        _UNIT_ALIASES.get(a.strip().lower(), a.strip().lower()),
        _UNIT_ALIASES.get(b.strip().lower(), b.strip().lower()),
    )
    return not a or not b or a == b or {a, b} <= {"count", ""}


def _conflicts(
    target: Target | None, deadline: date | None, ctx: CoachContext, baseline: float | None, lang: Lang
) -> list[str]:
    found: list[str] = []
    unit = ctx.unit.strip()
    if target is not None and ctx.target is not None:
        comparable = not target.relative or baseline is not None
        levels = [target.value]
        if target.relative and baseline is not None:
            # "+2 %" on a rate is read as a relative change, but people often mean points: either fits.
            sign = -1.0 if target.direction == "decrease" else 1.0
            levels = [target_level(target, baseline), baseline + sign * target.value]
        agree = any(math.isclose(level, ctx.target, rel_tol=1e-3, abs_tol=1e-9) for level in levels)
        if comparable and not agree:
            shown_unit = target.unit if not target.relative else unit or "count"
            field_unit = _UNIT_ALIASES.get(unit.lower(), unit) or "count"
            found.append(
                text(
                    "conflict.target",
                    lang,
                    text_value=format_number(levels[0], lang, shown_unit),
                    field_value=format_number(ctx.target, lang, field_unit),
                )
            )
    kpi_differs = ctx.target is not None and ctx.kpi_target is not None and ctx.kpi_name
    if kpi_differs and not math.isclose(ctx.target or 0.0, ctx.kpi_target or 0.0, rel_tol=1e-3, abs_tol=1e-9):
        found.append(
            text(
                "conflict.kpi_target",
                lang,
                objective=format_number(ctx.target or 0.0, lang, _unit_code(unit)),
                kpi=ctx.kpi_name,
                kpi_value=format_number(ctx.kpi_target or 0.0, lang, _unit_code(ctx.kpi_unit)),
            )
        )
    unit_known = target is not None and ctx.kpi_name and ctx.kpi_unit and not target.relative
    if unit_known and target is not None and not _same_unit(target.unit, ctx.kpi_unit):
        found.append(
            text("conflict.unit", lang, text_unit=target.unit, kpi=ctx.kpi_name, kpi_unit=ctx.kpi_unit)
        )
    if deadline is not None and ctx.deadline is not None and deadline != ctx.deadline:
        found.append(
            text(
                "conflict.deadline",
                lang,
                text_date=format_date(deadline, lang),
                field_date=format_date(ctx.deadline, lang),
            )
        )
    return found


def _deadline_warnings(
    deadline: date, today: date, horizon: tuple[date, date] | None, lang: Lang
) -> list[str]:
    """A deadline outside the roadmap's horizon, already passed, or more than five years away."""
    shown = format_date(deadline, lang)
    if horizon is not None and deadline < horizon[0]:
        return [text("warning.before_start", lang, date=shown, start=format_date(horizon[0], lang))]
    if deadline < today:
        return [text("warning.past", lang, date=shown, today=format_date(today, lang))]
    found = []
    if horizon is not None and deadline > horizon[1]:
        found.append(text("warning.after_end", lang, date=shown, end=format_date(horizon[1], lang)))
    if (deadline - today).days > 5 * 366:
        found.append(text("warning.far", lang, date=shown))
    return found


def _direction_warnings(ctx: CoachContext, found: TargetFound | None, lang: Lang) -> list[str]:
    """The numbers go against the direction: an increase whose target is not above its baseline, or a
    decrease whose target is not below it, in the fields (baseline, target, direction) or in the statement's
    own from/to pair under its verb ("augmenter … de 5 % à 3 %")."""
    found_warnings: list[str] = []
    if ctx.baseline is not None and ctx.target is not None:
        unit = _unit_code(ctx.unit.strip())
        found_warnings += _against_direction(ctx.direction, ctx.baseline, ctx.target, unit, lang)
    if found is not None and found.pair_against_verb and found.baseline is not None:
        pair = _against_direction(found.pair_against_verb, found.baseline, found.value, found.unit, lang)
        found_warnings += [w for w in pair if w not in found_warnings]
    return found_warnings


def _against_direction(direction: str, baseline: float, target: float, unit: str, lang: Lang) -> list[str]:
    wrong = {"increase": target <= baseline, "decrease": target >= baseline}
    if not wrong.get(direction):
        return []
    key = "warning.not_above" if direction == "increase" else "warning.not_below"
    values = {"target": format_number(target, lang, unit), "baseline": format_number(baseline, lang, unit)}
    return [text(key, lang, **values)]


def _sign_warnings(found: TargetFound | None, lang: Lang) -> list[str]:
    """A change written with a sign against its change verb: "augmenter de -10 %" and "réduire de +5 %"
    contradict themselves, "réduire de -5 %" says the decrease twice; either way the direction meant is in
    doubt."""
    if found is None or not found.sign_against_verb:
        return []
    if found.sign_against_verb > 0:
        return [
            text(
                "warning.sign_plus_decrease", lang, change="+" + format_number(found.value, lang, found.unit)
            )
        ]
    key = "warning.sign_increase" if found.direction == "increase" else "warning.sign_decrease"
    return [text(key, lang, change="-" + format_number(found.value, lang, found.unit))]


def _zero_change(found: TargetFound | None) -> bool:
    """A change of nothing ("de 0 %", "by 0%"): it names no level to reach, so it is not a target."""
    return found is not None and found.relative and found.value == 0


def _no_deadline(view: str, lang: Lang) -> Criterion:
    """No deadline found: a day written that is on no calendar is named, else the usual reason."""
    impossible = impossible_day(view)
    if impossible is None:
        return Criterion(False, text("time_bound.no", lang))
    return Criterion(False, text("time_bound.no_such_day", lang, day=format_day(*impossible, lang)))


def _field_target(ctx: CoachContext, text_target: Target | None) -> Target | None:
    if ctx.target is None:
        return None
    unit = _UNIT_ALIASES.get(ctx.unit.strip().lower(), ctx.unit.strip() or "count")
    direction: Direction = "reach"
    if ctx.direction in ("increase", "decrease", "reach", "maintain"):
        direction = ctx.direction  # type: ignore[assignment]
    elif text_target is not None:
        direction = text_target.direction
    elif ctx.baseline is not None and ctx.target != ctx.baseline:
        direction = "increase" if ctx.target > ctx.baseline else "decrease"
    bound = text_target.bound if text_target is not None and text_target.direction == "maintain" else None
    return Target(ctx.target, unit, direction, False, bound if direction == "maintain" else None)


def _criteria(
    reading: Reading,
    prepared: Prepared,
    target: Target | None,
    from_field: bool,
    ctx: CoachContext,
    lang: Lang,
) -> tuple[Criterion, Criterion]:
    done_state = ctx.done_state.strip()
    deliverable = prepared.source(*reading.deliverable).strip(_STRIP) if reading.deliverable else None
    what = reading.metric_phrase or deliverable
    named = reading.metric is not None or deliverable is not None or reading.target is not None
    if named or from_field or done_state:
        shown = what or ctx.metric.strip() or done_state
        if not shown and reading.target is not None:
            shown = prepared.source(reading.target.start, reading.target.end).strip(_STRIP)
        specific = Criterion(True, text("specific.ok", lang, what=shown))
    else:
        specific = Criterion(False, text("specific.no", lang))
    if target is not None and specific.ok:
        shown = format_number(target.value, lang, target.unit)
        shown = ("+" if target.direction == "increase" else "-") + shown if target.relative else shown
        key = "measurable.field" if from_field else "measurable.target"
        measurable = Criterion(True, text(key, lang, target=shown))
    elif deliverable is not None:
        measurable = Criterion(True, text("measurable.deliverable", lang, what=deliverable))
    elif done_state and specific.ok:
        measurable = Criterion(True, text("measurable.done_state", lang, what=done_state))
    elif reading.metric is not None:
        measurable = Criterion(False, text("measurable.no_target", lang))
    else:
        measurable = Criterion(False, text("measurable.no", lang))
    return specific, measurable


def _relevance(reason: str, reason_original: str, ctx: CoachContext, lang: Lang) -> Criterion:
    if reason.strip() and (BUSINESS.search(reason) or BUDGET_BALANCE.search(reason)):
        return Criterion(True, text("relevant.text", lang, why=reason_original.strip(_STRIP)))
    for name in ("impact", "parent_objective", "vision"):
        value = getattr(ctx, name).strip().rstrip(".")
        if value:
            label = text(f"field.{name}", lang)
            return Criterion(True, text("relevant.context", lang, field=label, why=value))
    return Criterion(False, text("relevant.no", lang))


def coach(
    statement: str,
    *,
    lang: Lang,
    today: date,
    fiscal_year_start_month: int = 1,
    context: CoachContext | None = None,
    text_lang: Lang | None = None,
) -> Verdict:
    """Judge one objective against the SMART criteria.

    ``lang`` is the reader's language (reasons, warnings, suggestion); the statement's own language is
    detected from its words, ``text_lang`` (when known) breaking ties.
    """
    if lang not in ("fr", "en"):
        raise ValueError(f"language must be 'fr' or 'en', not {lang!r}")
    if text_lang is not None and text_lang not in ("fr", "en"):
        raise ValueError(f"language must be 'fr' or 'en', not {text_lang!r}")
    FiscalCalendar(fiscal_year_start_month)  # validates the month
    ctx = context or _EMPTY_CONTEXT
    prepared = Prepared.of(statement, FIXER)
    written: Lang = "en" if detect_language(prepared.text, text_lang or lang) == "en" else "fr"
    parsed = parse(prepared.text, statement, prepared.origin, written)
    views = [
        parsed.view(parsed.main_spans + parsed.context_spans + parsed.due_spans),
        parsed.view(parsed.due_spans),
        parsed.reason,
    ]
    match = _find_deadline(prepared, views, today, fiscal_year_start_month)
    reading = read(prepared, parsed, (match.start, match.end) if match else None)

    text_target: Target | None = None
    if reading.target is not None:
        direction: Direction = reading.target.direction  # type: ignore[assignment]
        bound: Bound | None = reading.target.bound  # type: ignore[assignment]
        text_target = Target(
            reading.target.value, reading.target.unit, direction, reading.target.relative, bound
        )
    field_target = _field_target(ctx, text_target)
    zero = field_target is None and _zero_change(reading.target)
    target = field_target or (None if zero else text_target)
    specific, measurable = _criteria(reading, prepared, target, field_target is not None, ctx, lang)
    if zero and specific.ok and reading.deliverable is None:
        measurable = Criterion(False, text("measurable.zero_change", lang))

    warnings: list[str] = _direction_warnings(ctx, reading.target, lang) + _sign_warnings(
        reading.target, lang
    )
    deadline = ctx.deadline or (match.deadline if match else None)
    rule = (ctx.deadline_rule or DATE_RULE) if ctx.deadline is not None else (match.rule if match else None)
    label = describe_deadline(rule or DATE_RULE, deadline, lang) if deadline is not None else None
    if deadline is not None and label is not None:
        key = "time_bound.field" if ctx.deadline is not None else "time_bound.ok"
        time_bound = Criterion(True, text(key, lang, label=label))
        warnings += _deadline_warnings(deadline, today, ctx.horizon, lang)
    else:
        time_bound = _no_deadline(views[0], lang)

    reason_original = " ".join(prepared.source(s, e).strip(_STRIP) for s, e in parsed.reason_spans)
    relevant = _relevance(parsed.reason, reason_original, ctx, lang)
    text_baseline = reading.baseline
    achievable, evidence = judge_achievable(
        target if specific.ok else None, deadline, text_baseline, ctx, today, lang
    )
    known = ctx.baseline if ctx.baseline is not None else text_baseline
    conflicts = _conflicts(text_target, match.deadline if match else None, ctx, known, lang)
    verdicts = {
        "specific": specific,
        "measurable": measurable,
        "time_bound": time_bound,
        "relevant": relevant,
        "achievable": achievable,
    }
    suggestion = suggest(
        prepared=prepared,
        parse=parsed,
        reading=reading,
        deadline=match,
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
        deadline_rule=rule,
        metric=(ctx.metric.strip() or reading.metric_phrase) if specific.ok else None,
        target=target if specific.ok else None,
        suggestion=suggestion,
        warnings=tuple(warnings),
        evidence=evidence,
        deadline_label=label,
        conflicts=tuple(conflicts),
        language=written,
    )


def coach_many(
    rows: Iterable[Mapping[str, Any]],
    *,
    default_lang: Lang = "fr",
    default_today: date | None = None,
    default_fiscal_year_start_month: int = 1,
    reader_lang: Lang | None = None,
) -> list[Verdict]:
    """Judge many rows shaped like ``smart_public.jsonl`` (``text``, ``lang``, ``today``, …).

    ``today`` may be a ``date`` or an ISO string; a row without it uses ``default_today``. A row's
    ``lang`` is the statement's language; the verdicts are written in ``reader_lang`` (or the row's).
    """
    verdicts: list[Verdict] = []
    for row in rows:
        raw_today = row.get("today", default_today)
        if raw_today is None:
            raise ValueError("a row has no 'today' and no default_today was given")
        today = raw_today if isinstance(raw_today, date) else date.fromisoformat(str(raw_today))
        written = row.get("lang", default_lang)
        fiscal = int(row.get("fiscal_year_start", default_fiscal_year_start_month))
        context = row.get("context")
        verdicts.append(
            coach(
                str(row["text"]),
                lang=reader_lang or written,
                today=today,
                fiscal_year_start_month=fiscal,
                context=context if isinstance(context, CoachContext) else None,
                text_lang=written,
            )
        )
    return verdicts
