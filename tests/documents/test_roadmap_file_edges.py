"""Property (issue 13, item 3): a roadmap file with values at the edges of every field is either refused
with its problems listed (and nothing written), or imported, and then every page of the roadmap answers
200 and the export round-trips."""

from __future__ import annotations

import itertools
import json
import math
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from jalon.documents.roadmap_file import FileProblems
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Membership, Workspace
from tests.documents.roadmap_files import as_yaml

PAGES = (
    "", "edit/", "backlog/", "backlog/import/", "budget/", "communication/", "executive/", "milestones/",
    "objectives/new/", "activities/new/", "people/", "portfolio/", "reviews/", "risks/", "risks/matrix.svg",
    "schedule/", "timeline/", "workload/", "backlog.csv", "backlog.xlsx", "export.yaml", "export.json",
)  # fmt: skip
# Values at the edges: the valid ones must import and show, the invalid ones must be refused.
VALID_DATES = [date(1900, 1, 1), date(1999, 12, 31), date(2026, 2, 28), date(2200, 12, 31)]
INVALID_DATES = ["1899-12-31", "2201-01-01", "0001-01-01", "9999-12-31", "2027-02-30"]
VALID_AMOUNTS = [0, 0.005, 1e-300, 1e15, 2**49 + 1, 10**6]  # also valid where negatives are refused
VALID_NUMBERS = [*VALID_AMOUNTS, -1, -1e15]
INVALID_NUMBERS = [1e16, -1e16, math.inf, -math.inf, math.nan, "1e400"]
VALID_TEXTS = [
    "A", "x" * 200, "=1+1", "＝1+1", "＋1", "－1", "＠A1", "'=1+1", "@SUM(A1)", "-5",
    "<script>alert(1)</script>", "ligne\nligne", "🚀 Lancement", "\u202eRTL", "é" * 199, "{{ roadmap }}",
    "%s %(x)s {0}",
]  # fmt: skip
INVALID_TEXTS = ["", " ", "x" * 201]
VALID_KEYS = ["a", "k" * 60, "a-b-1", "news", "0"]
INVALID_KEYS = ["new", "edit", "export", "k" * 61, "A", "-a"]
FIELDS = (
    "horizon", "deadline", "baseline", "measurement", "title", "key", "activity-dates", "effort", "value",
    "confidence", "lag", "capacity", "budget", "milestone", "risk-key", "snapshot", "held-on",
)  # fmt: skip


@st.composite
def edge_documents(draw: Any) -> tuple[dict[str, Any], bool]:
    """A file whose every field holds an edge value, valid but for at most one field (``broken``); and
    whether the broken field was written."""
    broken = draw(st.sampled_from([None, None, *FIELDS]))
    written: list[str] = []

    def pick(field: str, valid: Any, invalid: list[Any]) -> Any:
        if field == broken:
            written.append(field)
        strategy = st.sampled_from(invalid) if field == broken else valid
        return draw(strategy if isinstance(strategy, st.SearchStrategy) else st.sampled_from(strategy))

    dates = st.sampled_from(VALID_DATES) | st.dates(date(1900, 1, 1), date(2200, 12, 31))

    def iso(field: str, valid: st.SearchStrategy[date] = dates) -> str:
        value = pick(field, valid, INVALID_DATES)
        return value if isinstance(value, str) else value.isoformat()

    # What a roadmap lived is not after today: a measurement, a review (held once the roadmap began)
    today = timezone.localdate()
    lived = st.dates(date(1900, 1, 1), today)

    def span(field: str) -> tuple[str, str]:
        first, second = sorted(draw(dates) for _ in range(2))
        if field == broken:
            return iso(field), second.isoformat()  # an invalid date, or an end before a start

        return first.isoformat(), second.isoformat()

    start, end = span("horizon")
    activities: list[dict[str, Any]] = []
    for index, key in enumerate(draw(st.lists(st.sampled_from(VALID_KEYS), max_size=3, unique=True))):
        item: dict[str, Any] = {
            "key": pick("key", [key], INVALID_KEYS) if index == 0 else key,
            "title": pick("title", VALID_TEXTS, INVALID_TEXTS),
            "status": draw(st.sampled_from(["idea", "planned", "in_progress", "done", "dropped"])),
            "effort_days": pick("effort", VALID_AMOUNTS, [-1, *INVALID_NUMBERS]),
            "value": pick("value", VALID_AMOUNTS, [-1, *INVALID_NUMBERS]),
            "confidence": pick("confidence", [0, 100], [-1, 101]),
            "impact": draw(st.sampled_from([1, 5])),
        }
        if draw(st.booleans()):
            item["start"], item["end"] = span("activity-dates")
        if activities:
            item["after"] = [
                {"activity": activities[0]["key"], "lag_days": pick("lag", [0, 3650, -3650], [3651])}
            ]
        activities.append(item)
    document = {
        "format": "jalon/1",
        "roadmap": {
            "slug": "bords",
            "title": pick("title", VALID_TEXTS, INVALID_TEXTS),
            "type": "campaign",
            "vision": draw(st.sampled_from(VALID_TEXTS)),
            "horizon": {"start": start, "end": end},
        },
        "objectives": [
            {
                "key": pick("key", VALID_KEYS, INVALID_KEYS),
                "title": draw(st.sampled_from(VALID_TEXTS)),
                "deadline": iso("deadline"),
                "measurable": {
                    "metric": "m",
                    "baseline": pick("baseline", VALID_NUMBERS, INVALID_NUMBERS),
                    "target": draw(st.sampled_from(VALID_NUMBERS)),
                },
            }
        ],
        "kpis": [
            {
                "key": "k",
                "name": draw(st.sampled_from(VALID_TEXTS)),
                "frequency": "monthly",
                "target": draw(st.sampled_from(VALID_NUMBERS)),
                "measurements": [
                    {
                        "date": iso("measurement", lived),
                        "value": pick("measurement", VALID_NUMBERS, INVALID_NUMBERS),
                    }
                ],
            }
        ],
        "themes": [{"key": "t", "name": "T", "budget": pick("budget", [0, 0.01, 10**11], [-1, 10**12])}],
        "people": [
            {"key": "p", "name": "P", "capacity_hours_per_week": pick("capacity", [0, 168], [169, -1])}
        ],
        "activities": activities,
        "milestones": [{"key": "m", "title": "M", "date": iso("milestone")}],
        "risks": [{"key": pick("risk-key", VALID_KEYS, INVALID_KEYS), "title": "R", "probability": 5}],
        "reviews": [
            {
                "key": "r",
                "title": "R",
                "held_on": iso("held-on", _held_days(start, today)),
                "snapshot": {"x": pick("snapshot", VALID_NUMBERS, [math.inf, math.nan])},
            }
        ]
        if broken in {"held-on", "snapshot"} or _iso_before(start, today)
        else [],
    }
    return document, bool(written)


