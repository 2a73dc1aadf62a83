"""Reads of a roadmap's plan, each a fixed number of SQL queries whatever the roadmap's size."""

from __future__ import annotations

from typing import TypeVar

from django.db.models import Model, Prefetch, QuerySet

from jalon.planning.models import Activity, Assignment, Dependency, Milestone, Person, Theme
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import NotFound

T = TypeVar("T", bound=Model)


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


def predecessors_in_order() -> Prefetch:  # type: ignore[type-arg]
    """Each activity's links with their predecessor, in the backlog's order of the predecessors: the order
    the files written from a roadmap list an activity's dependencies in."""
    return Prefetch(
        "predecessor_links",
        queryset=Dependency.objects.select_related("predecessor").order_by(
            "predecessor__position", "predecessor__id"
        ),
    )


def item_for(items: QuerySet[T], roadmap: Roadmap, key: str) -> T:
    """The item with this key among ``items`` (some of ``roadmap``'s objects), NotFound otherwise. The roadmap
    is attached: services read its workspace without another query."""
    item = items.filter(key=key).first()
    if item is None:
        raise NotFound
    item.roadmap = roadmap  # type: ignore[attr-defined]
    return item


def activity_for(roadmap: Roadmap, key: str) -> Activity:
    return item_for(roadmap.activities.select_related("theme", "owner"), roadmap, key)


def milestones_of(roadmap: Roadmap) -> QuerySet[Milestone]:
    return roadmap.milestones.prefetch_related("objectives", "activities")
