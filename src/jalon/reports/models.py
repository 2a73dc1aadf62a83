"""A report preset saved on a roadmap: the sections, language, timeline and budgets an audience gets."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jalon.reports.options import ReportOptions
from jalon.strategy.models import OfRoadmap, Roadmap, key_per_roadmap


class ReportPreset(OfRoadmap):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="report_presets")
    name = models.CharField(_("name"), max_length=100)
    options = models.JSONField(_("options"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ("name", "id")
        constraints = (key_per_roadmap("report_preset"),)
        verbose_name = _("report preset")
        verbose_name_plural = _("report presets")

    def __str__(self) -> str:
        return self.name

    def report_options(self, *, language: str) -> ReportOptions:
        """The saved choice in ``language``; sections unknown to this version of Jalon are dropped."""
        saved: dict[str, Any] = self.options
        known = ReportOptions()
        return ReportOptions(
            sections=tuple(s for s in saved.get("sections", known.sections) if s in known.sections),
            language=language,
            zoom=str(saved.get("zoom", known.zoom)),
            lanes=str(saved.get("lanes", known.lanes)),
            include_budgets=bool(saved.get("include_budgets", known.include_budgets)),
        )
