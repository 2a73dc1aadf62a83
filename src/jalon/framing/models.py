"""The e-CRM framing of a roadmap: the kick-off, the personas (seeded from real orders), the lifecycle
stages and the animation plan.

One framing per roadmap. Rules the data must always satisfy live here; use cases in ``services.py``.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from jalon.bounds import MONEY_HIGHEST, MONEY_OUT_OF_RANGE, between, in_order
from jalon.framing import stage_words
from jalon.strategy.models import Roadmap, Versioned
from jalon.workspaces.models import Workspace

PERSONAS_EXPECTED = (4, 6)


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    SMS = "sms", _("SMS")
    PUSH = "push", _("push notification")
    POST = "post", _("post")
    STORE = "store", _("store")
    WEB = "web", _("website")
    PAID = "paid", _("paid media")


# The plan year's first day: its last day must be a date Jalon keeps (1900 to 2200).
FIRST_PLAN_START, LAST_PLAN_START = date(1900, 1, 1), date(2199, 12, 31)


class Framing(Versioned):
    roadmap = models.OneToOneField(Roadmap, on_delete=models.CASCADE, related_name="framing")
    stakes = models.TextField(_("stakes"), blank=True)
    scope = models.TextField(_("scope"), blank=True)
    objectives = models.TextField(_("objectives"), blank=True)
    ceiling_per_week = models.PositiveSmallIntegerField(
        _("contacts per customer per week (ceiling)"),
        default=3,
        validators=between(1, 50),
    )
    # Per channel: the ceiling of each channel named here, the default one for the others (none: only
    # the all-channels ceiling applies).
    channel_ceiling = models.PositiveSmallIntegerField(
        _("contacts per customer per week on any one channel (default ceiling)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(50)],
    )
    channel_ceilings = models.JSONField(_("ceiling per channel"), default=dict, blank=True)
    plan_start = models.DateField(_("first day of the plan year"), null=True, blank=True)
    orders_file = models.CharField(_("orders file"), max_length=200, blank=True)
    orders_as_of = models.DateField(_("orders read on"), null=True, blank=True)
    orders_customers = models.PositiveIntegerField(_("customers in the orders"), default=0)

    class Meta:
        verbose_name = _("framing")
        verbose_name_plural = _("framings")

    def __str__(self) -> str:
        return str(self.roadmap)

    @property
    def workspace(self) -> Workspace:
        return self.roadmap.workspace

    def clean(self) -> None:
        super().clean()
        if self.plan_start is not None and not FIRST_PLAN_START <= self.plan_start <= LAST_PLAN_START:
            raise ValidationError(
                {"plan_start": _("The plan year starts between 1900 and 31 December 2199 (it lasts a year).")}
            )
        ceilings = self.channel_ceilings
        known = set(Channel.values)
        if not isinstance(ceilings, dict) or any(
            key not in known or not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 50
            for key, value in ceilings.items()
        ):
            raise ValidationError(
                {"channel_ceilings": _("Give each channel a whole number of contacts from 0 to 50.")}
            )

    def ceiling_of(self, channel: str) -> int | None:
        """The weekly ceiling of one channel: its own, else the default one (None: no ceiling)."""
        own = (self.channel_ceilings or {}).get(channel)
        return own if isinstance(own, int) else self.channel_ceiling


class InFraming(Versioned):
    framing = models.ForeignKey(Framing, on_delete=models.CASCADE)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ("position", "pk")

    @property
    def workspace(self) -> Workspace:
        return self.framing.roadmap.workspace


class KeyedInFraming(InFraming):
    """An item of the framing known by a short key (in addresses and files), kept unique in the framing by
    each model's ``key_per_framing`` constraint."""

    key = models.SlugField(_("key"), max_length=60)

    class Meta(InFraming.Meta):
        abstract = True


def key_per_framing(name: str) -> models.UniqueConstraint:
    """No two ``name``s of a framing share a key (the constraint ``<name>_key_per_framing``)."""
    return models.UniqueConstraint(fields=("framing", "key"), name=f"{name}_key_per_framing")


class WorkshopKind(models.TextChoices):
    KICKOFF = "kickoff", _("kick-off")
    PERSONAS = "personas", _("personas")
    JOURNEYS = "journeys", _("experience map and journeys")
    PROTOTYPES = "prototypes", _("prototypes")
    PLAN = "plan", _("animation plan and objectives")
    RESTITUTION = "restitution", _("final presentation")


