"""Home and workspace pages."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.strategy.forms import NewRoadmapForm
from jalon.strategy.services import create_roadmap
from jalon.workspaces.permissions import can, require
from jalon.workspaces.queries import workspace_for, workspaces_of


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = _user(request)
    workspaces = list(workspaces_of(user).prefetch_related("roadmaps"))
    return render(request, "workspaces/home.html", {"workspaces": workspaces})


@login_required
def workspace_page(request: HttpRequest, workspace: str) -> HttpResponse:
    user = _user(request)
    found = workspace_for(user, workspace)
    role = require(user, "view", found)
    form = NewRoadmapForm(
        initial={"version": 1, "type": "strategic", "horizon": 6, "fiscal_year_start_month": 1}
    )
    status = 200
    if request.method == "POST":
        require(user, "edit", found)
        form = NewRoadmapForm(request.POST)
        if form.is_valid():
            try:
                fields = form.changes()
                roadmap = create_roadmap(
                    actor=user, workspace=found, slug=form.cleaned_data["slug"], **fields
                )
                return redirect("roadmap", workspace=found.slug, roadmap=roadmap.slug)
            except ValidationFailed as error:
                for field, messages in error.errors.items():
                    form.add_error(field if field in form.fields else None, messages)
        status = 422
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
