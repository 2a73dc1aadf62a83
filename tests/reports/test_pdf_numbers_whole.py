"""A number in the PDF is never cut in two: the SMART table's measure column is narrow, and a target of
10^15 € wrapped inside its digits (« 1 000 000 000 000 0 » / « 00 € »). Its numbers stay on one line (a
smaller, condensed type when they are long), read back whole by pdftotext."""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

import pytest

from tests.reports.conftest import keep_pages, run

pytestmark = pytest.mark.django_db


def _spaced(text: str) -> str:
    return re.sub(r"[\s\u00a0\u202f]+", " ", text).strip()


def _column_lines(pdf: Path, heading: str) -> list[str]:
    """The lines of the table column headed ``heading``, as pdftotext places its words (x between the
    heading's left edge and the next heading's)."""
    found = run("pdftotext", "-bbox", pdf, "-").stdout.decode()
    words = [
        (float(x0), float(y0), html.unescape(text))
        for x0, y0, text in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', found)
    ]
    left, top = next((x, y) for x, y, text in words if text == heading)
    right = min(x for x, y, _text in words if abs(y - top) < 1 and x > left)
    lines: dict[float, list[str]] = {}
    for x, y, text in words:
        if left - 1 <= x < right - 1 and y > top:
            lines.setdefault(round(y), []).append(text)
    return [_spaced(" ".join(line)) for _y, line in sorted(lines.items())]


@pytest.mark.parametrize(("language", "baseline", "target"), [
    ("fr", "999 999 999 999 999 €", "1 000 000 000 000 000 €"),  # compared with any spaces
    ("en", "€999,999,999,999,999", "€1,000,000,000,000,000"),
])  # fmt: skip
def test_the_smart_tables_largest_target_is_read_on_one_line(
    language: str, baseline: str, target: str, tmp_path: Path
) -> None:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report
    from jalon.strategy import services as strategy
    from tests.factories import make_roadmap, make_team

    team = make_team()
    roadmap = make_roadmap(team.workspace, team.owner, title="Plan")
    strategy.create_objective(
        actor=team.owner, roadmap=roadmap, key="ca", title="Chiffre d’affaires", unit="€",
        baseline=999_999_999_999_999.0, target=1e15, direction="increase", deadline=date(2026, 12, 31),
    )  # fmt: skip
    options = ReportOptions(language=language, sections=("smart",))
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(render_report(actor=None, roadmap=roadmap, fmt="pdf", options=options).content)
    column = _column_lines(pdf, "Mesure" if language == "fr" else "Measure")
    for number in (baseline, target):
        assert any(_spaced(number) in line for line in column), (number, column)
    keep_pages(pdf, {"smart": 3}, tmp_path, f"smart-numbers-{language}")
