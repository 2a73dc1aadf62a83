"""A French marketer's first hour with what they keep in spreadsheets, from an empty database, in Chromium:
the backlog from Excel (Windows-1252, a title row, a column of their own), from LibreOffice Calc (XLSX:
merged title, date cells, cached formulas, a percentage, a hidden column) and from Google Sheets; a KPI's
history copied from Excel; orders with bad lines, refused line by line, then personas. In French, then in
English (the same French files). The files come from tests/documents/spreadsheets.py."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.documents import spreadsheets

from .conftest import SLOW_MS
from .look import Look, first_account, new_roadmap

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WORDS: dict[str, dict[str, Any]] = {
    "fr": {"other": "Ignorer les autres colonnes", "people": "Ajouter les membres manquants",
           "unknown": "Colonne inconnue : Canal. Renommez-la comme une colonne de l’export de Jalon, ou "
                      "cochez « Ignorer les autres colonnes ».",
           "done": "3 activités importées. Colonnes laissées de côté : Canal. Ligne de total laissée de "
                   "côté : ligne 6.",
           "cost": "1 234,50",
           "orders": ("ligne 6, colonne Date", "ligne 10, colonne Client", "ligne 15, colonne Montant TTC")},
    "en": {"other": "Ignore the other columns", "people": "Add missing team members",
           "unknown": "Unknown column Canal: rename it as a column of Jalon's export, or tick “Ignore the "
                      "other columns”.",
           "done": "3 activities imported. Columns left out: Canal. Total row left out: line 6.",
           "cost": "1,234.50",
           "orders": ("line 6, column Date", "line 10, column Client", "line 15, column Montant TTC")},
}  # fmt: skip
# What the files and the walk write, in French whatever the page's language.
CONTENT = ("Plan 2027", "Équipe Marketing", "Élodie Gérard", "Noël Françoise", "Visites du site", "Canal",
           "Refonte page d’accueil", "Campagne été « soldes »", "Salon Équip’Auto", "Fête des mères",
           "Jeu concours Instagram", "Webinaire produit", "Newsletter mensuelle", "Date", "Client",
           "Montant TTC", "offert", "Réf. interne")  # fmt: skip


def upload(page: Any, name: str, data: bytes, mime: str = "text/csv") -> None:
    page.locator("input[type=file]").set_input_files(files=[{"name": name, "mimeType": mime, "buffer": data}])


def submit(page: Any, form: str, timeout: int = 10_000) -> None:
    """Send the form; ``timeout``: how long its answer may take (segmenting customers is slow on a busy
    machine)."""
    with page.expect_navigation(timeout=timeout):
        page.locator(form).locator("button[type=submit]").first.click(timeout=timeout)


def squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_marketers_spreadsheets_become_a_backlog_a_kpi_history_and_personas(
    new_context: Any, shot: Any, settings: Any, tmp_path: Any, language: str
) -> None:
    from jalon.planning.models import Activity
    from jalon.strategy.models import KPI

    settings.MEDIA_ROOT = tmp_path / "uploads"
    words = WORDS[language]
    look = Look(shot, language, CONTENT)
    page = new_context().new_page()
    page.set_viewport_size({"width": 1280, "height": 900})
    first_account(page, "marketing@example.com", "a-long-pass-phrase", language)
    page.goto("/workspaces/new/")
    page.locator("#id_name").fill("Équipe Marketing")
    submit(page, "main form")
    page.wait_for_url(re.compile(r"/w/equipe-marketing/$"))
    roadmap = new_roadmap(page, "Plan 2027")

    # Excel's CSV: refused for its own column « Canal », with what to do; imported once it is ignored.
    page.goto(roadmap + "backlog/import/")
    upload(page, "backlog.csv", spreadsheets.excel_backlog_csv("cp1252"))
    submit(page, "form.csv-import")
    assert words["unknown"] in squash(look(page, "import-refused"))
    assert not Activity.objects.exists()
    page.get_by_label(words["other"]).check()
    page.get_by_label(words["people"]).check()
    upload(page, "backlog.csv", spreadsheets.excel_backlog_csv("cp1252"))
    submit(page, "form.csv-import")
    page.wait_for_url(re.compile(r"/backlog/$"))
    backlog = squash(look(page, "backlog"))
    assert words["done"] in backlog
    assert "Campagne été « soldes »" in backlog and "Salon Équip’Auto" in backlog
    assert words["cost"] in backlog

    # LibreOffice's workbook (the boxes stay as ticked), then Google Sheets' CSV.
    for name, data in (
        ("plan.xlsx", spreadsheets.libreoffice_xlsx()),
        ("sheets.csv", spreadsheets.google_sheets_csv()),
    ):
        page.goto(roadmap + "backlog/import/")
        page.get_by_label(words["other"]).check()
        upload(page, name, data)
        submit(page, "form.csv-import")
        page.wait_for_url(re.compile(r"/backlog/$"))
    contest = Activity.objects.get(key="jeu-concours-instagram")
    assert (contest.confidence, contest.cost, str(contest.start)) == (55, 8000, "2027-06-01")
    assert Activity.objects.count() == 7
    timeline = squash(look(page.goto(roadmap + "timeline/") and page, "timeline"))
    assert "Fête des mères" in timeline and "Newsletter mensuelle" in timeline

    # A KPI, then its history copied from Excel: months shown « janv.-27 », French thousands.
    page.goto(roadmap + "kpis/new/")
    page.locator("#id_name").fill("Visites du site")
    page.locator("#id_frequency").select_option("monthly")
    submit(page, "main form >> nth=-1")
    page.locator("#id_table").fill(spreadsheets.KPI_PASTE)
    submit(page, "#paste-form")
    kpi = KPI.objects.get()
    assert sorted(kpi.measurements.values_list("value", flat=True)) == [1234.5, 1310.0, 1402.25]
    look(page, "kpi")

    # Orders with three bad lines: nothing read, each named with its column; then the clean file.
    page.goto(roadmap + "framing/personas/")
    upload(page, "commandes.csv", spreadsheets.orders_csv(bad=True))
    submit(page, "#upload-form", SLOW_MS)
    refused = squash(look(page, "orders-refused"))
    assert all(where in refused for where in words["orders"]), refused
    upload(page, "commandes.csv", spreadsheets.orders_csv(bad=False))
    submit(page, "#upload-form", SLOW_MS)
    page.wait_for_function("() => document.querySelectorAll('.persona-card').length >= 1")
    look(page, "personas")
