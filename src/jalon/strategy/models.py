"""The strategic roadmap: vision, SMART objectives, KPIs and their measurements, strategies and tactics.
Rules the data must always satisfy live here (and in database constraints); use cases in ``services.py``."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower, Trim
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from jalon.bounds import Bounded, between, in_order
from jalon.engines.calendar import add_months
from jalon.engines.forecast_model import Direction as ForecastDirection
from jalon.formatting import format_long_date, format_number, format_quantity
from jalon.knowledge.loader import load_knowledge
from jalon.names import refuse_namesake
from jalon.strategy.periods import moved
from jalon.workspaces.models import Workspace

HORIZON_MONTHS = (3, 6, 12, 24, 36)


class RoadmapType(models.TextChoices):
    STRATEGIC = "strategic", _("strategic")
    CAMPAIGN = "campaign", _("campaign")
    CHANNEL = "channel", pgettext_lazy("roadmap type", "channel")
    EVENT = "event", _("event marketing")
    PRODUCT = "product", _("product")
    DIGITAL = "digital", _("digital marketing")
    PORTFOLIO = "portfolio", _("portfolio")
    PROJECT = "project", _("project")


class Direction(models.TextChoices):
    INCREASE = "increase", _("increase")
    DECREASE = "decrease", _("decrease")
    REACH = "reach", _("reach")
    MAINTAIN = "maintain", _("maintain")


class Term(models.TextChoices):
    SHORT = "short", _("short term")
    MEDIUM = "medium", _("medium term")
    LONG = "long", _("long term")


class Frequency(models.TextChoices):
    REALTIME = "realtime", _("real time")
    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    SEMIANNUAL = "semiannual", _("every six months")


class KPIDirection(models.TextChoices):
    """What a KPI's target asks for: at least a value, at most a value, or staying within a band.

    The values are the forecast engine's (``engines.forecast_model.Direction``, which may not import Django):
    what is stored is what the engine reads, and ``forecast_direction`` is the one place they meet."""

    INCREASE = ForecastDirection.INCREASE.value, _("increase")
    DECREASE = ForecastDirection.DECREASE.value, _("decrease")
    BAND = ForecastDirection.BAND.value, _("stay within a band")

    @property
    def forecast_direction(self) -> ForecastDirection:
        return ForecastDirection(self.value)


def validate_sector(value: str) -> None:
    """A roadmap's sector is a sector of the advisor's benchmarks (blank: none chosen)."""
    if value and value not in load_knowledge().vocabulary.sectors:
        raise ValidationError(_("Unknown sector %(value)s."), params={"value": value}, code="sector")


def validate_benchmark_metric(value: str) -> None:
    """A KPI's chosen benchmark metric is a metric of the advisor's knowledge (blank: matched by name)."""
    if value and value not in load_knowledge().metrics:
        raise ValidationError(
            _("Unknown benchmark metric %(value)s."), params={"value": value}, code="metric"
        )


CURRENCY_CODE = re.compile(r"[A-Z]{3}")


def validate_currency(value: str) -> None:
    """A roadmap's currency is an ISO 4217 code, three capital letters, as a jalon/1 file carries it."""
    if not CURRENCY_CODE.fullmatch(value):
        raise ValidationError(
            _("Write the currency as its three-letter code, such as EUR, USD or GBP."), code="currency"
        )


