"""The portfolio optimiser on a roadmap: its activities become the engine's problem, the engine's answer
becomes a comparison with the current plan, and a saved scenario is applied through the planning services.

How a roadmap becomes a problem (the same rules are written for users in docs/portfolio.md):

- Candidates are the activities that are ideas, planned or in progress, outside the maintenance budget.
  In-progress activities, their prerequisites that are not done yet, and pinned activities are must-dos;
  the user adds must-dos and must-nots.
- Done activities are sunk: their cost is already committed, so it counts against the overall budget and
  against their thematic group's minimum and maximum (the engine's per-theme reserve carries it).
- A maintenance group's budget is kept aside (or what its committed activities cost, when more): its
  activities keep their status and are not optimised; the rest of the budget funds the candidates.
- Value is the activity's expected value, or a score: value × confidence, ICE (impact and feasibility
  doubled to 1–10, confidence in tenths) or impact × feasibility. RICE and WSJF need reach and cost of
  delay, which activities do not record.
- Capacity: each person's hours per week over the weeks of a fiscal quarter (less absences), in 7-hour
  days, less the hours they are booked on the workspace's other roadmaps, week by week
  (``people.elsewhere``, counted as the workload page counts them; a week never below zero:
  ``workload.free_hours_by_week``), against the effort days of the activities starting in that quarter,
  shared between assignees in proportion to their hours (the owner when nobody is assigned). Work already
  decided is taken off first: in-progress activities and their prerequisites, and planned or in-progress
  maintenance activities, so an overload they cause blocks new work instead of making every portfolio
  impossible. An activity without start date or people is not checked.
- Dependencies: an activity requires its predecessors that are candidates; one whose predecessor was
  dropped is ruled out (unless it is already in progress); other predecessors count as met.
- "Cover every objective": each objective not already served by a done or maintenance activity needs a
  funded activity; objectives that no candidate serves are listed instead of making the problem impossible.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cached_property
from typing import Any

from django.utils.translation import gettext_lazy

from jalon.engines import portfolio as engine
from jalon.engines import scoring, workload
from jalon.engines.calendar import (
    DEFAULT_COUNTRY,
    DateRange,
    FiscalCalendar,
    capacity_hours,
    public_holidays,
)
from jalon.planning import queries
from jalon.planning.models import COMMITTED_STATUSES, Activity, Person, Status, Theme
from jalon.planning.people.elsewhere import hours_between, other_roadmaps_bookings
from jalon.strategy.models import Objective, Roadmap

CANDIDATE_STATUSES = (Status.IDEA, Status.PLANNED, Status.IN_PROGRESS)
HOURS_PER_DAY = 7.0
TIME_LIMIT_SECONDS = 3.0
SEED = 0
# Done activities outside any thematic group still spend the overall budget: a reserve under a name that
# no theme key (a slug) can take.
UNTHEMED_SUNK = "(done, no thematic group)"


class Score(StrEnum):
    VALUE = "value"
    CONFIDENT_VALUE = "confident_value"
    ICE = "ice"
    IMPACT_FEASIBILITY = "impact_feasibility"


SCORE_LABELS = {
    Score.VALUE: gettext_lazy("expected value"),
    Score.CONFIDENT_VALUE: gettext_lazy("expected value × confidence"),
    Score.ICE: gettext_lazy("ICE score (impact × confidence × ease)"),
    Score.IMPACT_FEASIBILITY: gettext_lazy("impact × feasibility"),
}


@dataclass(frozen=True)
class ThemeLimits:
    """Spending allowed on a thematic group; for a maintenance group, ``max_eur`` is the amount kept aside."""

    min_eur: float | None = None
    max_eur: float | None = None


@dataclass(frozen=True)
class Rules:
    """What the user asked for. A theme missing from ``themes`` gets its budget as maximum."""

    budget_eur: float | None
    maximise: Score = Score.VALUE
    cover_objectives: bool = False
    themes: Mapping[str, ThemeLimits] = field(default_factory=dict)
    must_do: frozenset[str] = frozenset()
    must_not: frozenset[str] = frozenset()

    def as_json(self) -> dict[str, Any]:
        return {
            "budget_eur": self.budget_eur,
            "maximise": self.maximise.value,
            "cover_objectives": self.cover_objectives,
            "themes": {k: {"min_eur": v.min_eur, "max_eur": v.max_eur} for k, v in self.themes.items()},
            "must_do": sorted(self.must_do),
            "must_not": sorted(self.must_not),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Rules:
        maximise = data.get("maximise", Score.VALUE)
        return cls(
            budget_eur=data.get("budget_eur"),
            maximise=Score(maximise) if maximise in Score.__members__.values() else Score.VALUE,
            cover_objectives=bool(data.get("cover_objectives")),
            themes={
                key: ThemeLimits(limits.get("min_eur"), limits.get("max_eur"))
                for key, limits in (data.get("themes") or {}).items()
            },
            must_do=frozenset(data.get("must_do") or ()),
            must_not=frozenset(data.get("must_not") or ()),
        )

    def limits(self, theme: Theme) -> ThemeLimits:
        default = ThemeLimits(None, float(theme.budget) if theme.budget > 0 else None)
        return self.themes.get(theme.key, default)


@dataclass
class Plan:
    """Everything the optimiser reads from a roadmap, loaded in a fixed number of queries."""

    roadmap: Roadmap
    themes: list[Theme]
    activities: list[Activity]
    people: list[Person]
    objectives: list[Objective]
    elsewhere: list[workload.Booking] = field(default_factory=list)
    """The people's assignments on the workspace's other roadmaps over the quarters the activities start in:
    capacity already used (``_Capacity``)."""

    @property
    def default_budget_eur(self) -> float:
        return float(sum((theme.budget for theme in self.themes), Decimal(0)))

    def is_candidate(self, activity: Activity) -> bool:
        in_maintenance = activity.theme is not None and activity.theme.is_maintenance
        return activity.status in CANDIDATE_STATUSES and not in_maintenance

    @property
    def candidates(self) -> list[Activity]:
        return [a for a in self.activities if self.is_candidate(a)]

    @cached_property
    def locked(self) -> dict[str, tuple[str, str]]:
        """``always_funded``: the candidates no run may leave out, and why."""
        return always_funded(self)


def load_plan(roadmap: Roadmap) -> Plan:
    activities = list(queries.activities_of(roadmap))
    for activity in activities:
        activity.roadmap = roadmap
    people = list(queries.people_of(roadmap))
    starts = [a.start for a in activities if a.start is not None]
    elsewhere = []
    if starts:  # one query: the other roadmaps' work over the quarters an effort can fall in
        fiscal = FiscalCalendar(roadmap.fiscal_year_start_month)
        first, last = min(starts), max(starts)
        elsewhere = other_roadmaps_bookings(
            roadmap, people,
            first=fiscal.quarter(first, fiscal.quarter_of(first)).start,
            last=fiscal.quarter(last, fiscal.quarter_of(last)).end,
        )  # fmt: skip
    themes, objectives = list(queries.themes_of(roadmap)), list(roadmap.objectives.all())
    return Plan(roadmap, themes, activities, people, objectives, elsewhere)


def score_of(activity: Activity, score: Score) -> tuple[float, bool]:
    """The activity's number for ``score``, and whether an input was missing (counted as explained in
    the module's docstring: no impact or feasibility scores 0, no confidence counts as 100 %)."""
    confidence = activity.confidence
    if score is Score.VALUE:
        return activity.value, False
    if score is Score.CONFIDENT_VALUE:
        return activity.value * (100 if confidence is None else confidence) / 100, confidence is None
    if activity.impact is None or activity.feasibility is None:
        return 0.0, True
    if score is Score.ICE:
        tenths = 10.0 if confidence is None else min(10.0, max(1.0, confidence / 10))
        item = scoring.IceInput(2.0 * activity.impact, tenths, 2.0 * activity.feasibility)
        return scoring.ice_score(item), confidence is None
    return scoring.impact_feasibility_score(
        scoring.ImpactFeasibility(activity.impact, activity.feasibility)
    ), False


