"""The workload turns red when an assignment overloads someone, in real Chromium, in French and English.

Data is created through the services; the overloading assignment is made through the person page's form,
which asks for confirmation first. The overloaded cell says so in text (not colour alone) and opens with the
keyboard to list the activities that cause it.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
WORKLOAD = ROADMAP + "workload/?person=e2e-zoe"
PERSON = ROADMAP + "people/e2e-zoe/"
WEEK = "2026-09-07"
WORDS = {
    "fr": {
        "title": "Charge de travail", "assign": "Affecter", "anyway": "Affecter quand même",
        "overloaded": "en surcharge", "cause": "Campagne Ads : 15 h", "summary": "1 semaine",
    },
    "en": {
        "title": "Workload", "assign": "Assign", "anyway": "Assign anyway",
        "overloaded": "overloaded", "cause": "Campagne Ads: 15 h", "summary": "1 overloaded",
    },
}  # fmt: skip


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture
def zoe(members: dict[str, Any]) -> Any:
    """Zoé (35 h a week) works 30 h on the brief; the ad campaign the same week has nobody yet."""
    from jalon.planning import services
    from jalon.planning.models import Activity, Person

    owner = members["owner"]
    roadmap = owner.memberships.get(workspace__slug="cloud-kicks").workspace.roadmaps.get(slug="cloud-kicks")
    person = services.create(
        Person, actor=owner, roadmap=roadmap, key="e2e-zoe", name="Zoé Martin", capacity_hours_per_week=35
    )
    brief = services.create(
        Activity, actor=owner, roadmap=roadmap, key="e2e-brief", title="Brief créatif", status="planned",
        start=date(2026, 9, 7), end=date(2026, 9, 11),
    )  # fmt: skip
    services.create(
        Activity, actor=owner, roadmap=roadmap, key="e2e-ads", title="Campagne Ads", status="planned",
        start=date(2026, 9, 7), end=date(2026, 9, 18),
    )  # fmt: skip
    services.assign(actor=owner, activity=brief, person=person, hours_per_week=30)
    return person


def overloaded(page: Any) -> Any:
    return page.locator(f'#person-e2e-zoe td.wl-over[data-week="{WEEK}"]')


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_assignment_beyond_capacity_turns_the_week_red(language, logged_in_page, zoe, shot):
    from jalon.planning.models import Assignment

    words = WORDS[language]
    page = logged_in_page(DEMO, language)

    page.goto(WORKLOAD)
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("h1").inner_text() == words["title"]
    assert overloaded(page).count() == 0
    assert page.locator("#person-e2e-zoe td.wl-3").first.inner_text() == "30/35"
    shot(page, "before")

    page.goto(PERSON)
    form = page.locator("form.assign-form")
    form.locator("#id_activity").select_option("e2e-ads")
    form.locator("#id_hours_per_week").fill("15")
    form.get_by_role("button", name=words["assign"], exact=True).click()
    warning = page.get_by_role("alert")
    warning.wait_for()
    assert "Zoé Martin" in warning.inner_text() and "Brief créatif" in warning.inner_text()
    assert not Assignment.objects.filter(person=zoe, activity__key="e2e-ads").exists()
    shot(page, "warning")
    warning.get_by_role("button", name=words["anyway"]).click()
    page.wait_for_url(re.compile(re.escape(PERSON) + "#assignments$"))
    assert Assignment.objects.get(person=zoe, activity__key="e2e-ads").hours_per_week == 15

    page.goto(WORKLOAD)
    cell = overloaded(page)
    assert cell.count() == 1
    assert squash(cell.inner_text()).startswith("▲ 45/35")
    assert words["overloaded"] in squash(cell.inner_text())  # said in text, not by colour alone
    colour = cell.evaluate("td => getComputedStyle(td).backgroundColor")
    assert colour == "rgb(185, 28, 28)"
    assert words["summary"] in squash(page.locator(".wl-alert").inner_text())
    # The grid scrolls inside its frame: nothing in it widens the page (not even its hidden texts).
    assert page.evaluate("() => document.documentElement.scrollWidth") <= page.viewport_size["width"]

    summary = cell.locator("summary")
    summary.focus()
    page.keyboard.press("Enter")  # the causes open with the keyboard
    causes = cell.locator(".wl-causes")
    causes.wait_for()
    assert squash(causes.inner_text()).startswith("Brief créatif")
    assert words["cause"] in squash(causes.inner_text())
    assert words["cause"] in squash(summary.get_attribute("title") or "")
    shot(page, "overloaded")

    # Lowering the assignment through the same form brings the week back under capacity.
    page.goto(PERSON)
    page.locator("#hours-e2e-ads").fill("5")
    page.locator("#hours-e2e-ads").press("Enter")
    page.wait_for_url(re.compile(re.escape(PERSON) + "#assignments$"))
    page.goto(WORKLOAD)
    assert overloaded(page).count() == 0
    assert page.locator("#person-e2e-zoe td.wl-3").first.inner_text() == "35/35"


def test_holding_a_review_then_seeing_what_changed_since_it(logged_in_page, zoe, shot):
    from django.utils import translation

    from jalon.planning import services
    from jalon.planning.models import Activity, Review, Status

    page = logged_in_page(DEMO)
    page.goto(ROADMAP + "reviews/")
    form = page.locator("form.review-form")
    assert re.fullmatch(r"Revue T\d exercice \d{4}", form.locator("#id_title").input_value())
    form.locator("#id_title").fill("Revue T3 exercice 2027")
    form.locator("#id_held_on").fill("2026-10-15")
    form.locator("#id_decisions").fill("Renforcer l'acquisition.")
    form.get_by_role("button", name="Tenir la revue").click()
    page.wait_for_url(re.compile(re.escape(ROADMAP) + "reviews/revue-t3-exercice-2027/$"))
    assert Review.objects.get(key="revue-t3-exercice-2027").snapshot["as_of"] == "2026-10-15"
    assert "Renforcer l'acquisition." in page.locator(".review-text").first.inner_text()

    brief = Activity.objects.get(key="e2e-brief")
    services.update(brief, actor=None, expected_version=brief.version, changes={"status": "done"})
    page.reload()
    since = page.locator(
        "section", has=page.get_by_role("heading", name="Ce qui a changé depuis cette revue")
    )
    with translation.override("fr"):
        change = f"Statut : {Status.PLANNED.label} → {Status.DONE.label}"
    assert change in squash(since.inner_text())
    assert "Brief créatif" in since.inner_text()
    shot(page)


def test_hours_on_another_roadmap_count_in_the_week_and_are_named(logged_in_page, members, zoe, shot):
    from jalon.planning import services
    from jalon.planning.models import Activity
    from jalon.planning.people import services as team
    from jalon.strategy import services as strategy

    owner = members["owner"]
    salon = strategy.create_roadmap(
        actor=owner, workspace=zoe.workspace, slug="e2e-salon", title="Salon 2027", type="campaign",
        start=date(2026, 9, 1), end=date(2027, 3, 31),
    )  # fmt: skip
    team.add_to_roadmap(actor=owner, roadmap=salon, person=zoe)
    stand = services.create(
        Activity, actor=owner, roadmap=salon, key="e2e-stand", title="Stand", status="planned",
        start=date(2026, 9, 7), end=date(2026, 9, 18),
    )  # fmt: skip
    services.assign(actor=owner, activity=stand, person=zoe, hours_per_week=10, confirm=True)
    page = logged_in_page(DEMO)
    page.goto(WORKLOAD)

    cell = overloaded(page)  # 30 h here + 10 h on Salon 2027 for 35 h
    assert squash(cell.inner_text()).startswith("▲ 40/35")
    said = "dont 10 h sur d’autres feuilles de route (Salon 2027 : 10 h)"
    assert said in squash(cell.inner_text())  # in the text read aloud, not only in a tooltip
    title = squash(cell.locator("summary").get_attribute("title") or "")
    assert "Salon 2027 (autre feuille de route) : 10 h" in title  # among the causes
    shared = page.locator("#person-e2e-zoe td.wl-elsewhere:not(.wl-over)").first  # the week of 14 Sept
    assert squash(shared.inner_text()).startswith("10/35")
    assert "Salon 2027 : 10 h" in squash(shared.get_attribute("title") or "")
    assert "autres feuilles de route" in page.locator(".workload-legend").inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= page.viewport_size["width"]
    shot(page)
