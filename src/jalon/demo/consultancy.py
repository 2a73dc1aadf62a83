"""A consultancy's workspace at its real size, for the benchmark of every page (bench/all_pages.py) and the
query-count tests: ``jalon demo --synthetic N --consultancy``.

The roadmap is written as a ``jalon/1`` file and loaded through ``import_roadmap``, the builder the Cloud
Kicks demo and every import use (objectives and their sub-objectives, KPIs and their measurements,
strategies and tactics, themes, people, activities with assignments and dependencies, milestones, risks,
communications, the framing's stakeholders, personas and their journeys, plan actions and a vote). Around
it: more roadmaps in the workspace, a change log grown to its size, and other workspaces on the server that
the owner does not see. Deterministic for a seed; ``DEMO_SIZE`` has about the Cloud Kicks demo's counts
(the baseline the bench measures in the same run), ``CONSULTANCY`` the sizes a consultancy reaches.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from jalon.accounts.models import User
from jalon.documents.roadmap_file import dump
from jalon.documents.services import import_roadmap
from jalon.history import origin
from jalon.history.models import Change
from jalon.strategy import services as strategy
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Role, Workspace
from jalon.workspaces.services import set_membership

START = date(2026, 1, 1)
HORIZON_DAYS = 365
CHANNELS = ("email", "sms", "push", "post", "store", "web", "paid")
STATUSES = ("idea", "planned", "planned", "in_progress", "done")
FREQUENCIES = ("monthly", "weekly", "quarterly")


@dataclass(frozen=True)
class Size:
    objectives: int
    sub_objectives: int  # under each objective
    kpis: int  # per objective
    measurements: int  # per KPI
    strategies: int  # each with two tactics
    activities: int
    risks: int
    milestones: int
    people: int
    personas: int
    journeys: int  # journey steps, spread over the personas
    actions: int  # the animation plan's rows
    stakeholders: int  # who votes
    changes: int  # the roadmap's change log, at least
    roadmaps: int  # in the workspace, this one included
    workspaces: int  # on the server, this one included (the others are not the owner's)


DEMO_SIZE = Size(
    objectives=6,
    sub_objectives=1,
    kpis=1,
    measurements=9,
    strategies=3,
    activities=40,
    risks=6,
    milestones=6,
    people=6,
    personas=4,
    journeys=8,
    actions=5,
    stakeholders=4,
    changes=0,
    roadmaps=2,
    workspaces=1,
)
CONSULTANCY = Size(
    objectives=150,
    sub_objectives=2,
    kpis=3,
    measurements=24,
    strategies=60,
    activities=1000,
    risks=300,
    milestones=200,
    people=40,
    personas=25,
    journeys=40,
    actions=400,
    stakeholders=120,
    changes=20_000,
    roadmaps=30,
    workspaces=10,
)


@origin.acting(origin.Origin.DEMO)
def create_consultancy(
    *, size: Size, workspace_slug: str, owner: User | None = None, seed: int = 0, slug: str = "consultancy"
) -> Roadmap:
    """Create (or recreate) the roadmap ``slug`` of ``size`` in ``workspace_slug``, the workspace's other
    roadmaps and the server's other workspaces."""
    rng = random.Random(seed)
    with transaction.atomic():
        workspace, _created = Workspace.objects.get_or_create(
            slug=workspace_slug, defaults={"name": workspace_slug.capitalize()}
        )
        if owner is not None:
            set_membership(actor=None, workspace=workspace, user=owner, role=Role.OWNER)
    text = dump(document(size, rng, slug), "yaml")
    roadmap = import_roadmap(
        actor=None, workspace=workspace, text=text, fmt="yaml", replace=True, confirmed=True
    )
    with transaction.atomic():
        _other_roadmaps(workspace, size.roadmaps - 1, keep=roadmap)
        for i in range(1, size.workspaces):
            other, _created = Workspace.objects.get_or_create(
                slug=f"{workspace_slug}-other-{i}", defaults={"name": f"Other {workspace_slug} {i}"}
            )
            _other_roadmaps(other, 1)
        _grow_change_log(roadmap, size.changes)
    return roadmap


