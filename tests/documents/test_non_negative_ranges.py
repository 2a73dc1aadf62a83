"""A number that cannot be negative (an activity's effort and value, an action's cost) says the range it may
take when it is too large: from 0 to 10^15, not « between -10^15 and 10^15 » (a negative one is refused in
its own words)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from jalon.planning.models import Activity
from jalon.strategy.models import Roadmap
from tests.documents.hostile_files import csv_problems, problems_of
from tests.documents.roadmap_files import base_document
from tests.factories import Team, roadmap_with_activities

FROM_ZERO = "Enter a finite number between 0 and 1,000,000,000,000,000."


@pytest.fixture
def roadmap(team: Team) -> Roadmap:
    return roadmap_with_activities(team.workspace, team.owner, 1)


@pytest.mark.parametrize("column", ["effort_days", "value"])
def test_a_csv_amount_beyond_the_bound_says_it_starts_at_zero(roadmap: Roadmap, column: str) -> None:
    with translation.override("en"):
        [(_where, message)] = csv_problems(roadmap, f"key,title,{column}\nnouvelle,Nouvelle,1e16\n")
    assert message == f"{column}: {FROM_ZERO}"


@pytest.mark.parametrize("field", ["effort_days", "value"])
def test_an_activitys_effort_or_value_beyond_the_bound_says_it_starts_at_zero(
    roadmap: Roadmap, field: str
) -> None:
    activity = Activity.objects.get(roadmap=roadmap)
    setattr(activity, field, 1e16)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        activity.full_clean()
    assert refused.value.message_dict[field] == [FROM_ZERO]


@pytest.mark.parametrize("number", ["1e16", "-1"])
def test_a_roadmap_files_effort_beyond_the_bound_or_negative_says_it_starts_at_zero(number: str) -> None:
    document = base_document()
    document["activities"] = [{"key": "a", "title": "A", "effort_days": 0}]
    text = json.dumps(document).replace('"effort_days": 0', f'"effort_days": {number}')
    with translation.override("en"):
        assert problems_of(text, "json") == [("activities[0].effort_days", FROM_ZERO)]


def test_a_baseline_beyond_the_bound_still_says_both_signs() -> None:
    from jalon.bounds import NUMBER_OUT_OF_RANGE
    from jalon.strategy.models import KPI

    field = KPI._meta.get_field("baseline")
    from jalon.bounds import problem

    with translation.override("en"):
        assert problem(field, 1e16) == str(NUMBER_OUT_OF_RANGE)


MONEY = "Enter an amount between 0 and 999,999,999,999.99."


@pytest.mark.parametrize("column", ["cost", "spent"])
@pytest.mark.parametrize("amount", ["10000000000000", "1e16", "-5", "-0.01"])
def test_a_csv_cost_beyond_what_an_amount_holds_or_negative_says_the_money_range(
    roadmap: Roadmap, column: str, amount: str
) -> None:
    with translation.override("en"):
        [(_where, message)] = csv_problems(roadmap, f"key,title,{column}\nnouvelle,Nouvelle,{amount}\n")
    assert message == f"{column}: {MONEY}"


def test_a_csv_negative_cost_says_the_money_range_in_french(roadmap: Roadmap) -> None:
    with translation.override("fr"):
        [(_where, message)] = csv_problems(roadmap, "key,title,cost\nnouvelle,Nouvelle,-5\n")
    assert message.endswith(": Saisissez un montant compris entre 0 et 999\u202f999\u202f999\u202f999,99.")


def test_a_roadmap_files_cost_beyond_what_an_amount_holds_says_the_range() -> None:
    document = base_document()
    document["activities"] = [{"key": "a", "title": "A", "cost": 10_000_000_000_000}]
    with translation.override("en"):
        assert problems_of(json.dumps(document), "json") == [("activities[0].cost", MONEY)]


@pytest.mark.parametrize(("language", "typed", "said"), [
    ("en", "10,000,000,000,000", "Enter a number between 0 and 999,999,999,999.99."),
    ("fr", "10 000 000 000 000", "Saisissez un nombre compris entre 0 et 999\u202f999\u202f999\u202f999,99."),
])  # fmt: skip
def test_a_typed_cost_beyond_what_an_amount_holds_says_the_range_in_the_pages_language(
    language: str, typed: str, said: str
) -> None:
    from jalon.planning.backlog.forms import ActivityForm

    with translation.override(language):
        with pytest.raises(ValidationError) as refused:
            ActivityForm.base_fields["cost"].clean(typed)
        assert refused.value.messages == [said]
        assert ActivityForm.base_fields["cost"].clean(
            "999 999 999 999" if language == "fr" else "999,999,999,999"
        )


def test_a_portfolio_budget_beyond_what_an_amount_holds_says_it_starts_at_zero() -> None:
    from jalon.planning.portfolio.forms import PortfolioForm

    with translation.override("en"):
        with pytest.raises(ValidationError) as refused:
            PortfolioForm.base_fields["budget"].clean("10,000,000,000,000")
        assert refused.value.messages == ["Enter a number between 0 and 999,999,999,999.99."]
