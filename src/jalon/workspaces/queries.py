"""Reads scoped to what a user may see."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from jalon.accounts.models import User
from jalon.workspaces.models import Workspace
from jalon.workspaces.permissions import ALLOWED, NotFound


def workspaces_of(user: User) -> QuerySet[Workspace]:
    return Workspace.objects.filter(memberships__user=user).annotate(roadmap_count=Count("roadmaps"))


def workspaces_edited_by(user: User) -> QuerySet[Workspace]:
    """The workspaces where ``user`` may create a roadmap (owner or editor), by name."""
    roles = ALLOWED["edit"]
    return Workspace.objects.filter(memberships__user=user, memberships__role__in=roles).order_by(
        "name", "pk"
    )


def workspace_for(user: User, slug: str) -> Workspace:
    workspace = Workspace.objects.filter(slug=slug, memberships__user=user).first()
    if workspace is None:
        raise NotFound
    return workspace
