"""Reads of a roadmap's plan, each a fixed number of SQL queries whatever the roadmap's size."""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet

from jalon.planning.models import Activity, Assignment, Dependency, Milestone, Person, Theme
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import NotFound


def themes_of(roadmap: Roadmap) -> QuerySet[Theme]:
    return roadmap.themes.all()


def people_of(roadmap: Roadmap) -> QuerySet[Person]:
    return roadmap.people.prefetch_related("absences")


def activities_of(roadmap: Roadmap) -> QuerySet[Activity]:
    """Activities with their theme, owner, objectives, assignments and links, in 6 queries."""
    return roadmap.activities.select_related("theme", "owner", "tactic").prefetch_related(
        "objectives",
        Prefetch("assignments", queryset=Assignment.objects.select_related("person")),
        Prefetch("predecessor_links", queryset=Dependency.objects.select_related("predecessor")),
    )


def activity_for(roadmap: Roadmap, key: str) -> Activity:
    activity = roadmap.activities.select_related("theme", "owner").filter(key=key).first()
    if activity is None:
        raise NotFound
    activity.roadmap = roadmap
    return activity


def milestones_of(roadmap: Roadmap) -> QuerySet[Milestone]:
    return roadmap.milestones.prefetch_related("objectives", "activities")
