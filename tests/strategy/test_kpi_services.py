"""KPI use cases: one target per objective, versions, measurements corrected and added all or nothing,
lateness, and the forecast's odds."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import translation

from jalon.errors import Conflict, ValidationFailed
from jalon.strategy import services
from jalon.strategy.kpis import forecasting
from jalon.strategy.kpis import services as measurements
from jalon.strategy.kpis.lateness import freshness
from jalon.strategy.models import KPI, Measurement, Objective, Roadmap
from jalon.workspaces.permissions import Forbidden
from tests.factories import make_roadmap


@pytest.fixture
def owner(team):
    return team.owner


@pytest.fixture
def viewer(team):
    return team.users["viewer"]


@pytest.fixture
def roadmap(team) -> Roadmap:
    return make_roadmap(team.workspace, team.owner, title="Plan")  # 2026


@pytest.fixture
def goal(roadmap: Roadmap, owner: Any) -> Objective:
    return services.create_objective(
        actor=owner, roadmap=roadmap, key="conversion", title="Conversion", target=4.0, direction="increase",
        deadline=date(2026, 12, 31),
    )  # fmt: skip


def kpi(roadmap: Roadmap, owner: Any, key: str = "rate", **fields: Any) -> KPI:
    return services.create_kpi(actor=owner, roadmap=roadmap, key=key, name=key, frequency="monthly", **fields)


# One target per objective ---------------------------------------------------------------------------


def test_a_new_main_kpi_takes_its_objectives_target(roadmap: Roadmap, owner: Any, goal: Objective) -> None:
    created = kpi(roadmap, owner, objective=goal)
    assert created.target == 4.0


def test_a_new_main_kpi_typed_with_another_target_is_refused_by_the_service(
    roadmap: Roadmap, owner: Any, goal: Objective
) -> None:
    """Every door meets the rule, not only the form: a script, the command line, an importer."""
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        kpi(roadmap, owner, objective=goal, target=6.0)
    assert "As the first KPI of “Conversion”, it shares its target: 4" in str(refused.value.errors["target"])
    assert not roadmap.kpis.exists()
    second = kpi(roadmap, owner, key="first", objective=goal, target=4.0)
    assert kpi(roadmap, owner, key="other", objective=goal, target=6.0).target == 6.0  # a second KPI: its own
    assert second.target == 4.0


def test_moving_a_kpi_under_an_objective_without_kpis_refuses_another_target_in_words(
    roadmap: Roadmap, owner: Any, goal: Objective
) -> None:
    """Moved under an objective with no KPI yet, a KPI becomes its first and shares its target: its own
    target was replaced by the objective's in silence. Another target is now refused, naming both, and
    nothing changes; the same target, or none, moves as before."""
    visits = kpi(roadmap, owner, key="visits", target=6.0)
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        services.update_kpi(
            actor=owner, kpi=visits, expected_version=visits.version, changes={"objective": goal}
        )
    assert refused.value.errors["target"] == [
        "The KPI “visits” would become the first of the objective “Conversion”, so it would share its"
        " target: 4, not 6. Remove the KPI’s target or write the objective’s."
    ]
    kept = KPI.objects.get(pk=visits.pk)
    assert (kept.objective_id, kept.target, kept.version) == (None, 6.0, visits.version)
    moved = services.update_kpi(
        actor=owner, kpi=kept, expected_version=kept.version, changes={"objective": goal, "target": 4.0}
    )
    assert (moved.objective_id, moved.target) == (goal.pk, 4.0)
    bare = services.create_objective(actor=owner, roadmap=roadmap, key="reach", title="Reach", target=9.0)
    blank = kpi(roadmap, owner, key="blank")
    moved = services.update_kpi(
        actor=owner, kpi=blank, expected_version=blank.version, changes={"objective": bare}
    )
    assert moved.target == 9.0  # no target of its own: it takes the objective's, as before


def test_a_kpi_moved_ahead_of_an_objectives_first_kpi_meets_the_same_rule(
    roadmap: Roadmap, owner: Any, goal: Objective
) -> None:
    """A KPI placed before the objective's first one (by position) becomes its first: the same rule."""
    early = kpi(roadmap, owner, key="early", target=6.0)
    later = kpi(roadmap, owner, key="later", objective=goal)
    with pytest.raises(ValidationFailed):
        services.update_kpi(
            actor=owner, kpi=early, expected_version=early.version, changes={"objective": goal}
        )
    assert KPI.objects.get(pk=early.pk).objective_id is None
    assert KPI.objects.get(pk=later.pk).target == 4.0
    other = kpi(roadmap, owner, key="other", target=6.0)  # placed after the first: keeps its own target
    moved = services.update_kpi(
        actor=owner, kpi=other, expected_version=other.version, changes={"objective": goal}
    )
    assert (moved.objective_id, moved.target) == (goal.pk, 6.0)


