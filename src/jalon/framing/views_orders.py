"""The page of the background job that seeds the personas from a large orders file: the personas page with
the job's progress while it runs; then the personas page itself (as after a small file), the column
mapping to choose, or why the file was refused, in words."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from jalon.accounts.auth import current_user
from jalon.framing import orders_jobs, pending_orders, services
from jalon.framing.views import ask_mapping, personas_page
from jalon.job_pages import JobPages
from jalon.jobs.models import JobStatus

ORDERS_JOB = JobPages(
    kind=orders_jobs.JOB_KIND,
    name="orders",
    page="framing_personas_job",
    working=gettext_lazy("Reading the orders and proposing the personas"),
    leave_note=gettext_lazy(
        "You may leave this page: the reading goes on, and the personas appear on the personas page."
    ),
)


@login_required
@require_GET
def personas_job(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
    found, the_job, context = ORDERS_JOB.find(request, workspace, roadmap, job)
    context["framing"] = services.framing_for(found)
    result = the_job.result_data
    if the_job.status == JobStatus.DONE and "columns" not in result:
        return redirect("framing_personas", workspace=workspace, roadmap=roadmap)
    if the_job.status == JobStatus.DONE:  # the file's columns could not be told: the reader chooses
        user = current_user(request)
        token = str(the_job.params.get("file") or "")
        if the_job.actor_id == user.pk and pending_orders.path_of(found, user, token) is not None:
            name = str(the_job.params.get("name") or "")
            ask_mapping(request, context, token, name, result["columns"], result.get("found") or {})
        else:  # someone else's file, or one already used
            return redirect("framing_personas", workspace=workspace, roadmap=roadmap)
    elif the_job.status == JobStatus.FAILED:
        context["upload_error"] = [the_job.message_text]
    else:
        context |= {"orders_job": the_job, "orders_panel": ORDERS_JOB.panel(found, the_job)}
    return personas_page(request, found, context, {}, status=200)
