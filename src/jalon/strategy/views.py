"""Roadmap and objective pages, and the in-place editing of the SMART table (htmx, with a no-JS path)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from jalon.accounts.auth import current_user
from jalon.engines import smart
from jalon.forms import Submission, VersionedForm, submit
from jalon.strategy import advising, coaching, queries, services
from jalon.strategy.coaching import reader_language
from jalon.strategy.forms import (
    CELL_FORMS,
    EditRoadmapForm,
    MeasurementForm,
    NewObjectiveForm,
    NewRoadmapForm,
    ObjectiveForm,
)
from jalon.strategy.kpis import forecasting
from jalon.strategy.kpis.presenting import KPIView, percent
from jalon.strategy.models import KPI, Objective, Roadmap
from jalon.strategy.pages import edit_page, page_context
from jalon.strategy.paging import table_page
from jalon.workspaces.awaiting import awaiting
from jalon.workspaces.permissions import require
from jalon.workspaces.views import workspace_context, workspace_to_edit


@dataclass
class SmartRow:
    """One line of the SMART table, with what is being edited in place (if anything)."""

    objective: Objective
    depth: int
    kpis: list[KPI]
    editing: str = ""
    form: VersionedForm | None = None
    conflict: list[tuple[str, Any, Any]] | None = None

    @cached_property
    def verdict(self) -> smart.Verdict:
        """The SMART coach's verdict, computed when first shown (a one-row htmx answer coaches one row)."""
        return coaching.coach_objective(self.objective, kpis=self.kpis)

    @property
    def latest(self) -> tuple[KPI, Any] | None:
        """The last measurement of the KPI the coach judged this objective on."""
        kpi = coaching.tracked_kpi(self.kpis)
        return (kpi, list(kpi.measurements.all())[-1]) if kpi else None


def _rows(roadmap: Roadmap) -> list[SmartRow]:
    """Objectives in tree order: each top-level objective followed by its sub-objectives."""
    kpis = queries.kpis_by_objective(roadmap)
    rows: list[SmartRow] = []
    for objective, depth in queries.in_tree_order(queries.objectives_of(roadmap)):
        objective.roadmap = roadmap  # already loaded: no query per row
        rows.append(SmartRow(objective, depth, kpis.get(objective.pk, [])))
    return rows


