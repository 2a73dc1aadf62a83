"""Qualitative indicators on an objective adopted from a vote: a statement rated 1 to 5 each period,
shown on the objective page, edited by editors, read by every member (stakeholders included), refused
with a message when a rating is out of range, hidden from outsiders."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from jalon.errors import ValidationFailed
from jalon.framing import indicators, services
from jalon.framing.models import IndicatorRating, QualitativeIndicator
from jalon.workspaces.permissions import Forbidden


@pytest.fixture
def adopted(members, demo):
    """An objective adopted from a closed vote."""
    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    vote = services.open_vote(
        actor=members["editor"], framing=framing, title="Objectifs", points=2,
        proposals=["Faire recommander le programme", "Réactiver"],
    )  # fmt: skip
    services.set_closed(actor=members["editor"], vote=vote, closed=True)
    first = vote.options.first()
    assert first is not None
    [objective] = services.adopt(actor=members["editor"], vote=vote, option_ids=[first.pk])
    return objective


def page(objective) -> str:
    return f"/w/{objective.roadmap.workspace.slug}/r/{objective.roadmap.slug}/o/{objective.key}/"


def edit(objective) -> str:
    roadmap = objective.roadmap
    return f"/w/{roadmap.workspace.slug}/r/{roadmap.slug}/framing/indicators/{objective.key}/"


@pytest.mark.parametrize(
    ("period", "day", "start", "label"),
    [
        ("quarter", date(2026, 5, 12), date(2026, 4, 1), "Q2 2026"),
        ("half", date(2026, 11, 30), date(2026, 7, 1), "H2 2026"),
        ("year", date(2026, 3, 3), date(2026, 1, 1), "2026"),
        ("month", date(2026, 2, 28), date(2026, 2, 1), "February 2026"),
    ],
)
def test_a_rating_is_kept_for_the_period_that_holds_its_day(
    members, adopted, period, day, start, label
) -> None:
    indicator = services.add_indicator(
        actor=members["editor"], objective=adopted, statement="S", period=period
    )
    services.rate(actor=members["editor"], indicator=indicator, day=day, rating=4)
    services.rate(actor=members["editor"], indicator=indicator, day=start, rating=5, note="mieux")
    rating = IndicatorRating.objects.get()
    assert (rating.period_start, rating.rating, rating.note) == (start, 5, "mieux")
    with translation.override("en"):
        assert indicators.period_label(period, start) == label


@pytest.mark.parametrize("rating", [0, 6, True])
def test_a_rating_outside_one_to_five_changes_nothing(members, adopted, rating) -> None:
    indicator = services.add_indicator(actor=members["editor"], objective=adopted, statement="S")
    with pytest.raises(ValidationFailed):
        services.rate(actor=members["editor"], indicator=indicator, day=date(2026, 4, 1), rating=rating)
    assert not IndicatorRating.objects.exists()


def test_stakeholders_read_but_cannot_add_or_rate(members, adopted) -> None:
    with pytest.raises(Forbidden):
        services.add_indicator(actor=members["stakeholder"], objective=adopted, statement="S")
    indicator = services.add_indicator(actor=members["editor"], objective=adopted, statement="S")
    with pytest.raises(Forbidden):
        services.rate(actor=members["stakeholder"], indicator=indicator, day=date(2026, 4, 1), rating=3)


def test_changing_the_period_moves_the_ratings_or_refuses_two_in_one_period(members, adopted) -> None:
    editor = members["editor"]
    indicator = services.add_indicator(actor=editor, objective=adopted, statement="S", period="month")
    services.rate(actor=editor, indicator=indicator, day=date(2026, 5, 1), rating=2)
    indicator = services.update_indicator(
        actor=editor, indicator=indicator, expected_version=indicator.version, changes={"period": "quarter"}
    )
    assert IndicatorRating.objects.get().period_start == date(2026, 4, 1)
    services.rate(actor=editor, indicator=indicator, day=date(2026, 7, 1), rating=3)
    with pytest.raises(ValidationFailed):
        services.update_indicator(
            actor=editor, indicator=indicator, expected_version=indicator.version, changes={"period": "year"}
        )
    assert QualitativeIndicator.objects.get().period == "quarter" and IndicatorRating.objects.count() == 2


def test_the_objective_page_shows_the_indicators_and_an_editor_adds_and_rates_them(
    client: Client, members, adopted
) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "fr"
    assert "Indicateurs qualitatifs" in client.get(page(adopted)).content.decode()
    response = client.post(
        edit(adopted),
        {"op": "add", "statement": "Les équipes magasin recommandent le programme", "period": "quarter"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#indicators")
    indicator = QualitativeIndicator.objects.get()
    start = indicators.periods("quarter", adopted.roadmap.start, adopted.roadmap.end)[1]
    client.post(
        edit(adopted), {"op": "rate", "item": indicator.pk, "period": start.isoformat(), "rating": "4"}
    )
    shown = client.get(page(adopted)).content.decode()
    assert "Les équipes magasin recommandent le programme" in shown and "4/5" in shown
    assert "Noter une période" in shown
    refused = client.post(
        edit(adopted), {"op": "rate", "item": indicator.pk, "period": start.isoformat(), "rating": "9"}
    )
    assert refused.status_code == 422 and 'id="indicator-errors"' in refused.content.decode()
    assert IndicatorRating.objects.get().rating == 4


def test_a_stakeholder_sees_the_ratings_without_forms_and_an_outsider_gets_404(
    client: Client, members, adopted
) -> None:
    indicator = services.add_indicator(actor=members["editor"], objective=adopted, statement="Recommandé")
    services.rate(actor=members["editor"], indicator=indicator, day=adopted.roadmap.start, rating=2)
    client.force_login(members["stakeholder"])
    shown = client.get(page(adopted)).content.decode()
    assert "Recommandé" in shown and "2/5" in shown and 'name="rating"' not in shown
    assert client.post(edit(adopted), {"op": "add", "statement": "X"}).status_code == 403
    client.force_login(members["outsider"])
    assert client.get(page(adopted)).status_code == 404 and client.get(edit(adopted)).status_code == 404
