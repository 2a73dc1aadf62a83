"""What people paste never crashes a reader: every file and paste reader, driven by its public entry point
with generated cells and whole small files, either reads them or says what is wrong in translated
messages, and every number it reads is finite and within its column's bounds.

Cells: numbers written every way (spaces, NBSP, U+202F, commas, dots, currency signs, %, signs, exponents,
long digit runs, ``nan``/``inf``), dates in every shape and impossible ones; files: headers drawn from the
known aliases plus junk, empty rows, quotes, a BOM, ``;`` ``,`` or tab between cells; XLSX workbooks with
percentage cells. Example counts stay small (no timing here: speed is bench/'s)."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

import pytest
from django.utils import translation
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from jalon import bounds
from jalon.documents import csv_cells, orders_cells
from jalon.documents.csv_headers import OWN_HEADERS, TOOL_COLUMNS
from jalon.documents.csv_import import CsvProblems, plan_import, plan_table
from jalon.documents.orders_file import (
    ALIASES,
    MappingNeeded,
    OrdersFileError,
    describe_bad_line,
    describe_error,
    read_orders,
)
from jalon.documents.tables import UnreadableTable, workbook_table
from jalon.documents.workbook_rows import UnreadableWorkbook
from jalon.parsing import foreign_digits
from jalon.strategy.kpis import table as kpi_table
from jalon.strategy.models import Roadmap
from tests.factories import make_roadmap, make_team

# A generated number shown as a date beyond 9999 makes openpyxl warn as it reads the cell as an error.
pytestmark = pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")
CELLS = settings(max_examples=200, deadline=None)
FILES = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)
IN_DB = settings(
    FILES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                  HealthCheck.function_scoped_fixture],
)  # fmt: skip

# Cells -------------------------------------------------------------------------------------------

BLANKS = ("", " ", "\u00a0", "\u202f", "\t")
CURRENCIES = ("", "€", "$", "£", " €", "\u00a0€", "EUR", "%", " %", "\u202f%", "pts")
SIGNS = ("", "-", "+", "\u2212", "(")
WORDS = ("nan", "NaN", "sNaN", "-sNaN", "inf", "-inf", "Infinity", "-Infinity", "1e999", "-1e-999", "1_000",
         "0x1F", "١٢٣", "１２", "--1", "1..2", ",5", ".5", "5.", "5,", "(12)", "1e", "e5")  # fmt: skip


@st.composite
def written_numbers(draw: st.DrawFn) -> str:
    """A number as someone types it: grouped by three or not, a decimal part, an exponent, units."""
    digits = draw(st.one_of(st.integers(0, 10**15).map(str), st.text("0123456789", min_size=1, max_size=400)))
    grouping = draw(st.sampled_from(("", ",", ".", " ", "\u00a0", "\u202f", "'")))
    if grouping and len(digits) > 3:
        head = len(digits) % 3 or 3
        digits = grouping.join([digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)])
    decimals = draw(st.sampled_from(("", ",", "."))) + draw(st.text("0123456789", max_size=4))
    exponent = draw(st.sampled_from(("", "e3", "E-2", "e+400", "e-400", "e999999")))
    sign, unit = draw(st.sampled_from(SIGNS)), draw(st.sampled_from(CURRENCIES))
    before, after = draw(st.sampled_from(BLANKS)), draw(st.sampled_from(BLANKS))
    closing = ")" if sign == "(" else ""
    return f"{before}{sign}{digits}{decimals}{exponent}{closing}{unit}{after}"


MONTH_NAMES = ("janv.", "Jan", "févr", "Sept", "mars", "June", "décembre", "Foo", "août")


@st.composite
def written_dates(draw: st.DrawFn) -> str:
    """A date in every shape people write one, impossible days and years included."""
    year = draw(st.sampled_from(("2026", "26", "1899", "2201", "0000", "0001", "9999", "99", "00")))
    month = draw(st.sampled_from(("01", "1", "12", "13", "00", "02", "9")))
    day = draw(st.sampled_from(("01", "1", "15", "29", "30", "31", "32", "00")))
    name = draw(st.sampled_from(MONTH_NAMES))
    times = ("T17:00:00.000Z", " 9:15 AM", " 13:00 PM", "T25:00", " 10:60", "T00:00:00+01:00", " et demi")
    time = "" if draw(st.booleans()) else draw(st.sampled_from(times))
    shape = draw(st.sampled_from((
        f"{year}-{month}-{day}", f"{day}/{month}/{year}", f"{month}/{day}/{year}", f"{day}.{month}.{year}",
        f"{day}-{month}-{year}", f"{year}{month}{day}", f"{day}/{name}/{year}", f"{day} {name} {year}",
        f"{name} {day}, {year}", f"lundi {day} {name} {year}", f"{name}-{year}", f"{name} {year}",
        f"{day}er {name} {year}", f"{year}/{month}/{day}",
    )))  # fmt: skip
    return shape + time


FOREIGN_DIGITS = ("٠١٢٣٤٥٦٧٨٩", "０１２３４５６７８９", "०१२३४५६७८९")  # Arabic-Indic, fullwidth, Devanagari


@st.composite
def foreign(draw: st.DrawFn, written: st.SearchStrategy[str]) -> str:
    """A date or number typed with digits other than 0 to 9, which no reader takes."""
    digits = draw(st.sampled_from(FOREIGN_DIGITS))
    return draw(written).translate(str.maketrans("0123456789", digits))


JUNK = st.text(st.characters(codec="utf-8"), max_size=30)
CELL = st.one_of(written_numbers(), written_dates(), st.sampled_from(WORDS), JUNK, st.just(""))
DATE_CELL = st.one_of(written_dates(), foreign(written_dates()), CELL)
NUMBER_CELL = st.one_of(written_numbers(), foreign(written_numbers()), CELL)


# Each cell reader: a value within its bounds, or its own refusal -----------------------------------

Within = Callable[[Any], bool]
TODAY = date(2026, 12, 7)


def _number_within(low: float, high: float) -> Within:
    return lambda number: math.isfinite(number) and low <= number <= high


def _day_within(first: date, last: date) -> Within:
    return lambda day: first <= day <= last


ACTIVITY_CELLS: list[tuple[Callable[[str], Any], Within, st.SearchStrategy[str]]] = [
    (csv_cells.parse_number, _number_within(0, bounds.NUMBER_LIMIT), NUMBER_CELL),
    (csv_cells.parse_money, _number_within(0, float(bounds.MONEY_HIGHEST)), NUMBER_CELL),
    (
        lambda text: csv_cells.parse_score(text, low=1, high=5),
        lambda score: score in range(1, 6),
        NUMBER_CELL,
    ),
    (csv_cells.parse_date, bounds.date_in_range, DATE_CELL),
]


@pytest.mark.parametrize(
    ("read", "within", "cells"), ACTIVITY_CELLS, ids=["number", "money", "score", "date"]
)
@CELLS
@given(data=st.data())
def test_an_activities_cell_is_read_within_its_columns_bounds_or_refused_in_words(
    read: Callable[[str], Any], within: Within, cells: st.SearchStrategy[str], data: st.DataObject
) -> None:
    text = data.draw(cells)
    try:
        value = read(text)
    except csv_cells.BadCell as error:
        assert str(error)
        return
    assert value is None or not foreign_digits(text), text  # 0 to 9 only, as every reader
    assert value is None or within(value), (text, value)


ORDER_CELLS: list[tuple[Callable[[str, str], Any], Within, st.SearchStrategy[str], tuple[str, str]]] = [
    (lambda text, way: orders_cells.read_amount(text, decimal=way),
     _number_within(0, orders_cells.AMOUNT_MAX), NUMBER_CELL, (",", ".")),
    (lambda text, way: orders_cells.read_order_day(text, way, TODAY), _day_within(date(1900, 1, 1), TODAY),
     DATE_CELL, ("dmy", "mdy")),
    (lambda text, way: kpi_table.measurement_day(text, order=way),
     _day_within(date(1900, 1, 1), date(2200, 12, 31)), DATE_CELL, ("dmy", "mdy")),
]  # fmt: skip


@pytest.mark.parametrize(
    ("read", "within", "cells", "ways"), ORDER_CELLS, ids=["amount", "order-day", "kpi-day"]
)
@CELLS
@given(data=st.data())
def test_an_orders_or_kpi_cell_is_read_within_its_bounds_or_refused_with_its_problem(
    read: Callable[[str, str], Any], within: Within, cells: st.SearchStrategy[str], ways: tuple[str, str],
    data: st.DataObject,
) -> None:  # fmt: skip
    text, way = data.draw(cells), data.draw(st.sampled_from(ways))
    try:
        value = read(text, way)
    except orders_cells.BadCell as error:
        assert isinstance(error.problem, orders_cells.CellProblem)
        return
    assert not foreign_digits(text), text  # 0 to 9 only, as every reader
    assert within(value), (text, value)


@CELLS
@given(NUMBER_CELL, st.sampled_from((",", ".")))
def test_a_value_cell_of_a_kpi_paste_is_finite_and_bounded_or_refused(text: str, mark: str) -> None:
    try:
        value = kpi_table.read_value(text, mark)
    except ValueError:
        return
    assert not foreign_digits(text), text  # 0 to 9 only, as every reader
    assert math.isfinite(value) and abs(value) <= bounds.NUMBER_LIMIT


# Whole files -------------------------------------------------------------------------------------


def _aliases(*groups: dict[str, tuple[str, ...]]) -> list[str]:
    return sorted({name for group in groups for names in group.values() for name in names})


JALON_HEADERS = [*_aliases(OWN_HEADERS, *TOOL_COLUMNS.values()), "Titre", "Title", "Key", "Clé", "Status",
                 "Dependencies", "Labels", "Thème", "Objectives"]  # fmt: skip
TITLES = ("Titre", "Title", "title", "Action", "Card Name", "Summary", "Task Name", "Name", "Intitulé")
DATES = ("Start", "End", "Début", "Fin", "Due Date", "Start date", "Échéance", "Not before", "Must finish by")
NUMBERS = ("Cost", "Coût", "Budget", "Spent", "Effort (days)", "Value", "Impact", "Feasibility", "Confidence",
           "Original Estimate")  # fmt: skip
Column = tuple[str, st.SearchStrategy[str]]  # a header and what its cells hold
ACTIVITY_COLUMNS: st.SearchStrategy[Column] = st.one_of(
    st.tuples(st.sampled_from(DATES), st.just(DATE_CELL)),
    st.tuples(st.sampled_from(NUMBERS), st.just(NUMBER_CELL)),
    st.tuples(st.one_of(st.sampled_from(JALON_HEADERS), JUNK), st.just(CELL)),
)
TITLE_CELL = st.one_of(JUNK, st.sampled_from(("Audit SEO", "Total", "Sous-total", "=SUM(A1:A3)", "")))
TITLE: st.SearchStrategy[Column] = st.tuples(st.sampled_from(TITLES), st.just(TITLE_CELL))


@st.composite
def written_files(
    draw: st.DrawFn, first: st.SearchStrategy[Column], others: st.SearchStrategy[Column]
) -> str:
    """A small file: perhaps a title row and empty rows, a header, rows of cells (quoted or not, some short,
    some long, some empty), perhaps a BOM."""
    columns = [draw(first), *draw(st.lists(others, max_size=5))]
    order = draw(st.permutations(range(len(columns))))
    columns = [columns[i] for i in order]
    separator = draw(st.sampled_from((";", ",", "\t")))
    rows = [[draw(cells) for _name, cells in columns] for _ in range(draw(st.integers(0, 5)))]
    rows = [row[: draw(st.integers(0, len(row)))] if draw(st.integers(0, 5)) == 0 else row for row in rows]
    above = draw(st.lists(st.sampled_from(([], ["Plan marketing 2026"], [""] * len(columns))), max_size=2))
    header = [name for name, _cells in columns] if draw(st.integers(0, 9)) else []

    def line(cells: list[str]) -> str:
        quoting = draw(st.sampled_from(("none", "none", "all", "doubled", "broken")))
        if quoting == "all":
            cells = ['"' + cell.replace('"', '""') + '"' for cell in cells]
        elif quoting == "doubled":
            cells = ['"' + cell.replace('"', '""') + '"' if separator in cell else cell for cell in cells]
        elif quoting == "broken" and draw(st.integers(0, 4)) == 0:
            cells = [*cells[:-1], '"' + cells[-1]] if cells else ['"']
        return separator.join(cells)

    ending = draw(st.sampled_from(("\n", "\r\n", "\r")))
    body = ending.join(line(cells) for cells in [*above, header, *rows])
    return draw(st.sampled_from(("", "\ufeff"))) + body + draw(st.sampled_from(("", ending, ending * 3)))


def _plan_numbers_are_bounded(plan: Any) -> None:
    event("read")
    for row in plan.rows:
        for name in ("effort_days", "value", "cost", "spent"):
            number = row.fields.get(name)
            if number is not None:
                assert math.isfinite(number) and 0 <= number <= bounds.NUMBER_LIMIT, (name, number)
        for name in ("start", "end", "not_before", "must_finish_by"):
            day = row.fields.get(name)
            assert day is None or bounds.date_in_range(day), (name, day)


def _problems_are_said(problems: list[tuple[str, str]]) -> None:
    event(f"refused: {problems[0][1][:24]}")
    assert problems
    assert all(isinstance(where, str) and isinstance(message, str) and message for where, message in problems)


@pytest.fixture
def empty_roadmap(db: None) -> Roadmap:
    team = make_team()
    return make_roadmap(team.workspace, team.owner)


@pytest.mark.django_db
@IN_DB
@given(
    text=written_files(TITLE, ACTIVITY_COLUMNS),
    other_columns=st.booleans(),
    language=st.sampled_from(("fr", "en")),
)
def test_an_activities_file_is_planned_or_refused_with_its_problems_said(
    empty_roadmap: Roadmap, text: str, other_columns: bool, language: str
) -> None:
    with translation.override(language):
        try:
            plan = plan_import(text, roadmap=empty_roadmap, other_columns=other_columns, create_people=True)
        except CsvProblems as error:
            _problems_are_said(error.problems)
            return
    _plan_numbers_are_bounded(plan)


ORDER_NAMES = _aliases(ALIASES)
CUSTOMER = st.tuples(
    st.sampled_from(ALIASES["customer"]), st.just(st.one_of(st.sampled_from(("C1", "C2", "")), JUNK))
)
ORDER_COLUMNS: st.SearchStrategy[Column] = st.one_of(
    st.tuples(st.sampled_from(ALIASES["date"]), st.just(DATE_CELL)),
    st.tuples(st.sampled_from(ALIASES["amount"]), st.just(NUMBER_CELL)),
    st.tuples(st.one_of(st.sampled_from(ORDER_NAMES), JUNK), st.just(CELL)),
)


def orders_files() -> st.SearchStrategy[str]:
    """An orders file: a customer, a date and an amount per line (columns named or not), junk beside."""
    return written_files(CUSTOMER, ORDER_COLUMNS)


# The columns a user names (the mapping form offers the file's headers, the command line takes any text)
NAMED_COLUMN = st.one_of(
    st.just(""),
    st.sampled_from(("1", "3", "0", "99", "²", "①", "9" * 5000)),
    st.sampled_from(ORDER_NAMES),
    JUNK,
)  # "": not named, the reader guesses
MAPPING = st.fixed_dictionaries({role: NAMED_COLUMN for role in ("customer", "date", "amount")})


@FILES
@given(text=orders_files(), encoding=st.sampled_from(("utf-8", "cp1252", "utf-16")), mapping=MAPPING)
def test_an_orders_file_is_read_within_bounds_or_refused_with_a_message(
    text: str, encoding: str, mapping: dict[str, str]
) -> None:
    data = text.encode(encoding, errors="replace")
    today = date(2026, 12, 7)
    try:
        read = read_orders(data, filename="commandes.csv", mapping=mapping, latest=today)
    except (OrdersFileError, MappingNeeded) as error:
        event(f"refused: {getattr(error, 'kind', 'mapping')}")
        assert describe_error(error, translation.gettext)
        return
    event(f"read, {'some' if read.bad_lines else 'no'} bad lines")
    amounts, days = read.orders.amount, read.orders.day
    assert all(math.isfinite(a) and 0 <= a <= orders_cells.AMOUNT_MAX for a in amounts.tolist())
    assert len(days) == len(amounts) == len(read.orders.customer)
    assert all(describe_bad_line(bad, translation.gettext) for bad in read.bad_lines)


@st.composite
def kpi_pastes(draw: st.DrawFn) -> str:
    """Two columns copied from a spreadsheet (or typed): date, value; a header perhaps, junk lines too."""
    separator = draw(st.sampled_from(("\t", ";", ",", " ", "  ")))
    head = draw(st.sampled_from(([], ["Date", "Valeur"], ["Mois", "CA (€)"], ["", ""])))
    pair = st.tuples(st.one_of(written_dates(), CELL), st.one_of(written_numbers(), CELL)).map(list)
    lines = draw(st.lists(st.one_of(pair, pair, pair, st.lists(CELL, max_size=3)), max_size=8))
    ending = draw(st.sampled_from(("\n", "\r\n")))
    text = ending.join(separator.join(cells) for cells in ([head] if head else []) + lines)
    return draw(st.sampled_from(("", "\ufeff"))) + text


KPI_VALUES = st.tuples(st.sampled_from(("Valeur", "Taux", "CA (€)")), st.just(NUMBER_CELL))


def _measurements_are_bounded(read: list[tuple[date, float]]) -> None:
    event("read")
    assert read
    for day, value in read:
        assert date(1900, 1, 1) <= day <= date(2200, 12, 31)
        assert math.isfinite(value) and abs(value) <= bounds.NUMBER_LIMIT


def _table_problems_are_said(error: kpi_table.TableProblems) -> None:
    event(f"refused: {error.problems[0].message[:24]}")
    assert error.problems and all(isinstance(p.message, str) and p.message for p in error.problems)


@FILES
@given(text=kpi_pastes(), language=st.sampled_from(("fr", "en")))
def test_a_kpi_paste_is_read_within_bounds_or_refused_line_by_line(text: str, language: str) -> None:
    with translation.override(language):
        try:
            read = kpi_table.read_pasted(text)
        except kpi_table.TableProblems as error:
            _table_problems_are_said(error)
            return
    _measurements_are_bounded(read)


@FILES
@given(text=kpi_pastes(), encoding=st.sampled_from(("utf-8", "utf-8-sig", "cp1252", "utf-16")))
def test_a_kpi_csv_file_is_read_within_bounds_or_refused_line_by_line(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="replace")
    try:
        read = kpi_table.read_file("mesures.csv", data)
    except kpi_table.TableProblems as error:
        _table_problems_are_said(error)
        return
    _measurements_are_bounded(read)


# Workbooks: cells of every type, percentages among them --------------------------------------------

TYPED_CELL = st.one_of(
    st.floats(allow_nan=False, allow_infinity=False),
    st.integers(-(10**20), 10**20),
    st.datetimes(min_value=datetime(1900, 3, 1), max_value=datetime(9999, 1, 1)),
    st.booleans(),
    st.none(),
)
NUMBER_FORMATS = ("0%", "0.0 %", '0.00" %"', "General", "#,##0.00 €", "dd/mm/yyyy")


@st.composite
def workbooks(
    draw: st.DrawFn, first: st.SearchStrategy[Column], others: st.SearchStrategy[Column], *, wider: int = 4
) -> bytes:
    """A small XLSX workbook: a header, then rows whose cells are texts as a file's, or numbers, dates,
    booleans as a sheet holds them, shown as percentages or not."""
    import io

    columns = [draw(first), *draw(st.lists(others, min_size=min(wider, 1), max_size=wider))]
    book = Workbook()
    sheet = book.active
    if draw(st.integers(0, 9)):
        sheet.append([_storable(name) for name, _cells in columns])
    for _ in range(draw(st.integers(0, 5))):
        sheet.append([_storable(draw(st.one_of(cells, TYPED_CELL))) for _name, cells in columns])
        for cell in sheet[sheet.max_row]:
            cell.number_format = draw(st.sampled_from(NUMBER_FORMATS))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _storable(cell: object) -> object:
    """What openpyxl writes: text without the control characters XML refuses."""
    if isinstance(cell, str):
        return "".join(char for char in cell if char >= " " or char in "\t\n\r")
    return cell


@pytest.mark.django_db
@IN_DB
@given(data=workbooks(TITLE, ACTIVITY_COLUMNS))
def test_an_activities_workbook_is_planned_or_refused_with_its_problems_said(
    empty_roadmap: Roadmap, data: bytes
) -> None:
    try:
        header, rows = workbook_table(data, limit=1000)
        plan = plan_table(header, rows, roadmap=empty_roadmap, other_columns=True, create_people=True)
    except UnreadableWorkbook as error:
        assert error.describe(translation.gettext)
        return
    except CsvProblems as error:
        _problems_are_said(error.problems)
        return
    _plan_numbers_are_bounded(plan)


@FILES
@given(data=workbooks(CUSTOMER, ORDER_COLUMNS))
def test_an_orders_workbook_is_read_within_bounds_or_refused_with_a_message(data: bytes) -> None:
    try:
        read = read_orders(data, filename="commandes.xlsx", latest=date(2026, 12, 7))
    except (OrdersFileError, MappingNeeded) as error:
        event(f"refused: {getattr(error, 'kind', 'mapping')}")
        assert describe_error(error, translation.gettext)
        return
    event(f"read, {'some' if read.bad_lines else 'no'} bad lines")
    assert all(math.isfinite(a) and 0 <= a <= orders_cells.AMOUNT_MAX for a in read.orders.amount.tolist())


@FILES
@given(data=workbooks(st.tuples(st.sampled_from(("Date", "Mois")), st.just(DATE_CELL)), KPI_VALUES, wider=1))
def test_a_kpi_workbook_is_read_within_bounds_or_refused_line_by_line(data: bytes) -> None:
    try:
        read = kpi_table.read_file("mesures.xlsx", data)
    except kpi_table.TableProblems as error:
        _table_problems_are_said(error)
        return
    _measurements_are_bounded(read)


def test_unreadable_table_is_what_a_broken_quote_raises_and_it_is_said() -> None:
    """The one exception the table reader lets out is described in the reader's words."""
    assert UnreadableTable().describe(translation.gettext)
