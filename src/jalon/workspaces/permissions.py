"""The one permission helper every view, API route and command uses.

An object of a workspace the user does not belong to is *not found* (404), never *forbidden*:
its existence is not disclosed. A member without the right role is forbidden (403).
"""

from __future__ import annotations

from typing import Literal, Protocol

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from jalon.accounts.models import User
from jalon.workspaces.models import Membership, Role, Workspace

Action = Literal["view", "edit", "manage"]

ALLOWED: dict[Action, frozenset[str]] = {
    "view": frozenset({Role.OWNER, Role.EDITOR, Role.VIEWER, Role.STAKEHOLDER}),
    "edit": frozenset({Role.OWNER, Role.EDITOR}),
    "manage": frozenset({Role.OWNER}),
}


class InWorkspace(Protocol):
    @property
    def workspace(self) -> Workspace: ...


class NotFound(Http404):
    """The object does not exist for this user."""


class Forbidden(PermissionDenied):
    """The user sees the object but their role does not allow the action."""


ARCHIVED = _("This roadmap is archived: it is read-only. An owner of the workspace can restore it.")


class Archived(Forbidden):
    """The object is an archived roadmap (or of one): nobody edits it until an owner restores it."""

    def __init__(self) -> None:
        super().__init__(str(ARCHIVED))


def archived(obj: object) -> bool:
    """Whether ``obj`` is an archived roadmap, or something of one (an objective, a KPI, an activity…)."""
    roadmap = obj if hasattr(obj, "archived_at") else getattr(obj, "roadmap", None)
    return getattr(roadmap, "archived_at", None) is not None


ROLES_KEY = "_jalon_roles"  # where a user object keeps the roles read in this request


def _known_roles(user: User | AnonymousUser) -> dict[int, str | None]:
    """The user's roles read so far in this request, by workspace (kept on the user object)."""
    roles: dict[int, str | None] = user.__dict__.setdefault(ROLES_KEY, {})
    return roles


def role_of(user: User | AnonymousUser, workspace: Workspace) -> str | None:
    if not user.is_authenticated:
        return None
    cache = _known_roles(user)
    if workspace.pk not in cache:
        cache[workspace.pk] = (
            Membership.objects.filter(workspace=workspace, user=user).values_list("role", flat=True).first()
        )
    return cache[workspace.pk]


def remember_role(user: User, workspace: Workspace, role: str | None) -> None:
    """The user's role in ``workspace`` as a query that went through their membership just read it (what
    ``role_of`` would read next): one query less on every roadmap page."""
    _known_roles(user)[workspace.pk] = role


def can(user: User | AnonymousUser, action: Action, obj: InWorkspace) -> bool:
    role = role_of(user, obj.workspace)
    return role is not None and role in ALLOWED[action] and not (action == "edit" and archived(obj))


def require(user: User | AnonymousUser, action: Action, obj: InWorkspace) -> str:
    """Return the user's role, or raise NotFound (not a member) / Forbidden (role too weak) / Archived (an
    edit of an archived roadmap, or of something of one, when ``obj`` is that roadmap or thing)."""
    role = role_of(user, obj.workspace)
    if role is None:
        raise NotFound
    if role not in ALLOWED[action]:
        raise Forbidden
    if action == "edit" and archived(obj):
        raise Archived
    return role


def require_actor(actor: User | None, action: Action, obj: InWorkspace) -> None:
    """``require`` for services that the command line also calls: ``None`` is the operator at the
    terminal, who runs the installation and may do anything."""
    if actor is not None:
        require(actor, action, obj)
    elif action == "edit" and archived(obj):
        raise Archived


def forget_roles(user: User) -> None:
    """Drop the per-request role cache after a membership change."""
    user.__dict__.pop(ROLES_KEY, None)
