"""The advisor's actions on an objective page: add a proposed strategy or tactic to the tree (and, when
asked, a backlog activity for the tactic), undo the last addition. Routed under the roadmap with the
planning pages, since an addition may write an activity; the panel itself is strategy's."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jalon.planning.backlog import advised
from jalon.strategy import queries
from jalon.strategy.coaching import reader_language
from jalon.strategy.pages import edit_page
from jalon.strategy.views_advisor import UNDO_KEY
from jalon.strategy.views_tree import back_to_objective


@login_required
@require_POST
def advisor_add(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """Turn the playbook's strategy (and tactic, when given; and its activity, when asked) into the
    objective's tree in one click."""
    found, _context, user = edit_page(request, workspace, roadmap)
    objective = queries.objective_for(found, key)
    try:
        added = advised.add(
            actor=user,
            objective=objective,
            strategy_id=request.POST.get("strategy", ""),
            tactic_id=request.POST.get("tactic", ""),
            with_activity=request.POST.get("with_activity") == "1",
            lang=reader_language(),
        )
    except KeyError:
        messages.error(request, _("This proposal is not in the playbook any more; nothing was added."))
        return back_to_objective(workspace, roadmap, key, "advisor")
    request.session[UNDO_KEY] = added.undo_record(found.pk, objective.key)
    tree = added.tree
    title = tree.tactic.title if tree.tactic else tree.strategy.title
    if added.activity is not None and added.estimate is not None:
        messages.success(
            request,
            _("“%(title)s” added to the tree, with a backlog activity. %(why)s")
            % {"title": title, "why": added.estimate.why},
        )
    else:
        messages.success(request, _("“%(title)s” added to the tree.") % {"title": title})
    return back_to_objective(workspace, roadmap, key, f"strategy-{tree.strategy.key}")


@login_required
@require_POST
def advisor_undo(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """Delete what the last *Add* created on this objective, then forget it."""
    found, _context, user = edit_page(request, workspace, roadmap)
    objective = queries.objective_for(found, key)
    added = request.session.get(UNDO_KEY) or {}
    if added.get("roadmap") == found.pk and added.get("objective") == objective.key:
        advised.undo(actor=user, added=added, objective=objective)
        del request.session[UNDO_KEY]
        messages.success(request, _("The addition was undone."))
    else:
        messages.error(request, _("There is nothing to undo."))
    return back_to_objective(workspace, roadmap, key, "advisor")


OBJECTIVE = "o/<slug:key>/"
urlpatterns = [
    path(OBJECTIVE + "advisor/add/", advisor_add, name="advisor_add"),
    path(OBJECTIVE + "advisor/undo/", advisor_undo, name="advisor_undo"),
]
