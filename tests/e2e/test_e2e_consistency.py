"""In the browser, in French and English at 1440 and 1280 px: the Get started step 1 counts what the SMART
check passes, and a save that reaches a KPI deleted in another tab gets the page that says who deleted it;
axe finds no serious fault on either."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from .conftest import serious_axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
SIZES = (1440, 1280)


def speaking(owner: Any, language: str) -> None:
    owner.language = language
    owner.save(update_fields=["language"])


def test_get_started_counts_what_the_smart_check_passes(logged_in_page, members, demo, shot) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from jalon.strategy import services

    owner = members["owner"]
    roadmap = services.create_roadmap(
        actor=owner, workspace=demo.workspace, slug="plan-2027", title="Plan 2027", type="strategic",
        start=date(2027, 1, 1), end=date(2027, 12, 31), vision="Grandir.",
    )  # fmt: skip
    text = "Faire passer les ventes en ligne de 100 000 € à 120 000 €"
    for title, deadline in (("Ventes en ligne", date(2027, 9, 30)), ("Ventes d’antan", date(1900, 12, 31))):
        services.create_objective(
            actor=owner, roadmap=roadmap, title=title, specific=text, impact="Chiffre d’affaires",
            metric="ventes en ligne", unit="€", baseline=100_000, target=120_000, direction="increase",
            deadline=deadline,
        )  # fmt: skip
    for language, said in (("fr", "1 objectif sur 2 passe le contrôle SMART"),
                           ("en", "1 of 2 objectives passes the SMART check")):  # fmt: skip
        speaking(owner, language)
        page = logged_in_page(DEMO)
        page.goto("/w/cloud-kicks/r/plan-2027/start/")
        assert page.locator("#step-objectives .start-evidence").inner_text() == said
        for width in SIZES:
            page.set_viewport_size({"width": width, "height": 900})
            shot(page, f"start-{language}-{width}")
        assert serious_axe_violations(Axe(), page) == []


def test_saving_a_kpi_deleted_in_another_tab_says_who_deleted_it(logged_in_page, members, demo, shot) -> None:
    from axe_playwright_python.sync_playwright import Axe

    from jalon.strategy import services

    owner = members["owner"]
    for language, heading in (("fr", "Cet élément a été supprimé"), ("en", "This item was deleted")):
        speaking(owner, language)
        kpi = services.create_kpi(
            actor=owner, roadmap=demo.roadmap, name=f"Visites {language}", frequency="monthly"
        )
        page = logged_in_page(DEMO)
        page.goto(f"/w/cloud-kicks/r/{demo.roadmap.slug}/kpis/{kpi.key}/edit/")
        services.delete_kpi(actor=members["editor"], kpi=kpi)  # in another tab, by someone else
        page.locator("main form button[type=submit].primary").first.click()
        assert page.get_by_role("heading", level=1).inner_text() == heading
        assert f"Visites {language}" in page.locator("main").inner_text()
        for width in SIZES:
            page.set_viewport_size({"width": width, "height": 900})
            shot(page, f"gone-{language}-{width}")
        assert serious_axe_violations(Axe(), page) == []
        page.locator("main a.button.primary").click()
        page.wait_for_url(f"**/r/{demo.roadmap.slug}/kpis/")
