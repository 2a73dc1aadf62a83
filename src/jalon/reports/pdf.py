"""The report as a PDF (WeasyPrint): a cover, a table of contents, page numbers, the roadmap's name in every
header, A4 portrait with landscape pages for the timelines.

The HTML is a Django template (every user text escaped) with the pages' own SVG pictures inline. WeasyPrint
is given a URL fetcher that reads the app's own static files and nothing else: no network, no other file,
whatever a text says.
"""

from __future__ import annotations

import logging
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from jalon import formatting
from jalon.reports.model import Report

STATIC_DIR = (Path(__file__).resolve().parent.parent / "static").resolve()
LOGGER = logging.getLogger(__name__)


class StaticOnlyFetcher(URLFetcher):  # type: ignore[misc]
    """Fetches ``file:`` URLs inside the app's static folder; refuses (and remembers) every other URL."""

    def __init__(self) -> None:
        super().__init__(timeout=1, allowed_protocols=("file",), allow_redirects=False)
        self.fetched: list[str] = []
        self.refused: list[str] = []

    def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
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


def report_html(report: Report) -> str:
    with translation.override(report.options.language):
        share = formatting.format_quantity(report.maintenance_share * 100, "%", decimals=0)
        return render_to_string("reports/report.html", {"report": report, "maintenance_share": share})


def html_to_pdf(html: str, *, fetcher: StaticOnlyFetcher | None = None) -> bytes:
    """Any HTML as a PDF, with relative links read from the static folder and nothing fetched elsewhere."""
    document = HTML(
        string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=fetcher or StaticOnlyFetcher()
    )
    pdf = document.write_pdf()
    assert pdf is not None
    return bytes(pdf)


def report_pdf(report: Report) -> bytes:
    return html_to_pdf(report_html(report))
