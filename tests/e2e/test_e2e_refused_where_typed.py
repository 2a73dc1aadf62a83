"""A refusal said where the person acted, in Chromium, in French and in English: an assignment's hours refused
in their row (in place on an activity's page, the whole page on a person's) put the focus back on that row's
field, which says invalid and names its error, what was typed kept and the *Assign* form untouched; the
portfolio's boxes in conflict are marked and focused; a document asked for with a language that does not
exist says so. Axe finds nothing serious; screenshots at 1440 and 1280
(``test_*-<name>-<width>.png``)."""

from __future__ import annotations

from typing import Any

import pytest

from .look import Look
from .test_e2e_form_errors import FOCUSED, focus_after_load

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
TYPED = "douze"
WORDS = {
    "fr": {"not a number": "n’est pas un nombre", "both": "ne peut pas être",
           "language": "Sélectionnez un choix valide"},
    "en": {"not a number": "is not a number", "both": "cannot be both", "language": "Select a valid choice"},
}  # fmt: skip


def an_assignment() -> Any:
    from jalon.planning.models import Assignment

    return (
        Assignment.objects.filter(activity__roadmap__slug="cloud-kicks")
        .select_related("activity", "person")
        .order_by("id")
        .first()
    )


def refused_in_its_row(page: Any, control: str, assign: str, language: str) -> None:
    # On an activity's page the answer's headers arrive before htmx swaps the refused row in: until then the
    # old field, focused when Enter was pressed, has the same id. Wait for the refused field, not an id.
    page.wait_for_function(
        "id => { const e = document.activeElement;"
        " return e && e.id === id && e.hasAttribute('aria-invalid'); }",
        arg=control,
    )
    stop = page.evaluate(FOCUSED)
    assert stop["invalid"] == "true" and stop["value"] == TYPED, stop
    assert any(WORDS[language]["not a number"] in text for text in stop["described"] if text), stop
    untouched = page.locator(f"#{assign}")
    assert untouched.input_value() == "" and untouched.get_attribute("aria-invalid") is None


@pytest.mark.parametrize("language", ["fr", "en"])
def test_hours_refused_in_an_activitys_row_keep_the_focus_in_that_row(
    logged_in_page: Any, assets_loaded: Any, shot: Any, language: str
) -> None:
    assignment = an_assignment()
    page = logged_in_page(language=language)
    page.goto(f"{ROADMAP}activities/{assignment.activity.key}/")
    assets_loaded(page)
    control = f"hours-{assignment.person.key}"
    page.locator(f"#{control}").fill(TYPED)
    with page.expect_response(
        lambda r: r.url.endswith("/assignments/") and r.request.method == "POST"
    ) as answer:
        page.locator(f"#{control}").press("Enter")
    assert answer.value.status == 422
    refused_in_its_row(page, control, "assignment_hours_per_week", language)
    Look(shot, language, content=(TYPED,))(page, "activity")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_hours_refused_in_a_persons_row_come_back_focused_in_that_row(
    logged_in_page: Any, shot: Any, language: str
) -> None:
    assignment = an_assignment()
    page = logged_in_page(language=language)
    page.goto(f"{ROADMAP}people/{assignment.person.key}/")
    control = f"hours-{assignment.activity.key}"
    page.locator(f"#{control}").fill(TYPED)
    with page.expect_navigation():
        page.locator(f"#{control}").press("Enter")
    refused_in_its_row(page, control, "id_hours_per_week", language)
    Look(shot, language, content=(TYPED,))(page, "person")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_portfolio_boxes_in_conflict_are_marked_and_focused(
    logged_in_page: Any, assets_loaded: Any, shot: Any, language: str
) -> None:
    page = logged_in_page(language=language)
    page.goto(ROADMAP + "portfolio/")
    assets_loaded(page)
    box = page.locator("input[name=must_do]").first
    key = box.get_attribute("value")
    box.check()
    page.locator(f"#must-not-{key}").check()
    with page.expect_response(
        lambda r: r.url.endswith("/portfolio/") and r.request.method == "POST"
    ) as answer:
        page.locator("#run-optimiser").click()
    assert answer.value.status == 422
    page.wait_for_function(f"() => document.activeElement && document.activeElement.id === 'must-do-{key}'")
    stop = page.evaluate(FOCUSED)
    assert stop["invalid"] == "true" and WORDS[language]["both"] in stop["described"][0], stop
    assert page.locator(f"#must-not-{key}").get_attribute("aria-invalid") == "true"
    Look(shot, language)(page, "portfolio")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_document_asked_for_in_a_language_that_does_not_exist_says_so_focused(
    logged_in_page: Any, shot: Any, language: str
) -> None:
    page = logged_in_page(language=language)
    page.goto(ROADMAP + "documents/?format=md&language=xx&zoom=quarter&lanes=theme")
    stop = focus_after_load(page)
    assert (stop["name"], stop["invalid"]) == ("language", "true"), stop
    group = page.locator("fieldset:has([name=language])").get_attribute(
        "aria-describedby"
    )  # read on entering
    assert WORDS[language]["language"] in page.locator(f"#{group}").inner_text()
    assert page.locator("#documents-problem[role=alert]").is_visible()
    Look(shot, language)(page, "documents")
