"""A background run of « Optimiser le portefeuille » (a roadmap with many activities to choose from): its
progress while it runs, then the proposal it found, with the rules it ran to change and run again.

Routes (under the roadmap): ``portfolio/runs/<id>/`` the run; ``portfolio/runs/<id>/status/`` its progress
panel, polled by htmx. Runs start from the portfolio page (``views_portfolio.portfolio_page``) and are
saved through its save form, which names the run so that the scenario keeps what the run found.

Members of the workspace read a run; owners and editors also change its rules, run again and save;
anyone else gets 404.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from jalon.job_pages import JobPages
from jalon.jobs.models import JobStatus
from jalon.planning.portfolio import runs
from jalon.planning.portfolio.forms import PortfolioForm
from jalon.planning.portfolio.problem import Plan, Rules, always_funded, load_plan
from jalon.planning.portfolio.views import page_context

PAGES = JobPages(
    kind=runs.JOB_KIND,
    name="portfolio",
    page="portfolio_run",
    working=_("The optimiser is working"),
    leave_note=_(
        "You may leave this page: the work goes on, and the proposal waits for you among the background "
        "runs of the portfolio page."
    ),
)


def _initial(plan: Plan, rules: Rules) -> dict[str, Any]:
    """The form's values for the run's rules; must-dos and ruled-out activities the plan no longer offers
    to tick (done, dropped, now in progress…) are left out, so that running again is not refused."""
    initial = PortfolioForm.initial_for(plan, rules)
    offered = {a.key for a in plan.candidates} - set(always_funded(plan))
    for name in ("must_do", "must_not"):
        initial[name] = [key for key in initial[name] if key in offered]
    return initial


@login_required
@require_GET
def run_page(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
    """The progress while the run is queued or running; once done, its proposal (and whether the plan
    changed since), the save form and its rules; once failed, why."""
    found, the_job, context = PAGES.find(request, workspace, roadmap, job)
    extra: dict[str, Any] = {**PAGES.progress(found, the_job), "stale": False}
    if the_job.finished:
        plan = load_plan(found)
        initial = _initial(plan, runs.rules_of(the_job))
        done = the_job.status == JobStatus.DONE
        extra |= page_context(
            request,
            plan,
            PortfolioForm(initial=initial, plan=plan),
            proposal=runs.proposal_of_job(plan, the_job) if done else None,
            hidden_form=PortfolioForm(initial=initial, plan=plan, auto_id=False),
            run_job=the_job,
        )
        extra["stale"] = done and runs.is_stale(plan, the_job)
    return render(request, "planning/portfolio_run.html", {**context, **extra})


urlpatterns = [
    *PAGES.urls("portfolio/runs/<int:job>/", run_page),
]
