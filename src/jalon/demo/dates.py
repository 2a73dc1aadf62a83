"""The demo's measurement history, moved to the day the demo is loaded.

Each KPI of cloud-kicks.yaml has a history written to end in October 2026. Loaded on another day, the history
moves by whole tracking periods of the KPI (weeks, months, quarters, counted as ``KPI.due_after`` counts
them) to the last place where its last measurement is not after that day (the last complete period, or the
one that ends that day): the next measurement is then due on that day or later, so the demo's KPIs are never
late the day it is loaded. Values and their spacing stay as written, and a month's last day stays a month's
last day. The day is kept within the roadmap's horizon (up to the day after it ends): the history never runs
past the plan it measures.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from jalon.strategy.periods import moved

# A day on which the file's measurements stand as written (tests load the demo on it).
AS_WRITTEN = date(2026, 11, 2)


def periods_to_move(last: date, frequency: str, day: date) -> int:
    """The most periods by which ``last`` can move and not pass ``day`` (negative to move it back)."""
    periods = 0
    while moved(last, frequency, periods + 1) <= day:
        periods += 1
    while moved(last, frequency, periods) > day:
        periods -= 1
    return periods


def move_measurements(document: dict[str, Any], today: date) -> dict[str, Any]:
    """``document`` (the demo file, as loaded: dates are ISO strings) with each KPI's measurements moved to
    end on or before ``today``, kept within the roadmap's horizon."""
    horizon = document["roadmap"]["horizon"]
    start, end = (date.fromisoformat(str(horizon[side])) for side in ("start", "end"))
    day = min(max(today, start), end + timedelta(days=1))
    for kpi in document.get("kpis", []):
        measurements = kpi.get("measurements") or []
        if not measurements:
            continue
        frequency = kpi.get("frequency", "monthly")
        written = [date.fromisoformat(str(m["date"])) for m in measurements]
        periods = periods_to_move(max(written), frequency, day)
        for measurement, when in zip(measurements, written, strict=True):
            measurement["date"] = moved(when, frequency, periods).isoformat()
    return document
