"""Reads scoped to what a user may see."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from jalon.accounts.models import User
from jalon.workspaces.models import Workspace
from jalon.workspaces.permissions import NotFound


def workspaces_of(user: User) -> QuerySet[Workspace]:
    return Workspace.objects.filter(memberships__user=user).annotate(roadmap_count=Count("roadmaps"))


def workspace_for(user: User, slug: str) -> Workspace:
    workspace = Workspace.objects.filter(slug=slug, memberships__user=user).first()
    if workspace is None:
        raise NotFound
    return workspace