@dataclass(frozen=True)
class Built:
    """The engine's problem and what the words about it need."""

    problem: engine.Problem
    plan: Plan
    rules: Rules
    must_do_why: Mapping[str, tuple[str, str]]  # see always_funded; ("chosen", "") for the user's
    must_not_why: Mapping[str, str]  # key -> "" (chosen) or the title of a dropped prerequisite
    sunk_eur: float
    sunk_by_theme: Mapping[str, float]
    kept_for_maintenance_eur: float
    quarters: Mapping[str, tuple[int, int]]  # quarter id -> (number, fiscal year)
    uncoverable: list[Objective]
    missing_data: list[Activity]
    unchecked_effort: list[Activity]
    elsewhere: Mapping[tuple[str, str], list[tuple[str, float]]] = field(default_factory=dict)
    """(person key, quarter id) of a capacity -> (other roadmap's title, days booked there in the quarter),
    the heaviest first: what the capacity leaves out (``_Capacity.limits``)."""


def _shares(activity: Activity) -> dict[str, float]:
    assignments = list(activity.assignments.all())
    if assignments:
        total = sum(a.hours_per_week for a in assignments)
        return {
            a.person.key: (a.hours_per_week / total if total > 0 else 1 / len(assignments))
            for a in assignments
        }
    return {activity.owner.key: 1.0} if activity.owner is not None else {}


