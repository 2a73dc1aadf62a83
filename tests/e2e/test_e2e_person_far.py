"""A person's workspace page with more activities out of reach than its note names: the note links each one
it names, and a folded list below it holds every one of them, each linked to its page."""

from __future__ import annotations

from datetime import date

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FAR_COUNT = 13  # the note names 10 (``NAMED_FAR``) and counts the other 3


@pytest.mark.parametrize(("language", "summary"), [("fr", "Toutes les activités hors de portée (13)"),
                                                   ("en", "Every activity out of reach (13)")])  # fmt: skip
def test_every_far_activity_of_a_person_is_one_click_away(logged_in_page, members, language, summary, shot):
    from jalon.planning import services
    from jalon.planning.models import Activity, Person
    from jalon.strategy.models import Roadmap

    roadmap, ines = Roadmap.objects.get(slug="cloud-kicks"), Person.objects.get(key="ines")
    for index in range(FAR_COUNT):  # typed a century early
        found = services.create(
            Activity, actor=members["owner"], roadmap=roadmap, key=f"typo-{index:02d}",
            title=f"Salon {index:02d}", status="planned", start=date(1926, 3, 1 + index),
            end=date(1926, 3, 28),
        )  # fmt: skip
        services.assign(actor=members["owner"], activity=found, person=ines, hours_per_week=4, confirm=True)
    page = logged_in_page("demo@jalon.local", language=language)
    page.goto("/w/cloud-kicks/team/ines/")
    note = page.locator("#timeline-far")
    assert note.locator("a").count() == 10  # each name the note shows is a link
    folded = page.locator("#far-all")
    assert not folded.locator("ul").is_visible()
    folded.locator("summary").click()
    assert folded.locator("summary").inner_text() == summary
    links = folded.locator("li a")
    assert links.count() == FAR_COUNT
    assert links.all_inner_texts() == [
        f"Salon {index:02d}" for index in range(FAR_COUNT)
    ]  # the earliest first
    last = links.nth(FAR_COUNT - 1)
    assert last.bounding_box()["y"] > note.bounding_box()["y"]  # under the note, in view once unfolded
    Look(shot, language)(page, "far")
    last.click()
    page.wait_for_url("**/r/cloud-kicks/activities/typo-12/")
