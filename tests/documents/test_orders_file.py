"""Orders files read into the RFM engine: CDNOW's space-aligned text, French and English CSV, XLSX,
column mapping, and every bad line listed with its number and reason."""

from __future__ import annotations

import io
from collections import Counter
from datetime import date, datetime
from pathlib import Path

import pytest
from django.utils import translation
from django.utils.translation import gettext
from openpyxl import Workbook

from jalon.demo.orders import synthetic_orders
from jalon.documents.orders_cells import BadCell, read_amount, read_date
from jalon.documents.orders_file import (
    BadLine,
    MappingNeeded,
    OrdersFileError,
    OrdersRead,
    Problem,
    describe_bad_line,
    describe_error,
    orders_csv,
    read_orders,
)
from jalon.engines.rfm import from_day_number

CDNOW_SAMPLE = Path(__file__).parent.parent / "engines" / "fixtures" / "cdnow_first_400.txt"


def rows_of(found: OrdersRead) -> Counter[tuple[str, date, float]]:
    orders = found.orders
    return Counter(
        (orders.customer_ids[c], from_day_number(d), round(a, 2))
        for c, d, a in zip(orders.customer.tolist(), orders.day.tolist(), orders.amount.tolist(), strict=True)
    )


def read(text: str, **options: object) -> OrdersRead:
    return read_orders(text.encode("utf-8"), **options)  # type: ignore[arg-type]


def test_cdnow_text_is_read_with_its_header_and_space_aligned_columns() -> None:
    data = CDNOW_SAMPLE.read_bytes()
    found = read_orders(data, filename=CDNOW_SAMPLE.name)
    assert found.mapping == {"customer": "customer_id", "date": "date", "amount": "dollar_value"}
    assert found.bad_lines == ()
    assert len(found.orders.customer_ids) == 400
    lines = data.decode().splitlines()[1:]
    assert found.lines == len(lines) == len(found.orders)
    assert found.orders.amount.sum() == pytest.approx(sum(float(line.split()[3]) for line in lines))
    first = rows_of(found)[("00001", date(1997, 1, 1), 11.77)]
    assert first == 1


def test_cdnow_without_its_header_is_guessed_from_the_values() -> None:
    text = "\n".join(CDNOW_SAMPLE.read_text().splitlines()[1:])
    found = read(text)
    assert not found.has_header
    assert found.mapping == {"customer": "1", "date": "2", "amount": "4"}
    assert len(found.orders.customer_ids) == 400


@pytest.mark.parametrize("french", [True, False])
def test_synthetic_orders_come_back_from_a_french_or_english_csv(french: bool) -> None:
    rows = synthetic_orders(customers=150, seed=4)
    found = read(orders_csv(rows, french=french))
    assert found.bad_lines == ()
    assert found.decimal == ("," if french else ".")
    assert rows_of(found) == Counter(rows)


def test_xlsx_with_date_cells_numbers_and_french_text_is_read() -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["N° client", "Date de commande", "Montant TTC (€)"])
    sheet.append(["C1", datetime(2026, 1, 5, 10, 30), 89.99])
    sheet.append(["C2", "05/02/2026", "1 234,50 €"])
    sheet.append(["C1", date(2026, 3, 1), 20])
    buffer = io.BytesIO()
    workbook.save(buffer)
    found = read_orders(buffer.getvalue(), filename="commandes.xlsx")
    assert found.mapping == {"customer": "N° client", "date": "Date de commande", "amount": "Montant TTC (€)"}
    assert rows_of(found) == Counter(
        [("C1", date(2026, 1, 5), 89.99), ("C2", date(2026, 2, 5), 1234.5), ("C1", date(2026, 3, 1), 20.0)]
    )


def test_every_bad_line_is_listed_with_its_line_column_and_reason() -> None:
    text = (
        "client;date;montant\n"
        "C1;05/01/2026;12,50\n"
        ";06/01/2026;10\n"
        "C3;31/02/2026;10\n"
        "C4;07/01/2026;-5\n"
        "\n"
        "C5;08/01/2026;abc\n"
        "C6;01/01/1850;3\n"
        "C7;09/01/2026\n"
        "C8;10/01/2026;2000000000\n"
    )
    found = read(text)
    assert [(bad.line, bad.column, bad.problem) for bad in found.bad_lines] == [
        (3, "client", Problem.EMPTY_CUSTOMER),
        (4, "date", Problem.NO_SUCH_DAY),  # 31/02/2026: written as asked, but no day of the calendar
        (5, "montant", Problem.NEGATIVE_AMOUNT),
        (7, "montant", Problem.BAD_AMOUNT),
        (8, "date", Problem.DATE_OUT_OF_RANGE),
        (9, "montant", Problem.MISSING_CELLS),
        (10, "montant", Problem.AMOUNT_TOO_LARGE),
    ]
    assert rows_of(found) == Counter([("C1", date(2026, 1, 5), 12.5)])
    assert found.lines == 8  # the blank line is not a line of data


