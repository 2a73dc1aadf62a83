"""The change log tells the time in Paris, in both languages, whatever the server's clock: a change made at
22:30 UTC on 31 March 2026 was made at 00:30 on 1 April in Paris (summer time), and one made at 23:30 UTC on
24 October at 01:30 on the 25th, the night the clocks go back."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

import pytest
import time_machine
from django.test import Client

from jalon.history import journal
from jalon.planning import services as planning
from jalon.planning.models import Theme
from tests.factories import make_roadmap, make_team
from tests.history.change_log import exported, speaking, text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    return make_team()


@pytest.fixture
def roadmap(team):
    """A roadmap given one theme on 1 April at 00:30 in Paris, another on 25 October at 01:30."""
    made = make_roadmap(team.workspace, team.owner, title="Plan")
    for moment, name in ((datetime(2026, 3, 31, 22, 30, tzinfo=UTC), "Printemps"),
                         (datetime(2026, 10, 24, 23, 30, tzinfo=UTC), "Automne")):  # fmt: skip
        with time_machine.travel(moment, tick=False):
            planning.create(Theme, actor=team.owner, roadmap=made, name=name)
    return made


@pytest.mark.parametrize(
    ("language", "spring", "autumn", "times"),
    [("fr", "Mercredi 1 avril 2026", "Dimanche 25 octobre 2026", ("00:30", "01:30")),
     ("en", "Wednesday 1 April 2026", "Sunday 25 October 2026", ("12:30 a.m.", "1:30 a.m."))],
)  # fmt: skip
def test_the_change_log_shows_the_paris_day_and_time(
    client: Client, team, roadmap, language: str, spring: str, autumn: str, times: tuple[str, str]
) -> None:
    client.force_login(speaking(team.owner, language))
    url = f"/w/{roadmap.workspace.slug}/r/{roadmap.slug}/history/journal"
    page = text_of(client.get(url + "/").content.decode())
    assert spring in page and autumn in page
    assert f"{spring} {times[0]} · " in page and f"{autumn} {times[1]} · " in page
    rows = list(
        csv.reader(
            io.StringIO(exported(client.get(url + ".csv"))), delimiter=";" if language == "fr" else ","
        )
    )
    moments = {row[3]: row[0] for row in rows[1:]}
    assert moments["Printemps"].endswith(times[0]) and moments["Automne"].endswith(times[1])


def test_a_period_filter_counts_paris_days(roadmap) -> None:
    april_1 = date(2026, 4, 1)
    first_of_april = journal.changes_of(roadmap, journal.Filters(since=april_1, until=april_1))
    assert [c.label for c in first_of_april] == ["Printemps"]
    march = journal.changes_of(roadmap, journal.Filters(until=date(2026, 3, 31)))
    assert "Printemps" not in {c.label for c in march}
