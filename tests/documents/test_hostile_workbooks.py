"""Hostile XLSX workbooks and text encodings on every importer that reads them (KPI measurements, orders,
KPI sources): each is refused in words, in the page's language, in seconds and bounded memory."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

import pytest
from django.utils import translation

from jalon.documents.orders_file import OrdersFileError, describe_error, read_orders
from jalon.documents.tables import decode
from jalon.documents.workbook_rows import MAX_BLANK_ROWS, MAX_UNZIPPED_BYTES
from jalon.strategy.kpis.sources import SourceError, run_query
from jalon.strategy.kpis.table import TableProblems, read_file
from tests.documents.workbooks import SHEET, SHEET_OPEN, with_part, workbook
from tests.hang import HANG_SECONDS


def whole_grid_claimed() -> bytes:
    """Two cells, but a sheet that says it spans A1:XFD1048576 (17 billion cells once padded)."""
    sheet = (
        f'<?xml version="1.0"?>{SHEET_OPEN}<dimension ref="A1:XFD1048576"/><sheetData>'
        '<row r="1"><c r="A1" t="inlineStr"><is><t>05/01/2026</t></is></c><c r="B1"><v>3</v></c></row>'
        '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
    )
    return with_part(workbook([["x"]]), SHEET, sheet.encode())


def blank_rows(count: int) -> bytes:
    rows = "".join(f'<row r="{n}"><c r="A{n}" s="0"/></row>' for n in range(2, count + 2))
    sheet = f'<?xml version="1.0"?>{SHEET_OPEN}<sheetData>{rows}</sheetData></worksheet>'
    return with_part(workbook([["date", "valeur"]]), SHEET, sheet.encode())


def shared_strings_bomb() -> bytes:
    """A workbook of a few hundred kilobytes whose shared strings unzip to more than the limit."""
    strings = b"<sst><si><t>" + b"A" * (MAX_UNZIPPED_BYTES + 1) + b"</t></si></sst>"
    return with_part(workbook([["date", "valeur"]]), "xl/sharedStrings.xml", strings)


def kpi_problem(data: bytes, name: str = "mesures.xlsx") -> str:
    with translation.override("fr"), pytest.raises(TableProblems) as refused:
        read_file(name, data)
    return refused.value.problems[0].message


def orders_problem(data: bytes) -> str:
    with translation.override("fr"), pytest.raises(OrdersFileError) as refused:
        read_orders(data, filename="commandes.xlsx")
    with translation.override("fr"):
        return describe_error(refused.value, translation.gettext)


def test_a_sheet_claiming_the_whole_grid_is_read_as_its_cells_in_seconds() -> None:
    started = time.perf_counter()
    with translation.override("fr"):
        read = read_file("mesures.xlsx", whole_grid_claimed())
    assert time.perf_counter() - started < HANG_SECONDS
    assert read == [(date(2026, 1, 5), 3.0)]  # the cell in column XFD, past 256 columns, is not read


def test_a_workbook_unzipping_past_the_limit_is_refused_before_it_is_parsed() -> None:
    bomb = shared_strings_bomb()
    assert len(bomb) < 1_000_000
    assert kpi_problem(bomb) == "Le classeur dépasse 100\u00a0Mo une fois décompressé."
    assert orders_problem(bomb) == "Le classeur dépasse 100\u00a0Mo une fois décompressé."


def test_a_sheet_of_empty_rows_is_refused_in_words_past_the_limit() -> None:
    message = (
        "La première feuille a plus de 10\u202f000 lignes vides\u00a0: supprimez-les, puis importez le "
        "fichier à nouveau."
    )
    assert kpi_problem(blank_rows(MAX_BLANK_ROWS + 1)) == message
    assert orders_problem(blank_rows(MAX_BLANK_ROWS + 1)) == message


def test_a_kpi_source_workbook_that_is_a_zip_bomb_is_a_source_error_in_words(tmp_path: Path) -> None:
    path = tmp_path / "source.xlsx"
    path.write_bytes(shared_strings_bomb())
    with translation.override("fr"), pytest.raises(SourceError) as refused:
        run_query(path, "select * from data")
    assert str(refused.value) == "Le classeur dépasse 100\u00a0Mo une fois décompressé."


def test_a_kpi_file_of_a_million_lines_is_refused_without_reading_them_all() -> None:
    started = time.perf_counter()
    message = kpi_problem(b"05/01/2026;1\n" * 1_000_000, "mesures.csv")
    assert time.perf_counter() - started < HANG_SECONDS
    assert message == "Plus de 20\u202f000 lignes."


def test_utf16_text_from_excel_is_decoded() -> None:
    text = "date\tvaleur\n05/01/2026\t1 234,5\n"
    assert decode(text.encode("utf-16")) == text
    with translation.override("fr"):
        assert read_file("mesures.txt", text.encode("utf-16")) == [(date(2026, 1, 5), 1234.5)]


@pytest.mark.parametrize(
    "content",
    [b"\x89PNG" + bytes(3000), b"PAR1" + bytes(3000) + b"PAR1"],
    ids=["binary-named-parquet", "parquet-magic-around-garbage"],
)
def test_an_unreadable_parquet_source_is_refused_in_words_without_its_server_path(
    tmp_path: Path, content: bytes
) -> None:
    path = tmp_path / "source.parquet"
    path.write_bytes(content)
    with translation.override("fr"), pytest.raises(SourceError) as refused:
        run_query(path, "select * from data")
    assert str(refused.value) == "Le fichier n’est pas un fichier Parquet lisible."


def numbered_rows(*numbers: str) -> bytes:
    """Measurements in rows numbered ``numbers`` (the ``r`` the sheet's XML gives each row)."""
    rows = "".join(
        f'<row r="{number}"><c t="inlineStr"><is><t>0{day + 1}/01/2026</t></is></c><c><v>{day}</v></c></row>'
        for day, number in enumerate(numbers)
    )
    sheet = f'<?xml version="1.0"?>{SHEET_OPEN}<sheetData>{rows}</sheetData></worksheet>'
    return with_part(workbook([["x"]]), SHEET, sheet.encode())


@pytest.mark.parametrize(
    "numbers",
    [("1", "2000000"), ("1", "99999999999"), ("0", "1"), ("-3", "1"), ("2", "1"), ("1", "1")],
    ids=["past-excels-last-row", "past-it-by-far", "row-0", "negative", "going-back", "twice"],
)
def test_a_row_numbered_outside_the_sheet_or_out_of_order_is_refused_not_skipped(
    numbers: tuple[str, ...],
) -> None:
    # openpyxl left out a row numbered 0, below 0 or behind the one before without a word, and made up
    # every missing row up to the number written: 99,999,999,999 kept a request busy for hours
    data = numbered_rows(*numbers)
    assert kpi_problem(data) == "Le fichier n’est pas un classeur XLSX lisible."
    assert orders_problem(data) == "Le fichier n’est pas un classeur XLSX lisible."


def test_rows_numbered_in_order_with_gaps_are_read_at_their_numbers() -> None:
    from jalon.documents.workbook_rows import xlsx_rows

    assert xlsx_rows(numbered_rows("2", "7", "1048576"), limit=10) == [
        (2, ["01/01/2026", 0]),
        (7, ["02/01/2026", 1]),
        (1_048_576, ["03/01/2026", 2]),
    ]


def orders_with_cells(bad_date: str, bad_amount: str) -> bytes:
    """An orders sheet whose row 3 holds a date cell (``t="d"``) and a number cell as written."""
    rows = (
        '<row r="1"><c t="inlineStr"><is><t>client</t></is></c><c t="inlineStr"><is><t>date</t></is></c>'
        '<c t="inlineStr"><is><t>montant</t></is></c></row>'
        '<row r="2"><c t="inlineStr"><is><t>C1</t></is></c><c t="d"><v>2026-01-05T10:30:00</v></c>'
        "<c><v>12.5</v></c></row>"
        f'<row r="3"><c t="inlineStr"><is><t>C2</t></is></c><c t="d"><v>{bad_date}</v></c>'
        f"<c><v>{bad_amount}</v></c></row>"
    )
    sheet = f'<?xml version="1.0"?>{SHEET_OPEN}<sheetData>{rows}</sheetData></worksheet>'
    return with_part(workbook([["x"]]), SHEET, sheet.encode())


@pytest.mark.parametrize("bad_date", ["2026-02-30", "2026-13-01T10:00:00", "2026-01-05T25:00:00", "hier"])
@pytest.mark.parametrize("bad_amount", ["NaN", "nan", "inf", "1.2.3", "12abc"])
def test_a_bad_date_or_number_cell_is_a_problem_at_its_row_and_column_not_an_unreadable_workbook(
    bad_date: str, bad_amount: str
) -> None:
    # openpyxl raised on the cell, and the whole file was "not a readable XLSX workbook"
    found = read_orders(orders_with_cells(bad_date, bad_amount), filename="commandes.xlsx")
    assert [(bad.line, bad.column, bad.value) for bad in found.bad_lines] == [
        (3, "date", bad_date),
        (3, "montant", bad_amount),
    ]
    assert found.lines == 2 and len(found.orders.customer) == 1


@pytest.mark.parametrize("bad_amount", ["NaN", "12abc"])
def test_a_number_cell_that_is_no_number_is_a_problem_at_its_row_and_column(bad_amount: str) -> None:
    found = read_orders(orders_with_cells("2026-01-06", bad_amount), filename="commandes.xlsx")
    assert [(bad.line, bad.column, bad.value) for bad in found.bad_lines] == [(3, "montant", bad_amount)]


def kpi_sheet(value_cell: str) -> bytes:
    rows = (
        '<row r="1"><c t="inlineStr"><is><t>date</t></is></c>'
        '<c t="inlineStr"><is><t>valeur</t></is></c></row>'
        '<row r="2"><c t="d"><v>2026-01-05</v></c><c><v>3</v></c></row>'
        f'<row r="3">{value_cell}</row>'
    )
    sheet = f'<?xml version="1.0"?>{SHEET_OPEN}<sheetData>{rows}</sheetData></worksheet>'
    return with_part(workbook([["x"]]), SHEET, sheet.encode())


@pytest.mark.parametrize(
    "cells",
    ['<c t="d"><v>2026-02-30</v></c><c><v>4</v></c>', '<c t="d"><v>2026-01-06</v></c><c><v>NaN</v></c>'],
    ids=["impossible-date", "nan"],
)
def test_a_kpi_workbook_with_a_bad_cell_names_its_row(cells: str) -> None:
    with translation.override("fr"), pytest.raises(TableProblems) as refused:
        read_file("mesures.xlsx", kpi_sheet(cells))
    [problem] = refused.value.problems
    assert problem.line == 3 and "classeur" not in problem.message


def test_a_backlog_workbook_with_a_bad_date_cell_names_its_row() -> None:
    from jalon.documents.tables import workbook_table

    header, rows = workbook_table(orders_with_cells("2026-02-30", "NaN"), limit=10)
    assert header == ["client", "date", "montant"]
    assert rows[1] == (3, ["C2", "2026-02-30", "NaN"])


def test_a_shared_string_cell_that_is_broken_still_makes_the_workbook_unreadable() -> None:
    row = '<row r="1"><c t="s"><v>99</v></c></row>'  # the 100th shared string, of none
    sheet = f'<?xml version="1.0"?>{SHEET_OPEN}<sheetData>{row}</sheetData></worksheet>'
    assert orders_problem(with_part(workbook([["x"]]), SHEET, sheet.encode())) == (
        "Le fichier n’est pas un classeur XLSX lisible."
    )
