"""What the pages show of a KPI: its chart, freshness and forecast, ready for a template."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.text import capfirst, get_text_list
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from jalon import formatting
from jalon.charts import Band, Fan, Labels, line_chart
from jalon.engines import forecast as engine
from jalon.strategy.advising import kpi_benchmark, yardstick_text
from jalon.strategy.kpis import forecasting
from jalon.strategy.kpis.lateness import Freshness, freshness
from jalon.strategy.kpis.ranges import kpi_bounds
from jalon.strategy.models import KPI, KPIDirection, Measurement

DAYS_PER_MONTH = 365.25 / 12
RECENT = 12
# The KPI page's table of measurements, newest first: a page of them at a time (a daily KPI has 1,000+).
PAGE_SIZE = 25


def percent(probability: float | None) -> str:
    return (
        "—" if probability is None else formatting.format_quantity(round(probability * 100), "%", decimals=0)
    )


@dataclass
class KPIView:
    kpi: KPI
    today: date

    @cached_property
    def reference(self) -> dict[str, Any] | None:
        """The benchmark band drawn on the chart: the KPI's own figures when set, else the packaged
        benchmark its name matches (same unit), with the sources for the footnote."""
        kpi = self.kpi
        if kpi.benchmark_low is not None and kpi.benchmark_high is not None:
            return {
                "low": kpi.benchmark_low,
                "high": kpi.benchmark_high,
                "own": True,
                "source": kpi.benchmark_source,
            }
        lang = "en" if (get_language() or "fr").startswith("en") else "fr"
        return kpi_benchmark(kpi, lang=lang)

    @cached_property
    def freshness(self) -> Freshness:
        return freshness(self.kpi, self.today)

    @property
    def late(self) -> bool:
        return self.freshness.late

    @cached_property
    def measurements(self) -> list[tuple[date, float]]:
        return [(m.date, m.value) for m in self.kpi.measurements.all()]

    @cached_property
    def newest_first(self) -> list[Measurement]:
        return list(reversed(list(self.kpi.measurements.all())))

    @property
    def recent(self) -> list[Measurement]:
        """The measurements an objective's page shows; the KPI's page lists the others."""
        return self.newest_first[:RECENT]

    @property
    def older(self) -> int:
        """How many measurements the objective's page leaves to the KPI's page."""
        return max(len(self.newest_first) - RECENT, 0)

    def page(self, number: str | int | None) -> Page[Measurement]:
        """One page of the measurements, newest first (the first page for a number that is not one, the
        last for one beyond it)."""
        return Paginator(self.newest_first, PAGE_SIZE).get_page(number)

    @property
    def latest(self) -> tuple[date, float] | None:
        return self.measurements[-1] if self.measurements else None

    @cached_property
    def forecast(self) -> engine.Result | None:
        return forecasting.kpi_forecast(self.kpi)

    @cached_property
    def on_deadline(self) -> tuple[date, float, bool] | None:
        """Once the deadline has passed: the last measurement on or before it and whether it met the target
        (nothing is left to forecast); None until the deadline's day is over, or without a target or such a
        measurement."""
        deadline = self.kpi.deadline
        target = forecasting.target_of(self.kpi, self.kpi.objective if self.kpi.objective_id else None)
        if deadline is None or target is None or deadline >= self.today:
            return None
        before = [(day, value) for day, value in self.measurements if day <= deadline]
        if not before:
            return None
        day, value = before[-1]
        return day, value, target.met_by(value)

    @property
    def unmoved(self) -> bool:
        """Zero in every measurement the forecast used: no odds (nothing to estimate them from), the pace."""
        return self.forecast is not None and self.forecast.status is engine.Status.NO_MOVEMENT

    @property
    def odds(self) -> str:
        if self.unmoved:
            return _("none yet (no movement)")
        return percent(self.forecast.probability if self.forecast else None)

    @property
    def has_odds(self) -> bool:
        return self.forecast is not None and self.forecast.probability is not None

    @property
    def no_movement(self) -> bool:
        """Every measurement the forecast used is the same: its spread is the usual one of such KPIs."""
        method = self.forecast.method if self.forecast else None
        return method is not None and any(r.code is engine.Reason.NO_MOVEMENT for r in method.reasons)

    @property
    def range_text(self) -> str:
        """The values the forecast keeps to (« 0 à 100 % », « 0 ou plus »), and whether the unit gave them;
        empty without a range."""
        kpi = self.kpi
        target = forecasting.target_of(kpi, kpi.objective if kpi.objective_id else None)
        bounds = kpi_bounds(kpi, [value for _day, value in self.measurements], target)
        if bounds is None:
            return ""
        if bounds.low is not None and bounds.high is not None:
            text = _("{low} to {high}").format(low=self.value(bounds.low), high=self.value(bounds.high))
        elif bounds.low is not None:
            text = _("{low} or more").format(low=self.value(bounds.low))
        else:
            text = _("{high} or less").format(high=self.value(bounds.high))
        typed = (kpi.lowest_possible, kpi.highest_possible) == (bounds.low, bounds.high)
        return text if typed else _("{range} (from the unit)").format(range=text)

    @property
    def range_notes(self) -> list[str]:
        """Which end of the KPI's possible values cut the interval on the deadline, in words."""
        method = self.forecast.method if self.forecast and self.has_odds else None
        texts = {
            engine.Reason.RANGE_LOW: _("The interval stops at {value}: the KPI cannot go lower."),
            engine.Reason.RANGE_HIGH: _("The interval stops at {value}: the KPI cannot go higher."),
        }
        return [
            texts[reason.code].format(value=self.value(reason.value))
            for reason in (method.reasons if method else ())
            if reason.code in texts
        ]

    def value(self, number: float | None) -> str:
        return formatting.format_quantity(number, self.kpi.unit) if number is not None else "—"

    def change(self, number: float | None) -> str:
        """A change of the KPI, with a real minus sign: a percentage moves by points (« −0,1 pt par mois »,
        not « −0,1 % », which reads as a relative change)."""
        unit = "pts" if self.kpi.unit.strip() == "%" else self.kpi.unit
        return formatting.format_change(number, unit) if number is not None else "—"

    @property
    def trend(self) -> tuple[str, str]:
        """(arrow, change per month) from the first to the last measurement (the forecast's observed pace)."""
        if len(self.measurements) < 2 or self.measurements[-1][0] == self.measurements[0][0]:
            return ("", "—")
        (first_day, first), (last_day, last) = self.measurements[0], self.measurements[-1]
        per_month = (last - first) / ((last_day - first_day).days / DAYS_PER_MONTH)
        arrow = "↗" if per_month > 0 else "↘" if per_month < 0 else "→"
        return (arrow, _("{value} per month").format(value=self.change(per_month)))

    @property
    def projection(self) -> tuple[str, str, str]:
        """The projection on the deadline and its interval's ends, in the KPI's unit."""
        result = self.forecast
        if result is None:
            return ("—", "—", "—")
        return (self.value(result.projection), self.value(result.low), self.value(result.high))

    @property
    def target_text(self) -> str:
        kpi = self.kpi
        if kpi.direction == KPIDirection.BAND:
            return _("between {low} and {high}").format(
                low=self.value(kpi.target_low), high=self.value(kpi.target_high)
            )
        target = kpi.target if kpi.target is not None else (kpi.objective.target if kpi.objective else None)
        if target is None:
            return "—"
        if kpi.direction == KPIDirection.DECREASE:
            return _("at most {value}").format(value=self.value(target))
        return _("at least {value}").format(value=self.value(target))

    @property
    def pace_text(self) -> str:
        """Below the engine's minimum: the pace the target needs beside the pace seen so far."""
        result = self.forecast
        if result is None or result.pace is None or result.status is engine.Status.FORECAST:
            return ""
        pace = result.pace
        target = forecasting.target_of(self.kpi, self.kpi.objective if self.kpi.objective_id else None)
        if target is not None and self.latest is not None and target.met_by(self.latest[1]):
            # Inside its band, or past its target: no pace is "needed" (it read « 0 % per month needed »).
            required = _("Already meets the target (to hold until the deadline)")
        else:
            required = _("{value} per month needed").format(value=self.change(pace.required_per_month))
        if pace.observed_per_month is None:
            return required
        seen = _("{value} per month so far").format(value=self.change(pace.observed_per_month))
        return f"{required}, {seen}"

    @property
    def legend(self) -> str:
        """The chart's caption: the colours of what it draws, and only those (« Mesures (bleu) et cible
        (rouge). »; it named a benchmark band and a forecast the chart did not have)."""
        kpi = self.kpi
        drawn = [_("measurements (blue)")]
        if kpi.direction == KPIDirection.BAND:
            if kpi.target_low is not None and kpi.target_high is not None:
                drawn.append(_("target band (red)"))
        elif kpi.target is not None or (kpi.objective is not None and kpi.objective.target is not None):
            drawn.append(_("target (red)"))
        if self.reference is not None:
            drawn.append(_("benchmark band (green)"))
        if self.forecast is not None and self.forecast.path:
            drawn.append(_("forecast with its {level} interval (violet)").format(level=percent(0.8)))
        return capfirst(get_text_list(drawn, _("and"))) + "."

    def chart(self, ids: str = "") -> SafeString:
        kpi = self.kpi
        target = None
        if kpi.direction != KPIDirection.BAND:
            target = (
                kpi.target if kpi.target is not None else (kpi.objective.target if kpi.objective else None)
            )
        band = (
            Band(kpi.target_low, kpi.target_high, _("target band"))
            if kpi.direction == KPIDirection.BAND
            and kpi.target_low is not None
            and kpi.target_high is not None
            else None
        )
        reference = self.reference
        benchmark = None
        if reference is not None:
            if reference.get("own") and not reference["source"]:
                label = _("benchmark")  # typed without a source: nothing to name
            else:
                sources = reference["source"] if reference.get("own") else yardstick_text(reference)
                label = _("benchmark: {source}").format(source=sources)
            benchmark = Band(reference["low"], reference["high"], label)
        result = self.forecast
        fan = None
        if result is not None and result.path:
            # The last step is the projection on the deadline: drawn on it, not on its grid period's day
            # (the 19th of December, or the 1st of January after a 31 December deadline).
            steps = [(s.date, s.projection, s.low, s.high) for s in result.path]
            steps[-1] = (result.deadline, *steps[-1][1:])
            fan = Fan(
                steps,
                _("forecast with its {level} interval").format(level=percent(0.8)),
            )
        description = _("{count} measurements, target {target}").format(
            count=len(self.measurements), target=self.target_text
        )
        if (result is not None and result.probability is not None) or self.unmoved:
            description += " · " + _("odds of reaching the target: {odds}").format(odds=self.odds)
        return line_chart(
            self.measurements,
            labels=Labels(kpi.name, description, _("target {value}").format(value=self.value(target))),
            target=target,
            target_band=band,
            benchmark=benchmark,
            fan=fan,
            ids=ids or f"kpi-{kpi.key}",
            css="chart kpi-chart",
            format_value=lambda v: formatting.format_quantity(v, kpi.unit),
            format_date=lambda d: date_format(d, "SHORT_DATE_FORMAT"),
        )