class WorkshopStatus(models.TextChoices):
    PLANNED = "planned", _("planned")
    HELD = "held", _("held")
    CANCELLED = "cancelled", _("cancelled")


class Workshop(InFraming):
    framing = models.ForeignKey(Framing, on_delete=models.CASCADE, related_name="workshops")
    kind = models.CharField(_("workshop"), max_length=12, choices=WorkshopKind.choices)
    day = models.DateField(_("date"), null=True, blank=True)
    place = models.CharField(_("place or link"), max_length=300, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=WorkshopStatus.choices, default=WorkshopStatus.PLANNED
    )
    deliverable = models.CharField(_("deliverable"), max_length=300, blank=True)

    class Meta(InFraming.Meta):
        verbose_name = _("workshop")
        verbose_name_plural = _("workshops")

    def __str__(self) -> str:
        return str(self.get_kind_display())

    def status_said(self, today: date | None = None) -> str:
        """Its status; one still *planned* for a day gone by says so (« prévu (date passée) »): nobody marked
        it held or cancelled, and a reader must not take a past workshop for one to come. The page and every
        document say it alike."""
        status, today = str(self.get_status_display()), today or timezone.localdate()
        if self.status == WorkshopStatus.PLANNED and self.day is not None and self.day < today:
            return gettext("{status} (date passed)").format(status=status)
        return status


class Stakeholder(InFraming):
    framing = models.ForeignKey(Framing, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(pgettext_lazy("stakeholder", "role"), max_length=200, blank=True)
    workshops = models.ManyToManyField(Workshop, blank=True, related_name="participants")
    # The workspace member this person is, so they can vote at the workshops they attend.
    member = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("workspace member"),
    )  # fmt: skip

    class Meta(InFraming.Meta):
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")

    def __str__(self) -> str:
        return self.name


class Persona(KeyedInFraming):
    framing = models.ForeignKey(Framing, on_delete=models.CASCADE, related_name="personas")
    name = models.CharField(_("name"), max_length=200)
    segment = models.CharField(_("segment"), max_length=200, blank=True)
    needs = models.TextField(_("needs"), blank=True)
    expectations = models.TextField(_("expectations"), blank=True)
    frustrations = models.TextField(_("frustrations"), blank=True)
    journeys = models.TextField(_("purchase journeys"), blank=True)
    levers = models.TextField(_("strengths and differentiating levers"), blank=True)
    quote = models.TextField(_("representative quote"), blank=True)
    # Figures from the last orders file (blank for a persona written by hand).
    rfm_segment = models.CharField(_("RFM segment"), max_length=40, blank=True)
    customers = models.PositiveIntegerField(_("customers"), null=True, blank=True)
    revenue_share = models.FloatField(_("share of revenue"), null=True, blank=True)
    average_basket = models.FloatField(_("average basket"), null=True, blank=True)
    orders_per_customer = models.FloatField(_("orders per customer"), null=True, blank=True)
    recency_days = models.FloatField(_("mean recency (days)"), null=True, blank=True)

    class Meta(KeyedInFraming.Meta):
        verbose_name = _("persona")
        verbose_name_plural = _("personas")
        constraints = (key_per_framing("persona"),)

    def __str__(self) -> str:
        return self.name


class LifecycleStage(KeyedInFraming):
    framing = models.ForeignKey(Framing, on_delete=models.CASCADE, related_name="stages")
    name = models.CharField(_("name"), max_length=200)
    definition = models.CharField(_("definition"), max_length=300, blank=True)
    customers = models.PositiveIntegerField(_("customers"), null=True, blank=True)

    class Meta(KeyedInFraming.Meta):
        verbose_name = _("lifecycle stage")
        verbose_name_plural = _("lifecycle stages")
        constraints = (key_per_framing("stage"),)

    def __str__(self) -> str:
        return self.shown_name

    @property
    def shown_name(self) -> str:
        """The name in the reader's language while it is the one Jalon gave the stage (``stage_words``)."""
        return stage_words.shown_name(self.key, self.name)

    @property
    def shown_definition(self) -> str:
        return stage_words.shown_definition(self.key, self.definition)


class ActionFrequency(models.TextChoices):
    ONE_OFF = "one_off", _("one-off")
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")
    ON_EVENT = "on_event", _("on an event")