def document(size: Size, rng: random.Random, slug: str) -> dict[str, Any]:
    """The roadmap file of ``size``."""
    end = START + timedelta(days=HORIZON_DAYS - 1)
    objectives: list[dict[str, Any]] = []
    kpis: list[dict[str, Any]] = []
    for i in range(size.objectives):
        objectives.append(_objective(f"o{i}", f"Objective {i}", end, rng))
        objectives += [
            _objective(f"o{i}-{j}", f"Objective {i}.{j}", end, rng) | {"parent": f"o{i}"}
            for j in range(size.sub_objectives)
        ]
        kpis += [_kpi(f"k{i}-{j}", f"o{i}", size.measurements, rng) for j in range(size.kpis)]
    strategies = [
        {
            "key": f"s{i}",
            "objective": f"o{i % size.objectives}",
            "title": f"Strategy {i}",
            "tactics": [
                {"key": f"t{j}", "title": f"Tactic {i}.{j}", "description": "Reach more."} for j in (1, 2)
            ],
        }
        for i in range(size.strategies)
    ]
    themes = [
        {
            "key": f"th{i}",
            "name": f"Theme {i}",
            "budget": rng.randrange(20, 200) * 1000,
            "maintenance": i == 0,
        }
        for i in range(max(3, min(12, size.activities // 100)))
    ]
    people = [
        {
            "key": f"p{i}",
            "name": f"Person {i}",
            "role": "Consultant",
            "capacity_hours_per_week": rng.choice([21, 28, 35, 35]),
        }
        for i in range(size.people)
    ]
    activities = [_activity(i, size, rng, themes, people, strategies) for i in range(size.activities)]
    return {
        "format": "jalon/1",
        "roadmap": {
            "slug": slug,
            "title": f"Consultancy roadmap ({size.objectives} objectives)",
            "type": "strategic",
            "vision": "Grow online revenue while keeping the brand's promise.",
            "horizon": {"start": START, "end": end},
            "language": "en",
        },
        "objectives": objectives,
        "kpis": kpis,
        "strategies": strategies,
        "themes": themes,
        "people": people,
        "activities": activities,
        "milestones": [
            {
                "key": f"m{i}",
                "title": f"Milestone {i}",
                "date": START + timedelta(days=rng.randrange(HORIZON_DAYS)),
                "objectives": [f"o{i % size.objectives}"],
                "activities": [f"a{i % size.activities}"],
            }
            for i in range(size.milestones)
        ],
        "risks": [
            {
                "key": f"r{i}",
                "title": f"Risk {i}",
                "probability": rng.randrange(1, 6),
                "impact": rng.randrange(1, 6),
                "owner": f"Person {i % size.people}",
                "contingency": "Plan B.",
                "status": rng.choice(["open", "open", "mitigated", "closed"]),
            }
            for i in range(size.risks)
        ],
        "communications": [
            {
                "key": f"c{i}",
                "audience": "direction",
                "message": f"Progress {i}",
                "channel": "email",
                "frequency": "monthly",
            }
            for i in range(3)
        ],
        "framing": _framing(size, rng),
    }


def _objective(key: str, title: str, end: date, rng: random.Random) -> dict[str, Any]:
    baseline = rng.randrange(1, 20)
    return {
        "key": key,
        "title": title,
        "specific": f"{title}: more customers come back.",
        "measurable": {
            "metric": "repeat rate",
            "unit": "%",
            "baseline": baseline,
            "target": baseline + 5,
            "direction": "increase",
        },
        "deadline": end,
        "term": "medium",
        "owner": "Person 0",
    }


def _kpi(key: str, objective: str, measurements: int, rng: random.Random) -> dict[str, Any]:
    value = float(rng.randrange(10, 50))
    rows = []
    for week in range(measurements):  # weekly, the last ones before the horizon's end
        value += rng.uniform(-1, 1.5)
        rows.append(
            {"date": START + timedelta(days=7 * week + 6), "value": round(value, 2), "source": "Analytics"}
        )
    kpi: dict[str, Any] = {
        "key": key,
        "name": f"KPI {key}",
        "unit": "%",
        "objective": objective,
        "frequency": "weekly",
        "direction": "increase",
        "measurements": rows,
    }
    if not key.endswith("-0"):  # the objective's first KPI shares its target
        kpi["target"] = round(value + 10, 2)
    return kpi


def _activity(
    i: int, size: Size, rng: random.Random, themes: list[dict[str, Any]], people: list[dict[str, Any]],
    strategies: list[dict[str, Any]],
) -> dict[str, Any]:  # fmt: skip
    start = START + timedelta(days=rng.randrange(HORIZON_DAYS - 45))
    cost = rng.randrange(1, 50) * 500
    strategy = strategies[i % len(strategies)] if strategies else None
    item: dict[str, Any] = {
        "key": f"a{i}",
        "title": f"Activity {i}",
        "theme": rng.choice(themes)["key"],
        "objectives": [f"o{rng.randrange(size.objectives)}"],
        "owner": rng.choice(people)["key"],
        "status": rng.choice(STATUSES),
        "channel": rng.choice(CHANNELS),
        "start": start,
        "duration_days": rng.randrange(5, 45),
        "effort_days": rng.randrange(1, 30),
        "cost": cost,
        "value": round(cost * rng.uniform(0.5, 4)),
        "impact": rng.randrange(1, 6),
        "feasibility": rng.randrange(1, 6),
        "confidence": rng.randrange(30, 100, 10),
        "assignments": [
            {"person": person["key"], "hours_per_week": rng.randrange(2, 9)}
            for person in rng.sample(people, k=min(len(people), rng.choice([1, 1, 2])))
        ],
    }
    if strategy is not None and i % 3 == 0:
        item["tactic"] = f"{strategy['key']}/t1"
    if i and rng.random() < 0.35:
        item["after"] = [
            {"activity": f"a{rng.randrange(max(0, i - 20), i)}", "lag_days": rng.randrange(0, 6)}
        ]
    return item


def _framing(size: Size, rng: random.Random) -> dict[str, Any]:
    kinds = ("kickoff", "personas", "journeys", "prototypes", "plan")
    workshops = [
        {"key": kind, "kind": kind, "day": START + timedelta(days=14 * n), "status": "planned"}
        for n, kind in enumerate(kinds)
    ]
    personas: list[dict[str, Any]] = [
        {"key": f"persona{i}", "name": f"Persona {i}", "segment": "Loyal", "journey": []}
        for i in range(size.personas)
    ]
    for step in range(size.journeys):
        personas[step % size.personas]["journey"].append(
            {"name": f"Step {step}", "touchpoint": "Website", "feels": rng.randrange(-2, 3)}
        )
    return {
        "stakes": "Bring customers back season after season.",
        "workshops": workshops,
        "stakeholders": [
            {"name": f"Stakeholder {i}", "role": "Manager", "workshops": ["plan"]}
            for i in range(size.stakeholders)
        ],
        "personas": personas,
        "actions": [
            {
                "key": f"action{i}",
                "what": f"Action {i}",
                "channel": rng.choice(CHANNELS),
                "frequency": rng.choice(["one_off", "weekly", "monthly"]),
                "persona": f"persona{i % size.personas}",
                "start": START + timedelta(days=rng.randrange(HORIZON_DAYS)),
                "cost": rng.randrange(0, 5000),
            }
            for i in range(size.actions)
        ],
        "votes": [
            {
                "title": "Which objectives?",
                "workshop": "plan",
                "points": 3,
                "options": [{"title": f"Proposal {i}"} for i in range(10)],
            }
        ],
    }


def _other_roadmaps(workspace: Workspace, count: int, keep: Roadmap | None = None) -> None:
    """``count`` small roadmaps more in ``workspace`` (made once)."""
    for i in range(count):
        slug = f"other-{i}"
        if (keep is not None and slug == keep.slug) or Roadmap.objects.filter(
            workspace=workspace, slug=slug
        ).exists():
            continue
        strategy.create_roadmap(
            actor=None,
            workspace=workspace,
            slug=slug,
            title=f"Other roadmap {i}",
            type="campaign",
            start=START,
            end=START + timedelta(days=HORIZON_DAYS - 1),
            language="en",
        )


def _grow_change_log(roadmap: Roadmap, count: int) -> None:
    """Changes on the roadmap's objectives until its change log holds ``count`` rows (as months of edits
    leave it: each a later version of an objective's title)."""
    missing = count - Change.objects.filter(roadmap=roadmap).count()
    objectives = list(roadmap.objectives.order_by("pk"))
    if missing <= 0 or not objectives:
        return
    template = Change.objects.filter(roadmap=roadmap, object_id=objectives[0].pk).first()
    if template is None:
        return
    versions = {objective.pk: objective.version for objective in objectives}
    rows = []
    for n in range(missing):
        objective = objectives[n % len(objectives)]
        versions[objective.pk] += 1
        rows.append(
            Change(
                workspace=roadmap.workspace,
                roadmap=roadmap,
                label=objective.title,
                content_type=template.content_type,
                object_id=objective.pk,
                version=versions[objective.pk],
                origin=template.origin,
                fields={"title": [objective.title, objective.title]},
            )
        )
    Change.objects.bulk_create(rows, batch_size=2000)
    for pk, version in versions.items():  # each objective at the version its last change produced
        type(objectives[0]).objects.filter(pk=pk).update(version=version)
