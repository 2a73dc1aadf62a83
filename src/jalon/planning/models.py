"""What a roadmap plans: thematic groups and their budgets, the activity backlog and its dependencies,
milestones, the team (people belong to the workspace; each roadmap chooses its own) and its workload,
risks, the communication plan and quarterly reviews.

Rules the data must always satisfy live here (and in database constraints); use cases that change the
data live in ``services.py``.
"""

from __future__ import annotations

import datetime as dt
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jalon.bounds import MONEY_DIGITS, MONEY_PLACES, Bounded, between, in_order
from jalon.names import normalise, refuse_namesake
from jalon.planning.colours import fresh_colours
from jalon.planning.windows import DATE_RANGE
from jalon.strategy.models import (
    InRoadmap,
    Objective,
    OfRoadmap,
    Roadmap,
    Tactic,
    Versioned,
    key_per_roadmap,
    title_per_roadmap,
)
from jalon.workspaces.models import Workspace


def money(verbose_name: str | Any) -> models.DecimalField[Any, Any]:
    """An amount in the roadmap's currency, never negative."""
    return models.DecimalField(
        verbose_name,
        max_digits=MONEY_DIGITS,
        decimal_places=MONEY_PLACES,
        default=0,
        validators=[MinValueValidator(0)],
    )


ONE_TO_FIVE = between(1, 5)
HOURS_IN_A_WEEK = between(0, 168)
COLOUR = RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Enter a colour as #RRGGBB."))


class Theme(InRoadmap):
    """A thematic group of activities with its budget; one may be the maintenance budget."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="themes")
    name = models.CharField(_("name"), max_length=200)
    colour = models.CharField(_("colour"), max_length=7, default="#4c6ef5", validators=[COLOUR])
    budget = money(_("budget"))
    is_maintenance = models.BooleanField(_("maintenance budget"), default=False)

    class Meta(InRoadmap.Meta):
        constraints = (key_per_roadmap("theme"), title_per_roadmap("theme", "name"), models.CheckConstraint(
            condition=models.Q(budget__gte=0), name="theme_budget_not_negative"
        ))  # fmt: skip
        verbose_name = _("thematic group")
        verbose_name_plural = _("thematic groups")

    def __str__(self) -> str:
        return self.name

    def validate_unique(self, exclude: Any = None) -> None:
        """Besides the key, the name: two groups of a roadmap called alike (case, accents and spaces aside)
        could not be told apart in the activity form, the filters, the budget or a CSV file's theme column."""
        super().validate_unique(exclude=exclude)
        if "name" not in (exclude or ()) and self.roadmap_id is not None:
            others = Theme.objects.filter(roadmap_id=self.roadmap_id).exclude(pk=self.pk)
            message = _("A thematic group of this roadmap is already called {name}.")
            refuse_namesake(others, self.name, message, field="name")

    @staticmethod
    def next_colour(roadmap: Roadmap) -> str:
        """The first of ``THEME_COLOURS`` no group of the roadmap has yet (in turn once all are taken), so
        each new group stands apart on the timelines and charts without anyone choosing a colour."""
        return fresh_colours(Theme.objects.filter(roadmap=roadmap).values_list("colour", flat=True), 1)[0]

    @classmethod
    def new_fields(cls, roadmap: Roadmap, fields: dict[str, Any]) -> dict[str, Any]:
        """A new group given no colour gets the roadmap's ``next_colour`` (one each, however many follow)."""
        return fields if fields.get("colour") else fields | {"colour": cls.next_colour(roadmap)}


class PersonKind(models.TextChoices):
    MEMBER = "member", _("team member")
    AGENCY = "agency", _("agency")