class Versioned(Bounded):
    """An editable object: saving over a newer version is refused (see jalon.versioning); its values stay
    within the bounds of ``jalon.bounds``."""

    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Roadmap(Versioned):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="roadmaps")
    slug = models.SlugField(_("identifier"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    type = models.CharField(_("type"), max_length=20, choices=RoadmapType.choices)
    vision = models.TextField(_("vision statement"), blank=True)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    fiscal_year_start_month = models.PositiveSmallIntegerField(
        _("fiscal year start month"), default=1, validators=between(1, 12)
    )
    language = models.CharField(_("content language"), max_length=2, default="fr")
    currency = models.CharField(_("currency"), max_length=3, default="EUR", validators=[validate_currency])
    # the benchmarks' sector the KPI bands and the coach compare with ("" = all sectors)
    sector = models.CharField(
        _("sector"), max_length=40, blank=True, validators=[validate_sector],
        help_text=_("Benchmark bands use this sector's figures when a source gives them."),
    )  # fmt: skip
    # set while the roadmap is archived: out of the workspace's list, read-only, not refreshed by the worker
    archived_at = models.DateTimeField(_("archived on"), null=True, blank=True)

    class Meta:
        ordering = ("title",)
        constraints = (
            models.UniqueConstraint(fields=("workspace", "slug"), name="roadmap_slug_per_workspace"),
            # The database's share of the namesake rule (as ``title_per_roadmap`` for what is in a roadmap):
            # archived roadmaps count, as they do for ``validate_unique``, since restoring one must not
            # bring back a namesake.
            models.UniqueConstraint(
                "workspace",
                Lower(Trim("title")),
                name="roadmap_title_per_workspace",
                violation_error_code="duplicate_title",
                violation_error_message=_("Another roadmap of this workspace already has this title."),
            ),
            in_order("start", "end", name="roadmap_end_after_start", optional=False),
            models.CheckConstraint(
                condition=models.Q(fiscal_year_start_month__gte=1, fiscal_year_start_month__lte=12),
                name="roadmap_fiscal_month_1_12",
            ),
        )
        verbose_name = _("roadmap")
        verbose_name_plural = _("roadmaps")

    def __str__(self) -> str:
        return self.title

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def validate_unique(self, exclude: Any = None) -> None:
        """Besides the slug, the title: two roadmaps of a workspace called alike (case, accents and spaces
        aside, ``jalon.names.title_key``), archived ones included, could not be told apart in the lists,
        selects and documents. The title is checked first: a new roadmap's slug is made from its title, so
        a save that raced another of the same title meets both, and the title is what its author typed."""
        if "title" not in (exclude or ()) and self.workspace_id is not None:
            others = Roadmap.objects.filter(workspace_id=self.workspace_id).exclude(pk=self.pk)
            refuse_namesake(others, self.title, _("A roadmap of this workspace is already called {title}."))
        super().validate_unique(exclude=exclude)

    @property
    def horizon_months(self) -> int | None:
        """3, 6, 12, 24 or 36 when the horizon is one of the method's presets, else None."""
        for months in HORIZON_MONTHS:
            if self.end_for(self.start, months) == self.end:
                return months
        return None

    @property
    def fiscal_month_name(self) -> str:
        return str(MONTHS[self.fiscal_year_start_month])

    @staticmethod
    def end_for(start: date, months: int) -> date:
        """The last day of ``months`` months from ``start``: the day before the same day that many months
        later, or, when that month has no such day (29 February, the 31st), its last day, so that a horizon
        from 29 February 2028 runs to 28 February 2029 and one from 31 January to 30 April."""
        later = add_months(start, months)
        return later if later.day < start.day else later - timedelta(days=1)


def key_per_roadmap(name: str) -> models.UniqueConstraint:
    """No two ``name``s of a roadmap share a key (the constraint ``<name>_key_per_roadmap``)."""
    return models.UniqueConstraint(fields=("roadmap", "key"), name=f"{name}_key_per_roadmap")


def title_per_roadmap(name: str, field: str = "title") -> models.UniqueConstraint:
    """Two ``name`` rows of a roadmap never share a ``field``, case and outer spaces aside: the database's
    share of the namesake rule, so that two saves at once cannot both pass the check. The rule itself
    (``jalon.names.title_key``: accents, inner spaces and signs folded too, Unicode case on both databases)
    has no portable SQL expression, so ``validate_unique`` checks it first and names the other row; only a
    save that raced past that check meets this constraint, and is answered with the same message
    (``jalon.history.services.save_or_refuse``)."""
    return models.UniqueConstraint(
        "roadmap", Lower(Trim(field)), name=f"{name}_{field}_per_roadmap",
        violation_error_code=f"duplicate_{field}",
        violation_error_message=_("Another item of this roadmap already has this title or name."),
    )  # fmt: skip


class OfRoadmap(models.Model):
    """Something of one roadmap, known in it by a short key (used in URLs and files) that each model keeps
    unique with its ``key_per_roadmap`` constraint. Models name their own ``roadmap`` field for its
    ``related_name``."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(_("key"), max_length=60)

    class Meta:
        abstract = True

    @property
    def workspace(self) -> Workspace:
        return self.roadmap.workspace


class InRoadmap(Versioned, OfRoadmap):
    """An editable item of one roadmap, in the order its users gave (``position``)."""

    position = models.PositiveIntegerField(default=0)

    class Meta:
        abstract = True
        ordering = ("position", "id")

    @classmethod
    def new_fields(cls, roadmap: Roadmap, fields: dict[str, Any]) -> dict[str, Any]:
        return fields  # what the generic ``create`` makes a new item with: a model may fill a blank (Theme)


class Objective(InRoadmap):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="objectives")
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent"),
    )
    title = models.CharField(_("title"), max_length=200)
    impact = models.TextField(_("business impact"), blank=True)
    specific = models.TextField(_("specific"), blank=True)
    metric = models.CharField(_("metric"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    target = models.FloatField(_("target"), null=True, blank=True)
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices, blank=True)
    done_state = models.TextField(_("done when"), blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    deadline_rule = models.CharField(_("deadline rule"), max_length=40, blank=True)
    term = models.CharField(_("term"), max_length=10, choices=Term.choices, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)

    class Meta(InRoadmap.Meta):
        constraints = (key_per_roadmap("objective"), title_per_roadmap("objective"))
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.title

    def validate_unique(self, exclude: Any = None) -> None:
        """Besides the key, the title: two objectives of a roadmap called alike could not be told apart in
        the SMART table, the selects (parent, KPI, activity) or the documents."""
        super().validate_unique(exclude=exclude)
        if "title" not in (exclude or ()) and self.roadmap_id is not None:
            others = Objective.objects.filter(roadmap_id=self.roadmap_id).exclude(pk=self.pk)
            refuse_namesake(others, self.title, _("An objective of this roadmap is already called {title}."))

    @property
    def is_deliverable(self) -> bool:
        """A deliverable with a done-state, measured by its completion rate rather than a business metric."""
        return bool(self.done_state)


class KPI(InRoadmap):
    """A key performance indicator. An objective's first KPI is its *main* KPI: its target is the objective's
    measurable target (``strategy.kpis.targets`` keeps the two equal)."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="kpis")
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="kpis",
        verbose_name=_("objective"),
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=30, blank=True)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    frequency = models.CharField(_("tracking frequency"), max_length=12, choices=Frequency.choices)
    direction = models.CharField(
        _("direction"), max_length=10, choices=KPIDirection.choices, default=KPIDirection.INCREASE
    )
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target = models.FloatField(_("target"), null=True, blank=True)
    target_low = models.FloatField(_("band low end"), null=True, blank=True)
    target_high = models.FloatField(_("band high end"), null=True, blank=True)
    target_date = models.DateField(_("target date"), null=True, blank=True)
    benchmark_low = models.FloatField(_("benchmark low"), null=True, blank=True)
    benchmark_high = models.FloatField(_("benchmark high"), null=True, blank=True)
    benchmark_source = models.CharField(_("benchmark source"), max_length=300, blank=True)
    # the packaged benchmark metric a user chose when the KPI name is matched wrongly ("" = automatic)
    benchmark_metric = models.CharField(
        _("benchmark metric"), max_length=60, blank=True, validators=[validate_benchmark_metric]
    )
    # The values the KPI can take, for its forecast; empty: from its unit (strategy.kpis.ranges).
    lowest_possible = models.FloatField(_("lowest possible value"), null=True, blank=True)
    highest_possible = models.FloatField(_("highest possible value"), null=True, blank=True)

    class Meta(InRoadmap.Meta):
        constraints = (key_per_roadmap("kpi"),)
        verbose_name = _("KPI")
        verbose_name_plural = _("KPIs")

    def __str__(self) -> str:
        return self.name

    @property
    def deadline(self) -> date | None:
        """The target date, else the objective's deadline."""
        if self.target_date is not None:
            return self.target_date
        return self.objective.deadline if self.objective_id and self.objective else None

    def clean(self) -> None:
        errors: dict[str, object] = {}
        if self.direction == KPIDirection.BAND:
            if self.target_low is None or self.target_high is None:
                errors["target_low"] = _("A band needs its low and high ends.")
            elif self.target_low > self.target_high:
                errors["target_high"] = _("The high end must not be below the low end.")
        if (self.benchmark_low is None) != (self.benchmark_high is None):
            errors["benchmark_high"] = _("A benchmark band needs both ends.")
        elif (
            self.benchmark_low is not None
            and self.benchmark_high is not None
            and (self.benchmark_low > self.benchmark_high)
        ):
            errors["benchmark_high"] = _("The high end must not be below the low end.")
        if self.baseline_date and self.target_date and self.target_date <= self.baseline_date:
            errors["target_date"] = _("The target date must come after the baseline date.")
        low, high = self.lowest_possible, self.highest_possible
        if low is not None and high is not None and low >= high:
            errors["highest_possible"] = _("The highest possible value must be above the lowest.")
        elif self.baseline is not None and (
            (low is not None and self.baseline < low) or (high is not None and self.baseline > high)
        ):
            errors["baseline"] = _("The baseline lies outside the KPI's possible values.")
        elif (outside := self._measured_outside()) is not None:
            field = "lowest_possible" if low is not None and outside.value < low else "highest_possible"
            errors[field] = _("The measurement of {date} ({value}) lies outside this range.").format(
                date=format_long_date(outside.date), value=format_quantity(outside.value, self.unit)
            )
        if errors:
            raise ValidationError(errors)

    def _measured_outside(self) -> Measurement | None:
        """The first measurement beyond a typed end of the range (a new KPI has none)."""
        low, high = self.lowest_possible, self.highest_possible
        if self.pk is None or (low is None and high is None):
            return None
        beyond = models.Q(value__lt=low) if low is not None else models.Q(pk__in=[])
        if high is not None:
            beyond |= models.Q(value__gt=high)
        return self.measurements.filter(beyond).order_by("date").first()

    def outside_possible(self, value: float) -> str | None:
        """Why ``value`` cannot be a measurement of this KPI: it lies beyond a *typed* end of its range
        (None when it does not). An end the unit implies refuses nothing: ``strategy.kpis.ranges`` sets it
        aside when a value lies beyond it."""
        low, high = self.lowest_possible, self.highest_possible
        if (low is None or value >= low) and (high is None or value <= high):
            return None
        if low is not None and high is not None:
            shown = pgettext_lazy("possible values", "{low} to {high}").format(
                low=format_number(low), high=format_quantity(high, self.unit)
            )
        elif low is not None:
            shown = _("at least {low}").format(low=format_quantity(low, self.unit))
        else:
            shown = _("at most {high}").format(high=format_quantity(high, self.unit))
        return _("{value}: outside this KPI's possible values ({range})").format(
            value=format_quantity(value, self.unit), range=shown
        )

    def due_after(self, last: date) -> date:
        """The day the measurement after one taken on ``last`` is due: one period later, a month's last day
        staying a month's last day (``jalon.strategy.periods``)."""
        return moved(last, self.frequency, 1)


class Measurement(Bounded):
    kpi = models.ForeignKey(KPI, on_delete=models.CASCADE, related_name="measurements")
    date = models.DateField(_("date"))
    value = models.FloatField(_("value"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("date",)
        constraints = (models.UniqueConstraint(fields=("kpi", "date"), name="one_measurement_per_kpi_day"),)
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")

    def __str__(self) -> str:
        return f"{self.kpi_id} {self.date}: {self.value}"

    @property
    def workspace(self) -> Workspace:
        return self.kpi.roadmap.workspace

    def clean(self) -> None:
        # the KPI may be one of the same file's, not saved yet (a jalon/1 import)
        kpi = getattr(self, "kpi", None)
        value = self.value
        if kpi is None or isinstance(value, bool) or not isinstance(value, int | float):
            return
        if (problem := kpi.outside_possible(value)) is not None:
            raise ValidationError({"value": problem})


class Strategy(InRoadmap):
    """Goal -> strategy -> tactic (the Emarsys chain): a strategy serves one objective."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="strategies")
    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="strategies")
    title = models.CharField(_("title"), max_length=200)

    class Meta(InRoadmap.Meta):
        constraints = (key_per_roadmap("strategy"),)
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return self.title


class Tactic(Versioned):
    strategy = models.ForeignKey(Strategy, on_delete=models.CASCADE, related_name="tactics")
    key = models.SlugField(_("key"), max_length=60)
    position = models.PositiveIntegerField(default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ("position", "id")
        constraints = (models.UniqueConstraint(fields=("strategy", "key"), name="tactic_key_per_strategy"),)
        verbose_name = _("tactic")
        verbose_name_plural = _("tactics")

    def __str__(self) -> str:
        return self.title

    @property
    def workspace(self) -> Workspace:
        return self.strategy.roadmap.workspace


# last: it builds on the models above; kept in its own module for this one's size
from jalon.strategy.copy_model import RoadmapCopy as RoadmapCopy  # noqa: E402
from jalon.strategy.kpis.source_model import KPISource as KPISource  # noqa: E402


class StoredForecast(models.Model):
    """A KPI's forecast as last computed, kept with the digest of all it was computed from (measurements,
    target, deadline, range): a page reads it instead of computing it when the digest still matches, so a
    stale row is never shown (``jalon.strategy.kpis.forecasting``). ``result`` is None when that data had
    no forecast (the engine refused the series)."""

    kpi = models.OneToOneField(
        KPI, on_delete=models.CASCADE, primary_key=True, related_name="stored_forecast"
    )
    key = models.CharField(max_length=64)
    result = models.JSONField(null=True)
    computed_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.kpi_id}: {self.key[:12]}"
