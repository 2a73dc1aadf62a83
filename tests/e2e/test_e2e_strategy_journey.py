"""A person's first hour on the strategy side, from an EMPTY database, in real Chromium, in French and in
English: the administrator's account, a workspace, a roadmap typed the way people type (the currency as a
sign, a horizon from 29 February), an objective due after the horizon with a long unbroken address in its
impact, the SMART table and the SMART check, the roadmap's file carried into another workspace, and a viewer
on *Get started*.

What the first run of this path found, each fixed at its cause: a currency typed « € » was saved as is and
the roadmap's own export could not be imported again; a 12-month horizon from 29 February lost its last day;
the coach never said a deadline fell outside the roadmap; the suggested wording ended « !. » after a vision
with its own stop; a long word in the SMART table pushed the other columns out of sight; a viewer was offered
*New objective* and *New activity* links that led to « Action non autorisée ».

Every page reached is looked at as a person meets it: nothing wider than the window at 1440 and 1280 px,
no serious or critical axe-core fault, no word of the other language (tests/one_language.py); screenshots go
to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .look import Look, first_account

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase"
LONG_ADDRESS = "https://exemple.fr/?utm_campaign=" + "PrintempsDesCoureursUrbains" * 12  # no place to break

WORDS: dict[str, dict[str, str]] = {
    "fr": {
        "workspace": "Équipe Marketing",
        "other": "Agence Conseil",
        "new_workspace": "Nouvel espace de travail",
        "new_roadmap": "Nouvelle feuille de route",
        "roadmap": "Lancement printemps",
        "vision": "Devenir la marque préférée des coureurs urbains !",
        "currency": "€",
        "code": "EUR",
        "end": "28/02/2029",
        "objective": "Augmenter les ventes en ligne",
        "specific": "Faire passer les ventes en ligne de 100 000 € à 120 000 €",
        "metric": "ventes en ligne",
        "unit": "€",
        "baseline": "100 000",
        "target": "120 000",
        "flagged": "1 objectif SMART a un point à vérifier.",
        "warning": "L’échéance (1er juin 2031) tombe après la fin de la feuille de route (28 février 2029).",
        "import": "Importer un fichier de feuille de route",
        "imported": "Feuille de route importée.",
        "viewer_start": "Objectifs SMART",
    },
    "en": {
        "workspace": "Marketing team",
        "other": "Consulting agency",
        "new_workspace": "New workspace",
        "new_roadmap": "New roadmap",
        "roadmap": "Spring launch",
        "vision": "Be the favourite brand of city runners!",
        "currency": "$",
        "code": "USD",
        "end": "28 Feb 2029",
        "objective": "Grow online sales",
        "specific": "Grow online sales from $100,000 to $120,000",
        "metric": "online sales",
        "unit": "$",
        "baseline": "100,000",
        "target": "120,000",
        "flagged": "1 SMART objective has something to check.",
        "warning": "The deadline (1 June 2031) falls after the roadmap’s end (28 February 2029).",
        "import": "Import a roadmap file",
        "imported": "Roadmap imported.",
        "viewer_start": "SMART objectives",
    },
}


def new_roadmap(page: Any, words: dict[str, str]) -> None:
    page.locator("summary", has_text=words["new_roadmap"]).click()
    page.locator("#id_title").fill(words["roadmap"])
    page.locator("#id_type").select_option("campaign")
    page.locator("#id_vision").fill(words["vision"])
    page.locator("#id_start").fill("2028-02-29")
    page.locator("#id_horizon").select_option("12")
    page.locator("#id_currency").fill(words["currency"])
    page.locator("#new-roadmap button[type=submit]").click()
    page.wait_for_url(re.compile(r"/start/$"))


def new_objective(page: Any, words: dict[str, str]) -> None:
    page.locator("#id_title").fill(words["objective"])
    page.locator("#id_impact").fill(LONG_ADDRESS)
    page.locator("#id_specific").fill(words["specific"])
    page.locator("#id_metric").fill(words["metric"])
    page.locator("#id_unit").fill(words["unit"])
    page.locator("#id_baseline").fill(words["baseline"])
    page.locator("#id_target").fill(words["target"])
    page.locator("#id_direction").select_option("increase")
    page.locator("#id_deadline").fill("2031-06-01")
    page.locator("#id_deadline").dispatch_event("change")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_first_hour_on_the_strategy_side_from_an_empty_database(new_context, shot, lang: str) -> None:
    from jalon.accounts.models import User
    from jalon.strategy.models import Roadmap
    from jalon.workspaces import services as workspaces
    from jalon.workspaces.models import Workspace

    words, look = WORDS[lang], Look(shot, lang)

    # The first visit creates the administrator's account; English is one click away.
    ada = new_context().new_page()
    first_account(ada, "ada@example.com", PASSWORD, lang)
    look(ada, "home-empty")

    # A workspace, and a roadmap typed as people type: the currency as a sign, a horizon from 29 February.
    ada.get_by_role("link", name=words["new_workspace"]).click()
    ada.locator("#id_name").fill(words["workspace"])
    ada.locator("main button[type=submit]").click()
    ada.wait_for_url(re.compile(r"/w/[a-z-]+/$"))
    workspace_url = ada.url
    new_roadmap(ada, words)
    look(ada, "start-empty")
    roadmap = Roadmap.objects.get()
    assert roadmap.currency == words["code"], "the sign is saved as its code"
    url = f"/w/{roadmap.workspace.slug}/r/{roadmap.slug}/"
    ada.goto(url)
    assert words["end"] in ada.locator("main").inner_text(), "12 months from 29 February end on 28 February"

    # An objective due after the horizon: the live coach says so as it is typed, then the table and the check.
    ada.goto(url + "objectives/new/")
    new_objective(ada, words)
    ada.locator(".coach .warning", has_text=words["warning"]).wait_for()
    look(ada, "objective-form")
    ada.locator("main button[type=submit][form=objective-form]").click()  # under the coach, for its Tab order
    ada.wait_for_url(re.compile(r"/o/[a-z0-9-]+/$"))
    ada.goto(url)
    table = ada.locator("#smart-table")
    assert words["warning"] in table.inner_text()
    summary = ada.locator(".smart-summary")
    assert (
        words["flagged"] in summary.inner_text() and summary.locator("a[href$='/smart-check/']").count() == 1
    )
    box = ada.locator(".table-scroll", has=table)
    right = box.evaluate("e => e.getBoundingClientRect().right")
    last_column = table.locator("thead th").last.evaluate("e => e.getBoundingClientRect().right")
    assert last_column <= right + 1, "a long word in Impact keeps every column in sight"
    look(ada, "smart-table")
    ada.goto(url + "smart-check/")
    check = ada.locator("main").inner_text()
    assert words["warning"] in check and "!." not in check and ".." not in check
    look(ada, "smart-check")

    # The roadmap's file goes into another workspace, currency and horizon as they were.
    exported = ada.request.get(url + "export.yaml")
    assert exported.ok and f"currency: {words['code']}" in exported.text()
    ada.goto("/workspaces/new/")
    ada.locator("#id_name").fill(words["other"])
    ada.locator("main button[type=submit]").click()
    ada.wait_for_url(re.compile(r"/w/[a-z-]+/$"))
    ada.locator("summary", has_text=words["import"]).click()
    ada.locator("#import-file").set_input_files(
        files=[{"name": "roadmap.yaml", "mimeType": "text/yaml", "buffer": exported.body()}]
    )
    ada.locator("form[enctype='multipart/form-data'] button[type=submit]").click()
    ada.wait_for_url(re.compile(r"/r/[a-z0-9-]+/$"))
    assert words["imported"] in ada.locator(".messages").inner_text()
    copy = Roadmap.objects.exclude(pk=roadmap.pk).get()
    assert (copy.currency, copy.end) == (roadmap.currency, roadmap.end)

    # A viewer of the first workspace reads Get started without a link that would refuse them.
    vera = User.objects.create_user(email="vera@example.com", password=PASSWORD)
    owner = User.objects.get(email="ada@example.com")
    workspace = Workspace.objects.get(slug=roadmap.workspace.slug)
    workspaces.set_membership(actor=owner, workspace=workspace, user=vera, role="viewer")
    vera.language = lang
    vera.save(update_fields=["language"])
    reader = new_context().new_page()
    reader.goto("/login/")
    reader.locator("#id_username").fill("vera@example.com")
    reader.locator("#id_password").fill(PASSWORD)
    reader.locator("form[action='/login/'] button[type=submit]").click()
    reader.wait_for_url(re.compile(r"://[^/]+/$"))
    reader.goto(url + "start/")
    assert words["viewer_start"] in reader.locator("main").inner_text()
    assert reader.locator("main a[href$='/objectives/new/'], main a[href$='/activities/new/']").count() == 0
    look(reader, "viewer-start")
    reader.goto(workspace_url)
    assert reader.locator("#new-roadmap").count() == 0, "no roadmap form for a viewer"
