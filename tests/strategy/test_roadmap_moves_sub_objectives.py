"""A roadmap's new start or fiscal year moves the deadlines its rules give ("end of the fiscal year"); it is
refused, in words naming the sub-objective, its parent and both dates, when a moved deadline would leave a
sub-objective due after its parent (the pages, the command line and the copy all save through the service).
Neither can follow the other without undoing a date someone typed or a rule, so nothing moves."""

from __future__ import annotations

import html
from datetime import date

import pytest
from django.test import Client

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.strategy import services
from jalon.strategy.models import Objective, Roadmap
from tests.factories import make_roadmap

FRENCH = (
    "Avec ces dates, les échéances données par une règle bougeraient et Fidélité arriverait à échéance le "
    "15 décembre 2026, après son objectif parent Croissance (30 juin 2026). Un sous-objectif arrive à "
    "échéance au plus tard à celle de son objectif parent\u00a0: changez d’abord l’une de ces deux échéances."
)
ENGLISH = (
    "With these dates, the deadlines given by rules would move and Fidélité would fall due on 15 December "
    "2026, after its parent objective Croissance (30 June 2026). A sub-objective falls due by its parent’s "
    "deadline at the latest: change one of these two deadlines first."
)


@pytest.fixture
def plan(team) -> Roadmap:
    """A 2026 plan (fiscal year = calendar year): Croissance ends with the fiscal year (a rule, so the 31
    December 2026), its sub-objective Fidélité on a typed 15 December 2026."""
    roadmap = make_roadmap(team.workspace, team.owner, fiscal_year_start_month=1)
    parent = services.create_objective(
        actor=team.owner,
        roadmap=roadmap,
        key="croissance",
        title="Croissance",
        deadline_rule="fiscal_year_end",
    )
    services.create_objective(
        actor=team.owner, roadmap=roadmap, key="fidelite", title="Fidélité",
        deadline=date(2026, 12, 15), parent=parent,
    )  # fmt: skip
    return roadmap


def deadlines(roadmap: Roadmap) -> dict[str, date | None]:
    return dict(Objective.objects.filter(roadmap=roadmap).values_list("key", "deadline"))


def move(roadmap: Roadmap, actor: User, **changes: object) -> Roadmap:
    roadmap.refresh_from_db()
    return services.update_roadmap(
        actor=actor, roadmap=roadmap, expected_version=roadmap.version, changes=changes
    )


def test_a_fiscal_year_that_pulls_a_ruled_parent_before_its_sub_objective_is_refused_and_nothing_moves(
    team, plan: Roadmap
) -> None:
    with pytest.raises(ValidationFailed) as refused:
        move(plan, team.owner, fiscal_year_start_month=7)  # the fiscal year would end on 30 June 2026
    assert refused.value.errors == {"fiscal_year_start_month": [FRENCH]}
    plan.refresh_from_db()
    assert (plan.fiscal_year_start_month, plan.version) == (1, 1)
    assert deadlines(plan) == {"croissance": date(2026, 12, 31), "fidelite": date(2026, 12, 15)}


def test_a_start_that_pushes_a_ruled_sub_objective_past_its_typed_parent_is_refused_on_the_start(
    team,
) -> None:
    roadmap = make_roadmap(team.workspace, team.owner, fiscal_year_start_month=1)
    parent = services.create_objective(
        actor=team.owner, roadmap=roadmap, title="Croissance", deadline=date(2026, 12, 31)
    )
    services.create_objective(
        actor=team.owner,
        roadmap=roadmap,
        title="Fidélité",
        deadline_rule="fiscal_quarter_end:4",
        parent=parent,
    )
    with pytest.raises(ValidationFailed) as refused:
        move(roadmap, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    assert list(refused.value.errors) == ["start"]
    assert "Fidélité arriverait à échéance le 31 décembre 2027" in refused.value.errors["start"][0]
    assert "Croissance (31 décembre 2026)" in refused.value.errors["start"][0]
    roadmap.refresh_from_db()
    assert roadmap.start == date(2026, 1, 1)


def test_a_parent_and_sub_objective_both_ruled_move_together(team, plan: Roadmap) -> None:
    child = Objective.objects.get(roadmap=plan, key="fidelite")
    services.update_objective(
        actor=team.owner, objective=child, expected_version=child.version,
        changes={"deadline_rule": "fiscal_half_end:2"},
    )  # fmt: skip
    move(plan, team.owner, fiscal_year_start_month=7)
    assert deadlines(plan) == {"croissance": date(2026, 6, 30), "fidelite": date(2026, 6, 30)}


def test_a_pair_already_late_before_the_change_leaves_the_roadmap_editable(team, plan: Roadmap) -> None:
    Objective.objects.filter(roadmap=plan, key="fidelite").update(
        deadline=date(2027, 3, 31)
    )  # an older roadmap
    assert move(plan, team.owner, title="Plan 2026", vision="Grandir").title == "Plan 2026"


@pytest.mark.parametrize(("language", "said"), [("fr", FRENCH), ("en", ENGLISH)])
def test_the_roadmap_form_refuses_the_fiscal_year_in_the_page_language_naming_both_objectives(
    client: Client, team, plan: Roadmap, language: str, said: str
) -> None:
    team.owner.language = language
    team.owner.save(update_fields=["language"])
    client.force_login(team.owner)
    form = {
        "title": "Plan", "type": "strategic", "vision": "", "start": "2026-01-01", "horizon": "12",
        "end": "2026-12-31", "fiscal_year_start_month": "7", "currency": "EUR", "sector": "", "version": 1,
    }  # fmt: skip
    response = client.post("/w/acme/r/plan/edit/", form)
    assert response.status_code == 422
    assert said in html.unescape(response.content.decode())
    plan.refresh_from_db()
    assert plan.fiscal_year_start_month == 1
    assert deadlines(plan)["croissance"] == date(2026, 12, 31)
