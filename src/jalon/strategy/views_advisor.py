"""The advisor's action on a KPI page: correct the benchmark metric it is compared with. (Adding a proposal
to the tree, and undoing it, are ``planning.backlog.advised_views``: an addition may write an activity.)"""

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

# Where the session keeps the advisor's last addition (``planning.backlog.advised``), for *Undo*.
UNDO_KEY = "advisor_undo"


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
