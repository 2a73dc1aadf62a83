"""An activity typed in 2200 in Chromium, in French and in English: the person's page names it above the
overloaded weeks (its hours load no week, as on the workload page and the Team tab), and the scheduler leaves
it where it is and says so in the proposal's *Left out* section; social media kept up from 2020 to 2200,
running past the reach, is held where it is and named there too. The pages are looked at
(screenshots at 1440 and 1280 px, axe-core, one language)."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.e2e.look import Look
from tests.e2e.reach_plan import ROADMAP, typo  # noqa: F401  (a fixture)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTE = {
    "fr": "Trop loin de l’horizon pour être comptées dans une semaine :",
    "en": "Too far from the horizon to be counted in any week:",
}
LEFT_OUT = {
    "fr": "Non planifiées, datées trop loin de l’horizon de la feuille de route (elles restent où elles "
    "sont) : Faute de frappe (1er janvier 2200).",
    "en": "Not scheduled, dated too far from the roadmap's horizon (they stay where they are): Faute de "
    "frappe (1 January 2200).",
}
RUNS_PAST = {
    "fr": "Non déplacées, elles débordent de la portée de la feuille de route, 12 mois de part et d’autre de "
    "son horizon (elles restent où elles sont, et leurs heures dans cette portée sont comptées) : Réseaux "
    "sociaux (1er janvier 2020 – 31 décembre 2200).",
    "en": "Not moved, they run past the roadmap's reach, 12 months either side of its horizon (they stay "
    "where they are, and their hours within the reach are counted): Réseaux sociaux (1 January 2020 – 31 "
    "December 2200).",
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_far_activity_is_named_on_the_person_page_and_left_where_it_is_by_the_scheduler(
    typo: Any,  # noqa: F811
    members: dict[str, Any],
    logged_in_page: Any,
    shot: Any,
    language: str,
) -> None:
    from jalon.planning import services
    from jalon.planning.models import Activity

    far = Activity.objects.get(roadmap=typo.roadmap, key="coquille")
    person = typo.roadmap.people.order_by("key").first()
    services.assign(actor=members["owner"], activity=far, person=person, hours_per_week=30, confirm=True)
    page = logged_in_page(members["editor"].email, language)
    page.goto(f"{ROADMAP}people/{person.key}/")
    text = Look(shot, language)(page, f"far-person-{language}")
    assert NOTE[language] in text and "Faute de frappe" in text
    page.goto(ROADMAP + "schedule/")
    page.locator("#id_start").fill("2026-12-01")
    page.locator("form.schedule-run button[type=submit]").click()
    page.wait_for_url(re.compile(r"/schedule/jobs/\d+/$"))
    page.locator(".schedule-left-out").wait_for()
    text = Look(shot, language)(page, f"far-schedule-{language}")
    assert LEFT_OUT[language] in text
    assert RUNS_PAST[language] in text
