"""What every roadmap page starts from: the roadmap the user may see, and their rights on it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jalon.accounts.auth import current_user
from jalon.accounts.models import User
from jalon.strategy import queries
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import can, require


def roadmap_page(request: HttpRequest, workspace: str, roadmap: str) -> tuple[Roadmap, dict[str, Any]]:
    """The roadmap (404 for outsiders) and the context every roadmap page template needs."""
    found = queries.roadmap_for(current_user(request), workspace, roadmap)
    return found, page_context(request, found)


def edit_page(request: HttpRequest, workspace: str, roadmap: str) -> tuple[Roadmap, dict[str, Any], User]:
    """``roadmap_page`` for a change: the roadmap, the page context and the user, who must be an editor
    (403 otherwise)."""
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found.workspace)
    return found, context, user


def page_context(request: HttpRequest, roadmap: Roadmap) -> dict[str, Any]:
    """What every roadmap page template needs: the roadmap, its workspace and the user's rights there."""
    user = current_user(request)
    return {
        "roadmap": roadmap,
        "workspace": roadmap.workspace,
        "role": require(user, "view", roadmap.workspace),
        "can_edit": can(user, "edit", roadmap.workspace),
    }
