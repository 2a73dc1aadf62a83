"""The default lifecycle stages are Jalon's words while nobody renamed them: a French roadmap's « Client à
risque » reads "At-risk customer" on an English page and in an English file, and a stage the team named
stays as typed."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.utils import translation

from tests.factories import make_roadmap, make_team
from tests.one_language import GIVEAWAYS

pytestmark = pytest.mark.django_db
FRENCH_STAGES = ("Nouveau client", "Client fidèle", "Client actif", "Client à risque", "Client inactif")
ENGLISH_STAGES = (
    "New customer",
    "Loyal customer",
    "Active customer",
    "At-risk customer",
    "Inactive customer",
)


def _french_framing():
    from jalon.framing import services

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    assert roadmap.language == "fr"
    return team, services.open_framing(actor=team.owner, roadmap=roadmap)


def test_the_pages_and_files_one_language_lists_give_the_default_stage_names_away() -> None:
    """The lists the one-language tests read missed them: a French stage on an English page went unseen."""
    assert set(FRENCH_STAGES) <= set(GIVEAWAYS["en"]) and "aucune commande" in GIVEAWAYS["en"]
    assert set(ENGLISH_STAGES) <= set(GIVEAWAYS["fr"]) and "no order" in GIVEAWAYS["fr"]


def test_an_english_animation_calendar_of_a_french_framing_names_its_stages_in_english() -> None:
    from icalendar import Calendar

    from jalon.framing import plan, services
    from jalon.framing.models import PlanAction

    team, framing = _french_framing()
    at_risk = framing.stages.get(key="at_risk")
    assert at_risk.name == "Client à risque"  # stored as the roadmap's language gave it
    services.create(PlanAction, actor=team.owner, framing=framing, what="Relance", channel="email",
                    frequency="one_off", stage=at_risk, start=date(2027, 2, 1))  # fmt: skip
    actions = list(framing.actions.all())
    for language, said, not_said in (("en", "At-risk customer", "Client à risque"),
                                     ("fr", "Client à risque", "At-risk customer")):  # fmt: skip
        with translation.override(language):
            calendar = Calendar.from_ical(plan.ics(framing, plan.dated_contacts(framing, actions)))
        descriptions = [str(event.get("description")) for event in calendar.walk("VEVENT")]
        assert descriptions and all(said in d and not_said not in d for d in descriptions), descriptions


def test_the_personas_page_names_and_defines_the_default_stages_in_the_readers_language() -> None:
    team, framing = _french_framing()
    renamed = framing.stages.get(key="loyal")
    renamed.name, renamed.definition = "Ambassadeur", "trois achats et un avis"
    renamed.save()
    client = Client()
    client.force_login(team.owner)
    client.cookies["jalon_language"] = "en"
    url = f"/w/{team.workspace.slug}/r/{framing.roadmap.slug}/framing/personas/"
    page = client.get(url).content.decode()
    assert "At-risk customer" in page and "last order over 180 days ago" in page and "no order yet" in page
    assert [name for name in FRENCH_STAGES if name in page] == []
    assert "Ambassadeur" in page and "trois achats et un avis" in page  # typed by the team: data
