"""The risk register (risks with their probability, impact and contingency plan) and the communication plan
(who hears what, through which channel, how often): models of the ``planning`` app, re-exported by
``jalon.planning.models``."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from jalon.planning.models import ONE_TO_FIVE
from jalon.strategy.models import InRoadmap, Roadmap, key_per_roadmap


class RiskStatus(models.TextChoices):
    OPEN = "open", _("open")
    MITIGATED = "mitigated", _("mitigated")
    CLOSED = "closed", _("closed")


class Risk(InRoadmap):
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="risks")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    probability = models.PositiveSmallIntegerField(_("probability"), default=3, validators=ONE_TO_FIVE)
    impact = models.PositiveSmallIntegerField(_("impact"), default=3, validators=ONE_TO_FIVE)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    contingency = models.TextField(_("contingency plan"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)

    class Meta(InRoadmap.Meta):
        constraints = (key_per_roadmap("risk"),)
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self) -> str:
        return self.title

    @property
    def severity(self) -> int:
        return self.probability * self.impact


class Audience(models.TextChoices):
    DIRECTION = "direction", _("leadership")
    TEAMS = "teams", _("teams")
    PARTNERS = "partners", _("partners")
    AGENCIES = "agencies", _("agencies")
    CUSTOMERS = "customers", _("customers")
    STAFF = "staff", _("all staff")


class CommunicationFrequency(models.TextChoices):
    ONCE = "once", _("once")
    WEEKLY = "weekly", _("weekly")
    FORTNIGHTLY = "fortnightly", _("every two weeks")
    MONTHLY = "monthly", _("monthly")
    QUARTERLY = "quarterly", _("quarterly")
    SEMIANNUAL = "semiannual", _("every six months")
    ANNUAL = "annual", _("yearly")


class CommunicationItem(InRoadmap):
    """A line of the communication plan: who hears what, through which channel, how often."""

    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="communications")
    audience = models.CharField(_("audience"), max_length=12, choices=Audience.choices)
    message = models.TextField(_("message"))
    channel = models.CharField(_("channel"), max_length=100)
    frequency = models.CharField(_("frequency"), max_length=12, choices=CommunicationFrequency.choices)
    owner = models.CharField(_("owner"), max_length=200, blank=True)
    next_date = models.DateField(_("next date"), null=True, blank=True)

    class Meta(InRoadmap.Meta):
        constraints = (key_per_roadmap("communication"),)
        verbose_name = _("communication plan item")
        verbose_name_plural = _("communication plan")

    def __str__(self) -> str:
        return f"{self.get_audience_display()}: {self.channel}"
