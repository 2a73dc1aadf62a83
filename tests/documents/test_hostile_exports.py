"""What Jalon writes stays what was typed, and harmless to the program that opens it: a CSV cell starting
with = + - @ tab or carriage return is neutralised the OWASP way (a leading apostrophe) while negative
numbers stay numbers; calendar text is escaped and folded (RFC 5545); markup and right-to-left text come
out intact in the Markdown, the deck and the workbook; every download is named in plain ASCII."""

from __future__ import annotations

import csv
import io
import re
from typing import Any

from django.test import Client
from django.utils import translation
from icalendar import Calendar
from openpyxl import load_workbook

from jalon.documents.backlog_export import backlog_csv, backlog_xlsx
from jalon.planning import services as planning
from jalon.planning.models import Activity, Milestone
from jalon.reports.options import ReportOptions
from jalon.reports.services import render_report

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
HOSTILE_TEXT = (
    "Lancement, phase 1; «\u00a0test\u00a0»\nsuite <b>gras</b> \u05e9\u05dc\u05d5\u05dd \u202bعربي\u202c "
    + "x" * 100
)
FORMULA_TITLES = ["-1+2", "+33 6 12", "@SUM(A1)", "\tcmd", "\rcmd", "=1+1"]


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=","))


def test_backlog_csv_neutralises_every_formula_start_and_keeps_numbers_as_numbers(demo: Any) -> None:
    for index, title in enumerate(FORMULA_TITLES):
        planning.create(Activity, actor=None, roadmap=demo.roadmap, key=f"piege-{index}", title=title)
    with translation.override("en"):
        rows = {row[0]: row for row in csv_rows(backlog_csv(actor=None, roadmap=demo.roadmap))}
        sheet = load_workbook(io.BytesIO(backlog_xlsx(actor=None, roadmap=demo.roadmap))).active
    for index, title in enumerate(FORMULA_TITLES):
        assert rows[f"piege-{index}"][1] == "'" + title
    header = rows["Key"]
    cost = header.index("Cost")
    assert all(not row[cost].startswith("'") for row in rows.values())
    typed = [cell for row in sheet.iter_rows(min_row=2) for cell in row if cell.value is not None]
    assert not [cell for cell in typed if cell.data_type == "f"]
    assert {cell.value for cell in typed if cell.data_type == "s"} >= set(FORMULA_TITLES)


def test_a_negative_measurement_stays_a_number_in_the_workbook(demo: Any) -> None:
    kpi = demo.roadmap.kpis.first()
    measurement = kpi.measurements.first()
    measurement.value = -1500.5
    measurement.save()
    objective = demo.roadmap.objectives.first()
    objective.baseline = -5
    objective.title = "-5 % de retours"
    objective.save()
    made = render_report(actor=None, roadmap=demo.roadmap, fmt="xlsx", options=ReportOptions())
    cells = [
        cell for sheet in load_workbook(io.BytesIO(made.content)) for row in sheet.iter_rows() for cell in row
    ]
    numbers = {cell.value for cell in cells if cell.data_type == "n"}
    texts = {cell.value for cell in cells if cell.data_type == "s"}
    assert -5 in numbers
    assert "'-5 % de retours" in texts and "-5 % de retours" not in texts


def hostile_milestone(demo: Any) -> Milestone:
    milestone: Milestone = demo.roadmap.milestones.first()
    milestone.title = HOSTILE_TEXT
    milestone.save()
    return milestone


def test_the_calendar_escapes_and_folds_hostile_text(demo: Any) -> None:
    milestone = hostile_milestone(demo)
    made = render_report(actor=None, roadmap=demo.roadmap, fmt="ics", options=ReportOptions(language="en"))
    lines = made.content.split(b"\r\n")
    assert all(len(line) <= 75 for line in lines)  # folded at 75 octets
    unfolded = made.content.replace(b"\r\n ", b"").decode()
    assert r"Lancement\, phase 1\; «" in unfolded and r"»\nsuite <b>gras</b>" in unfolded
    [event] = [
        e
        for e in Calendar.from_ical(made.content).walk("VEVENT")
        if str(e["UID"]).startswith(f"milestone-{milestone.key}@")
    ]
    assert str(event["SUMMARY"]) == f"Milestone: {HOSTILE_TEXT}"


def test_the_animation_plan_calendar_escapes_and_folds_hostile_text(
    client: Client, members: Any, demo: Any
) -> None:
    from jalon.framing import services
    from jalon.framing.models import PlanAction

    framing = services.open_framing(actor=members["editor"], roadmap=demo.roadmap)
    services.create(
        PlanAction, actor=members["editor"], framing=framing, what=HOSTILE_TEXT[:290], channel="email",
        frequency="weekly",
    )  # fmt: skip
    client.force_login(members["viewer"])
    response = client.get(ROADMAP + "framing/plan/calendar.ics")
    assert all(len(line) <= 75 for line in response.content.split(b"\r\n"))
    summaries = {str(e["SUMMARY"]) for e in Calendar.from_ical(response.content).walk("VEVENT")}
    assert any(summary.startswith(HOSTILE_TEXT[:290] + " (") for summary in summaries)


def test_markup_and_right_to_left_text_stay_intact_in_the_deck_and_the_workbook(demo: Any) -> None:
    from pptx import Presentation

    objective = demo.roadmap.objectives.first()
    objective.title = HOSTILE_TEXT[:190]
    objective.save()
    hostile_milestone(demo)
    deck = render_report(actor=None, roadmap=demo.roadmap, fmt="pptx", options=ReportOptions())
    texts = [
        shape.text_frame.text
        for slide in Presentation(io.BytesIO(deck.content)).slides
        for shape in slide.shapes
        if shape.has_text_frame
    ]
    assert any(HOSTILE_TEXT[:60] in text for text in texts)
    book = render_report(actor=None, roadmap=demo.roadmap, fmt="xlsx", options=ReportOptions())
    cells = {
        cell.value
        for sheet in load_workbook(io.BytesIO(book.content))
        for row in sheet.iter_rows()
        for cell in row
    }
    assert HOSTILE_TEXT[:190] in cells


def test_the_markdown_keeps_right_to_left_text_and_escapes_markup(demo: Any) -> None:
    hostile_milestone(demo)
    text = render_report(actor=None, roadmap=demo.roadmap, fmt="md", options=ReportOptions()).content.decode()
    assert "\u05e9\u05dc\u05d5\u05dd \u202bعربي\u202c" in text
    assert r"\<b\>gras\</b\>" in text and "<b>gras</b>" not in text


DOCUMENT = "documents/?sections=vision&sections=milestones&language=en&zoom=quarter&lanes=theme&format="
DOWNLOADS = ["export.yaml", "export.json", "backlog.csv", "backlog.xlsx", "framing/plan/calendar.ics",
             DOCUMENT + "md", DOCUMENT + "ics", DOCUMENT + "xlsx"]  # fmt: skip


def test_every_download_is_named_in_plain_ascii(client: Client, members: Any) -> None:
    client.force_login(members["viewer"])
    for download in DOWNLOADS:
        response = client.get(ROADMAP + download)
        assert response.status_code == 200, download
        disposition = response["Content-Disposition"]
        name = r'attachment; filename="[a-z0-9-]+\.(yaml|json|csv|xlsx|ics|md)"'
        assert re.fullmatch(name, disposition), disposition
