"""The demo's KPI measurements move with the plan (by whole months) and then, if need be, by whole tracking
periods, so that no demo KPI is late or measured ahead of the day the demo is loaded, with the values and the
spacing the file writes."""

from __future__ import annotations

import copy
import itertools
from datetime import date, timedelta
from typing import Any

import pytest

from jalon.accounts.models import User
from jalon.demo.dates import AS_WRITTEN, demo_document, move_measurements
from jalon.demo.loader import DEMO_FILE
from jalon.documents.safe_load import load
from jalon.strategy.kpis.lateness import is_late
from jalon.strategy.models import KPI

WRITTEN = load(DEMO_FILE.read_text(encoding="utf-8"), "yaml")


def moved_on(day: date) -> dict[str, list[tuple[date, float]]]:
    document = demo_document(copy.deepcopy(WRITTEN), day)
    return {
        kpi["key"]: [(date.fromisoformat(m["date"]), m["value"]) for m in kpi["measurements"]]
        for kpi in document["kpis"]
    }


def test_on_the_day_the_file_was_written_for_the_measurements_stand_as_written() -> None:
    assert move_measurements(copy.deepcopy(WRITTEN), AS_WRITTEN) == WRITTEN


@pytest.mark.parametrize("day", [date(2026, 12, 5), date(2026, 12, 31)], ids=str)
def test_loaded_in_december_the_monthly_history_ends_on_the_last_day_of_november(day: date) -> None:
    conversion = moved_on(day)["taux-conversion"]
    assert conversion[-1] == (date(2026, 11, 30), 3.1)
    assert conversion[0] == (date(2026, 3, 31), 2)  # the same nine values, one month later
    assert [value for _day, value in conversion] == [m["value"] for m in WRITTEN["kpis"][0]["measurements"]]


def weekly_document(last: date) -> dict[str, Any]:
    """A document with one weekly KPI measured every ten days up to ``last``."""
    days = [last - timedelta(days=10 * n) for n in range(3, -1, -1)]
    measurements = [{"date": d.isoformat(), "value": float(n)} for n, d in enumerate(days)]
    return {"kpis": [{"key": "weekly", "frequency": "weekly", "measurements": measurements}]}


def test_a_weekly_history_moves_by_whole_weeks_until_its_next_measurement_is_not_due_before_the_day() -> None:
    written = weekly_document(date(2026, 10, 31))
    moved = move_measurements(copy.deepcopy(written), date(2026, 12, 6))
    before = [date.fromisoformat(m["date"]) for m in written["kpis"][0]["measurements"]]
    after = [date.fromisoformat(m["date"]) for m in moved["kpis"][0]["measurements"]]
    assert after[-1] == date(2026, 12, 5)  # five weeks on: four, due on 5 December, would be late on the 6th
    assert [b - a for a, b in itertools.pairwise(after)] == [b - a for a, b in itertools.pairwise(before)]


def test_a_history_ahead_of_the_day_moves_back() -> None:
    moved = move_measurements(weekly_document(date(2026, 10, 31)), date(2026, 10, 20))
    assert moved["kpis"][0]["measurements"][-1]["date"] == "2026-10-17"


@pytest.mark.parametrize("day", [date(2026, 8, 1) + timedelta(days=n) for n in range(0, 900, 7)], ids=str)
def test_no_demo_kpi_is_late_or_ahead_on_the_day_the_demo_is_loaded(day: date) -> None:
    frequencies = {kpi["key"]: kpi["frequency"] for kpi in WRITTEN["kpis"]}
    for key, history in moved_on(day).items():
        last = history[-1][0]
        assert last <= day <= KPI(frequency=frequencies[key]).due_after(last), key


def test_the_demo_loaded_today_shows_no_late_kpi(db, client, monkeypatch) -> None:
    from django.utils import timezone

    from jalon.demo.loader import load_demo

    today = date(2026, 12, 5)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: today)  # the pages' today
    demo = load_demo(password="demo-password-1")
    kpis = KPI.objects.filter(roadmap=demo.roadmap).prefetch_related("measurements")
    assert len(kpis) == len(WRITTEN["kpis"])
    assert [kpi.key for kpi in kpis if is_late(kpi, today)] == []
    client.force_login(User.objects.get(email=demo.email))
    for page in ("kpis/", "executive/", "o/taux-conversion/"):
        shown = client.get(f"/w/cloud-kicks/r/cloud-kicks/{page}").content.decode()
        assert "mesure en retard" not in shown, page  # the flag of a late KPI (see test_kpi_pages.py)
    assert "3,1" in client.get("/w/cloud-kicks/r/cloud-kicks/kpis/").content.decode()  # the last value


@pytest.mark.parametrize("day", [AS_WRITTEN, date(2026, 12, 5)], ids=str)
def test_a_demo_kpi_starts_where_its_objective_starts_on_its_first_measurement(day: date) -> None:
    # The KPI's page said « Valeur de départ — » under an objective read « 2 % → 4 % ».
    document = demo_document(copy.deepcopy(WRITTEN), day)
    objectives = {objective["key"]: objective for objective in document["objectives"]}
    checked = 0
    for kpi in document["kpis"]:
        baseline = objectives[kpi["objective"]].get("measurable", {}).get("baseline")
        if baseline is None:
            continue
        first = min(kpi["measurements"], key=lambda m: m["date"])
        assert (kpi.get("baseline"), kpi.get("baseline_date")) == (baseline, first["date"]), kpi["key"]
        checked += 1
    assert checked >= 2
