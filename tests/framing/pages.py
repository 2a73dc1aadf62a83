"""The demo's framing pages, and a signed-in client to read them."""

from __future__ import annotations

from datetime import date

from django.test import Client

from jalon.framing import services
from jalon.framing.models import Framing, Persona, PlanAction

BASE = "/w/cloud-kicks/r/cloud-kicks/framing/"


def login(client: Client, user, language: str = "en") -> None:
    client.force_login(user)
    client.cookies["jalon_language"] = language


def plan_with_actions(members, demo) -> Framing:
    """The demo's framing opened by the editor: a persona sent four weekly e-mails, and a one-off SMS sale."""
    editor = members["editor"]
    framing = services.open_framing(actor=editor, roadmap=demo.roadmap)
    persona = services.create(Persona, actor=editor, framing=framing, name="Sportive urbaine")
    for what in ("Newsletter", "Relance panier", "Promo SMS", "Push nouveautés"):
        services.create(
            PlanAction,
            actor=editor,
            framing=framing,
            what=what,
            channel="email",
            frequency="weekly",
            persona=persona,
        )
    services.create(
        PlanAction,
        actor=editor,
        framing=framing,
        what="Soldes",
        channel="sms",
        frequency="one_off",
        start=date(demo.roadmap.start.year, demo.roadmap.start.month, 15),
    )
    return framing
