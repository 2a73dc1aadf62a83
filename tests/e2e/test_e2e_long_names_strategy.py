"""Names typed as one long word (200 characters, no space: a hashtag, a pasted identifier) on the strategy
and framing pages, in real Chromium at 1440 and 1280 px: the page fits its window and every table fits
its box, the long name wrapping in its own column, so that the figures beside it (a KPI's latest value,
target and odds; an objective's status; a proposal's points; the weeks over the marketing-pressure ceiling
an action causes) stay in view instead of being pushed out of sight behind a scroll bar."""

from __future__ import annotations

from typing import Any

import pytest

from tests.e2e.conftest import log_in

from .look import FITS, WIDTHS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
LONG = "#Réactivation" + "DesClientsDormants" * 11  # one word of 211 characters, cut to each field's length
# Each table wider than the box it sits in (its scroll box, else its parent), with both widths.
TABLES_WIDER_THAN_THEIR_BOX = """() => [...document.querySelectorAll('main table')].flatMap(table => {
    const box = table.closest('.table-scroll') || table.parentElement;
    return table.offsetWidth > box.clientWidth + 1
        ? [[table.id || table.className || table.tagName, table.offsetWidth, box.clientWidth]] : [];
})"""


def _long_names(members: Any) -> str:
    """The long names written; the long persona's key (its experience map's address)."""
    from jalon.framing import services
    from jalon.framing.models import (
        JourneyStep,
        LifecycleStage,
        Persona,
        PlanAction,
        Prototype,
        Stakeholder,
        Workshop,
    )
    from jalon.strategy.models import KPI, Measurement, Objective, Roadmap

    roadmap = Roadmap.objects.get(slug="cloud-kicks")
    Objective.objects.filter(roadmap=roadmap, key="taux-conversion").update(title="O" + LONG[:199])
    KPI.objects.filter(roadmap=roadmap, key="taux-conversion").update(name="K" + LONG[:199])
    Measurement.objects.filter(kpi__roadmap=roadmap, kpi__key="taux-conversion").update(
        source="M" + LONG[:199]
    )
    owner = members["owner"]
    framing = services.open_framing(actor=owner, roadmap=roadmap)
    kickoff = services.create(
        Workshop, actor=owner, framing=framing, kind="kickoff", place="P" + LONG[:199],
        deliverable="D" + LONG[:199],
    )  # fmt: skip
    services.create(
        Stakeholder, actor=owner, framing=framing, name="S" + LONG[:199], role="R" + LONG[:199],
        workshops=[kickoff],
    )  # fmt: skip
    services.create(
        LifecycleStage, actor=owner, framing=framing, name="N" + LONG[:199], definition="F" + LONG[:199]
    )
    persona = services.create(Persona, actor=owner, framing=framing, name="C" + LONG[:199])
    services.create(
        JourneyStep, actor=owner, framing=framing, persona=persona, name="E" + LONG[:199],
        touchpoint="T" + LONG[:199], does=LONG, thinks=LONG, pains=LONG, opportunities=LONG,
    )  # fmt: skip
    Prototype.objects.create(
        framing=framing, title="M" + LONG[:199], comments="G" + LONG, file="prototypes/long.pdf",
        file_name="long.pdf", content_type="application/pdf", size=1000,
    )  # fmt: skip
    for what in ("W" + LONG[:199], "Newsletter", "Relance", "Conseils"):  # 4 a week: over the ceiling of 3
        services.create(
            PlanAction, actor=owner, framing=framing, what=what, channel="email", frequency="weekly",
            owner="Q" + LONG[:199],
        )  # fmt: skip
    services.open_vote(
        actor=owner, framing=framing, title="V" + LONG[:199], points=3,
        proposals=["A" + LONG[:199], "B" + LONG[:199]],
    )  # fmt: skip
    return persona.key


STRATEGY = ["kpis/", "kpis/taux-conversion/", "executive/", "dashboard/", "o/taux-conversion/"]
FRAMING = ["framing/", "framing/personas/", "framing/journeys/", "framing/prototypes/", "framing/plan/"]
FRAMING += ["framing/votes/"]


@pytest.mark.parametrize("path", STRATEGY + FRAMING)
def test_a_name_of_one_long_word_wraps_in_its_column_and_every_table_fits_its_box(
    new_context: Any, members: Any, shot: Any, path: str
) -> None:
    persona = _long_names(members)
    page = new_context().new_page()
    log_in(page, "demo@jalon.local")
    page.goto(ROADMAP + path + (f"?persona={persona}" if path == "framing/journeys/" else ""))
    assert "DesClientsDormantsDesClientsDormants" in page.locator("main").inner_text()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.evaluate(FITS), width
        assert page.evaluate(TABLES_WIDER_THAN_THEIR_BOX) == [], width
        shot(page, str(width))
