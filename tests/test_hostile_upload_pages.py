"""Hostile files on every upload page (the roadmap file, the backlog CSV, a KPI's measurements file and
source, the framing's orders file and prototypes): each refuses bombs, old or disguised workbooks, files
over its limit and hostile file names in a small page, in words, and keeps nothing; and the KPI sources'
DuckDB reads the clean CSV Jalon writes, guessing nothing about it (a row starting with "#", a far-future
date cell, rows differing late, French numbers). The readers' own refusals are in test_hostile_uploads.py;
figures are in bench/hostile_uploads.py."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from jalon.errors import ValidationFailed
from jalon.framing.models import Framing, Persona, Prototype
from jalon.planning.models import Activity
from jalon.strategy.kpis.sources import SourceError, run_query
from jalon.strategy.kpis.table import read_file
from jalon.strategy.models import KPISource, Measurement, Roadmap
from tests.documents.roadmap_files import base_document
from tests.documents.workbooks import workbook
from tests.hostile_files import (
    LAUGHS,
    READERS,
    dated_cell_workbook,
    kpi_message,
    sheet,
    source_message,
    text_row,
)

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"

# Upload pages ------------------------------------------------------------------------------------------

PAGES: dict[str, tuple[str, dict[str, str], int]] = {
    # page: (address, the form's other fields, the largest file it takes in MB)
    "roadmap-file": ("/w/cloud-kicks/import/", {}, 5),
    "backlog-csv": (ROADMAP + "backlog/import/", {"create_people": "on"}, 5),
    "kpi-file": (ROADMAP + "kpis/taux-conversion/import/", {}, 10),
    "kpi-source": (ROADMAP + "kpis/taux-conversion/source/", {"query": "select * from data"}, 50),
    "orders": (ROADMAP + "framing/personas/", {"op": "upload"}, 50),
    "prototype": (ROADMAP + "framing/prototypes/", {"op": "prototype", "title": "P", "status": "draft"}, 10),
}
HOSTILE_FILES = {
    "bombe.xlsx": sheet(text_row(1, "&l9;"), LAUGHS),
    "entite.xlsx": sheet(text_row(1, "&xxe;"), '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'),
    "ancien.xlsx": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000),
    "image.xlsx": b"\x89PNG\r\n\x1a\n" + bytes(4000),
    "vide.csv": b"",
    "nul.csv": b"key,title\nx,Ti\x00tre\n",
    "nul.json": json.dumps(base_document()).replace("Plan 2027", "Plan\\u00002027").encode(),
    "dates.csv": b"date;valeur\n30/02/2026;1e400\n",
}


def saved() -> dict[str, Any]:
    """What an upload could have written."""
    return {
        "roadmaps": Roadmap.objects.count(),
        "activities": Activity.objects.count(),
        "measurements": Measurement.objects.count(),
        "sources": KPISource.objects.count(),
        "personas": Persona.objects.count(),
        "orders": list(Framing.objects.exclude(orders_file="").values_list("orders_file", flat=True)),
        "prototypes": Prototype.objects.count(),
    }


@pytest.fixture
def editor(client: Client, members: dict[str, Any], settings: Any, tmp_path: Path) -> Client:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    client.force_login(members["editor"])
    return client


@pytest.mark.parametrize("page", list(PAGES))
def test_every_upload_page_refuses_hostile_files_in_a_small_page_and_keeps_nothing(
    editor: Client, page: str, tmp_path: Path
) -> None:
    url, fields, _limit = PAGES[page]
    before = saved()
    for name, data in HOSTILE_FILES.items():
        response = editor.post(url, {**fields, "file": SimpleUploadedFile(name, data)})
        body = response.content.decode()
        assert response.status_code == 422, name
        assert len(body) < 100_000 and "Traceback" not in body and str(tmp_path) not in body, name
        assert "root:" not in body, name
    assert saved() == before


@pytest.mark.parametrize("page", list(PAGES))
def test_every_upload_page_refuses_a_file_over_its_limit_in_words_and_keeps_nothing(
    editor: Client, page: str
) -> None:
    url, fields, limit = PAGES[page]
    before = saved()
    data = b"\x89PNG\r\n\x1a\n" + b"5" * (limit * 1024 * 1024 - 7)  # one byte over
    response = editor.post(url, {**fields, "file": SimpleUploadedFile("grand.xlsx", data)})
    assert response.status_code == 422
    assert f"Le fichier dépasse {limit} Mo." in response.content.decode().replace("\u00a0", " ")
    assert saved() == before


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("fr", "Ce que vous avez envoyé dépasse 2,5\u00a0Mo, le plus qu’un formulaire accepte"),
        ("en", "What you sent is larger than 2.5 MB, the most a form takes"),
    ],
)
def test_a_paste_larger_than_a_form_takes_is_refused_in_words(
    client: Client, members: dict[str, Any], language: str, message: str
) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = language
    before = Measurement.objects.count()
    pasted = "05/01/2026\t1\n" * 250_000
    response = client.post(
        ROADMAP + "kpis/taux-conversion/paste/", {"table": pasted}, HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Measurement.objects.count() == before


HOSTILE_NAME = "..\\..\\etc\\\u202e<b>" + "x" * 300 + ".csv"  # a folder, a right-to-left override, markup


def test_hostile_file_names_are_kept_as_short_plain_labels(editor: Client) -> None:
    from jalon.demo.orders import synthetic_orders
    from jalon.documents.orders_file import orders_csv

    measurements = b"date;valeur\n05/01/2026;1\n"
    orders = orders_csv(synthetic_orders(customers=200, seed=3)).encode()
    sent = {
        "kpi-file": measurements,
        "kpi-source": b"date,valeur\n2026-01-05,1\n",
        "orders": orders,
    }
    for page, data in sent.items():
        url, fields, _limit = PAGES[page]
        response = editor.post(url, {**fields, "file": SimpleUploadedFile(HOSTILE_NAME, data)})
        assert response.status_code == 302, page
    labels = [
        Measurement.objects.get(kpi__key="taux-conversion", date=date(2026, 1, 5)).source,
        KPISource.objects.get().file_name,
        Framing.objects.get().orders_file,
    ]
    for label in labels:
        assert len(label) == 200 and label.startswith("<b>xxx") and label.endswith("xxx.csv")


def test_a_prototype_whose_name_keeps_nothing_downloads_under_a_name_of_ours(editor: Client) -> None:
    from tests.framing.prototypes import png

    url, fields, _limit = PAGES["prototype"]
    for name in ("★", HOSTILE_NAME.replace(".csv", ".png")):
        response = editor.post(url, {**fields, "file": SimpleUploadedFile(name, png())})
        assert response.status_code == 302, name
    first, second = Prototype.objects.order_by("pk").values_list("file_name", flat=True)
    assert first == "prototype.png"
    assert second.startswith("bxxx") and second.endswith("xxx.png") and len(second) <= 200


def test_a_workbook_saved_under_a_csv_name_is_read_as_a_workbook(tmp_path: Path) -> None:
    data = workbook([["date", "valeur"], [date(2026, 1, 5), 3]])
    path = tmp_path / "mesures.csv"
    path.write_bytes(data)
    with translation.override("fr"):
        assert read_file("mesures.csv", data) == [(date(2026, 1, 5), 3.0)]
        assert run_query(path, "select * from data") == [(date(2026, 1, 5), 3.0)]


def test_an_image_named_csv_is_one_problem_not_one_per_line() -> None:
    with translation.override("en"):
        message = kpi_message("mesures.csv", b"\x89PNG\r\n\x1a\n" + bytes(4000))
    assert message == "This file is not a table (an image, a PDF or another binary file?)."


def test_an_image_sent_to_the_backlog_import_says_what_it_is(editor: Client) -> None:
    content = b"\x89PNG\r\n\x1a\n" + bytes(4000)
    message = "Ce fichier n’est pas un tableau (une image, un PDF"
    url, fields, _limit = PAGES["backlog-csv"]
    response = editor.post(url, {**fields, "file": SimpleUploadedFile("backlog.csv", content)})
    assert response.status_code == 422
    assert message in response.content.decode()


@pytest.mark.parametrize("reader", ["orders", "kpi-source"])
def test_an_orders_or_source_sheet_past_its_row_limit_is_refused_with_the_advice_to_save_it_as_csv(
    tmp_path: Path, reader: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a sheet of 1,048,576 orders took 85 s to read in the page's request: past 200,000 rows, CSV is asked
    monkeypatch.setattr("jalon.documents.orders_file.LONG_SHEET_ROWS", 3)
    monkeypatch.setattr("jalon.strategy.kpis.sources.MAX_SHEET_ROWS", 3)
    rows: list[list[object]] = [["client", "date", "montant"]]
    rows += [[f"c{n}", date(2026, 1, 5), 10] for n in range(4)]
    with translation.override("fr"):
        message = READERS[reader](tmp_path, "commandes.xlsx", workbook(rows))
    assert message == (
        "La première feuille a plus de 3 lignes\u00a0: enregistrez-la au format CSV, que Jalon lit bien "
        "plus vite, et importez ce fichier."
    )


def test_a_parquet_source_expanding_to_gigabytes_is_stopped_in_words(tmp_path: Path, settings: Any) -> None:
    import duckdb

    bomb = tmp_path / "bombe.parquet"  # 5,000 rows of the same 100 kB text: a few kB, 500 MB once read
    statement = (
        "COPY (SELECT repeat('a', 100000) AS d, i AS v FROM range(5000) t(i)) TO '{}' (FORMAT parquet)"
    )
    duckdb.connect().execute(statement.format(bomb))
    assert bomb.stat().st_size < 100_000
    settings.JALON_SOURCE_SECONDS = 0.05
    with translation.override("fr"), pytest.raises(SourceError) as refused:
        run_query(bomb, "select * from data")
    assert str(refused.value).startswith(
        "La lecture du fichier a duré plus de 0,05\u00a0secondes et a été arrêtée"
    )


def test_a_query_joining_the_table_to_itself_without_end_is_stopped_in_words(
    tmp_path: Path, settings: Any
) -> None:
    path = tmp_path / "mesures.csv"
    path.write_text("date;valeur\n" + "".join(f"{1 + n % 28:02d}/01/2026;{n}\n" for n in range(100)))
    settings.JALON_SOURCE_SECONDS = 0.2
    query = "select current_date, count(*) from data a, data b, data c, data d, data e"
    with translation.override("en"), pytest.raises(SourceError) as refused:
        run_query(path, query)
    assert str(refused.value) == (
        "The query ran more than 0.2 seconds and was stopped: filter the table first (WHERE), or join it to "
        "itself less."
    )


def test_an_orders_file_of_50000_columns_offers_its_first_256_in_a_short_message() -> None:
    from django.utils.translation import gettext

    from jalon.documents.orders_file import MappingNeeded, describe_error, read_orders

    header = ";".join(f"colonne{n}" + "x" * 60 for n in range(50_000))  # a 17 MB page of choices, before
    data = f"{header}\n05/01/2026;{';'.join(['1'] * 49_999)}\n".encode()
    with translation.override("en"), pytest.raises(MappingNeeded) as asked:
        read_orders(data, filename="commandes.csv")
    assert len(asked.value.columns) == 256
    with translation.override("en"):
        assert len(describe_error(asked.value, gettext)) < 2_200  # 30 names of at most 60 characters


def test_a_source_of_1000_columns_names_at_most_30_of_them_in_its_message(tmp_path: Path) -> None:
    path = tmp_path / "large.csv"
    header = ";".join(f"colonne{n}" for n in range(1_000))
    path.write_text(f"{header}\n05/01/2026;{';'.join(['1'] * 999)}\n")
    with translation.override("en"), pytest.raises(SourceError) as refused:
        run_query(path, "select nope, 1 from data")
    message = str(refused.value)
    assert message.startswith("The table has no column “nope”. Its columns: colonne0, colonne1, ")
    assert message.endswith("colonne29, ….") and len(message) < 500


# KPI sources: DuckDB reads the clean CSV Jalon writes, and guesses nothing about it ---------------------


@pytest.mark.parametrize(
    "data",
    [
        b"date;valeur\n05/01/2026;1\n#N/A;2\n07/01/2026;3\n",  # Excel's error shown where a date failed
        workbook([["date", "valeur"], [date(2026, 1, 5), 1], ["#VALUE!", 2], [date(2026, 1, 7), 3]]),
    ],
    ids=["csv", "xlsx"],
)
def test_a_source_row_starting_with_a_hash_is_refused_at_its_row_not_dropped_as_a_comment(
    tmp_path: Path, data: bytes
) -> None:
    # DuckDB's sniffer took "#" for a comment mark and left the row out: two measurements were kept of three
    path = tmp_path / ("mesures.xlsx" if data[:2] == b"PK" else "mesures.csv")
    path.write_bytes(data)
    with translation.override("en"), pytest.raises(SourceError) as refused:
        run_query(path, "select * from data")
    assert str(refused.value) == "Row 2: the first column is not a date between 1900 and 2200."


def test_a_far_future_date_cell_in_a_source_workbook_is_refused_not_dropped(tmp_path: Path) -> None:
    # serial 2958466 is past 9999-12-31: openpyxl reads the cell as "#VALUE!", which DuckDB took for a comment
    path = tmp_path / "mesures.xlsx"
    path.write_bytes(dated_cell_workbook(2_958_466))
    with translation.override("fr"), pytest.raises(SourceError) as refused:
        run_query(path, "select * from data")
    assert str(refused.value) == ("Ligne 2\u00a0: la première colonne n’est pas une date entre 1900 et 2200.")


def test_a_source_whose_late_rows_differ_from_the_first_ones_is_read_whole(tmp_path: Path) -> None:
    # DuckDB typed the columns and found the quoting on the first 20,480 rows: a quoted comma or a text in a
    # number column past them made "The file could not be read"
    lines = "".join(f"{1 + n % 28:02d}/01/2026;{n};x\n" for n in range(25_000))
    path = tmp_path / "mesures.csv"
    path.write_text(f"date;valeur;note\n{lines}05/02/2026;7,5;a, b\n06/02/2026;n/a;y\n")
    query = "select date, valeur from data where note <> 'x'"
    with translation.override("en"), pytest.raises(SourceError) as refused:
        run_query(path, query)
    assert str(refused.value) == "Row 2: the second column, “n/a”, is not a number."
    path.write_text(f"date;valeur;note\n{lines}05/02/2026;7,5;a, b\n")
    with translation.override("en"):
        assert run_query(path, query) == [(date(2026, 2, 5), 7.5)]


def test_a_source_of_french_numbers_is_read_as_the_measurements_import_reads_them(tmp_path: Path) -> None:
    # DuckDB reads "1 000 000,5" as a text: the source answered "Row 1: the second column is not a number"
    path = tmp_path / "mesures.csv"
    path.write_bytes(
        "date;valeur\n05/01/2026;1\u202f000\u202f000,5\n06/01/2026;12,25\n".encode(
            "cp1252", "replace"
        ).replace(b"?", b" ")
    )
    with translation.override("en"):
        assert run_query(path, "select * from data") == [
            (date(2026, 1, 5), 1_000_000.5),
            (date(2026, 1, 6), 12.25),
        ]


@pytest.mark.parametrize(
    ("data", "said"),
    [
        (b"GIF89a" + bytes(4000), "This file is not a table (an image, a PDF or another binary file?)."),
        (  # text, in an encoding not read: said so, not "not a table"
            "date;valeur\n05/01/2026;1\n".encode("utf-16-le"),
            "The file’s text encoding could not be read (UTF-16 without its byte-order mark?): save it as "
            "UTF-8, in Excel as “CSV UTF-8”, and use that file.",
        ),
    ],
    ids=["gif", "utf-16-without-its-mark"],
)
def test_an_image_or_a_binary_file_named_csv_is_not_a_table_for_a_source_as_for_an_import(
    tmp_path: Path, data: bytes, said: str
) -> None:
    # the source answered "The query must return two columns" or "Row 1: the first column is not a date"
    with translation.override("en"):
        assert source_message(tmp_path, "mesures.csv", data) == kpi_message("mesures.csv", data)
        assert kpi_message("mesures.csv", data) == said


# Prototype images ----------------------------------------------------------------------------------------


def cut_png() -> bytes:
    """A 300 × 300 PNG whose last tenth is missing (an upload cut short)."""
    from PIL import Image

    out = io.BytesIO()
    Image.effect_noise((300, 300), 64).save(out, format="PNG")
    data = out.getvalue()
    return data[: len(data) * 9 // 10]


def test_a_truncated_png_is_refused_even_once_a_pdf_report_was_drawn_in_the_process() -> None:
    # importing WeasyPrint set Pillow's LOAD_TRUNCATED_IMAGES for the whole process: after the first PDF
    # report, a prototype cut short was kept as an image with a grey end
    from jalon.framing.prototypes import thumbnail
    from jalon.reports import pdf  # noqa: F401  (WeasyPrint, as a PDF report imports it)

    for language, message in (("fr", "L’image est illisible."), ("en", "The image cannot be read.")):
        with translation.override(language), pytest.raises(ValidationFailed) as refused:
            thumbnail(cut_png(), "image/png")
        assert refused.value.errors["file"] == [message]


def test_a_source_100000_columns_wide_is_read_as_its_first_256_as_a_workbook_is(tmp_path: Path) -> None:
    # a 600 kB file whose 100,000 columns filled DuckDB's 512 MB: "The file could not be read"
    path = tmp_path / "large.csv"
    others = range(2, 100_000)
    path.write_text(
        "date;valeur;" + ";".join(f"c{n}" for n in others) + "\n05/01/2026;1;" + ";".join("1" for _ in others)
    )
    with translation.override("en"):
        assert run_query(path, "select date, valeur from data") == [(date(2026, 1, 5), 1.0)]
        with pytest.raises(SourceError) as refused:
            run_query(path, "select date, c256 from data")
    assert str(refused.value).startswith("The table has no column “c256”. Its columns: date, valeur, c2, ")


@pytest.mark.parametrize(
    ("language", "words"), [("fr", "un nombre trop grand du fichier"), ("en", "a number too large")]
)
def test_a_source_value_too_large_to_be_finite_is_not_blamed_on_a_division_alone(
    tmp_path: Path, language: str, words: str
) -> None:
    # 1e309 in the file is read by DuckDB as infinity: the message spoke only of a division by zero
    with translation.override(language):
        message = source_message(tmp_path, "mesures.csv", b"date,valeur\n2026-01-05,1e309\n")
    assert words in message
