"""`jalon framing rfm` and `jalon framing synthetic-orders` from the outside (no database)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import time_machine
from typer.testing import CliRunner

from jalon.cli import app

CDNOW_SAMPLE = Path(__file__).parent.parent / "engines" / "fixtures" / "cdnow_first_400.txt"
ISSUE_FIELDS = {"name", "customers", "revenue_share", "recency_days", "orders_per_customer", "average_basket"}

runner = CliRunner()


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "en")


def framing(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["framing", *args])
    return result.exit_code, result.stdout, result.stderr


def test_rfm_json_on_cdnow_has_the_issue_fields_and_covers_every_customer() -> None:
    code, out, err = framing("rfm", str(CDNOW_SAMPLE), "--json")
    assert code == 0, err
    answer = json.loads(out)
    assert answer["customers"] == 400
    assert answer["as_of"] == "1998-07-01"
    assert 4 <= len(answer["segments"]) <= 6
    for segment in answer["segments"]:
        assert segment.keys() >= ISSUE_FIELDS
    assert sum(s["customers"] for s in answer["segments"]) == 400
    assert sum(s["revenue_share"] for s in answer["segments"]) == pytest.approx(1.0, abs=1e-3)
    assert sum(s["customers"] for s in answer["stages"]) == 400


def test_rfm_segments_option_and_as_of_are_applied() -> None:
    code, out, _ = framing("rfm", str(CDNOW_SAMPLE), "--segments", "6", "--as-of", "1998-12-31", "--json")
    assert code == 0
    answer = json.loads(out)
    assert len(answer["segments"]) == 6
    assert answer["as_of"] == "1998-12-31"
    assert min(s["recency_days"] for s in answer["segments"]) > 180  # no CDNOW order after June 1998


def test_rfm_names_segments_in_french_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "fr")
    code, out, _ = framing("rfm", str(CDNOW_SAMPLE), "--segments", "4", "--json")
    names = {s["key"]: s["name"] for s in json.loads(out)["segments"]}
    assert code == 0 and names["champions"] == "Champions"
    assert {"Clients fidèles", "En hibernation", "À surveiller", "Perdus", "En perte de vitesse"} & set(
        names.values()
    )


def test_rfm_table_lists_segments_and_lifecycle_stages() -> None:
    code, out, _ = framing("rfm", str(CDNOW_SAMPLE), "--segments", "4")
    assert code == 0
    assert "400 customers, recency counted to 1 July 1998." in out
    assert "Champions" in out and "Inactive customer" in out


def test_rfm_table_writes_shares_and_amounts_the_readers_way(monkeypatch: pytest.MonkeyPatch) -> None:
    _code, english, _err = framing("rfm", str(CDNOW_SAMPLE), "--segments", "4")
    monkeypatch.setenv("JALON_LANGUAGE", "fr")
    _code, french, _err = framing("rfm", str(CDNOW_SAMPLE), "--segments", "4")
    assert re.search(r"\d\.\d%", english) and "\u00a0%" not in english
    assert re.search(r"\d,\d\u00a0%", french) and not re.search(r"\d\.\d", french)


def test_rfm_asks_for_the_columns_when_headers_differ(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("who;when;how much\nann;05/01/2026;10,5\nbob;06/01/2026;3\n", encoding="utf-8")
    code, _, err = framing("rfm", str(path), "--json")
    assert code == 2
    assert "Columns: who, when, how much" in err and "--customer" in err
    code, out, _ = framing("rfm", str(path), "--customer", "who", "--date", "when", "--amount", "3", "--json")
    assert code == 0
    assert json.loads(out)["customers"] == 2


def test_rfm_lists_every_bad_line_and_computes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text(
        "client;date;montant\nC1;05/01/2026;10\nC2;bientôt;3\nC3;06/01/2026;-4\n", encoding="utf-8"
    )
    code, out, err = framing("rfm", str(path), "--json")
    assert code == 2 and out == ""
    assert "line 3, column date: bientôt is not a date" in err
    assert "line 4, column montant: -4 is negative" in err
    assert "2 bad lines in" in err


def test_rfm_refuses_bad_options_in_one_line() -> None:
    for args, message in (
        (("--segments", "9"), "--segments must be 4, 5 or 6."),
        (("--as-of", "31/12/1998"), "--as-of must be a date written YYYY-MM-DD"),
        (("--as-of", "1990-01-01"), "No order on or before 1 January 1990"),
    ):
        code, _, err = framing("rfm", str(CDNOW_SAMPLE), *args)
        assert code == 2 and message in err
    code, _, err = framing("rfm", "/nonexistent/orders.csv")
    assert code == 2 and "Cannot read" in err


def test_rfm_messages_are_french_by_default(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "fr")
    path = tmp_path / "orders.csv"
    path.write_text("client;date;montant\nC1;bientôt;10\n", encoding="utf-8")
    code, _, err = framing("rfm", str(path))
    assert code == 2
    assert "ligne 2, colonne date\u00a0: bientôt n’est pas une date" in err


def test_synthetic_orders_are_written_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "cloud-kicks.csv"
    code, _, _ = framing("synthetic-orders", "--customers", "200", "--seed", "3", "--output", str(path))
    assert code == 0
    assert path.read_text(encoding="utf-8").startswith("client;date;montant\n")
    code, out, _ = framing("rfm", str(path), "--json")
    assert code == 0 and json.loads(out)["customers"] == 200
    code, again, _ = framing("synthetic-orders", "--customers", "200", "--seed", "3", "--english")
    assert code == 0 and again.startswith("customer,date,amount\n")


def test_an_unreadable_orders_file_is_a_refusal_in_words_not_a_traceback(tmp_path: Path) -> None:
    """Run as people run it, without Django's settings: the message still names the limit with the
    command's digits (it once raised ImproperlyConfigured)."""
    path = tmp_path / "orders.csv"
    path.write_text('customer;date;amount\n1;"' + "x" * 200_000 + "\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"} | {"JALON_LANGUAGE": "fr"}
    done = subprocess.run(
        [str(Path(sys.executable).parent / "jalon"), "framing", "rfm", str(path)],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    message = "Une cellule dépasse 131\u202f072 caractères, ou un guillemet n’est pas fermé."
    assert done.stderr.strip() == message


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "This file is not a table"),
        (b"", "The file is empty."),
        (
            b"customer;amount;city\nC1;12.50;Paris\n",
            "No column of this file holds dates (columns: customer, amount",
        ),
    ],
)
def test_rfm_refuses_a_file_that_cannot_be_orders_without_asking_for_columns(
    tmp_path: Path, data: bytes, words: str
) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(data)
    code, out, err = framing("rfm", str(path))
    assert code == 2 and out == "" and words in err
    assert "one order per line" in err and "--customer" not in err


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "This is an old Excel workbook (.xls), which Jalon does not read: open it in Excel or "
         "LibreOffice, save it as XLSX or CSV, and import that file."),
        ("fr", "Ce fichier est un ancien classeur Excel (.xls), que Jalon ne lit pas\u00a0: ouvrez-le "
         "dans Excel ou LibreOffice, enregistrez-le au format XLSX ou CSV, puis importez ce fichier."),
    ],
)  # fmt: skip
def test_rfm_tells_to_save_an_old_excel_workbook_as_xlsx_or_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, words: str
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", language)
    path = tmp_path / "ventes.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    code, out, err = framing("rfm", str(path))
    assert (code, out) == (2, "") and words in err


@pytest.mark.usefixtures("server_in_utc")
def test_rfm_of_a_file_without_orders_counts_to_the_paris_day(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("client;date;montant\n", encoding="utf-8")
    # 23:30 UTC on 31 December 2026 is 00:30 on 1 January 2027 in Paris (winter time, UTC+1).
    with time_machine.travel("2026-12-31 23:30Z", tick=False):
        code, _, err = framing("rfm", str(path))
    assert code == 2 and "No order on or before 1 January 2027" in err
