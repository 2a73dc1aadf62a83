"""The backlog in real Chromium, in French and in English: create an activity through the form, assign
someone beyond their capacity, see the warning before anything is saved, then confirm it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.planning import backlog as backlog

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = backlog.ROADMAP
# The backlog tests' small team and roadmap (themes, Alice and Bob, three activities), without the demo.
members = backlog.members
plan = backlog.plan
OWNER = "owner@acme.example"

TEXTS = {
    "fr": {
        "new": "Nouvelle activité", "title": "Titre", "theme": "Groupe thématique", "owner": "Responsable",
        "start": "Début", "duration": "Durée (jours)", "effort": "Charge (jours-personne)", "cost": "Coût",
        "value": "Valeur attendue", "impact": "Impact", "feasibility": "Faisabilité", "save": "Enregistrer",
        "saved": "Activité créée.", "person": "Membre de l’équipe", "hours": "Heures par semaine",
        "assign": "Affecter", "anyway": "Affecter quand même",
        "question": "Affecter Alice Martin dépasserait sa capacité :",
        "warning": "Alice Martin travaillerait 40 h la semaine du",
        "effort_value": "2,5", "cost_shown": "1 500 €",
    },
    "en": {
        "new": "New activity", "title": "Title", "theme": "Thematic group", "owner": "Owner",
        "start": "Start", "duration": "Duration (days)", "effort": "Effort (person-days)", "cost": "Cost",
        "value": "Expected value", "impact": "Impact", "feasibility": "Feasibility", "save": "Save",
        "saved": "Activity created.", "person": "Team member", "hours": "Hours per week",
        "assign": "Assign", "anyway": "Assign anyway",
        "question": "Assigning Alice Martin would exceed their capacity:",
        "warning": "Alice Martin would work 40 h in the week of",
        "effort_value": "2.5", "cost_shown": "€1,500",
    },
}  # fmt: skip


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def create_activity_through_the_form(page: Any, words: dict[str, str]) -> None:
    page.goto(ROADMAP + "backlog/")
    page.get_by_role("link", name=words["new"]).click()
    page.wait_for_url(re.compile(r"/activities/new/$"))
    form = page.locator("form.activity-form")
    form.get_by_label(words["title"], exact=True).fill("Webinaire de lancement")
    form.get_by_label(words["theme"]).select_option(label="Acquisition")
    form.get_by_label(words["owner"]).select_option(label="Alice Martin")
    form.get_by_label(words["start"], exact=True).fill("2026-09-07")
    form.get_by_label(words["duration"]).fill("12")
    form.get_by_label(words["effort"]).fill(words["effort_value"])
    form.get_by_label(words["cost"], exact=True).fill("1500")
    form.get_by_label(words["value"]).fill("6000")
    form.get_by_label(words["impact"], exact=True).select_option("4")
    form.get_by_label(words["feasibility"]).select_option("4")
    form.get_by_role("button", name=words["save"]).click()
    page.wait_for_url(re.compile(r"/activities/webinaire-de-lancement/$"))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_create_an_activity_then_assign_beyond_capacity_with_a_warning_first(
    language, plan, members, logged_in_page, assets_loaded, shot
):
    from jalon.planning.models import Activity, Assignment

    words = TEXTS[language]
    page = logged_in_page(OWNER, language)

    create_activity_through_the_form(page, words)
    assets_loaded(page)
    assert page.locator("html").get_attribute("lang") == language
    assert words["saved"] in page.get_by_role("status").inner_text()
    assert page.locator("h1").inner_text().startswith("Webinaire de lancement")
    facts = squash(page.locator(".activity-facts").inner_text())
    assert words["cost_shown"] in facts and "Acquisition" in facts
    created = Activity.objects.get(roadmap=plan["roadmap"], key="webinaire-de-lancement")
    assert created.end is not None and created.owner is not None
    assert (created.effort_days, created.end.isoformat(), created.owner.key) == (2.5, "2026-09-18", "alice")
    shot(page, "created")

    section = page.locator("#assignments")
    section.get_by_label(words["person"]).select_option(label="Alice Martin")
    section.get_by_label(words["hours"]).fill("40")
    with page.expect_response(
        lambda r: r.url.endswith("/assignments/") and r.request.method == "POST"
    ) as sent:
        section.get_by_role("button", name=words["assign"], exact=True).click()
    assert sent.value.status == 200
    warning = page.locator("#assignments .overload")
    warning.wait_for()
    assert warning.get_attribute("role") == "alert"
    assert words["question"] in squash(warning.inner_text())
    assert words["warning"] in squash(warning.inner_text())
    assert not Assignment.objects.filter(activity=created).exists()  # nothing saved before confirming
    confirm = warning.get_by_role("button", name=words["anyway"])
    page.wait_for_function(  # htmx moves the focus to the question's button once the swap settles
        "text => document.activeElement && document.activeElement.textContent.trim() === text",
        arg=words["anyway"],
    )
    warning.scroll_into_view_if_needed()
    shot(page, "warning")

    confirm.click()
    warning.wait_for(state="detached")
    assert Assignment.objects.get(activity=created).hours_per_week == 40
    row = page.locator("#assignments tbody tr").filter(has_text="Alice Martin")
    assert row.locator("input[name=hours_per_week]").input_value() == "40"
    shot(page, "confirmed")


def test_the_backlog_sorts_by_a_header_click_and_filters_from_the_form(plan, logged_in_page, shot):
    page = logged_in_page(OWNER)
    page.goto(ROADMAP + "backlog/")
    page.get_by_role("link", name="Coût-bénéfice").click()
    page.wait_for_url(re.compile(r"sort=cost_benefit&dir=desc"))
    ids = page.locator("table.backlog-table tbody tr").evaluate_all("rows => rows.map(r => r.id)")
    assert ids == ["activity-brief", "activity-launch", "activity-survey"]
    assert page.locator("th[aria-sort=descending]").inner_text().startswith("Coût-bénéfice")
    shot(page, "sorted")
    page.locator("summary").filter(has_text="Filtres").click()
    page.get_by_label("Fidélisation").check()
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url(re.compile(r"theme=fid"))
    assert "sort=cost_benefit" in page.url  # the sort is kept
    ids = page.locator("table.backlog-table tbody tr").evaluate_all("rows => rows.map(r => r.id)")
    assert ids == ["activity-launch"]
    shot(page)
