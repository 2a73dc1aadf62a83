"""A boolean cell of an XLSX workbook (written by openpyxl, as a spreadsheet writes it) quoted in an import's
message as the spreadsheet shows it: VRAI or FAUX on a French page, TRUE or FALSE on an English one, never
Python's ``True`` (the KPI measurements' file) nor the English spreadsheet's ``TRUE`` on a French page (the
orders file, the backlog import)."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from openpyxl import Workbook

SHOWN = {"fr": ("VRAI", "FAUX"), "en": ("TRUE", "FALSE")}


def workbook(*rows: list[Any]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_boolean_value_in_a_kpis_measurements_is_quoted_as_the_spreadsheet_shows_it(language: str) -> None:
    from jalon.strategy.kpis.table import TableProblems, read_file

    data = workbook(["date", "valeur"], [date(2026, 1, 5), True], [date(2026, 1, 12), False])
    with translation.override(language), pytest.raises(TableProblems) as caught:
        read_file("mesures.xlsx", data)
    said = [problem.message for problem in caught.value.problems]
    shown_true, shown_false = SHOWN[language]
    assert shown_true in said[0] and shown_false in said[1], said
    assert not any("True" in message or "False" in message for message in said)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_boolean_amount_in_an_orders_file_is_quoted_as_the_spreadsheet_shows_it(language: str) -> None:
    from jalon.errors import ValidationFailed
    from jalon.framing.services import read_orders_upload

    data = workbook(
        ["client", "date", "montant"],
        ["C1", date(2025, 3, 2), 12.5],
        ["C2", date(2025, 3, 3), True],
        ["C3", date(2025, 3, 4), False],
    )
    with translation.override(language), pytest.raises(ValidationFailed) as caught:
        read_orders_upload(data, filename="commandes.xlsx", today=date(2026, 1, 1))
    said = caught.value.errors["file"][1:]  # after the count of bad lines
    shown_true, shown_false = SHOWN[language]
    assert len(said) == 2 and f" {shown_true} " in said[0] and f" {shown_false} " in said[1], said
    assert not any("True" in message or "False" in message for message in said)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_boolean_cost_in_a_backlog_workbook_is_quoted_as_the_spreadsheet_shows_it(
    client: Any, members: Any, language: str
) -> None:
    from jalon.planning.models import Activity

    members["editor"].language = language
    members["editor"].save(update_fields=["language"])
    client.force_login(members["editor"])
    before = Activity.objects.count()
    data = workbook(["title", "cost"], ["Salon du running", True], ["Affiches", 300])
    upload = SimpleUploadedFile("backlog.xlsx", data)
    response = client.post("/w/cloud-kicks/r/cloud-kicks/backlog/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 422, page
    start = page.index('class="import-problems"')
    problems = page[start : page.index("</section>", start)]
    assert f"{SHOWN[language][0]} " in problems and "True" not in problems, problems[:600]
    assert Activity.objects.count() == before
