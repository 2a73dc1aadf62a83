"""The change logs say a person or a kind of item of the address that names nothing here (a made-up or
stale key in a shared link), in the reader's language, and still answer with every change: the value is
neither refused nor dropped without a word. A date it cannot read keeps its own error by its field."""

from __future__ import annotations

import pytest

from jalon.planning import services
from jalon.planning.models import Activity
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap
from tests.ignored_pages import notice, page

NOUNS = {
    "fr": {"actor": "personne", "kind": "type d’élément"},
    "en": {"actor": "person", "kind": "kind of item"},
}
LOGS = ["/w/acme/r/plan/history/journal/", "/w/acme/journal/"]


@pytest.fixture
def roadmap(team: Team) -> Roadmap:
    found = make_roadmap(team.workspace, team.owner, slug="plan", title="Plan")
    services.create(Activity, actor=team.owner, roadmap=found, key="emailing", title="Emailing de printemps")
    return found


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("name", ["actor", "kind"])
def test_a_person_or_kind_that_names_nothing_is_said_and_filters_nothing_out(team, roadmap, language, name):
    text = page(team, f"{LOGS[0]}?{name}=999999", language)
    assert notice(language, NOUNS[language][name], "999999") in text
    assert "Emailing de printemps" in text  # every change is still listed


def test_the_workspace_log_says_a_person_it_does_not_know(team, roadmap):
    text = page(team, f"{LOGS[1]}?actor=nobody", "en")
    assert "person “nobody”" in text


@pytest.mark.parametrize("log", LOGS)
def test_a_person_and_a_kind_that_name_something_say_nothing(team, roadmap, log):
    assert 'id="ignored-filters"' not in page(team, log, "en")
    assert 'id="ignored-filters"' not in page(team, f"{log}?actor={team.owner.pk}&kind=&since=", "en")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_date_it_cannot_read_is_said_by_its_field(team, roadmap, language):
    text = page(team, f"{LOGS[0]}?since=someday&until=31/02/2026", language)
    assert text.count('value="someday"') == 1 and 'id="journal_since_error"' in text
    assert 'id="journal_until_error"' in text
    assert "Emailing de printemps" in text
