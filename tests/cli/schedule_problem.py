"""A scheduling problem as ``jalon schedule`` reads it, for the command line tests."""

from __future__ import annotations

PROBLEM = {
    "start": "2026-06-01",
    "people": [{"id": "ana", "capacity_hours_per_day": 7}],
    "activities": [
        {"id": "brief", "duration_days": 2, "demands": [{"person": "ana", "hours_per_day": 7}]},
        {"id": "copy", "duration_days": 3, "demands": [{"person": "ana", "share": 1.0}], "after": ["brief"]},
    ],
    "milestones": [{"id": "launch", "deadline": "2026-06-03", "activities": ["copy"]}],
}
