"""Use cases on objectives and measurements: deadline rules, optimistic versions, history, parent cycles."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from jalon.errors import Conflict, ValidationFailed
from jalon.history.models import Change
from jalon.strategy import services
from jalon.strategy.models import Measurement, Objective, Roadmap
from jalon.workspaces.permissions import Forbidden
from jalon.workspaces.services import create_workspace, set_membership


@pytest.fixture
def owner(make_user):
    return make_user("owner@example.com")


@pytest.fixture
def colleague(make_user):
    return make_user("colleague@example.com")


@pytest.fixture
def roadmap(owner, colleague) -> Roadmap:
    """A 12-month plan from 15 March 2026 in a company whose fiscal year starts in April."""
    workspace = create_workspace(actor=owner, slug="acme", name="Acme")
    set_membership(actor=owner, workspace=workspace, user=colleague, role="editor")
    return services.create_roadmap(
        actor=owner,
        workspace=workspace,
        slug="plan",
        title="Plan",
        type="strategic",
        start=date(2026, 3, 15),
        end=date(2027, 3, 14),
        fiscal_year_start_month=4,
    )


def objective(roadmap: Roadmap, owner: Any, key: str = "growth", **fields: Any) -> Objective:
    return services.create_objective(actor=owner, roadmap=roadmap, key=key, title=key.title(), **fields)


def changes_of(obj: Objective) -> list[Change]:
    return list(
        Change.objects.filter(
            content_type=ContentType.objects.get_for_model(Objective), object_id=obj.pk
        ).order_by("version")
    )


# Deadline rules -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "expected"),
    [
        # the horizon starts on 15/03/2026, in the fiscal year April 2025 - March 2026
        ("fiscal_year_end", date(2026, 3, 31)),
        ("fiscal_quarter_end:4", date(2026, 3, 31)),
        ("fiscal_quarter_end:1", date(2026, 6, 30)),  # FY2026's Q1 has passed: the next one
        ("fiscal_half_end:1", date(2026, 9, 30)),
        ("calendar_year_end", date(2026, 12, 31)),
        ("in_months:6", date(2026, 9, 15)),
    ],
)
def test_a_deadline_rule_gives_the_date_from_the_horizon_start_and_fiscal_month(
    roadmap, owner, rule: str, expected: date
) -> None:
    created = objective(roadmap, owner, deadline_rule=rule)
    created.refresh_from_db()
    assert (created.deadline, created.deadline_rule) == (expected, rule)


def test_a_rule_wins_over_a_contradicting_date_given_with_it(roadmap, owner) -> None:
    created = objective(roadmap, owner, deadline=date(2030, 1, 1), deadline_rule="fiscal_year_end")
    assert created.deadline == date(2026, 3, 31)


def test_a_typed_date_clears_the_rule(roadmap, owner) -> None:
    created = objective(roadmap, owner, deadline_rule="fiscal_year_end")
    updated = services.update_objective(
        actor=owner, objective=created, expected_version=1, changes={"deadline": date(2026, 11, 30)}
    )
    updated.refresh_from_db()
    assert (updated.deadline, updated.deadline_rule) == (date(2026, 11, 30), "")


def test_choosing_a_rule_on_update_recomputes_the_date(roadmap, owner) -> None:
    created = objective(roadmap, owner, deadline=date(2026, 5, 5))
    updated = services.update_objective(
        actor=owner, objective=created, expected_version=1, changes={"deadline_rule": "fiscal_half_end:2"}
    )
    assert (updated.deadline, updated.deadline_rule) == (date(2026, 3, 31), "fiscal_half_end:2")


def test_moving_the_roadmaps_start_moves_the_deadlines_its_rules_give(roadmap, owner) -> None:
    ruled = objective(roadmap, owner, key="ruled", deadline_rule="in_months:6")
    typed = objective(roadmap, owner, key="typed", deadline=date(2026, 11, 30))
    services.update_roadmap(
        actor=owner,
        roadmap=roadmap,
        expected_version=roadmap.version,
        changes={"start": date(2026, 6, 1), "fiscal_year_start_month": 1},
    )
    ruled.refresh_from_db()
    typed.refresh_from_db()
    assert (ruled.deadline, ruled.deadline_rule, ruled.version) == (date(2026, 12, 1), "in_months:6", 2)
    assert typed.deadline == date(2026, 11, 30)


def test_a_moved_start_whose_rule_would_land_past_2200_changes_nothing(roadmap, owner) -> None:
    ruled = objective(roadmap, owner, key="ruled", deadline_rule="in_months:24")
    with pytest.raises(ValidationFailed) as refused:
        services.update_roadmap(
            actor=owner,
            roadmap=roadmap,
            expected_version=roadmap.version,
            changes={"start": date(2200, 1, 1), "end": date(2200, 12, 31)},
        )
    assert list(refused.value.errors) == ["start"] and "Ruled" in refused.value.errors["start"][0]
    roadmap.refresh_from_db()
    ruled.refresh_from_db()
    assert (roadmap.start, ruled.deadline) == (date(2026, 3, 15), date(2028, 3, 15))


def test_an_unknown_deadline_rule_is_refused_and_nothing_is_created(roadmap, owner) -> None:
    with pytest.raises(ValidationFailed) as refused:
        objective(roadmap, owner, deadline_rule="next_tuesday")
    assert list(refused.value.errors) == ["deadline_rule"]
    assert not roadmap.objectives.exists()


def test_a_field_outside_the_objective_is_refused(roadmap, owner) -> None:
    created = objective(roadmap, owner)
    with pytest.raises(ValidationFailed) as refused:
        services.update_objective(
            actor=owner, objective=created, expected_version=1, changes={"roadmap": None}
        )
    assert "roadmap" in refused.value.errors


# Versions and conflicts ---------------------------------------------------------------------------


def test_each_save_increments_the_version(roadmap, owner) -> None:
    created = objective(roadmap, owner)
    first = services.update_objective(
        actor=owner, objective=created, expected_version=1, changes={"title": "A"}
    )
    second = services.update_objective(
        actor=owner, objective=first, expected_version=2, changes={"title": "B"}
    )
    assert (created.version, first.version, second.version) == (1, 2, 3)


def test_saving_over_a_newer_version_raises_conflict_listing_their_value_and_mine(
    roadmap, owner, colleague
) -> None:
    created = objective(roadmap, owner, impact="Ventes")
    services.update_objective(
        actor=colleague, objective=created, expected_version=1, changes={"title": "Theirs", "impact": "Marge"}
    )
    with pytest.raises(Conflict) as conflict:
        services.update_objective(
            actor=owner, objective=created, expected_version=1, changes={"title": "Mine"}
        )
    assert conflict.value.current_version == 2
    assert conflict.value.changes == {"title": ("Theirs", "Mine"), "impact": ("Marge", None)}


def test_a_conflict_changes_nothing_and_records_no_history(roadmap, owner, colleague) -> None:
    created = objective(roadmap, owner)
    services.update_objective(
        actor=colleague, objective=created, expected_version=1, changes={"title": "Theirs"}
    )
    history = len(changes_of(created))
    with pytest.raises(Conflict):
        services.update_objective(
            actor=owner, objective=created, expected_version=1, changes={"title": "Mine"}
        )
    created.refresh_from_db()
    assert (created.title, created.version, len(changes_of(created))) == ("Theirs", 2, history)


def test_a_conflict_lists_every_change_made_since_my_version(roadmap, owner, colleague) -> None:
    created = objective(roadmap, owner)
    services.update_objective(
        actor=colleague, objective=created, expected_version=1, changes={"owner": "Léa"}
    )
    services.update_objective(
        actor=colleague, objective=created, expected_version=2, changes={"deadline": date(2026, 12, 1)}
    )
    with pytest.raises(Conflict) as conflict:
        services.update_objective(
            actor=owner, objective=created, expected_version=1, changes={"owner": "Max"}
        )
    assert conflict.value.changes == {
        "owner": ("Léa", "Max"),
        "deadline": ("2026-12-01", None),
    }


def test_saving_again_with_the_current_version_after_a_conflict_succeeds(roadmap, owner, colleague) -> None:
    created = objective(roadmap, owner)
    services.update_objective(
        actor=colleague, objective=created, expected_version=1, changes={"title": "Theirs"}
    )
    with pytest.raises(Conflict) as conflict:
        services.update_objective(
            actor=owner, objective=created, expected_version=1, changes={"title": "Mine"}
        )
    saved = services.update_objective(
        actor=owner,
        objective=created,
        expected_version=conflict.value.current_version,
        changes={"title": "Mine"},
    )
    assert (saved.title, saved.version) == ("Mine", 3)


# History ------------------------------------------------------------------------------------------


def test_creating_an_objective_records_version_1_by_its_author(roadmap, owner) -> None:
    created = objective(roadmap, owner)
    [row] = changes_of(created)
    assert (row.version, row.actor, row.workspace_id) == (1, owner, roadmap.workspace_id)


def test_an_update_records_who_changed_which_field_from_what_to_what(roadmap, owner, colleague) -> None:
    created = objective(roadmap, owner, deadline_rule="fiscal_year_end")
    services.update_objective(
        actor=colleague,
        objective=created,
        expected_version=1,
        changes={"title": "Nouveau titre", "impact": "", "deadline": date(2026, 10, 31)},
    )
    row = changes_of(created)[-1]
    assert (row.version, row.actor) == (2, colleague)
    assert row.fields == {
        "title": ["Growth", "Nouveau titre"],
        "deadline": ["2026-03-31", "2026-10-31"],
        "deadline_rule": ["fiscal_year_end", ""],
    }


def test_deleting_an_objective_is_recorded(roadmap, owner) -> None:
    created = objective(roadmap, owner)
    pk, key = created.pk, created.key
    services.delete_objective(actor=owner, objective=created)
    assert not Objective.objects.filter(pk=pk).exists()
    # its key too: a save that reaches its address later says who deleted it (history.deleted)
    assert Change.objects.filter(
        object_id=pk, fields={"title": ["Growth", None], "key": [key, None]}
    ).exists()


# Parents ------------------------------------------------------------------------------------------


def test_an_objective_cannot_be_its_own_parent(roadmap, owner) -> None:
    created = objective(roadmap, owner)
    with pytest.raises(ValidationFailed) as refused:
        services.update_objective(
            actor=owner, objective=created, expected_version=1, changes={"parent": created}
        )
    assert "parent" in refused.value.errors


def test_a_parent_cycle_is_refused(roadmap, owner) -> None:
    top = objective(roadmap, owner, "top")
    middle = objective(roadmap, owner, "middle", parent=top)
    bottom = objective(roadmap, owner, "bottom", parent=middle)
    with pytest.raises(ValidationFailed) as refused:
        services.update_objective(actor=owner, objective=top, expected_version=1, changes={"parent": bottom})
    assert "parent" in refused.value.errors
    top.refresh_from_db()
    assert top.parent is None


def test_moving_an_objective_under_a_sibling_is_allowed(roadmap, owner) -> None:
    top = objective(roadmap, owner, "top")
    sibling = objective(roadmap, owner, "sibling")
    moved = services.update_objective(
        actor=owner, objective=top, expected_version=1, changes={"parent": sibling}
    )
    assert moved.parent == sibling


def test_a_viewer_cannot_update_an_objective(roadmap, owner, make_user) -> None:
    viewer = make_user("viewer@example.com")
    set_membership(actor=owner, workspace=roadmap.workspace, user=viewer, role="viewer")
    created = objective(roadmap, owner)
    with pytest.raises(Forbidden):
        services.update_objective(actor=viewer, objective=created, expected_version=1, changes={"title": "x"})
    created.refresh_from_db()
    assert created.title == "Growth"


# Measurements -------------------------------------------------------------------------------------


@pytest.fixture
def kpi(roadmap, owner):
    goal = objective(roadmap, owner)
    return services.create_kpi(
        actor=owner, roadmap=roadmap, key="conversion", name="Conversion", unit="%", frequency="monthly",
        objective=goal, target=4,
    )  # fmt: skip


def test_adding_a_measurement_stores_it(kpi, owner) -> None:
    services.add_measurement(actor=owner, kpi=kpi, date=date(2026, 4, 30), value=2.1, source="Analytics")
    assert list(kpi.measurements.values_list("date", "value", "source")) == [
        (date(2026, 4, 30), 2.1, "Analytics")
    ]


def test_a_second_measurement_on_the_same_day_replaces_the_first(kpi, owner) -> None:
    services.add_measurement(actor=owner, kpi=kpi, date=date(2026, 4, 30), value=2.1, source="Draft")
    services.add_measurement(actor=owner, kpi=kpi, date=date(2026, 4, 30), value=2.4, source="Final")
    services.add_measurement(actor=owner, kpi=kpi, date=date(2026, 5, 31), value=2.6)
    assert list(kpi.measurements.values_list("date", "value", "source")) == [
        (date(2026, 4, 30), 2.4, "Final"),
        (date(2026, 5, 31), 2.6, ""),
    ]


def test_a_viewer_cannot_add_a_measurement(kpi, owner, make_user) -> None:
    viewer = make_user("viewer@example.com")
    set_membership(actor=owner, workspace=kpi.roadmap.workspace, user=viewer, role="viewer")
    with pytest.raises(Forbidden):
        services.add_measurement(actor=viewer, kpi=kpi, date=date(2026, 4, 30), value=1)
    assert not Measurement.objects.exists()


def test_a_kpi_key_is_unique_in_a_roadmap(kpi, owner) -> None:
    with pytest.raises(ValidationFailed) as refused:
        services.create_kpi(
            actor=owner, roadmap=kpi.roadmap, key="conversion", name="Again", frequency="weekly"
        )
    assert refused.value.errors
    assert kpi.roadmap.kpis.count() == 1
