"""The PDF made lighter for WeasyPrint: pictures without what only the page uses, their texts drawn a line
at a time, tables of set widths whose rows keep to one line; the same drawing and the same words."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import weasyprint
import weasyprint.svg

from jalon.reports.pdf import StaticOnlyFetcher, html_to_pdf
from jalon.reports.pdf_svg import WEASYPRINT_VERSION, print_svg
from tests.reports.conftest import TODAY, page_texts, pdf_text, run

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="300" height="60" font-family="sans-serif" font-size="12">'
    "<title>Tooltip of the page</title><desc>Description for screen readers</desc>"
    '<g class="tl-bars" stroke-width="1.5"><g class="tl-bar" data-key="a1" data-start="2026-01-01">'
    "<title>Activity 1, 01/01/2026</title>"
    '<rect class="tl-body" x="10" y="10" width="80" height="18" fill="#1c7ed6"/>'
    '<text class="tl-text" x="14" y="23" fill="#111827">{first}</text></g></g>'
    '<text x="150" y="50" text-anchor="middle">{second}</text>'
    '<text x="200" y="20" dx="0 2 2 2 2 2">{third}</text></svg>'
)


def _pdf_of(svg: str) -> bytes:
    html = '<img src="picture:test" style="width: 300px">'
    return html_to_pdf(html, fetcher=StaticOnlyFetcher({"picture:test": svg}))


def _glyph_runs(pdf: bytes) -> int:
    """How many runs of glyphs (``Tj`` and ``TJ`` operators) the PDF's content streams show."""
    count = 0
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            count += len(re.findall(rb"\bT[jJ]\b", zlib.decompress(stream)))
        except zlib.error:
            continue
    return count


def test_print_svg_leaves_out_tooltips_data_attributes_and_bare_groups() -> None:
    svg = print_svg(SVG.format(first="Audit", second="Middle", third="Spaced"))
    assert "<title" not in svg and "<desc" not in svg and "data-" not in svg and "class=" not in svg
    assert svg.count("<g") == 1 and 'stroke-width="1.5"' in svg  # the group that styles its children stays
    assert svg.count("<rect") == 1 and svg.count("<text") == 3 and ">Audit<" in svg


def test_each_svg_text_with_one_position_is_one_run_of_glyphs_and_keeps_its_words(tmp_path: Path) -> None:
    pdf = _pdf_of(print_svg(SVG.format(first="Audit du parcours", second="Centred label", third="Spaced")))
    text = " ".join(pdf_text(pdf, tmp_path).split())
    assert "Audit du parcours" in text and "Centred label" in text and "Spaced" in text
    # two texts drawn as one line each; the one with a shift per letter, letter by letter (6 letters)
    assert _glyph_runs(pdf) == 2 + 6


def test_a_centred_svg_text_is_centred_on_its_anchor(tmp_path: Path) -> None:
    pdf_path = tmp_path / "picture.pdf"
    pdf_path.write_bytes(_pdf_of(SVG.format(first="Start", second="Centred", third="B")))
    boxes = run("pdftotext", "-bbox", pdf_path, "-").stdout.decode()
    words = {
        word: (float(x_min), float(x_max))
        for x_min, x_max, word in re.findall(
            r'xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">(\w+)<', boxes
        )
    }
    start, centred = words["Start"], words["Centred"]
    centre_from_start_px = ((centred[0] + centred[1]) / 2 - start[0]) * 96 / 72  # points to CSS pixels
    assert abs(centre_from_start_px - (150 - 14)) < 3  # the anchors' x in the picture


def test_weasyprint_draws_svg_texts_with_the_line_drawing() -> None:
    assert weasyprint.__version__ == WEASYPRINT_VERSION, "check jalon.reports.pdf_svg against the new version"
    assert weasyprint.svg.TAGS["text"].__module__ == "jalon.reports.pdf_svg"


def test_the_calendar_total_row_closes_the_table_once(framed, document, tmp_path: Path) -> None:
    pages = page_texts(document("pdf", "fr"), tmp_path)
    calendar = [n for n, page in enumerate(pages) if "Semaines au-delà du plafond" in page]
    totals = [n for n in calendar if re.search(r"^\s*Total\s+\d", pages[n], re.MULTILINE)]
    assert len(calendar) >= 1 and totals == [calendar[-1]]


def test_each_activity_row_keeps_its_dates_and_status_on_one_line(demo, document, tmp_path: Path) -> None:
    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions

    text = pdf_text(document("pdf", "en"), tmp_path)
    report = collect_report(demo.roadmap, ReportOptions(language="en"), today=TODAY)
    dated = sum(1 for activity in report.activities if activity.start and activity.end)
    day = r"\d{1,2} [A-Z][a-z]{2} \d{4}"  # 7 Sep 2026: English dates are day first, in words
    one_line = re.findall(rf"{day} → {day}", text)
    assert dated > 0 and len(one_line) == dated
    assert "in progress" in text and not re.search(r"^\s*in\s*$", text, re.MULTILINE)