def test_editing_the_objectives_target_moves_its_main_kpis_target(
    roadmap: Roadmap, owner: Any, goal: Objective
) -> None:
    main = kpi(roadmap, owner, objective=goal)
    services.update_objective(
        actor=owner, objective=goal, expected_version=goal.version, changes={"target": 5.8}
    )
    assert KPI.objects.get(pk=main.pk).target == 5.8


def test_editing_the_main_kpis_target_moves_its_objectives_target(
    roadmap: Roadmap, owner: Any, goal: Objective
) -> None:
    main = kpi(roadmap, owner, objective=goal)
    services.update_kpi(actor=owner, kpi=main, expected_version=main.version, changes={"target": 5.5})
    assert Objective.objects.get(pk=goal.pk).target == 5.5


def test_a_second_kpi_keeps_its_own_target(roadmap: Roadmap, owner: Any, goal: Objective) -> None:
    kpi(roadmap, owner, objective=goal)
    second = kpi(roadmap, owner, key="visits", objective=goal, target=1000.0)
    services.update_kpi(actor=owner, kpi=second, expected_version=second.version, changes={"target": 2000.0})
    assert Objective.objects.get(pk=goal.pk).target == 4.0


def test_an_objective_without_target_takes_its_new_main_kpis(roadmap: Roadmap, owner: Any) -> None:
    bare = services.create_objective(actor=owner, roadmap=roadmap, key="bare", title="Bare")
    kpi(roadmap, owner, objective=bare, target=12.0)
    assert Objective.objects.get(pk=bare.pk).target == 12.0


def test_a_kpi_without_direction_follows_a_decreasing_objective(roadmap: Roadmap, owner: Any) -> None:
    down = services.create_objective(
        actor=owner, roadmap=roadmap, key="churn", title="Churn", direction="decrease"
    )
    assert kpi(roadmap, owner, objective=down).direction == "decrease"


# Versions and permissions -------------------------------------------------------------------------


def test_saving_a_kpi_over_a_newer_version_is_a_conflict(roadmap: Roadmap, owner: Any) -> None:
    rate = kpi(roadmap, owner)
    services.update_kpi(actor=owner, kpi=rate, expected_version=rate.version, changes={"name": "Rate"})
    with pytest.raises(Conflict):
        services.update_kpi(actor=owner, kpi=rate, expected_version=rate.version, changes={"name": "Other"})
    assert KPI.objects.get(pk=rate.pk).name == "Rate"


def test_a_viewer_cannot_create_edit_or_delete_a_kpi(roadmap: Roadmap, owner: Any, viewer: Any) -> None:
    rate = kpi(roadmap, owner)
    with pytest.raises(Forbidden):
        kpi(roadmap, viewer, key="mine")
    with pytest.raises(Forbidden):
        services.update_kpi(actor=viewer, kpi=rate, expected_version=rate.version, changes={"name": "x"})
    with pytest.raises(Forbidden):
        services.delete_kpi(actor=viewer, kpi=rate)
    with pytest.raises(Forbidden):
        measurements.add_measurements(actor=viewer, kpi=rate, rows=[(date(2026, 2, 1), 1.0)])


