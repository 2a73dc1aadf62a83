"""The backlog as CSV and XLSX (opened by the csv module and openpyxl), and the import page: who may use
it, what an upload does, and what a bad file shows."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from jalon.documents.backlog_export import backlog_csv, backlog_xlsx
from jalon.planning import services as planning
from jalon.planning.models import Activity, Person

FIXTURES = Path(__file__).with_name("fixtures")
BASE = "/w/cloud-kicks/r/cloud-kicks/"


def add_priced_activity(roadmap: Any) -> Activity:
    theme = roadmap.themes.get(key="conversion")
    return planning.create(
        Activity, actor=None, roadmap=roadmap, key="bons-plans", title="Bons plans", theme=theme,
        status="planned", start=date(2027, 1, 4), end=date(2027, 1, 15), effort_days=2.5,
        cost=Decimal("1234.50"), value=5000,
    )  # fmt: skip


def csv_rows(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=delimiter))


# CSV ----------------------------------------------------------------------------------------------


def test_the_french_csv_uses_semicolons_a_bom_and_decimal_commas(demo) -> None:
    add_priced_activity(demo.roadmap)
    with translation.override("fr"):
        rows = csv_rows(backlog_csv(actor=None, roadmap=demo.roadmap), ";")
    header, by_key = rows[0], {row[0]: row for row in rows[1:]}
    assert header[:6] == ["Clé", "Titre", "Groupe thématique", "Objectifs", "Responsable", "Statut"]
    assert len(rows) == demo.roadmap.activities.count() + 1
    row = dict(zip(header, by_key["bons-plans"], strict=True))
    assert (row["Coût"], row["Effort (jours-personne)"], row["Début"]) == ("1234,5", "2,5", "2027-01-04")
    assert row["Statut"] == "Planifiée" and row["Groupe thématique"] == "Conversion et fidélisation"
    carte = dict(zip(header, by_key["carte-experience"], strict=True))
    assert carte["Dépendances"] == "entretiens-clients+7"
    assert carte["Responsable"] == "Yasmin Ahmad"


def test_the_english_csv_uses_commas_and_decimal_points(demo) -> None:
    add_priced_activity(demo.roadmap)
    with translation.override("en"):
        rows = csv_rows(backlog_csv(actor=None, roadmap=demo.roadmap), ",")
    header = rows[0]
    assert header[2:6] == ["Thematic group", "Objectives", "Owner", "Status"]
    row = dict(zip(header, next(r for r in rows if r[0] == "bons-plans"), strict=True))
    assert (row["Cost"], row["Status"]) == ("1234.5", "Planned")
    email = dict(zip(header, next(r for r in rows if r[0] == "email-panier-abandonne"), strict=True))
    assert email["Objectives"] == "taux-conversion, abandon-panier"


# XLSX ---------------------------------------------------------------------------------------------


def test_the_xlsx_has_typed_cells_a_bold_frozen_header_and_widths(demo) -> None:
    add_priced_activity(demo.roadmap)
    with translation.override("fr"):
        data = backlog_xlsx(actor=None, roadmap=demo.roadmap)
    sheet = load_workbook(io.BytesIO(data)).active
    header = [cell.value for cell in sheet[1]]
    assert header[:3] == ["Clé", "Titre", "Groupe thématique"] and all(cell.font.bold for cell in sheet[1])
    assert sheet.freeze_panes == "A2"
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "bons-plans")
    cells = dict(zip(header, row, strict=True))
    assert cells["Début"].is_date and cells["Début"].value == datetime(2027, 1, 4)
    assert cells["Coût"].value == 1234.5 and cells["Coût"].data_type == "n"
    assert "€" in cells["Coût"].number_format
    assert cells["Effort (jours-personne)"].value == 2.5
    assert cells["Impact (1–5)"].value is None  # empty, not "None"
    assert sheet.column_dimensions["B"].width > sheet.column_dimensions["A"].width > 8
    assert sheet.max_row == demo.roadmap.activities.count() + 1


def test_the_xlsx_scores_are_numbers(demo) -> None:
    with translation.override("en"):
        sheet = load_workbook(io.BytesIO(backlog_xlsx(actor=None, roadmap=demo.roadmap))).active
    header = [cell.value for cell in sheet[1]]
    audit = dict(zip(header, next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "audit-parcours"),
                     strict=True))  # fmt: skip
    assert (audit["Impact (1–5)"].value, audit["Confidence (%)"].value, audit["Spent"].value) == (4, 90, 5800)
    assert audit["End"].is_date and audit["Status"].value == "Done"


# Queries ------------------------------------------------------------------------------------------


def queries_of(export: Any, roadmap: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        export(actor=None, roadmap=roadmap)
    return len(captured.captured_queries)


@pytest.mark.parametrize("export", [backlog_csv, backlog_xlsx])
def test_an_export_costs_the_same_queries_for_twenty_or_forty_activities(demo, export: Any) -> None:
    roadmap = demo.roadmap
    before = queries_of(export, roadmap)
    objective = roadmap.objectives.first()
    previous = None
    for n in range(20):
        activity = planning.create(
            Activity, actor=None, roadmap=roadmap, key=f"extra-{n}", title=f"Extra {n}",
            theme=roadmap.themes.first(), owner=roadmap.people.first(), objectives=[objective],
        )  # fmt: skip
        if previous is not None:
            planning.add_dependency(actor=None, predecessor=previous, successor=activity)
        previous = activity
    assert queries_of(export, roadmap) == before <= 5


# Pages --------------------------------------------------------------------------------------------


def test_the_backlog_downloads_as_csv_and_xlsx(client, members) -> None:
    client.force_login(members["viewer"])
    as_csv = client.get(BASE + "backlog.csv")
    assert as_csv.status_code == 200 and as_csv["Content-Type"].startswith("text/csv")
    assert 'filename="cloud-kicks-backlog.csv"' in as_csv["Content-Disposition"]
    as_xlsx = client.get(BASE + "backlog.xlsx")
    assert as_xlsx.status_code == 200 and as_xlsx.content.startswith(b"PK")


def test_an_unknown_export_format_is_not_found(client, members) -> None:
    client.force_login(members["owner"])
    assert client.get(BASE + "backlog.pdf").status_code == 404


def test_the_export_keeps_the_backlog_filters(client, members) -> None:
    client.force_login(members["owner"])
    response = client.get(BASE + "backlog.csv?status=done&theme=conversion&theme=maintenance")
    keys = sorted(row[0] for row in csv_rows(response.content, ";")[1:])
    assert keys == ["black-friday", "email-panier-abandonne", "mise-a-jour-plateforme"]


def test_an_outsider_gets_not_found_for_export_and_import(client, members) -> None:
    client.force_login(members["outsider"])
    assert client.get(BASE + "backlog.csv").status_code == 404
    assert client.get(BASE + "backlog/import/").status_code == 404
    upload = SimpleUploadedFile("t.csv", (FIXTURES / "trello.csv").read_bytes())
    assert client.post(BASE + "backlog/import/", {"file": upload}).status_code == 404


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_cannot_import(client, members, role: str) -> None:
    client.force_login(members[role])
    before = Activity.objects.count()
    assert client.get(BASE + "backlog/import/").status_code == 403
    upload = SimpleUploadedFile("t.csv", (FIXTURES / "trello.csv").read_bytes())
    assert client.post(BASE + "backlog/import/", {"file": upload}).status_code == 403
    assert Activity.objects.count() == before


def test_the_import_page_asks_for_a_file_and_its_source(client, members) -> None:
    client.force_login(members["editor"])
    page = client.get(BASE + "backlog/import/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert 'type="file"' in page and 'name="source"' in page and 'value="trello"' in page
    assert 'href="/w/cloud-kicks/r/cloud-kicks/backlog.xlsx"' in page


def test_uploading_a_trello_file_adds_its_cards_to_the_backlog(client, members) -> None:
    client.force_login(members["editor"])
    upload = SimpleUploadedFile("trello.csv", (FIXTURES / "trello.csv").read_bytes(), content_type="text/csv")
    response = client.post(BASE + "backlog/import/", {"file": upload})
    assert response.status_code == 302 and response["Location"] == BASE + "backlog/"
    page = client.get(response["Location"]).content.decode()
    assert "Partenariat avec des influenceurs running" in page
    assert "4 activités importées." in page


def test_uploading_a_bad_file_lists_its_lines_and_writes_nothing(client, members) -> None:
    client.force_login(members["editor"])
    before = (Activity.objects.count(), Person.objects.count())
    content = (
        "Card Name,List Name,Start Date\nBonne,À faire,2026-12-01\n,À faire,\nMauvaise,À faire,32/13/2026\n"
    )
    upload = SimpleUploadedFile("bad.csv", content.encode("utf-8-sig"))
    response = client.post(BASE + "backlog/import/", {"file": upload, "source": "trello"})
    page = response.content.decode()
    assert response.status_code == 422
    assert "<code>ligne 3</code>" in page and "<code>ligne 4</code>" in page and "Le titre est vide." in page
    assert 'value="trello" selected' in page
    assert (Activity.objects.count(), Person.objects.count()) == before


def test_uploading_an_old_excel_workbook_says_to_save_it_as_xlsx_or_csv(client, members) -> None:
    client.force_login(members["editor"])
    before = Activity.objects.count()
    upload = SimpleUploadedFile("backlog.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    response = client.post(BASE + "backlog/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 422
    assert "ancien classeur Excel (.xls)" in page and "enregistrez-le au format XLSX ou CSV" in page
    assert Activity.objects.count() == before


def test_uploading_nothing_asks_for_a_file(client, members) -> None:
    client.force_login(members["editor"])
    response = client.post(BASE + "backlog/import/", {})
    assert response.status_code == 422 and "Choisissez un fichier" in response.content.decode()


def test_missing_people_are_added_when_the_box_is_ticked(client, members) -> None:
    client.force_login(members["editor"])
    content = "Summary,Issue key,Status,Assignee\nRefonte FAQ,CK-9,To Do,Nora Ziani\n"
    upload = SimpleUploadedFile("jira.csv", content.encode())
    response = client.post(BASE + "backlog/import/", {"file": upload, "create_people": "1"})
    assert response.status_code == 302
    assert Activity.objects.get(key="refonte-faq").owner == Person.objects.get(name="Nora Ziani")


def test_a_title_that_looks_like_a_formula_stays_text_in_both_files_and_comes_back(demo) -> None:
    from jalon.documents.csv_write import import_activities
    from jalon.documents.tables import decode

    planning.create(
        Activity, actor=None, roadmap=demo.roadmap, key="piege", title='=HYPERLINK("http://x","ok")'
    )
    with translation.override("en"):
        data = backlog_csv(actor=None, roadmap=demo.roadmap)
        sheet = load_workbook(io.BytesIO(backlog_xlsx(actor=None, roadmap=demo.roadmap))).active
    row = next(r for r in csv_rows(data, ",") if r[0] == "piege")
    assert row[1] == '\'=HYPERLINK("http://x","ok")'
    cell = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "piege")[1]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://x","ok")')
    text = decode(data).replace("piege,", "piege-2,")
    only_new = "\r\n".join(line for line in text.splitlines() if line.startswith(("Key,", "piege-2,")))
    created = import_activities(actor=None, roadmap=demo.roadmap, text=only_new)
    assert created[0].title == '=HYPERLINK("http://x","ok")'


@pytest.mark.parametrize("title", ["＝1+1", "＋33 6 12", "－5", "＠SUM(A1)", "'=1+1", "''+2", "'plain"])
def test_full_width_formula_signs_and_typed_apostrophes_survive_export_and_import(demo, title: str) -> None:
    from jalon.documents.csv_write import import_activities
    from jalon.documents.tables import decode

    planning.create(Activity, actor=None, roadmap=demo.roadmap, key="piege", title=title)
    with translation.override("en"):
        data = backlog_csv(actor=None, roadmap=demo.roadmap)
        sheet = load_workbook(io.BytesIO(backlog_xlsx(actor=None, roadmap=demo.roadmap))).active
    row = next(r for r in csv_rows(data, ",") if r[0] == "piege")
    assert row[1] == (title if title == "'plain" else "'" + title)
    cell = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "piege")[1]
    assert (cell.data_type, cell.value) == ("s", title)
    text = decode(data).replace("piege,", "piege-2,")
    only_new = "\r\n".join(line for line in text.splitlines() if line.startswith(("Key,", "piege-2,")))
    created = import_activities(actor=None, roadmap=demo.roadmap, text=only_new)
    assert created[0].title == title


def test_the_backlogs_own_xlsx_export_imports_back(client, members, demo) -> None:
    """Export as XLSX, edit in Excel, import: the workbook is read as the CSV is (the page offered XLSX
    for download and to save an old .xls as, then called its columns 'not a Jalon export')."""
    add_priced_activity(demo.roadmap)
    with translation.override("fr"):
        book = load_workbook(io.BytesIO(backlog_xlsx(actor=None, roadmap=demo.roadmap)))
    sheet = book.active
    assert sheet is not None
    keep = next(r[0].row for r in sheet.iter_rows(min_row=2) if r[0].value == "bons-plans")
    sheet.cell(row=keep, column=1, value="bons-plans-2")
    for number in range(sheet.max_row, 1, -1):
        if number != keep:
            sheet.delete_rows(number)
    edited = io.BytesIO()
    book.save(edited)
    client.force_login(members["editor"])
    upload = SimpleUploadedFile("backlog.xlsx", edited.getvalue())
    response = client.post(BASE + "backlog/import/", {"file": upload})
    assert response.status_code == 302, response.content.decode()[-3000:]
    copy = Activity.objects.get(roadmap=demo.roadmap, key="bons-plans-2")
    assert (copy.title, copy.theme and copy.theme.key, copy.start, copy.end) == (
        "Bons plans",
        "conversion",
        date(2027, 1, 4),
        date(2027, 1, 15),
    )
    assert (copy.cost, copy.effort_days, copy.status) == (Decimal("1234.50"), 2.5, "planned")


def test_a_damaged_workbook_is_refused_in_words_and_writes_nothing(client, members) -> None:
    client.force_login(members["editor"])
    before = Activity.objects.count()
    upload = SimpleUploadedFile("backlog.xlsx", b"PK\x03\x04" + bytes(200))
    response = client.post(BASE + "backlog/import/", {"file": upload})
    assert response.status_code == 422
    assert "Le fichier n’est pas un classeur XLSX lisible." in response.content.decode()
    assert Activity.objects.count() == before
