"""Back, Forward and Reload after a change. Back used to show a page as the browser first loaded it: a
text saved in place in the SMART table was back to its old words until a reload; now every page says
``Cache-Control: no-store`` and Back asks the server again (jalon.headers.NoStoreMiddleware). Back to the
page of an item just deleted used to say « Page introuvable »; it now says who deleted it and when
(jalon.history.deleted), and Forward then Reload send nothing again (POST, redirect, GET)."""

from __future__ import annotations

import re

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
SAVED = "Passer le taux de conversion de 2 % à 4 % d’ici la fin de l’exercice."


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_back_after_a_text_saved_in_place_shows_the_saved_text(members, logged_in_page, assets_loaded):
    page = logged_in_page(DEMO, "fr")
    page.goto(ROADMAP)
    assets_loaded(page)
    row = page.locator("#obj-taux-conversion")
    row.locator("td").nth(1).get_by_role("link", name=re.compile("^Modifier")).click()
    form = row.locator("form.cell-form")
    form.get_by_label("Spécifique").fill(SAVED)
    form.get_by_role("button", name="Enregistrer").click()
    form.wait_for(state="detached")
    page.get_by_role("link", name="Budget", exact=True).click()
    page.wait_for_url(re.compile(r"/budget/$"))
    page.go_back()
    page.wait_for_url(re.compile(r"/r/cloud-kicks/$"))
    assert SAVED in squash(page.locator("#obj-taux-conversion").inner_text())


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", ("Cet élément a été supprimé", "« Agence en retard » a été supprimé le", "Retour à la liste")),
        ("en", ("This item was deleted", "“Agence en retard” was deleted on", "Back to the list")),
    ],
)
def test_back_to_the_page_of_a_risk_just_deleted_says_who_deleted_it(
    members, logged_in_page, shot, language, words
):
    from jalon.planning import services
    from jalon.planning.models import Risk
    from jalon.strategy.models import Roadmap

    roadmap = Roadmap.objects.get(slug="cloud-kicks")
    services.create(Risk, actor=members["owner"], roadmap=roadmap, key="agence", title="Agence en retard")
    page = logged_in_page(DEMO, language)
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.method) if r.resource_type == "document" else None)
    page.goto(ROADMAP + "risks/agence/delete/")
    page.locator(".register-delete button[type=submit]").click()
    page.wait_for_url(re.compile(r"/risks/$"))
    assert not Risk.objects.filter(roadmap=roadmap, key="agence").exists()

    answer = page.go_back()
    assert answer is not None and answer.status == 410
    text = Look(shot, language)(page, "gone")
    heading, said, back = words
    assert heading in text and said in text
    assert "saved" not in text and "enregistrées" not in text, "Back saved nothing: no change was lost"
    page.get_by_role("link", name=back).click()
    page.wait_for_url(re.compile(r"/risks/$"))
    assert page.locator("tr[id^=item-]", has_text="Agence en retard").count() == 0

    page.go_back()
    page.go_forward()
    page.reload()
    page.wait_for_url(re.compile(r"/risks/$"))
    assert requests.count("POST") == 1, "Forward and Reload sent the deletion nothing again"
