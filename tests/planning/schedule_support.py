"""Builders shared by the scheduling tests (no test here): a roadmap of 2030, people and activities,
made through the planning services like every other write."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from jalon.planning import services
from jalon.planning.models import Activity, Milestone, Person
from jalon.strategy import services as strategy
from jalon.strategy.models import Roadmap

START = date(2030, 4, 1)  # a Monday; Easter Monday 2030 is 22 April


def week(n: int) -> date:
    """The Monday of the ``n``-th week of the plan (0 = the week of START)."""
    return START + timedelta(weeks=n)


def make_roadmap(workspace: Any, actor: Any, slug: str = "plan-2030") -> Roadmap:
    return strategy.create_roadmap(
        actor=actor, workspace=workspace, slug=slug, title="Plan 2030", type="campaign",
        start=START, end=date(2030, 12, 31), language="en",
    )  # fmt: skip


def person(roadmap: Roadmap, actor: Any, key: str, hours: float = 35) -> Person:
    return services.create(
        Person, actor=actor, roadmap=roadmap, key=key, name=key.capitalize(), capacity_hours_per_week=hours
    )


def activity(
    roadmap: Roadmap,
    actor: Any,
    key: str,
    start: date | None = None,
    days: int = 5,
    *,
    people: dict[Person, float] | None = None,
    **fields: Any,
) -> Activity:
    """An activity of ``days`` calendar days from ``start`` (undated without a start), with assignments."""
    dates = {"start": start, "end": start + timedelta(days=days - 1)} if start else {}
    item = services.create(
        Activity, actor=actor, roadmap=roadmap, key=key, title=key.replace("-", " ").capitalize(),
        status=fields.pop("status", "planned"), **dates, **fields,
    )  # fmt: skip
    for who, hours in (people or {}).items():
        services.assign(actor=actor, activity=item, person=who, hours_per_week=hours, confirm=True)
    return item


def milestone(roadmap: Roadmap, actor: Any, key: str, when: date, activities: list[Activity]) -> Milestone:
    return services.create(
        Milestone, actor=actor, roadmap=roadmap, key=key, title=key.replace("-", " ").capitalize(),
        date=when, activities=activities,
    )  # fmt: skip
