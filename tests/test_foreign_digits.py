"""One rule for digits in every reader: 0 to 9 only. A number or a date written with other decimal digits
(fullwidth １２, Arabic-Indic ١٢, Devanagari १२) is refused by every reader, naming the cell, where it was
read as 12 by some (Python's ``float`` and ``\\d`` take any decimal digit) and refused by others (the date
fields, DuckDB's CAST, the roadmap file's numbers): the same cell now gets the same answer everywhere.

Why not NFKC-normalise instead: NFKC turns fullwidth digits into 0–9 but leaves Arabic-Indic and
Devanagari digits as they are, so it would still leave two answers; and a cell that shows one thing and
is read as another (``1٢`` as 12) is better said than guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import translation
from typer.testing import CliRunner

from jalon.documents.csv_cells import BadCell as BadBacklogCell
from jalon.documents.csv_cells import parse_date as csv_date
from jalon.documents.csv_cells import parse_number as csv_number
from jalon.documents.orders_cells import BadCell, read_amount, read_date
from jalon.documents.orders_file import read_orders
from jalon.parsing import NotADate, NotANumber, foreign_digits, parse_date, parse_number
from jalon.strategy.kpis.table import TableProblems, read_file, read_pasted, read_value
from tests.documents.workbooks import workbook

TWELVE = ["１２", "١٢", "१२", "1٢"]  # fullwidth, Arabic-Indic, Devanagari, and one mixed with 0–9
DAYS = ["２０２６-０１-０５", "٠٥/٠١/٢٠٢٦", "05/01/２０２６"]


def said(value: str) -> str:
    return f"“{value}” is written with digits other than 0 to 9: type it with 0 to 9."


@pytest.mark.parametrize("text", TWELVE)
def test_the_shared_check_finds_a_digit_other_than_0_to_9(text: str) -> None:
    assert foreign_digits(text)
    assert not foreign_digits("1 234,50 €") and not foreign_digits("²")  # ² is no decimal digit


@pytest.mark.parametrize("text", TWELVE)
def test_the_form_fields_number_is_refused(text: str) -> None:
    with pytest.raises(NotANumber):
        parse_number(text, "fr")


@pytest.mark.parametrize("text", DAYS)
def test_the_form_fields_date_is_refused(text: str) -> None:
    with pytest.raises(NotADate):
        parse_date(text)


@pytest.mark.parametrize("text", TWELVE)
def test_the_kpi_measurements_and_orders_cells_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        read_value(text, ",")
    with pytest.raises(BadCell):
        read_amount(text)
    with pytest.raises(BadBacklogCell):
        csv_number(text)


@pytest.mark.parametrize("text", DAYS)
def test_the_kpi_measurements_and_backlog_dates_are_refused(text: str) -> None:
    with pytest.raises(BadCell):
        read_date(text)
    with pytest.raises(BadBacklogCell):
        csv_date(text)


def test_a_pasted_measurement_names_the_cell(db: None) -> None:
    with translation.override("en"), pytest.raises(TableProblems) as refused:
        read_pasted("05/01/2026\t１２\n")
    assert [(p.line, p.message) for p in refused.value.problems] == [(1, said("１２"))]


def test_a_measurements_csv_and_workbook_name_the_cell(db: None) -> None:
    for name, data in [
        ("mesures.csv", "date;valeur\n05/01/2026;١٢\n".encode()),
        ("mesures.xlsx", workbook([["date", "valeur"], ["05/01/2026", "١٢"]])),
    ]:
        with translation.override("en"), pytest.raises(TableProblems) as refused:
            read_file(name, data)
        assert [(p.line, p.message) for p in refused.value.problems] == [(2, said("١٢"))]


def test_a_backlog_csv_names_the_cell_and_its_column(demo) -> None:
    from jalon.documents.csv_import import CsvProblems
    from jalon.documents.csv_write import import_activities

    with translation.override("en"), pytest.raises(CsvProblems) as refused:
        import_activities(actor=None, roadmap=demo.roadmap, text="title,cost\nLaunch,１２\n")
    assert refused.value.problems == [("line 2", f"cost: {said('１２')}")]
    with translation.override("fr"), pytest.raises(CsvProblems) as refused:
        import_activities(actor=None, roadmap=demo.roadmap, text="Titre;Début\nLancement;٠٥/٠١/٢٠٢٦\n")
    assert refused.value.problems == [
        ("ligne 2", "Début\u00a0: «\u00a0٠٥/٠١/٢٠٢٦\u00a0» est écrit avec d’autres chiffres que 0 à 9\u00a0: "
                    "tapez-le avec 0 à 9.")
    ]  # fmt: skip


def test_a_form_field_says_which_digits_to_type() -> None:
    from django import forms

    from jalon.fields import LocaleDateField, LocaleDecimalField

    class Typed(forms.Form):
        amount = LocaleDecimalField()
        day = LocaleDateField()

    with translation.override("en"):
        form = Typed({"amount": "１２", "day": "٠٥/٠١/٢٠٢٦"})
        assert not form.is_valid()
        assert form.errors["amount"] == [said("１２")] and form.errors["day"] == [said("٠٥/٠١/٢٠٢٦")]


@pytest.mark.parametrize("month", ["mars ٢٠٢٦", "mars ２０２６", "Jan-٢٦"])
def test_a_kpi_month_written_with_other_digits_is_refused(month: str) -> None:
    """A monthly column's ``mars ٢٠٢٦`` was read as March 2026 (``\\d`` takes any decimal digit)."""
    with translation.override("en"), pytest.raises(TableProblems) as refused:
        read_pasted(f"{month}\t12\n")
    assert [p.message for p in refused.value.problems] == [said(month)]


def test_an_orders_file_lists_the_line_as_bad() -> None:
    found = read_orders("client;date;montant\nc1;05/01/2026;12\nc2;05/01/2026;１２\n".encode())
    assert [(bad.line, bad.column, bad.value) for bad in found.bad_lines] == [(3, "montant", "１２")]
    assert len(found.orders.customer_ids) == 1


def test_the_forecast_command_names_the_line(tmp_path: Path) -> None:
    from jalon.cli import app

    path = tmp_path / "kpi.csv"
    path.write_text("date,value\n2026-01-31,1\n2026-02-28,１２\n", encoding="utf-8")
    result = CliRunner().invoke(
        app,
        ["forecast", str(path), "--target", "5", "--deadline", "2027-01-01"],
        env={"JALON_LANGUAGE": "en"},
    )
    assert result.exit_code == 2 and "line 3 needs a date" in result.stderr


def test_a_kpi_source_names_the_row(tmp_path: Path) -> None:
    from jalon.strategy.kpis.sources import SourceError, run_query

    path = tmp_path / "ventes.csv"
    path.write_text("jour;ventes\n2026-01-05;12\n2026-01-12;١٢\n", encoding="utf-8")
    with translation.override("en"), pytest.raises(SourceError) as refused:
        run_query(path, "select jour::date, ventes from data order by 1")
    assert str(refused.value) == "Row 2: the second column, “١٢”, is not a number."
