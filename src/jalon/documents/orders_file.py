"""An orders file (customer, date, amount per line) read into the RFM engine's columns.

CSV (comma, semicolon or tab; UTF-8 or Windows-1252), columns aligned with spaces (the CDNOW file), or
XLSX (first sheet). The first row is a header unless it already holds a date; without a header the
columns are numbered from 1. Which column holds the customer, the date and the amount comes from the
``mapping`` (a header name or a column number) or, failing that, from the header's usual names in
French and English ("client", "date de commande", "montant TTC"…); when a role cannot be told,
:class:`MappingNeeded` says which and lists the columns so the caller can ask.

Dates and amounts may be written the French or the English way (see
:mod:`jalon.documents.orders_cells`). Every bad line is listed with its number, the column and the
reason; the good ones are kept, and the caller decides whether a file with bad lines may be used.
No Django here: the command line reads files with it. Messages are translated by the caller's gettext.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

import numpy as np

from jalon.documents.orders_cells import (
    BadCell,
    CellProblem,
    date_order,
    decimal_separator,
    read_amount,
    read_date,
    read_order_day,
)
from jalon.documents.tables import (
    BOOLEANS,
    Booleans,
    LinesRead,
    UnreadableTable,
    decode,
    is_old_office,
    is_workbook,
    listed,
    looks_binary,
    normalise,
    not_a_table_message,
    old_excel_message,
    read_rows,
    shown_booleans,
    sniff_delimiter,
)
from jalon.documents.workbook_rows import (
    LONG_SHEET_ROWS,
    MAX_COLUMNS,
    UnreadableWorkbook,
    WorkbookProblem,
    xlsx_rows,
)
from jalon.engines.rfm import Orders, day_number

__all__ = [
    "ROLES",
    "BadLine",
    "MappingNeeded",
    "OrdersFileError",
    "OrdersRead",
    "describe_bad_line",
    "describe_error",
    "orders_csv",
    "read_orders",
]

ROLES = ("customer", "date", "amount")
CUSTOMER_MAX = 100  # characters of a customer id
MAX_LINES = 5_000_000
SAMPLE_LINES = 200  # the first lines read to tell the columns by their content

# Usual header names (as normalise() writes them, with _ - . turned into spaces and units dropped).
ALIASES: dict[str, tuple[str, ...]] = {
    "customer": ("customer", "customer id", "customer no", "customer number", "customer code", "client",
                 "client id", "id client", "code client", "numero client", "no client", "n client",
                 "identifiant client", "ref client", "reference client", "email", "e mail", "contact",
                 "contact id", "buyer", "acheteur", "user id", "member id", "account", "compte"),
    "date": ("date", "order date", "date de commande", "date commande", "purchase date", "date d'achat",
             "date achat", "invoice date", "date de facture", "date facture", "transaction date",
             "date de transaction", "created at", "jour", "day"),
    "amount": ("amount", "total", "montant", "montant ttc", "montant ht", "montant total", "total ttc",
               "total ht", "revenue", "value", "dollar value", "sales", "ventes", "chiffre d'affaires", "ca",
               "order total", "order value", "valeur", "net amount", "grand total", "price", "prix",
               "panier"),
}  # fmt: skip


class Problem(StrEnum):
    MISSING_CELLS = "missing_cells"
    EMPTY_CUSTOMER = "empty_customer"
    CUSTOMER_TOO_LONG = "customer_too_long"
    BAD_DATE = CellProblem.BAD_DATE.value
    NO_SUCH_DAY = CellProblem.NO_SUCH_DAY.value
    DATE_OUT_OF_RANGE = CellProblem.DATE_OUT_OF_RANGE.value
    DATE_AFTER_TODAY = CellProblem.DATE_AFTER_TODAY.value
    BAD_AMOUNT = CellProblem.BAD_AMOUNT.value
    NEGATIVE_AMOUNT = CellProblem.NEGATIVE_AMOUNT.value
    AMOUNT_TOO_LARGE = CellProblem.AMOUNT_TOO_LARGE.value


@dataclass(frozen=True)
class BadLine:
    line: int  # 1-based line (CSV) or row (XLSX) of the file
    column: str  # the column's header, or its number when the file has no header
    value: str
    problem: Problem


class ErrorKind(StrEnum):
    EMPTY = "empty"
    NOT_A_TABLE = "not_a_table"
    OLD_EXCEL = "old_excel"  # an .xls workbook (OLE2): to save as XLSX or CSV
    NO_DATES = "no_dates"
    UNREADABLE_XLSX = "unreadable_xlsx"
    UNREADABLE_TEXT = "unreadable_text"
    TOO_MANY_LINES = "too_many_lines"
    UNKNOWN_COLUMN = "unknown_column"
    SAME_COLUMN = "same_column"


class OrdersFileError(ValueError):
    """A file that cannot be read as orders at all."""

    def __init__(
        self,
        kind: ErrorKind,
        *,
        column: str = "",
        columns: Sequence[str] = (),
        workbook: UnreadableWorkbook | None = None,
    ) -> None:
        self.kind, self.column, self.columns, self.workbook = kind, column, tuple(columns), workbook
        super().__init__(kind.value)


class MappingNeeded(ValueError):
    """Some roles could not be matched to a column: ``missing`` (no candidate) or ``ambiguous``
    (several, listed in ``candidates``). ``found`` holds the roles that were matched."""

    def __init__(
        self, *, columns: Sequence[str], found: Mapping[str, str], candidates: Mapping[str, Sequence[str]]
    ) -> None:
        self.columns = tuple(columns)
        self.found = dict(found)
        self.candidates = {role: tuple(names) for role, names in candidates.items()}
        super().__init__(", ".join(role for role in ROLES if role not in found))

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(role for role in ROLES if role not in self.found)


@dataclass(frozen=True, eq=False)
class OrdersRead:
    orders: Orders  # the good lines
    mapping: dict[str, str]  # role -> column header (or number)
    has_header: bool
    lines: int  # data lines read, good and bad
    bad_lines: tuple[BadLine, ...]
    date_order: str  # "dmy" or "mdy"
    decimal: str  # "," or "."


def read_orders(
    data: bytes,
    *,
    filename: str = "",
    mapping: Mapping[str, str | int] | None = None,
    on_lines: LinesRead | None = None,
    latest: date | None = None,
    booleans: Booleans = BOOLEANS,
) -> OrdersRead:
    """Read an orders file (CSV, space-aligned text or XLSX); see the module's documentation.

    A file that cannot be orders is refused before any column is asked for: an old Excel workbook
    (``OLD_EXCEL``), an image, a PDF or other binary file renamed (``NOT_A_TABLE``), an empty one, or one
    where no column is named as the date nor holds a single date among its first lines (``NO_DATES``),
    unless the caller names the date column. ``on_lines`` hears how far a text file's reading is (lines
    read, share of the text); a workbook is read without reports. An order dated after ``latest`` (the
    importer's today) is a bad line. A workbook's boolean cell is read as ``booleans`` say it."""
    if is_old_office(data):
        raise OrdersFileError(ErrorKind.OLD_EXCEL)
    is_xlsx = is_workbook(filename, data)
    if not is_xlsx and looks_binary(data):
        raise OrdersFileError(ErrorKind.NOT_A_TABLE)
    rows, delimiter = (_xlsx_rows(data, booleans), ",") if is_xlsx else _text_rows(data, on_lines)
    if not rows:
        raise OrdersFileError(ErrorKind.EMPTY)
    if len(rows) > MAX_LINES:
        raise OrdersFileError(ErrorKind.TOO_MANY_LINES)
    has_header = not _looks_like_data(rows[0][1])
    width = max(len(cells) for _, cells in rows)
    columns = [str(cell).strip() for cell in rows[0][1]] if has_header else []
    columns += [str(n) for n in range(len(columns) + 1, width + 1)]
    body = rows[1:] if has_header else rows
    given = mapping or {}
    if body and not str(given.get("date") or "").strip() and not _has_dates(columns, body):
        raise OrdersFileError(ErrorKind.NO_DATES, columns=columns)
    positions = _map_columns(columns, given, body, guess_by_content=not has_header)
    return _read_body(body, columns, positions, has_header=has_header, delimiter=delimiter, latest=latest)


# Rows --------------------------------------------------------------------------------------------

Row = tuple[int, Sequence[object]]


def _text_rows(data: bytes, on_lines: LinesRead | None = None) -> tuple[list[Row], str | None]:
    text = decode(data)
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        # at most the columns a workbook keeps: a header of 50,000 columns made a 17 MB page of choices
        read = read_rows(text, limit=MAX_LINES, on_lines=on_lines)
        rows: list[Row] = [(line, cells[:MAX_COLUMNS]) for line, cells in read]
    except UnreadableTable:
        raise OrdersFileError(ErrorKind.UNREADABLE_TEXT) from None
    return rows, sniff_delimiter(first, whitespace=True)


def _xlsx_rows(data: bytes, booleans: Booleans) -> list[Row]:
    """The sheet's rows, TRUE (VRAI…) as text: to the set reading each value once, True is 1 (read as 1)."""
    try:
        rows = xlsx_rows(data, limit=LONG_SHEET_ROWS, faster_as_csv=True)
    except UnreadableWorkbook as error:
        raise OrdersFileError(ErrorKind.UNREADABLE_XLSX, workbook=error) from None
    return shown_booleans(rows, booleans)


def _has_dates(columns: list[str], body: list[Row]) -> bool:
    """Whether a column is named as the order date, or any cell of the first lines reads as a date (an
    orders file has a column of them; a named one with bad dates is reported line by line)."""
    if any(_header_key(name) in ALIASES["date"] for name in columns):
        return True
    return any(_is_date(cell) for _, cells in body[:SAMPLE_LINES] for cell in cells)


def _looks_like_data(cells: Sequence[object]) -> bool:
    """A first row holding a date is data, not a header."""
    for cell in cells:
        try:
            read_date(cell)
        except BadCell:
            continue
        return True
    return False


# Columns -----------------------------------------------------------------------------------------


def _header_key(name: str) -> str:
    words = normalise(name.replace("_", " ").replace("-", " ").replace(".", " "))
    if "(" in words:
        words = words[: words.index("(")].strip()  # "montant (€)" is "montant"
    return " ".join(word for word in words.split() if word not in {"€", "$", "eur", "usd", "#"})


def _map_columns(
    columns: list[str], mapping: Mapping[str, str | int], body: list[Row], *, guess_by_content: bool
) -> dict[str, int]:
    positions: dict[str, int] = {}
    for role in ROLES:
        given = mapping.get(role)
        if given is not None and str(given).strip():
            positions[role] = _column_index(columns, str(given).strip())
    candidates: dict[str, list[int]] = {}
    for role in ROLES:
        if role in positions:
            continue
        taken = set(positions.values())
        if guess_by_content:
            found = _guess_by_content(role, columns, body, taken)
        else:
            found = [
                i for i, name in enumerate(columns) if _header_key(name) in ALIASES[role] and i not in taken
            ]
        if len(found) == 1:
            positions[role] = found[0]
        else:
            candidates[role] = found
    if candidates:
        raise MappingNeeded(
            columns=columns,
            found={role: columns[i] for role, i in positions.items()},
            candidates={role: [columns[i] for i in found] for role, found in candidates.items()},
        )
    if len(set(positions.values())) < len(ROLES):
        raise OrdersFileError(ErrorKind.SAME_COLUMN, columns=columns)
    return positions


def _column_index(columns: list[str], given: str) -> int:
    """A column by its number (0 to 9: ``²`` or ``①`` passed ``isdigit`` and ``int`` refused it with a
    ValueError, as it refuses 5,000 digits) or by its header."""
    number = int(given) if given.isascii() and given.isdigit() and len(given) <= 6 else 0
    if 1 <= number <= len(columns):
        return number - 1
    wanted = normalise(given)
    for index, name in enumerate(columns):
        if normalise(name) == wanted:
            return index
    raise OrdersFileError(ErrorKind.UNKNOWN_COLUMN, column=given, columns=columns)


def _guess_by_content(role: str, columns: list[str], body: list[Row], taken: set[int]) -> list[int]:
    """Without a header: the date column is the one whose first values are dates; the amount, the one
    number column with decimals; the customer, the first column left."""
    sample = [cells for _, cells in body[:SAMPLE_LINES]]

    def share(index: int, test: Callable[[object], bool]) -> float:
        values = [cells[index] for cells in sample if index < len(cells) and str(cells[index]).strip()]
        return sum(1 for value in values if test(value)) / len(values) if values else 0.0

    free = [index for index in range(len(columns)) if index not in taken]
    if role == "date":
        return [i for i in free if share(i, _is_date) >= 0.9]
    if role == "amount":
        numbers = [i for i in free if share(i, _is_number) >= 0.9]
        with_decimals = [i for i in numbers if share(i, _has_decimals) > 0]
        return with_decimals if len(with_decimals) == 1 or len(numbers) != 1 else numbers
    return free[:1]


def _has_decimals(value: object) -> bool:
    return isinstance(value, float) or "." in str(value) or "," in str(value)


def _is_date(value: object) -> bool:
    try:
        read_date(value)
    except BadCell:
        return False
    return True


def _is_number(value: object) -> bool:
    for decimal in (".", ","):
        try:
            read_amount(value, decimal=decimal)
        except BadCell:
            continue
        return True
    return False


# Lines -------------------------------------------------------------------------------------------


def _read_body(
    body: list[Row], columns: list[str], positions: dict[str, int], *, has_header: bool,
    delimiter: str | None, latest: date | None,
) -> OrdersRead:  # fmt: skip
    customer_at, date_at, amount_at = (positions[role] for role in ROLES)
    needed = max(positions.values()) + 1
    # Whole columns at a time (map and set in C): a file repeats the same dates and amounts many times.
    if min(map(len, (cells for _, cells in body)), default=needed) >= needed:
        complete, bad = body, []
    else:
        complete = [(line, cells) for line, cells in body if len(cells) >= needed]
        bad = [BadLine(line, columns[needed - 1], "", Problem.MISSING_CELLS) for line, cells in body
               if len(cells) < needed]  # fmt: skip
    table = [cells for _, cells in complete]
    date_cells = [cells[date_at] for cells in table]
    amount_cells = [cells[amount_at] for cells in table]
    order = date_order(set(date_cells))
    decimal = decimal_separator(set(amount_cells), default="," if delimiter == ";" else ".")
    read_dates = _memo(set(date_cells), lambda value: day_number(read_order_day(value, order, latest)))
    read_amounts = _memo(set(amount_cells), lambda value: read_amount(value, decimal=decimal))
    names = list(map(str.strip, map(str, (cells[customer_at] for cells in table))))
    days = list(map(read_dates.__getitem__, date_cells))
    spent = list(map(read_amounts.__getitem__, amount_cells))
    failed = any(isinstance(value, CellProblem) for value in (*read_dates.values(), *read_amounts.values()))
    lengths = set(map(len, names))
    if failed or min(lengths, default=1) == 0 or max(lengths, default=0) > CUSTOMER_MAX:
        kept = []
        for index, (line, cells) in enumerate(complete):
            problems = _problems(names[index], days[index], spent[index], cells, columns, positions)
            bad.extend(BadLine(line, column, value[:60], problem) for column, value, problem in problems)
            if not problems:
                kept.append(index)
        names, days, spent = [names[i] for i in kept], [days[i] for i in kept], [spent[i] for i in kept]
    codes = {name: index for index, name in enumerate(dict.fromkeys(names))}
    customer = list(map(codes.__getitem__, names))
    orders = Orders(
        customer_ids=tuple(codes), customer=np.array(customer, dtype=np.int64),
        day=np.array(days, dtype=np.int64), amount=np.array(spent, dtype=np.float64),
    )  # fmt: skip
    return OrdersRead(
        orders=orders,
        mapping={role: columns[index] for role, index in positions.items()},
        has_header=has_header,
        lines=len(body),
        bad_lines=tuple(sorted(bad, key=lambda item: item.line)),
        date_order=order,
        decimal=decimal,
    )


def _problems(
    name: str, day: object, amount: object, cells: Sequence[object], columns: list[str], at: dict[str, int]
) -> list[tuple[str, str, Problem]]:
    """What is wrong with one line: (column, value as written, problem)."""
    problems: list[tuple[str, str, Problem]] = []
    if not name or len(name) > CUSTOMER_MAX:
        problems.append(
            (columns[at["customer"]], name, Problem.CUSTOMER_TOO_LONG if name else Problem.EMPTY_CUSTOMER)
        )
    for role, found in (("date", day), ("amount", amount)):
        if isinstance(found, CellProblem):
            problems.append((columns[at[role]], str(cells[at[role]]), Problem(found.value)))
    return problems


def _memo(
    values: set[object], read: Callable[[object], float | int]
) -> dict[object, float | int | CellProblem]:
    """Each distinct cell read once: an orders file repeats the same dates and amounts many times."""
    answers: dict[object, float | int | CellProblem] = {}
    for value in values:
        try:
            answers[value] = read(value)
        except BadCell as error:
            answers[value] = error.problem
    return answers


# Messages ----------------------------------------------------------------------------------------


def role_name(role: str, _: Callable[[str], str]) -> str:
    return {"customer": _("customer id"), "date": _("order date"), "amount": _("amount")}[role]


def describe_bad_line(bad: BadLine, _: Callable[[str], str]) -> str:
    """``line 12, column « montant »: …`` in the language of ``_`` (a gettext function)."""
    reasons = {
        Problem.MISSING_CELLS: _("the line stops before this column"),
        Problem.EMPTY_CUSTOMER: _("no customer id"),
        Problem.CUSTOMER_TOO_LONG: _("a customer id is at most 100 characters"),
        Problem.BAD_DATE: _("{value} is not a date"),
        Problem.NO_SUCH_DAY: _("{value} is not a day of the calendar"),
        Problem.DATE_OUT_OF_RANGE: _("{value} is not between 1900 and 2200"),
        Problem.DATE_AFTER_TODAY: _("{value} is after today: an order cannot be dated in the future"),
        Problem.BAD_AMOUNT: _("{value} is not an amount"),
        Problem.NEGATIVE_AMOUNT: _("{value} is negative (returns are not read: net them first)"),
        Problem.AMOUNT_TOO_LARGE: _("{value} is over 1,000,000,000"),
    }
    return _("line {line}, column {column}: {reason}").format(
        line=bad.line, column=bad.column, reason=reasons[bad.problem].format(value=bad.value)
    )


def describe_error(error: OrdersFileError | MappingNeeded, _: Callable[[str], str]) -> str:
    columns = listed(error.columns)
    if isinstance(error, MappingNeeded):
        roles = ", ".join(role_name(role, _) for role in error.roles)
        return _("Cannot tell which column holds: {roles}. Columns: {columns}.").format(
            roles=roles, columns=columns
        )
    if error.kind is ErrorKind.UNREADABLE_XLSX:
        return (error.workbook or UnreadableWorkbook(WorkbookProblem.UNREADABLE)).describe(_)
    if error.kind is ErrorKind.UNREADABLE_TEXT:
        return UnreadableTable().describe(_)
    expected = _(
        "An orders file has one order per line: the customer, the order date and the amount (CSV or XLSX)."
    )
    texts = {
        ErrorKind.EMPTY: _("The file is empty.") + " " + expected,
        ErrorKind.NOT_A_TABLE: not_a_table_message(_) + " " + expected,
        ErrorKind.OLD_EXCEL: old_excel_message(_),
        ErrorKind.NO_DATES: _("No column of this file holds dates (columns: {columns}).") + " " + expected,
        ErrorKind.TOO_MANY_LINES: _("The file has more than 5,000,000 lines."),
        ErrorKind.UNKNOWN_COLUMN: _("No column {column}. Columns: {columns}."),
        ErrorKind.SAME_COLUMN: _("The customer, the date and the amount must be three different columns."),
    }
    return texts[error.kind].format(column=error.column, columns=columns)


# Writing -----------------------------------------------------------------------------------------


def orders_csv(rows: Sequence[tuple[str, date, float]], *, french: bool = True) -> str:
    """Orders as a CSV file: ``client;date;montant`` with ``31/12/2026`` and ``89,99`` (what Excel
    writes in France), or ``customer,date,amount`` with ISO dates and ``89.99``."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if french else ",", lineterminator="\n")
    writer.writerow(["client", "date", "montant"] if french else ["customer", "date", "amount"])
    for customer, day, amount in rows:
        if french:
            writer.writerow([customer, day.strftime("%d/%m/%Y"), f"{amount:.2f}".replace(".", ",")])
        else:
            writer.writerow([customer, day.isoformat(), f"{amount:.2f}"])
    return out.getvalue()
