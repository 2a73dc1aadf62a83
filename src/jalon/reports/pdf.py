"""The report as a PDF (WeasyPrint): a cover, a table of contents, page numbers, the roadmap's name in every
header, A4 portrait with landscape pages for the timelines.

The HTML is a Django template (every user text escaped) with the pages' own SVG pictures as images. WeasyPrint
is given a URL fetcher that reads the app's own static files and nothing else: no network, no other file,
whatever a text says.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from jalon.reports import paper
from jalon.reports.framing_model import persona_figures
from jalon.reports.model import KpiSeries, ObjectiveBlock, Report
from jalon.reports.pdf_svg import install, print_svg
from jalon.reports.pdf_text import breakable

STATIC_DIR = (Path(__file__).resolve().parent.parent / "static").resolve()
install()  # WeasyPrint draws each SVG text as one line rather than letter by letter
ROWS_PER_TABLE = 50
"""Long tables are cut into tables of this many rows: WeasyPrint lays out one huge table far slower."""
SMART_IN_FULL = 40
"""Objectives up to which the PDF's SMART table writes out the reason of every criterion; past it (450
objectives made 150 pages) only the reasons of the criteria to check, the criteria met said in one line."""
CHARTS_AT_MOST = 24
"""KPI charts the PDF draws at most. Up to this many KPIs, each objective comes with its KPIs' charts; past it
(a consultancy's 150 objectives and 450 KPIs made 450 charts, 600 pages, a minute of processor time), every
objective and KPI is one line of a table (latest value, target, odds) and the charts are those of the
``CHARTS_AT_MOST`` KPIs least likely to reach their target: what a steering committee reads first
(docs/documents.md)."""


@dataclass(frozen=True)
class KpiOverview:
    """The objectives section of a roadmap of more KPIs than ``CHARTS_AT_MOST``: the table's rows (an
    objective, then each of its KPIs), in tables of ``ROWS_PER_TABLE``, and the KPIs charted, in the tree's
    order, each with its objective."""

    chunks: list[list[tuple[ObjectiveBlock, KpiSeries | None]]]
    kpis: int
    charts: list[tuple[ObjectiveBlock, KpiSeries]]


def kpi_overview(report: Report) -> KpiOverview | None:
    """None when every KPI's chart is drawn (``CHARTS_AT_MOST`` or fewer KPIs with measurements)."""
    measured = [(o, kpi) for o in report.objectives for kpi in o.kpis if kpi.points]
    if len(measured) <= CHARTS_AT_MOST:
        return None
    # The lowest odds first; a KPI without odds (no target, too few measurements) after every one with some.
    ranked = sorted(measured, key=lambda pair: (pair[1].probability is None, pair[1].probability or 0.0))
    watched = {id(kpi) for _o, kpi in ranked[:CHARTS_AT_MOST]}
    rows: list[tuple[ObjectiveBlock, KpiSeries | None]] = []
    for objective in report.objectives:
        rows += [(objective, None), *((objective, kpi) for kpi in objective.kpis)]
    chunks = [rows[i : i + ROWS_PER_TABLE] for i in range(0, len(rows), ROWS_PER_TABLE)]
    charts = [(o, kpi) for o, kpi in measured if id(kpi) in watched]
    return KpiOverview(chunks, sum(len(o.kpis) for o in report.objectives), charts)


class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Fetches ``file:`` URLs inside the app's static folder and the report's own pictures (``picture:``
    URLs, drawn in memory); refuses (and remembers) every other URL."""

    def __init__(self, pictures: Mapping[str, str] | None = None) -> None:
        super().__init__(timeout=1, allowed_protocols=("file",), allow_redirects=False)
        self.pictures = dict(pictures or {})
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
        if url in self.pictures:
            self.fetched.append(url)
            body = self.pictures[url].encode("utf-8")
            return URLFetcherResponse(url, body=body, headers={"Content-Type": "image/svg+xml"})
        path = static_path(url)
        if path is None:
            self.refused.append(url)
            raise ValueError(f"refused to fetch {url[:200]}")
        self.fetched.append(url)
        mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, body=path.read_bytes(), headers={"Content-Type": mime})


def static_path(url: str) -> Path | None:
    """The file a ``file:`` URL names when it lies inside the static folder (after resolving ``..`` and
    links), else None."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = Path(unquote(parts.path)).resolve()
    if not path.is_relative_to(STATIC_DIR) or not path.is_file():
        return None
    return path


