"""An empty roadmap's pages say what is missing and what to do next, to those who can do it."""

from __future__ import annotations

import html
import re
from typing import Any

import pytest
from django.test import Client

from jalon.accounts.models import User
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap

NEXT_STEPS = {
    "reviews/": ("Aucune revue tenue pour l’instant.", "Tenez la première avec le formulaire ci-dessous"),
    "communication/": ("Le plan de communication est encore vide.", "Ajoutez le premier message ci-dessous"),
    "milestones/": ("Aucun jalon", "Ajoutez le premier ci-dessous"),
    "": ("Aucun objectif pour l’instant.", "Ajoutez le premier objectif</a> : le coach SMART le vérifie"),
    # The two timelines: an empty chart says what draws a bar, and where to give an activity its dates.
    "timeline/": ("Aucune activité pour l’instant : une activité s’affiche", "Ajoutez la première activité"),
    "executive/": ("Rien à montrer pour l’instant : les activités s’affichent", "Créez les groupes dans le"),
    "workload/": ("Aucun membre de l’équipe", "Ajouter des membres de l’équipe"),
    # An empty workspace team is not "everyone already works on this roadmap".
    "people/": (
        "Personne ne travaille encore sur cette feuille de route.",
        "L’équipe de l’espace de travail est vide",
    ),
}


@pytest.fixture
def members(team: Team) -> dict[str, User]:
    """One user per role of a small team: an empty roadmap needs no demo around it."""
    return team.users


@pytest.fixture
def empty_roadmap(team: Team) -> Roadmap:
    return make_roadmap(team.workspace, team.owner, slug="vide", title="Vide")


def page_text(user: Any, url: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(html.unescape(response.content.decode()).replace("'", "’").split())


@pytest.mark.parametrize("page", sorted(NEXT_STEPS))
def test_an_empty_page_tells_an_editor_what_to_do_next(page, empty_roadmap, members):
    text = page_text(members["owner"], f"/w/acme/r/vide/{page}")
    missing, next_step = NEXT_STEPS[page]
    assert missing in text
    assert next_step in text


@pytest.mark.parametrize("page", sorted(NEXT_STEPS))
def test_a_viewer_is_not_told_to_use_a_form_they_do_not_have(page, empty_roadmap, members):
    text = page_text(members["viewer"], f"/w/acme/r/vide/{page}")
    missing, next_step = NEXT_STEPS[page]
    assert missing in text
    assert next_step not in text


@pytest.mark.parametrize("page", ["timeline/", "executive/"])
def test_an_empty_timelines_scroll_box_is_reachable_by_keyboard_and_named(page, empty_roadmap, members):
    """With no bar in it, nothing inside the wide chart takes the focus: the box itself must (axe-core's
    scrollable-region-focusable), with a name a screen reader announces."""
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(members["owner"])
    content = client.get(f"/w/acme/r/vide/{page}").content.decode()
    boxes = re.findall(r'<div class="timeline-scroll"[^>]*>', content)
    assert boxes, page
    for box in boxes:
        assert 'tabindex="0"' in box and 'role="region"' in box, box
        assert "aria-label=" in box or "aria-labelledby=" in box, box


def test_an_empty_backlog_is_not_said_to_be_all_done(empty_roadmap, members):
    """There is none yet: the editor is told what the optimiser needs and where to add it (readers see no
    rules form at all)."""
    text = page_text(members["owner"], "/w/acme/r/vide/portfolio/")
    assert "chaque activité est terminée" not in text
    assert "Le backlog est vide" in text and "Ajoutez la première activité</a>, puis revenez ici." in text


def test_an_empty_workspace_team_is_not_said_to_be_all_on_the_roadmap(empty_roadmap, members):
    text = page_text(members["owner"], "/w/acme/r/vide/people/")
    assert "Toute l’équipe de l’espace de travail travaille déjà" not in text
    assert "ajoutez des personnes de l’équipe de l’espace de travail ci-dessous" not in text


def test_the_executive_view_shows_an_objectives_own_target_before_any_kpi(empty_roadmap, members):
    """A manager who typed a target on the objective reads it there, not a dash, until a KPI is measured."""
    from jalon.strategy.services import create_objective

    create_objective(
        actor=members["owner"], roadmap=empty_roadmap, key="ventes", title="Augmenter les ventes en ligne",
        unit="€", target=1_800_000.0,
    )  # fmt: skip
    text = (
        page_text(members["owner"], "/w/acme/r/vide/executive/").replace("\u202f", " ").replace("\xa0", " ")
    )
    row = text.split('id="health-ventes"')[1].split("</tr>")[0]
    assert "1 800 000 €" in row


def test_a_persons_page_without_any_activity_offers_no_empty_assignment_form(empty_roadmap, members):
    """An empty list to choose from is a dead end: the page says what to do instead."""
    from jalon.planning import services
    from jalon.planning.models import Person

    services.create(Person, actor=members["owner"], roadmap=empty_roadmap, key="lea", name="Léa Petit")
    text = page_text(members["owner"], "/w/acme/r/vide/people/lea/")
    assert "Le backlog n’a encore aucune activité à affecter" in text
    assert 'class="stacked assign-form"' not in text


def test_a_timeline_of_undated_activities_says_where_to_give_them_dates(empty_roadmap, members):
    """Ideas without dates are no bar: the operational view says so and leads to the backlog, not to a chart
    as empty as a roadmap without activity, nor to « no activity matches these options » (none is chosen)."""
    from jalon.planning import services
    from jalon.planning.models import Activity

    services.create(Activity, actor=members["owner"], roadmap=empty_roadmap, key="idee", title="Une idée")
    text = page_text(members["owner"], "/w/acme/r/vide/timeline/")
    assert "Aucune activité n’a encore de dates" in text and "Datez-les dans le" in text
    assert "Aucune activité ne correspond à ces options" not in text
    filtered = page_text(members["owner"], "/w/acme/r/vide/timeline/?status=done")
    assert "Aucune activité ne correspond à ces options" in filtered
    assert "Aucune activité n’a encore de dates" not in filtered


def test_the_dashboard_offers_an_editor_a_kpi_for_an_objective_that_has_none(empty_roadmap, members):
    from jalon.strategy.services import create_objective

    create_objective(actor=members["owner"], roadmap=empty_roadmap, key="ventes", title="Vendre plus")
    link = 'href="/w/acme/r/vide/kpis/new/?objective=ventes">Ajouter un indicateur</a>'
    assert link in page_text(members["owner"], "/w/acme/r/vide/dashboard/")
    assert link not in page_text(members["viewer"], "/w/acme/r/vide/dashboard/")
