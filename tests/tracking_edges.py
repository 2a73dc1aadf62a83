"""KPIs at their edges, as a person really makes them (tests/strategy/test_tracking_edges.py and the
browser's tests/e2e/test_e2e_tracking_journey.py): one measurement, values of 0 and below, a target equal to
the baseline, a flat series, a deadline today or past with measurements after it, a band, 500 daily
measurements, a KPI without a target."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.factories import make_roadmap

TODAY, END = date(2027, 6, 15), date(2027, 12, 31)


def monthly(first: date, values: list[float]) -> list[tuple[date, float]]:
    return [(date(first.year + (first.month - 1 + n) // 12, (first.month - 1 + n) % 12 + 1, 1), v)
            for n, v in enumerate(values)]  # fmt: skip


def make_edges(team: Any) -> Any:
    """Roadmap plan-2027 of ``team``'s workspace, its KPIs at their edges (the pages' today: ``TODAY``)."""
    from jalon.strategy import services as strategy
    from jalon.strategy.kpis import services as kpis_services

    owner = team.owner
    roadmap = make_roadmap(
        team.workspace, owner, slug="plan-2027", start=date(2027, 1, 1), end=date(2027, 12, 31)
    )
    grow = strategy.create_objective(
        actor=owner, roadmap=roadmap, title="Grow sales", unit="€", baseline=100.0, target=100.0,
        direction="increase",
    )  # fmt: skip
    churn = strategy.create_objective(
        actor=owner, roadmap=roadmap, title="Cut churn", unit="%", target=3.0, direction="decrease"
    )
    kpis: dict[str, tuple[dict[str, Any], list[tuple[date, float]]]] = {
        # the main KPI of "Grow sales": a target equal to its baseline
        "equal": ({"objective": grow, "baseline": 100.0, "baseline_date": date(2027, 1, 1)},
                  monthly(date(2026, 12, 1), [100, 101, 99, 102, 100, 101])),
        "one": ({"objective": grow, "target": 50.0, "target_date": date(2027, 12, 31)},
                [(date(2027, 3, 1), 40.0)]),
        "zeros": ({"objective": grow, "target": 10.0, "target_date": date(2027, 12, 31)},
                  monthly(date(2027, 1, 1), [0, 0, -2, 0, -1, 0])),
        "flat": ({"objective": grow, "target": 120.0, "target_date": date(2027, 12, 31)},
                 monthly(date(2027, 1, 1), [7, 7, 7, 7, 7, 7])),
        "due-today": ({"objective": grow, "target": 200.0, "target_date": TODAY},
                      monthly(date(2027, 1, 1), [150, 160, 170, 180, 190, 195])),
        "past": ({"objective": grow, "target": 200.0, "target_date": date(2027, 3, 31)},
                 monthly(date(2026, 10, 1), [150, 160, 170, 180, 190, 195, 205, 210, 215])),
        "band": ({"objective": churn, "direction": "band", "target_low": 2.0, "target_high": 4.0,
                  "target_date": END}, monthly(date(2027, 1, 1), [5, 4.5, 4.1, 3.8, 3.5, 3.4])),
        "daily": ({"objective": churn, "target": 3.0, "target_date": END, "frequency": "daily"},
                  [(TODAY - timedelta(days=499 - n), 5.0 - n / 250 + (n % 7) / 10) for n in range(500)]),
        "no-target": ({"objective": None}, monthly(date(2027, 1, 1), [1, 2, 3, 4, 5, 6])),
    }  # fmt: skip
    for key, (fields, measurements) in kpis.items():
        fields.setdefault("frequency", "monthly")
        kpi = strategy.create_kpi(
            actor=owner, roadmap=roadmap, key=key, name=f"KPI {key}", unit="€", **fields
        )
        if len(measurements) > 100:  # pasted, as a person adds 500 days (one by one: 2 s of CPU per test)
            kpis_services.add_measurements(actor=owner, kpi=kpi, rows=measurements)
            continue
        for day, value in measurements:
            strategy.add_measurement(actor=owner, kpi=kpi, date=day, value=value)
    return roadmap