def available_days(person: Person, quarter: DateRange) -> float:
    """The days of ``HOURS_PER_DAY`` that ``person`` gives in ``quarter``: their hours on its working days
    (``calendar.capacity_hours``: no public holiday, no absence), as on the workload page."""
    hours = capacity_hours(
        person.capacity_hours_per_week,
        quarter.start,
        quarter.end,
        closed=public_holidays(DEFAULT_COUNTRY, quarter.start, quarter.end),
        absences=[(absence.start, absence.end) for absence in person.absences.all()],
    )
    return hours / HOURS_PER_DAY


def free_days(
    person: Person, span: DateRange, elsewhere: Iterable[workload.Booking]
) -> tuple[float, dict[str, float]]:
    """The days ``person`` has for this roadmap in ``span``: the sum of its weeks' free hours
    (``workload.free_hours_by_week``: each week's capacity less the hours booked that week on the
    workspace's other roadmaps, ``Plan.elsewhere``, never below zero), as the workload page and the
    scheduler count them. With the days booked on each other roadmap within ``span``."""
    mine = [b for b in elsewhere if b.person_key == person.key]
    booked = hours_between(mine, span.start, span.end).get(person.key, {})
    days = {title: hours / HOURS_PER_DAY for title, hours in booked.items() if hours > 0}
    available = workload.Availability(
        person.key,
        person.capacity_hours_per_week,
        tuple((absence.start, absence.end) for absence in person.absences.all()),
    )
    weeks = workload.free_hours_by_week(available, mine, first=span.start, last=span.end)
    return sum(weeks.values()) / HOURS_PER_DAY, days


class _Capacity:
    """People's days per fiscal quarter, and the effort each activity puts on them."""

    def __init__(self, plan: Plan) -> None:
        self.calendar = FiscalCalendar(plan.roadmap.fiscal_year_start_month)
        self.people = {person.key: person for person in plan.people}
        self.quarters: dict[str, tuple[int, int]] = {}
        self.ranges: dict[str, DateRange] = {}
        self.bookings: dict[str, list[workload.Booking]] = defaultdict(list)
        for booking in plan.elsewhere:
            self.bookings[booking.person_key].append(booking)
        self.elsewhere: dict[tuple[str, str], list[tuple[str, float]]] = {}

    def quarter_id(self, day: date) -> str:
        number, year = self.calendar.quarter_of(day), self.calendar.label(day)
        quarter_id = f"{year}-Q{number}"
        self.quarters[quarter_id] = (number, year)
        self.ranges[quarter_id] = self.calendar.quarter(day, number)
        return quarter_id

    def effort(self, activity: Activity) -> tuple[engine.Effort, ...]:
        if activity.start is None or activity.effort_days <= 0:
            return ()
        quarter = self.quarter_id(activity.start)
        return tuple(
            engine.Effort(person, quarter, activity.effort_days * share)
            for person, share in _shares(activity).items()
            if person in self.people
        )

    def limits(self, demand: Iterable[engine.Effort], used: Iterable[engine.Effort]) -> list[engine.Capacity]:
        taken: dict[tuple[str, str], float] = defaultdict(float)
        for effort in used:
            taken[effort.team, effort.quarter] += effort.days
        limits = []
        for person, quarter in sorted({(e.team, e.quarter) for e in demand}):
            free, booked = free_days(self.people[person], self.ranges[quarter], self.bookings[person])
            if booked:
                self.elsewhere[person, quarter] = sorted(booked.items(), key=lambda item: (-item[1], item[0]))
            limits.append(engine.Capacity(person, quarter, round(max(free - taken[person, quarter], 0.0), 2)))
        return limits


def always_funded(plan: Plan) -> dict[str, tuple[str, str]]:
    """Candidates no run may leave out, and why: ``("in_progress", "")``, ``("pinned", "")`` or
    ``("needed", title)`` for a prerequisite (direct or not) of the in-progress activity ``title``."""
    return funded_regardless(
        plan.candidates,
        {a.key: [link.predecessor.key for link in a.predecessor_links.all()] for a in plan.candidates},
    )


