"""The demo loaded on other days than AS_WRITTEN, looked at on those days, shows what it shows loaded and
looked at on AS_WRITTEN: the same statuses, late KPIs, missed milestones, executive lines and odds, the same
SMART verdicts, the same place of "today" among the plan's dates, the same framing; every page answers."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from django.utils import timezone

from jalon.accounts.models import User
from jalon.demo.dates import AS_WRITTEN
from jalon.demo.framing import load_demo_framing
from jalon.demo.loader import load_demo
from jalon.framing.models import Framing
from jalon.planning.reviews.snapshots import take_snapshot
from jalon.planning.timeline.views import objective_health
from jalon.strategy import queries as strategy_queries
from jalon.strategy.coaching import coach_objective
from jalon.strategy.kpis.executive import with_odds
from jalon.strategy.kpis.lateness import is_late
from jalon.strategy.models import KPI, Roadmap

pytestmark = pytest.mark.django_db

DAYS = [date(2027, 3, 15), date(2027, 11, 30), date(2028, 2, 29), date(2026, 1, 1)]
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
DATES = {"deadline", "measured_on", "start", "end", "date", "reached_on", "as_of"}


def loaded_on(day: date, monkeypatch: pytest.MonkeyPatch) -> Roadmap:
    """The demo and its framing as `jalon demo --today DAY` loads them, with the pages' today on that day."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    roadmap = load_demo(password="demo-password-1", today=day).roadmap
    load_demo_framing(roadmap, today=day)
    return Roadmap.objects.get(pk=roadmap.pk)


def undated(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: undated(item) for key, item in value.items() if key not in DATES}
    if isinstance(value, list):
        return [undated(item) for item in value]
    return value


def begun(day: date | None, today: date) -> bool | None:
    return None if day is None else day <= today


def overdue(day: date | None, today: date) -> bool | None:
    return None if day is None else day < today


def picture(roadmap: Roadmap, today: date) -> dict[str, Any]:
    """What the demo shows on ``today``, without its dates."""
    kpis = strategy_queries.kpis_by_objective(roadmap)
    objectives = list(roadmap.objectives.all())
    lines = with_odds([objective_health(o, kpis.get(o.pk, []), today) for o in objectives], kpis, today)
    every_kpi = KPI.objects.filter(roadmap=roadmap).prefetch_related("measurements")
    framing = Framing.objects.get(roadmap=roadmap)
    return {
        "snapshot": undated(take_snapshot(roadmap, as_of=today)),
        "late kpis": sorted(kpi.key for kpi in every_kpi if is_late(kpi, today)),
        "executive": [
            (line.objective.key, line.status, line.odds_text, [k.key for k in line.late_kpis])
            for line in lines
        ],
        "smart": {
            o.key: (
                [c.ok for c in (v.specific, v.measurable, v.achievable, v.relevant, v.time_bound)],
                v.deadline == o.deadline,
                len(v.conflicts),
            )
            for o in objectives
            for v in [coach_objective(o, kpis=kpis.get(o.pk, []), today=today)]
        },
        # What is done stays done wherever its dates fall; the rest has begun or is overdue as on AS_WRITTEN.
        "activities": {
            a.key: (a.status,)
            if a.status in ("done", "dropped")
            else (a.status, begun(a.start, today), overdue(a.end, today), overdue(a.must_finish_by, today))
            for a in roadmap.activities.all()
        },
        "milestones": {m.key: (begun(m.date, today), m.is_missed(today)) for m in roadmap.milestones.all()},
        "communications": {c.key: overdue(c.next_date, today) for c in roadmap.communications.all()},
        "absences": sorted(
            (a.person.key, begun(a.start, today), overdue(a.end, today))
            for a in roadmap.workspace.people.get(key="ines").absences.all()
        ),
        "workshops": [
            (w.kind, begun(w.day, today), w.day and w.day.weekday())
            for w in framing.workshops.order_by("day")
        ],
        "personas": sorted(p.name for p in framing.personas.all()),
        "plan actions": sorted((a.what, begun(a.start, today)) for a in framing.actions.all()),
        "month of the plan": (today.year - roadmap.start.year) * 12 + today.month - roadmap.start.month,
    }


@pytest.fixture(scope="module")
def as_written(django_db_setup: None, django_db_blocker: Any) -> dict[str, Any]:
    """The picture of the demo loaded and looked at on AS_WRITTEN (made once, rolled back)."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as monkeypatch:
        seen = picture(loaded_on(AS_WRITTEN, monkeypatch), AS_WRITTEN)
        transaction.set_rollback(True)
    return seen


@pytest.mark.parametrize("day", DAYS, ids=str)
def test_loaded_on_another_day_the_demo_shows_what_it_shows_on_the_day_it_is_written_for(
    day: date, as_written: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    seen = picture(loaded_on(day, monkeypatch), day)
    for part, expected in as_written.items():
        assert seen[part] == expected, part
    assert any(line[2] != "—" for line in seen["executive"])  # odds there are, and they match


def test_the_plan_has_moved_to_the_load_day(monkeypatch: pytest.MonkeyPatch) -> None:
    roadmap = loaded_on(date(2028, 2, 29), monkeypatch)
    assert (roadmap.start, roadmap.end) == (date(2027, 11, 1), date(2028, 4, 30))
    assert roadmap.objectives.get(key="parcours-achat").deadline == date(2028, 10, 31)  # fiscal Q2's end


def test_a_framing_loaded_without_the_day_keeps_its_workshops_weekdays_inside_the_roadmaps_horizon(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    roadmap = loaded_on(date(2027, 3, 15), monkeypatch)
    told = [(w.kind, w.day) for w in roadmap.framing.workshops.order_by("day")]
    untold = load_demo_framing(roadmap)  # the day its horizon implies: 2 March 2027, not the 15th
    days = [(w.kind, w.day) for w in untold.workshops.order_by("day")]
    assert [kind for kind, _day in days] == [kind for kind, _day in told]
    for (_kind, day), (_same, as_told) in zip(days, told, strict=True):
        assert day is not None and as_told is not None
        assert roadmap.start <= day <= roadmap.end and day.weekday() == as_told.weekday()
        assert abs((day - as_told).days) <= 21


def roadmap_links(html: str) -> set[str]:
    return {link for link in re.findall(r'href="(/w/cloud-kicks/r/cloud-kicks/[^"?#]*)"', html)}


@pytest.mark.parametrize("day", [date(2027, 11, 30), date(2026, 1, 1)], ids=str)
def test_every_page_of_the_demo_loaded_on_another_day_answers(
    day: date, client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    roadmap = loaded_on(day, monkeypatch)
    client.force_login(User.objects.get(email="demo@jalon.local"))
    tabs = roadmap_links(client.get(ROADMAP).content.decode())
    assert len(tabs) >= 14, tabs
    pages = set(tabs)
    for tab in tabs:
        pages |= roadmap_links(client.get(tab).content.decode())
    pages |= {f"{ROADMAP}o/{o.key}/" for o in roadmap.objectives.all()}
    answers = {page: client.get(page).status_code for page in sorted(pages)}
    assert {page: code for page, code in answers.items() if code != 200} == {}
    assert len(answers) >= 40, sorted(answers)
