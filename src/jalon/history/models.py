"""Who changed what, when: one row per saved version of an editable object."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from jalon.history.origin import Origin
from jalon.workspaces.models import Workspace

ORIGINS = (
    (Origin.WEB.value, _("web")),
    (Origin.IMPORT.value, _("file import")),
    (Origin.CLI_IMPORT.value, _("file import (command line)")),
    (Origin.CLI.value, _("command line")),
    (Origin.DEMO.value, _("demo")),
    (Origin.JOB.value, _("background job")),
    (Origin.UNKNOWN.value, _("unknown")),
    (Origin.COPY.value, _("copy of a roadmap")),
    (Origin.CLI_COPY.value, _("copy of a roadmap (command line)")),
    (Origin.RESTORE.value, _("restored version")),
)


class Change(models.Model):
    """One saved version of an object: who, when, and each field that changed as [before, after].

    ``roadmap`` is the roadmap the object belongs to (none for the workspace's team), so that the roadmap's
    journal finds the changes of deleted objects too, and deleting the roadmap deletes them; ``label`` is
    what the object was called when the change was made (its last known name once it is deleted);
    ``origin`` where it came from (``history.origin``), which tells an import at the command line, the
    demo or a background job (no account) from a person whose account was deleted."""

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="changes")
    roadmap = models.ForeignKey(
        "strategy.Roadmap", on_delete=models.CASCADE, null=True, blank=True, related_name="changes"
    )
    label = models.CharField(max_length=200, blank=True)
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    version = models.PositiveIntegerField(help_text="the version this change produced")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    origin = models.CharField(
        max_length=12, choices=ORIGINS, default=Origin.WEB.value, help_text="where the change came from"
    )
    at = models.DateTimeField(auto_now_add=True)
    fields = models.JSONField(default=dict, help_text="field -> [before, after]")

    class Meta:
        ordering = ("content_type", "object_id", "version")
        indexes = (
            models.Index(fields=("content_type", "object_id", "version")),
            models.Index(fields=("roadmap", "at"), name="change_roadmap_at"),
        )
        verbose_name = _("change")
        verbose_name_plural = _("changes")

    def __str__(self) -> str:
        return f"{self.content_type_id}:{self.object_id} v{self.version}"


class RoadmapVersion(models.Model):
    """A roadmap as it was before an import replaced it: its ``jalon/1`` file, restorable from its history.

    Kept by workspace and identifier rather than by a link to the roadmap, since replacing deletes the
    roadmap row and creates a new one with the same identifier. ``origin`` says where the replacement came
    from (as ``Change.origin``), so that a version kept without an account is not called the command line's.
    """

    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, related_name="roadmap_versions")
    slug = models.SlugField(_("identifier"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    document = models.TextField(help_text="the roadmap's jalon/1 file, as JSON")
    lost = models.JSONField(default=dict, help_text="what the replacement deleted: name -> count")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    origin = models.CharField(
        max_length=12,
        choices=ORIGINS,
        default=Origin.IMPORT.value,
        help_text="where the replacement came from",
    )
    saved_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("-saved_at", "-id")
        indexes = (models.Index(fields=("workspace", "slug", "saved_at")),)
        verbose_name = _("roadmap version")
        verbose_name_plural = _("roadmap versions")

    def __str__(self) -> str:
        return f"{self.slug} {self.saved_at:%Y-%m-%d %H:%M}"
