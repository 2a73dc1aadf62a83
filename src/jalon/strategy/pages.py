"""What every roadmap page starts from: the roadmap the user may see, and their rights on it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from jalon.accounts.auth import current_user
from jalon.accounts.models import User
from jalon.forms import DeleteForm, F, Submission, submit
from jalon.strategy import queries
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import InWorkspace, can, require


def roadmap_page(request: HttpRequest, workspace: str, roadmap: str) -> tuple[Roadmap, dict[str, Any]]:
    """The roadmap (404 for outsiders) and the context every roadmap page template needs."""
    found = queries.roadmap_for(current_user(request), workspace, roadmap)
    return found, page_context(request, found)


def edit_page(request: HttpRequest, workspace: str, roadmap: str) -> tuple[Roadmap, dict[str, Any], User]:
    """``roadmap_page`` for a change: the roadmap, the page context and the user, who must be an editor
    (403 otherwise)."""
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found)
    return found, context, user


def save_from_page(
    request: HttpRequest,
    within: InWorkspace,
    form: F,
    save: Callable[[User, F], object],
    *,
    done_url: str,
    again: Callable[[Submission[F]], HttpResponse],
) -> HttpResponse:
    """The POST of an item's own page (a person, a review…): the user must be an editor of the workspace
    the item is ``within`` (a roadmap, or a workspace's person; 403 otherwise); the form saved through
    ``save(user, form)`` goes to ``done_url`` with "Saved.", else ``again`` shows the page with the
    submission (its errors, 422, or the conflict with what changed meanwhile, 409)."""
    user = current_user(request)
    require(user, "edit", within)
    submission = submit(form, lambda valid: save(user, valid))
    if submission.saved:
        messages.success(request, _("Saved."))
        return redirect(done_url)
    return again(submission)


def delete_from_page(
    request: HttpRequest,
    version: int,
    delete: Callable[[], object],
    *,
    done: str,
    done_url: str,
    refused: Callable[[], HttpResponse],
) -> HttpResponse:
    """The POST of an item's delete button (the caller has checked the user may edit): when the version
    the page showed is still the item's ``version``, ``delete()`` and go to ``done_url`` saying ``done``;
    else ``refused()`` shows the page again saying why (409)."""
    form = DeleteForm(request.POST)
    if not form.is_valid() or form.cleaned_data["version"] != version:
        return refused()
    delete()
    messages.success(request, done)
    return redirect(done_url)


def page_context(request: HttpRequest, roadmap: Roadmap) -> dict[str, Any]:
    """What every roadmap page template needs: the roadmap, its workspace and the user's rights there."""
    user = current_user(request)
    return {
        "roadmap": roadmap,
        "workspace": roadmap.workspace,
        "role": require(user, "view", roadmap.workspace),
        "can_edit": can(user, "edit", roadmap),
    }
