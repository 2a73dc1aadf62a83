"""A workbook's first sheet with more rows than a reader takes is refused before openpyxl parses a row of
it: its rows are counted in the sheet's XML, streamed from the zip, first (a sheet of 1,048,576 rows took
10 to 35 seconds of parsing to be refused, bench/hostile_uploads.py). The count never trusts the sheet's
``<dimension>``, which a file can state falsely, and refuses only a sheet that parsing would refuse too:
more row elements than the filled rows taken plus the blank rows allowed."""

from __future__ import annotations

import pytest

from jalon.documents import workbook_rows
from jalon.documents.workbook_rows import UnreadableWorkbook, WorkbookProblem, xlsx_rows
from tests.documents.workbooks import SHEET, SHEET_OPEN, with_part, workbook

LIMIT, BLANKS = 10, 5  # the row limit asked for, and the blank rows allowed (MAX_BLANK_ROWS, made small)


@pytest.fixture(autouse=True)
def few_blank_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workbook_rows, "MAX_BLANK_ROWS", BLANKS)


def sheet_of(rows: int, *, dimension: str = "", blank: bool = False, tag: str = "row") -> bytes:
    """A workbook whose first sheet has ``rows`` rows of two numbers (or of an empty styled cell)."""
    cells = '<c r="A{n}" s="0"/>' if blank else '<c r="A{n}"><v>{n}</v></c><c r="B{n}"><v>2</v></c>'
    body = "".join(f'<{tag} r="{n}">{cells.format(n=n)}</{tag}>' for n in range(1, rows + 1))
    head = f'<dimension ref="{dimension}"/>' if dimension else ""
    xml = f'<?xml version="1.0"?>{SHEET_OPEN}{head}<sheetData>{body}</sheetData></worksheet>'
    return with_part(workbook([["x"]]), SHEET, xml.encode())


@pytest.fixture
def rows_never_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    def parsed(_sheet: object) -> None:
        raise AssertionError("the sheet's rows were parsed")

    monkeypatch.setattr(workbook_rows, "_written_rows", parsed)


def test_a_sheet_longer_than_the_rows_taken_and_the_blanks_allowed_is_refused_before_parsing(
    rows_never_parsed: None,
) -> None:
    with pytest.raises(UnreadableWorkbook) as refused:
        xlsx_rows(sheet_of(LIMIT + BLANKS + 1), limit=LIMIT, faster_as_csv=True)
    assert (refused.value.problem, refused.value.limit) == (WorkbookProblem.TOO_MANY_ROWS, LIMIT)
    assert refused.value.faster_as_csv  # the same words as when parsing finds it: save it as CSV


def test_a_sheet_whose_dimension_claims_two_rows_is_counted_all_the_same(rows_never_parsed: None) -> None:
    with pytest.raises(UnreadableWorkbook) as refused:
        xlsx_rows(sheet_of(LIMIT + BLANKS + 1, dimension="A1:B2"), limit=LIMIT)
    assert refused.value.problem is WorkbookProblem.TOO_MANY_ROWS


def test_a_sheet_whose_rows_are_namespace_prefixed_is_counted_too(rows_never_parsed: None) -> None:
    prefixed = sheet_of(LIMIT + BLANKS + 1, tag="x:row").replace(
        b"<worksheet ", b'<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    )
    with pytest.raises(UnreadableWorkbook) as refused:
        xlsx_rows(prefixed, limit=LIMIT)
    assert refused.value.problem is WorkbookProblem.TOO_MANY_ROWS


def test_a_sheet_within_the_rows_taken_and_the_blanks_allowed_is_left_to_parsing() -> None:
    assert len(xlsx_rows(sheet_of(LIMIT), limit=LIMIT)) == LIMIT  # every row taken
    with pytest.raises(UnreadableWorkbook) as refused:  # too many filled rows: parsing says so, as before
        xlsx_rows(sheet_of(LIMIT + BLANKS), limit=LIMIT)
    assert refused.value.problem is WorkbookProblem.TOO_MANY_ROWS
    with pytest.raises(UnreadableWorkbook) as refused:  # blank rows only: parsing names them, as before
        xlsx_rows(sheet_of(LIMIT + BLANKS, blank=True), limit=LIMIT)
    assert refused.value.problem is WorkbookProblem.BLANK_ROWS