class PlanAction(KeyedInFraming):
    framing = models.ForeignKey(Framing, on_delete=models.CASCADE, related_name="actions")
    what = models.CharField(_("action and content"), max_length=300)
    persona = models.ForeignKey(
        Persona, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions",
        verbose_name=_("persona"),
    )  # fmt: skip
    stage = models.ForeignKey(
        LifecycleStage, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions",
        verbose_name=_("lifecycle stage"),
    )  # fmt: skip
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    frequency = models.CharField(_("how often"), max_length=10, choices=ActionFrequency.choices)
    trigger = models.CharField(_("trigger event"), max_length=200, blank=True)
    delay_days = models.PositiveSmallIntegerField(
        _("delay after the event (days)"), default=0, validators=[MaxValueValidator(366)]
    )
    start = models.DateField(_("from"), null=True, blank=True)
    end = models.DateField(_("to"), null=True, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    # At most what an activity's cost holds: « put in the backlog » copies it there, and a larger one
    # (10^15 saved fine) made that button do nothing.
    cost = models.FloatField(
        _("cost"), default=0,
        validators=[
            MinValueValidator(0), MaxValueValidator(float(MONEY_HIGHEST), message=MONEY_OUT_OF_RANGE),
        ],
    )  # fmt: skip
    activity = models.ForeignKey(
        "planning.Activity", on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_actions"
    )

    class Meta(KeyedInFraming.Meta):
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        constraints = (key_per_framing("action"), in_order("start", "end", name="action_end_after_start"))

    def __str__(self) -> str:
        return self.what

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if self.frequency == ActionFrequency.ON_EVENT and not self.trigger.strip():
            errors["trigger"] = str(_("An action sent on an event needs its trigger event."))
        if self.frequency != ActionFrequency.ON_EVENT and self.trigger.strip():
            errors["trigger"] = str(_("Only an action sent on an event has a trigger event."))
        if self.start and self.end and self.end < self.start:
            errors["end"] = str(_("The window must end on or after its first day."))
        if errors:
            raise ValidationError(errors)


class Vote(InFraming):
    """A dot vote: each member spreads ``points`` over the options; ballots change until it is closed, and
    its result is final once closed (``Ballot.counted`` keeps which ballots counted then)."""

    framing = models.ForeignKey(Framing, on_delete=models.CASCADE, related_name="votes")
    # Its participants (stakeholders who are workspace members) are the voters; none: every stakeholder
    # of the framing who is a member.
    workshop = models.ForeignKey(
        Workshop, on_delete=models.SET_NULL, null=True, blank=True, related_name="votes",
        verbose_name=_("workshop"),
    )  # fmt: skip
    title = models.CharField(_("question"), max_length=300)
    points = models.PositiveSmallIntegerField(_("points per person"), default=3, validators=between(1, 50))
    closed = models.BooleanField(_("closed"), default=False)

    class Meta(InFraming.Meta):
        verbose_name = _("vote")
        verbose_name_plural = _("votes")

    def __str__(self) -> str:
        return self.title


class VoteOption(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="options")
    title = models.CharField(_("proposal"), max_length=200)
    position = models.PositiveIntegerField(default=0)
    objective = models.ForeignKey(
        "strategy.Objective", on_delete=models.SET_NULL, null=True, blank=True, related_name="vote_options"
    )

    class Meta:
        ordering = ("position", "pk")

    def __str__(self) -> str:
        return self.title

    @property
    def wording(self) -> str:
        """What the proposal reads as now: its objective's current title when it is linked to one (the
        objective may have been renamed since the vote opened), with the proposal's own wording when it
        differs."""
        objective = self.objective if self.objective_id else None
        if objective is None or objective.title == self.title:
            return self.title
        return gettext("%(title)s (proposed: %(proposal)s)") % {
            "title": objective.title,
            "proposal": self.title,
        }


class Ballot(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="ballots")
    voter = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    updated_at = models.DateTimeField(auto_now=True)
    # Whether it counted when its vote was closed (its voter a participant then); None while the vote is
    # open, when whether it counts is read from who may vote now.
    counted = models.BooleanField(null=True, blank=True)

    class Meta:
        constraints = (models.UniqueConstraint(fields=("vote", "voter"), name="one_ballot_per_voter"),)

    def __str__(self) -> str:
        return f"{self.vote} / {self.voter}"


class BallotLine(models.Model):
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="lines")
    option = models.ForeignKey(VoteOption, on_delete=models.CASCADE, related_name="lines")
    points = models.PositiveSmallIntegerField()

    class Meta:
        constraints = (models.UniqueConstraint(fields=("ballot", "option"), name="one_line_per_option"),)

    def __str__(self) -> str:
        return f"{self.option}: {self.points}"


