"""The Cloud Kicks deliverable read as its client reads it, format against format, in French and English:
the animation calendar's table is the same in the PDF, the deck and the Markdown (its totals row, « · » for a
channel without contact, « — » for a month without a week over the ceiling); the files are opened by their
readers (pdftotext, python-pptx, the Markdown as text)."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from tests.reports.conftest import pdf_text

pytestmark = pytest.mark.django_db

CALENDAR = {"fr": ("Calendrier d’animation", "Mois"), "en": ("Animation calendar", "Month")}


def _plain(text: str) -> str:
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _markdown_table(markdown: str, heading: str) -> list[list[str]]:
    """The rows (headers first) of the first table under ``heading``."""
    after = markdown.split(f"### {heading}\n", 1)[1]
    lines = ("\n" + after).split("\n| ", 1)[1].split("\n\n", 1)[0].split("\n")
    lines[0] = "| " + lines[0]
    return [[_plain(cell) for cell in line[2:-2].split(" | ")] for line in (lines[0], *lines[2:])]


def _deck_table(deck: bytes, first: str) -> list[list[str]]:
    """The rows of the deck's first native table whose first header is ``first``."""
    from pptx import Presentation

    for slide in Presentation(io.BytesIO(deck)).slides:
        for shape in slide.shapes:
            if shape.has_table and shape.table.cell(0, 0).text == first:
                return [[_plain(cell.text) for cell in row.cells] for row in shape.table.rows]
    raise AssertionError(f"no table headed {first!r}")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_animation_calendar_is_one_table_in_the_pdf_the_deck_and_the_markdown(
    document: Any, language: str, tmp_path: Any
) -> None:
    heading, month = CALENDAR[language]
    markdown = _markdown_table(document("md", language).decode(), heading)
    deck = _deck_table(document("pptx", language), month)
    assert markdown == deck
    headers, *months, totals = markdown
    assert totals[0] == "Total" and totals[-1] == ""
    assert len(months) == 12 and all(re.fullmatch(r"[A-ZÉ][a-zéû]+ \d{4}", row[0]) for row in months)
    cells = [cell for row in months for cell in row[1:]]
    assert "·" in cells and "—" in cells and "0" not in cells  # nothing written one way only
    counts = [[0 if cell in "·—" else int(cell.replace(" ", "").replace(",", "")) for cell in row[1:]]
              for row in months]  # fmt: skip
    channels = len(headers) - 3
    assert [str(sum(row[i] for row in counts)) for i in range(channels + 1)] == totals[1:-1]
    laid_out = _plain(pdf_text(document("pdf", language), tmp_path))
    assert re.search(r"^\s*Total\s+" + r"\s+".join(totals[1:-1]) + r"\s*$", laid_out, re.MULTILINE)
    first = months[0]
    assert re.search(r"^\s*" + r"\s+".join(map(re.escape, first)) + r"\s*$", laid_out, re.MULTILINE)


WORKSHOPS = {"fr": ("Calendrier des ateliers", "Atelier", "tenu", "prévu", "prévu (date passée)"),
             "en": ("Workshop calendar", "Workshop", "held", "planned", "planned (date passed)")}  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_demos_workshops_all_before_its_day_are_held_in_every_document(
    document: Any, language: str
) -> None:
    heading, first, held, _planned, _past = WORKSHOPS[language]
    markdown = _markdown_table(document("md", language).decode(), heading)
    deck = _deck_table(document("pptx", language), first)
    status = markdown[0].index("Statut" if language == "fr" else "Status")
    assert len(markdown) == 7 and {row[status] for row in markdown[1:]} == {held}
    assert {row[deck[0].index(markdown[0][status])] for row in deck[1:]} == {held}
    assert deck == markdown  # the same columns (the deck left out the place), the same words


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_workshop_still_planned_for_a_day_gone_by_says_its_date_has_passed(
    demo: Any, language: str
) -> None:
    from jalon.framing.models import Workshop
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report
    from tests.reports.conftest import TODAY, frame

    framing = frame(demo.roadmap)
    gone, coming = framing.workshops.order_by("day")[:2]
    Workshop.objects.filter(pk=gone.pk).update(status="planned")
    Workshop.objects.filter(pk=coming.pk).update(status="planned", day=TODAY)  # today: not gone by
    options = ReportOptions(sections=("framing",), language=language)
    heading, first, held, planned, past = WORKSHOPS[language]
    files = {
        fmt: render_report(actor=None, roadmap=demo.roadmap, fmt=fmt, options=options, today=TODAY).content
        for fmt in ("md", "pptx")
    }
    markdown = _markdown_table(files["md"].decode(), heading)
    deck = _deck_table(files["pptx"], first)
    for table in (markdown, deck):
        status = table[0].index("Statut" if language == "fr" else "Status")
        assert [row[status] for row in table[1:]] == [past, planned, held, held, held, held]


