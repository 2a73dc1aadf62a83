"""The Cloud Kicks Markdown and deck read as the consultant who hands them to the client reads them, in French
and English: a label set apart from its text, a table's headers capitalised as the PDF's, a one-off action on
its day, the undated ideas after the dated work (they came first on SQLite, last on PostgreSQL), no two slides
with one title."""

from __future__ import annotations

import io
import re
from typing import Any, Literal

import pytest

from tests.reports.conftest import TODAY

pytestmark = pytest.mark.django_db

SAID = {
    "fr": {"stakes": "**Enjeux** : Faire revenir", "month": "| Mois | E-mail | SMS | Courrier | Magasin |",
           "one_off": r"\| Ponctuelle, \d\d/\d\d/\d{4} \|"},
    "en": {"stakes": "**Stakes**: Faire revenir", "month": "| Month | E-mail | SMS | Post | Store |",
           "one_off": r"\| One-off, \d{1,2} [A-Z][a-z]{2} \d{4} \|"},
}  # fmt: skip


def _made(roadmap: Any, language: str, fmt: Literal["md", "pptx"]) -> bytes:
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    options = ReportOptions(language=language)
    made = render_report(actor=None, roadmap=roadmap, fmt=fmt, options=options, today=TODAY)
    return bytes(made.content)


def _markdown(roadmap: Any, language: str) -> str:
    return _made(roadmap, language, "md").decode().replace("\u00a0", " ").replace("\u202f", " ")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_framing_reads_as_a_consultant_writes_it(framed: Any, demo: Any, language: str) -> None:
    """« **Enjeux** Faire revenir… » read as one phrase; the calendar's channels were headed in lower case
    (« e-mail », « courrier ») beside « Mois » and « Total »; a one-off action read as a window never closed
    (« Ponctuelle, 05/10/2026 – … »)."""
    text = _markdown(demo.roadmap, language)
    said = SAID[language]
    assert said["stakes"] in text
    assert said["month"] in text
    assert len(re.findall(said["one_off"], text)) == 2 and "– …" not in text  # its day, no window


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_activities_list_the_undated_ideas_after_the_dated_work(demo: Any, language: str) -> None:
    text = _markdown(demo.roadmap, language)
    section = text[text.index("\n## Activit") :].split("\n## ", 2)[1]
    rows = [row for row in section.splitlines() if row.startswith("| ") and not row.startswith("| Activit")]
    undated = [bool(re.search(r"\| — \| — \|$", row)) for row in rows]
    assert sum(undated) == 3
    assert undated == sorted(undated)  # every dated row first


@pytest.mark.parametrize(("language", "personas"), [("fr", "Personae"), ("en", "Personas")])
def test_no_two_slides_of_the_deck_have_one_title(
    framed: Any, demo: Any, language: str, personas: str
) -> None:
    """The demo's four personas on two slides both titled « Personae »: numbered now, as the timeline's and
    the pressure check's slides are (*Personae (1/2)*)."""
    from pptx import Presentation

    deck = Presentation(io.BytesIO(_made(demo.roadmap, language, "pptx")))
    titles = [slide.shapes.title.text for slide in deck.slides if slide.shapes.title is not None]
    assert f"{personas} (1/2)" in titles and f"{personas} (2/2)" in titles
    assert sorted({title for title in titles if titles.count(title) > 1}) == []
