"""The SMART coach applied to a roadmap's objectives: engine in, verdicts out, in the user's language.

The engine judges a sentence. An objective also has structured fields (metric, target, deadline), so the
sentence given to the engine is the objective's *specific* text completed with what the fields say (its
baseline → target, which wins over a number in the text, and its deadline); the context carries the impact,
the vision, the parent objective and the KPI history, so "achievable" is judged from evidence.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone
from django.utils.translation import get_language

from jalon.engines import smart
from jalon.engines.smart_messages import format_date, format_number
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
    done_state: str = ""
    deadline: date | None = None
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
            done_state=objective.done_state,
            deadline=objective.deadline,
            parent_title=objective.parent.title if objective.parent_id and objective.parent else "",
        )


def _lang(roadmap: Roadmap) -> smart.Lang:
    """The language the objectives are written in: the engine reads (and explains) in that language.

    Reading French text with English rules would change the verdicts with the reader's interface
    language; the verdict must be the same for everyone, so the roadmap's content language decides.
    """
    language = roadmap.language or get_language() or "fr"
    return "en" if language.startswith("en") else "fr"


def statement_for(draft: ObjectiveDraft, lang: smart.Lang) -> str:
    """The objective as one sentence: its text, plus the target and deadline its fields hold."""
    text = (draft.specific or draft.title).strip().rstrip(".")
    unit = draft.unit.strip()
    if draft.target is not None:
        target = format_number(draft.target, lang) + (f" {unit}" if unit else "")
        if draft.baseline is not None:
            start = format_number(draft.baseline, lang) + (f" {unit}" if unit else "")
            text += f" ({'de' if lang == 'fr' else 'from'} {start} {'à' if lang == 'fr' else 'to'} {target})"
        else:
            text += f" ({'jusqu’à' if lang == 'fr' else 'to'} {target})"
    if draft.deadline is not None:
        when = format_date(draft.deadline, lang)
        text += f" {'d’ici le' if lang == 'fr' else 'by'} {when}"
    return text + "."


def coach_draft(
    draft: ObjectiveDraft,
    *,
    roadmap: Roadmap,
    history: list[tuple[date, float]] | None = None,
    today: date | None = None,
) -> smart.Verdict:
    lang = _lang(roadmap)
    context = smart.CoachContext(
        baseline=draft.baseline,
        history=tuple(history or ()),
        impact=draft.impact,
        vision=roadmap.vision,
        parent_objective=draft.parent_title,
    )
    return smart.coach(
        statement_for(draft, lang),
        lang=lang,
        today=today or timezone.localdate(),
        fiscal_year_start_month=roadmap.fiscal_year_start_month,
        context=context,
    )


def tracked_kpi(kpis: list[KPI]) -> KPI | None:
    """The KPI an objective is judged on: its first KPI that has measurements."""
    return next((kpi for kpi in kpis if kpi.measurements.all()), None)


def history_of(kpis: list[KPI]) -> list[tuple[date, float]]:
    kpi = tracked_kpi(kpis)
    return [(m.date, m.value) for m in kpi.measurements.all()] if kpi else []


def coach_objective(objective: Objective, *, kpis: list[KPI], today: date | None = None) -> smart.Verdict:
    return coach_draft(
        ObjectiveDraft.of(objective), roadmap=objective.roadmap, history=history_of(kpis), today=today
    )