@login_required
def roadmap_page(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found = queries.roadmap_for(current_user(request), workspace, roadmap)
    context = page_context(request, found)
    rows = _rows(found)
    editing = request.GET.get("edit", "")
    if editing and context["can_edit"] and ":" in editing:
        key, field = editing.split(":", 1)
        for row in rows:
            if row.objective.key == key and field in CELL_FORMS:
                row.editing = field
                row.form = CELL_FORMS[field](
                    instance=row.objective, initial={"version": row.objective.version}
                )
    drafts = [row for row in rows if not row.verdict.is_smart]
    # SMART, but the SMART check lists them: a warning (deadline outside the horizon…) or a disagreement
    flagged = [r for r in rows if r.verdict.is_smart and not r.verdict.passes_check]
    table = table_page(rows, request.GET.get("page"), holding=editing.split(":", 1)[0])
    context = {**context, "rows": rows, "table": table, "drafts": drafts, "flagged": flagged}
    if found.archived_at is None:
        context["awaiting"] = awaiting(current_user(request), [found.pk])
    return render(request, "strategy/roadmap.html", context)


@login_required
def smart_check(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """Every objective that fails a SMART criterion, with the reasons and the suggested rewrite, or whose
    text and fields disagree, or whose deadline the coach warns of (outside the horizon, passed)."""
    found = queries.roadmap_for(current_user(request), workspace, roadmap)
    rows = [r for r in _rows(found) if not r.verdict.passes_check]
    return render(request, "strategy/smart_check.html", {**page_context(request, found), "rows": rows})


@login_required
def objective_coach(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """Coach the objective being typed in a form (htmx, debounced): badges, deadline, suggestion."""
    found = queries.roadmap_for(current_user(request), workspace, roadmap)
    form = ObjectiveForm(request.POST if request.method == "POST" else request.GET, roadmap=found)
    form.is_valid()  # a draft being typed: the coach uses every field that is already valid
    data = form.cleaned_data
    rule, parent = data.get("deadline_rule"), data.get("parent")
    draft = coaching.ObjectiveDraft(
        title=data.get("title", ""),
        specific=data.get("specific", ""),
        impact=data.get("impact", ""),
        metric=data.get("metric", ""),
        unit=data.get("unit", ""),
        baseline=data.get("baseline"),
        target=data.get("target"),
        direction=data.get("direction", "") or "",
        done_state=data.get("done_state", ""),
        deadline=services.resolved_deadline(found, rule) if rule else data.get("deadline"),
        deadline_rule=rule or "",
        parent_title=parent.title if parent else "",
    )
    verdict = coaching.coach_draft(draft, roadmap=found)
    criteria = (verdict.specific, verdict.measurable, verdict.achievable, verdict.relevant)
    met = sum(1 for criterion in (*criteria, verdict.time_bound) if criterion.ok)
    return render(request, "strategy/_coach.html", {"verdict": verdict, "met": met})


@login_required
def objective_cell(request: HttpRequest, workspace: str, roadmap: str, key: str, field: str) -> HttpResponse:
    """GET: one SMART-table row (``?edit=1``: this cell as a form); POST: save it unless stale."""
    user = current_user(request)
    found = queries.roadmap_for(user, workspace, roadmap)
    objective = queries.objective_for(found, key)
    if field not in CELL_FORMS:
        raise Http404
    form_class = CELL_FORMS[field]
    if request.method == "POST":
        require(user, "edit", found)
        submission = submit(
            form_class(request.POST, instance=queries.objective_for(found, key)),
            lambda form: services.update_objective(
                actor=user,
                objective=objective,
                expected_version=form.cleaned_data["version"],
                changes=form.changes(),
            ),
        )
        if not submission.saved:
            return _row_response(
                request,
                found,
                key,
                editing=field,
                form=submission.form,
                conflict=submission.conflict,
                status=submission.status,
            )
        if not request.htmx:  # type: ignore[attr-defined]
            number = table_page(_rows(found), None, holding=key).number
            shown = f"?page={number}" if number > 1 else ""  # the page of the SMART table holding it
            page = reverse("roadmap", args=[found.workspace.slug, found.slug])
            return redirect(f"{page}{shown}#obj-{key}")
        return _row_response(request, found, key, editing="", form=None)
    if request.GET.get("edit"):
        require(user, "edit", found)
        form = form_class(instance=objective, initial={"version": objective.version})
        return _row_response(request, found, key, editing=field, form=form)
    return _row_response(request, found, key, editing="", form=None)


def _row_response(
    request: HttpRequest,
    roadmap: Roadmap,
    key: str,
    *,
    editing: str,
    form: VersionedForm | None,
    conflict: list[tuple[str, Any, Any]] | None = None,
    status: int = 200,
) -> HttpResponse:
    rows = _rows(roadmap)
    for row in rows:
        if row.objective.key == key:
            row.editing, row.form, row.conflict = editing, form, conflict
            if request.htmx:  # type: ignore[attr-defined]
                context = {**page_context(request, roadmap), "row": row}
                return render(request, "strategy/_smart_row.html", context, status=status)
    context = {**page_context(request, roadmap), "rows": rows, "table": table_page(rows, None, holding=key)}
    return render(request, "strategy/roadmap.html", context, status=status)


@login_required
def roadmap_edit(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, _context, user = edit_page(request, workspace, roadmap)
    if request.method != "POST":
        form = EditRoadmapForm(instance=found, initial={"version": found.version})
        return _edit_page(request, found, "strategy/roadmap_edit.html", Submission(form, 200))
    submission = submit(
        EditRoadmapForm(request.POST, instance=queries.roadmap_for(user, workspace, roadmap)),
        lambda form: services.update_roadmap(
            actor=user, roadmap=found, expected_version=form.cleaned_data["version"], changes=form.changes()
        ),
    )
    if submission.saved:
        return redirect("roadmap", workspace=workspace, roadmap=roadmap)
    return _edit_page(request, found, "strategy/roadmap_edit.html", submission)


def _edit_page(
    request: HttpRequest, roadmap: Roadmap, template: str, submission: Submission[Any], **extra: Any
) -> HttpResponse:
    context = {
        **page_context(request, roadmap),
        **extra,
        "form": submission.form,
        "conflict": submission.conflict,
    }
    return render(request, template, context, status=submission.status)


@login_required
def objective_page(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    user = current_user(request)
    found = queries.roadmap_for(user, workspace, roadmap)
    return render_objective(request, found, queries.objective_for(found, key))


def render_objective(
    request: HttpRequest,
    found: Roadmap,
    objective: Objective,
    *,
    refused: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    """The objective's page; ``refused`` holds a submitted form that needs another look, as typed and with
    its errors beside its fields: ``measurement:<kpi key>``, ``strategy`` or ``tactic:<strategy key>``."""
    refused = refused or {}
    blank = MeasurementForm
    context = page_context(request, found)
    kpis = list(queries.kpis_with_measurements(found).filter(objective=objective))
    today = timezone.localdate()
    odds = forecasting.objective_odds(kpis)
    children = list(objective.children.all())
    by_term = [(label, [c for c in children if c.term == term]) for term, label in Objective._meta.get_field(
        "term").choices or []]  # fmt: skip
    by_term = [(label, items) for label, items in by_term if items]
    unsorted = [c for c in children if not c.term]
    strategies = list(queries.strategies_of(found).filter(objective=objective))
    return render(
        request,
        "strategy/objective.html",
        {
            **context,
            "objective": objective,
            "kpis": [
                (KPIView(kpi, today), refused.get(f"measurement:{kpi.key}") or blank(prefix=kpi.key))
                for kpi in kpis
            ],
            "odds": odds,
            "odds_text": percent(odds.probability) if odds else "",
            "children_by_term": by_term,
            "children_without_term": unsorted,
            "strategies": [(s, refused.get(f"tactic:{s.key}")) for s in strategies],
            "strategy_form": refused.get("strategy"),
            "advice": advising.advice_for(objective, lang=reader_language()),
            "verdict": coaching.coach_objective(objective, kpis=kpis),  # as the SMART table judges it
            "undo": _undo_for(request, found, objective),
        },
        status=status,
    )


def _undo_for(request: HttpRequest, found: Roadmap, objective: Objective) -> bool:
    """Whether to offer *Undo* for the advisor's last *Add*: on this objective, on the next page only."""
    added = request.session.get("advisor_undo") or {}
    if added.get("shown") or added.get("roadmap") != found.pk or added.get("objective") != objective.key:
        return False
    request.session["advisor_undo"] = {**added, "shown": True}  # offered once, like the message it follows
    return True


@login_required
def objective_edit(
    request: HttpRequest, workspace: str, roadmap: str, key: str | None = None
) -> HttpResponse:
    """Create (no key) or edit a whole objective."""
    found, _context, user = edit_page(request, workspace, roadmap)
    objective = queries.objective_for(found, key) if key else None
    form_class = ObjectiveForm if objective else NewObjectiveForm
    initial = {"version": objective.version} if objective else {"version": 1}
    if request.method != "POST":
        form = form_class(instance=objective, initial=initial, roadmap=found)
        return _edit_page(
            request, found, "strategy/objective_edit.html", Submission(form, 200), objective=objective
        )

    def save(form: ObjectiveForm) -> Objective:
        if objective is None:
            return services.create_objective(
                actor=user, roadmap=found, key=form.cleaned_data["key"], **form.changes()
            )
        return services.update_objective(
            actor=user,
            objective=objective,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
        )

    instance = queries.objective_for(found, key) if key else None
    submission = submit(form_class(request.POST, instance=instance, roadmap=found), save)
    if submission.saved:
        return redirect("objective", workspace=workspace, roadmap=roadmap, key=submission.result.key)
    return _edit_page(request, found, "strategy/objective_edit.html", submission, objective=objective)


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_new(request: HttpRequest, workspace: str) -> HttpResponse:
    """Create a roadmap from the workspace page's form; a refused form comes back on that page. Its address
    opened again (a refused form's page reloaded, a bookmark) leads to that form rather than an empty 405."""
    if request.method == "GET":
        return redirect(reverse("workspace", args=[workspace]) + "#new-roadmap")
    found, user = workspace_to_edit(request, workspace)
    submission = submit(
        NewRoadmapForm(request.POST),
        # The roadmap is written in the language of the page it is made from.
        lambda form: services.create_roadmap(
            actor=user,
            workspace=found,
            slug=form.cleaned_data["slug"],
            language=reader_language(),
            **form.changes(),
        ),
    )
    if submission.saved:  # a new roadmap opens on the 7 steps
        return redirect("roadmap_start", workspace=found.slug, roadmap=submission.result.slug)
    context = {**workspace_context(user, found), "new_roadmap_form": submission.form}
    return render(request, "workspaces/workspace.html", context, status=submission.status)
