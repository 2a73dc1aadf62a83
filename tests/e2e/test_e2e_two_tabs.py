"""One person, two tabs. Logged out in one, a form sent from the other used to land on the login page
without a word: what was typed seemed saved. Logged in again in one, a form sent from the other was
refused as expired with the advice to reload, which loses what was typed (and a reload of that page sends
the stale form again). Both pages now say that nothing was saved and that Back brings the form back as
typed; these tests follow that advice and find the text typed, then save it."""

from __future__ import annotations

import re
from typing import Any

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
EDIT = "/w/cloud-kicks/r/cloud-kicks/o/taux-conversion/edit/"
TYPED = "Doubler le taux de conversion"
SAVE = "main button[type=submit][form=objective-form]"  # « Save » sits after the coach, outside the form
WORDS = {
    "fr": {"ended": "Votre session avait pris fin", "expired": "Le formulaire a expiré", "back": "Précédent"},
    "en": {"ended": "Your session had ended", "expired": "The form expired", "back": "Back button"},
}


def log_in_with_the_form(page: Any) -> None:
    from tests.conftest import DEMO_PASSWORD

    page.locator("input[name=username]").fill(DEMO)
    page.locator("input[name=password]").fill(DEMO_PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"://[^/]+/(w/.*)?$"))


def typed_in_a_second_tab(first: Any) -> Any:
    second = first.context.new_page()
    second.goto(EDIT)
    second.locator("#id_title").fill(TYPED)
    second.keyboard.press("Tab")  # the change the SMART coach reads happens now, not at the click
    second.wait_for_load_state("networkidle")  # the coach answered while the session was still the same
    return second


def send_back_and_send_again(tab: Any) -> None:
    tab.go_back()
    tab.wait_for_url(re.compile(re.escape(EDIT) + "$"))
    assert tab.locator("#id_title").input_value() == TYPED, "the browser brought the form back as typed"
    tab.locator(SAVE).click()
    tab.wait_for_url(re.compile(r"/o/taux-conversion/$"))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_form_sent_after_a_log_out_in_another_tab_says_nothing_was_saved_and_how_to_get_it_back(
    members, logged_in_page, shot, language
):
    from jalon.strategy.models import Objective

    first = logged_in_page(DEMO, language)
    first.context.add_cookies([{"name": "jalon_language", "value": language, "url": first.url}])
    second = typed_in_a_second_tab(first)
    first.goto("/")
    first.locator("form[action$='/logout/'] button").click()
    first.wait_for_url(re.compile(r"/login/"))

    second.locator(SAVE).click()
    second.wait_for_url(re.compile(r"/login/\?next="))
    text = Look(shot, language)(second, "logged-out")
    assert WORDS[language]["ended"] in text and WORDS[language]["back"] in text
    assert Objective.objects.filter(title=TYPED).count() == 0

    log_in_with_the_form(first)
    send_back_and_send_again(second)
    assert Objective.objects.filter(key="taux-conversion", title=TYPED).count() == 1


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_form_sent_after_logging_in_again_in_another_tab_says_back_brings_it_back(
    members, logged_in_page, shot, language
):
    from jalon.strategy.models import Objective

    first = logged_in_page(DEMO, language)
    second = typed_in_a_second_tab(first)
    first.goto("/")
    first.locator("form[action$='/logout/'] button").click()
    first.wait_for_url(re.compile(r"/login/"))
    log_in_with_the_form(first)

    with second.expect_response(lambda r: r.request.method == "POST" and r.url.endswith(EDIT)) as sent:
        second.locator(SAVE).click()
    assert sent.value.status == 403
    # The answer's headers come before the browser replaces the edit page with it (same address): wait for
    # the refusal's heading, which only the new page has.
    second.get_by_role("heading", name=WORDS[language]["expired"]).wait_for()
    text = Look(shot, language)(second, "expired")
    assert WORDS[language]["expired"] in text and WORDS[language]["back"] in text
    send_back_and_send_again(second)
    assert Objective.objects.filter(key="taux-conversion", title=TYPED).count() == 1


def test_an_in_place_save_after_a_log_out_elsewhere_keeps_the_text_and_saves_once_logged_in_again(
    members, logged_in_page, assets_loaded, shot
):
    """It used to follow the redirect and put the whole login page inside the SMART table's row; and once
    logged in again in another tab, every in-place save of the page was refused as expired (htmx sent the
    token the page was made with: it now reads the current one)."""
    from jalon.strategy.models import Objective

    first = logged_in_page(DEMO, "fr")
    second = first.context.new_page()
    second.goto("/w/cloud-kicks/r/cloud-kicks/")
    assets_loaded(second)
    row = second.locator("#obj-taux-conversion")
    row.locator("td").nth(1).get_by_role("link", name=re.compile("^Modifier")).click()
    form = row.locator("form.cell-form")
    form.get_by_label("Spécifique").fill(TYPED)
    first.goto("/")
    first.locator("form[action$='/logout/'] button").click()
    first.wait_for_url(re.compile(r"/login/"))

    with second.expect_response(lambda r: r.request.method == "POST") as sent:
        form.get_by_role("button", name="Enregistrer").click()
    assert sent.value.status == 401
    alert = second.locator("#request-refused")
    alert.wait_for()
    assert "Votre session a pris fin" in alert.inner_text() and "onglet" in alert.inner_text()
    assert form.get_by_label("Spécifique").input_value() == TYPED, "the form stays as typed"
    assert second.locator("#obj-taux-conversion input[name=username]").count() == 0
    shot(second, "session-ended")

    log_in_with_the_form(first)
    with second.expect_response(lambda r: r.request.method == "POST") as sent:
        form.get_by_role("button", name="Enregistrer").click()
    assert sent.value.status == 200
    form.wait_for(state="detached")
    assert Objective.objects.get(key="taux-conversion").specific == TYPED