def test_a_band_needs_its_two_ends_in_order(roadmap: Roadmap, owner: Any) -> None:
    with pytest.raises(ValidationFailed) as caught:
        kpi(roadmap, owner, direction="band", target_low=5.0, target_high=2.0)
    assert "target_high" in caught.value.errors


def test_a_kpi_with_an_infinite_target_is_refused(roadmap: Roadmap, owner: Any) -> None:
    with pytest.raises(ValidationFailed) as caught:
        kpi(roadmap, owner, target=float("inf"))
    assert "target" in caught.value.errors


def test_deleting_a_kpi_deletes_its_measurements(roadmap: Roadmap, owner: Any) -> None:
    rate = kpi(roadmap, owner)
    measurements.add_measurements(actor=owner, kpi=rate, rows=[(date(2026, 2, 1), 1.0)])
    services.delete_kpi(actor=owner, kpi=rate)
    assert not Measurement.objects.exists()


# Measurements ---------------------------------------------------------------------------------------


def test_bulk_measurements_are_added_and_a_known_day_is_replaced(roadmap: Roadmap, owner: Any) -> None:
    rate = kpi(roadmap, owner)
    measurements.add_measurements(actor=owner, kpi=rate, rows=[(date(2026, 2, 1), 1.0)])
    outcome = measurements.add_measurements(
        actor=owner, kpi=rate, rows=[(date(2026, 2, 1), 1.5), (date(2026, 3, 1), 2.0)]
    )
    assert (outcome.added, outcome.replaced) == (1, 1)
    assert list(rate.measurements.values_list("value", flat=True)) == [1.5, 2.0]


