"""An activity a milestone depends on, moved back to *idea*: no schedule places an idea, so the milestone is
out of reach. It is a warning, as other planning warnings are (going back to *idea* may be the decision),
said in the reader's language on the activity's page, on the milestones page and on the timeline."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client

from jalon.planning.models import Activity, Milestone, Status

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
ACTIVITY = ROADMAP + "activities/lancement-preferences/"
SAID = {
    "activity": {
        "fr": "Cette activité est encore une idée\u00a0: le jalon qui en dépend ne peut pas être atteint",
        "en": "This activity is still an idea: the milestone that depends on it cannot be reached",
    },
    "milestones": {
        "fr": "Hors d’atteinte dans le planning\u00a0: Lancement du centre de préférences est encore une",
        "en": "Out of reach in the schedule: Lancement du centre de préférences is still an idea.",
    },
    "timeline": {
        "fr": "Le jalon «\u00a0Centre de préférences en ligne\u00a0» est hors d’atteinte dans le planning",
        "en": "The milestone “Centre de préférences en ligne” is out of reach in the schedule",
    },
}
PAGES = {"activity": ACTIVITY, "milestones": ROADMAP + "milestones/", "timeline": ROADMAP + "timeline/"}


def shown(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def reader(client: Client, members: dict[str, Any], language: str) -> Client:
    owner = members["owner"]
    owner.language = language
    owner.save()
    client.force_login(owner)
    return client


@pytest.fixture
def idea(demo) -> Activity:
    activity = Activity.objects.get(roadmap=demo.roadmap, key="lancement-preferences")
    milestone = Milestone.objects.get(roadmap=demo.roadmap, key="preferences-en-ligne")
    assert milestone.activities.get() == activity
    activity.status = Status.IDEA
    activity.save()
    return activity


@pytest.mark.parametrize("page", ["activity", "milestones", "timeline"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_milestone_waiting_for_an_idea_is_warned_of_in_the_readers_language(
    client: Client, members, idea: Activity, page: str, language: str
) -> None:
    text = shown(reader(client, members, language), PAGES[page])
    assert SAID[page][language] in text
    if page == "activity":
        assert idea.title in text


@pytest.mark.parametrize("page", ["activity", "milestones", "timeline"])
def test_a_milestone_whose_activities_are_planned_gets_no_warning(client: Client, members, page: str) -> None:
    assert Activity.objects.get(key="lancement-preferences").status != Status.IDEA
    assert SAID[page]["fr"] not in shown(reader(client, members, "fr"), PAGES[page])


def test_a_reached_milestone_is_not_out_of_reach_whatever_its_activities_status(demo) -> None:
    milestone = Milestone.objects.get(roadmap=demo.roadmap, key="audit-valide")
    activity = milestone.activities.get()
    activity.status = Status.IDEA
    activity.save()
    assert milestone.reached_on is not None
    assert milestone.waiting_ideas() == []
    assert activity.milestones_out_of_reach() == []


def test_the_timeline_diamond_says_it_in_its_tip(client: Client, members, idea: Activity) -> None:
    text = shown(reader(client, members, "en"), PAGES["timeline"])
    assert 'data-waiting="true"' in text
    assert "Out of reach in the schedule: Lancement du centre de préférences is still an idea." in text
