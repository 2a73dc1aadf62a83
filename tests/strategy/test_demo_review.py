"""The Cloud Kicks demo holds the review of the quarter that ended before the day it is loaded on, as it was
known on the day the review was held (measurements up to that day, the odds and statuses of that day), in
the roadmap's language; and each of its objectives has strategies whose tactics lead to its activities."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone, translation

from jalon.demo.dates import AS_WRITTEN, shift_for
from jalon.demo.framing import load_demo_framing
from jalon.demo.loader import DEMO_EMAIL, load_demo
from jalon.demo.review import DECISIONS, QUARTER_END_AS_WRITTEN, load_demo_review, review_day
from jalon.engines.calendar import FiscalCalendar
from jalon.planning.models import Activity, Review
from jalon.strategy.kpis import forecasting
from jalon.strategy.models import Roadmap
from tests.cli.commands import jalon
from tests.strategy.test_demo_other_days import undated

pytestmark = pytest.mark.django_db

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


def held(day: date, monkeypatch: pytest.MonkeyPatch) -> Review:
    """The demo's review as `jalon demo --today DAY` holds it, the pages' today on that day."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: day)
    roadmap = load_demo(password="demo-password-1", today=day).roadmap
    return load_demo_review(Roadmap.objects.get(pk=roadmap.pk), today=day)


@pytest.mark.parametrize("day", [date(2026, 1, 1) + timedelta(days=n) for n in range(0, 800, 3)], ids=str)
def test_the_review_is_held_after_the_quarter_on_a_day_whose_plan_the_demo_shows(day: date) -> None:
    shift = shift_for(day)
    on = review_day(day)
    quarter_end = shift.calendar(QUARTER_END_AS_WRITTEN)
    assert quarter_end < on <= day  # the quarter is over, the review is not to come
    # On the written plan's days from AS_WRITTEN to four weeks later nothing starts, ends or falls due: the
    # statuses the demo gives on the load day are those of the review's day.
    assert AS_WRITTEN <= on - timedelta(days=shift.days) <= AS_WRITTEN + timedelta(days=27)
    assert on.weekday() < 5 or on == day
    fiscal = FiscalCalendar((1 + shift.months) % 12 + 1)  # the file's February, moved with the months
    assert fiscal.reviewed_quarter(on).end == quarter_end


def test_jalon_demo_holds_the_review_of_the_quarter_before_the_load_day(db: None) -> None:
    result = jalon("demo", "--today", "2027-03-15", env={"JALON_DEMO_PASSWORD": "demo-password-1"})
    assert result.exit_code == 0, result.output
    review = Review.objects.get(roadmap__slug="cloud-kicks")
    assert review.held_on == date(2027, 3, 8)  # a Monday, a week before the load day
    assert (
        review.title == "Revue T3 exercice 2027"
    )  # the fiscal year now starts in June: December to February
    assert review.snapshot["as_of"] == "2027-03-08"
    measured = [kpi["measured_on"] for kpi in review.snapshot["kpis"]]
    assert measured and all(day is not None and day <= "2027-03-08" for day in measured)
    again = jalon("demo", "--today", "2027-03-15", env={"JALON_DEMO_PASSWORD": "demo-password-1"})
    assert again.exit_code == 0 and Review.objects.filter(roadmap__slug="cloud-kicks").count() == 1


@pytest.fixture(scope="module")
def as_written(django_db_setup: None, django_db_blocker: Any) -> dict[str, Any]:
    """The review of the demo loaded on AS_WRITTEN (made once, rolled back)."""
    from django.db import transaction

    with django_db_blocker.unblock(), transaction.atomic(), pytest.MonkeyPatch.context() as monkeypatch:
        review = held(AS_WRITTEN, monkeypatch)
        snapshot: dict[str, Any] = review.snapshot
        transaction.set_rollback(True)
    return snapshot


@pytest.mark.parametrize("day", [date(2026, 12, 1), date(2027, 1, 1), date(2027, 3, 15)], ids=str)
def test_the_review_freezes_the_quarter_as_it_was_known_on_its_day_whatever_the_load_day(
    day: date, as_written: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    review = held(day, monkeypatch)
    assert undated(review.snapshot) == undated(as_written)
    assert review.snapshot["as_of"] == review.held_on.isoformat()
    # The odds are those of the review's day, not of the load day's.
    kpi = review.roadmap.kpis.get(key="taux-conversion")
    frozen = next(row for row in review.snapshot["kpis"] if row["key"] == kpi.key)
    result = forecasting.kpi_forecast(kpi, as_of=review.held_on)
    assert result is not None and result.probability is not None
    assert frozen["odds"] == round(result.probability, 3)


def test_the_review_is_written_in_the_roadmaps_language(monkeypatch: pytest.MonkeyPatch) -> None:
    review = held(AS_WRITTEN, monkeypatch)
    assert review.title == "Revue T3 exercice 2027"
    assert "Abandon de panier (64,5\u00a0%, objectif 60\u00a0%)" in review.decisions
    roadmap = review.roadmap
    roadmap.language = "en"
    roadmap.save(update_fields=["language"])
    review.delete()
    english = load_demo_review(roadmap, today=AS_WRITTEN)
    with translation.override("en"):
        assert english.decisions == str(DECISIONS)
    assert english.title.startswith("Review Q3") and "Cart abandonment (64.5 per cent" in english.decisions


def test_the_review_page_of_the_demo_lists_the_review_and_its_decisions(
    client: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    review = held(AS_WRITTEN, monkeypatch)
    load_demo_framing(review.roadmap, today=AS_WRITTEN)
    from jalon.accounts.models import User

    client.force_login(User.objects.get(email=DEMO_EMAIL))
    listing = client.get(f"{ROADMAP}reviews/").content.decode()
    assert review.title in listing
    page = client.get(f"{ROADMAP}reviews/{review.key}/").content.decode()
    assert "Centre de préférences" in page and "Chat en direct" in page
    # the mock-ups' milestone, reached a week late: missed, and said when it was reached
    assert re.search(r"Maquettes du centre de préférences validées <span class=\"flag-missed\">"
                     r"<span aria-hidden=\"true\">⚠ </span>manqué\s:\satteint en retard, le\s[^<]+</span>",
                     page)  # fmt: skip


def test_every_objective_of_the_demo_has_strategies_whose_tactics_lead_to_its_activities(demo: Any) -> None:
    roadmap = demo.roadmap
    for objective in roadmap.objectives.all():
        strategies = list(objective.strategies.all())
        assert strategies, objective.key
        for strategy in strategies:
            tactics = list(strategy.tactics.all())
            assert tactics, strategy.key
            for tactic in tactics:
                assert Activity.objects.filter(roadmap=roadmap, tactic=tactic).exists(), tactic.key
