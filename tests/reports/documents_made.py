"""Every file Jalon writes for the Cloud Kicks roadmap (with its framing), in French and in English, read back
as text by a real reader: pdftotext, python-pptx, openpyxl, icalendar, or the text itself (Markdown, CSV,
SVG). Made once per test module: the demo is loaded in a transaction that is rolled back afterwards."""

from __future__ import annotations

import io
import re
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from pathlib import Path
from typing import Any

from django.utils import translation

from tests.reports.conftest import TODAY, made_once

LANGUAGES = ("fr", "en")


@dataclass(frozen=True)
class Made:
    """One file as its reader gives it: ``texts`` what a person reads; for a workbook, ``formats`` its number
    formats and ``headings`` its sheets' names and column headers."""

    name: str
    language: str
    texts: tuple[str, ...]
    formats: tuple[str, ...] = ()
    headings: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return "\n".join(self.texts)


def pdf_texts(pdf: bytes) -> tuple[str, ...]:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "report.pdf"
        path.write_bytes(pdf)
        done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, check=True, timeout=120)
    return tuple(done.stdout.decode().split("\f"))


def _shape_texts(shape: Any) -> Iterator[str]:
    from pptx.enum.shapes import MSO_SHAPE_TYPE

    if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
        for inner in shape.shapes:
            yield from _shape_texts(inner)
    if shape.has_text_frame:
        yield shape.text_frame.text
    if getattr(shape, "has_table", False) and shape.has_table:
        yield from (cell.text for row in shape.table.rows for cell in row.cells)
    if getattr(shape, "has_chart", False) and shape.has_chart:
        chart = shape.chart
        yield from (str(category) for category in chart.plots[0].categories)
        yield from (series.name for plot in chart.plots for series in plot.series)
        if chart.has_title:
            yield chart.chart_title.text_frame.text
        for axis in (chart.category_axis, chart.value_axis):
            if axis.has_title:
                yield axis.axis_title.text_frame.text
            yield axis.tick_labels.number_format


def pptx_texts(deck: bytes) -> tuple[str, ...]:
    from pptx import Presentation

    presentation = Presentation(io.BytesIO(deck))
    texts: list[str] = []
    for slide in presentation.slides:
        for shape in slide.shapes:
            texts += _shape_texts(shape)
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return tuple(texts)


def xlsx_made(name: str, language: str, workbook: bytes) -> Made:
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(workbook))
    texts: list[str] = []
    formats: set[str] = set()
    headings: list[str] = []
    for sheet in book.worksheets:
        texts.append(sheet.title)
        headings += [sheet.title, *(str(cell.value) for cell in sheet[1] if cell.value is not None)]
        for row in sheet.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                if cell.value is not None:
                    formats.add(cell.number_format)
    return Made(name, language, tuple(texts), tuple(sorted(formats)), tuple(headings))


def ics_texts(calendar: bytes) -> tuple[str, ...]:
    from icalendar import Calendar

    read = Calendar.from_ical(calendar)
    texts = [str(read.get("x-wr-calname", ""))]
    for event in read.walk("VEVENT"):
        texts += [str(event.get("summary", "")), str(event.get("description", ""))]
        categories = event.get("categories")
        if categories is not None:
            texts += [str(c) for c in categories.cats]
    return tuple(texts)


def svg_texts(svg: str) -> tuple[str, ...]:
    """The SVG's text nodes and the names it gives its elements (aria-label, <title>)."""
    labels = re.findall(r'aria-label="([^"]*)"', svg)
    words = re.sub(r"<[^>]+>", "\n", svg)
    return tuple(unescape(t) for t in [*labels, *words.split("\n")] if t.strip())


def html_texts(html: str, pictures: dict[str, str]) -> tuple[str, ...]:
    """The PDF's text before WeasyPrint lays it out (its no-break spaces, which pdftotext reads as spaces):
    the page's text and that of its SVG pictures, tags taken out."""
    html = re.sub(r"<style\b.*?</style>", "", html, flags=re.DOTALL)
    texts = [re.sub(r"<[^>]+>", "\n", part).split("\n") for part in (html, *pictures.values())]
    return tuple(unescape(t) for lines in texts for t in lines if t.strip())


