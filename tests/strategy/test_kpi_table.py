"""Measurements pasted from a spreadsheet or read from CSV/XLSX: French and English formats, bad lines."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.utils import translation
from openpyxl import Workbook

from jalon.strategy.kpis.table import TableProblems, read_file, read_pasted


def test_a_french_paste_reads_day_first_dates_and_decimal_commas() -> None:
    rows = read_pasted("Date\tValeur\n05/01/2026\t1 234,5\n12/01/2026\t1\u202f300,25\n")
    assert rows == [(date(2026, 1, 5), 1234.5), (date(2026, 1, 12), 1300.25)]


def test_an_english_paste_reads_month_first_dates_and_thousands_commas() -> None:
    rows = read_pasted("01/05/2026\t1,234.5\n01/13/2026\t1,300.25\n")
    assert rows == [(date(2026, 1, 5), 1234.5), (date(2026, 1, 13), 1300.25)]


@pytest.mark.parametrize(
    ("language", "read"),
    [("fr", [(date(2026, 5, 1), 1.234), (date(2026, 6, 1), 2.5)]),
     ("en", [(date(2026, 1, 5), 1234.0), (date(2026, 1, 6), 2500.0)])],
)  # fmt: skip
def test_what_the_column_does_not_tell_is_read_the_pages_way(language: str, read: list[object]) -> None:
    """01/05/2026 and 1,234 say nothing of their order or decimal mark: an English page reads them as it
    writes them (5 January, one thousand and more), a French page as it writes them."""
    with translation.override(language):
        assert read_pasted("01/05/2026\t1,234\n01/06/2026\t2,500\n") == read


def test_iso_dates_percentages_and_negative_values_are_read() -> None:
    rows = read_pasted("2026-01-31;2,5 %\n2026-02-28;-0,5 %\n")
    assert rows == [(date(2026, 1, 31), 2.5), (date(2026, 2, 28), -0.5)]


def test_every_bad_line_is_listed_with_its_number() -> None:
    with translation.override("en"), pytest.raises(TableProblems) as caught:
        read_pasted("05/01/2026\t12\nhier\t13\n19/01/2026\tbeaucoup\n26/01/2026\n05/01/2026\t14\n")
    lines = [p.line for p in caught.value.problems]
    assert lines == [2, 3, 4, 5]
    assert "Same date as line 1" in caught.value.problems[3].message


def test_a_date_outside_1900_2200_is_refused() -> None:
    with pytest.raises(TableProblems) as caught:
        read_pasted("05/01/2301\t12\n")
    assert "1900" in caught.value.problems[0].message


@pytest.mark.parametrize("month", ["janv. 0000", "Jan-0000", "mars 0000"])
def test_a_month_of_year_0000_is_refused_as_outside_1900_2200(month: str) -> None:
    """``date()`` has no year 0: the paste raised ValueError and the page failed."""
    with translation.override("en"), pytest.raises(TableProblems) as caught:
        read_pasted(f"{month}\t12\n")
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (1, "The date is outside the years 1900 to 2200.")
    ]


def test_a_csv_file_in_windows_1252_with_semicolons_is_read() -> None:
    data = "Semaine;Chiffre d'affaires (€)\n05/01/2026;1 234,50 €\n12/01/2026;987,10 €\n".encode("cp1252")
    assert read_file("ventes.csv", data) == [(date(2026, 1, 5), 1234.5), (date(2026, 1, 12), 987.1)]


def test_an_xlsx_file_is_read_from_its_date_and_number_cells() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["date", "value"])
    sheet.append([date(2026, 1, 5), 12.5])
    sheet.append(["12/01/2026", "13,5"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert read_file("kpi.xlsx", buffer.getvalue()) == [(date(2026, 1, 5), 12.5), (date(2026, 1, 12), 13.5)]


def test_a_file_that_is_not_a_workbook_says_so() -> None:
    with pytest.raises(TableProblems) as caught:
        read_file("kpi.xlsx", b"not a zip")
    assert caught.value.problems[0].line == 0


def test_a_file_with_an_unclosed_quote_or_a_huge_cell_is_one_problem_in_words() -> None:
    data = ('date,valeur\n05/01/2026,"' + "1" * 200_000 + "\n").encode()
    with translation.override("fr"), pytest.raises(TableProblems) as caught:
        read_file("mesures.csv", data)
    [problem] = caught.value.problems
    assert problem.line == 0
    assert problem.message == "Une cellule dépasse 131\u202f072 caractères, ou un guillemet n’est pas fermé."


@pytest.mark.parametrize(
    ("language", "words"),
    [("fr", "ancien classeur Excel (.xls)"), ("en", "save it as XLSX or CSV, and import that file.")],
)
def test_an_old_excel_workbook_says_to_save_it_as_xlsx_or_csv(language: str, words: str) -> None:
    with translation.override(language), pytest.raises(TableProblems) as caught:
        read_file("mesures.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    [problem] = caught.value.problems
    assert problem.line == 0 and words in problem.message
