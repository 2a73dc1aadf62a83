"""Home and workspace pages."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from jalon.accounts.auth import current_user
from jalon.accounts.models import User
from jalon.workspaces.awaiting import awaiting
from jalon.workspaces.models import Workspace
from jalon.workspaces.permissions import can, require
from jalon.workspaces.queries import workspace_for, workspaces_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    workspaces = list(workspaces_of(user).prefetch_related("roadmaps"))
    listed = [(w, [r for r in w.roadmaps.all() if r.archived_at is None]) for w in workspaces]
    return render(request, "workspaces/home.html", {"workspaces": listed})


def workspace_context(user: User, workspace: Workspace) -> dict[str, Any]:
    """What the workspace page shows (its roadmaps, the archived ones apart, the user's role). The apps above
    tenancy put their own forms on it through template tags: the "New roadmap" form is strategy's
    (``{% new_roadmap_form %}``); what awaits the user on its roadmaps (a vote…) comes from the readers
    registered in ``jalon.workspaces.awaiting``."""
    roadmaps = list(workspace.roadmaps.all())
    active = [r for r in roadmaps if r.archived_at is None]
    return {
        "workspace": workspace,
        "role": require(user, "view", workspace),
        "roadmaps": active,
        "awaiting": awaiting(user, [r.pk for r in active]),
        "archived_roadmaps": [r for r in roadmaps if r.archived_at is not None],
        "can_edit": can(user, "edit", workspace),
    }


def workspace_to_edit(request: HttpRequest, workspace: str) -> tuple[Workspace, User]:
    """The workspace (404 for outsiders) and the user, who must be an editor there (403 otherwise)."""
    user = current_user(request)
    found = workspace_for(user, workspace)
    require(user, "edit", found)
    return found, user


@login_required
@require_safe
def workspace_page(request: HttpRequest, workspace: str) -> HttpResponse:
    user = current_user(request)
    return render(
        request, "workspaces/workspace.html", workspace_context(user, workspace_for(user, workspace))
    )
