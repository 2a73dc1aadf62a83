"""A portfolio problem as ``jalon portfolio`` reads it, for the command line tests."""

from __future__ import annotations

PROBLEM = {
    "budget_eur": 100,
    "themes": [{"theme": "web", "max_eur": 80}],
    "activities": [
        {"id": "seo", "value": 10, "cost_eur": 50, "theme": "web"},
        {"id": "ads", "value": 9, "cost_eur": 50, "theme": "web"},
        {"id": "event", "value": 4, "cost_eur": 50, "requires": ["seo"]},
    ],
}