def test_a_bulk_addition_costs_as_many_queries_for_a_thousand_rows_as_for_ten(
    roadmap: Roadmap, owner: Any
) -> None:
    """New days inserted at once, known days replaced at once, one history entry on the KPI."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from jalon.history.models import Change

    def cost(key: str, size: int) -> int:
        rate = kpi(roadmap, owner, key=key)
        days = [date(2020, 1, 1) + timedelta(days=n) for n in range(size)]
        measurements.add_measurements(actor=owner, kpi=rate, rows=[(d, 1.0) for d in days[: size // 2]])
        entries = Change.objects.count()
        rows = [(d, 2.0) for d in days] + [(days[0], 3.0)]  # the first day twice: its last value wins
        with CaptureQueriesContext(connection) as queries:
            outcome = measurements.add_measurements(actor=owner, kpi=rate, rows=rows)
        assert (outcome.added, outcome.replaced) == (size - size // 2, size // 2 + 1)
        values = dict(rate.measurements.values_list("date", "value"))
        assert len(values) == size and values[days[0]] == 3.0 and set(values.values()) == {2.0, 3.0}
        assert Change.objects.count() == entries + 1
        return len(queries)

    small, large = cost("small", 10), cost("large", 1000)
    assert small == large <= 12


def test_a_bad_value_in_a_bulk_addition_adds_nothing(roadmap: Roadmap, owner: Any) -> None:
    rate = kpi(roadmap, owner)
    with pytest.raises(ValidationFailed):
        measurements.add_measurements(
            actor=owner, kpi=rate, rows=[(date(2026, 2, 1), 1.0), (date(2026, 3, 1), float("nan"))]
        )
    assert not rate.measurements.exists()


def test_correcting_a_measurement_onto_a_taken_day_is_refused(roadmap: Roadmap, owner: Any) -> None:
    rate = kpi(roadmap, owner)
    measurements.add_measurements(
        actor=owner, kpi=rate, rows=[(date(2026, 2, 1), 1.0), (date(2026, 3, 1), 2.0)]
    )
    first = rate.measurements.get(date=date(2026, 2, 1))
    with pytest.raises(ValidationFailed):
        measurements.update_measurement(actor=owner, measurement=first, date=date(2026, 3, 1), value=3.0)
    measurements.update_measurement(actor=owner, measurement=first, date=date(2026, 2, 2), value=3.0)
    assert rate.measurements.get(pk=first.pk).value == 3.0


# Lateness -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("frequency", "last", "today", "late"),
    [
        ("weekly", date(2026, 3, 1), date(2026, 3, 8), False),
        ("weekly", date(2026, 3, 1), date(2026, 3, 9), True),
        ("monthly", date(2026, 1, 31), date(2026, 2, 28), False),
        ("monthly", date(2026, 1, 31), date(2026, 3, 1), True),
        ("quarterly", date(2026, 1, 15), date(2026, 4, 15), False),
        ("quarterly", date(2026, 1, 15), date(2026, 4, 16), True),
        # a month's last day is due on the last day of the next period, not on the same number
        ("monthly", date(2026, 11, 30), date(2026, 12, 31), False),
        ("monthly", date(2026, 11, 30), date(2027, 1, 1), True),
        ("monthly", date(2025, 2, 28), date(2025, 3, 31), False),
        ("quarterly", date(2026, 9, 30), date(2026, 12, 31), False),
        ("semiannual", date(2026, 6, 30), date(2026, 12, 31), False),
        ("semiannual", date(2026, 6, 30), date(2027, 1, 1), True),
    ],
)
def test_a_kpi_is_late_once_its_last_measurement_is_older_than_its_frequency(
    roadmap: Roadmap, owner: Any, frequency: str, last: date, today: date, late: bool
) -> None:
    rate = kpi(roadmap, owner)
    rate.frequency = frequency
    measurements.add_measurements(actor=owner, kpi=rate, rows=[(last - timedelta(days=40), 1.0), (last, 2.0)])
    assert freshness(rate, today).late is late


def test_a_kpi_never_measured_is_late_from_its_baseline_date(roadmap: Roadmap, owner: Any) -> None:
    rate = kpi(roadmap, owner, baseline=1.0, baseline_date=date(2026, 1, 1))
    assert freshness(rate, date(2026, 2, 1)).late is False
    assert freshness(rate, date(2026, 2, 2)).late is True


# Odds -----------------------------------------------------------------------------------------------


def monthly(values: list[float]) -> list[tuple[date, float]]:
    return [(date(2026, month + 1, 1), value) for month, value in enumerate(values)]


def test_a_kpi_rising_steadily_past_its_target_has_high_odds(
    roadmap: Roadmap, owner: Any, goal: Objective
) -> None:
    rate = kpi(roadmap, owner, objective=goal)
    measurements.add_measurements(
        actor=owner, kpi=rate, rows=monthly([2.6, 2.8, 3.0, 3.2, 3.4, 3.6, 3.8, 4.0])
    )
    result = forecasting.kpi_forecast(KPI.objects.get(pk=rate.pk))
    assert result is not None and result.probability is not None
    assert result.probability > 0.6


def test_a_flat_kpi_far_from_its_target_has_low_odds(roadmap: Roadmap, owner: Any, goal: Objective) -> None:
    rate = kpi(roadmap, owner, objective=goal)
    measurements.add_measurements(
        actor=owner, kpi=rate, rows=monthly([2.0, 2.01, 1.99, 2.0, 2.02, 1.98, 2.0])
    )
    odds = forecasting.objective_odds([KPI.objects.get(pk=rate.pk)])
    assert odds is not None and odds.probability < 0.1 and odds.status == "off_track"


def test_below_five_measurements_there_are_no_odds(roadmap: Roadmap, owner: Any, goal: Objective) -> None:
    rate = kpi(roadmap, owner, objective=goal)
    measurements.add_measurements(actor=owner, kpi=rate, rows=monthly([2.0, 2.2, 2.4]))
    assert forecasting.objective_odds([KPI.objects.get(pk=rate.pk)]) is None
