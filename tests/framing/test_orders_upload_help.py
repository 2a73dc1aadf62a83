"""The personas page's orders upload says what the reader accepts: every format its help names is read (one
small file of each), and the help names them and the three columns in French and in English."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.test import Client
from django.utils import translation
from openpyxl import Workbook

from jalon.documents.orders_file import read_orders
from jalon.engines.rfm import from_day_number
from jalon.framing.forms import OrdersUploadForm

BASE = "/w/cloud-kicks/r/cloud-kicks/framing/personas/"
ORDERS = [("C1", date(1998, 6, 1), 12.5), ("C2", date(1998, 6, 15), 30.0), ("C1", date(1998, 6, 29), 7.25)]


def text_file(separator: str) -> bytes:
    lines = [separator.join(("customer", "date", "amount"))]
    lines += [separator.join((who, day.isoformat(), f"{amount:.2f}")) for who, day, amount in ORDERS]
    return ("\n".join(lines) + "\n").encode()


def space_aligned() -> bytes:
    """Columns aligned with spaces, as the CDNOW file writes them (a fourth column the reader ignores)."""
    lines = [" customer_id  date number_of_cds  dollar_value"]
    lines += [f" {who:>5} {day:%Y%m%d}  1   {amount:5.2f}" for who, day, amount in ORDERS]
    return ("\r\n".join(lines) + "\r\n").encode()


def workbook() -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["client", "date de commande", "montant"])
    for who, day, amount in ORDERS:
        sheet.append([who, day, amount])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


FILES = {
    "comma": ("orders.csv", text_file(",")),
    "semicolon": ("commandes.csv", text_file(";")),
    "tab": ("orders.tsv", text_file("\t")),
    "spaces": ("orders.txt", space_aligned()),
    "xlsx": ("orders.xlsx", workbook()),
}


@pytest.mark.parametrize("kind", list(FILES))
def test_every_format_the_upload_help_names_is_read(kind: str) -> None:
    name, data = FILES[kind]
    found = read_orders(data, filename=name)
    assert found.bad_lines == ()
    orders = found.orders
    read = sorted(
        (orders.customer_ids[c].strip(), from_day_number(d), round(a, 2))
        for c, d, a in zip(orders.customer.tolist(), orders.day.tolist(), orders.amount.tolist(), strict=True)
    )
    assert read == sorted(ORDERS)


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", ("commas", "semicolons", "tabs", "aligned by spaces", "XLSX", "customer id", "order date",
                "amount")),
        ("fr", ("virgules", "points-virgules", "tabulations", "alignées par des espaces", "XLSX",
                "identifiant client", "date de commande", "montant")),
    ],
)  # fmt: skip
def test_the_upload_help_names_the_formats_and_the_columns_in_the_page_language(
    client: Client, members, language: str, words: tuple[str, ...]
) -> None:
    with translation.override(language):
        help_text = str(OrdersUploadForm().fields["file"].help_text)
    for word in words:
        assert word in help_text, word
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = language
    page = client.get(BASE).content.decode()
    assert 'id="id_file_helptext"' in page
    assert "CSV or XLSX" not in page and "CSV ou XLSX" not in page
