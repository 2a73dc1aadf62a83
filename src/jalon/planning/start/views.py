"""The *Get started* page: the 7 steps of :mod:`jalon.planning.start.rules`, from the roadmap's contents."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import path, reverse

from jalon.planning.start.rules import RoadmapFacts, Step, seven_steps
from jalon.strategy import coaching
from jalon.strategy import queries as strategy_queries
from jalon.strategy.models import Roadmap
from jalon.strategy.pages import roadmap_page
from jalon.workspaces.models import Role


def facts_of(roadmap: Roadmap) -> RoadmapFacts:
    """Count what the checklist looks at (a handful of queries, plus the SMART coach per objective: an
    objective counts when it passes the SMART check, the verdict that page lists objectives by)."""
    kpis = strategy_queries.kpis_by_objective(roadmap)
    objectives = list(strategy_queries.objectives_of(roadmap))
    passing = 0
    for objective in objectives:
        objective.roadmap = roadmap
        passing += coaching.coach_objective(objective, kpis=kpis.get(objective.pk, [])).passes_check
    activities = roadmap.activities.all()
    return RoadmapFacts(
        objectives=len(objectives),
        passing_objectives=passing,
        audiences=activities.exclude(audience="").count(),
        communication_audiences=roadmap.communications.values("audience").distinct().count(),
        stakeholders=roadmap.workspace.memberships.filter(role=Role.STAKEHOLDER).count(),
        activities=activities.count(),
        scored_activities=activities.filter(impact__isnull=False, feasibility__isnull=False).count(),
        applied_scenarios=roadmap.scenarios.filter(applied_at__isnull=False).count(),
        dated_activities=activities.filter(start__isnull=False, end__isnull=False).count(),
        themes=roadmap.themes.count(),
        owned_activities=activities.filter(Q(owner__isnull=False) | Q(assignments__isnull=False))
        .distinct()
        .count(),
        communication_items=roadmap.communications.count(),
        reviews=roadmap.reviews.count(),
    )


@dataclass(frozen=True)
class ShownLink:
    url: str
    label: str


@login_required
def start_page(request: HttpRequest, workspace: str, roadmap: str) -> HttpResponse:
    found, context = roadmap_page(request, workspace, roadmap)
    args = [found.workspace.slug, found.slug]
    shown = [  # a reader is not offered a form the next page would refuse
        (step, [link for link in step.links if context["can_edit"] or not link.creates])
        for step in seven_steps(facts_of(found))
    ]
    steps: list[tuple[Step, list[ShownLink]]] = [
        (step, [ShownLink(reverse(link.url_name, args=args), str(link.label)) for link in links])
        for step, links in shown
    ]
    done = sum(step.done for step, _links in steps)
    next_step = next((step for step, _links in steps if not step.done), None)
    return render(
        request,
        "planning/start.html",
        {**context, "steps": steps, "done": done, "total": len(steps), "next_step": next_step},
    )


urlpatterns = [path("start/", start_page, name="roadmap_start")]
