"""Small builders for tests that need a workspace, its members or a roadmap but not the Cloud Kicks
demo (loading the demo costs about 0.3 s a test). Everything is made through the services, like any
write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from jalon.accounts.models import User
from jalon.planning import services as planning
from jalon.planning.models import Activity
from jalon.strategy import services as strategy
from jalon.strategy.models import Roadmap
from jalon.workspaces import services as workspaces
from jalon.workspaces.models import Workspace

PASSWORD = "demo-password-1"
ROLES = ("owner", "editor", "viewer", "stakeholder")


@dataclass(frozen=True)
class Team:
    """A workspace with one user per role, and an outsider who owns a workspace of their own."""

    workspace: Workspace
    users: dict[str, User]

    @property
    def owner(self) -> User:
        return self.users["owner"]


def make_team(slug: str = "acme", name: str = "Acme") -> Team:
    users = {
        role: User.objects.create_user(email=f"{role}@{slug}.example", password=PASSWORD)
        for role in (*ROLES, "outsider")
    }
    workspace = workspaces.create_workspace(actor=users["owner"], slug=slug, name=name)
    for role in ROLES[1:]:
        workspaces.set_membership(actor=users["owner"], workspace=workspace, user=users[role], role=role)
    workspaces.create_workspace(actor=users["outsider"], slug=f"{slug}-other", name=f"{name} other")
    return Team(workspace=workspace, users=users)


def make_roadmap(
    workspace: Workspace,
    actor: User,
    *,
    slug: str = "plan",
    start: date = date(2026, 1, 1),
    end: date = date(2026, 12, 31),
    **fields: Any,
) -> Roadmap:
    """An empty roadmap, made by ``actor`` (who must be allowed to write in ``workspace``)."""
    fields.setdefault("title", slug.replace("-", " ").capitalize())
    fields.setdefault("type", "strategic")
    return strategy.create_roadmap(
        actor=actor, workspace=workspace, slug=slug, start=start, end=end, **fields
    )


def roadmap_with_activities(workspace: Workspace, actor: User, count: int, **fields: Any) -> Roadmap:
    """A roadmap holding ``count`` one-week activities, ``a1`` to ``a<count>``, one a week from its start."""
    roadmap = make_roadmap(workspace, actor, **fields)
    for n in range(count):
        start = roadmap.start + timedelta(weeks=n)
        planning.create(
            Activity, actor=actor, roadmap=roadmap, key=f"a{n + 1}", title=f"Activity {n + 1}",
            status="planned", start=start, end=start + timedelta(days=4),
        )  # fmt: skip
    return roadmap


HTMX: dict[str, Any] = {"HTTP_HX_REQUEST": "true"}
"""The header htmx sends, for ``client.get(url, **HTMX)`` (typed loosely so that mypy accepts it as extra)."""