def _held_days(start: str, today: date) -> st.SearchStrategy[date]:
    """The days a review of a roadmap starting on ``start`` may be held: from its start to today."""
    try:
        first = date.fromisoformat(start)
    except ValueError:
        return st.just(today)
    return st.dates(first, today) if first <= today else st.just(today)


def _iso_before(day: str, today: date) -> bool:
    """Whether ``day`` (a valid horizon's start) is on or before ``today``: a review can be held."""
    try:
        return date.fromisoformat(day) <= today
    except ValueError:
        return True  # an invalid start: the file is refused whatever its review


_workspaces = itertools.count()


@pytest.fixture
def owner(members):
    return members["owner"]


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=edge_documents(), fmt=st.sampled_from(["yaml", "json"]))
def test_a_file_at_the_edges_is_refused_with_problems_or_every_page_answers_and_it_round_trips(
    client: Client, owner: Any, case: tuple[dict[str, Any], bool], fmt: str
) -> None:
    document, broken = case
    workspace = Workspace.objects.create(slug=f"bords-{next(_workspaces)}", name="Bords")
    Membership.objects.create(workspace=workspace, user=owner, role="owner")
    text = json.dumps(document) if fmt == "json" else as_yaml(document)
    try:
        roadmap = import_roadmap(actor=owner, workspace=workspace, text=text, fmt=fmt)  # type: ignore[arg-type]
    except FileProblems as refused:
        event("refused")
        assert broken, refused.problems  # a file of valid edges imports
        assert refused.problems and all(where and message for where, message in refused.problems)
        assert not Roadmap.objects.filter(workspace=workspace).exists()
        return
    assert not broken, "a file with an invalid value was imported"
    event("imported")
    client.force_login(owner)
    base = f"/w/{workspace.slug}/r/{roadmap.slug}/"
    items = [f"activities/{a.key}/" for a in roadmap.activities.all()] + [
        f"o/{o.key}/" for o in roadmap.objectives.all()
    ]
    for page in (*PAGES, *items):
        assert client.get(base + page).status_code == 200, page
    first = export_roadmap(actor=owner, roadmap=roadmap, fmt=fmt)  # type: ignore[arg-type]
    copy = Workspace.objects.create(slug=f"copie-{next(_workspaces)}", name="Copie")
    again = import_roadmap(actor=None, workspace=copy, text=first, fmt=fmt)  # type: ignore[arg-type]
    assert export_roadmap(actor=None, roadmap=again, fmt=fmt) == first  # type: ignore[arg-type]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "where", "other"), [("fr", "fichier", "file"), ("en", "file", "fichier")], ids=["fr", "en"]
)
def test_an_import_without_a_file_names_where_the_problem_is_in_the_readers_language(
    client: Client, team, language: str, where: str, other: str
) -> None:
    client.force_login(team.owner)
    client.cookies["jalon_language"] = language
    response = client.post(f"/w/{team.workspace.slug}/import/", {})
    page = response.content.decode()
    assert response.status_code == 422
    assert f"<td>{where}</td>" in page.replace("<code>", "").replace("</code>", "")
    assert f">{other}<" not in page
    assert not Roadmap.objects.filter(workspace=team.workspace).exists()
