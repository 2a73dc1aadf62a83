"""A roadmap's copy made by a person, a model of the ``strategy`` app kept in its own module
(``strategy.models`` re-exports it): which roadmap it was made from, by whom, and the fingerprint of the
copy form that asked for it, written in the transaction that writes the copy
(``documents.services.copy_roadmap``).

The fingerprint is what makes the same form sent twice (a double click, a form sent again over a slow
network, two tabs sending the same copy at the same instant) one copy: the second request finds the
first one's copy and lands on it (``documents.copy_once``), as a background job asked twice is one job
(``jobs.services.start_job``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jalon.strategy.models import Roadmap


class RoadmapCopy(models.Model):
    source = models.ForeignKey(Roadmap, on_delete=models.CASCADE, related_name="+")
    copy = models.OneToOneField(Roadmap, on_delete=models.CASCADE, related_name="made_as_copy")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    fingerprint = models.CharField(
        max_length=64, blank=True, default="",
        help_text="who asked which copy of which roadmap from which form (empty: no form, the command line)",
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = (
            # two requests of the same form racing: the database keeps one copy's record, the other's
            # write is refused with its whole copy (documents.services.copy_roadmap)
            models.UniqueConstraint(
                fields=("fingerprint",),
                condition=~models.Q(fingerprint=""),
                name="roadmap_copy_once_per_form",
            ),
        )
        verbose_name = _("roadmap copy")
        verbose_name_plural = _("roadmap copies")

    def __str__(self) -> str:
        return f"{self.source_id} -> {self.copy_id}"
