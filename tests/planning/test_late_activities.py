"""An activity past its planned end that is neither done nor dropped is *late* (en retard): one rule
(``is_late`` and its SQL twin ``late_filter``), shown on the backlog (badge and filter), the operational
timeline (a marked bar, a badge in the list), the executive view (a count), the strategic dashboard (a badge
beside the activity) and a review's snapshot (the count of the day), in French and in English."""

from __future__ import annotations

import html
import re
from datetime import date, timedelta
from typing import Any

import pytest
from django.utils import timezone

from jalon.planning import services
from jalon.planning.models import Activity, is_late, late_filter
from jalon.planning.reviews import services as review_services
from jalon.strategy import services as strategy
from tests.factories import Team, make_roadmap
from tests.planning.readers import reader

TODAY = date(2026, 6, 15)
ROADMAP = "/w/acme/r/plan/"
WORDS = {"fr": "en retard", "en": "late"}


def text(response: Any) -> str:
    assert response.status_code == 200
    return html.unescape(response.content.decode()).replace("\u202f", " ").replace("\u00a0", " ")


def test_an_activity_ending_today_is_not_late_yet() -> None:
    assert not is_late("in_progress", TODAY, TODAY)
    assert is_late("in_progress", TODAY - timedelta(days=1), TODAY)


@pytest.mark.parametrize("status", ["done", "dropped"])
def test_a_done_or_dropped_activity_is_never_late(status: str) -> None:
    assert not is_late(status, date(2020, 1, 1), TODAY)


@pytest.mark.parametrize("status", ["idea", "planned", "in_progress"])
def test_an_undated_activity_is_never_late(status: str) -> None:
    assert not is_late(status, None, TODAY)
    assert is_late(status, date(2026, 6, 1), TODAY)


@pytest.fixture
def plan(team: Team, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Five activities around ``TODAY``: one late, one ending today, one done and one dropped in the past,
    one idea without dates."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
    roadmap = make_roadmap(team.workspace, team.owner)
    objective = strategy.create_objective(actor=team.owner, roadmap=roadmap, key="grow", title="Grow")
    way = strategy.create_strategy(actor=team.owner, roadmap=roadmap, objective=objective, title="Content")
    tactic = strategy.create_tactic(actor=team.owner, strategy=way, title="Blog")
    for key, status, start, end in (
        ("salon", "planned", date(2026, 5, 1), date(2026, 6, 14)),
        ("webinar", "in_progress", date(2026, 6, 1), TODAY),
        ("mailing", "done", date(2026, 3, 1), date(2026, 3, 31)),
        ("radio", "dropped", date(2026, 2, 1), date(2026, 2, 28)),
        ("podcast", "idea", None, None),
    ):
        services.create(
            Activity, actor=team.owner, roadmap=roadmap, key=key, title=key.capitalize(), status=status,
            start=start, end=end, tactic=tactic,
        )  # fmt: skip
    return roadmap


def test_the_query_filter_finds_what_the_rule_calls_late(plan: Any) -> None:
    found = set(
        Activity.objects.filter(roadmap=plan).filter(late_filter(TODAY)).values_list("key", flat=True)
    )
    assert found == {a.key for a in plan.activities.all() if a.is_late(TODAY)} == {"salon"}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_backlog_badges_late_activities_and_filters_on_them(plan: Any, team: Team, language: str) -> None:
    client = reader(team, language)
    page = text(client.get(ROADMAP + "backlog/"))
    badged = re.findall(r'<tr id="activity-(\w+)">(?:(?!</tr>).)*badge late">([^<]*)<', page)
    assert badged == [("salon", WORDS[language])]
    assert ("Retard" if language == "fr" else "Lateness") in page
    only = text(client.get(ROADMAP + "backlog/?late=1"))
    assert re.findall(r'<tr id="activity-(\w+)"', only) == ["salon"]
    assert "backlog.csv?late=1" in only  # its export links keep the filter, and so does the file
    exported = client.get(ROADMAP + "backlog.csv?late=1").content.decode("utf-8-sig")
    assert "Salon" in exported and "Webinar" not in exported and "Mailing" not in exported


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_timeline_marks_the_late_bar_and_its_row(plan: Any, team: Team, language: str) -> None:
    page = text(reader(team, language).get(ROADMAP + "timeline/"))
    assert re.findall(r'data-key="(\w+)"[^>]*data-late="true"', page) == ["salon"]
    bar = page[page.index('data-key="salon"') :]
    assert f", {WORDS[language]}" in bar[: bar.index("</g>")]  # its label says so, not only its colour
    row = page[page.index('<tr id="act-salon"') :]
    assert f'badge late">{WORDS[language]}<' in row[: row.index("</tr>")]
    webinar = page[page.index('<tr id="act-webinar"') :]
    assert "badge late" not in webinar[: webinar.index("</tr>")]


@pytest.mark.parametrize(("language", "count"), [("fr", "1 activité en retard"), ("en", "1 late activity")])
def test_the_executive_view_counts_late_activities(plan: Any, team: Team, language: str, count: str) -> None:
    page = text(reader(team, language).get(ROADMAP + "executive/"))
    line = page[page.index('id="late-count"') :]
    assert count in line[: line.index("</p>")] and "?late=1" in line[: line.index("</p>")]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_strategic_dashboard_badges_late_activities(plan: Any, team: Team, language: str) -> None:
    page = text(reader(team, language).get(ROADMAP + "dashboard/"))
    items = re.findall(r"activities/(\w+)/\">[^<]*</a>( <span class=\"badge late\">[^<]*</span>)?", page)
    assert dict(items) == {
        "salon": f' <span class="badge late">{WORDS[language]}</span>',
        "webinar": "", "mailing": "", "radio": "", "podcast": "",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("language", "count"), [("fr", "1 activité en retard ce jour-là"), ("en", "1 late activity that day")]
)
def test_a_review_counts_the_activities_late_on_its_day(
    plan: Any, team: Team, language: str, count: str
) -> None:
    review_services.create_review(actor=team.owner, roadmap=plan, key="q2", title="Q2", held_on=TODAY)
    page = text(reader(team, language).get(ROADMAP + "reviews/q2/"))
    line = page[page.index('id="snapshot-late"') :]
    assert count in line[: line.index("</p>")]


def test_a_review_held_before_the_end_counts_none(plan: Any, team: Team) -> None:
    review_services.create_review(
        actor=team.owner, roadmap=plan, key="may", title="Mai", held_on=date(2026, 5, 20)
    )
    page = text(reader(team, "fr").get(ROADMAP + "reviews/may/"))
    assert "Aucune activité en retard ce jour-là." in page
    assert "badge late" not in page
