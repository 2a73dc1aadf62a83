"""A status is written as its model's label says it (« terminée », « tenu », « ouvert »; « done », « held »,
« open »), the same in every table of every document and in both languages: the workshops' and mock-ups'
were capitalised (« Tenu ») beside the activities' and risks' (« terminée »). Only a line that begins with a
status (« Ouvert · 3 bulletins ») starts with a capital."""

from __future__ import annotations

import io
import re
from typing import Any

import pytest

from tests.reports.conftest import pdf_text

STATUS = {"fr": "Statut", "en": "Status"}


def markdown_statuses(markdown: str, header: str) -> list[str]:
    """Every cell of a ``header`` column, in every Markdown table."""
    found = []
    for table in re.findall(r"(?:^\|.*\|\n)+", markdown, re.MULTILINE):
        rows = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in table.strip().split("\n")]
        if header in rows[0]:
            found += [row[rows[0].index(header)] for row in rows[2:]]
    return found


def deck_statuses(deck: bytes, header: str) -> list[str]:
    """Every cell of a ``header`` column, in every native table of the deck."""
    from pptx import Presentation

    found = []
    for slide in Presentation(io.BytesIO(deck)).slides:
        for shape in slide.shapes:
            if shape.has_table:
                rows = [[cell.text for cell in row.cells] for row in shape.table.rows]
                if header in rows[0]:
                    found += [row[rows[0].index(header)] for row in rows[1:]]
    return found


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_status_in_every_table_is_written_as_its_label(document: Any, language: str, tmp_path) -> None:
    header = STATUS[language]
    markdown = markdown_statuses(document("md", language).decode(), header)
    deck = deck_statuses(document("pptx", language), header)
    held = "tenu" if language == "fr" else "held"
    assert markdown.count(held) == 6 and deck.count(held) == 6  # the six workshops, in both documents
    assert {"terminée", "ouvert"} <= set(markdown) if language == "fr" else {"done", "open"} <= set(markdown)
    capitalised = [word for word in [*markdown, *deck] if word[:1].isupper()]
    assert capitalised == []
    text = pdf_text(document("pdf", language), tmp_path)
    assert not re.search(r"\b(Tenu|Held|Terminée|Planifiée)\b", text)  # « Planned »: the budget's column