def test_a_bad_line_reads_as_a_sentence_with_its_number() -> None:
    message = describe_bad_line(BadLine(12, "montant", "abc", Problem.BAD_AMOUNT), lambda text: text)
    assert message == "line 12, column montant: abc is not an amount"


def test_headers_that_differ_ask_for_the_mapping_and_list_the_columns() -> None:
    text = "who,when,how much\nann,2026-01-05,10\n"
    with pytest.raises(MappingNeeded) as raised:
        read(text)
    assert raised.value.roles == ("customer", "date", "amount")
    assert raised.value.columns == ("who", "when", "how much")
    assert "who, when, how much" in describe_error(raised.value, lambda text: text)
    by_name = read(text, mapping={"customer": "who", "date": "When", "amount": "how much"})
    by_number = read(text, mapping={"customer": 1, "date": "2", "amount": 3})
    assert rows_of(by_name) == rows_of(by_number) == Counter([("ann", date(2026, 1, 5), 10.0)])


def test_two_amount_columns_are_ambiguous_until_one_is_named() -> None:
    text = "client;date;montant HT;montant TTC\nC1;05/01/2026;10,00;12,00\n"
    with pytest.raises(MappingNeeded) as raised:
        read(text)
    assert raised.value.roles == ("amount",)
    assert raised.value.candidates["amount"] == ("montant HT", "montant TTC")
    assert read(text, mapping={"amount": "montant TTC"}).orders.amount.tolist() == [12.0]


def test_a_mapping_to_a_column_that_does_not_exist_is_refused() -> None:
    with pytest.raises(OrdersFileError) as raised:
        read("client;date;montant\nC1;05/01/2026;1\n", mapping={"amount": "prix"})
    assert (
        describe_error(raised.value, lambda text: text) == "No column prix. Columns: client, date, montant."
    )


def test_a_column_headed_with_a_digit_sign_is_named_by_its_header_not_read_as_a_number() -> None:
    """``²`` and ``①`` pass ``str.isdigit`` but ``int`` refused them: choosing such a column crashed."""
    text = "①;②;montant\nC1;05/01/2026;12\n"
    found = read(text, mapping={"customer": "①", "date": "②"})
    assert rows_of(found) == Counter([("C1", date(2026, 1, 5), 12.0)])


@pytest.mark.parametrize("named", ["²", "9" * 5000], ids=["superscript", "5000-digits"])
def test_a_column_named_by_a_number_that_is_none_of_the_columns_is_refused_in_words(named: str) -> None:
    with pytest.raises(OrdersFileError) as raised:
        read("client;date;montant\nC1;05/01/2026;1\n", mapping={"amount": named})
    assert describe_error(raised.value, lambda text: text).endswith(". Columns: client, date, montant.")


def test_month_first_dates_are_recognised_from_the_file() -> None:
    found = read("customer,date,amount\nA,03/25/2026,10.00\nB,04/01/2026,5.00\n")
    assert found.date_order == "mdy"
    assert rows_of(found)[("B", date(2026, 4, 1), 5.0)] == 1


def test_thousands_and_decimals_are_told_apart_by_the_whole_column() -> None:
    english = read('customer,date,amount\nA,2026-01-05,"1,234"\nB,2026-01-06,12.50\n')
    french = read("client;date;montant\nA;05/01/2026;1.234,50\nB;06/01/2026;12,5\n")
    assert sorted(english.orders.amount.tolist()) == [12.5, 1234.0]
    assert sorted(french.orders.amount.tolist()) == [12.5, 1234.5]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("20260305", date(2026, 3, 5)),
        ("2026-03-05T10:00:00", date(2026, 3, 5)),
        ("05/03/2026 14:32", date(2026, 3, 5)),
        ("5 mars 2026", date(2026, 3, 5)),
        ("1er mars 2026", date(2026, 3, 1)),
        ("5 janv. 2026", date(2026, 1, 5)),
        ("March 5, 2026", date(2026, 3, 5)),
        ("05.03.26", date(2026, 3, 5)),
        ("2026-03-05T23:59:59.5+01:00", date(2026, 3, 5)),
        ("05/03/2026 2:32 PM", date(2026, 3, 5)),
    ],
)
def test_dates_are_read_the_french_and_the_english_way(text: str, expected: date) -> None:
    assert read_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["", "hier", "2026-13-01", "32/01/2026", "1,5", "2026-01-05T25:00", "2026-01-05 10:60", "2026-01-05T",
     "2026-01-05 lundi", "05/01/2026 24:00", "05/01/2026 x", "2026/01/05T9:99"],
)  # fmt: skip
def test_what_is_not_a_date_is_refused(text: str) -> None:
    with pytest.raises(BadCell):
        read_date(text)


@pytest.mark.parametrize(
    ("text", "decimal", "expected"),
    [("1 234,50 €", ",", 1234.5), ("$1,234.50", ".", 1234.5), ("12,5", ",", 12.5), ("EUR 99", ".", 99.0)],
)
def test_amounts_are_read_with_their_currency_and_separators(
    text: str, decimal: str, expected: float
) -> None:
    assert read_amount(text, decimal=decimal) == expected


