"""What the hostile-file tests (test_hostile_uploads.py, test_hostile_upload_pages.py) and
bench/hostile_uploads.py share: the builders of hostile workbooks, made in memory, and each reader's refusal
read as a person would see it."""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from jalon.errors import ValidationFailed
from jalon.framing.services import read_orders_upload
from jalon.strategy.kpis.sources import SourceError, run_query
from jalon.strategy.kpis.table import TableProblems, read_file
from tests.documents.workbooks import SHEET, SHEET_OPEN, with_part, workbook


def sheet(rows_xml: str, doctype: str = "") -> bytes:
    """A workbook whose first sheet is ``rows_xml`` (``<row>`` elements), after an optional DOCTYPE."""
    xml = f'<?xml version="1.0"?>{doctype}{SHEET_OPEN}<sheetData>{rows_xml}</sheetData></worksheet>'
    return with_part(workbook([["x"]]), SHEET, xml.encode())


def text_row(number: int, first: str, second: str = "3") -> str:
    """A row of a text and a number, or of two texts (a header)."""
    cell = f"<v>{second}</v>" if second.isdigit() else f"<is><t>{second}</t></is>"
    kind = "" if second.isdigit() else ' t="inlineStr"'
    return (
        f'<row r="{number}"><c r="A{number}" t="inlineStr"><is><t>{first}</t></is></c>'
        f'<c r="B{number}"{kind}>{cell}</c></row>'
    )


LAUGHS = (
    '<!DOCTYPE bomb [<!ENTITY l0 "lol">'
    + "".join(f'<!ENTITY l{n} "{f"&l{n - 1};" * 10}">' for n in range(1, 10))
    + "]>"
)


def kpi_message(name: str, data: bytes) -> str:
    with pytest.raises(TableProblems) as refused:
        read_file(name, data)
    return refused.value.problems[0].message


def orders_message(name: str, data: bytes) -> str:
    with pytest.raises(ValidationFailed) as refused:
        read_orders_upload(data, filename=name)
    return " ".join(str(message) for message in refused.value.errors["file"])


def source_message(tmp_path: Path, name: str, data: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(SourceError) as refused:
        run_query(path, "select * from data")
    return str(refused.value)


READERS: dict[str, Callable[[Path, str, bytes], str]] = {
    "kpi-file": lambda _tmp, name, data: kpi_message(name, data),
    "orders": lambda _tmp, name, data: orders_message(name, data),
    "kpi-source": source_message,
}


def dated_cell_workbook(serial: float) -> bytes:
    """Measurements whose second date cell holds Excel's day number ``serial`` (a date past 9999-12-31,
    before 1900 or not a number at all, as a hostile file can write it)."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["date", "valeur"])
    book.active.append([date(2026, 1, 5), 1])
    book.active.append([serial, 2])
    book.active["A3"].number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