class Person(Versioned):
    """Someone who does the work in a workspace: a team member or an agency, with a weekly capacity, maybe
    linked to a user account of the workspace. Each roadmap chooses the people who work on it
    (``Staffing``), so a team is typed once per workspace, not once per roadmap."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="people")
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveIntegerField(default=0)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=PersonKind.choices, default=PersonKind.MEMBER)
    role = models.CharField(_("role"), max_length=200, blank=True)
    capacity_hours_per_week = models.FloatField(
        _("capacity (hours per week)"), default=35, validators=HOURS_IN_A_WEEK
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("user account"),
    )  # fmt: skip
    roadmaps = models.ManyToManyField(  # type: ignore[var-annotated]
        Roadmap, through="Staffing", related_name="people", blank=True, verbose_name=_("roadmaps")
    )

    class Meta:
        ordering = ("position", "id")
        constraints = (
            models.UniqueConstraint(fields=("workspace", "key"), name="person_key_per_workspace"),
            models.UniqueConstraint(
                fields=("workspace", "user"), condition=models.Q(user__isnull=False),
                name="one_person_per_user_and_workspace",
            ),
        )  # fmt: skip
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return self.name

    def validate_unique(self, exclude: Any = None) -> None:
        """Besides the key, the name: two people of a workspace may not share one (``same_person_name``),
        or nobody could tell them apart in a list of owners. Checked whenever the name is validated (the
        services, so the forms and the CLI); roadmap-file imports compare with ``same_person_name``."""
        super().validate_unique(exclude=exclude)
        if "name" in (exclude or ()) or self.workspace_id is None:
            return
        other = namesake(self.workspace_id, self.name, exclude_pk=self.pk)
        if other is not None:
            raise ValidationError({"name": name_taken(other)}, code="duplicate_name")


def same_person_name(name: str) -> str:
    """What two names must share to be the same person: case, accents and spaces aside, compared as the
    CSV import matches owners to the team (``jalon.names.normalise``: ``カトウ`` and ``ガトウ`` stay two
    names). Empty for a name of signs only, which is nobody's namesake."""
    return normalise(name)


def namesake(workspace_id: int, name: str, *, exclude_pk: int | None = None) -> Person | None:
    """The workspace's person already called ``name``, if any (one query: a team is tens of people)."""
    wanted = same_person_name(name)
    if not wanted:
        return None
    people = Person.objects.filter(workspace_id=workspace_id).only("pk", "name")
    return next((p for p in people if p.pk != exclude_pk and same_person_name(p.name) == wanted), None)


def name_taken(other: Person) -> str:
    return str(_("A team member of this workspace is already called {name}.")).format(name=other.name)


