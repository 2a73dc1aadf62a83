"""One team per workspace, in real Chromium: a person is added on the workspace's team page, then chosen
on a roadmap in one click, and can own its activities (the "responsibilities" step)."""

from __future__ import annotations

import re
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
TEAM = "/w/cloud-kicks/team/"
PEOPLE = "/w/cloud-kicks/r/cloud-kicks/people/"


def test_a_person_added_to_the_workspace_team_is_chosen_on_a_roadmap(logged_in_page, members, shot):
    from jalon.planning.models import Person

    page: Any = logged_in_page(DEMO)
    page.goto("/w/cloud-kicks/")
    page.get_by_role("link", name="Équipe\u00a0: personnes et agences").click()
    page.wait_for_url(re.compile(re.escape(TEAM) + "$"))
    form = page.locator("form.add-person")
    form.locator("#id_name").fill("Noé Lambert")
    form.locator("#id_kind").select_option("agency")
    form.locator("#id_role").fill("SEO")
    form.locator("#id_capacity_hours_per_week").fill("7,5")
    form.get_by_role("button", name="Ajouter").click()
    page.wait_for_url(re.compile(re.escape(TEAM) + "noe-lambert/$"))
    assert "Noé Lambert" in page.locator(".messages").inner_text()
    noe = Person.objects.get(workspace__slug="cloud-kicks", key="noe-lambert")
    assert (noe.kind, noe.capacity_hours_per_week) == ("agency", 7.5)
    assert not noe.roadmaps.exists()
    shot(page, "workspace-person")

    page.goto(PEOPLE)
    choice = page.locator("#other-noe-lambert")
    choice.get_by_role("button", name="Ajouter à cette feuille de route").click()
    page.wait_for_url(re.compile(re.escape(PEOPLE) + "#person-noe-lambert$"))
    page.locator("#person-noe-lambert").wait_for()
    assert page.locator("#other-noe-lambert").count() == 0
    assert list(noe.roadmaps.values_list("slug", flat=True)) == ["cloud-kicks"]
    shot(page, "roadmap-team")

    # Chosen on the roadmap, she can now own one of its activities.
    page.goto("/w/cloud-kicks/r/cloud-kicks/activities/new/")
    options = page.locator("#id_owner option").all_inner_texts()
    assert "Noé Lambert" in options
