"""A consultant's first hour with two clients and a stakeholder, from an EMPTY database, in real Chromium,
in French and in English.

Ada opens a fresh Jalon, creates one workspace per client (a second one named like the first is refused,
naming it), puts three objectives in the first client's SMART table, and invites Inès as a stakeholder:
the link comes from the page. Inès signs up in her own browser and sees only that client. Ada links her on
the kick-off page and, from the SMART table, asks the stakeholders to weigh the objectives (all ticked);
Inès spreads her points, sees the results beside each objective and no editor control, and every address
of the other client answers « not found ». Ada closes the vote and orders the SMART table by its results.

Every page reached is looked at as a person meets it (tests/e2e/look.py): nothing wider than the window at
1440 and 1280 px, every field labelled, no serious or critical axe-core fault, one language per page;
screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from .look import Look, first_account, new_roadmap

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase"

WORDS: dict[str, dict[str, Any]] = {
    "fr": {
        "client": "Client Rivage", "namesake": "client  rivage", "other": "Client Élan",
        "refused": "Vous possédez déjà un espace de travail nommé Client Rivage",
        "objectives": ("Fidéliser les clients", "Relancer les paniers abandonnés", "Lancer l’application"),
        "secret": "Objectif confidentiel Élan", "role": "partie prenante", "stakeholder": "Inès Moreau",
        "weigh": "Soumettre ces objectifs au vote des parties prenantes", "open": "Ouvrir le vote",
        "save": "Enregistrer mon bulletin", "close": "Clore le vote",
        "order": "Ordonner le tableau SMART selon ces résultats",
        "standing": "Vote des parties prenantes : rang 1 sur 3 · 3 points · 1 votant",
        "not_found": "Page introuvable",
    },
    "en": {
        "client": "Shore Client", "namesake": "shore  client", "other": "Elan Client",
        "refused": "You already own a workspace called Shore Client",
        "objectives": ("Keep customers loyal", "Win back abandoned carts", "Launch the app"),
        "secret": "Elan's confidential objective", "role": "stakeholder", "stakeholder": "Ines Moreau",
        "weigh": "Ask the stakeholders to weigh these objectives", "open": "Open the vote",
        "save": "Save my ballot", "close": "Close the vote",
        "order": "Order the SMART table by these results",
        "standing": "Stakeholder vote: rank 1 of 3 · 3 points · 1 voter",
        "not_found": "Page not found",
    },
}  # fmt: skip


def new_workspace(page: Any, name: str) -> None:
    page.goto("/workspaces/new/")
    page.locator("#id_name").fill(name)
    page.locator("main button[type=submit]").click()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_consultants_clients_and_their_stakeholder_from_an_empty_database(
    new_context: Any, shot: Any, lang: str
) -> None:
    from jalon.accounts.models import User
    from jalon.strategy import services as strategy
    from jalon.strategy.models import Objective, Roadmap

    words = WORDS[lang]
    look = Look(shot, lang, (words["client"], words["other"], *words["objectives"], words["stakeholder"]))
    ada = new_context().new_page()
    ada.set_default_navigation_timeout(30_000)
    first_account(ada, "ada@example.com", PASSWORD, lang)

    # Two clients; a third workspace named like the first is refused, naming it.
    new_workspace(ada, words["client"])
    ada.wait_for_url(re.compile(r"/w/[a-z-]+/$"))
    client_slug = str(ada.url).rstrip("/").rsplit("/", 1)[1]
    new_workspace(ada, words["other"])
    ada.wait_for_url(re.compile(r"/w/[a-z-]+/$"))
    other_slug = str(ada.url).rstrip("/").rsplit("/", 1)[1]
    new_workspace(ada, words["namesake"])
    assert words["refused"] in look(ada, "namesake-refused")
    ada.goto(f"/w/{client_slug}/")
    roadmap_url = new_roadmap(ada, "2027")
    ada.goto(f"/w/{other_slug}/")
    other_url = new_roadmap(ada, "2027")
    owner = User.objects.get(email="ada@example.com")
    roadmap = Roadmap.objects.get(workspace__slug=client_slug)
    other = Roadmap.objects.get(workspace__slug=other_slug)
    for title in words["objectives"]:  # typed in the SMART table elsewhere (test_e2e_first_hour.py)
        strategy.create_objective(actor=owner, roadmap=roadmap, title=title)
    strategy.create_objective(actor=owner, roadmap=other, title=words["secret"])

    # Ada invites Inès as a stakeholder of the first client; the link is on the page and in the e-mail.
    ada.goto(f"/w/{client_slug}/members/")
    ada.locator("#id_email").fill("ines@example.com")
    ada.locator("#id_role").select_option(label=words["role"])
    # The members page has two forms since owners rename a workspace there: the invitation is the one
    # with the e-mail.
    ada.locator("form", has=ada.locator("#id_email")).locator("button[type=submit]").click()
    ada.wait_for_function("() => document.querySelector('#invitation-link') !== null")
    link = ada.locator("#invitation-link").input_value()
    assert len(mail.outbox) == 1 and link in str(mail.outbox[0].body)

    # Inès signs up from the link in her own browser and sees only that client.
    ines_context = new_context()
    ines_context.add_cookies([{"name": "jalon_language", "value": lang, "url": link}])
    ines = ines_context.new_page()
    ines.set_default_navigation_timeout(30_000)
    ines.goto(link)
    look(ines, "invitation")
    ines.locator("#id_display_name").fill(words["stakeholder"])
    ines.locator("#id_password1").fill(PASSWORD)
    ines.locator("#id_password2").fill(PASSWORD)
    ines.locator("main form button[type=submit]").click()
    ines.wait_for_url(re.compile(rf"/w/{client_slug}/$"))
    ines.goto("/")
    home = look(ines, "stakeholder-home")
    assert words["client"] in home and words["other"] not in home

    # Ada links Inès on the kick-off page, then opens the vote from the SMART table, every objective ticked.
    ada.goto(roadmap_url + "framing/")
    form = ada.locator("#form-stakeholder form")
    form.locator("[name=name]").fill(words["stakeholder"])
    form.locator("[name=member]").select_option(label=words["stakeholder"])  # her name, as she gave it
    with ada.expect_navigation():
        form.locator("button[type=submit]").click()
    ada.goto(roadmap_url)
    ada.locator("summary", has_text=words["weigh"]).click()
    weigh = ada.locator("#weigh-objectives form")
    assert weigh.locator("input[name=objectives]:checked").count() == 3
    question = "e => e.value.length > 10 && e.scrollWidth <= e.clientWidth"  # the default question read whole
    assert weigh.locator("#weigh-title").evaluate(question)
    look(ada, "smart-table-weigh")
    with ada.expect_navigation():
        weigh.get_by_role("button", name=words["open"]).click()
    assert re.search(r"/framing/votes/$", ada.url)
    look(ada, "votes-opened")
    assert ada.locator("#weigh-title").evaluate(question)  # on the votes page too

    # Inès votes in her browser: three points on the second objective; she opens nothing, closes nothing.
    ines.goto(roadmap_url + "framing/votes/")
    ines.get_by_label(words["objectives"][1], exact=True).fill("3")
    with ines.expect_navigation():
        ines.get_by_role("button", name=words["save"]).click()
    text = look(ines, "ballot-saved")
    assert words["close"] not in text and words["open"] not in text
    ines.goto(roadmap_url)
    assert words["standing"] in look(ines, "stakeholder-smart-table")
    assert ines.locator("#weigh-objectives").count() == 0

    # The other client does not exist for Inès, whatever the address.
    others = (f"/w/{other_slug}/", other_url, other_url + "framing/votes/", f"/w/{other_slug}/members/")
    for address in others:
        response = ines.goto(address)
        assert response is not None and response.status == 404, address
        body = ines.locator("body").inner_text()
        assert words["not_found"] in body and words["secret"] not in body and words["other"] not in body

    # Ada closes the vote and orders the SMART table by its results.
    ada.reload()
    with ada.expect_navigation():
        ada.get_by_role("button", name=words["close"]).click()
    with ada.expect_navigation():
        ada.get_by_role("button", name=words["order"]).click()
    ordered = Objective.objects.filter(roadmap=roadmap).order_by("position", "pk")
    assert ordered.first().title == words["objectives"][1]  # type: ignore[union-attr]
    ada.goto(roadmap_url)
    text = look(ada, "smart-table-voted")
    assert words["standing"] in text
    assert text.index(words["objectives"][1]) < text.index(words["objectives"][0])