class Staffing(models.Model):
    """A person of the workspace chosen to work on a roadmap."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="staffing")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="staffing")

    class Meta:
        ordering = ("id",)
        constraints = (models.UniqueConstraint(fields=("roadmap", "person"), name="person_once_per_roadmap"),)
        verbose_name = _("roadmap team member")
        verbose_name_plural = _("roadmap team")

    def __str__(self) -> str:
        return f"{self.person_id} on {self.roadmap_id}"

    @property
    def workspace(self) -> Workspace:
        return self.roadmap.workspace


class Absence(Bounded):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="absences")
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ("start",)
        constraints = (in_order("start", "end", name="absence_end_after_start", optional=False),)
        verbose_name = _("absence")
        verbose_name_plural = _("absences")

    def __str__(self) -> str:
        return f"{self.person_id} {self.start}–{self.end}"

    @property
    def workspace(self) -> Workspace:
        return self.person.workspace


class Status(models.TextChoices):
    IDEA = "idea", pgettext_lazy("activity status", "idea")
    PLANNED = "planned", pgettext_lazy("activity status", "planned")
    IN_PROGRESS = "in_progress", pgettext_lazy("activity status", "in progress")
    DONE = "done", pgettext_lazy("activity status", "done")
    DROPPED = "dropped", pgettext_lazy("activity status", "dropped")


COMMITTED_STATUSES = (Status.PLANNED, Status.IN_PROGRESS, Status.DONE)
FINISHED_STATUSES = (Status.DONE, Status.DROPPED)
"""No longer expected to happen: never late."""


def is_late(status: str, end: dt.date | None, today: dt.date) -> bool:
    """*Late* (en retard): its planned end is before today and it is neither done nor dropped. Ending
    today is not late; an activity with no end is never late. The one rule every page uses (see
    ``late_filter`` for the same rule in SQL)."""
    return end is not None and end < today and status not in FINISHED_STATUSES


def late_filter(today: dt.date, prefix: str = "") -> models.Q:
    """``is_late`` as a query filter (``prefix`` reaches activities from another model:
    ``"activities__"``)."""
    return models.Q(**{f"{prefix}end__lt": today}) & ~models.Q(**{f"{prefix}status__in": FINISHED_STATUSES})


class Activity(InRoadmap):
    """An action of the backlog: what, for whom, on which channel, when, at what cost and for what value."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="activities")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    theme = models.ForeignKey(
        Theme, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities",
        verbose_name=_("thematic group"),
    )  # fmt: skip
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="activities", verbose_name=_("objectives")
    )
    tactic = models.ForeignKey(
        Tactic, on_delete=models.SET_NULL, null=True, blank=True, related_name="activities",
        verbose_name=_("tactic"),
    )  # fmt: skip
    audience = models.CharField(_("audience"), max_length=200, blank=True)
    channel = models.CharField(_("channel"), max_length=100, blank=True)
    owner = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="owned_activities",
        verbose_name=_("owner"),
    )  # fmt: skip
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.IDEA)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    pinned = models.BooleanField(_("pinned"), default=False, help_text=_("The scheduler does not move it."))
    not_before = models.DateField(
        _("not before"), null=True, blank=True, validators=DATE_RANGE,
        help_text=_("Its window opens on this day: it may not start earlier."),
    )  # fmt: skip
    must_finish_by = models.DateField(
        _("must finish by"), null=True, blank=True, validators=DATE_RANGE,
        help_text=_("Its window closes on this day: a Christmas campaign must be over before Christmas."),
    )  # fmt: skip
    effort_days = models.FloatField(_("effort (person-days)"), default=0, validators=[MinValueValidator(0)])
    cost = money(_("cost"))
    spent = money(_("spent"))
    value = models.FloatField(_("expected value"), default=0, validators=[MinValueValidator(0)])
    impact = models.PositiveSmallIntegerField(_("impact"), null=True, blank=True, validators=ONE_TO_FIVE)
    feasibility = models.PositiveSmallIntegerField(
        _("feasibility"), null=True, blank=True, validators=ONE_TO_FIVE
    )
    confidence = models.PositiveSmallIntegerField(
        _("confidence (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )

    class Meta(InRoadmap.Meta):
        constraints = (
            key_per_roadmap("activity"),
            in_order("start", "end", name="activity_end_after_start"),
            models.CheckConstraint(condition=models.Q(cost__gte=0), name="activity_cost_not_negative"),
            in_order(
                "not_before", "must_finish_by", name="activity_window_in_order",
                violation_error_message=_("The window must end on or after the day it opens."),
            ),
        )  # fmt: skip
        indexes = (models.Index(fields=("roadmap", "start")),)
        verbose_name = _("activity")
        verbose_name_plural = _("activities")

    def __str__(self) -> str:
        return self.title

    @property
    def is_committed(self) -> bool:
        return self.status in COMMITTED_STATUSES

    def is_late(self, today: dt.date) -> bool:
        return is_late(self.status, self.end, today)

    @property
    def has_window(self) -> bool:
        return self.not_before is not None or self.must_finish_by is not None

    @property
    def duration_days(self) -> int | None:
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days + 1

    def milestones_out_of_reach(self) -> list[Milestone]:
        """The milestones not yet reached that depend on this activity while it is an idea: no schedule
        places an idea, so they cannot be reached until it is planned (a warning, not a refusal: going back
        to *idea* may be the decision). Reads ``milestones`` (prefetch it for many)."""
        if self.status != Status.IDEA:
            return []
        return [m for m in self.milestones.all() if m.reached_on is None]


class Dependency(Bounded):
    """Finish-to-start: ``successor`` may start ``lag_days`` after ``predecessor`` ends."""

    predecessor = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="successor_links")
    successor = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="predecessor_links")
    lag_days = models.IntegerField(_("lag (days)"), default=0)

    class Meta:
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(fields=("predecessor", "successor"), name="one_dependency_per_pair"),
            models.CheckConstraint(
                condition=~models.Q(predecessor=models.F("successor")), name="dependency_not_on_itself"
            ),
        )
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")

    def __str__(self) -> str:
        return f"{self.predecessor_id} -> {self.successor_id} (+{self.lag_days})"

    @property
    def workspace(self) -> Workspace:
        return self.successor.roadmap.workspace

    def earliest_successor_start(self, predecessor_end: date) -> date:
        return predecessor_end + timedelta(days=1 + self.lag_days)


class Assignment(Bounded):
    """A person working on an activity for some hours each week of it."""

    activity = models.ForeignKey(Activity, on_delete=models.CASCADE, related_name="assignments")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="assignments")
    hours_per_week = models.FloatField(_("hours per week"), validators=HOURS_IN_A_WEEK)

    class Meta:
        ordering = ("id",)
        constraints = (
            models.UniqueConstraint(fields=("activity", "person"), name="one_assignment_per_pair"),
        )
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.person_id} on {self.activity_id}: {self.hours_per_week} h/week"

    @property
    def workspace(self) -> Workspace:
        return self.activity.roadmap.workspace


