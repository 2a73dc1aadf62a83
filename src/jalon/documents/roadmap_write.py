"""A checked ``jalon/1`` file turned into the models of a new roadmap, in memory, then written at once.

``build`` makes every object (roadmap, objectives with their qualitative indicators, KPIs and measurements,
strategies and tactics, themes, people and absences, activities with their links, milestones, risks,
communication plan, reviews, the framing — ``jalon.documents.framing_file``),
checks each as the pages' services would — with the services' own rule functions (a pinned activity's
dates, a milestone's reached day, a measurement's day, a review's, a first KPI's target) — and raises
``FileProblems`` at the file path of anything refused, the item named. A kept version restored or a copy
(``day_rules=False``) puts back what the roadmap held and skips the rules on the days the roadmap lived (today
and the start may have moved since); the other rules it meets. Nothing touches the database until
``Batch.insert``, which the import service runs in one short transaction (see ``jalon.documents.bulk_write``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from jalon.accounts.models import User
from jalon.documents.bulk_write import Batch, problems_in_memory
from jalon.documents.framing_file import build_framing, build_indicators
from jalon.documents.roadmap_file import ActivityItem, FileProblems, MeasurableItem, RoadmapFile
from jalon.errors import ValidationFailed
from jalon.names import distinct_titles, free_title
from jalon.planning import services as planning
from jalon.planning.colours import fresh_colours
from jalon.planning.models import (
    Absence,
    Activity,
    Assignment,
    CommunicationItem,
    Dependency,
    Milestone,
    Person,
    Review,
    Risk,
    Staffing,
    Theme,
    name_taken,
    same_person_name,
)
from jalon.planning.reviews.services import check_held
from jalon.strategy.kpis.services import future_problem
from jalon.strategy.kpis.targets import align_new_main, default_direction, first_target_problem
from jalon.strategy.models import KPI, Measurement, Objective, Roadmap, Strategy, Tactic
from jalon.strategy.services import resolved_deadline
from jalon.workspaces.models import Workspace


def from_file(check: Callable[..., None]) -> Callable[..., None]:
    """A day rule as a file meets it: "not after today" only (``from_start=False``), since a file carries
    no day its roadmap was made and its start may have moved since a review or a milestone reached."""
    return partial(check, from_start=False)


class _Builder:
    def __init__(self, *, workspace: Workspace, actor: User | None, day_rules: bool = True) -> None:
        self.batch = Batch(workspace=workspace, actor=actor)
        self.day_rules = day_rules
        self.problems: list[tuple[str, str]] = []
        self.objectives: dict[str, Objective] = {}
        self.tactics: dict[str, Tactic] = {}
        self.themes: dict[str, Theme] = {}
        self.people: dict[str, Person] = {}
        self.activities: dict[str, Activity] = {}

    def checked(self, obj: models.Model, where: str, *, exclude: tuple[str, ...] = ()) -> None:
        self.problems += [(f"{where}.{name}", m) for name, m in problems_in_memory(obj, exclude=exclude)]

    def rule(self, where: str, item: str, check: Callable[..., None], *args: Any) -> None:
        """A service's rule (``check(*args)``) run on an item of the file: what it refuses, at its path, the
        item named."""
        try:
            check(*args)
        except ValidationFailed as error:
            self.problems += [
                (f"{where}.{name}", self.named(item, message))
                for name, messages in error.errors.items()
                for message in messages
            ]

    @staticmethod
    def named(item: str, reason: str) -> str:
        """A rule's refusal of a file's item, the item named (a path alone says little: ``reviews[3]``)."""
        return _("“{item}”: {reason}").format(item=item, reason=reason)


def build(
    document: RoadmapFile, *, workspace: Workspace, actor: User | None, day_rules: bool = True
) -> tuple[Roadmap, Batch]:
    """The new roadmap and everything in it, checked, not saved; ``FileProblems`` lists what is refused.
    ``day_rules``: whether the rules on days the roadmap lived apply (all but a kept version restored)."""
    b = _Builder(workspace=workspace, actor=actor, day_rules=day_rules)
    head = document.roadmap
    # A title another roadmap of the workspace has (not the one being replaced) gets " (2)": the file's
    # slug is new, so the import is wanted; the lists, selects and documents still tell the two apart.
    others = (
        Roadmap.objects.filter(workspace=workspace).exclude(slug=head.slug).values_list("title", flat=True)
    )
    roadmap = Roadmap(
        workspace=workspace, slug=head.slug, title=free_title(head.title, others), type=head.type,
        vision=head.vision,
        start=head.horizon.start, end=head.horizon.end, fiscal_year_start_month=head.fiscal_year_start_month,
        language=head.language, currency=head.currency, sector=head.sector,
    )  # fmt: skip
    b.checked(roadmap, "roadmap")
    b.batch.add([roadmap])
    _strategy(b, roadmap, document)
    _planning(b, roadmap, document)
    _registers(b, roadmap, document)
    build_framing(b, roadmap, document.framing)
    if b.problems:
        raise FileProblems(b.problems)
    return roadmap, b.batch


def _strategy(b: _Builder, roadmap: Roadmap, document: RoadmapFile) -> None:
    titles = distinct_titles(item.title for item in document.objectives)  # an older file's namesakes: " (2)"
    for index, item in enumerate(document.objectives):
        measurable = item.measurable or MeasurableItem()
        objective = Objective(
            roadmap=roadmap, key=item.key, position=index, title=titles[index], impact=item.impact,
            specific=item.specific, metric=measurable.metric, unit=measurable.unit,
            baseline=measurable.baseline, target=measurable.target, direction=measurable.direction or "",
            done_state=measurable.done_state, deadline=item.deadline, deadline_rule=item.deadline_rule or "",
            term=item.term or "", owner=item.owner,
        )  # fmt: skip
        if objective.deadline_rule:  # a rule fixes the deadline, as in the objective form
            try:
                objective.deadline = resolved_deadline(roadmap, objective.deadline_rule)
            except ValidationFailed as error:
                b.problems += [(f"objectives[{index}].{k}", " ".join(m)) for k, m in error.errors.items()]
        b.checked(objective, f"objectives[{index}]")
        b.objectives[item.key] = objective
    b.batch.add(list(b.objectives.values()))
    for index, item in enumerate(document.objectives):
        build_indicators(b, b.objectives[item.key], item.qualitative_indicators, f"objectives[{index}]")
    for item in document.objectives:
        if item.parent:
            b.batch.link_after(b.objectives[item.key], "parent", b.objectives[item.parent])
    kpis: list[KPI] = []
    measurements: list[Measurement] = []
    mains: set[str] = set()
    for index, kpi_item in enumerate(document.kpis):
        tracked = b.objectives[kpi_item.objective] if kpi_item.objective else None
        kpi = KPI(
            roadmap=roadmap, key=kpi_item.key, position=index, name=kpi_item.name, unit=kpi_item.unit,
            objective=tracked, owner=kpi_item.owner, frequency=kpi_item.frequency,
            direction=kpi_item.direction or default_direction(tracked), baseline=kpi_item.baseline,
            baseline_date=kpi_item.baseline_date, target=kpi_item.target, target_low=kpi_item.target_low,
            target_high=kpi_item.target_high, target_date=kpi_item.target_date,
            benchmark_low=kpi_item.benchmark_low, benchmark_high=kpi_item.benchmark_high,
            benchmark_source=kpi_item.benchmark_source, benchmark_metric=kpi_item.benchmark_metric,
            lowest_possible=kpi_item.lowest_possible, highest_possible=kpi_item.highest_possible,
        )  # fmt: skip
        if tracked is not None and tracked.key not in mains:  # its first KPI: the main one
            mains.add(tracked.key)
            disagreement = first_target_problem(tracked, kpi)
            if disagreement is not None:
                b.problems.append((f"kpis[{index}].target", disagreement))
            align_new_main(tracked, kpi)
        b.checked(kpi, f"kpis[{index}]")
        kpis.append(kpi)
        by_day = {m.date: m for m in kpi_item.measurements}  # a second value the same day replaces the first
        for m_index, m in enumerate(by_day.values()):
            measurement = Measurement(kpi=kpi, date=m.date, value=m.value, source=m.source)
            where = f"kpis[{index}].measurements[{m_index}]"
            b.checked(measurement, where)
            future = future_problem(measurement.date) if b.day_rules else None
            if future is not None and not any(path == f"{where}.date" for path, _m in b.problems):
                b.problems.append((f"{where}.date", b.named(kpi.name, future)))
            measurements.append(measurement)
    b.batch.add(kpis)
    b.batch.add(measurements)
    strategies: list[Strategy] = []
    tactics: list[Tactic] = []
    for index, strategy_item in enumerate(document.strategies):
        strategy = Strategy(
            roadmap=roadmap, objective=b.objectives[strategy_item.objective], key=strategy_item.key,
            title=strategy_item.title, position=index,
        )  # fmt: skip
        b.checked(strategy, f"strategies[{index}]")
        strategies.append(strategy)
        for t_index, tactic_item in enumerate(strategy_item.tactics):
            tactic = Tactic(
                strategy=strategy, key=tactic_item.key, title=tactic_item.title,
                description=tactic_item.description,
                position=t_index,
            )  # fmt: skip
            b.checked(tactic, f"strategies[{index}].tactics[{t_index}]")
            b.tactics[f"{strategy.key}/{tactic.key}"] = tactic
            tactics.append(tactic)
    b.batch.add(strategies)
    b.batch.add(tactics)


def _planning(b: _Builder, roadmap: Roadmap, document: RoadmapFile) -> None:
    names = distinct_titles(item.name for item in document.themes)  # an older file's namesakes: " (2)"
    # A group the file gives no colour gets one no other group of the file has: they all had the same.
    written = [item.colour for item in document.themes if item.colour]
    fresh = iter(fresh_colours(written, len(document.themes) - len(written)))
    for index, item in enumerate(document.themes):
        theme = Theme(
            roadmap=roadmap, key=item.key, position=index, name=names[index],
            colour=item.colour or next(fresh), budget=item.budget, is_maintenance=item.maintenance,
        )  # fmt: skip
        b.checked(theme, f"themes[{index}]")
        b.themes[item.key] = theme
    b.batch.add(list(b.themes.values()))
    _people(b, roadmap, document)
    for index, activity_item in enumerate(document.activities):
        b.activities[activity_item.key] = _activity(b, roadmap, activity_item, index)
    b.batch.add(list(b.activities.values()))
    _activity_links(b, document)


def _people(b: _Builder, roadmap: Roadmap, document: RoadmapFile) -> None:
    """The file's people on the roadmap's team. A person whose key the workspace's team already has is
    that person, as the workspace knows them (the file's details and absences for them are not read);
    the others join the workspace's team with the file's details and absences."""
    workspace = b.batch.workspace
    known = {
        p.key: p for p in Person.objects.filter(workspace=workspace, key__in=[p.key for p in document.people])
    }
    everyone = list(Person.objects.filter(workspace=workspace).only("pk", "name"))
    position = len(everyone)
    names = {same_person_name(p.name): p for p in everyone}
    names.pop("", None)  # a name of signs only is nobody's namesake
    new: list[Person] = []
    absences: list[Absence] = []
    for index, person_item in enumerate(document.people):
        found = known.get(person_item.key)
        if found is not None:
            b.people[person_item.key] = found
            continue
        person = Person(
            workspace=workspace, key=person_item.key, position=position + len(new), name=person_item.name,
            kind=person_item.kind, role=person_item.role,
            capacity_hours_per_week=person_item.capacity_hours_per_week,
        )  # fmt: skip
        b.checked(person, f"people[{index}]")
        folded = same_person_name(person.name)
        other = names.setdefault(folded, person) if folded else person
        if other is not person:  # two people of a workspace may not share a name (see Person.validate_unique)
            b.problems.append((f"people[{index}].name", name_taken(other)))
        b.people[person_item.key] = person
        new.append(person)
        for a_index, away in enumerate(person_item.absences):
            where = f"people[{index}].absences[{a_index}]"
            absence = Absence(person=person, start=away.start, end=away.end, note=away.note)
            b.checked(absence, where)
            if away.end < away.start:
                b.problems.append((f"{where}.end", _("The end is before the start.")))
            absences.append(absence)
            b.batch.note(person, {"absence": None}, {"absence": f"{away.start}..{away.end}"})
    b.batch.add(new)
    b.batch.add(absences)
    b.batch.add([Staffing(roadmap=roadmap, person=p) for p in b.people.values()])


def _activity(b: _Builder, roadmap: Roadmap, item: ActivityItem, index: int) -> Activity:
    where = f"activities[{index}]"
    end = item.end
    if item.duration_days is not None:  # calendar days, start included: another way to give the end
        if item.start is None:
            b.problems.append((f"{where}.duration_days", _("Give a start date with the duration.")))
        else:
            end = item.start + timedelta(days=item.duration_days - 1)
    activity = Activity(
        roadmap=roadmap, key=item.key, position=index, title=item.title, description=item.description,
        theme=b.themes[item.theme] if item.theme else None,
        tactic=b.tactics[item.tactic] if item.tactic else None,
        audience=item.audience, channel=item.channel,
        owner=b.people[item.owner] if item.owner else None, status=item.status, start=item.start, end=end,
        pinned=item.pinned, not_before=item.not_before, must_finish_by=item.must_finish_by,
        effort_days=item.effort_days, cost=item.cost, spent=item.spent, value=item.value,
        impact=item.impact, feasibility=item.feasibility, confidence=item.confidence,
    )  # fmt: skip
    b.checked(activity, where)
    if b.day_rules:  # pinned needs both dates (a version kept before the rule may hold one without)
        dates = {"pinned": activity.pinned, "start": activity.start, "end": activity.end}
        b.rule(where, activity.title, planning.check_pinned, dates, None)
    if activity.start and activity.end and activity.end < activity.start:
        b.problems.append((f"{where}.end", _("The end is before the start.")))
    return activity


def _activity_links(b: _Builder, document: RoadmapFile) -> None:
    objective_links: list[Any] = []
    dependencies: list[Dependency] = []
    assignments: list[Assignment] = []
    for item in document.activities:
        activity = b.activities[item.key]
        objective_links += [
            Activity.objectives.through(activity=activity, objective=b.objectives[key])
            for key in item.objectives
        ]
        if item.objectives:
            b.batch.note(activity, {"objectives": []}, {"objectives": sorted(item.objectives)})
        for link in item.after:
            predecessor = b.activities[link.activity]
            dependencies.append(
                Dependency(predecessor=predecessor, successor=activity, lag_days=link.lag_days)
            )
            b.batch.note(activity, {"after": None}, {"after": f"{predecessor.key}+{link.lag_days}"})
        for assigned in item.assignments:
            person = b.people[assigned.person]
            assignments.append(
                Assignment(activity=activity, person=person, hours_per_week=assigned.hours_per_week)
            )
            b.batch.note(activity, {person.key: None}, {person.key: assigned.hours_per_week})
    b.batch.add(objective_links)
    b.batch.add(dependencies)
    b.batch.add(assignments)


def _registers(b: _Builder, roadmap: Roadmap, document: RoadmapFile) -> None:
    milestones: list[Milestone] = []
    links: list[Any] = []
    for index, item in enumerate(document.milestones):
        milestone = Milestone(
            roadmap=roadmap, key=item.key, position=index, title=item.title, date=item.date,
            reached_on=item.reached_on,
        )  # fmt: skip
        b.checked(milestone, f"milestones[{index}]")
        if b.day_rules and milestone.date is not None and milestone.reached_on is not None:
            days = {"date": milestone.date, "reached_on": milestone.reached_on}
            reached = from_file(planning.check_reached)
            b.rule(f"milestones[{index}]", milestone.title, reached, roadmap, days, None)
        milestones.append(milestone)
        links += [Milestone.objectives.through(milestone=milestone, objective=b.objectives[k])
                  for k in item.objectives]  # fmt: skip
        links += [Milestone.activities.through(milestone=milestone, activity=b.activities[k])
                  for k in item.activities]  # fmt: skip
        for name, keys in (("objectives", item.objectives), ("activities", item.activities)):
            if keys:
                b.batch.note(milestone, {name: []}, {name: sorted(keys)})
    b.batch.add(milestones)
    for through in (Milestone.objectives.through, Milestone.activities.through):
        b.batch.add([link for link in links if isinstance(link, through)])
    risks = [Risk(roadmap=roadmap, position=i, **item.model_dump()) for i, item in enumerate(document.risks)]
    for index, risk in enumerate(risks):
        b.checked(risk, f"risks[{index}]")
    b.batch.add(risks)
    communications = [
        CommunicationItem(roadmap=roadmap, position=i, **item.model_dump())
        for i, item in enumerate(document.communications)
    ]
    for index, communication in enumerate(communications):
        b.checked(communication, f"communications[{index}]")
    b.batch.add(communications)
    reviews: list[Review] = []
    titles = distinct_titles(item.title for item in document.reviews)  # an older file's namesakes: " (2)"
    for index, review_item in enumerate(document.reviews):
        # The snapshot is frozen history, not an editable field: it is restored as it was exported.
        review = Review(
            roadmap=roadmap, key=review_item.key, position=index, title=titles[index],
            held_on=review_item.held_on, decisions=review_item.decisions, notes=review_item.notes,
            snapshot=review_item.snapshot,
        )  # fmt: skip
        b.checked(review, f"reviews[{index}]", exclude=("snapshot",))
        if b.day_rules and review.held_on is not None:
            b.rule(f"reviews[{index}]", review.title, from_file(check_held), roadmap, review.held_on)
        reviews.append(review)
    b.batch.add(reviews)
