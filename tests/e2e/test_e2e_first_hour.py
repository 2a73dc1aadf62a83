"""The first hour from an empty database, in real Chromium and in French, as a new team lives it.

Ada opens a fresh Jalon: the first visit makes her the administrator; she creates a workspace and invites Zoé,
whose link comes from the e-mail outbox. Zoé accepts in her own browser, sets a password, lands in the
workspace as an editor and creates the roadmap, which opens on *Démarrer*. Ada then builds the roadmap by
following the 7 steps, each ticking as it is done: two objectives with French numbers typed (`1 500`,
`2 500,50`, `12 %`), the communication plan, three activities (Zoé adds one), their scores, a thematic
group, dates, a person responsible, a quarterly review. Nobody types a key or a command.

Every page reached is checked as a person would meet it, the empty timelines and a thematic group named
with one long word included: nothing wider than the window at 1440 and 1280 px, every field labelled, no
serious or critical axe-core fault (a table's scroll box that a long word widens takes the focus);
screenshots go to test-artifacts/screenshots/ (docs/getting-started.md shows them).
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-pass-phrase"
ROADMAP = "Lancement printemps 2027"
NNBSP, NBSP = "\u202f", "\u00a0"
LONG_THEME = "#" + "RéactivationDesClientsDormantsParEmailSmsEtCourrier" * 3  # a hashtag: no place to break


def checklist(page: Any) -> Any:
    """Back to *Démarrer* the way a person goes: the roadmap's tab (through the roadmap's page if needed)."""
    if not tab(page, "Démarrer").count():
        page.locator(".breadcrumbs").get_by_role("link", name=ROADMAP).click()
    tab(page, "Démarrer").click()
    page.wait_for_url(re.compile(r"/start/$"))
    return page


def tab(page: Any, name: str) -> Any:
    return page.locator(".roadmap-nav").get_by_role("link", name=name, exact=True)


def step(page: Any, key: str) -> Any:
    return page.locator(f"#step-{key}")


def assert_done(page: Any, key: str, evidence: str, progress: str) -> None:
    assert step(page, key).locator(".badge").inner_text() == "terminée", key
    assert step(page, key).locator(".start-mark").inner_text() == "✓", key
    assert evidence in step(page, key).locator(".start-evidence").inner_text(), key
    assert page.locator("#start-progress-text").inner_text() == progress


def fill(page: Any, fields: dict[str, str]) -> None:
    """Type into fields found by their visible label, or choose the option shown. A label is written as it
    reads (« Titre : »); its field's name is the words before the colon (a required field's label holds only
    its name, the « (obligatoire) » mark and the colon standing beside it; an optional one keeps its
    colon)."""
    for label, value in fields.items():
        name = re.escape(label.removesuffix(" :").removesuffix("\u00a0:"))
        field = page.get_by_label(re.compile(rf"^{name}(\s*:)?$"))
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)


def test_the_first_hour_from_an_empty_database_to_a_roadmap_built_in_seven_steps(new_context, shot) -> None:
    look = Look(shot)

    # 1. The first visit creates the administrator's account.
    ada = new_context().new_page()
    ada.goto("/")
    ada.wait_for_url(re.compile(r"/setup/$"))
    assert ada.locator("h1").inner_text() == "Bienvenue dans Jalon"
    look(ada, "setup")
    fill(ada, {"Adresse e-mail :": "ada@example.com", "Votre nom :": "Ada Lovelace"})
    fill(ada, {"Mot de passe :": PASSWORD, "Mot de passe, à nouveau :": PASSWORD})
    ada.get_by_role("button", name="Créer le compte administrateur").click()
    ada.wait_for_url(re.compile(r"://[^/]+/$"))
    assert "Vous n’appartenez encore à aucun espace de travail" in ada.locator("main").inner_text()
    look(ada, "home-empty")

    # 2. A workspace: Ada owns it.
    ada.get_by_role("link", name="Nouvel espace de travail").click()
    ada.locator("#id_name").fill("Équipe Marketing")
    look(ada, "new-workspace")
    ada.get_by_role("button", name="Créer l’espace de travail").click()
    ada.wait_for_url(re.compile(r"/w/equipe-marketing/$"))
    assert ada.locator("h1").inner_text() == "Équipe Marketing"
    assert "Votre rôle\u00a0: propriétaire" in ada.locator("main").inner_text()

    # 3. Ada invites Zoé as an editor; the link is in the e-mail and on the page.
    ada.get_by_role("link", name="Membres et invitations").click()
    fill(ada, {"Adresse e-mail :": "zoe@example.com", "Rôle :": "éditeur"})
    ada.get_by_role("button", name="Envoyer l’invitation").click()
    ada.wait_for_function("() => document.querySelector('#invitation-link') !== null")
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zoe@example.com"]
    link = re.search(r"https?://\S+/invitations/\S+/", str(mail.outbox[0].body))
    assert link is not None and link.group(0) == ada.locator("#invitation-link").input_value()
    assert "Invitation envoyée par e-mail à zoe@example.com." in ada.locator(".messages").inner_text()
    assert "zoe@example.com" in ada.locator("#pending-title + .table-scroll").inner_text()
    look(ada, "members-invited")

    # 4. Zoé accepts in her own browser, lands in the workspace as an editor and creates the roadmap.
    zoe = new_context().new_page()
    zoe.goto(link.group(0))
    assert zoe.locator("h1").inner_text() == "Rejoindre Équipe Marketing"
    assert zoe.locator("#invited-email").input_value() == "zoe@example.com"
    look(zoe, "invitation")
    fill(zoe, {"Votre nom :": "Zoé Martin"})
    fill(zoe, {"Mot de passe :": PASSWORD, "Mot de passe, à nouveau :": PASSWORD})
    zoe.get_by_role("button", name="Créer mon compte et rejoindre").click()
    zoe.wait_for_url(re.compile(r"/w/equipe-marketing/$"))
    assert "Votre rôle\u00a0: éditeur" in zoe.locator("main").inner_text()
    assert zoe.get_by_role("link", name="Membres et invitations").count() == 0
    zoe.get_by_text("Nouvelle feuille de route").click()
    fill(zoe, {"Titre :": ROADMAP, "Début :": "2027-01-01", "Horizon :": "12 mois"})
    look(zoe, "new-roadmap")
    zoe.get_by_role("button", name="Créer la feuille de route").click()
    zoe.wait_for_url(re.compile(r"/start/$"))
    assert zoe.locator("h1").inner_text() == "Démarrer"
    assert zoe.locator("#start-progress-text").inner_text() == "0 étape sur 7 faite"
    assert zoe.locator(".start-step.todo").count() == 7
    look(zoe, "start-empty")

    # The two timelines of an empty roadmap: nothing to drag yet, the chart's box still takes the focus.
    for name in ("Vue opérationnelle", "Vue direction"):
        tab(zoe, name).click()
        zoe.wait_for_url(re.compile(r"/(timeline|executive)/$"))
        box = zoe.locator(".timeline-scroll").first
        assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region", name
        look(zoe, "empty-" + zoe.url.rstrip("/").rsplit("/", 1)[1])

    # The link worked once; Ada sees Zoé among the members.
    again = new_context().new_page()
    again.goto(link.group(0))
    assert again.locator("h1").inner_text() == "Cette invitation n’est plus utilisable"
    ada.reload()
    assert "Zoé Martin" in ada.locator("#members-title + .table-scroll").inner_text()
    assert "zoe@example.com a rejoint l’espace en tant que éditeur" in ada.locator("main").inner_text()
    look(ada, "members-accepted")

    # 5. Ada opens the roadmap from the workspace page and follows the checklist.
    ada.locator(".breadcrumbs").get_by_role("link", name="Équipe Marketing").click()
    ada.get_by_role("link", name=ROADMAP).click()
    checklist(ada)

    # Step 1: two objectives, numbers typed the French way; both pass the SMART check.
    objectives = [
        {
            "Titre :": "Augmenter le chiffre d'affaires mensuel de la boutique en ligne",
            "Impact métier :": "Plus de ventes en ligne pour financer l'ouverture de deux boutiques.",
            "Spécifique :": "Faire passer le chiffre d'affaires mensuel de la boutique en ligne de 1 500 € à "
            "2 500,50 € d'ici la fin de l'exercice, afin d'augmenter les ventes.",
            "Métrique :": "chiffre d'affaires mensuel",
            "Unité :": "€",
            "Valeur de départ :": "1 500",
            "Cible :": "2 500,50",
            "Sens :": "augmenter",
            "Règle d’échéance :": "fin de l’exercice",
        },
        {
            "Titre :": "Porter le taux de réachat à 12 %",
            "Impact métier :": "Des clients qui reviennent coûtent moins cher que des nouveaux.",
            "Spécifique :": "Faire passer le taux de réachat des clients de 8 % à 12 % d'ici la fin du T2 de "
            "l'exercice, afin de fidéliser les clients et d'augmenter les ventes.",
            "Métrique :": "taux de réachat",
            "Unité :": "%",
            "Valeur de départ :": "8 %",
            "Cible :": "12 %",
            "Sens :": "augmenter",
            "Règle d’échéance :": "fin du T2 de l’exercice",
        },
    ]
    shown = [(f"1{NNBSP}500{NBSP}€", f"2{NNBSP}500,50{NBSP}€"), (f"8{NBSP}%", f"12{NBSP}%")]
    for number, (fields, (baseline, target)) in enumerate(zip(objectives, shown, strict=True)):
        step(ada, "objectives").get_by_role("link", name="Nouvel objectif").click()
        fill(ada, fields)
        coach = ada.locator("#coach-panel")
        coach.get_by_text("Délimités dans le temps").wait_for()
        ada.wait_for_function("() => !document.querySelector('#coach-panel .criterion.fails')")
        assert "ne concordent pas" not in coach.inner_text()
        if number == 0:
            look(ada, "objective-new")
        ada.get_by_role("button", name="Enregistrer").click()
        ada.wait_for_url(re.compile(r"/o/[^/]+/$"))
        facts = ada.locator("main").inner_text()
        assert baseline in facts and target in facts, facts
        if number == 0:
            look(ada, "objective")
        checklist(ada)
    assert_done(ada, "objectives", "2 objectifs sur 2 passent le contrôle SMART", "1 étape sur 7 faite")
    look(ada, "start-objectives")

    # Step 2, the audience: who hears about the roadmap, in the communication plan.
    step(ada, "audience").get_by_role("link", name="Plan de communication").click()
    fill(ada, {"Public": "clients", "Message": "Le nouveau programme de fidélité", "Canal": "e-mail"})
    fill(ada, {"Fréquence": "mensuelle", "Responsable": "Zoé Martin", "Prochaine date": "2027-02-01"})
    ada.get_by_role("button", name="Ajouter", exact=True).click()
    ada.locator(".communication-table").get_by_text("Le nouveau programme de fidélité").wait_for()
    look(ada, "communication")
    checklist(ada)
    assert_done(ada, "audience", "1 public dans le plan de communication", "2 étapes sur 7 faites")
    assert step(ada, "communication").locator(".badge").inner_text() == "à faire"  # no review yet

    # Step 3, ideas: three activities, one of them added by Zoé.
    for title in ("Séquence d’e-mails de bienvenue", "Programme de fidélité"):
        step(ada, "ideas").get_by_role("link", name="Nouvelle activité").click()
        fill(ada, {"Titre": title})
        ada.get_by_label("Porter le taux de réachat à 12 %").check()
        if title.startswith("Séquence"):
            look(ada, "activity-new")
        ada.get_by_role("button", name="Enregistrer").click()
        ada.wait_for_url(re.compile(r"/activities/[^/]+/$"))
        assert "Activité créée." in ada.locator(".messages").inner_text()
        checklist(ada)
    tab(zoe, "Backlog").click()
    zoe.get_by_role("link", name="Nouvelle activité").click()
    fill(zoe, {"Titre": "Refonte des fiches produits", "Coût": "1 200"})
    zoe.get_by_role("button", name="Enregistrer").click()
    zoe.wait_for_url(re.compile(r"/activities/[^/]+/$"))
    assert f"1{NNBSP}200{NBSP}€" in zoe.locator("main").inner_text()
    ada.reload()
    assert_done(ada, "ideas", "3 activités dans le backlog", "3 étapes sur 7 faites")

    # Step 4, prioritisation: an activity scored for impact and feasibility, from the backlog.
    step(ada, "prioritisation").get_by_role("link", name="Backlog").click()
    ada.wait_for_url(re.compile(r"/backlog/$"))  # count() does not wait: it would count the page being left
    assert ada.locator(".backlog-table tbody tr").count() == 3
    look(ada, "backlog")
    ada.get_by_role("link", name="Programme de fidélité").click()
    ada.get_by_role("link", name="Modifier l’activité").click()
    fill(ada, {"Impact": "4", "Faisabilité": "3"})
    ada.get_by_role("button", name="Enregistrer").click()
    ada.wait_for_url(re.compile(r"/activities/[^/]+/$"))
    look(ada, "activity")
    checklist(ada)
    assert_done(ada, "prioritisation", "1 activité notée", "4 étapes sur 7 faites")

    # Step 5, the visual map: a thematic group with its budget, then dates on the timeline.
    step(ada, "visual_map").get_by_role("link", name="Budget").click()
    fill(ada, {"Nom": "Fidélisation", "Budget": "12 000"})
    ada.get_by_role("button", name="Ajouter", exact=True).click()
    ada.locator(".budget-table").get_by_text("Fidélisation").wait_for()
    assert f"12{NNBSP}000{NBSP}€" in ada.locator(".budget-table").inner_text()
    fill(ada, {"Nom": LONG_THEME, "Budget": "0"})  # one long word: it wraps, and the filters stay narrow
    ada.get_by_role("button", name="Ajouter", exact=True).click()
    ada.locator(".budget-table").get_by_text(LONG_THEME).wait_for()
    look(ada, "budget")
    tab(ada, "Backlog").click()
    ada.get_by_role("link", name="Programme de fidélité").click()
    ada.get_by_role("link", name="Modifier l’activité").click()
    fill(ada, {"Groupe thématique": "Fidélisation", "Début": "2027-02-01", "Fin": "2027-03-31"})
    ada.get_by_role("button", name="Enregistrer").click()
    ada.wait_for_url(re.compile(r"/activities/[^/]+/$"))
    checklist(ada)
    assert_done(ada, "visual_map", "1 activité datée, 2 groupes thématiques", "5 étapes sur 7 faites")
    step(ada, "visual_map").get_by_role("link", name="Vue opérationnelle").click()
    ada.wait_for_url(re.compile(r"/timeline/$"))  # all_text_contents() does not wait for the new page either
    chart = ada.locator("svg").filter(has=ada.locator("text.tl-quarter")).first
    assert "T1 2027" in chart.locator("text.tl-quarter").all_text_contents()  # French quarters, no "FY"
    assert "Programme de fidélité" in chart.inner_html()
    assert LONG_THEME in ada.locator("#tl-theme").inner_text()  # the filter lists it, and fits in the window
    look(ada, "timeline")

    # Step 6, responsibilities: Zoé joins the roadmap's team and owns the loyalty programme.
    checklist(ada)
    step(ada, "responsibilities").locator(".start-links a").first.click()
    fill(ada, {"Nom": "Zoé Martin", "Rôle": "Chargée CRM", "Capacité (heures par semaine)": "35"})
    ada.get_by_role("button", name="Ajouter", exact=True).click()
    assert "Zoé Martin" in ada.locator("h1").inner_text() + ada.locator(".messages").inner_text()
    look(ada, "team")
    tab(ada, "Charge de travail").click()
    ada.wait_for_url(re.compile(r"/workload/$"))
    assert LONG_THEME in ada.locator("#filter-theme").inner_text()
    look(ada, "workload")
    tab(ada, "Backlog").click()
    ada.get_by_role("link", name="Programme de fidélité").click()
    ada.get_by_role("link", name="Modifier l’activité").click()
    fill(ada, {"Responsable": "Zoé Martin"})
    ada.get_by_role("button", name="Enregistrer").click()
    ada.wait_for_url(re.compile(r"/activities/[^/]+/$"))
    checklist(ada)
    assert_done(ada, "responsibilities", "1 activité a un responsable", "6 étapes sur 7 faites")

    # Step 7, communication and review: the first quarterly review, titled in French.
    step(ada, "communication").get_by_role("link", name="Revues trimestrielles").click()
    title = ada.get_by_label("Titre", exact=True).input_value()
    assert re.fullmatch(r"Revue T[1-4] \d{4}", title), title  # the fiscal year is the calendar year here
    look(ada, "reviews")
    fill(ada, {"Décisions": "Lancer le programme de fidélité en février."})
    ada.get_by_role("button", name="Tenir la revue").click()
    ada.wait_for_url(re.compile(r"/reviews/[^/]+/$"))
    budget = ada.locator(".table-scroll", has=ada.get_by_text(LONG_THEME))
    assert budget.evaluate("box => box.scrollWidth <= box.clientWidth")  # the name wraps, figures in view
    look(ada, "review")
    checklist(ada)
    assert_done(ada, "communication", "1 revue trimestrielle", "7 étapes sur 7 faites")
    assert ada.locator(".start-step.done").count() == 7
    assert ada.get_by_text("Étape suivante").count() == 0
    look(ada, "start-done")

    # Zoé sees the same roadmap, seven steps done.
    checklist(zoe)
    assert zoe.locator("#start-progress-text").inner_text() == "7 étapes sur 7 faites"


def test_error_pages_are_in_the_sites_layout_and_the_readers_language(new_context, members, shot) -> None:
    from .conftest import log_in

    owner = log_in(new_context().new_page(), "demo@jalon.local")
    owner.goto("/w/nowhere/")
    assert owner.locator("h1").inner_text() == "Page introuvable"
    assert owner.locator(".site-header").count() == 1
    shot(owner, "404")
    editor = log_in(new_context().new_page(), "editor@example.com")
    editor.goto("/w/cloud-kicks/members/")
    assert editor.locator("h1").inner_text() == "Action non autorisée"
    editor.get_by_role("button", name="English").click()
    editor.wait_for_function("() => document.documentElement.lang === 'en'")
    assert editor.locator("h1").inner_text() == "Not allowed"
    shot(editor, "403-en")