class Milestone(InRoadmap):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    reached_on = models.DateField(_("reached on"), null=True, blank=True)
    objectives = models.ManyToManyField(
        Objective, blank=True, related_name="milestones", verbose_name=_("objectives")
    )
    activities = models.ManyToManyField(
        Activity, blank=True, related_name="milestones", verbose_name=_("activities")
    )

    class Meta:
        ordering = ("date", "id")
        constraints = (key_per_roadmap("milestone"),)
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")

    def __str__(self) -> str:
        return self.title

    def waiting_ideas(self) -> list[Activity]:
        """The activities it depends on that are still ideas, while it is not reached: see
        ``Activity.milestones_out_of_reach``. Reads ``activities`` (prefetch it for many)."""
        if self.reached_on is not None:
            return []
        return [a for a in self.activities.all() if a.status == Status.IDEA]

    def is_missed(self, today: dt.date) -> bool:
        """Its date has passed and it was not reached (or was reached late)."""
        if self.reached_on is not None:
            return self.reached_on > self.date
        return self.date < today


class Review(InRoadmap):
    """A quarterly review: a frozen snapshot of the roadmap, with the decisions taken."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="reviews")
    title = models.CharField(_("title"), max_length=200)
    held_on = models.DateField(_("held on"))
    decisions = models.TextField(_("decisions"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    snapshot = models.JSONField(default=dict, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ("held_on", "id")
        constraints = (key_per_roadmap("review"), title_per_roadmap("review"))
        verbose_name = _("quarterly review")
        verbose_name_plural = _("quarterly reviews")

    def __str__(self) -> str:
        return self.title

    def validate_unique(self, exclude: Any = None) -> None:
        """Besides the key, the title: two reviews of a roadmap called alike (case, accents and spaces aside)
        could not be told apart in the list, nor in « what changed since the previous review (…) »."""
        super().validate_unique(exclude=exclude)
        if "title" not in (exclude or ()) and self.roadmap_id is not None:
            others = Review.objects.filter(roadmap_id=self.roadmap_id).exclude(pk=self.pk)
            message = _("A review of this roadmap is already called {title}: give this one another title.")
            refuse_namesake(others, self.title, message)


class ScenarioStatus(models.TextChoices):
    """How the optimiser's run ended (the engine's ``Status``)."""

    OPTIMAL = "optimal", _("best possible")
    FEASIBLE = "feasible", _("valid, not proven best")
    INFEASIBLE = "infeasible", _("impossible under these rules")
    TIMED_OUT = "timed_out", _("no answer in time")


class Scenario(OfRoadmap):
    """A saved run of the portfolio optimiser: its rules, the activities it funds and its figures.

    ``parameters`` holds the rules as the form gave them, plus the keys of the activities the run could
    choose from (``candidates``); ``selection`` the keys of those it funds. ``value`` and ``cost`` are the
    whole plan's once applied (done and maintenance activities included); ``summary`` keeps the cost per
    thematic group and the value per objective, so scenarios compare as they were when saved.
    """

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="scenarios")
    name = models.CharField(_("name"), max_length=200)
    parameters = models.JSONField(_("rules"), default=dict)
    selection = models.JSONField(_("funded activities"), default=list)
    value = models.FloatField(_("expected value"), default=0)
    score = models.FloatField(_("score"), null=True, blank=True)
    cost = money(_("cost"))
    status = models.CharField(_("status"), max_length=12, choices=ScenarioStatus.choices)
    summary = models.JSONField(default=dict, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    applied_at = models.DateTimeField(_("applied at"), null=True, blank=True)

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = (key_per_roadmap("scenario"),)
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")

    def __str__(self) -> str:
        return self.name


# The risk register and the communication plan live beside their pages; imported here so that Django finds
# them among the app's models and every ``from jalon.planning.models import Risk`` keeps working.
from jalon.planning.registers import models as registers  # noqa: E402

RiskStatus = registers.RiskStatus
Risk = registers.Risk
Audience = registers.Audience
CommunicationFrequency = registers.CommunicationFrequency
CommunicationItem = registers.CommunicationItem
