"""The roadmap file (jalon/1) round-trips: any valid document (a hypothesis property), a KPI with every
tracking field, an objective the pages save with a target and no metric;
a KPI's impossible range is refused."""

from __future__ import annotations

import itertools
import json
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalon.documents.roadmap_file import Format, parse
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.workspaces.models import Workspace
from tests.documents.roadmap_files import as_yaml, base_document, refused_import


@pytest.fixture
def workspace(db) -> Workspace:
    return Workspace.objects.create(slug="agence", name="Agence")


letters = st.characters(categories=("L", "N"), max_codepoint=0x2FFF)
words = st.text(alphabet=st.characters(categories=("L", "N", "Zs"), max_codepoint=0x2FFF), max_size=40).map(
    str.strip
)
titles = st.builds(
    lambda first, rest: (first + rest).strip(), st.text(letters, min_size=1, max_size=1), words
)
values = st.integers(-10_000, 10_000) | st.floats(-1e6, 1e6, allow_nan=False).map(lambda v: round(v, 3))
numbers = st.none() | values
RULES = ["fiscal_year_end", "fiscal_quarter_end:2", "fiscal_half_end:1", "calendar_year_end", "in_months:7"]


def unique_keys(prefix: str, count: int) -> list[str]:
    return [f"{prefix}-{n}" for n in range(count)]


def shared_target(objectives: list[dict[str, Any]], key: str) -> Any:
    """The target an objective's first KPI shares (``kpis.targets.check_first_target``)."""
    return next(o for o in objectives if o["key"] == key)["measurable"]["target"]


@st.composite
def roadmap_documents(draw: Any) -> dict[str, Any]:
    start = draw(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)))
    objectives = []
    for index, key in enumerate(unique_keys("o", draw(st.integers(1, 6)))):
        item: dict[str, Any] = {"key": key, "title": draw(titles), "impact": draw(words)}
        if index and draw(st.booleans()):
            item["parent"] = f"o-{draw(st.integers(0, index - 1))}"
        if draw(st.booleans()):
            item["deadline_rule"] = draw(st.sampled_from(RULES))
        elif draw(st.booleans()):
            item["deadline"] = draw(st.dates(min_value=start, max_value=date(2040, 1, 1))).isoformat()
        if draw(st.booleans()):
            item["measurable"] = {
                "metric": draw(titles),
                "unit": draw(st.sampled_from(["%", "€", "clients", ""])),
                "baseline": draw(numbers),
                "target": draw(numbers),
                "direction": draw(st.sampled_from([None, "increase", "decrease", "reach", "maintain"])),
            }
        item["term"] = draw(st.sampled_from([None, "short", "medium", "long"]))
        objectives.append(item)
    keys = [o["key"] for o in objectives]
    shared = {o["key"]: o.get("measurable", {}).get("target") for o in objectives}
    today = timezone.localdate()  # a measurement records what was observed: not after today
    kpis = []
    for key in unique_keys("k", draw(st.integers(0, 3))):
        days = draw(st.lists(st.integers(0, 900), unique=True, max_size=5))
        objective = draw(st.sampled_from([None, *keys]))
        target = draw(numbers)
        if objective is not None and shared.pop(objective, None) is not None:
            target = draw(st.sampled_from([None, shared_target(objectives, objective)]))  # its first KPI
        kpis.append(
            {
                "key": key,
                "name": draw(titles),
                "objective": objective,
                "frequency": draw(st.sampled_from(["daily", "weekly", "monthly", "quarterly"])),
                "target": target,
                "measurements": [
                    {
                        "date": (start + timedelta(days=d)).isoformat(),
                        "value": draw(values),
                        "source": draw(words),
                    }
                    for d in days
                    if start + timedelta(days=d) <= today
                ],
            }
        )
    strategies = [
        {
            "key": key,
            "objective": draw(st.sampled_from(keys)),
            "title": draw(titles),
            "tactics": [
                {"key": tactic, "title": draw(titles), "description": draw(words)}
                for tactic in unique_keys("t", draw(st.integers(0, 3)))
            ],
        }
        for key in unique_keys("s", draw(st.integers(0, 2)))
    ]
    return {
        "format": "jalon/1",
        "roadmap": {
            "slug": "generated",
            "title": draw(titles),
            "type": draw(st.sampled_from(["strategic", "campaign", "channel", "event", "digital"])),
            "vision": draw(words),
            "horizon": {
                "start": start.isoformat(),
                "end": (start + timedelta(days=draw(st.integers(0, 1100)))).isoformat(),
            },
            "fiscal_year_start_month": draw(st.integers(1, 12)),
            "language": draw(st.sampled_from(["fr", "en"])),
            "currency": draw(st.sampled_from(["EUR", "USD", "GBP"])),
        },
        "objectives": objectives,
        "kpis": kpis,
        "strategies": strategies,
    }


