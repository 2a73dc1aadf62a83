"""A roadmap copied (dates moved by whole months), archived, restored or deleted (``services`` and
``documents.services.copy_roadmap`` do the work; these views only ask and answer)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jalon.accounts.auth import current_user
from jalon.documents.services import copy_roadmap
from jalon.forms import submit
from jalon.strategy import services
from jalon.strategy.forms import CopyRoadmapForm, DeleteRoadmapForm
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import roadmap_page
from jalon.workspaces.permissions import require


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_copy(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """Editors copy a roadmap, archived or not, into the same workspace."""
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found.workspace)
    if request.method != "POST":
        form = CopyRoadmapForm(initial={"title": _("Copy of {title}").format(title=found.title)[:200]})
        return render(request, "strategy/roadmap_copy.html", {**context, "form": form})
    submission = submit(
        CopyRoadmapForm(request.POST),
        lambda valid: copy_roadmap(actor=user, roadmap=found, **valid.cleaned_data),
    )
    if not submission.saved:
        context = {**context, "form": submission.form}
        return render(request, "strategy/roadmap_copy.html", context, status=submission.status)
    copied: Roadmap = submission.result
    messages.success(request, _("The copy {title} is ready.").format(title=copied.title))
    return redirect("roadmap", workspace=workspace, roadmap=copied.slug)


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
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "manage", found.workspace)
    context = {**context, "counts": services.deletion_counts(found)}
    if request.method != "POST":
        return render(request, "strategy/roadmap_delete.html", {**context, "form": DeleteRoadmapForm()})
    submission = submit(
        DeleteRoadmapForm(request.POST),
        lambda valid: services.delete_roadmap(
            actor=user, roadmap=found, typed_title=valid.cleaned_data["title"]
        ),
    )
    if not submission.saved:
        context = {**context, "form": submission.form}
        return render(request, "strategy/roadmap_delete.html", context, status=submission.status)
    messages.success(request, _("{title} is deleted.").format(title=found.title))
    return redirect("workspace", workspace=workspace)
