"""Logging in and choosing the interface language, as a new user would, in real Chromium."""

from __future__ import annotations

import re
from typing import Any

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
PASSWORD = "demo-password-1"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


def focus_ring(page: Any) -> Any:
    return page.evaluate(
        """() => { const s = getComputedStyle(document.activeElement);
                   return {style: s.outlineStyle, width: s.outlineWidth, id: document.activeElement.id}; }"""
    )


def test_log_in_with_the_keyboard_only_lands_on_the_workspaces_page_in_french(members, page, shot):
    page.goto("/login/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Se connecter à Jalon"
    # The e-mail field has the focus from the start (autofocus); no mouse from here on. Chromium gives it at
    # one of its frames, not by the load event: waited for, not read at once.
    expect(page.locator("#id_username")).to_be_focused()
    page.keyboard.type(DEMO)
    page.keyboard.press("Tab")
    ring = focus_ring(page)
    assert ring["id"] == "id_password"
    assert ring["style"] != "none" and ring["width"] != "0px", ring
    page.keyboard.type(PASSWORD)
    shot(page, "login")
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile(r"://[^/]+/$"))  # the home page, not /login/
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("h1").inner_text() == "Mes espaces de travail"
    assert page.get_by_role("link", name="Cloud Kicks", exact=True).is_visible()
    assert page.get_by_role("link", name="Cloud Kicks\u00a0: plan stratégique sur six mois").is_visible()
    assert page.get_by_role("button", name="Se déconnecter").is_visible()
    shot(page)


def test_a_wrong_password_says_so_in_french_and_keeps_the_address(members, page, shot):
    page.goto("/login/")
    expect(page.locator("#id_username")).to_be_focused()  # autofocus: at a frame, not by the load event
    page.keyboard.type(DEMO)
    page.keyboard.press("Tab")
    page.keyboard.type("not-the-password")
    page.keyboard.press("Enter")
    alert = page.get_by_role("alert")
    assert "ne correspondent pas" in alert.inner_text()
    assert page.locator("#id_username").input_value() == DEMO
    shot(page)


def test_switching_to_english_changes_the_table_and_is_remembered_on_the_user(
    logged_in_page, new_context, assets_loaded, shot
):
    from jalon.accounts.models import User

    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    headers = page.locator(".smart-table thead th")
    assert headers.all_inner_texts()[1] == "Spécifiques"

    page.get_by_role("button", name="English").click()
    page.wait_for_function("() => document.documentElement.lang === 'en'")
    assert page.url.endswith(ROADMAP), "the switch must come back to the same page"
    assert headers.all_inner_texts() == [
        "Impact",
        "Specific",
        "Measurable",
        "Achievable & realistic",
        "Time-bound",
    ]
    assert page.get_by_role("button", name="English").get_attribute("aria-pressed") == "true"
    assert page.get_by_role("button", name="Français").get_attribute("aria-pressed") == "false"
    row = page.locator("#obj-taux-conversion")
    assert "2% → 4%" in row.locator("td").nth(2).inner_text()
    assert "31 Jan 2027" in row.locator("td").nth(4).inner_text()
    assert "End of the fiscal year" in row.locator("td").nth(4).inner_text()
    assert page.get_by_role("link", name=re.compile(r"^Edit what is specific")).first.is_visible()
    shot(page, "roadmap-en")
    assert User.objects.get(email=DEMO).language == "en"

    # Log out and in again in the same browser: still English.
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r"/login/"))
    assert page.locator("h1").inner_text() == "Log in to Jalon"
    page.locator("#id_username").fill(DEMO)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()
    page.wait_for_url(re.compile(r"://[^/]+/$"))  # the home page, not /login/
    assert page.locator("h1").inner_text() == "My workspaces"

    # Another browser (no cookie): the login page is French, the user's choice wins once logged in.
    other = new_context().new_page()
    other.goto("/login/")
    assert other.locator("h1").inner_text() == "Se connecter à Jalon"
    other.locator("#id_username").fill(DEMO)
    other.locator("#id_password").fill(PASSWORD)
    other.get_by_role("button", name="Se connecter").click()
    other.wait_for_url(re.compile(r"://[^/]+/$"))  # the home page, not /login/
    other.goto(ROADMAP)
    assert other.locator("html").get_attribute("lang") == "en"
    assert other.locator(".smart-table thead th").nth(4).inner_text() == "Time-bound"
    shot(other)
