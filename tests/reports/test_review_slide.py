"""The deck a CMO projects at the quarterly review carries the latest review: its objectives as the review
froze them (each latest value with the day it was measured, as on the review page) and its decisions, in the
deck's language; before any review, no slide says nothing."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest

from tests.factories import make_roadmap

HELD_ON = date(2027, 4, 2)


def slides_text(content: bytes) -> list[str]:
    from pptx import Presentation

    deck = Presentation(io.BytesIO(content))
    texts = []
    for slide in deck.slides:
        parts = [shape.text_frame.text for shape in slide.shapes if shape.has_text_frame]
        parts += [
            cell.text
            for shape in slide.shapes
            if shape.has_table
            for row in shape.table.rows
            for cell in row.cells
        ]
        parts.append(slide.notes_slide.notes_text_frame.text if slide.has_notes_slide else "")
        texts.append(" ".join(" ".join(parts).replace("\u202f", " ").replace("\xa0", " ").split()))
    return texts


@pytest.fixture
def roadmap(team: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    from django.utils import timezone

    from jalon.strategy import services as strategy

    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: HELD_ON)
    found = make_roadmap(
        team.workspace, team.owner, slug="plan-2027", start=date(2027, 1, 1), end=date(2027, 12, 31)
    )
    sales = strategy.create_objective(
        actor=team.owner, roadmap=found, title="Augmenter les ventes en ligne", unit="€", target=130000.0,
        direction="increase", deadline=date(2027, 12, 31),
    )  # fmt: skip
    kpi = strategy.create_kpi(actor=team.owner, roadmap=found, objective=sales, name="Ventes", unit="€",
                              frequency="monthly")  # fmt: skip
    strategy.add_measurement(actor=team.owner, kpi=kpi, date=date(2027, 3, 5), value=103900.0)
    return found


@pytest.mark.parametrize(
    ("language", "heading", "figures"),
    [
        (
            "fr",
            "Dernière revue trimestrielle Revue T1 — 2 avril 2027",
            "Augmenter les ventes en ligne 130 000 € 103 900 € (05/03/2027)",
        ),
        (
            "en",
            "Latest quarterly review Revue T1 — 2 April 2027",
            "Augmenter les ventes en ligne €130,000 €103,900 (5 Mar 2027)",
        ),
    ],
)
def test_the_deck_carries_the_latest_review_with_its_decisions(
    team: Any, roadmap: Any, language: str, heading: str, figures: str
) -> None:
    from jalon.planning.reviews import services as reviews
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    reviews.create_review(
        actor=team.owner, roadmap=roadmap, key="t1", title="Revue T1", held_on=HELD_ON,
        decisions="Décaler le salon en juin.", notes="Budget Fidélisation à revoir.",
    )  # fmt: skip
    options = ReportOptions(sections=("review",), language=language)
    deck = render_report(actor=team.owner, roadmap=roadmap, fmt="pptx", options=options, today=HELD_ON)
    slide = next((s for s in slides_text(deck.content) if heading in s), None)
    assert slide is not None, slides_text(deck.content)
    assert (
        figures in slide and "Décaler le salon en juin." in slide and "Budget Fidélisation à revoir." in slide
    )


def test_without_a_review_the_deck_has_no_review_slide(team: Any, roadmap: Any) -> None:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    deck = render_report(
        actor=team.owner, roadmap=roadmap, fmt="pptx", options=ReportOptions(), today=HELD_ON
    )
    assert not any("revue trimestrielle" in s for s in slides_text(deck.content))
