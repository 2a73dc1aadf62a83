"""The SMART coach applied to a roadmap's objectives: engine in, verdicts out, in the reader's language.

The engine reads the objective's *specific* text in the language it is written in (the roadmap's content
language is only a hint) and explains its verdicts in the language of the page being read. The objective's
structured fields (metric, unit, baseline, target, direction, deadline, done state) and its tracked KPI go
in the context, not into the sentence: they are the source of truth, and where the text says something else
the verdict lists the disagreement (``Verdict.conflicts``) instead of judging one and showing the other.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import get_language

from jalon.engines import smart
from jalon.engines.smart_types import ForecastEvidence
from jalon.strategy import advising
from jalon.strategy.kpis import forecasting
from jalon.strategy.models import KPI, Objective, Roadmap

CRITERIA = ("specific", "measurable", "achievable", "relevant", "time_bound")


@dataclass(frozen=True)
class ObjectiveDraft:
    """What the coach needs of an objective, whether saved or still being typed in a form."""

    title: str
    specific: str
    impact: str = ""
    metric: str = ""
    unit: str = ""
    baseline: float | None = None
    target: float | None = None
    direction: str = ""
    done_state: str = ""
    deadline: date | None = None
    deadline_rule: str = ""
    parent_title: str = ""

    @classmethod
    def of(cls, objective: Objective) -> ObjectiveDraft:
        return cls(
            title=objective.title,
            specific=objective.specific,
            impact=objective.impact,
            metric=objective.metric,
            unit=objective.unit,
            baseline=objective.baseline,
            target=objective.target,
            direction=objective.direction,
            done_state=objective.done_state,
            deadline=objective.deadline,
            deadline_rule=objective.deadline_rule,
            parent_title=objective.parent.title if objective.parent_id and objective.parent else "",
        )


def _benchmark(draft: ObjectiveDraft, kpi: KPI | None, roadmap: Roadmap) -> smart.Benchmark | None:
    """The published range of the objective's metric (its KPI's chosen or matched metric first) in the
    roadmap's sector, with its sources: the coach's yardstick for *achievable* when there is no history. A
    KPI's own benchmark figures win."""
    if kpi is not None and kpi.benchmark_low is not None and kpi.benchmark_high is not None:
        return smart.Benchmark(kpi.benchmark_low, kpi.benchmark_high, source=kpi.benchmark_source)
    lang = reader_language()
    found = advising.kpi_benchmark(kpi, lang=lang, roadmap=roadmap) if kpi is not None else None
    if found is None:
        sector = advising.sector_of(roadmap)
        found = advising.named_benchmark(draft.metric or draft.title, draft.unit, lang=lang, sector=sector)
    if found is None:
        return None
    return smart.Benchmark(found["low"], found["high"], source=advising.yardstick_text(found))


def reader_language() -> smart.Lang:
    """The language of the page being read: verdicts are explained in it, whatever the text's."""
    return "en" if (get_language() or "fr").startswith("en") else "fr"


def content_language(roadmap: Roadmap) -> smart.Lang:
    """The language the roadmap's objectives are usually written in: a hint for reading them."""
    return "en" if (roadmap.language or "fr").startswith("en") else "fr"


def reference_day(roadmap: Roadmap) -> date:
    """The day relative words are read from ("by the end of the fiscal year"): today, or the roadmap's
    start when it has not started yet, the day its deadline rules are resolved from
    (``services.resolved_deadline``), so that the text and the rule of an objective name the same date."""
    today = timezone.localdate()
    return max(today, roadmap.start)


def coach_draft(
    draft: ObjectiveDraft,
    *,
    roadmap: Roadmap,
    history: list[tuple[date, float]] | None = None,
    today: date | None = None,
    kpi: KPI | None = None,
    forecast: ForecastEvidence | None = None,
) -> smart.Verdict:
    context = smart.CoachContext(
        baseline=draft.baseline,
        history=tuple(history or ()),
        impact=draft.impact,
        vision=roadmap.vision,
        parent_objective=draft.parent_title,
        target=draft.target,
        metric=draft.metric,
        unit=draft.unit,
        direction=draft.direction,
        deadline=draft.deadline,
        deadline_rule=draft.deadline_rule,
        done_state=draft.done_state,
        kpi_name=kpi.name if kpi else "",
        kpi_target=kpi.target if kpi else None,
        kpi_unit=kpi.unit if kpi else "",
        forecast=forecast,
        benchmark=_benchmark(draft, kpi, roadmap),
        horizon=(roadmap.start, roadmap.end),
    )
    return smart.coach(
        (draft.specific or draft.title).strip(),
        lang=reader_language(),
        text_lang=content_language(roadmap),
        today=today or reference_day(roadmap),
        fiscal_year_start_month=roadmap.fiscal_year_start_month,
        context=context,
    )


def tracked_kpi(kpis: list[KPI]) -> KPI | None:
    """The KPI an objective is judged on: its first KPI that has measurements."""
    return next((kpi for kpi in kpis if kpi.measurements.all()), None)


def history_of(kpis: list[KPI]) -> list[tuple[date, float]]:
    kpi = tracked_kpi(kpis)
    return [(m.date, m.value) for m in kpi.measurements.all()] if kpi else []


def forecast_evidence(kpis: list[KPI]) -> ForecastEvidence | None:
    """The odds every page shows for this objective (``kpis.forecasting``), with its tracked KPI's projection;
    None without odds (fewer than five measurements), when the coach judges by the observed pace."""
    kpi = tracked_kpi(kpis)
    if kpi is None:
        return None
    result = forecasting.kpi_forecast(kpi)
    odds = forecasting.objective_odds(kpis, forecasts={kpi.pk: result})
    if odds is None:
        return None
    if result is None:
        return ForecastEvidence(odds.probability, len(kpi.measurements.all()))
    return ForecastEvidence(odds.probability, result.points, result.projection, result.low, result.high)


def coach_objective(objective: Objective, *, kpis: list[KPI], today: date | None = None) -> smart.Verdict:
    return coach_draft(
        ObjectiveDraft.of(objective),
        roadmap=objective.roadmap,
        history=history_of(kpis),
        today=today,
        kpi=tracked_kpi(kpis) or (kpis[0] if kpis else None),
        forecast=forecast_evidence(kpis),
    )
