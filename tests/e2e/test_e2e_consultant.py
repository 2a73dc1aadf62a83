"""A digital-strategy consultant's first hour with two clients, from an EMPTY database, in real Chromium.

Camille works in French. She creates her account, then one workspace per client, « Dupont & Fils » and
"Acme Ltd", and switches between them from *Mes espaces de travail*. She builds the French client's roadmap
(objectives, a person of the client's team owning an activity), then starts the English client's roadmap
**from it**: *Copier la feuille de route* into Acme Ltd, which carries the plan and none of Dupont's people;
she translates the objectives and sets the roadmap's content language to English on its form.
No e-mail server is set up (``console:``): the members page says nothing was sent and shows the link, which
she passes on. Each client gets an editor and a viewer; each signs up from the link in their own browser and
language and sees only their client: the other client's addresses are « not found », its name appears on no
page, in no change log. Acme's viewer, linked as a stakeholder, weighs the objectives; Camille closes the
vote, holds the quarterly review, and, her interface still in French, downloads the English client's
deliverables (PDF with the framing, deck, workbook) in English, each file in one language.

Every page reached is looked at as a person meets it (tests/e2e/look.py): nothing wider than the window at
1440 and 1280 px, every field labelled, no serious or critical axe-core fault, one language per page;
screenshots go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.one_language import giveaways
from tests.reports.documents_made import pdf_texts, pptx_texts, xlsx_made

from .conftest import download
from .look import Look, first_account, new_roadmap

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase"
DUPONT, ACME = "Dupont & Fils", "Acme Ltd"
FRENCH_PLAN, ENGLISH_PLAN = "Feuille de route Dupont & Fils 2027", "Acme roadmap 2027"
OBJECTIVES = ("Fidéliser les clients de l’atelier", "Relancer les paniers abandonnés")
TRANSLATED = ("Keep the workshop's customers loyal", "Win back abandoned carts")
QUESTION = "Which objectives matter most?"
DECISIONS = "Abandoned carts come first."
DUPONT_PERSON, FAIR = "Marc Dupont", "Salon de l’artisanat"
PEOPLE = {  # who, invited where, as what, reading which language
    "lea": ("lea@dupont.example", DUPONT, "éditeur", "fr", "Léa Dupont"),
    "hugo": ("hugo@dupont.example", DUPONT, "lecteur", "fr", "Hugo Fils"),
    "emma": ("emma@acme.example", ACME, "éditeur", "en", "Emma Stone"),
    "oliver": ("oliver@acme.example", ACME, "lecteur", "en", "Oliver Twist"),
}
CONTENT = (DUPONT, ACME, FRENCH_PLAN, ENGLISH_PLAN, *OBJECTIVES, *TRANSLATED, DUPONT_PERSON, FAIR, QUESTION,
           DECISIONS, *(name for *_rest, name in PEOPLE.values()),
           *(email for email, *_rest in PEOPLE.values()),
           "Camille Roux", "camille@conseil.example")  # fmt: skip


def new_workspace(page: Any, name: str) -> str:
    page.goto("/")
    page.get_by_role("link", name="Nouvel espace de travail").click()
    page.locator("#id_name").fill(name)
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()
    assert page.locator("h1").inner_text() == name
    return str(page.url).rstrip("/").rsplit("/", 1)[1]


def invite(page: Any, slug: str, email: str, role: str, language: str) -> str:
    """Camille invites ``email``; the page, not an e-mail, hands her the link."""
    page.goto(f"/w/{slug}/members/")
    form = page.locator("form", has=page.locator("#id_email"))
    form.locator("#id_email").fill(email)
    form.locator("#id_role").select_option(label=role)
    form.locator("#id_language").select_option(language)
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    return str(page.locator("#invitation-link").input_value())


def sign_up(new_context: Any, link: str, name: str, language: str, slug: str) -> Any:
    context = new_context()
    context.add_cookies([{"name": "jalon_language", "value": language, "url": link}])
    page = context.new_page()
    page.set_default_navigation_timeout(30_000)
    page.goto(link)
    page.locator("#id_display_name").fill(name)
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/w/{slug}/$"))
    return page


def status(page: Any, address: str) -> int:
    response = page.goto(address)
    assert response is not None
    return int(response.status)


def test_a_consultant_with_two_clients_from_an_empty_database(
    new_context: Any, shot: Any, settings: Any, tmp_path: Path
) -> None:
    from jalon.accounts.models import User
    from jalon.planning import services as planning
    from jalon.planning.models import Activity, Person
    from jalon.planning.people.services import create_person
    from jalon.strategy import services as strategy
    from jalon.strategy.models import Objective, Roadmap

    settings.EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"  # no e-mail server set up
    settings.MEDIA_ROOT = tmp_path
    french, english = Look(shot, "fr", CONTENT), Look(shot, "en", CONTENT)
    camille = new_context().new_page()
    camille.set_default_navigation_timeout(60_000)
    first_account(camille, "camille@conseil.example", PASSWORD, "fr")

    # 1. One workspace per client; she switches from « Mes espaces de travail ».
    dupont = new_workspace(camille, DUPONT)
    acme = new_workspace(camille, ACME)
    assert (dupont, acme) == ("dupont-fils", "acme-ltd")
    camille.get_by_role("navigation", name="Navigation principale").get_by_role(
        "link", name="Mes espaces de travail"
    ).click()
    home = french(camille, "home-two-clients")
    assert DUPONT in home and ACME in home
    camille.get_by_role("link", name=DUPONT, exact=True).click()
    camille.wait_for_url(re.compile(rf"/w/{dupont}/$"))

    # 2. The French client's roadmap: objectives, and a person of Dupont's team owning an activity.
    dupont_url = new_roadmap(camille, FRENCH_PLAN)
    owner = User.objects.get(email="camille@conseil.example")
    roadmap = Roadmap.objects.get(workspace__slug=dupont)
    for title in OBJECTIVES:  # typed in the SMART table elsewhere (test_e2e_first_hour.py)
        strategy.create_objective(actor=owner, roadmap=roadmap, title=title)
    marc = create_person(actor=owner, workspace=roadmap.workspace, roadmap=roadmap, name=DUPONT_PERSON)
    planning.create(Activity, actor=owner, roadmap=roadmap, title=FAIR, owner=marc)

    # ... then Acme's from it: the copy form offers the workspaces she edits, and lands in Acme Ltd.
    camille.goto(dupont_url)
    camille.get_by_role("link", name="Copier la feuille de route").click()
    camille.locator("#id_title").fill(ENGLISH_PLAN)
    camille.get_by_label("Dans l’espace de travail").select_option(label=ACME)
    french(camille, "copy-into-another-client")
    with camille.expect_navigation():
        camille.get_by_role("button", name="Faire la copie").click()
    assert re.search(rf"/w/{acme}/r/acme-roadmap-2027/$", camille.url), camille.url
    acme_url = camille.url
    copied = Roadmap.objects.get(workspace__slug=acme)
    assert sorted(copied.objectives.values_list("title", flat=True)) == sorted(OBJECTIVES)
    assert not Person.objects.filter(workspace=copied.workspace).exists()  # Dupont's people stay there
    assert copied.activities.get().owner is None
    for objective, english_title in zip(
        copied.objectives.order_by("position", "pk"), TRANSLATED, strict=True
    ):
        strategy.update_objective(actor=owner, objective=objective, expected_version=objective.version,
                                  changes={"title": english_title})  # she translates them  # fmt: skip

    # Acme's roadmap is written in English, though made from her French pages: she says so on its form.
    camille.goto(acme_url + "edit/")
    camille.get_by_label("Langue du contenu").select_option(label="Anglais")
    french(camille, "acme-roadmap-content-language")
    with camille.expect_navigation():
        camille.get_by_role("button", name="Enregistrer").click()
    assert Roadmap.objects.get(pk=copied.pk).language == "en"

    # 3. An editor and a viewer per client. No e-mail server: the page says so and hands over the link.
    links = {}
    for key, (email, where, role, language, _name) in PEOPLE.items():
        links[key] = invite(camille, dupont if where == DUPONT else acme, email, role, language)
        if key == "lea":
            shown = french(camille, "members-link-no-mail-server")
            assert "Aucun serveur de messagerie n’est configuré sur ce Jalon : rien n’est parvenu à" in shown
            assert "envoyez-lui ce lien vous-même" in shown and "Invitation envoyée par e-mail" not in shown
    people = {}
    for key, (_email, where, _role, language, name) in PEOPLE.items():
        slug = dupont if where == DUPONT else acme
        people[key] = sign_up(new_context, links[key], name, language, slug)
    lea, hugo, emma, oliver = (people[k] for k in ("lea", "hugo", "emma", "oliver"))

    # Each sees their client only: home, pages, change logs; the other client's addresses are not found.
    dupont_files = (
        f"/w/{dupont}/journal.csv",
        dupont_url + "export.yaml",
        dupont_url + "documents/?format=xlsx",
    )
    walks = (
        (hugo, french, DUPONT, ACME, (f"/w/{acme}/", acme_url, f"/w/{acme}/journal/")),
        (
            oliver,
            english,
            ACME,
            DUPONT,
            (f"/w/{dupont}/", dupont_url, f"/w/{dupont}/journal/", *dupont_files),
        ),
        (emma, english, ACME, DUPONT, (dupont_url + "copy/", *dupont_files)),
    )
    for page, look, mine, theirs, their_urls in walks:
        page.goto("/")
        text = look(page, f"home-{page.locator('html').get_attribute('lang')}-{mine[:4].lower()}")
        assert mine in text and theirs not in text
        for address in their_urls:
            assert status(page, address) == 404, address
            assert theirs not in page.locator("body").inner_text()
    # The histories Acme's people read name nothing of Dupont's, the copy included.
    assert status(oliver, acme_url + "history/journal/") == 200
    history = english(oliver, "acme-history-viewer")
    assert ENGLISH_PLAN in history and DUPONT not in history and FRENCH_PLAN not in history
    assert status(oliver, f"/w/{acme}/journal/") == 403  # the workspace's log is its owners'
    assert status(camille, f"/w/{acme}/journal/") == 200
    journal = french(camille, "acme-journal-owner")
    assert FRENCH_PLAN not in journal and DUPONT_PERSON not in journal
    oliver.goto(acme_url)
    roadmap_text = english(oliver, "acme-roadmap-viewer")
    assert TRANSLATED[0] in roadmap_text and "Copy the roadmap" not in roadmap_text
    assert status(oliver, acme_url + "copy/") == 403  # a viewer reads, and changes nothing
    hugo.goto(dupont_url)
    assert "Copier la feuille de route" not in french(hugo, "dupont-roadmap-viewer")
    assert status(hugo, dupont_url + "copy/") == 403
    # The editors edit their client's roadmap, and only it.
    assert status(lea, dupont_url + "copy/") == 200 and status(lea, acme_url) == 404
    emma.goto(acme_url)
    assert "Copy the roadmap" in english(emma, "acme-roadmap-editor")
    emma.goto(acme_url + "edit/")
    assert emma.get_by_label("Language of the content").input_value() == "en"
    english(emma, "acme-roadmap-edit-editor")

    # 5. Acme's viewer weighs the objectives as a stakeholder; Camille closes the vote.
    camille.goto(acme_url + "framing/")
    form = camille.locator("#form-stakeholder form")
    form.locator("[name=name]").fill("Oliver Twist")
    form.locator("[name=member]").select_option(label="Oliver Twist")
    with camille.expect_navigation():
        form.locator("button[type=submit]").click()
    camille.goto(acme_url)
    camille.locator("summary", has_text="Soumettre ces objectifs au vote des parties prenantes").click()
    assert camille.locator("#weigh-title").input_value() == QUESTION  # in Acme's language, not her page's
    with camille.expect_navigation():
        camille.locator("#weigh-objectives form").get_by_role("button", name="Ouvrir le vote").click()
    oliver.goto(acme_url + "framing/votes/")
    oliver.get_by_label(TRANSLATED[1], exact=True).fill("3")
    with oliver.expect_navigation():
        oliver.get_by_role("button", name="Save my ballot").click()
    english(oliver, "acme-ballot-saved")
    camille.goto(acme_url + "framing/votes/")
    with camille.expect_navigation():
        camille.get_by_role("button", name="Clore le vote").click()
    french(camille, "acme-vote-closed")
    assert Objective.objects.filter(roadmap=copied, title=TRANSLATED[1]).exists()

    # ... and holds the quarterly review.
    camille.goto(acme_url + "reviews/")
    review = camille.locator("form.review-form")
    review.locator("[name=decisions]").fill(DECISIONS)  # Acme reads them: in English
    with camille.expect_navigation():
        review.get_by_role("button", name="Tenir la revue").click()
    french(camille, "acme-review-held")
    oliver.goto(acme_url + "reviews/")
    assert "Hold the review" not in english(oliver, "acme-reviews-viewer")

    # 4. The English client's deliverables, in English, from her French interface.
    camille.goto(acme_url + "documents/")
    camille.locator("input[name=language][value=en]").check()
    files = {fmt: Path(download(camille.locator(f"button[name=format][value={fmt}]")).path()).read_bytes()
             for fmt in ("pdf", "pptx", "xlsx")}  # fmt: skip
    assert camille.locator("html").get_attribute("lang") == "fr"  # her interface stayed French
    texts = {
        "pdf": pdf_texts(files["pdf"]),
        "pptx": pptx_texts(files["pptx"]),
        "xlsx": xlsx_made("workbook", "en", files["xlsx"]).texts,
    }
    assert QUESTION in " ".join(" ".join(texts["pdf"]).split())  # the vote's results are in the report
    for fmt, found in texts.items():
        assert giveaways("\n".join(found), "en", content=CONTENT) == [], fmt
        assert TRANSLATED[0] in " ".join(" ".join(found).split()), fmt

    # The copy form in English, for a consultant who reads English (the header's switch, then back).
    camille.get_by_role("button", name="English").click()
    camille.wait_for_function("() => document.documentElement.lang === 'en'")
    camille.goto(dupont_url + "copy/")
    assert ACME in english(camille, "copy-into-another-client-en")
    assert camille.get_by_label("Into the workspace").count() == 1
