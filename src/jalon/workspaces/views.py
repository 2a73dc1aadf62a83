"""Home and workspace pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jalon.accounts.auth import current_user
from jalon.strategy.forms import NewRoadmapForm, submit
from jalon.strategy.services import create_roadmap
from jalon.workspaces.permissions import can, require
from jalon.workspaces.queries import workspace_for, workspaces_of


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = current_user(request)
    workspaces = list(workspaces_of(user).prefetch_related("roadmaps"))
    return render(request, "workspaces/home.html", {"workspaces": workspaces})


@login_required
def workspace_page(request: HttpRequest, workspace: str) -> HttpResponse:
    user = current_user(request)
    found = workspace_for(user, workspace)
    role = require(user, "view", found)
    form = NewRoadmapForm(
        initial={"version": 1, "type": "strategic", "horizon": 6, "fiscal_year_start_month": 1}
    )
    status = 200
    if request.method == "POST":
        require(user, "edit", found)
        submission = submit(
            NewRoadmapForm(request.POST),
            lambda form: create_roadmap(
                actor=user, workspace=found, slug=form.cleaned_data["slug"], **form.changes()
            ),
        )
        if submission.saved:
            return redirect("roadmap_start", workspace=found.slug, roadmap=submission.result.slug)
        form, status = submission.form, submission.status
    return render(
        request,
        "workspaces/workspace.html",
        {
            "workspace": found,
            "role": role,
            "roadmaps": found.roadmaps.all(),
            "form": form,
            "can_edit": can(user, "edit", found),
        },
        status=status,
    )
