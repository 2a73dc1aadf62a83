"""The report as plain values: everything every renderer (PDF, slides, Markdown, calendar, workbook) shows.

Texts are already in the report's language (the collector runs under ``translation.override``); numbers
and dates stay typed so that each renderer formats them its own way (a native chart needs numbers, a
workbook typed cells). SVG pictures are the pages' own, as strings.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from jalon.reports.framing_model import FramingBlock
from jalon.reports.options import ReportOptions

LONG_AMOUNT = 15
"""Characters of an amount (« 100 000 000 000 € », "€100,000,000,000") past which the PDF's budget table is
set smaller: its three amount columns then hold up to a quadrillion on one line each."""


@dataclass(frozen=True)
class KpiSeries:
    key: str
    name: str
    unit: str
    target: float | None
    frequency: str
    points: tuple[tuple[date, float], ...]
    # The KPI page's picture, drawn when read: only the PDF shows it, and past ``pdf.CHARTS_AT_MOST`` KPIs
    # only for some (a consultancy's 450 pictures were drawn for every format, 0.5 s of processor time).
    drawn: Callable[[], str] = field(repr=False, compare=False)
    odds: str = ""  # the odds of reaching the target ("62 %"; "pas encore (aucun mouvement)" at zero all
    # along), empty without a forecast
    band: str = ""  # a band KPI's target in words ("entre 0,2 % et 0,5 %"): it has no single target
    probability: float | None = None  # the odds as a number (which KPIs the PDF charts when it cannot all)

    @property
    def chart_svg(self) -> str:
        return self.drawn()


@dataclass(frozen=True)
class CriterionVerdict:
    label: str
    ok: bool | None
    reason: str


@dataclass(frozen=True)
class Chain:
    strategy: str
    tactics: tuple[str, ...]


@dataclass(frozen=True)
class ObjectiveBlock:
    key: str
    title: str
    depth: int
    specific: str
    impact: str
    metric: str
    unit: str
    baseline: float | None
    target: float | None
    direction: str
    deadline: date | None
    term: str
    owner: str
    done_state: str
    is_smart: bool
    verdicts: tuple[CriterionVerdict, ...]
    # The coach's warnings, as the form, the SMART table and the check say them (deadline outside the
    # horizon, numbers or signs against the direction…): one verdict, one list, everywhere.
    warnings: tuple[str, ...]
    health: str
    kpis: tuple[KpiSeries, ...]
    chains: tuple[Chain, ...]
    odds: float | None = None  # the objective's odds from its KPIs' forecasts (what ``health`` follows)

    @property
    def criteria_met(self) -> str:
        """The criteria the coach finds met, in one line (« Spécifique, Mesurable »): the PDF's SMART table
        of a large roadmap says them so, and writes out only the others' reasons."""
        return ", ".join(v.label for v in self.verdicts if v.ok)


@dataclass(frozen=True)
class BudgetLine:
    name: str
    colour: str
    planned: Decimal
    committed: Decimal
    spent: Decimal
    maintenance: bool
    overrun: Decimal = Decimal(0)  # how much over budget (``ThemeBudget.overrun``), 0 within budget


@dataclass(frozen=True)
class Band:
    """A thematic group's span on the timeline (first activity's start to last one's end)."""

    name: str
    colour: str
    start: date
    end: date
    note: str


@dataclass(frozen=True)
class MilestoneRow:
    key: str
    title: str
    date: dt.date
    reached_on: dt.date | None
    missed: bool


@dataclass(frozen=True)
class ActivityRow:
    key: str
    title: str
    description: str
    theme: str
    colour: str
    owner: str
    status: str
    status_label: str
    start: date | None
    end: date | None
    cost: Decimal
    late: bool = False  # past its planned end and not done on the report's day (``is_late``)


@dataclass(frozen=True)
class WorkloadRow:
    name: str
    capacity_hours_per_week: float
    overloaded_weeks: int
    excess_hours: float


@dataclass(frozen=True)
class RiskRow:
    number: int
    title: str
    probability: int
    impact: int
    level: str
    level_label: str
    owner: str
    contingency: str
    status: str
    needs_contingency: bool = False  # the risks page's flag (``RiskRow.needs_contingency`` there)

    @property
    def missing_plan(self) -> str:
        """What stands for a missing contingency plan in a document: the risks page's flag when the risk is
        high and not closed (« ⚠ Risque élevé sans plan d’urgence »), a dash otherwise."""
        from django.utils.translation import gettext

        return "⚠ " + gettext("High risk without a contingency plan") if self.needs_contingency else "—"


@dataclass(frozen=True)
class CommunicationRow:
    audience: str
    message: str
    channel: str
    frequency: str
    owner: str
    next_date: date | None


@dataclass(frozen=True)
class ReviewBlock:
    title: str
    held_on: date
    decisions: str
    notes: str
    # The snapshot's objectives as the review page shows them: title, target, latest value, odds of the day.
    objectives: tuple[tuple[str, str, str, str], ...] = ()


@dataclass(frozen=True)
class TimelineBar:
    """An activity on the deck's timeline, in its lane."""

    key: str
    title: str
    start: date
    end: date
    colour: str
    status_label: str
    owner: str
    late: bool = False  # past its planned end and not done on the report's day (``is_late``)


@dataclass(frozen=True)
class TimelineLane:
    """A lane of the operational timeline (a thematic group, an objective or an owner) and its activities,
    in the order the PDF's timeline shows them."""

    label: str
    colour: str
    bars: tuple[TimelineBar, ...]


@dataclass(frozen=True)
class QuietStretch:
    """Months of the timeline without any activity (whole printed stretches, ``collect.quiet_stretches``),
    and the line that says so in every document (« Aucune activité de juillet à décembre 2027. »)."""

    first: date
    last: date
    note: str


