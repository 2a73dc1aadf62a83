"""A KPI's data source, a model of the ``strategy`` app kept in its own module (``strategy.models`` re-exports
it): the file, the DuckDB query, and what the last refresh said."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jalon.strategy.models import KPI, Versioned
from jalon.workspaces.models import Workspace


class KPISource(Versioned):
    """A KPI's data file (kept under ``JALON_HOME/uploads/kpi-sources/``; ``stored_path`` is relative to the
    uploads folder) and the DuckDB query that turns it into measurements (``strategy.kpis.sources``)."""

    kpi = models.OneToOneField(KPI, on_delete=models.CASCADE, related_name="source")
    file_name = models.CharField(_("file"), max_length=200)
    stored_path = models.CharField(max_length=300)
    query = models.TextField(_("query"))
    refreshed_at = models.DateTimeField(_("last refresh"), null=True, blank=True)
    error = models.TextField(_("last error"), blank=True)  # a message id, worded per reader (source_words)
    error_params = models.JSONField(_("last error's parameters"), null=True, blank=True, default=None)
    # Rows the last refresh left out, dated after today (``LaterRows.as_params()``), said until the next
    # refresh; {} for none. Run-state: the roadmap file carries neither it nor the source.
    later_rows = models.JSONField(_("rows left out at the last refresh"), default=dict, blank=True)
    # The language of the page the query was kept from: it reads dates and numbers the query returns as text
    # (05/01/2026, 1,234) for whoever refreshes later; empty before it was kept (the site's language).
    reading = models.CharField(_("reading language"), max_length=8, blank=True, default="")

    class Meta:
        verbose_name = _("KPI source")
        verbose_name_plural = _("KPI sources")

    def __str__(self) -> str:
        return self.file_name

    @property
    def workspace(self) -> Workspace:
        return self.kpi.roadmap.workspace
