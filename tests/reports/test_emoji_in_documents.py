"""An emoji typed in a title (« 🚀 Lancement ✅ ») reaches every file as typed: the PDF draws it with Symbola,
embedded (pdffonts), and gives it back as text (pdftotext); the deck and the workbook hold it as text, read
back by python-pptx and openpyxl, for the reader's own emoji font to draw."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pytest

from tests.reports.conftest import keep_pages, run

pytestmark = pytest.mark.django_db

ROADMAP = "Plan 🚀 2027 ✅"
OBJECTIVE = "🎯 Fidéliser ★ les clients 💙"
KPI = "Taux de réachat 📈"


@pytest.fixture
def emoji_roadmap() -> Any:
    from jalon.strategy import services as strategy
    from tests.factories import make_roadmap, make_team

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, title=ROADMAP)
    objective = strategy.create_objective(
        actor=team.owner, roadmap=roadmap, key="fideliser", title=OBJECTIVE, unit="%", baseline=20, target=30,
        direction="increase", deadline=date(2026, 12, 31),
    )  # fmt: skip
    strategy.create_kpi(
        actor=team.owner, roadmap=roadmap, objective=objective, name=KPI, unit="%", frequency="monthly",
        baseline=20, target=30, target_date=date(2026, 12, 31),
    )  # fmt: skip
    return roadmap


def _render(roadmap: Any, fmt: Literal["pdf", "pptx", "xlsx"], language: str) -> bytes:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    made = render_report(actor=None, roadmap=roadmap, fmt=fmt, options=ReportOptions(language=language))
    return made.content


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_emoji_in_a_title_is_drawn_in_the_pdf_and_read_back(
    emoji_roadmap: Any, language: str, tmp_path: Path
) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(_render(emoji_roadmap, "pdf", language))
    fonts = run("pdffonts", pdf).stdout.decode()
    assert re.search(r"Symbola\S*\s+CID TrueType\s+Identity-H\s+yes", fonts), fonts
    text = run("pdftotext", pdf, "-").stdout.decode()
    for typed in (ROADMAP, OBJECTIVE, "🚀", "✅", "🎯", "💙", "📈"):
        assert typed in text, typed
    keep_pages(pdf, {"cover": 1, "smart": 4}, tmp_path, f"emoji-{language}")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_emoji_in_a_title_round_trips_through_the_deck_and_the_workbook(emoji_roadmap, language) -> None:
    from openpyxl import load_workbook
    from pptx import Presentation

    deck = Presentation(io.BytesIO(_render(emoji_roadmap, "pptx", language)))
    texts = [shape.text_frame.text for slide in deck.slides for shape in slide.shapes if shape.has_text_frame]
    assert ROADMAP in texts  # the title slide, whole
    assert any(OBJECTIVE in text for text in texts)
    book = load_workbook(io.BytesIO(_render(emoji_roadmap, "xlsx", language)))
    cells = {str(cell.value) for sheet in book.worksheets for row in sheet.iter_rows() for cell in row}
    assert OBJECTIVE in cells and KPI in cells
