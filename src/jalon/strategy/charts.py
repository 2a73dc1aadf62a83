"""A KPI's measurements as a line chart with its target: the same picture on the objective page and in the
exported reports."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from jalon import charts, formatting
from jalon.strategy.models import KPI


def kpi_chart(kpi: KPI, *, element_id: str = "chart") -> SafeString:
    """The KPI's measurements (prefetched by date) against its target, values in its unit."""
    points = [(m.date, m.value) for m in kpi.measurements.all()]
    return charts.line_chart(
        points,
        title=kpi.name,
        target=kpi.target,
        target_label=_("target"),
        format_value=lambda v: formatting.format_quantity(v, kpi.unit),
        format_date=lambda d: date_format(d, "SHORT_DATE_FORMAT"),
        element_id=element_id,
    )
