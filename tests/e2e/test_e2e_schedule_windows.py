"""Planifier on the Cloud Kicks demo in real Chromium: the Christmas campaign stays before Christmas, the
ideas are left out and said so, the plan is applied and shown as applied, then *Annuler le planning*
puts every date back."""

from __future__ import annotations

import re
from datetime import date

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
SCHEDULE = "/w/cloud-kicks/r/cloud-kicks/schedule/"


def dates() -> dict[str, tuple[date | None, date | None]]:
    from jalon.planning.models import Activity

    return {a.key: (a.start, a.end) for a in Activity.objects.filter(roadmap__slug="cloud-kicks")}


def test_planifier_keeps_noel_before_christmas_leaves_ideas_out_applies_then_undoes(
    members, logged_in_page, assets_loaded, shot
):
    before = dates()
    page = logged_in_page(DEMO)
    page.goto(SCHEDULE)
    assets_loaded(page)
    ideas = page.locator("fieldset.schedule-ideas input[type=checkbox]")
    assert ideas.count() == 2 and not ideas.first.is_checked()  # no applied scenario funds them
    page.locator("#id_start").fill("2026-12-01")  # the demo is told as seen at the start of December
    shot(page, "form")
    page.locator("form.schedule-run button[type=submit]").click()

    page.wait_for_url(re.compile(r"/schedule/jobs/\d+/$"))
    noel = page.locator("#move-campagne-noel")
    noel.wait_for()
    assert "14/12/2026 – 18/12/2026" in noel.inner_text()  # Camille is free that week, before Christmas
    assert page.locator("#move-programme-fidelite").count() == 0
    left_out = page.locator(".schedule-left-out").inner_text()
    assert "Idées non retenues" in left_out and "Programme de fidélité" in left_out
    assert "Pilote SMS" in left_out
    shot(page, "proposal")

    page.locator("form.schedule-apply button[type=submit]").click()
    page.locator(".schedule-applied").wait_for()
    assert page.locator(".schedule-moves .badge.fails").count() == 0  # nothing "modifiée depuis"
    assert dates()["campagne-noel"] == (date(2026, 12, 14), date(2026, 12, 18))
    shot(page, "applied")

    page.get_by_role("button", name="Annuler le planning").click()
    page.get_by_text(re.compile(r"retrouvé ses dates précédentes")).first.wait_for()
    assert page.get_by_role("button", name="Annuler le planning").count() == 0
    assert dates() == before
    shot(page, "undone")
