"""The framing's workshop calendar in the PDF keeps its headers and statuses whole beside a meeting link.

The fifth first-hour walk met « Participant / s », « Deliverabl / e » and « Planne / d » cut over two lines:
the report's ``overflow-wrap: anywhere`` (meant for a long typed word) let the table's automatic layout give
the link's column the room those short words needed."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.reports.conftest import TODAY, frame, pdf_text

pytestmark = pytest.mark.django_db

LINK = "https://meet.example.com/acme-e-crm-framing-2027"
WHOLE = {
    "en": ("Workshop", "Participants", "Status", "Deliverable", "planned", "cancelled"),
    "fr": ("Atelier", "Participants", "Statut", "Livrable", "prévu", "annulé"),
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_workshop_calendar_keeps_its_short_words_whole_beside_a_link(
    demo: Any, tmp_path: Any, language: str
) -> None:
    from jalon.framing.models import Workshop
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    framing = frame(demo.roadmap)
    framing.workshops.update(place=LINK, deliverable="", status="planned")
    Workshop.objects.filter(pk=framing.workshops.first().pk).update(status="cancelled")
    options = ReportOptions(sections=("framing",), language=language)
    made = render_report(actor=None, roadmap=demo.roadmap, fmt="pdf", options=options, today=TODAY)
    text = pdf_text(made.content, tmp_path)
    calendar = text.split("Workshop calendar" if language == "en" else "Calendrier des ateliers")[1]
    calendar = re.split(r"\n\s*Persona[se]\s*\n", calendar)[0]  # up to the personas' heading
    words = set(calendar.split())
    assert [w for w in WHOLE[language] if w not in words] == []
