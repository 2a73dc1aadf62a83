"""A team's server in Chromium: the page after too many failed logins, and an in-place edit while the
database is busy (the message on top of the page, what was typed kept, saved on the next try)."""

from __future__ import annotations

import re
import sqlite3
import urllib.request

import pytest
from django.conf import settings
from django.db import connection
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


def test_five_failed_logins_show_a_clear_page_in_french(members, live_server, page, shot):
    # The first page a fresh live server answers is slow on a busy machine: ask for it without a browser.
    urllib.request.urlopen(live_server.url + "/login/", timeout=120).read()
    page.goto("/login/")
    for _ in range(5):  # a failed login shows the form again, with the address kept
        page.locator("#id_password").fill("not-the-password")
        if not page.locator("#id_username").input_value():
            page.locator("#id_username").fill(DEMO)
        with page.expect_navigation():
            page.locator("form[action='/login/'] button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trop de connexions échouées")
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Après 5 connexions échouées")
    expect(alert).to_contain_text("Réessayez dans 15 minutes.")
    shot(page)


@pytest.mark.skipif(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", reason="SQLite")
def test_an_in_place_edit_while_the_database_is_busy_says_so_and_keeps_what_was_typed(
    logged_in_page, assets_loaded, shot
):
    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    assets_loaded(page)
    row = page.locator("#obj-taux-conversion")
    row.locator("td").nth(0).get_by_role("link", name=re.compile("^Modifier")).click()
    form = row.locator("form.cell-form")
    field = form.get_by_label("Impact métier")
    field.fill("Plus de ventes en ligne, mesurées chaque mois.")
    other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # another writer (a long import) holds the database
    try:
        form.get_by_role("button", name="Enregistrer").click()
        busy = page.locator("#main > p.busy[role=alert]")
        expect(busy).to_contain_text("Jalon est occupé", timeout=15_000)
        expect(field).to_have_value("Plus de ventes en ligne, mesurées chaque mois.")
        shot(page)
    finally:
        other.rollback()
        other.close()
    form.get_by_role("button", name="Enregistrer").click()
    expect(row).to_contain_text("Plus de ventes en ligne, mesurées chaque mois.")
