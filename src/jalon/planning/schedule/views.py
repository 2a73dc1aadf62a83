"""The "Plan the schedule" page ("Planifier"): run the scheduler on a roadmap's approved work (and the
ideas the user selects), follow its progress, compare its proposal with the current plan (moves,
milestones, the person × week load before and after, the conflicts in words, what was left out), apply
it, and undo it.

Routes (all under the roadmap): ``schedule/`` the page and recent proposals; ``schedule/run/`` (POST)
starts the scheduler; ``schedule/jobs/<id>/`` one proposal; ``schedule/jobs/<id>/status/`` its progress
(polled by htmx); ``schedule/jobs/<id>/apply/`` (POST) applies it; ``schedule/jobs/<id>/undo/`` (POST)
puts the activities back on their dates before it was applied.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from jalon.accounts.auth import current_user
from jalon.errors import Conflict, ValidationFailed
from jalon.fields import LocaleDateField
from jalon.job_pages import JobPages, job_url
from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.planning.models import Activity, Dependency, Scenario, Status
from jalon.planning.schedule import apply as schedule_apply
from jalon.planning.schedule import problem, run
from jalon.planning.schedule.compare import compare, timelines
from jalon.planning.schedule.proposal import Proposal
from jalon.planning.schedule.words import explain, left_out, status_text
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import roadmap_page
from jalon.workspaces.permissions import require


class RunForm(forms.Form):
    start = LocaleDateField(
        label=gettext_lazy("Plan from"),
        required=False,
        help_text=gettext_lazy("No activity that has not started yet will be planned before this day."),
    )
    ideas = forms.MultipleChoiceField(
        label=gettext_lazy("Ideas to plan as well"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy(
            "Planned and in-progress activities are always scheduled; ideas only when ticked here. Those "
            "that the last applied portfolio scenario funds are ticked."
        ),
    )

    def __init__(self, *args: Any, roadmap: Roadmap, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        ideas = Activity.objects.filter(roadmap=roadmap, status=Status.IDEA).values_list("key", "title")
        self.fields["ideas"].choices = list(ideas)  # type: ignore[attr-defined]


def funded_ideas(roadmap: Roadmap) -> list[str]:
    """The ideas that the last applied portfolio scenario funds (still ideas): proposed for planning."""
    scenario = (
        Scenario.objects.filter(roadmap=roadmap, applied_at__isnull=False).order_by("-applied_at").first()
    )
    if scenario is None:
        return []
    keys = [str(key) for key in scenario.selection]
    return list(
        Activity.objects.filter(roadmap=roadmap, status=Status.IDEA, key__in=keys).values_list(
            "key", flat=True
        )
    )


PAGES = JobPages(
    kind=run.JOB_KIND,
    name="schedule",
    page="schedule_job",
    working=gettext_lazy("The scheduler is working"),
    leave_note=gettext_lazy(
        "You may leave this page: the work goes on, and the proposal waits for you among the recent "
        "proposals."
    ),
)


@login_required
@require_GET
def schedule(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    start = problem.default_start(found, today=timezone.localdate())
    form = RunForm(initial={"start": start, "ideas": funded_ideas(found)}, roadmap=found)
    return _home(request, found, context, form)


def _home(
    request: HttpRequest, roadmap: Roadmap, context: dict[str, Any], form: RunForm, status: int = 200
) -> HttpResponse:
    count = run.approved_count(roadmap)
    recent = jobs.recent_jobs(roadmap, kind=run.JOB_KIND)
    return render(
        request,
        "planning/schedule.html",
        {
            **context,
            "form": form,
            "count": count,
            "background": count > run.INLINE_MAX_ACTIVITIES,
            "recent": [(job, _proposal(job)) for job in recent],
            "overlaps": overlaps(roadmap),
        },
        status=status,
    )


def overlaps(roadmap: Roadmap) -> list[str]:
    """The dependencies with a negative lag (the successor may start before its predecessor ends), each in
    one line: the scheduler overlaps no two linked activities and plans them with a lag of 0, which the
    page says before it runs rather than leaving the difference to be found in the proposal."""
    links = (
        Dependency.objects.filter(successor__roadmap=roadmap, lag_days__lt=0)
        .select_related("predecessor", "successor")
        .order_by("successor__title", "predecessor__title")
    )
    return [
        ngettext(
            "“{successor}” may start {days} day before “{predecessor}” ends: the scheduler starts it after, "
            "with a lag of 0.",
            "“{successor}” may start {days} days before “{predecessor}” ends: the scheduler starts it after, "
            "with a lag of 0.",
            -link.lag_days,
        ).format(successor=link.successor.title, predecessor=link.predecessor.title, days=-link.lag_days)
        for link in links
    ]


@login_required
@require_POST
def schedule_run(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found)
    form = RunForm(request.POST, roadmap=found)
    if not form.is_valid():
        return _home(request, found, context, form, status=422)
    try:
        job = run.run_schedule(
            actor=user, roadmap=found, start=form.cleaned_data["start"], ideas=form.cleaned_data["ideas"]
        )
    except ValidationFailed as refused:
        refused.add_to_form(form)
        return _home(request, found, context, form, status=422)
    return redirect(job_url("schedule_job", found, job), permanent=False)


@login_required
@require_GET
def schedule_job(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
    found, the_job, context = PAGES.find(request, workspace, roadmap, job)
    return _job_page(request, found, context, the_job)


def _proposal(job: Job) -> Proposal | None:
    """What a finished job proposes (None while it runs, or when it failed)."""
    return Proposal.from_json(job.result_data) if job.status == JobStatus.DONE else None


def _job_page(
    request: HttpRequest,
    roadmap: Roadmap,
    context: dict[str, Any],
    job: Job,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    start = job.params.get("start")
    extra: dict[str, Any] = {
        **PAGES.progress(roadmap, job),
        "error": error,
        "plan_start": date.fromisoformat(start) if start else None,
    }
    proposal = _proposal(job)
    if proposal is not None:
        plan = problem.load_plan(roadmap)
        people = {p.key: p.name for p in plan.people}
        comparison = compare(plan, proposal)
        extra |= {
            "proposal": proposal,
            "status_text": status_text(proposal),
            "comparison": comparison,
            "timelines": timelines(plan, comparison.moves),
            "explanations": explain(plan, proposal),
            "left_out": left_out(plan, proposal),
            "idle_people": [people.get(k, k) for k in proposal.idle_people],
        }
    return render(request, "planning/schedule_job.html", {**context, **extra}, status=status)


def _act(
    request: HttpRequest,
    workspace: str,
    roadmap: str,
    job: int,
    *,
    action: Callable[..., int],
    conflict: str,
    done: Callable[[int], str],
) -> HttpResponse:
    """Apply or undo a proposal: the page again with the reason when refused (409 when the plan changed
    meanwhile, 422 otherwise), else back to the proposal with what was done."""
    found, context = roadmap_page(request, workspace, roadmap)
    user = current_user(request)
    require(user, "edit", found)
    the_job = jobs.job_for(user, found, job, kind=run.JOB_KIND)
    try:
        count = action(actor=user, roadmap=found, job=the_job)
    except Conflict:
        return _job_page(request, found, context, the_job, error=conflict, status=409)
    except ValidationFailed as failure:
        message = " ".join(m for messages_ in failure.errors.values() for m in messages_)
        return _job_page(request, found, context, the_job, error=message, status=422)
    messages.success(request, done(count))
    return redirect(job_url("schedule_job", found, the_job))


@login_required
@require_POST
def schedule_apply_view(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
    return _act(
        request, workspace, roadmap, job, action=schedule_apply.apply_job,
        conflict=_(
            "Someone changed the plan since this proposal was computed, so nothing was applied. "
            "Run the scheduler again to get a proposal based on the current plan."
        ),
        done=lambda count: ngettext(
            "{count} activity moved.", "{count} activities moved.", count
        ).format(count=count),
    )  # fmt: skip


@login_required
@require_POST
def schedule_undo(request: HttpRequest, workspace: str, roadmap: str, job: int) -> HttpResponse:
    """*Annuler le planning*: every moved activity back on its dates before, or nothing (409) when one of
    them changed since the plan was applied."""
    return _act(
        request, workspace, roadmap, job, action=schedule_apply.undo_job,
        conflict=_(
            "Someone changed some of these activities since the schedule was applied, so nothing was undone. "
            "Check their dates on the timeline."
        ),
        done=lambda count: ngettext(
            "{count} activity is back on its previous dates.",
            "{count} activities are back on their previous dates.",
            count,
        ).format(count=count),
    )  # fmt: skip


urlpatterns = [
    path("schedule/", schedule, name="schedule"),
    path("schedule/run/", schedule_run, name="schedule_run"),
    *PAGES.urls("schedule/jobs/<int:job>/", schedule_job),
    path("schedule/jobs/<int:job>/apply/", schedule_apply_view, name="schedule_apply"),
    path("schedule/jobs/<int:job>/undo/", schedule_undo, name="schedule_undo"),
]
