"""The roadmap's settings refuse a fiscal year that would pull a ruled parent's deadline before its typed
sub-objective's, in the page's language: the focus lands on the fiscal year, which names why (both objectives
and both dates), nothing moves, the page fits at 1440 and 1280 px and axe finds nothing serious (screenshots
``test_*-settings-<width>.png``)."""

from __future__ import annotations

from typing import Any

import pytest

from .look import Look
from .test_e2e_form_errors import FOCUSED, focus_after_load

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
SAID = {
    "fr": "après son objectif parent Augmenter les taux de conversion",
    "en": "after its parent objective Augmenter les taux de conversion",
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_fiscal_year_pulling_a_parent_before_its_sub_objective_is_refused_on_the_field_in_words(
    logged_in_page: Any, shot: Any, language: str
) -> None:
    from jalon.engines.calendar import resolve_rule
    from jalon.strategy.models import Objective

    parent = Objective.objects.get(key="taux-conversion")  # ends with the fiscal year (a rule)
    assert parent.deadline is not None
    Objective.objects.filter(key="abandon-panier").update(deadline_rule="", deadline=parent.deadline)  # typed
    start = parent.roadmap.start
    month = min(
        range(1, 13),
        key=lambda m: resolve_rule("fiscal_year_end", reference=start, fiscal_year_start_month=m),
    )
    assert resolve_rule("fiscal_year_end", reference=start, fiscal_year_start_month=month) < parent.deadline
    page = logged_in_page(language=language)
    page.goto(ROADMAP + "edit/")
    page.locator("[name=fiscal_year_start_month]").select_option(str(month))
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    stop = focus_after_load(page)
    assert (stop["name"], stop["invalid"]) == ("fiscal_year_start_month", "true"), stop
    assert any(SAID[language] in text for text in stop["described"]), stop
    assert page.evaluate(FOCUSED)["value"] == str(month)  # what was chosen is still there
    assert Objective.objects.get(key="taux-conversion").deadline == parent.deadline
    parent.roadmap.refresh_from_db()
    assert parent.roadmap.fiscal_year_start_month != month
    Look(shot, language)(page, "settings")