@pytest.mark.parametrize("text", ["12.5.3", "1,23,4", "nan", "inf", "(12.00)", "1_000", "1_000.50"])
def test_what_is_not_a_positive_amount_is_refused(text: str) -> None:
    with pytest.raises(BadCell):
        read_amount(text, decimal=".")


def test_a_header_without_lines_reads_no_order() -> None:
    found = read("client;date;montant\n")
    assert found.lines == 0 and len(found.orders) == 0 and found.bad_lines == ()


@pytest.mark.parametrize("first", [True, False], ids=["true-first", "one-first"])
def test_a_true_cell_in_a_workbooks_amount_column_is_a_bad_line_and_a_1_beside_it_is_read(
    first: bool,
) -> None:
    """A set takes True for 1: TRUE was read as an amount of 1, or the 1 refused, by the rows' order."""
    rows = [["C1", "2026-01-05", True], ["C2", "2026-01-06", 1]]
    workbook = Workbook()
    for row in [["client", "date", "montant"], *(rows if first else rows[::-1])]:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    found = read_orders(buffer.getvalue(), filename="commandes.xlsx")
    assert found.orders.amount.tolist() == [1.0] and found.orders.customer_ids == ("C2",)
    assert [(bad.value, bad.problem) for bad in found.bad_lines] == [("TRUE", Problem.BAD_AMOUNT)]


def test_an_empty_file_or_a_broken_workbook_is_refused() -> None:
    with pytest.raises(OrdersFileError, match="empty"):
        read("\n\n")
    with pytest.raises(OrdersFileError, match="unreadable_xlsx"):
        read_orders(b"PK\x03\x04 not really a zip", filename="orders.xlsx")


def test_synthetic_orders_are_deterministic_with_a_seed_and_shaped_like_a_shoe_shop() -> None:
    first, again, other = (synthetic_orders(customers=300, seed=s) for s in (1, 1, 2))
    assert first == again and first != other
    customers = {row[0] for row in first}
    assert len(customers) == 300
    assert all(date(2024, 11, 2) <= day <= date(2026, 11, 1) for _, day, _ in first)  # two years to the 1st
    assert all(39.99 <= amount <= 3 * 219.99 for _, _, amount in first)
    repeat = Counter(row[0] for row in first)
    assert sum(1 for count in repeat.values() if count > 1) > 60  # a clientele that comes back


def test_an_orders_file_with_a_cell_over_the_csv_limit_is_refused_in_words() -> None:
    data = ("client;date;montant\nC1;05/01/2026;" + "1" * 200_000 + "\n").encode()
    with pytest.raises(OrdersFileError) as raised:
        read_orders(data, filename="commandes.csv")
    with translation.override("en"):
        message = describe_error(raised.value, lambda text: text)
    assert message == "A cell is longer than 131,072 characters, or a quote is not closed."


PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"
NOT_ORDERS = [
    ("photo.csv", PNG_HEADER + bytes(range(256)) * 4, "not_a_table"),  # a picture renamed
    ("export.csv", bytes((n * 37 + 11) % 256 for n in range(4000)), "not_a_table"),  # binary garbage
    ("devis.csv", b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n", "not_a_table"),
    ("ventes.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "old_excel"),  # Excel before 2007
    ("ventes.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)), "old_excel"),  # renamed
    ("vide.csv", b"", "empty"),
    ("clients.csv", "client;montant;ville\nC1;12,50;Paris\nC2;7;Lyon\n".encode("cp1252"), "no_dates"),
]


@pytest.mark.parametrize(("name", "data", "kind"), NOT_ORDERS)
def test_a_file_that_cannot_be_orders_is_refused_before_any_column_is_asked(
    name: str, data: bytes, kind: str
) -> None:
    with pytest.raises(OrdersFileError) as raised:
        read_orders(data, filename=name)
    assert raised.value.kind == kind


def test_the_refusal_says_what_an_orders_file_holds_in_french_and_in_english() -> None:
    with pytest.raises(OrdersFileError) as raised:
        read_orders(b"client;montant\nC1;12,50\n", filename="clients.csv")
    with translation.override("fr"):
        french = describe_error(raised.value, gettext)
    with translation.override("en"):
        english = describe_error(raised.value, gettext)
    assert french.startswith(
        "Aucune colonne de ce fichier ne contient de dates (colonnes\u00a0: client, montant)."
    )
    assert "une commande par ligne\u00a0: le client, la date de commande et le montant" in french
    assert english.startswith("No column of this file holds dates (columns: client, montant).")
    assert "one order per line: the customer, the order date and the amount" in english


def test_a_date_column_named_by_the_caller_is_read_even_without_a_date_in_it() -> None:
    found = read_orders(
        b"who;when;paid\nC1;soon;12,50\n",
        filename="odd.csv",
        mapping={"customer": "who", "date": "when", "amount": "paid"},
    )
    assert [bad.problem.value for bad in found.bad_lines] == ["bad_date"]  # its lines say what is wrong
