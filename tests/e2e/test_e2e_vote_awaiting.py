"""A stakeholder invited to vote learns it where they land, in real Chromium, in French and in English.

An open vote at a workshop Inès attends: the workspace page and the roadmap's page say « A vote is waiting
for you » with a link; she follows it, casts her ballot, and the line is gone from both pages. The start
page points a consultant to the framing workshops, apart from its 7 steps.

Every page reached is looked at (tests/e2e/look.py): it fits at 1440 and 1280 px (screenshots in
test-artifacts/screenshots/), every field labelled, no serious or critical axe-core fault, one language.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WORKSPACE = "/w/cloud-kicks/"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"

WORDS: dict[str, dict[str, Any]] = {
    "fr": {
        "question": "Nos priorités pour 2027", "proposals": ("Programme de fidélité", "Relance panier"),
        "waiting": "Un vote vous attend\u00a0: Nos priorités pour 2027", "link": "voter",
        "save": "Enregistrer mon bulletin", "framing": "Ouvrir le cadrage", "steps": "étapes sur 7",
    },
    "en": {
        "question": "Our priorities for 2027", "proposals": ("Loyalty programme", "Cart reminders"),
        "waiting": "A vote is waiting for you: Our priorities for 2027", "link": "vote",
        "save": "Save my ballot", "framing": "Open the framing", "steps": "of 7 steps",
    },
}  # fmt: skip


def open_vote(members: dict[str, Any], demo: Any, words: dict[str, Any]) -> None:
    """A vote at a new animation-plan workshop of the demo's framing, which the stakeholder attends."""
    from jalon.framing import services
    from jalon.framing.models import Stakeholder, Workshop

    owner = members["owner"]
    framing = services.open_framing(actor=owner, roadmap=demo.roadmap)
    workshop = services.create(Workshop, actor=owner, framing=framing, kind="plan")
    services.create(
        Stakeholder, actor=owner, framing=framing, name="Inès Moreau", member=members["stakeholder"],
        workshops=[workshop],
    )  # fmt: skip
    services.open_vote(
        actor=owner, framing=framing, title=words["question"], points=3, workshop=workshop,
        proposals=list(words["proposals"]),
    )  # fmt: skip


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_stakeholder_is_told_a_vote_awaits_votes_and_the_line_goes(
    logged_in_page: Any, members: Any, demo: Any, shot: Any, lang: str
) -> None:
    words = WORDS[lang]
    open_vote(members, demo, words)
    look = Look(shot, lang, (words["question"], *words["proposals"], "Inès Moreau"))
    page = logged_in_page("stakeholder@example.com", language=lang)
    page.goto(WORKSPACE)
    line = page.locator(".awaiting li")
    assert line.count() == 1
    assert words["waiting"] in line.inner_text()
    look(page, "workspace")
    page.goto(ROADMAP)
    assert words["waiting"] in page.locator(".awaiting li").inner_text()
    look(page, "roadmap")

    page.locator(".awaiting").get_by_role("link", name=words["link"], exact=True).click()
    page.wait_for_url(re.compile(r"/framing/votes/#vote-section-\d+$"))
    page.get_by_label(words["proposals"][1], exact=True).fill("3")
    with page.expect_navigation():
        page.get_by_role("button", name=words["save"]).click()
    page.goto(WORKSPACE)
    assert page.locator(".awaiting").count() == 0
    assert words["question"] not in look(page, "workspace-voted")
    page.goto(ROADMAP)
    assert page.locator(".awaiting").count() == 0


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_get_started_points_to_the_framing_after_its_seven_steps(
    logged_in_page: Any, members: Any, shot: Any, lang: str
) -> None:
    words = WORDS[lang]
    page = logged_in_page("demo@jalon.local", language=lang)
    page.goto(ROADMAP + "start/")
    assert page.locator(".start-step").count() == 7
    text = Look(shot, lang)(page, "start")
    assert words["steps"] in text
    page.locator(".start-framing").get_by_role("link", name=words["framing"]).click()
    page.wait_for_url(re.compile(r"/framing/$"))
