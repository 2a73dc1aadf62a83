"""« Optimiser le portefeuille »: run the optimiser on a roadmap, compare its proposal with the current
plan, save runs as scenarios, compare scenarios side by side and apply one (after seeing what changes).

A small roadmap is answered inside the request; a large one becomes a background run, followed on its own
page (``views_portfolio_runs``), from which the proposal is saved as the run found it.

Owners and editors run, save, delete and apply; viewers and stakeholders read saved scenarios.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from jalon.accounts.auth import current_user
from jalon.bulk import render_with_blocks
from jalon.errors import ValidationFailed
from jalon.ignored_filters import ignored_in, said
from jalon.job_pages import job_url
from jalon.jobs import services as jobs
from jalon.jobs.models import Job
from jalon.planning import queries
from jalon.planning.models import Scenario
from jalon.planning.portfolio import runs
from jalon.planning.portfolio import services as scenarios
from jalon.planning.portfolio.forms import PortfolioForm, ScenarioNameForm
from jalon.planning.portfolio.problem import SCORE_LABELS, Plan, Rules, load_plan
from jalon.planning.portfolio.proposal import Proposal, Row, compare, propose, proposed_keys
from jalon.planning.portfolio.table import Candidate, Outline, candidate_of, outline, rows_html
from jalon.planning.portfolio.words import Words
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import edit_page, roadmap_page
from jalon.workspaces.permissions import NotFound, require


@dataclass(frozen=True)
class ProposalView:
    """A run as the page shows it: the status, the conflict or the rows with their reasons, in words."""

    proposal: Proposal
    status: str
    conflict: list[str]
    funded: list[tuple[Row, str]]
    left_out: list[tuple[Row, str]]
    notes: list[str]


def _notes(words: Words, proposal: Proposal) -> list[str]:
    built, money = proposal.built, words.money
    notes = []
    if built.sunk_eur:
        notes.append(
            _("Done activities already spent {amount}: it counts against the budgets.").format(
                amount=money(built.sunk_eur)
            )
        )
    if built.kept_for_maintenance_eur:
        notes.append(
            _("{amount} is kept aside for maintenance; maintenance activities keep their status.").format(
                amount=money(built.kept_for_maintenance_eur)
            )
        )
    if built.uncoverable:
        notes.append(
            _(
                "No activity left to choose serves these objectives, so they cannot be covered: {objectives}."
            ).format(objectives=", ".join(o.title for o in built.uncoverable))
        )
    if built.missing_data:
        notes.append(
            _(
                "These activities lack an input of the chosen score: {activities}. Without impact or "
                "feasibility they score 0; without confidence it counts as 100%."
            ).format(activities=", ".join(a.title for a in built.missing_data))
        )
    if built.elsewhere:
        notes.append(words.elsewhere())
    if built.unchecked_effort:
        notes.append(
            _(
                "Effort not checked against capacity (no start date, or nobody assigned): {activities}."
            ).format(activities=", ".join(a.title for a in built.unchecked_effort))
        )
    return notes


def proposal_view(proposal: Proposal) -> ProposalView:
    words = Words(proposal.built)
    result = proposal.result
    rows = [(row, words.reason(row, cutoff=result.cutoff_value_per_eur)) for row in proposal.rows]
    return ProposalView(
        proposal,
        words.status(result.status),
        [words.rule(ref) for ref in result.conflict],
        [item for item in rows if item[0].funded],
        [item for item in rows if not item[0].funded],
        _notes(words, proposal),
    )


def _candidate_rows(plan: Plan | Outline, form: PortfolioForm) -> list[Candidate]:
    if isinstance(plan, Outline):
        return plan.candidates
    return [candidate_of(a) for a in plan.candidates]


def _scenarios(roadmap: Roadmap) -> list[Scenario]:
    found = list(roadmap.scenarios.select_related("created_by", "applied_by"))
    for scenario in found:
        scenario.roadmap = roadmap
    return found


def _scenario(roadmap: Roadmap, key: str) -> Scenario:
    return queries.item_for(roadmap.scenarios.select_related("created_by", "applied_by"), roadmap, key)


def page_context(
    request: HttpRequest,
    plan: Plan | Outline,
    form: PortfolioForm,
    *,
    proposal: Proposal | None = None,
    hidden_form: PortfolioForm | None = None,
    name_form: ScenarioNameForm | None = None,
    run_job: Job | None = None,
) -> dict[str, Any]:
    """What the rules form and a proposal need (the portfolio page's and a background run's).
    ``hidden_form`` carries the proposal's rules into the save form (by default: the rules just posted);
    ``run_job`` is the background run the proposal comes from, saved as it is."""
    default_name = _("Proposal of {date}").format(date=date_format(timezone.localdate(), "SHORT_DATE_FORMAT"))
    if proposal is not None and hidden_form is None:
        hidden_form = PortfolioForm(request.POST, plan=plan, auto_id=False)
    candidates = _candidate_rows(plan, form)
    return {
        "plan": plan,
        "form": form,
        "has_candidates": bool(candidates),
        "candidate_rows": rows_html(
            plan.roadmap,
            candidates,
            form.locked,
            must_do=form.checked("must_do"),
            must_not=form.checked("must_not"),
            at_fault=form.boxes_at_fault(),
        ),
        "run": proposal_view(proposal) if proposal else None,
        "hidden_form": hidden_form,
        "name_form": name_form or ScenarioNameForm(initial={"name": default_name}),
        "run_job": run_job,
    }


def _page(
    request: HttpRequest,
    context: dict[str, Any],
    plan: Plan | Outline,
    form: PortfolioForm,
    *,
    proposal: Proposal | None = None,
    name_form: ScenarioNameForm | None = None,
    run_job: Job | None = None,
    status: int = 200,
) -> HttpResponse:
    shown = page_context(request, plan, form, proposal=proposal, name_form=name_form, run_job=run_job)
    rows = shown.pop("candidate_rows")
    return render_with_blocks(
        request,
        "planning/portfolio.html",
        {
            **context,
            **shown,
            "scenarios": _scenarios(plan.roadmap),
            "recent_runs": jobs.recent_jobs(plan.roadmap, kind=runs.JOB_KIND),
            "background": len(plan.candidates) > runs.INLINE_MAX_CANDIDATES,
        },
        {"candidate_rows": rows},
        status=status,
    )


def _to_run(request: HttpRequest, plan: Plan, job: Job) -> HttpResponse:
    """To the page of a background run just queued: a full page load, for htmx too (the run page polls)."""
    url = job_url("portfolio_run", plan.roadmap, job)
    if request.htmx:  # type: ignore[attr-defined]
        return HttpResponse(status=200, headers={"HX-Redirect": url})
    return HttpResponseRedirect(url, status=303)


@login_required
def portfolio_page(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """GET: the rules (a scenario's with ``?scenario=key``; a key that names none is said) and saved
    scenarios; POST: run the optimiser, inline for a small roadmap, else as a background run (to whose page
    the answer redirects)."""
    found, context = roadmap_page(request, workspace, roadmap)
    if request.method == "POST":
        plan = load_plan(found)
        user = current_user(request)
        require(user, "edit", found)
        form = PortfolioForm(request.POST, plan=plan)
        if not form.is_valid():
            return _page(request, context, plan, form, status=422)
        job = runs.start_run(actor=user, plan=plan, rules=form.rules())
        if job is not None:
            return _to_run(request, plan, job)
        return _page(request, context, plan, form, proposal=propose(plan, form.rules()))
    rules, key = None, str(request.GET.get("scenario", ""))
    if key:  # a scenario deleted since its link was shared: said, and the page opens on the plan's own rules
        chosen = found.scenarios.filter(key=key).first()
        rules = Rules.from_json(chosen.parameters) if chosen else None
        context["ignored"] = "" if chosen else said([("scenario", key)])
    shown = outline(found)  # the first view shows the rules and the candidates, not what a run reads
    form = PortfolioForm(initial=PortfolioForm.initial_for(shown, rules), plan=shown)
    return _page(request, context, shown, form)


def _saving(request: HttpRequest, workspace: str, roadmap: str) -> tuple[dict[str, Any], Plan, PortfolioForm]:
    found, context = roadmap_page(request, workspace, roadmap)
    require(current_user(request), "edit", found)
    plan = load_plan(found)
    return context, plan, PortfolioForm(request.POST, plan=plan)


def _refused(
    request: HttpRequest,
    context: dict[str, Any],
    plan: Plan,
    form: PortfolioForm,
    error: ValidationFailed,
    *,
    proposal: Proposal | None = None,
    run_job: Job | None = None,
) -> HttpResponse:
    name_form = ScenarioNameForm(request.POST)
    name_form.is_valid()
    error.add_to_form(name_form if "name" in error.errors else form)
    if proposal is None and form.is_valid():
        proposal = propose(plan, form.rules())
    return _page(request, context, plan, form, proposal=proposal, name_form=name_form, run_job=run_job,
                 status=422)  # fmt: skip


def _run_proposal(
    request: HttpRequest, plan: Plan, form: PortfolioForm
) -> tuple[Job | None, Proposal | None]:
    """The background run the save form names (``run``) and its proposal, when it is finished and answers
    the posted rules on the plan of now; else nothing (the rules are run again)."""
    run = request.POST.get("run", "")
    if not run.isdigit():
        return None, None
    try:
        job = jobs.job_for(current_user(request), plan.roadmap, int(run), kind=runs.JOB_KIND)
    except NotFound:
        return None, None
    proposal = runs.proposal_to_save(plan, job, form.rules())
    return (job, proposal) if proposal is not None else (None, None)


@login_required
@require_POST
def save(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """Save the run of these rules as a named scenario: the background run it comes from as that run found
    it, else the run is repeated (same rules, same answer)."""
    context, plan, form = _saving(request, workspace, roadmap)
    name_form = ScenarioNameForm(request.POST)
    if not form.is_valid():
        return _page(request, context, plan, form, status=422)
    job, proposal = _run_proposal(request, plan, form)
    if not name_form.is_valid():
        return _page(request, context, plan, form, proposal=proposal or propose(plan, form.rules()),
                     name_form=name_form, run_job=job, status=422)  # fmt: skip
    try:
        scenario = scenarios.save_scenario(
            actor=current_user(request), plan=plan, rules=form.rules(), name=name_form.cleaned_data["name"],
            proposal=proposal,
        )  # fmt: skip
    except ValidationFailed as error:
        return _refused(request, context, plan, form, error, proposal=proposal, run_job=job)
    messages.success(request, _("Scenario “{name}” saved.").format(name=scenario.name))
    return redirect("scenario", workspace=workspace, roadmap=roadmap, key=scenario.key)


@login_required
@require_POST
def budget_variants(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """Save these rules at this budget, −10% and +10%, and show the three side by side."""
    context, plan, form = _saving(request, workspace, roadmap)
    name_form = ScenarioNameForm(request.POST)
    if not form.is_valid():
        return _page(request, context, plan, form, status=422)
    if not name_form.is_valid():
        return _page(request, context, plan, form, proposal=propose(plan, form.rules()), name_form=name_form,
                     status=422)  # fmt: skip
    try:
        saved = scenarios.save_budget_variants(
            actor=current_user(request), plan=plan, rules=form.rules(), name=name_form.cleaned_data["name"]
        )
    except ValidationFailed as error:
        return _refused(request, context, plan, form, error)
    messages.success(request, _("Three scenarios saved: this budget, −10% and +10%."))
    query = "&".join(f"s={scenario.key}" for scenario in saved)
    return redirect(reverse("portfolio_compare", args=[workspace, roadmap]) + "?" + query)


def _rules_summary(scenario: Scenario, plan: Plan) -> dict[str, Any]:
    rules = Rules.from_json(scenario.parameters)
    titles = {a.key: a.title for a in plan.activities}
    return {
        "rules": rules,
        "maximise": SCORE_LABELS[rules.maximise],
        "must_do": [titles.get(key, key) for key in sorted(rules.must_do)],
        "must_not": [titles.get(key, key) for key in sorted(rules.must_not)],
        "themes": [(theme, rules.limits(theme)) for theme in plan.themes],
    }


@login_required
def scenario_page(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """A saved scenario: its rules and figures, and the current plan beside the plan it would make now."""
    found, context = roadmap_page(request, workspace, roadmap)
    scenario = _scenario(found, key)
    plan = load_plan(found)
    rules = Rules.from_json(scenario.parameters)
    candidates = scenario.parameters.get("candidates") or ()
    comparison = compare(plan, rules, proposed_keys(plan, candidates, scenario.selection))
    selected, considered = set(scenario.selection), set(candidates)
    return render(
        request,
        "planning/scenario.html",
        {
            **context,
            "scenario": scenario,
            "summary": _rules_summary(scenario, plan),
            "comparison": comparison,
            "activities": [(a, a.key in selected) for a in plan.activities if a.key in considered],
            "pending": scenarios.pending_changes(plan.activities, scenario),
        },
    )


@login_required
def scenario_apply(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    """GET: what applying the scenario changes (the confirmation step); POST: apply it, all or nothing."""
    found, context, user = edit_page(request, workspace, roadmap)
    scenario = _scenario(found, key)
    status, problem = 200, ""
    if request.method == "POST":
        versions = {
            name.removeprefix("version-"): int(value)
            for name in request.POST
            if name.startswith("version-") and (value := request.POST.get(name, "")).isdigit()
        }
        try:
            changed = scenarios.apply_scenario(actor=user, scenario=scenario, expected_versions=versions)
        except scenarios.StaleActivity as error:
            status = 409
            problem = _(
                "“{activity}” was changed by someone else since you reviewed the changes: nothing was "
                "applied. Check the changes again below."
            ).format(activity=error.activity.title)
        except ValidationFailed as error:
            status, problem = (
                422,
                " ".join(message for messages_ in error.errors.values() for message in messages_),
            )
        else:
            text = ngettext(
                "Scenario “{name}” applied: {count} activity changed status.",
                "Scenario “{name}” applied: {count} activities changed status.",
                len(changed),
            )
            messages.success(request, text.format(name=scenario.name, count=len(changed)))
            return redirect("scenario", workspace=workspace, roadmap=roadmap, key=key)
    plan = load_plan(found)
    changes = scenarios.pending_changes(plan.activities, scenario)
    if scenario.status not in scenarios.FOUND:
        changes, problem = [], _("This scenario funds nothing: it cannot be applied.")
    return render(
        request,
        "planning/scenario_apply.html",
        {**context, "scenario": scenario, "changes": changes, "problem": problem},
        status=status,
    )  # fmt: skip


@login_required
@require_POST
def scenario_delete(request: HttpRequest, workspace: str, roadmap: str, key: str) -> HttpResponse:
    found, _context, user = edit_page(request, workspace, roadmap)
    scenario = _scenario(found, key)
    scenarios.delete_scenario(actor=user, scenario=scenario)
    messages.success(request, _("Scenario “{name}” deleted.").format(name=scenario.name))
    return redirect("portfolio", workspace=workspace, roadmap=roadmap)


@dataclass(frozen=True)
class Column:
    """One column of the side-by-side comparison: the current plan (no scenario) or a scenario."""

    scenario: Scenario | None
    rules: Rules | None
    keys: frozenset[str]
    value: float
    cost: float
    cost_by_theme: dict[str, float]
    value_by_objective: dict[str, float]


def _columns(plan: Plan, chosen: list[Scenario]) -> list[Column]:
    current = compare(plan, Rules(budget_eur=None), frozenset()).current
    themes = {theme.pk: theme.key for theme in plan.themes}
    objectives = {objective.pk: objective.key for objective in plan.objectives}
    columns = [
        Column(
            None, None, current.keys, current.value, current.cost,
            {themes.get(pk, "") if pk else "": cost for pk, cost in current.cost_by_theme.items()},
            {objectives[pk]: value for pk, value in current.value_by_objective.items() if pk in objectives},
        )
    ]  # fmt: skip
    for scenario in chosen:
        summary = scenario.summary or {}
        candidates = set(scenario.parameters.get("candidates") or ())
        columns.append(
            Column(
                scenario, Rules.from_json(scenario.parameters),
                proposed_keys(plan, candidates, scenario.selection), scenario.value,
                float(scenario.cost), summary.get("cost_by_theme", {}), summary.get("value_by_objective", {}),
            )
        )  # fmt: skip
    return columns


@login_required
def compare_scenarios(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    """Scenarios side by side (``?s=key&s=key…``), after the current plan."""
    found, context = roadmap_page(request, workspace, roadmap)
    plan = load_plan(found)
    by_key = {scenario.key: scenario for scenario in _scenarios(found)}
    chosen = [by_key[key] for key in dict.fromkeys(request.GET.getlist("s")) if key in by_key]
    ignored = ignored_in(request.GET, {"s": by_key})  # a deleted scenario's key is said
    columns = _columns(plan, chosen)
    everything = frozenset().union(*(column.keys for column in columns))
    return render(
        request,
        "planning/scenario_compare.html",
        {
            **context,
            "plan": plan,
            "columns": columns,
            "themes": [(t, [c.cost_by_theme.get(t.key, 0.0) for c in columns]) for t in plan.themes],
            "objectives": [
                (o, [c.value_by_objective.get(o.key, 0.0) for c in columns]) for o in plan.objectives
            ],
            "activities": [
                (a, [a.key in c.keys for c in columns]) for a in plan.activities if a.key in everything
            ],
            "maximise": [SCORE_LABELS[c.rules.maximise] if c.rules else "" for c in columns],
            "ignored": said(ignored),
        },
    )


urlpatterns = [
    path("portfolio/", portfolio_page, name="portfolio"),
    path("portfolio/save/", save, name="portfolio_save"),
    path("portfolio/budget-variants/", budget_variants, name="portfolio_budget_variants"),
    path("portfolio/compare/", compare_scenarios, name="portfolio_compare"),
    path("portfolio/scenarios/<slug:key>/", scenario_page, name="scenario"),
    path("portfolio/scenarios/<slug:key>/apply/", scenario_apply, name="scenario_apply"),
    path("portfolio/scenarios/<slug:key>/delete/", scenario_delete, name="scenario_delete"),
]