class TouchpointKind(models.TextChoices):
    DIGITAL = "digital", _("digital")
    STORE = "store", _("store")


class JourneyStep(InFraming):
    """One step of a persona's experience map."""

    framing = models.ForeignKey(Framing, on_delete=models.CASCADE, related_name="journey_steps")
    persona = models.ForeignKey(
        Persona, on_delete=models.CASCADE, related_name="journey_steps", verbose_name=_("persona")
    )
    name = models.CharField(_("step"), max_length=200)
    touchpoint = models.CharField(_("touchpoint"), max_length=200, blank=True)
    kind = models.CharField(
        _("digital or store"), max_length=8, choices=TouchpointKind.choices, default=TouchpointKind.DIGITAL
    )
    does = models.TextField(_("does"), blank=True)
    thinks = models.TextField(_("thinks"), blank=True)
    feels = models.SmallIntegerField(_("feels (from -2 to +2)"), default=0, validators=between(-2, 2))
    pains = models.TextField(_("pain points"), blank=True)
    opportunities = models.TextField(_("opportunities"), blank=True)

    class Meta(InFraming.Meta):
        verbose_name = _("journey step")
        verbose_name_plural = _("journey steps")
        constraints = (
            models.CheckConstraint(
                condition=models.Q(feels__gte=-2, feels__lte=2), name="journey_feels_range"
            ),
        )

    def __str__(self) -> str:
        return self.name


class PrototypeStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    REVIEW = "review", _("to review")
    APPROVED = "approved", _("approved")
    REJECTED = "rejected", _("rejected")


class Prototype(InFraming):
    """A graphic guideline or mock-up (PNG, JPEG or PDF) shown at a workshop, with comments and a status."""

    framing = models.ForeignKey(Framing, on_delete=models.CASCADE, related_name="prototypes")
    workshop = models.ForeignKey(
        Workshop, on_delete=models.SET_NULL, null=True, blank=True, related_name="prototypes",
        verbose_name=_("workshop"),
    )  # fmt: skip
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(upload_to="prototypes/", max_length=200)
    # A small picture Jalon draws from an image (re-encoded, never the uploaded bytes); none for a PDF.
    thumbnail = models.FileField(upload_to="prototypes/thumbnails/", max_length=200, blank=True)
    file_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=40)
    size = models.PositiveIntegerField(default=0)
    status = models.CharField(
        _("status"), max_length=10, choices=PrototypeStatus.choices, default=PrototypeStatus.DRAFT
    )
    comments = models.TextField(_("comments"), blank=True)

    class Meta(InFraming.Meta):
        verbose_name = _("prototype")
        verbose_name_plural = _("prototypes")

    def __str__(self) -> str:
        return self.title


class RatingPeriod(models.TextChoices):
    MONTH = "month", _("each month")
    QUARTER = "quarter", _("each quarter")
    HALF = "half", _("each half-year")
    YEAR = "year", _("each year")


class QualitativeIndicator(Versioned):
    """A statement the team rates from 1 to 5 each period, on a roadmap objective (one adopted from a
    vote), e.g. "store teams recommend the programme", rated each quarter."""

    objective = models.ForeignKey(
        "strategy.Objective", on_delete=models.CASCADE, related_name="qualitative_indicators"
    )
    statement = models.CharField(_("statement"), max_length=300)
    period = models.CharField(
        _("rated"), max_length=8, choices=RatingPeriod.choices, default=RatingPeriod.QUARTER
    )
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ("position", "pk")
        verbose_name = _("qualitative indicator")
        verbose_name_plural = _("qualitative indicators")

    def __str__(self) -> str:
        return self.statement

    @property
    def workspace(self) -> Workspace:
        return self.objective.roadmap.workspace


class IndicatorRating(models.Model):
    """One period's rating of a qualitative indicator; ``period_start`` is the period's first day."""

    indicator = models.ForeignKey(QualitativeIndicator, on_delete=models.CASCADE, related_name="ratings")
    period_start = models.DateField(_("period"))
    rating = models.PositiveSmallIntegerField(_("rating (1 to 5)"), validators=between(1, 5))
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ("period_start",)
        constraints = (
            models.UniqueConstraint(fields=("indicator", "period_start"), name="one_rating_per_period"),
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="rating_one_to_five"
            ),
        )

    def __str__(self) -> str:
        return f"{self.indicator}: {self.period_start} {self.rating}"
