"""The advisor's actions on an objective page: add a proposed strategy or tactic to the tree, undo it."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalon.strategy import advising, queries, services
from jalon.strategy.coaching import reader_language
from jalon.strategy.pages import edit_page

UNDO_KEY = "advisor_undo"


def _back(workspace: str, roadmap: str, key: str, anchor: str) -> HttpResponse:
    response = redirect("objective", workspace=workspace, roadmap=roadmap, key=key)
    response["Location"] += f"#{anchor}"
    return response


@login_required
@require_POST
def advisor_add(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """Turn the playbook's strategy (and tactic, when given) into the objective's tree in one click."""
    found, _context, user = edit_page(request, workspace, roadmap)
    objective = queries.objective_for(found, key)
    try:
        added = advising.add_from_playbook(
            actor=user,
            objective=objective,
            strategy_id=request.POST.get("strategy", ""),
            tactic_id=request.POST.get("tactic", ""),
            lang=reader_language(),
        )
    except KeyError:
        messages.error(request, _("This proposal is not in the playbook any more; nothing was added."))
        return _back(workspace, roadmap, key, "advisor")
    request.session[UNDO_KEY] = {
        "roadmap": found.pk,
        "objective": objective.key,
        "strategy": added.strategy.key,
        "strategy_created": added.strategy_created,
        "tactic": added.tactic.key if added.tactic else "",
    }
    title = added.tactic.title if added.tactic else added.strategy.title
    messages.success(request, _("“%(title)s” added to the tree.") % {"title": title})
    return _back(workspace, roadmap, key, f"strategy-{added.strategy.key}")


@login_required
@require_POST
def advisor_undo(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """Delete what the last *Add* created on this objective, then forget it."""
    found, _context, user = edit_page(request, workspace, roadmap)
    objective = queries.objective_for(found, key)
    added = request.session.get(UNDO_KEY) or {}
    if added.get("roadmap") == found.pk and added.get("objective") == objective.key:
        advising.undo(actor=user, added=added, objective=objective)
        del request.session[UNDO_KEY]
        messages.success(request, _("The addition was undone."))
    else:
        messages.error(request, _("There is nothing to undo."))
    return _back(workspace, roadmap, key, "advisor")


@login_required
@require_POST
def kpi_benchmark_metric(request: HttpRequest, workspace: str, roadmap: str, kpi: str) -> HttpResponse:
    """Correct the benchmark metric a KPI is compared with ("" returns to the automatic match)."""
    found, _context, user = edit_page(request, workspace, roadmap)
    target = queries.kpi_for(found, kpi)
    chosen = request.POST.get("benchmark_metric", "")
    known = {metric_id for metric_id, _name in advising.metric_choices(reader_language())}
    if chosen and chosen not in known:
        messages.error(request, _("Choose a metric from the list."))
    else:
        services.update_kpi(
            actor=user, kpi=target, expected_version=target.version, changes={"benchmark_metric": chosen}
        )
        messages.success(request, _("Benchmark comparison saved."))
    response = redirect("kpi", workspace=workspace, roadmap=roadmap, kpi=kpi)
    response["Location"] += "#benchmark"
    return response
