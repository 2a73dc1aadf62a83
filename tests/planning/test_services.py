"""Planning use cases: links stay inside the roadmap, moves and assignments warn before saving."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from jalon.accounts.models import User
from jalon.errors import Conflict, NeedsConfirmation, ValidationFailed
from jalon.planning import services
from jalon.planning.colours import THEME_COLOURS
from jalon.planning.models import Activity, Assignment, Person, Risk, Theme
from jalon.strategy import services as strategy
from jalon.strategy.models import Roadmap
from jalon.workspaces.permissions import Forbidden, NotFound
from tests.factories import Team, make_roadmap


@pytest.fixture
def members(team: Team) -> dict[str, User]:
    """One user per role of a small team, and an outsider: these use cases need no demo."""
    return team.users


@pytest.fixture
def roadmap(team: Team) -> Roadmap:
    """An empty 2026 roadmap with one objective."""
    found = make_roadmap(team.workspace, team.owner)
    strategy.create_objective(actor=team.owner, roadmap=found, key="grow", title="Grow")
    return found


@pytest.fixture
def plan(roadmap, members):
    owner = members["owner"]
    theme = services.create(
        Theme, actor=owner, roadmap=roadmap, key="acq", name="Acquisition", budget=Decimal(1000)
    )
    alice = services.create(
        Person, actor=owner, roadmap=roadmap, key="alice", name="Alice", capacity_hours_per_week=35
    )
    brief = services.create(
        Activity, actor=owner, roadmap=roadmap, key="brief", title="Brief", theme=theme,
        start=date(2026, 9, 7), duration_days=5,
    )  # fmt: skip
    launch = services.create(
        Activity, actor=owner, roadmap=roadmap, key="launch", title="Launch", start=date(2026, 9, 14),
        end=date(2026, 9, 25),
    )  # fmt: skip
    services.add_dependency(actor=owner, predecessor=brief, successor=launch, lag_days=2)
    return {"owner": owner, "theme": theme, "alice": alice, "brief": brief, "launch": launch}


def test_duration_gives_the_end_counting_the_start_day(plan):
    assert plan["brief"].end == date(2026, 9, 11)


def test_activity_links_objectives_of_its_roadmap_and_records_them(roadmap, plan):
    objective = roadmap.objectives.first()
    activity = services.update(
        plan["brief"], actor=plan["owner"], expected_version=1, changes={"objectives": [objective]}
    )
    assert list(activity.objectives.all()) == [objective]
    assert activity.version == 2


def test_theme_of_another_workspace_is_refused(roadmap, plan, members):
    other = Roadmap.objects.create(
        workspace=members["outsider"].workspaces.get(), slug="x", title="X", type="strategic",
        start=date(2026, 1, 1), end=date(2026, 12, 31),
    )  # fmt: skip
    foreign = services.create(Theme, actor=members["outsider"], roadmap=other, key="t", name="Theirs")
    with pytest.raises(ValidationFailed) as error:
        services.update(plan["brief"], actor=plan["owner"], expected_version=1, changes={"theme": foreign})
    assert "theme" in error.value.errors


def test_stale_version_is_a_conflict(plan):
    services.update(plan["brief"], actor=plan["owner"], expected_version=1, changes={"title": "Brief v2"})
    with pytest.raises(Conflict):
        services.update(plan["brief"], actor=plan["owner"], expected_version=1, changes={"title": "Other"})


@pytest.mark.parametrize(
    ("role", "error"), [("viewer", Forbidden), ("stakeholder", Forbidden), ("outsider", NotFound)]
)
def test_only_editors_create_planning_objects(roadmap, members, role, error):
    with pytest.raises(error):
        services.create(Theme, actor=members[role], roadmap=roadmap, key="t", name="T")
    assert not Theme.objects.filter(key="t").exists()


def test_editor_creates_a_theme(roadmap, members):
    theme = services.create(Theme, actor=members["editor"], roadmap=roadmap, key="t", name="T")
    assert theme.position == Theme.objects.filter(roadmap=roadmap).count() - 1


def test_dependency_cycle_is_refused(plan):
    with pytest.raises(ValidationFailed):
        services.add_dependency(actor=plan["owner"], predecessor=plan["launch"], successor=plan["brief"])


def test_moving_before_a_predecessor_ends_asks_for_confirmation(plan):
    launch = plan["launch"]
    with pytest.raises(NeedsConfirmation) as warning:
        services.move_activity(
            actor=plan["owner"],
            activity=launch,
            expected_version=1,
            start=date(2026, 9, 10),
            end=date(2026, 9, 20),
        )
    assert "Brief" in warning.value.warnings[0]
    assert Activity.objects.get(pk=launch.pk).start == date(2026, 9, 14)
    moved = services.move_activity(
        actor=plan["owner"], activity=launch, expected_version=1,
        start=date(2026, 9, 10), end=date(2026, 9, 20), confirm=True,
    )  # fmt: skip
    assert moved.start == date(2026, 9, 10)


def test_assigning_beyond_capacity_warns_and_saves_nothing(plan):
    services.assign(actor=plan["owner"], activity=plan["brief"], person=plan["alice"], hours_per_week=30)
    same_week = services.create(
        Activity, actor=plan["owner"], roadmap=plan["brief"].roadmap, key="ads", title="Ads",
        start=date(2026, 9, 9), end=date(2026, 9, 18),
    )  # fmt: skip
    with pytest.raises(NeedsConfirmation) as warning:
        services.assign(actor=plan["owner"], activity=same_week, person=plan["alice"], hours_per_week=30)
    assert "Alice" in warning.value.warnings[0] and "Brief" in warning.value.warnings[0]
    assert Assignment.objects.filter(person=plan["alice"]).count() == 1


def test_assigning_within_capacity_saves(plan):
    services.assign(actor=plan["owner"], activity=plan["brief"], person=plan["alice"], hours_per_week=20)
    services.assign(actor=plan["owner"], activity=plan["launch"], person=plan["alice"], hours_per_week=15)
    assert Assignment.objects.filter(person=plan["alice"]).count() == 2


def test_budget_counts_committed_costs_and_spending_per_theme(plan):
    from jalon.planning.registers.budget import budget_summary

    owner, theme = plan["owner"], plan["theme"]
    roadmap = theme.roadmap
    before = budget_summary(roadmap)
    services.create(
        Theme, actor=owner, roadmap=roadmap, key="run", name="Run", budget=Decimal(500), is_maintenance=True
    )
    services.update(
        plan["brief"], actor=owner, expected_version=1,
        changes={"status": "planned", "cost": Decimal(800), "spent": Decimal(100)},
    )  # fmt: skip
    services.create(
        Activity, actor=owner, roadmap=roadmap, key="idea", title="Idea", theme=theme, cost=Decimal(900)
    )
    summary = budget_summary(roadmap)
    acquisition = next(line for line in summary.lines if line.theme == theme)
    assert (acquisition.planned, acquisition.committed, acquisition.spent) == (
        Decimal(1000),
        Decimal(800),
        Decimal(100),
    )
    assert not acquisition.over_budget
    assert summary.planned == before.planned + 500
    assert summary.maintenance == before.maintenance + 500
    services.update(
        plan["launch"], actor=owner, expected_version=1,
        changes={"status": "planned", "theme": theme, "cost": Decimal(300)},
    )  # fmt: skip
    assert next(line for line in budget_summary(roadmap).lines if line.theme == theme).over_budget


def test_a_duplicate_key_is_reported_on_the_key_in_words(plan):
    with pytest.raises(ValidationFailed) as error:
        services.create(Theme, actor=plan["owner"], roadmap=plan["theme"].roadmap, key="acq", name="Again")
    from django.utils.translation import gettext

    assert error.value.errors == {"key": [gettext("This key is already used in this roadmap.")]}


def test_a_person_can_be_created_as_an_agency(roadmap, members):
    agency = services.create(
        Person, actor=members["owner"], roadmap=roadmap, key="agency-x", name="Agence X", kind="agency"
    )
    assert agency.kind == "agency"


def test_a_dropped_activity_loads_nobody_when_assigning(plan):
    owner, alice = plan["owner"], plan["alice"]
    services.assign(actor=owner, activity=plan["brief"], person=alice, hours_per_week=30)
    services.update(plan["brief"], actor=owner, expected_version=1, changes={"status": "dropped"})
    same_week = services.create(
        Activity, actor=owner, roadmap=plan["brief"].roadmap, key="ads", title="Ads",
        start=date(2026, 9, 9), end=date(2026, 9, 18),
    )  # fmt: skip
    services.assign(actor=owner, activity=same_week, person=alice, hours_per_week=30)
    assert Assignment.objects.filter(person=alice).count() == 2


def test_themes_created_without_a_colour_each_get_one_no_other_group_of_the_roadmap_has(roadmap, members):
    """The rule lives on the model (``Theme.new_fields``); the generic ``create`` asks every model alike."""
    owner = members["owner"]
    first = services.create(Theme, actor=owner, roadmap=roadmap, name="Acquisition")
    second = services.create(Theme, actor=owner, roadmap=roadmap, name="Brand")
    chosen = services.create(Theme, actor=owner, roadmap=roadmap, name="Run", colour="#123456")
    assert (first.colour, second.colour) == THEME_COLOURS[:2]
    assert chosen.colour == "#123456"
    assert Theme.new_fields(roadmap, {"name": "Ads", "colour": ""})["colour"] == THEME_COLOURS[2]
    assert Risk.new_fields(roadmap, {"title": "Late"}) == {"title": "Late"}  # no rule: as given
