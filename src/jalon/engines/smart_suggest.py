"""The suggested rewrite: what fails is fixed with the context (real fiscal dates, the KPI's baseline).

It is written in the reader's language. When the statement is in that language too, the rewrite keeps
the user's own words for what changes and why; otherwise it quotes them inside a sentence of the
reader's language ("Move “taux de clic des bannières” from <current value> to <numeric target> …").
"""

from __future__ import annotations

import re
from datetime import date

from jalon.engines.calendar import FiscalCalendar
from jalon.engines.smart_clauses import Parse
from jalon.engines.smart_deadlines import DeadlineMatch
from jalon.engines.smart_messages import format_date, format_number, text
from jalon.engines.smart_reading import Reading
from jalon.engines.smart_text import Prepared
from jalon.engines.smart_types import CoachContext, Criterion, Evidence, Lang

__all__ = ["suggest"]

_STRIP = " ,;:.!?-–—\t\n"
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,;:.])")


def _pieces(prepared: Prepared, spans: tuple[tuple[int, int], ...], cut: DeadlineMatch | None) -> str:
    parts = []
    for start, end in sorted(spans):
        if cut is not None and start <= cut.start < end:
            parts.append(prepared.source(start, cut.start) + " " + prepared.source(cut.end, end))
        else:
            parts.append(prepared.source(start, end))
    joined = " ".join(" ".join(part.split()) for part in parts)
    joined = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", joined)
    return joined.strip(_STRIP)


def suggest(
    *,
    prepared: Prepared,
    parse: Parse,
    reading: Reading,
    deadline: DeadlineMatch | None,
    verdicts: dict[str, Criterion],
    evidence: Evidence,
    ctx: CoachContext,
    today: date,
    fiscal_year_start_month: int,
    lang: Lang,
) -> str:
    original = prepared.original
    if all(verdicts[name].ok for name in ("specific", "measurable", "time_bound", "relevant")):
        if verdicts["achievable"].ok is False and evidence.projected is not None:
            level = format_number(evidence.projected, lang, evidence.unit)
            return original.strip().rstrip(".") + text("suggest.realistic", lang, level=level) + "."
        return original.strip()
    same_language = parse.lang == lang
    current = evidence.baseline if evidence.baseline is not None else ctx.baseline
    if current is None:
        current = reading.baseline
    shown_baseline = format_number(current, lang) if current is not None else text("current", lang)
    if evidence.projected is not None:
        level = format_number(evidence.projected, lang, evidence.unit)
    else:
        level = "<cible chiffrée>" if lang == "fr" else "<numeric target>"
    main = _pieces(prepared, parse.main_spans, deadline)
    if not verdicts["specific"].ok:
        sentence = text("suggest.vague", lang, baseline=shown_baseline)
    elif same_language:
        sentence = main
        if not verdicts["measurable"].ok:
            sentence += text("suggest.target", lang, baseline=shown_baseline, level=level)
    elif reading.metric_phrase and not verdicts["measurable"].ok:
        sentence = text(
            "suggest.metric", lang, metric=reading.metric_phrase, baseline=shown_baseline, level=level
        )
    elif reading.deliverable is not None and reading.target is None:
        what = prepared.source(*reading.deliverable).strip(_STRIP)
        sentence = text("suggest.deliverable", lang, what=what)
    else:
        sentence = text("suggest.keep", lang, what=main)
    when = evidence_deadline(deadline, ctx)
    if verdicts["time_bound"].ok and when is not None:
        if when >= today:
            sentence += text("suggest.deadline", lang, date=format_date(when, lang))
        else:
            sentence += _fiscal_end(today, fiscal_year_start_month, lang)
    else:
        sentence += _fiscal_end(today, fiscal_year_start_month, lang)
    why = _pieces(prepared, parse.reason_spans, deadline)
    if verdicts["relevant"].ok and why and same_language:
        sentence += ", " + why
    elif verdicts["relevant"].ok and why:
        sentence += text("suggest.reason_context", lang, why=why)
    elif verdicts["relevant"].ok:
        value = ctx.impact or ctx.parent_objective or ctx.vision
        sentence += text("suggest.reason_context", lang, why=value.strip())
    else:
        sentence += text("suggest.reason_missing", lang)
    sentence = sentence.strip()
    stop = "" if sentence.endswith((".", "!", "?", "…")) else "."  # a vision borrowed keeps its own stop
    return sentence[:1].upper() + sentence[1:] + stop


def evidence_deadline(deadline: DeadlineMatch | None, ctx: CoachContext) -> date | None:
    if ctx.deadline is not None:
        return ctx.deadline
    return deadline.deadline if deadline is not None else None


def _fiscal_end(today: date, start_month: int, lang: Lang) -> str:
    end = FiscalCalendar(start_month).year_containing(today).end
    return text("suggest.deadline_fy", lang, date=format_date(end, lang))
