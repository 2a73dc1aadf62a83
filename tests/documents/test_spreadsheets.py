"""What a French marketer keeps in spreadsheets reads as it shows: a title row above the header, columns
of their own, statuses in their words, percentages and monthly dates (tests/documents/spreadsheets.py
builds the files as Excel, LibreOffice Calc and Google Sheets write them)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.utils import translation

from jalon.documents.csv_cells import jalon_status
from jalon.documents.csv_import import CsvProblems, Plan, plan_import, plan_table
from jalon.documents.tables import decode, read_table, workbook_table
from jalon.planning.models import Status
from jalon.strategy.kpis.table import TableProblems, read_file, read_pasted
from tests.documents import spreadsheets
from tests.factories import make_roadmap, make_team

pytestmark = pytest.mark.django_db


@pytest.fixture
def roadmap():
    team = make_team()
    return make_roadmap(team.workspace, team.owner, start=date(2027, 1, 1), end=date(2027, 12, 31))


def rows_read(plan: Plan) -> list[tuple[int, str, dict[str, Any]]]:
    return [(row.line, row.key, row.fields) for row in plan.rows]


@pytest.mark.parametrize("encoding", ["cp1252", "utf-8-sig"])
def test_an_excel_backlog_with_a_title_row_and_a_column_of_its_own_imports_once_other_columns_are_ignored(
    roadmap, encoding: str
) -> None:
    text = decode(spreadsheets.excel_backlog_csv(encoding))
    with translation.override("fr"), pytest.raises(CsvProblems) as refused:
        plan_import(text, roadmap=roadmap, create_people=True)
    assert refused.value.problems == [
        ("en-tête", "Colonne inconnue\u00a0: Canal. Renommez-la comme une colonne de l’export de Jalon, ou "
                    "cochez «\u00a0Ignorer les autres colonnes\u00a0».")
    ]  # fmt: skip
    plan = plan_import(text, roadmap=roadmap, create_people=True, other_columns=True)
    (line, key, first), *_others, (_line, _key, last) = rows_read(plan)
    assert (line, key) == (3, "refonte-page-daccueil")  # the file's own line: the title row is line 1
    assert first["title"] == "Refonte page d’accueil" and first["status"] == Status.PLANNED
    assert (first["start"], first["end"]) == (date(2027, 3, 15), date(2027, 4, 30))
    assert first["cost"] == Decimal("1234.5") and first["effort_days"] == 12.5
    assert last["title"] == "Salon Équip’Auto" and last["cost"] == Decimal("12500")
    assert sorted(plan.new_people.values()) == ["Noël Françoise", "Élodie Gérard"]
    assert len(plan.rows) == 3 and plan.total_lines == [6]  # the total row would count every cost twice


@pytest.mark.parametrize(
    "above",
    ["\n", "Plan marketing 2027\n", "Plan marketing 2027\n\n", "\r\n\r\n"],
    ids=["empty", "title", "title-empty", "crlf"],
)
@pytest.mark.parametrize("separator", [";", "\t"])
def test_a_csv_with_a_title_or_an_empty_line_above_its_header_reads_by_the_headers_separator(
    roadmap, above: str, separator: str
) -> None:
    """An empty first line made the file "empty", and a title typed without separators made a file of
    semicolons or tabs one column ("not an export"): both are read from the header below."""
    text = (
        above
        + separator.join(["Titre", "Coût", "Début"])
        + "\n"
        + separator.join(["Audit", "1 234,50", "15/03/2027"])
    )
    plan = plan_import(text, roadmap=roadmap)
    [(line, key, fields)] = rows_read(plan)
    assert (line, key) == (above.count("\n") + 2, "audit")  # the file's own line
    assert (fields["cost"], fields["start"]) == (Decimal("1234.5"), date(2027, 3, 15))


def test_a_google_sheets_csv_reads_iso_and_day_first_dates_and_a_quoted_french_amount(roadmap) -> None:
    plan = plan_import(decode(spreadsheets.google_sheets_csv()), roadmap=roadmap, create_people=True)
    (_l1, _k1, webinar), (_l2, _k2, newsletter) = rows_read(plan)
    assert (webinar["start"], webinar["cost"]) == (date(2027, 3, 15), Decimal("1200"))
    assert (newsletter["start"], newsletter["status"]) == (date(2027, 3, 15), Status.DONE)


def test_a_libreoffice_workbook_reads_below_its_title_with_cached_formulas_and_percentages_as_shown(
    roadmap,
) -> None:
    header, rows = workbook_table(spreadsheets.libreoffice_xlsx(), limit=100)
    plan = plan_table(header, rows, roadmap=roadmap, create_people=True, other_columns=True)
    (line, _key, first), (_line, _key2, second) = rows_read(plan)
    assert line == 4  # the sheet's row number
    assert (first["start"], first["end"]) == (date(2027, 4, 12), date(2027, 5, 28))
    assert (first["cost"], second["cost"]) == (Decimal("1234.5"), Decimal("8000"))
    assert (first["confidence"], second["confidence"]) == (80, 55)  # shown 80 %, stored 0.8
    assert plan.total_lines == [6] and plan.left_out == ["Réf. interne"]


@pytest.mark.parametrize(
    ("written", "status"),
    [("Planifiée", Status.PLANNED), ("À faire", Status.PLANNED), ("Fait", Status.DONE),
     ("annulé", Status.DROPPED), ("done", Status.DONE)],
)  # fmt: skip
def test_a_status_in_the_teams_own_words_is_read_as_jalons(written: str, status: str) -> None:
    assert jalon_status(written) == status


def test_a_status_that_says_nothing_known_is_still_refused() -> None:
    with translation.override("fr"), pytest.raises(Exception, match="Statut inconnu"):
        jalon_status("Peut-être")


def test_a_kpi_history_pasted_from_excel_reads_monthly_dates_and_french_thousands() -> None:
    with translation.override("fr"):
        assert read_pasted(spreadsheets.KPI_PASTE) == [
            (date(2026, 1, 1), 1234.5), (date(2026, 2, 1), 1310.0), (date(2026, 3, 1), 1402.25)
        ]  # fmt: skip
        assert [value for _day, value in read_pasted(spreadsheets.KPI_PASTE_PERCENT)] == [12.5, 13.1, 12.9]


def test_a_kpi_workbook_of_percentages_reads_the_percent_shown_not_the_fraction_stored() -> None:
    assert read_file("taux.xlsx", spreadsheets.kpi_percent_xlsx()) == [
        (date(2026, 1, 1), 12.5), (date(2026, 2, 1), 13.1), (date(2026, 3, 1), 12.9)
    ]  # fmt: skip


def test_a_month_that_does_not_exist_is_still_a_bad_line() -> None:
    with translation.override("fr"), pytest.raises(TableProblems) as refused:
        read_pasted("janv.-27\t12\nbrumaire-27\t13\n")
    assert [(problem.line, problem.message) for problem in refused.value.problems] == [
        (2, "«\u00a0brumaire-27\u00a0» n’est pas une date.")
    ]


def test_a_spreadsheet_headed_in_its_own_words_reads_into_jalons_columns_and_names_those_left_out(
    roadmap,
) -> None:
    text = (
        "Action;Pilote;État;Date de début;Échéance;Budget;Commentaire\n"
        "Salon Vivatech;Élodie Gérard;Fait;12/06/2027;15/06/2027;4 500 €;Stand partagé\n"
    )
    plan = plan_import(text, roadmap=roadmap, create_people=True, other_columns=True)
    ((_line, key, fields),) = rows_read(plan)
    assert key == "salon-vivatech" and fields["status"] == Status.DONE
    assert (fields["start"], fields["end"], fields["cost"]) == (date(2027, 6, 12), date(2027, 6, 15), 4500)
    assert plan.new_people == {"elodie gerard": "Élodie Gérard"} and plan.left_out == ["Commentaire"]


def test_a_backlog_date_with_a_two_digit_year_is_read_and_an_impossible_day_is_said_so(roadmap) -> None:
    plan = plan_import("Titre;Début\nA;15/03/27\n", roadmap=roadmap)
    assert plan.rows[0].fields["start"] == date(2027, 3, 15)
    with translation.override("fr"), pytest.raises(CsvProblems) as refused:
        plan_import("Titre;Début\nA;31/02/2027\n", roadmap=roadmap)
    assert refused.value.problems == [
        ("ligne 2", "Début\u00a0: le 31/02/2027 n’existe pas dans le calendrier.")
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_french_history_pasted_on_either_page_reads_long_dates_and_spaced_thousands_day_first(
    language: str,
) -> None:
    with translation.override(language):
        assert read_pasted("lundi 5 janvier 2026\t1 234\nmardi 6 janvier 2026\t12 500\n") == [
            (date(2026, 1, 5), 1234.0), (date(2026, 1, 6), 12500.0)
        ]  # fmt: skip
        # 1 234 is French: 05/01/2026 is the 5th of January, on the English page too
        assert [day for day, _value in read_pasted("05/01/2026\t1 234\n06/01/2026\t12 500\n")] == [
            date(2026, 1, 5), date(2026, 1, 6)
        ]  # fmt: skip


def test_an_english_page_still_reads_an_ambiguous_history_month_first() -> None:
    with translation.override("en"):
        assert [day for day, _value in read_pasted("05/01/2026\t1,234\n06/01/2026\t1,500\n")] == [
            date(2026, 5, 1), date(2026, 6, 1)
        ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Plan, 2027\nkey;title;cost\nrelance;Relancer;12,5\nsoldes;Soldes;3\n",
        "key;title;description\nrelance;Relancer;Segmenter, relancer, tester\nsoldes;Soldes;Préparer\n",
    ],
)
def test_the_separator_is_the_one_every_row_holds_alike_not_a_comma_in_a_title_or_a_description(
    text: str,
) -> None:
    header, rows = read_table(text)  # the header below a title is found later (csv_headers.header_row)
    cells = [header, *(cells for _line, cells in rows)]
    assert ["key", "title"] in [row[:2] for row in cells]
    assert [row[1] for row in cells if row[0] in ("relance", "soldes")] == ["Relancer", "Soldes"]
    assert all(len(row) == 3 for row in cells if row[0] != "Plan, 2027")