def funded_regardless(
    candidates: Iterable[Any], predecessors: Mapping[str, Iterable[str]]
) -> dict[str, tuple[str, str]]:
    """``always_funded`` on plain data: candidates with ``key``, ``title``, ``status`` and ``pinned``,
    and the keys of each one's predecessors."""
    by_key = {a.key: a for a in candidates}
    decided: dict[str, tuple[str, str]] = {}
    todo = [a for a in by_key.values() if a.status == Status.IN_PROGRESS]
    for a in todo:
        decided[a.key] = ("in_progress", "")
    while todo:
        successor = todo.pop()
        root = decided[successor.key][1] or successor.title
        for predecessor in predecessors.get(successor.key, ()):
            before = by_key.get(predecessor)
            if before is not None and before.key not in decided:
                decided[before.key] = ("needed", root)
                todo.append(before)
    for a in by_key.values():
        if a.pinned and a.key not in decided:
            decided[a.key] = ("pinned", "")
    return decided


def build_problem(plan: Plan, rules: Rules) -> Built:
    candidates = plan.candidates
    candidate_keys = {a.key for a in candidates}
    kept = [a for a in plan.activities if a.status in COMMITTED_STATUSES and a.key not in candidate_keys]
    sunk_by_theme: dict[str, float] = defaultdict(float)
    for activity in plan.activities:
        if activity.status == Status.DONE and not (activity.theme and activity.theme.is_maintenance):
            sunk_by_theme[activity.theme.key if activity.theme else UNTHEMED_SUNK] += float(activity.cost)
    capacity = _Capacity(plan)
    must_do_why = always_funded(plan)
    must_not_why: dict[str, str] = {}
    missing, unchecked, activities = [], [], []
    under_way: list[engine.Effort] = []
    for a in candidates:
        decided = must_do_why.get(a.key, ("", ""))[0] in ("in_progress", "needed")
        if a.key in rules.must_do and a.key not in must_do_why:
            must_do_why[a.key] = ("chosen", "")
        requires = set()
        for link in a.predecessor_links.all():
            if link.predecessor.key in candidate_keys:
                requires.add(link.predecessor.key)
            elif link.predecessor.status == Status.DROPPED and not decided:
                must_not_why.setdefault(a.key, link.predecessor.title)
        if a.key in rules.must_not and not decided:
            must_not_why[a.key] = ""
        score, lacking = score_of(a, rules.maximise)
        if lacking:
            missing.append(a)
        effort = capacity.effort(a)
        if a.effort_days > 0 and not effort:
            unchecked.append(a)
        if decided:
            under_way.extend(effort)
            effort = ()
        activities.append(
            engine.Activity(
                id=a.key, value=a.value, cost_eur=float(a.cost), theme=a.theme.key if a.theme else None,
                effort=effort, objectives=frozenset(o.key for o in a.objectives.all()),
                requires=frozenset(requires), must_do=a.key in must_do_why, must_not=a.key in must_not_why,
                scores={} if rules.maximise is Score.VALUE else {rules.maximise.value: score},
            )
        )  # fmt: skip
    theme_budgets, kept_for_maintenance = [], 0.0
    for theme in plan.themes:
        limits = rules.limits(theme)
        if theme.is_maintenance:
            committed = sum(float(a.cost) for a in kept if a.theme_id == theme.pk)
            reserve = max(limits.max_eur if limits.max_eur is not None else float(theme.budget), committed)
            kept_for_maintenance += reserve
            theme_budgets.append(engine.ThemeBudget(theme.key, maintenance_eur=reserve))
        else:
            theme_budgets.append(
                engine.ThemeBudget(
                    theme.key, limits.min_eur or 0.0, limits.max_eur, sunk_by_theme.get(theme.key, 0.0)
                )
            )
    if sunk_by_theme.get(UNTHEMED_SUNK):
        theme_budgets.append(engine.ThemeBudget(UNTHEMED_SUNK, maintenance_eur=sunk_by_theme[UNTHEMED_SUNK]))
    used = under_way + [effort for a in kept if a.status != Status.DONE for effort in capacity.effort(a)]
    covered = {o.key for a in kept for o in a.objectives.all()}
    servable = {key for activity in activities for key in activity.objectives}
    open_objectives = [o for o in plan.objectives if o.key not in covered] if rules.cover_objectives else []
    problem = engine.Problem(
        activities=tuple(activities),
        budget_eur=rules.budget_eur,
        theme_budgets=tuple(theme_budgets),
        capacities=tuple(capacity.limits([e for a in activities for e in a.effort], used)),
        objectives_to_cover=frozenset(o.key for o in open_objectives if o.key in servable),
        maximise=rules.maximise.value,
    )
    return Built(
        problem, plan, rules, must_do_why, must_not_why, sum(sunk_by_theme.values()), dict(sunk_by_theme),
        kept_for_maintenance, dict(capacity.quarters), [o for o in open_objectives if o.key not in servable],
        missing, unchecked, capacity.elsewhere,
    )  # fmt: skip


# Comparison with the current plan -----------------------------------------------------------------


# A run --------------------------------------------------------------------------------------------
