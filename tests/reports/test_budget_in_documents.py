"""The budget section of the PDF at its edges: totals up to a quadrillion stay on one line, and a thematic
group over budget says by how much, by the budget page's rule (``ThemeBudget.remaining``). A small report is
built in memory and drawn by WeasyPrint, then read back by pdftotext (a real reader)."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from tests.reports.conftest import keep_pages, run

QUADRILLION = Decimal(10**15)
NNBSP, NBSP = "\u202f", "\u00a0"


def _report(language: str):
    from jalon.reports.model import BudgetLine, Report
    from jalon.reports.options import ReportOptions

    lines = (
        BudgetLine("Acquisition", "#1d4ed8", QUADRILLION - 1, QUADRILLION - 2, Decimal(0), False),
        BudgetLine(
            "Fidélisation", "#15803d", Decimal(1000), Decimal(1200), Decimal(300), False, overrun=Decimal(200)
        ),
    )
    return Report(
        options=ReportOptions(language=language, sections=("budget",)), title="Budget", slug="budget",
        workspace="Cloud Kicks", workspace_slug="cloud-kicks", roadmap_type="", start=date(2027, 1, 1),
        end=date(2027, 12, 31),
        horizon_months=12, vision="", version=1, generated_on=date(2027, 1, 1), currency="EUR",
        fiscal_year_start_month=1, sections=(("budget", "Budget"),), budget=lines, overrun=Decimal(200),
    )  # fmt: skip


@pytest.mark.parametrize(
    ("language", "total", "over"),
    [
        ("fr", "1 000 000 000 000 999 €", "dépassement de 200 €"),
        ("en", "€1,000,000,000,000,999", "over by €200"),
    ],
)
def test_a_quadrillion_total_stays_on_one_line_and_an_overrun_says_how_much(
    language: str, total: str, over: str, tmp_path: Path
) -> None:
    """A trillion total wrapped in the middle of its digits (« 1 000 000 000 005, / 000 »): amounts now stay
    on one line, in a smaller, condensed table from a hundred billion."""
    from jalon.reports.pdf import report_pdf

    pdf = tmp_path / "budget.pdf"
    pdf.write_bytes(report_pdf(_report(language)))
    text = run("pdftotext", "-layout", pdf, "-").stdout.decode().replace(NNBSP, " ").replace(NBSP, " ")
    total_line = next(line for line in text.splitlines() if line.strip().startswith("Total"))
    assert total in total_line, total_line
    committed = "1 000 000 000 001 198 €" if language == "fr" else "€1,000,000,000,001,198"
    assert committed in total_line, total_line  # the next column's total, whole, on the same line
    assert over in re.sub(r"\s+", " ", text)
    keep_pages(pdf, {f"budget-{language}": 3}, tmp_path, "quadrillion")
