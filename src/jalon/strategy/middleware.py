"""An archived roadmap is read-only everywhere: every form sent to one of its pages is refused here, before
its view runs, with the archived page (403), whatever the page. The services refuse too
(``workspaces.permissions.Archived``); this keeps a page nobody thought of from writing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.deprecation import MiddlewareMixin

from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import can

Handler = Callable[[HttpRequest], HttpResponse]

STILL_OPEN = frozenset({"roadmap_copy", "roadmap_archive", "roadmap_restore", "roadmap_delete"})
"""What an archived roadmap still answers: a copy of it, and its owners' restore and delete."""
READS = frozenset({"GET", "HEAD", "OPTIONS"})


class ArchivedRoadmapMiddleware(MiddlewareMixin):
    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: dict[str, Any]
    ) -> HttpResponse | None:
        if request.method in READS or "roadmap" not in kwargs or "workspace" not in kwargs:
            return None
        match = request.resolver_match
        if match is not None and match.url_name in STILL_OPEN:
            return None
        found = (
            Roadmap.objects.filter(workspace__slug=kwargs["workspace"], slug=kwargs["roadmap"])
            .exclude(archived_at=None)
            .select_related("workspace")
            .first()
        )
        if found is None or not can(request.user, "view", found):
            return None  # open, or not theirs to know about: the view answers (404 for outsiders)
        context = {"roadmap": found, "workspace": found.workspace}
        return render(request, "strategy/archived_refused.html", context, status=403)