def make_every_file(roadmap: Any) -> list[Made]:
    """Every file of the roadmap in both languages (the reports with every section and the two presets)."""
    from jalon.documents.backlog_export import backlog_csv, backlog_xlsx
    from jalon.framing import plan
    from jalon.framing.models import Framing
    from jalon.planning.registers.views import risk_rows
    from jalon.reports.collect import collect_report
    from jalon.reports.pdf import pictures_of, report_html
    from jalon.reports.presets import options_for
    from jalon.reports.services import render_report

    made: list[Made] = []
    framing = Framing.objects.get(roadmap=roadmap)
    for language in LANGUAGES:
        for preset in ("", "board", "team"):
            options = options_for(roadmap, preset, language=language)
            formats = ("pdf", "pptx", "md", "ics", "xlsx") if not preset else ("pdf", "pptx", "md")
            for fmt in formats:

                def render(fmt: Any = fmt, options: Any = options) -> bytes:  # this turn's
                    return render_report(
                        actor=None, roadmap=roadmap, fmt=fmt, options=options, today=TODAY
                    ).content

                # Every section: the document the tests of tests/reports/ read (``document``), made once.
                content = render() if preset else made_once(fmt, language, render)
                name = f"{fmt} report" + (f" ({preset})" if preset else "")
                if fmt == "pdf":
                    made.append(Made(name, language, pdf_texts(content)))
                    if not preset:
                        report = collect_report(roadmap, options, today=TODAY)
                        source = html_texts(report_html(report), pictures_of(report))
                        made.append(Made("PDF report's HTML", language, source))
                elif fmt == "pptx":
                    made.append(Made(name, language, pptx_texts(content)))
                elif fmt == "xlsx":
                    made.append(xlsx_made(name, language, content))
                elif fmt == "ics":
                    made.append(Made(name, language, ics_texts(content)))
                else:
                    made.append(Made(name, language, (content.decode(),)))
        with translation.override(language):
            csv = backlog_csv(actor=None, roadmap=roadmap).decode("utf-8-sig")
            made.append(Made("backlog CSV", language, (csv,)))
            made.append(xlsx_made("backlog XLSX", language, backlog_xlsx(actor=None, roadmap=roadmap)))
            actions = list(framing.actions.all())
            calendar = plan.ics(framing, plan.dated_contacts(framing, actions))
            made.append(Made("animation plan ICS", language, ics_texts(calendar)))
            matrix = str(risk_rows(roadmap, TODAY)["matrix"])
            made.append(Made("risk matrix SVG", language, svg_texts(matrix)))
    return made


def framing_texts(roadmap: Any) -> tuple[str, ...]:
    """The framing's own texts (personas, workshops, stakeholders, actions, votes): data, in French as the
    demo wrote them, whatever the file's language. Not the default lifecycle stages' names and definitions:
    those are Jalon's words, which an English file writes in English."""
    from django.apps import apps
    from django.db import models

    from jalon.framing.stage_words import RULES, stage_definition

    defaults = {name for rule in RULES.values() for name in (rule.name_fr, rule.name_en)}
    for language in LANGUAGES:
        with translation.override(language):
            defaults |= {stage_definition(rule) for rule in RULES.values()}

    found: set[str] = set()
    for model in apps.get_app_config("framing").get_models():
        fields = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.choices
        ]
        if not fields:
            continue
        for values in model._default_manager.values_list(*fields):
            found |= {v.strip() for v in values if isinstance(v, str) and len(v.strip()) > 3}
    found = {text for text in found if not re.fullmatch(r"[a-z0-9_.-]+", text)}  # keys and file names
    found -= defaults
    return tuple(sorted(found, key=len, reverse=True))
