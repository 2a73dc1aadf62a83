"""Measurements and the goal -> strategy -> tactic tree of an objective (plain forms, redirect after POST)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalon.accounts.models import User
from jalon.errors import Conflict, ValidationFailed
from jalon.strategy import queries, services
from jalon.strategy.forms import MeasurementForm, StrategyForm, TacticEditForm, TacticForm, TitleEditForm
from jalon.workspaces.permissions import require


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _back(workspace: str, roadmap: str, key: str, anchor: str = "") -> HttpResponse:
    response = redirect("objective", workspace=workspace, roadmap=roadmap, key=key)
    response["Location"] += f"#{anchor}" if anchor else ""
    return response


def _report(request: HttpRequest, error: ValidationFailed | Conflict) -> None:
    if isinstance(error, Conflict):
        messages.error(request, _("Someone else saved this item first; reload the page and try again."))
    else:
        messages.error(request, " ".join(m for msgs in error.errors.values() for m in msgs))


def _form_errors(request: HttpRequest, errors: Mapping[str, Any]) -> None:
    messages.error(request, " ".join(str(m) for msgs in errors.values() for m in msgs))


@login_required
@require_POST
def add_measurement(request: HttpRequest, workspace: str, roadmap: str, kpi: str) -> HttpResponse:
    user = _user(request)
    found = queries.roadmap_for(user, workspace, roadmap)
    require(user, "edit", found.workspace)
    target = queries.kpi_for(found, kpi)
    form = MeasurementForm(request.POST, prefix=target.key)
    back_key = target.objective.key if target.objective else ""
    if form.is_valid():
        services.add_measurement(actor=user, kpi=target, **form.cleaned_data)
        messages.success(request, _("Measurement recorded."))
    else:
        _form_errors(request, form.errors)
    if not back_key:
        return redirect("roadmap", workspace=workspace, roadmap=roadmap)
    return _back(workspace, roadmap, back_key, f"kpi-{target.key}")


@login_required
@require_POST
def add_strategy(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    user = _user(request)
    found = queries.roadmap_for(user, workspace, roadmap)
    require(user, "edit", found.workspace)
    objective = queries.objective_for(found, key)
    form = StrategyForm(request.POST)
    if form.is_valid():
        try:
            services.create_strategy(actor=user, roadmap=found, objective=objective, **form.cleaned_data)
        except ValidationFailed as error:
            _report(request, error)
    else:
        _form_errors(request, form.errors)
    return _back(workspace, roadmap, key, "strategies")


@login_required
@require_POST
def edit_strategy(
    request: HttpRequest, workspace: str, roadmap: str, key: str, strategy: str
) -> HttpResponse:
    user = _user(request)
    found = queries.roadmap_for(user, workspace, roadmap)
    require(user, "edit", found.workspace)
    target = queries.strategy_for(found, strategy)
    if request.POST.get("delete"):
        services.delete_strategy(actor=user, strategy=target)
        return _back(workspace, roadmap, key, "strategies")
    form = TitleEditForm(request.POST, instance=queries.strategy_for(found, strategy))
    if form.is_valid():
        try:
            services.update_strategy(
                actor=user,
                strategy=target,
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
            )
        except (ValidationFailed, Conflict) as error:
            _report(request, error)
    else:
        _form_errors(request, form.errors)
    return _back(workspace, roadmap, key, f"strategy-{strategy}")


@login_required
@require_POST
def add_tactic(request: HttpRequest, workspace: str, roadmap: str, key: str, strategy: str) -> HttpResponse:
    user = _user(request)
    found = queries.roadmap_for(user, workspace, roadmap)
    require(user, "edit", found.workspace)
    target = queries.strategy_for(found, strategy)
    form = TacticForm(request.POST)
    if form.is_valid():
        try:
            services.create_tactic(actor=user, strategy=target, **form.cleaned_data)
        except ValidationFailed as error:
            _report(request, error)
    else:
        _form_errors(request, form.errors)
    return _back(workspace, roadmap, key, f"strategy-{strategy}")


@login_required
@require_POST
def edit_tactic(
    request: HttpRequest, workspace: str, roadmap: str, key: str, strategy: str, tactic: str
) -> HttpResponse:
    user = _user(request)
    found = queries.roadmap_for(user, workspace, roadmap)
    require(user, "edit", found.workspace)
    target = queries.tactic_for(queries.strategy_for(found, strategy), tactic)
    if request.POST.get("delete"):
        services.delete_tactic(actor=user, tactic=target)
        return _back(workspace, roadmap, key, f"strategy-{strategy}")
    form = TacticEditForm(request.POST, instance=queries.tactic_for(target.strategy, tactic))
    if form.is_valid():
        try:
            services.update_tactic(
                actor=user,
                tactic=target,
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
            )
        except (ValidationFailed, Conflict) as error:
            _report(request, error)
    else:
        _form_errors(request, form.errors)
    return _back(workspace, roadmap, key, f"strategy-{strategy}")
