"""The PDF and the deck of a roadmap too large to chart every KPI or to write out every coach's reason (a
consultancy's 150 objectives and 450 KPIs made a PDF of 632 pages and a deck of 604 slides): past
``CHARTS_AT_MOST`` KPIs every objective and KPI is one line of a table and only the KPIs least likely to reach
their target are charted; past ``SMART_IN_FULL`` objectives the SMART table writes out only the reasons of the
criteria to check, and the deck has no slide of its own for a sub-objective (named on its parent's). The
limits are lowered here so that the demo is "large"; at the demo's own size nothing changes."""

from __future__ import annotations

import html
import io
import re
from typing import Any

import pytest

from jalon.reports import pdf
from jalon.reports.collect import collect_report
from jalon.reports.options import ReportOptions
from tests.reports.conftest import TODAY

CHARTS = 2


def _report(demo: Any, language: str = "en") -> Any:
    options = ReportOptions(language=language, sections=("smart", "objectives"))
    return collect_report(demo.roadmap, options, today=TODAY)


def test_the_demo_keeps_a_chart_for_each_kpi_and_every_reason(demo: Any) -> None:
    report = _report(demo)
    assert pdf.kpi_overview(report) is None
    charts = [url for url in pdf.pictures_of(report) if url.startswith("picture:kpi-")]
    assert len(charts) == sum(len(o.kpis) for o in report.objectives)
    assert "criteria the coach asks to check" not in pdf.report_html(report)


def test_past_the_limit_every_kpi_is_a_line_and_the_lowest_odds_are_charted(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "CHARTS_AT_MOST", CHARTS)
    report = _report(demo)
    kpis = [kpi for o in report.objectives for kpi in o.kpis]
    page = html.unescape(pdf.report_html(report))
    table = page[page.index('<table class="kpi-overview"') : page.index("The KPIs to watch")]
    for kpi in kpis:  # every KPI in the table, with its odds when it has some
        assert kpi.name in table and (not kpi.odds or kpi.odds in table)
    charted = sorted(url for url in pdf.pictures_of(report) if url.startswith("picture:kpi-"))
    ranked = sorted((k for k in kpis if k.points), key=lambda k: (k.probability is None, k.probability or 0))
    assert charted == sorted(f"picture:kpi-{kpi.key}" for kpi in ranked[:CHARTS])
    assert len(re.findall(r'src="picture:kpi-', page)) == CHARTS
    assert f"then the charts of the {CHARTS} KPIs least likely to reach their target" in page


def test_past_the_limit_the_smart_table_writes_out_only_the_criteria_to_check(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "SMART_IN_FULL", 1)
    report = _report(demo, "fr")
    page = html.unescape(pdf.report_html(report)).replace("\u202f", " ").replace("\u00a0", " ")
    assert "seuls les critères que le coach demande de vérifier sont détaillés" in page
    for objective in report.objectives:
        for verdict in objective.verdicts:  # a reason met is not written out; one to check is
            assert (verdict.reason.replace("\u202f", " ").replace("\u00a0", " ") in page) is (not verdict.ok)
        if objective.criteria_met:
            assert f"✓</span> {objective.criteria_met}" in page


def test_past_the_limit_the_deck_has_a_slide_per_top_level_objective_only(
    demo: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pptx import Presentation

    from jalon.reports import slides

    report = _report(demo)
    top = [o.title for o in report.objectives if o.depth == 0]
    subs = [o.title for o in report.objectives if o.depth > 0]
    assert subs  # the demo has sub-objectives

    def titles() -> list[str]:
        deck = Presentation(io.BytesIO(slides.report_pptx(report)))
        return [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]

    assert set(subs) <= set(titles())  # at the demo's size, each has its slide
    monkeypatch.setattr(slides, "SUB_OBJECTIVE_SLIDES_UP_TO", 1)
    made = titles()
    assert set(top) <= set(made) and not set(subs) & set(made)