_workspaces = itertools.count()


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(document=roadmap_documents(), fmt=st.sampled_from(["yaml", "json"]))
def test_any_valid_roadmap_round_trips_export_import_export_identically(
    db, document: dict[str, Any], fmt: Format
) -> None:
    workspace = Workspace.objects.create(slug=f"gen-{next(_workspaces)}", name="Generated")
    text = json.dumps(document) if fmt == "json" else as_yaml(document)
    imported = import_roadmap(actor=None, workspace=workspace, text=text, fmt=fmt)
    first = export_roadmap(actor=None, roadmap=imported, fmt=fmt)
    again = import_roadmap(actor=None, workspace=workspace, text=first, fmt=fmt, replace=True, confirmed=True)
    assert export_roadmap(actor=None, roadmap=again, fmt=fmt) == first
    exported = parse(first, fmt)
    assert [(o.key, o.parent) for o in exported.objectives] == [
        (o["key"], o.get("parent")) for o in document["objectives"]
    ]
    assert [len(k.measurements) for k in exported.kpis] == [len(k["measurements"]) for k in document["kpis"]]
    assert [[t.key for t in s.tactics] for s in exported.strategies] == [
        [t["key"] for t in s["tactics"]] for s in document["strategies"]
    ]


def test_a_kpi_with_every_tracking_field_round_trips_identically(workspace: Workspace) -> None:
    document = {
        "format": "jalon/1",
        "roadmap": {"slug": "kpis", "title": "KPIs", "type": "strategic",
                    "horizon": {"start": "2026-01-01", "end": "2026-12-31"}},
        "objectives": [{"key": "churn", "title": "Churn",
                        "measurable": {"metric": "churn", "unit": "%", "target": 5,
                                       "direction": "decrease"}}],
        "kpis": [
            {"key": "churn", "name": "Churn rate", "unit": "%", "objective": "churn", "owner": "Yasmin Ahmad",
             "frequency": "monthly", "direction": "decrease", "baseline": 8, "baseline_date": "2026-01-31",
             "target": 5, "target_date": "2026-11-30", "benchmark_low": 4.5, "benchmark_high": 6,
             "benchmark_source": "Study 2025", "measurements": [{"date": "2026-02-28", "value": 7.8}]},
            {"key": "nps", "name": "NPS", "frequency": "quarterly", "direction": "band", "target_low": 30,
             "target_high": 50, "lowest_possible": -100, "highest_possible": 100},
        ],
    }  # fmt: skip
    imported = import_roadmap(actor=None, workspace=workspace, text=json.dumps(document), fmt="json")
    first = export_roadmap(actor=None, roadmap=imported, fmt="yaml")
    again = import_roadmap(
        actor=None, workspace=workspace, text=first, fmt="yaml", replace=True, confirmed=True
    )
    assert export_roadmap(actor=None, roadmap=again, fmt="yaml") == first
    kpis = parse(first, "yaml").kpis
    assert kpis[0].target == 5  # the main KPI shows its objective's target
    assert (kpis[0].benchmark_low, kpis[0].benchmark_source, kpis[0].target_date) == (
        4.5,
        "Study 2025",
        date(2026, 11, 30),
    )
    assert (kpis[1].direction, kpis[1].target_low, kpis[1].target_high) == ("band", 30, 50)
    assert (kpis[1].lowest_possible, kpis[1].highest_possible) == (-100, 100)


def test_a_kpi_whose_lowest_possible_value_is_not_below_its_highest_is_refused(workspace: Workspace) -> None:
    document = base_document()
    document["kpis"][1].update(lowest_possible=10, highest_possible=10)
    problems = refused_import(workspace, as_yaml(document))
    assert any(
        path.startswith("kpis[1]") and "La valeur maximale possible doit être au-dessus" in message
        for path, message in problems
    ), problems


def test_an_objective_saved_with_a_target_and_no_metric_comes_back_from_its_roadmaps_file(team) -> None:
    """The pages save an objective typed with a unit and a target and no metric (the SMART coach says what
    is missing); its roadmap's own file was refused on import (« Give a metric or a done-state. »), so the
    roadmap could neither be copied nor replaced by its file."""
    from jalon.documents.services import export_roadmap, import_roadmap
    from jalon.strategy import services as strategy
    from jalon.strategy.models import Objective
    from jalon.workspaces import services as workspaces
    from tests.factories import make_roadmap

    roadmap = make_roadmap(team.workspace, team.owner, slug="plan-2027")
    strategy.create_objective(
        actor=team.owner, roadmap=roadmap, key="sales", title="Grow sales", unit="€", baseline=95_000.0,
        target=130_000.0,
    )  # fmt: skip
    text = export_roadmap(actor=team.owner, roadmap=roadmap, fmt="yaml")
    other = workspaces.create_workspace(actor=team.owner, slug="copy", name="Copy")
    copy = import_roadmap(actor=team.owner, workspace=other, text=text, fmt="yaml")
    assert Objective.objects.get(roadmap=copy, key="sales").target == 130_000.0
