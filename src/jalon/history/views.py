"""A roadmap's kept versions (each one the roadmap as it was before an import replaced it), and restoring
one: itself a replace-import, confirmed on a page that says what is lost, all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from jalon.accounts.auth import current_user
from jalon.documents.replace import losses_of, lost_phrases
from jalon.documents.roadmap_file import FileProblems
from jalon.documents.services import restore_version
from jalon.history import journal
from jalon.history.models import RoadmapVersion
from jalon.strategy import queries
from jalon.strategy.pages import edit_page
from jalon.workspaces.permissions import can


@login_required
def versions(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    user = current_user(request)
    found = queries.roadmap_for(user, workspace, roadmap)
    kept = RoadmapVersion.objects.filter(workspace=found.workspace, slug=found.slug).select_related("actor")
    context = {
        "workspace": found.workspace,
        "roadmap": found,
        "versions": [
            (version, journal.author(version.actor, version.origin), ", ".join(lost_phrases(version.lost)))
            for version in kept
        ],
        "can_edit": can(user, "edit", found),
    }
    return render(request, "history/versions.html", context)


@login_required
def restore(request: HttpRequest, workspace: str, roadmap: str, version: int) -> HttpResponse:
    found, _context, user = edit_page(request, workspace, roadmap)
    kept = RoadmapVersion.objects.filter(workspace=found.workspace, slug=found.slug, pk=version).first()
    if kept is None:
        raise Http404
    if request.method != "POST":
        context = {"workspace": found.workspace, "roadmap": found, "version": kept,
                   "lines": losses_of(found).lines()}  # fmt: skip
        return render(request, "history/restore.html", context)
    try:
        restored = restore_version(actor=user, version=kept, confirmed=True)
    except FileProblems as error:
        context = {"workspace": found.workspace, "problems": error.problems}
        return render(request, "documents/import_problems.html", context, status=422)
    messages.success(request, _("Version restored. The roadmap as it was is kept in its history."))
    return redirect("roadmap", workspace=restored.workspace.slug, roadmap=restored.slug)
