"""A roadmap created in the pages opens on the Get started checklist, whose steps tick as work is done."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"


def test_a_new_roadmap_opens_on_the_seven_steps(logged_in_page, shot):
    page = logged_in_page(DEMO)
    page.goto("/w/cloud-kicks/")
    page.get_by_text("Nouvelle feuille de route").click()
    page.locator("#id_title").fill("Lancement printemps")
    page.locator("#id_start").fill("2027-03-01")
    page.get_by_role("button", name="Créer la feuille de route").click()
    page.wait_for_url("**/r/lancement-printemps/start/")
    assert page.get_by_role("heading", level=1).inner_text() == "Démarrer"
    # The demo workspace has a stakeholder: the audience step is done.
    assert page.locator("#start-progress-text").inner_text() == "1 étape sur 7 faite"
    steps = page.locator(".start-step")
    assert steps.count() == 7
    assert page.locator("#step-objectives .badge").inner_text() == "à faire"
    assert page.locator(".roadmap-nav a[aria-current='page']").inner_text() == "Démarrer"
    shot(page, "1440")
    page.set_viewport_size({"width": 768, "height": 1024})
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= 768, f"the checklist is {width} px wide on a 768 px tablet"
    shot(page, "768")

    # Step 3, ideas: one activity in the backlog ticks it.
    page.locator("#step-ideas").get_by_role("link", name="Nouvelle activité").click()
    page.get_by_label("Titre").fill("Salon professionnel")
    page.locator("main form button[type=submit].primary").first.click()
    page.goto("/w/cloud-kicks/r/lancement-printemps/start/")
    assert page.locator("#step-ideas .badge").inner_text() == "terminée"
    assert page.locator("#step-ideas .start-evidence").inner_text() == "1 activité dans le backlog"