@dataclass(frozen=True)
class Report:
    options: ReportOptions
    title: str
    slug: str
    workspace: str
    workspace_slug: str  # with ``slug``, what names the roadmap among every server's (the calendar's UIDs)
    roadmap_type: str
    start: date
    end: date
    horizon_months: int | None
    vision: str
    version: int
    generated_on: date
    currency: str
    fiscal_year_start_month: int
    sections: tuple[tuple[str, str], ...]  # (key, title) of the sections shown, in order
    objectives: tuple[ObjectiveBlock, ...] = ()
    budget: tuple[BudgetLine, ...] = ()
    maintenance_share: float = 0.0
    overrun: Decimal = Decimal(0)  # the total's (``TotalBudget``): the groups' overruns added up
    bands: tuple[Band, ...] = ()
    milestones: tuple[MilestoneRow, ...] = ()
    activities: tuple[ActivityRow, ...] = ()
    workload: tuple[WorkloadRow, ...] = ()
    risks: tuple[RiskRow, ...] = ()
    risk_matrix_svg: str = ""
    communications: tuple[CommunicationRow, ...] = ()
    review: ReviewBlock | None = None
    # The executive timeline, one picture per printed stretch of months and, past what a page holds, per part
    # of the thematic groups (each part's caption: "Thematic groups 1 to 14 of 40"; "" when not cut).
    executive_svgs: tuple[str, ...] = ()
    executive_captions: tuple[str, ...] = ()
    timeline_svgs: tuple[str, ...] = field(default=())  # the operational timeline, one per page
    # Stretches of months with no activity get no page: a line says so where they would have been, before
    # the picture that follows them ("" when none) and after the last one.
    timeline_gaps: tuple[str, ...] = ()  # one per picture of ``timeline_svgs``
    timeline_gap_after: str = ""
    quiet: tuple[QuietStretch, ...] = ()  # the same stretches, for the deck and the Markdown
    # The operational timeline's frame (its first and last day, snapped as the PDF's) and its lanes.
    timeline_start: date | None = None
    timeline_end: date | None = None
    lanes: tuple[TimelineLane, ...] = ()
    # What the timelines leave out, said beside them: "3 activities have no dates yet…" ("" when none).
    undated_note: str = ""
    out_of_reach_note: str = ""  # the milestones and activities dated too far from the horizon to be drawn
    # The executive view's count of late activities, in its words ("3 late activities (past their planned
    # end and not done)", "No late activity."): said under the timelines.
    late_note: str = ""
    framing: FramingBlock | None = None
    archived_on: date | None = None  # an archived roadmap's deliverable says so, on its cover

    @property
    def executive_svg(self) -> str:
        """The executive timeline's first picture (its whole when the plan fits one page's months)."""
        return self.executive_svgs[0] if self.executive_svgs else ""

    def shows(self, section: str) -> bool:
        return any(key == section for key, _title in self.sections)

    @property
    def chained(self) -> bool:
        """Whether any objective has a strategy (the chains section says so when none has)."""
        return any(o.chains for o in self.objectives)

    @property
    def planned(self) -> Decimal:
        return sum((line.planned for line in self.budget), Decimal(0))

    @property
    def maintenance_sentence(self) -> str:
        """The pages' sentence (``maintenance_sentence``), in the language active when it is read."""
        from jalon.planning.registers.budget import maintenance_sentence  # the model stays import-light

        has_maintenance = any(line.maintenance for line in self.budget)
        return maintenance_sentence(self.maintenance_share, has_maintenance=has_maintenance)

    @property
    def long_amounts(self) -> bool:
        """Whether a budget total is written with more than ``LONG_AMOUNT`` characters (a trillion): the PDF
        then sets its budget table smaller, so that every amount stays on one line."""
        from jalon.formatting import format_quantity

        totals = (self.planned, self.committed, self.spent)
        return any(len(format_quantity(float(total), self.currency)) > LONG_AMOUNT for total in totals)

    def over_by(self, name: str, overrun: Decimal) -> str:
        """A budget line's name with how much it is over budget, in the pages' words (« Fidélisation
        (dépassement de 700 €) »); the name alone within budget."""
        from django.utils.translation import gettext

        from jalon.formatting import format_quantity

        if not overrun:
            return name
        amount = format_quantity(float(overrun), self.currency)
        return f"{name} ({gettext('over by %(amount)s') % {'amount': amount}})"

    @property
    def committed(self) -> Decimal:
        return sum((line.committed for line in self.budget), Decimal(0))

    @property
    def spent(self) -> Decimal:
        return sum((line.spent for line in self.budget), Decimal(0))

    @property
    def top_objectives(self) -> tuple[ObjectiveBlock, ...]:
        return tuple(o for o in self.objectives if o.depth == 0)


def objective_tree(
    objectives: Sequence[ObjectiveBlock],
) -> list[tuple[ObjectiveBlock, ObjectiveBlock | None, list[ObjectiveBlock]]]:
    """Each objective (a parent before its sub-objectives, as the report lists them) with its parent, if it
    is a sub-objective, and its own sub-objectives."""
    tree: list[tuple[ObjectiveBlock, ObjectiveBlock | None, list[ObjectiveBlock]]] = []
    above: list[tuple[ObjectiveBlock, list[ObjectiveBlock]]] = []  # the chain of parents of the next one
    for objective in objectives:
        del above[objective.depth :]
        parent = above[-1] if above else None
        children: list[ObjectiveBlock] = []
        if parent is not None:
            parent[1].append(objective)
        tree.append((objective, parent[0] if parent else None, children))
        above.append((objective, children))
    return tree
