"""The deck flags what the pages and the PDF flag: a thematic group over budget and the total say by how
much on the budget chart (« dépassement de 700 € », by the budget page's rule ``ThemeBudget.overrun``), and a
high risk still open without a contingency plan carries the risks page's flag in the risks table. Read back
with python-pptx; the slides are drawn by LibreOffice and pdftoppm for a look."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pptx.dml.color import RGBColor

from tests.reports.conftest import deck_as_pdf, keep_pages, run

TODAY = date(2027, 3, 1)
RED = "B91C1C"  # the pages' red for an overrun (``--bad`` in jalon.css)


@pytest.fixture
def roadmap(team: Any) -> Any:
    from jalon.planning import services as planning
    from jalon.planning.models import Activity, Risk, Theme
    from tests.factories import make_roadmap

    found = make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))
    fidelity = planning.create(Theme, actor=team.owner, roadmap=found, name="Fidélisation", budget=1000)
    planning.create(Theme, actor=team.owner, roadmap=found, name="Acquisition", budget=5000)
    planning.create(Activity, actor=team.owner, roadmap=found, title="Club", theme=fidelity, cost=1700,
                    start=date(2027, 2, 1), end=date(2027, 5, 31), status="planned")  # fmt: skip
    planning.create(Risk, actor=team.owner, roadmap=found, title="Rupture de stock", probability=5, impact=5)
    planning.create(Risk, actor=team.owner, roadmap=found, title="Grève", probability=5, impact=5,
                    contingency="Livrer en point relais.")  # fmt: skip
    planning.create(Risk, actor=team.owner, roadmap=found, title="Pluie", probability=1, impact=2)
    return found


def _deck(team: Any, roadmap: Any, language: str) -> bytes:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    options = ReportOptions(sections=("budget", "risks"), language=language)
    return render_report(actor=team.owner, roadmap=roadmap, fmt="pptx", options=options, today=TODAY).content


def _clean(text: str) -> str:
    return " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())


@pytest.mark.parametrize(
    ("language", "group", "total", "flag"),
    [
        ("fr", "Fidélisation (dépassement de 700 €)", "Total (dépassement de 700 €)",
         "Risque élevé sans plan d’urgence"),
        ("en", "Fidélisation (over by €700)", "Total (over by €700)", "High risk without a contingency plan"),
    ],
)  # fmt: skip
def test_the_deck_says_a_budget_overrun_and_a_high_risk_without_a_plan_as_the_pages_do(
    team: Any, roadmap: Any, language: str, group: str, total: str, flag: str, tmp_path: Path
) -> None:
    from pptx import Presentation

    content = _deck(team, roadmap, language)
    slides = list(Presentation(io.BytesIO(content)).slides)
    charts = [shape.chart for slide in slides for shape in slide.shapes if shape.has_chart]
    categories = [_clean(c) for c in charts[0].plots[0].categories]
    assert categories == [group, "Acquisition"]  # within budget: its name alone
    shapes = [shape for slide in slides for shape in slide.shapes]
    assert total in [_clean(shape.text_frame.text) for shape in shapes if shape.has_text_frame]
    rows = next(shape.table for slide in slides for shape in slide.shapes if shape.has_table).rows
    contingency = {_clean(row.cells[1].text): _clean(row.cells[4].text) for row in list(rows)[1:]}
    assert contingency == {
        "Rupture de stock": f"⚠ {flag}", "Grève": "Livrer en point relais.", "Pluie": "—"
    }  # fmt: skip
    deck = tmp_path / f"deck-{language}.pptx"
    deck.write_bytes(content)
    deck_as_pdf(deck)
    keep_pages(tmp_path / f"deck-{language}.pdf", {f"budget-{language}": 2, f"risks-{language}": 3},
               tmp_path, "deck-overrun")  # fmt: skip


@pytest.mark.parametrize(("language", "overrun"), [("fr", "Dépassement"), ("en", "Overrun")])
def test_the_deck_draws_the_part_over_budget_in_the_pages_red(
    team: Any, roadmap: Any, language: str, overrun: str
) -> None:
    """The budget chart flagged an overrun in words only: the 700 € over Fidélisation's budget is now a
    bar of its own, in the red the pages mark an overrun with (``--bad``), its total said in red above."""
    from pptx import Presentation

    slides = list(Presentation(io.BytesIO(_deck(team, roadmap, language))).slides)
    chart = next(shape.chart for slide in slides for shape in slide.shapes if shape.has_chart)
    series = {item.name: item for item in chart.plots[0].series}
    assert list(series)[-1] == overrun
    red = series.pop(overrun)
    assert red.format.fill.fore_color.rgb == RGBColor.from_string(RED)
    assert list(red.values) == [700.0, 0.0]  # Fidélisation is over, Acquisition within its budget
    assert RGBColor.from_string(RED) not in {item.format.fill.fore_color.rgb for item in series.values()}
    total = next(
        shape for slide in slides for shape in slide.shapes
        if shape.has_text_frame and _clean(shape.text_frame.text).startswith("Total")
    )  # fmt: skip
    # the paragraph's run properties (``a:defRPr``), which its words take
    assert [p.font.color.rgb for p in total.text_frame.paragraphs] == [RGBColor.from_string(RED)]


def test_within_budget_the_deck_adds_no_overrun(team: Any, roadmap: Any) -> None:
    from pptx import Presentation

    from jalon.planning.models import Theme

    Theme.objects.filter(name="Fidélisation").update(budget=2000)
    slides = list(Presentation(io.BytesIO(_deck(team, roadmap, "en"))).slides)
    texts = [shape.text_frame.text for slide in slides for shape in slide.shapes if shape.has_text_frame]
    charts = [shape.chart for slide in slides for shape in slide.shapes if shape.has_chart]
    assert list(charts[0].plots[0].categories) == ["Fidélisation", "Acquisition"]
    assert not any("over by" in text for text in texts)
    assert [series.name for series in charts[0].plots[0].series] == ["Planned", "Committed", "Spent"]


@pytest.mark.parametrize(
    ("language", "flag"),
    [("fr", "Risque élevé sans plan d’urgence"), ("en", "High risk without a contingency plan")],
)
def test_the_pdf_and_the_markdown_flag_a_high_risk_without_a_plan_as_the_risks_page_does(
    team: Any, roadmap: Any, language: str, flag: str, tmp_path: Path
) -> None:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    options = ReportOptions(sections=("risks",), language=language)
    pdf = render_report(actor=team.owner, roadmap=roadmap, fmt="pdf", options=options, today=TODAY).content
    (tmp_path / "risks.pdf").write_bytes(pdf)
    text = _clean(run("pdftotext", tmp_path / "risks.pdf", "-").stdout.decode())  # cell by cell
    assert text.count(flag) == 1, text  # Rupture de stock only: Grève has a plan, Pluie is low
    markdown = render_report(actor=team.owner, roadmap=roadmap, fmt="md", options=options, today=TODAY)
    lines = markdown.content.decode().splitlines()
    assert [line for line in lines if flag in line] == [
        next(line for line in lines if "Rupture de stock" in line)
    ]
