"""The framing in real Chromium: orders uploaded, personas proposed, an action added, the calendar
showing its dated contacts (French, at 1440 px)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from jalon.demo.orders import synthetic_orders
from jalon.documents.orders_file import orders_csv
from tests.e2e.conftest import SLOW_MS, download, log_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

FRAMING = "/w/cloud-kicks/r/cloud-kicks/framing/"


def test_orders_become_personas_and_an_action_fills_the_calendar(
    new_context: Any, members: Any, shot: Any, tmp_path: Path
) -> None:
    orders = tmp_path / "commandes.csv"
    orders.write_text(orders_csv(synthetic_orders(customers=500, seed=5)), encoding="utf-8")
    page = new_context().new_page()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.set_default_navigation_timeout(30_000)
    log_in(page, "demo@jalon.local")
    page.goto(FRAMING)
    assert page.locator("h1").inner_text() == "Cadrage\u00a0: lancement"
    shot(page, "kickoff")

    page.get_by_role("link", name="Personae et cycle de vie").click()
    page.locator("#id_file").set_input_files(str(orders))
    # The click waits for the page that answers the upload, as long as segmenting 500 customers takes: on a
    # machine busy with another test process that outlasted a click's 10 s.
    page.get_by_role("button", name="Segmenter et proposer des personae").click(timeout=SLOW_MS)
    page.wait_for_url(re.compile(r"/framing/personas/$"))
    page.wait_for_function("() => document.querySelectorAll('.persona-card').length >= 4")
    assert "500" in page.locator("#orders-summary").inner_text()
    assert page.locator(".persona-card").count() <= 6
    shot(page, "personas")

    page.get_by_role("link", name="Plan d’animation").click()
    page.locator("#id_what").fill("Newsletter nouveautés")
    page.locator("#id_channel").select_option("email")
    page.locator("#id_frequency").select_option("weekly")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    page.wait_for_url(re.compile(r"/framing/plan/$"))
    page.wait_for_function("() => document.querySelectorAll('#month-calendar .contact').length >= 4")
    assert "Newsletter nouveautés" in page.locator("#month-calendar").inner_text()
    shot(page, "plan")


def test_a_stakeholder_votes_and_the_results_rank_the_proposals(
    new_context: Any, members: Any, shot: Any
) -> None:
    from jalon.framing import services
    from jalon.framing.models import Stakeholder, Workshop
    from jalon.strategy.models import Roadmap

    roadmap = Roadmap.objects.get(slug="cloud-kicks")
    framing = services.open_framing(actor=members["owner"], roadmap=roadmap)
    workshop = services.create(Workshop, actor=members["owner"], framing=framing, kind="plan")
    services.create(
        Stakeholder, actor=members["owner"], framing=framing, name="Inès Moreau",
        member=members["stakeholder"], workshops=[workshop],
    )  # fmt: skip
    vote = services.open_vote(
        actor=members["owner"], framing=framing, title="Priorités", points=3, workshop=workshop,
        proposals=["Programme de fidélité", "Relance panier"],
    )  # fmt: skip
    page = new_context().new_page()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.set_default_navigation_timeout(30_000)
    log_in(page, "stakeholder@example.com")
    page.goto(FRAMING + "votes/")
    assert page.get_by_role("button", name="Clore le vote").count() == 0
    page.get_by_label("Relance panier").fill("3")
    page.get_by_role("button", name="Enregistrer mon bulletin").click()
    page.wait_for_function(
        "() => document.querySelector('.vote-results tbody th').textContent === 'Relance panier'"
    )
    assert "1 bulletin" in page.locator(f"#vote-section-{vote.pk}").inner_text()
    shot(page)


def test_the_pressure_check_flags_an_overloaded_week_and_the_ics_export_opens(
    new_context: Any, members: Any, shot: Any
) -> None:
    from icalendar import Calendar

    from jalon.framing import services
    from jalon.framing.models import PlanAction
    from jalon.strategy.models import Roadmap

    roadmap = Roadmap.objects.get(slug="cloud-kicks")
    framing = services.open_framing(actor=members["owner"], roadmap=roadmap)
    for what in ("Newsletter", "Promo « été »; -20 %", "Conseils running"):
        services.create(
            PlanAction,
            actor=members["owner"],
            framing=framing,
            what=what,
            channel="email",
            frequency="weekly",
        )
    page = new_context().new_page()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.set_default_navigation_timeout(30_000)
    log_in(page, "editor@example.com")
    page.goto(FRAMING + "plan/")
    assert page.locator("#pressure-ok").count() == 1
    page.locator("#id_ceiling_per_week").fill("2")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_function("() => document.querySelector('#pressure-flag') !== null")
    assert "Conseils running" in page.locator("#pressure-by-segment").inner_text()  # the weeks folded below
    shot(page)
    calendar = download(page.get_by_role("link", name="Exporter le calendrier (ICS)"))
    events = Calendar.from_ical(Path(calendar.path()).read_bytes()).walk("VEVENT")
    assert len(events) >= 3 * 52
    assert any(str(event["summary"]).startswith("Promo « été »; -20 %") for event in events)


def test_a_journey_step_is_added_then_edited_and_the_map_redraws(
    new_context: Any, members: Any, shot: Any
) -> None:
    from jalon.framing import services
    from jalon.framing.models import Persona
    from jalon.strategy.models import Roadmap

    framing = services.open_framing(actor=members["owner"], roadmap=Roadmap.objects.get(slug="cloud-kicks"))
    services.create(Persona, actor=members["owner"], framing=framing, name="Sportive urbaine")
    page = new_context().new_page()
    page.set_viewport_size({"width": 1440, "height": 900})
    page.set_default_navigation_timeout(30_000)
    log_in(page, "editor@example.com")
    page.goto(FRAMING + "journeys/")
    for name, feels in (("Découverte", "1"), ("Paiement", "-1")):
        page.locator("#id_name").fill(name)
        page.locator("#id_touchpoint").fill("Application")
        page.locator("#id_feels").fill(feels)
        page.get_by_role("button", name="Ajouter", exact=True).click()
        page.wait_for_url(re.compile(r"\?persona="))
    page.wait_for_function("() => document.querySelectorAll('svg.journey-map circle').length === 2")
    page.get_by_role("link", name="Modifier Paiement").click()
    page.locator("#id_feels").fill("-2")
    page.locator("#id_pains").fill("Trop d'étapes")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    page.wait_for_function(
        "() => document.querySelector('svg.journey-map').textContent.includes(\"Trop d'étapes\")"
    )
    assert "-2" in page.locator("#journey-steps").inner_text()
    shot(page)


def test_a_closed_votes_buttons_stand_apart_from_its_results(
    new_context: Any, members: Any, shot: Any
) -> None:
    from jalon.framing import services
    from jalon.strategy.models import Roadmap

    framing = services.open_framing(actor=members["owner"], roadmap=Roadmap.objects.get(slug="cloud-kicks"))
    vote = services.open_vote(
        actor=members["owner"], framing=framing, title="Priorités", points=3,
        proposals=["Programme de fidélité", "Relance panier"],
    )  # fmt: skip
    services.set_closed(actor=members["owner"], vote=vote, closed=True)
    page = new_context().new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, "editor@example.com")
    page.goto(FRAMING + "votes/")
    section = page.locator(f"#vote-section-{vote.pk}")
    table = section.locator("table.vote-results").bounding_box()
    adopt = section.get_by_role(
        "button", name="Adopter comme objectifs de la feuille de route"
    ).bounding_box()
    reopen = section.get_by_role("button", name="Rouvrir le vote").bounding_box()
    assert adopt["y"] - (table["y"] + table["height"]) >= 12
    assert reopen["y"] - (adopt["y"] + adopt["height"]) >= 8
    for box in section.locator(".vote-results input[type=checkbox]").all():
        box.uncheck()
    section.get_by_role("button", name="Adopter comme objectifs de la feuille de route").click()
    said = page.locator(f"#vote-section-{vote.pk} [role=alert]").inner_text()
    assert said == "Cochez les propositions dont faire des objectifs, puis adoptez-les."
    shot(page)
