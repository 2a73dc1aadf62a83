"""Two refusals beside their field, in Chromium, in French and English, at 1440 and 1280 px: a milestone
marked reached before the roadmap's start (the start named), and an activity pinned without dates. Nothing
saved; axe finds no serious or critical fault. Screenshots: test-artifacts/screenshots/test_a_*_refused_*."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tests.e2e.look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
SAID = {
    "milestone": {"fr": "choisissez son début (01/08/2026)", "en": "choose its start (1 Aug 2026)"},
    "pin": {"fr": "pour l’épingler", "en": "to pin it"},
}


def _reader(language: str, logged_in_page: Any) -> Any:
    from jalon.accounts.models import User

    User.objects.filter(email="editor@example.com").update(language=language)
    return logged_in_page("editor@example.com")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_milestone_reached_before_the_start_is_refused_beside_the_field(
    language: str, members: Any, logged_in_page: Any, shot: Any
) -> None:
    from jalon.planning import services
    from jalon.planning.models import Milestone
    from jalon.strategy.models import Roadmap

    roadmap = Roadmap.objects.get(slug="cloud-kicks")
    services.create(
        Milestone, actor=members["owner"], roadmap=roadmap, key="salon", title="Salon", date=date(2200, 1, 1)
    )
    page = _reader(language, logged_in_page)
    page.goto(ROADMAP + "milestones/?edit=salon")
    field = page.locator("#id_salon_reached_on")
    field.fill("1900-01-01")
    field.locator("xpath=ancestor::form").locator("button[type=submit]").first.click()
    error = page.locator("#id_salon_reached_on_error")  # under the field, named by its aria-describedby
    error.wait_for()
    assert SAID["milestone"][language] in " ".join(error.inner_text().replace("\u00a0", " ").split())
    Look(shot, language, content=("Salon",))(page, "milestone")
    assert Milestone.objects.get(key="salon").reached_on is None


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_activity_pinned_without_dates_is_refused_beside_the_box(
    language: str, members: Any, logged_in_page: Any, shot: Any
) -> None:
    from jalon.planning import services
    from jalon.planning.models import Activity
    from jalon.strategy.models import Roadmap

    roadmap = Roadmap.objects.get(slug="cloud-kicks")
    services.create(Activity, actor=members["owner"], roadmap=roadmap, key="salon", title="Salon")
    page = _reader(language, logged_in_page)
    page.goto(ROADMAP + "activities/salon/edit/")
    page.locator("#id_pinned").check()
    page.locator("form:has(#id_pinned) button[type=submit]").first.click()
    error = page.locator("form:has(#id_pinned) .errorlist").first
    error.wait_for()
    assert SAID["pin"][language] in error.inner_text()
    Look(shot, language, content=("Salon",))(page, "activity")
    assert not Activity.objects.get(key="salon").pinned