def pictures_of(report: Report) -> dict[str, str]:
    """The report's SVG pictures by the ``picture:`` URL the HTML shows them with. As images rather than
    inline SVG, WeasyPrint reads them with its XML parser and keeps them out of the page's style cascade:
    a thousand-activity timeline renders several times faster. Each is lightened for paper (``print_svg``).
    Past ``CHARTS_AT_MOST`` KPIs, only those the overview charts."""
    pictures = {"picture:risks": report.risk_matrix_svg}
    pictures.update({f"picture:executive-{n}": svg for n, svg in enumerate(report.executive_svgs)})
    pictures.update({f"picture:timeline-{n}": svg for n, svg in enumerate(report.timeline_svgs)})
    overview = kpi_overview(report)
    charted = overview.charts if overview else [(o, kpi) for o in report.objectives for kpi in o.kpis]
    pictures.update({f"picture:kpi-{kpi.key}": kpi.chart_svg for _o, kpi in charted})
    if report.framing is not None:
        pictures.update({f"picture:journey-{j.key}": j.svg for j in report.framing.journeys})
    return {url: print_svg(svg) for url, svg in pictures.items() if svg}


def report_html(report: Report) -> str:
    with translation.override(report.options.language):
        rows = report.activities
        chunks = [rows[i : i + ROWS_PER_TABLE] for i in range(0, len(rows), ROWS_PER_TABLE)]
        gaps = report.timeline_gaps or ("",) * len(report.timeline_svgs)
        timelines = [(f"picture:timeline-{n}", gap) for n, gap in enumerate(gaps)]
        executives = executive_pictures(report)
        context = {
            "report": report,
            "activity_chunks": chunks,
            "timelines": timelines,
            "executives": executives,
            "overview": kpi_overview(report),
            "smart_compact": len(report.objectives) > SMART_IN_FULL,
            "personas": [
                (card, persona_figures(card, report.currency))
                for card in (report.framing.personas if report.framing else ())
            ],
        }
        return render_to_string("reports/report.html", context)


def executive_pictures(report: Report) -> list[tuple[str, int, str]]:
    """Each executive picture's URL, the height it may take (mm) and its caption: the first leaves room for
    the section's headings above it, the last for the notes under it (late work, undated and far
    activities), so that the notes never go alone to the next page, nor the headings stay alone on theirs.
    The collector cut the picture by groups so that each fits at its own size (``paper.group_parts``); the
    height only draws one smaller when a note is longer than a page holds."""
    notes = paper.notes_mm([report.late_note, report.undated_note, report.out_of_reach_note])
    count = len(report.executive_svgs)
    captions = report.executive_captions or ("",) * count
    pictures = []
    for n, caption in enumerate(captions):
        above = paper.HEADINGS_MM if n == 0 else 0
        under = notes + paper.NOTE_MARGIN_MM if n == count - 1 else 0
        room = paper.WIDE_PAGE_MM - above - under - (paper.CAPTION_MM if caption else 0)
        pictures.append((f"picture:executive-{n}", int(min(paper.PICTURE_MM, room)), caption))
    return pictures


def html_to_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """Any HTML as a PDF, with relative links read from the static folder (and the pictures the fetcher
    holds) and nothing fetched elsewhere."""
    base = STATIC_DIR.as_uri() + "/"
    pdf = HTML(string=html, base_url=base, url_fetcher=fetcher or StaticOnlyFetcher()).write_pdf()
    assert pdf is not None
    return bytes(pdf)


def report_pdf(report: Report) -> bytes:
    """The report's PDF, its long unbroken runs of text given break opportunities (``breakable``): laid out
    in seconds whatever the length of a word or a text."""
    return html_to_pdf(breakable(report_html(report)), fetcher=StaticOnlyFetcher(pictures_of(report)))
