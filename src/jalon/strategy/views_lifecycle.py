"""A roadmap copied (dates moved by whole months), archived, restored or deleted (``services`` and
``documents.services.copy_roadmap`` do the work; these views only ask and answer)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jalon.accounts.auth import current_user
from jalon.accounts.models import User
from jalon.documents import copy_once
from jalon.documents.services import copy_roadmap
from jalon.forms import F, Submission, submit
from jalon.strategy import services
from jalon.strategy.forms import CopyRoadmapForm, DeleteRoadmapForm
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import roadmap_page
from jalon.workspaces.permissions import Action, require
from jalon.workspaces.queries import workspaces_edited_by


def _whole_roadmap(
    request: HttpRequest, workspace: str, roadmap: str, action: Action
) -> tuple[Roadmap, dict[str, Any], User]:
    """The roadmap page for an action on the roadmap as a whole, allowed on an archived one: the user must
    have the workspace role ``action`` needs (403 otherwise)."""
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, action, found.workspace)
    return found, context, user


def _asked(
    request: HttpRequest, template: str, context: dict[str, Any], form: F, save: Callable[[F], object]
) -> HttpResponse | Submission[F]:
    """A page that asks before acting: on GET the page with ``form``; on POST the saved submission, or the
    page again with the form's errors (422) when ``save`` refused it."""
    if request.method != "POST":
        return render(request, template, {**context, "form": form})
    submission = submit(form, save)
    if not submission.saved:
        return render(request, template, {**context, "form": submission.form}, status=submission.status)
    return submission


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_copy(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """Editors copy a roadmap, archived or not, into its workspace or another one they edit."""
    found, context, user = _whole_roadmap(request, workspace, roadmap, "edit")
    initial = {
        "title": _("Copy of {title}").format(title=found.title)[:200],
        "once": copy_once.form_token(user, found),
    }
    places = workspaces_edited_by(user)
    try:
        asked = _asked(
            request,
            "strategy/roadmap_copy.html",
            context,
            CopyRoadmapForm(request.POST, workspaces=places, here=found.workspace)
            if request.method == "POST"
            else CopyRoadmapForm(initial=initial, workspaces=places, here=found.workspace),
            lambda valid: copy_roadmap(actor=user, roadmap=found, **valid.cleaned_data),
        )
    except copy_once.MadeAlready as sent:  # a second tab, a second click: the copy the first one made
        copied = sent.copy
        messages.info(
            request,
            _("This form was sent twice: the copy {title} was made once, here it is.").format(
                title=copied.title
            ),
        )
        return redirect("roadmap", workspace=copied.workspace.slug, roadmap=copied.slug)
    if isinstance(asked, HttpResponse):
        return asked
    copied = asked.result
    messages.success(request, _("The copy {title} is ready.").format(title=copied.title))
    return redirect("roadmap", workspace=copied.workspace.slug, roadmap=copied.slug)


@login_required
@require_POST
def roadmap_archive(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, _context = roadmap_page(request, workspace, roadmap)
    services.archive_roadmap(actor=current_user(request), roadmap=found)
    messages.success(
        request, _("{title} is archived: read-only, and listed apart.").format(title=found.title)
    )
    return redirect("workspace", workspace=workspace)


@login_required
@require_POST
def roadmap_restore(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, _context = roadmap_page(request, workspace, roadmap)
    services.restore_roadmap(actor=current_user(request), roadmap=found)
    messages.success(request, _("{title} is restored: it can be edited again.").format(title=found.title))
    return redirect("roadmap", workspace=workspace, roadmap=roadmap)


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_delete(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """Owners delete a roadmap once they have read what goes with it and typed its title back."""
    found, context, user = _whole_roadmap(request, workspace, roadmap, "manage")
    asked = _asked(
        request,
        "strategy/roadmap_delete.html",
        {**context, "counts": services.deletion_counts(found)},
        DeleteRoadmapForm(request.POST) if request.method == "POST" else DeleteRoadmapForm(),
        lambda valid: services.delete_roadmap(
            actor=user, roadmap=found, typed_title=valid.cleaned_data["title"]
        ),
    )
    if isinstance(asked, HttpResponse):
        return asked
    messages.success(request, _("{title} is deleted.").format(title=found.title))
    return redirect("workspace", workspace=workspace)
