"""Background jobs: heavy work (an optimisation, a simulation, a document) recorded as one row that the
page polls for its progress and, once done, its result.

A job belongs to a workspace (and usually to one roadmap of it), like every other object: a job of
another workspace is not found. Its messages are English message ids with parameters, translated when
shown, so a French and an English reader of the same job each read their language; a parameter worded by
the job (a refusal's words) is kept said in each language (``said_text``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Workspace


def is_said(value: Any) -> bool:
    """A parameter said in each of the site's languages: ``{"said": {language code: text}}``."""
    return isinstance(value, dict) and isinstance(value.get("said"), dict)


def said_param(texts: Mapping[str, str]) -> dict[str, dict[str, str]]:
    """Words said in each of the site's languages (by code), as a kept parameter (``is_said``) holds them."""
    return {"said": dict(texts)}


def said_text(texts: Mapping[str, str]) -> str:
    """Of words said in each of the site's languages (by code), the reader's."""
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return texts.get(language) or texts.get(settings.LANGUAGE_CODE) or ""


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("queued")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


FINISHED = (JobStatus.DONE, JobStatus.FAILED)


class Job(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="+")
    roadmap = models.ForeignKey(Roadmap, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=60)
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress"), default=0, validators=[MaxValueValidator(100)])
    message = models.CharField(
        max_length=300, blank=True, help_text="English message id, translated when shown"
    )
    message_params = models.JSONField(default=dict, blank=True)
    params = models.JSONField(default=dict, blank=True)
    fingerprint = models.CharField(
        max_length=64, blank=True, db_default="", editable=False,
        help_text="who asked what of which roadmap: one such job at a time queued or running",
    )  # fmt: skip
    result = models.JSONField(null=True, blank=True)
    error = models.TextField(blank=True, help_text="for operators: what went wrong, with the traceback")
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(
        help_text="last sign of life: a running job updates it as it progresses"
    )

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = (
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="job_progress_at_most_100"),
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in JobStatus]), name="job_status_known"
            ),
            # A second click, or a second tab, asking the same run while it is queued or running gets that
            # run (jobs.services.start_job): the database refuses a second one even when two requests race.
            models.UniqueConstraint(
                fields=("fingerprint",),
                condition=models.Q(status__in=[JobStatus.QUEUED.value, JobStatus.RUNNING.value])
                & ~models.Q(fingerprint=""),  # a job queued before fingerprints has none
                name="job_one_alive_per_fingerprint",
            ),
        )
        indexes = (
            models.Index(fields=("status", "created_at")),
            models.Index(fields=("roadmap", "kind", "created_at")),
        )
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk} ({self.status})"

    @property
    def finished(self) -> bool:
        return self.status in FINISHED

    @property
    def message_text(self) -> str:
        """The message in the reader's language (the id itself if a parameter is missing)."""
        if not self.message:
            return ""
        text = gettext(self.message)
        params = {name: said_text(value["said"]) if is_said(value) else value
                  for name, value in self.message_params.items()}  # fmt: skip
        try:
            return text.format(**params)
        except (KeyError, IndexError, ValueError):
            return text

    @property
    def result_data(self) -> dict[str, Any]:
        return self.result if isinstance(self.result, dict) else {}