PLAN = {"fr": ("Plan d’animation", "Action", "Responsable"), "en": ("Animation plan", "Action", "Owner")}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_action_of_the_demos_animation_plan_names_its_owner_in_every_document(
    document: Any, language: str, tmp_path: Any
) -> None:
    from openpyxl import load_workbook

    heading, first, owner = PLAN[language]
    markdown = _markdown_table(document("md", language).decode(), heading)
    deck = _deck_table(document("pptx", language), first)
    sheet = load_workbook(io.BytesIO(document("xlsx", language)))[heading]
    rows = list(sheet.iter_rows(values_only=True))
    owners = [row[markdown[0].index(owner)] for row in markdown[1:]]
    assert len(owners) == 5 and "—" not in owners and "" not in owners
    assert [row[deck[0].index(owner)] for row in deck[1:]] == owners
    assert [row[rows[0].index(owner)] for row in rows[1:]] == owners
    laid_out = " ".join(_plain(pdf_text(document("pdf", language), tmp_path)).split())
    assert all(name in laid_out for name in owners)


SUB = {
    "fr": (
        "Sous-objectif de\u00a0: ",
        "Sous-objectifs\u00a0: ",
        {"Court terme", "Moyen terme", "Long terme"},
    ),
    "en": ("Sub-objective of: ", "Sub-objectives: ", {"Short term", "Medium term", "Long term"}),
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_sub_objective_has_its_slide_naming_its_parent_and_term(
    demo: Any, document: Any, language: str
) -> None:
    from pptx import Presentation

    of, subs, terms = SUB[language]
    slides = {
        slide.shapes.title.text: "\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame)
        for slide in Presentation(io.BytesIO(document("pptx", language))).slides
        if slide.shapes.title is not None
    }
    children = list(demo.roadmap.objectives.filter(parent__isnull=False).select_related("parent"))
    assert children  # the demo's: a short-term one (the long-term objective falls due after the plan's)
    for child in children:
        text = slides[child.title]
        assert of + child.parent.title in text
        assert child.term and set(text.split("\n")) & terms
        assert child.title in slides[child.parent.title].split(subs, 1)[1]
    for objective in demo.roadmap.objectives.all():
        assert objective.title in slides


REGISTERS = {
    "fr": (("#", "Risque", "Niveau", "Responsable", "Plan", "d’urgence", "Statut"),
           ("Public", "Message", "Canal", "Fréquence", "Responsable", "Prochaine"),
           ("hebdomadaire", "visioconférence", "élevé (3 × 4)")),
    "en": (("#", "Risk", "Level", "Owner", "Contingency", "plan", "Status"),
           ("Audience", "Message", "Channel", "Frequency", "Owner", "Next"),
           ("weekly", "visioconférence", "high (3 × 4)")),
}  # fmt: skip


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_pdfs_risks_and_communication_plan_break_no_word_of_ours(
    document: Any, language: str, tmp_path: Any
) -> None:
    """Their columns' widths were set on the header cells, which WeasyPrint ignored: the columns shared the
    width evenly and « Responsable », « hebdomadaire » broke inside (« Responsabl / e »)."""
    risks, communications, whole = REGISTERS[language]
    lines = _plain(pdf_text(document("pdf", language), tmp_path)).split("\n")
    for headers in (risks, communications):
        assert any(line.split() == list(headers) or line.split()[: len(headers)] == list(headers)
                   for line in lines), headers  # fmt: skip
    words = " ".join(" ".join(lines).split())
    assert all(word in words for word in whole)


MARKDOWN_COLUMNS = {
    "fr": {
        "Jalons": ["Date", "Jalon", "Statut"],
        "Charge de travail": ["Membre de l’équipe", "Capacité (heures par semaine)", "Semaines en surcharge",
                              "Heures au-delà de la capacité"],
        "Risques": ["#", "Risque", "Niveau", "Responsable", "Plan d’urgence", "Statut"],
        "Plan de communication": ["Public", "Message", "Canal", "Fréquence", "Responsable", "Prochaine date"],
    },
    "en": {
        "Milestones": ["Date", "Milestone", "Status"],
        "Workload": ["Team member", "Capacity (hours per week)", "Overloaded weeks", "Hours over capacity"],
        "Risks": ["#", "Risk", "Level", "Owner", "Contingency plan", "Status"],
        "Communication plan": ["Audience", "Message", "Channel", "Frequency", "Owner", "Next date"],
    },
}  # fmt: skip
# In a table's cell, the date is short.
REACHED = {"fr": r"atteint le \d\d/\d\d/\d{4}", "en": r"reached on \d{1,2} [A-Z][a-z]{2} \d{4}"}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_markdowns_registers_have_the_pdfs_columns_each_filled(document: Any, language: str) -> None:
    """The Markdown's milestones, workload, risks and communication plan left out columns the PDF has (a
    milestone's status, the hours over capacity, a risk's owner and status, a message's owner and next
    date): the wiki page said less than the report handed over with it."""
    markdown = document("md", language).decode().replace("\n## ", "\n### ")
    for heading, columns in MARKDOWN_COLUMNS[language].items():
        headers, *rows = _markdown_table(markdown, heading)
        assert headers == columns, heading
        assert rows and all(len(row) == len(columns) for row in rows)
        for index, column in enumerate(columns):
            assert {row[index] for row in rows} - {"—", ""}, f"{heading}: {column} is empty"
    milestones = _markdown_table(markdown, next(iter(MARKDOWN_COLUMNS[language])))
    assert any(re.fullmatch(REACHED[language], row[2]) for row in milestones[1:])
