"""Measurements and the goal -> strategy -> tactic tree of an objective (plain forms, redirect after POST;
a refused form comes back on the objective's page, as typed, with its errors beside its fields)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalon.forms import Submission, submit
from jalon.strategy import queries, services
from jalon.strategy.forms import (
    MeasurementForm,
    StrategyForm,
    TacticEditForm,
    TacticForm,
    TitleEditForm,
)
from jalon.strategy.pages import edit_page
from jalon.strategy.views import render_objective


def back_to_objective(workspace: str, roadmap: str, key: str, anchor: str = "") -> HttpResponse:
    """Redirect to the objective's page, at ``anchor`` when given."""
    response = redirect("objective", workspace=workspace, roadmap=roadmap, key=key)
    response["Location"] += f"#{anchor}" if anchor else ""
    return response


def _report(request: HttpRequest, submission: Submission[Any]) -> None:
    """After a redirect the form is gone: say why nothing was saved as a message on the next page."""
    if submission.status == 409:
        messages.error(request, _("Someone else saved this item first; reload the page and try again."))
    elif not submission.saved:
        errors = submission.form.errors.values()
        messages.error(request, " ".join(str(m) for msgs in errors for m in msgs))


@login_required
@require_POST
def add_measurement(request: HttpRequest, workspace: str, roadmap: str, kpi: str) -> HttpResponse:
    found, _context, user = edit_page(request, workspace, roadmap)
    target = queries.kpi_for(found, kpi)
    back_key = target.objective.key if target.objective else ""
    submission = submit(
        MeasurementForm(request.POST, prefix=target.key),
        lambda form: services.add_measurement(actor=user, kpi=target, **form.cleaned_data),
    )
    if submission.saved:
        messages.success(request, _("Measurement recorded."))
    elif target.objective:
        refused = {f"measurement:{target.key}": submission.form}
        return render_objective(request, found, target.objective, refused=refused, status=submission.status)
    _report(request, submission)
    if not back_key:
        return redirect("roadmap", workspace=workspace, roadmap=roadmap)
    return back_to_objective(workspace, roadmap, back_key, f"kpi-{target.key}")


@login_required
@require_POST
def add_strategy(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    found, _context, user = edit_page(request, workspace, roadmap)
    objective = queries.objective_for(found, key)
    submission = submit(
        StrategyForm(request.POST),
        lambda form: services.create_strategy(
            actor=user, roadmap=found, objective=objective, **form.cleaned_data
        ),
    )
    if not submission.saved:
        refused = {"strategy": submission.form}
        return render_objective(request, found, objective, refused=refused, status=submission.status)
    return back_to_objective(workspace, roadmap, key, "strategies")


@login_required
@require_POST
def edit_strategy(
    request: HttpRequest, workspace: str, roadmap: str, key: str, strategy: str
) -> HttpResponse:
    found, _context, user = edit_page(request, workspace, roadmap)
    target = queries.strategy_for(found, strategy)
    if request.POST.get("delete"):
        services.delete_strategy(actor=user, strategy=target)
        return back_to_objective(workspace, roadmap, key, "strategies")
    submission = submit(
        TitleEditForm(request.POST, instance=queries.strategy_for(found, strategy)),
        lambda form: services.update_strategy(
            actor=user, strategy=target, expected_version=form.cleaned_data["version"], changes=form.changes()
        ),
    )
    _report(request, submission)
    return back_to_objective(workspace, roadmap, key, f"strategy-{strategy}")


@login_required
@require_POST
def add_tactic(request: HttpRequest, workspace: str, roadmap: str, key: str, strategy: str) -> HttpResponse:
    found, _context, user = edit_page(request, workspace, roadmap)
    target = queries.strategy_for(found, strategy)
    submission = submit(
        TacticForm(request.POST),
        lambda form: services.create_tactic(actor=user, strategy=target, **form.cleaned_data),
    )
    if not submission.saved:
        refused = {f"tactic:{strategy}": submission.form}
        objective = queries.objective_for(found, key)
        return render_objective(request, found, objective, refused=refused, status=submission.status)
    return back_to_objective(workspace, roadmap, key, f"strategy-{strategy}")


@login_required
@require_POST
def edit_tactic(
    request: HttpRequest, workspace: str, roadmap: str, key: str, strategy: str, tactic: str
) -> HttpResponse:
    found, _context, user = edit_page(request, workspace, roadmap)
    target = queries.tactic_for(queries.strategy_for(found, strategy), tactic)
    if request.POST.get("delete"):
        services.delete_tactic(actor=user, tactic=target)
        return back_to_objective(workspace, roadmap, key, f"strategy-{strategy}")
    submission = submit(
        TacticEditForm(request.POST, instance=queries.tactic_for(target.strategy, tactic)),
        lambda form: services.update_tactic(
            actor=user, tactic=target, expected_version=form.cleaned_data["version"], changes=form.changes()
        ),
    )
    _report(request, submission)
    return back_to_objective(workspace, roadmap, key, f"strategy-{strategy}")
