"""The animation plan and the experience maps say a filter of the address that names nothing here (a
channel, a persona, a month, a week, a view or rows that do not exist), in the reader's language, and still
answer with what they would show unfiltered: the value is neither refused nor dropped without a word."""

from __future__ import annotations

from datetime import date

import pytest

from jalon.framing import services
from jalon.framing.models import Persona, PlanAction
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap
from tests.ignored_pages import notice, page

PLAN = "/w/acme/r/plan/framing/plan/"
NOUNS = {
    "fr": {"channel": "canal", "persona": "persona", "month": "mois", "week": "semaine", "view": "vue",
           "rows": "lignes"},
    "en": {"channel": "channel", "persona": "persona", "month": "month", "week": "week", "view": "view",
           "rows": "rows"},
}  # fmt: skip
JOURNEYS = "/w/acme/r/plan/framing/journeys/"
BAD = {"channel": "fax", "persona": "nobody", "month": "2026-13", "week": "2026-02-31", "view": "year",
       "rows": "colour"}  # fmt: skip


@pytest.fixture
def roadmap(team: Team) -> Roadmap:
    found = make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    framing = services.open_framing(actor=team.owner, roadmap=found)
    persona = services.create(Persona, actor=team.owner, framing=framing, name="Sportive urbaine")
    services.create(
        PlanAction, actor=team.owner, framing=framing, what="Soldes", channel="sms", frequency="one_off",
        persona=persona, start=date(2026, 1, 15),
    )  # fmt: skip
    return found


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", list(BAD))
def test_a_plan_filter_that_names_nothing_is_said_and_filters_nothing_out(team, roadmap, language, name):
    text = page(team, f"{PLAN}?{name}={BAD[name]}", language)
    assert notice(language, NOUNS[language][name], BAD[name]) in text
    assert "Soldes" in text.split('id="ignored-filters"', 1)[1]  # the calendar still shows the sale


def test_a_plan_filter_that_names_something_says_nothing(team, roadmap):
    query = "?view=week&week=2026-01-12&rows=persona&channel=sms&persona=sportive-urbaine&month=2026-01"
    assert 'id="ignored-filters"' not in page(team, PLAN + query, "en")
    assert 'id="ignored-filters"' not in page(team, PLAN + "?channel=&persona=", "en")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_experience_maps_say_a_persona_they_do_not_know(team, roadmap, language):
    text = page(team, f"{JOURNEYS}?persona=nobody", language)
    assert notice(language, "persona", "nobody") in text
    assert 'id="ignored-filters"' not in page(team, f"{JOURNEYS}?persona=sportive-urbaine")
