"""The demo's KPI measurements end in the last complete tracking period before the day the demo is loaded, so
that no demo KPI is late that day, with the values and the spacing the file writes."""

from __future__ import annotations

import copy
import itertools
from datetime import date, timedelta

import pytest

from jalon.accounts.models import User
from jalon.demo.dates import AS_WRITTEN, move_measurements
from jalon.demo.loader import DEMO_FILE
from jalon.documents.safe_load import load
from jalon.strategy.kpis.lateness import is_late
from jalon.strategy.models import KPI

WRITTEN = load(DEMO_FILE.read_text(encoding="utf-8"), "yaml")


def moved_on(day: date) -> dict[str, list[tuple[date, float]]]:
    document = move_measurements(copy.deepcopy(WRITTEN), day)
    return {
        kpi["key"]: [(date.fromisoformat(m["date"]), m["value"]) for m in kpi["measurements"]]
        for kpi in document["kpis"]
    }


def test_on_the_day_the_file_was_written_for_the_measurements_stand_as_written() -> None:
    assert move_measurements(copy.deepcopy(WRITTEN), AS_WRITTEN) == WRITTEN


def test_loaded_in_december_the_monthly_history_ends_on_the_last_day_of_november() -> None:
    conversion = moved_on(date(2026, 12, 5))["taux-conversion"]
    assert conversion[-1] == (date(2026, 11, 30), 3.1)
    assert conversion[0] == (date(2026, 3, 31), 2)  # the same nine values, one month later
    assert [value for _day, value in conversion] == [m["value"] for m in WRITTEN["kpis"][0]["measurements"]]


def test_a_weekly_history_ends_in_the_last_complete_week_and_keeps_its_spacing() -> None:
    written = [date.fromisoformat(m["date"]) for m in WRITTEN["kpis"][1]["measurements"]]
    cart = [day for day, _value in moved_on(date(2026, 12, 6))["abandon-panier"]]
    assert cart[-1] == date(2026, 12, 5)
    assert [b - a for a, b in itertools.pairwise(cart)] == [b - a for a, b in itertools.pairwise(written)]


@pytest.mark.parametrize("day", [date(2026, 8, 1) + timedelta(days=n) for n in range(0, 185, 2)])
def test_no_demo_kpi_is_late_on_the_day_the_demo_is_loaded_within_the_horizon(day: date) -> None:
    frequencies = {kpi["key"]: kpi["frequency"] for kpi in WRITTEN["kpis"]}
    for key, history in moved_on(day).items():
        last = history[-1][0]
        assert last <= day <= KPI(frequency=frequencies[key]).due_after(last), key


def test_after_the_horizon_the_history_stops_at_its_end() -> None:
    assert moved_on(date(2027, 6, 15)) == moved_on(date(2027, 2, 1))
    assert max(day for history in moved_on(date(2027, 6, 15)).values() for day, _v in history) <= date(
        2027, 1, 31
    )


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
