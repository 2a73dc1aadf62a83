"""`jalon smart …` on the command line: table, JSON, batch and bad input (no database)."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jalon.cli import app
from tests.hang import HANG_SECONDS

runner = CliRunner()
OBJECTIVE = (
    "Faire passer le taux d'opt-in push de 41 % à 55 % d'ici le 31 août 2026, pour relancer les achats."
)


def smart(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["smart", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_output_is_one_object_with_the_issue_fields() -> None:
    code, out, _ = smart(
        OBJECTIVE, "--lang", "fr", "--today", "2026-02-09", "--fiscal-year-start", "1", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["deadline"] == "2026-08-31"
    assert data["deadline_rule"] == "date"
    assert data["target"] == {"value": 55, "unit": "%", "direction": "increase", "relative": False}
    assert data["specific"]["ok"] is True and data["relevant"]["ok"] is True
    assert data["achievable"]["ok"] is None


def test_baseline_option_feeds_the_achievable_evidence() -> None:
    code, out, _ = smart(
        "Atteindre 5 000 inscrits d'ici le 31 décembre 2026.",
        "--today",
        "2026-03-10",
        "--baseline",
        "2000",
        "--json",
    )
    assert code == 0
    assert json.loads(out)["evidence"]["baseline"] == 2000


def test_table_output_shows_the_deadline_and_the_suggestion(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "en")
    code, out, _ = smart(
        "Be better on social.", "--lang", "en", "--today", "2026-02-09", "--fiscal-year-start", "2"
    )
    assert code == 0
    assert "31 January 2027" in out  # the suggested fiscal-year-end deadline
    assert "✗" in out


def test_batch_writes_one_json_line_per_row_with_its_id(tmp_path: Path) -> None:
    rows = [
        {"id": "a", "lang": "en", "text": "Reach 500 demo requests by June 2027.", "today": "2026-05-01"},
        {
            "id": "b",
            "lang": "fr",
            "text": "Être plus créatifs.",
            "today": "2026-05-01",
            "fiscal_year_start": 4,
        },
    ]
    path = tmp_path / "objectives.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    code, out, _ = smart("--batch", str(path), "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["a", "b"]
    assert lines[0]["deadline"] == "2027-06-30"
    assert lines[1]["specific"]["ok"] is False


@pytest.mark.parametrize(
    "args",
    [
        ["Grow sales.", "--today", "2026-02-30"],
        ["Grow sales.", "--lang", "de"],
        ["Grow sales.", "--fiscal-year-start", "13"],
        [],
    ],
)
def test_bad_input_is_one_line_and_exit_code_2(args: list[str]) -> None:
    code, _, err = smart(*args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1


def test_a_bad_batch_line_is_reported_with_its_number(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"id": "a", "text": "ok", "today": "2026-01-01"}\nnot json\n', encoding="utf-8")
    code, _, err = smart("--batch", str(path), "--json")
    assert code == 2
    assert re.search(r"\b2\b", err), err  # the line number, in either language


def test_a_batch_file_that_is_not_utf8_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "latin1.jsonl"
    path.write_bytes('{"id": "a", "text": "Augmenter la notoriété"}\n'.encode("latin-1"))
    code, out, err = smart("--batch", str(path), "--json")
    assert code == 2 and out == ""
    assert str(path) in err and len(err.strip().splitlines()) == 1


def test_a_batch_file_may_start_with_a_byte_order_mark(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_text('{"id": "a", "text": "Augmenter la notoriété"}\n', encoding="utf-8-sig")
    code, out, _ = smart("--batch", str(path), "--json")
    assert code == 0 and json.loads(out)["id"] == "a"


def test_lang_is_the_readers_language_and_the_table_names_the_deadline_in_words(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "en")
    code, out, _ = smart(
        "Rédiger et diffuser la charte d'ici juillet 2027.", "--lang", "en", "--today", "2027-02-01"
    )
    assert code == 0
    assert "end of July 2027 (month end)" in out
    assert "month_end" not in out
    code, out, _ = smart(OBJECTIVE, "--lang", "en", "--today", "2026-02-09", "--json")
    data = json.loads(out)
    assert data["language"] == "fr"
    assert data["specific"]["reason"].startswith("Names what changes")
    assert data["deadline_label"] == "31 August 2026 (fixed date)"


def test_batch_rows_are_read_in_their_language_and_explained_in_the_readers(tmp_path: Path) -> None:
    batch = tmp_path / "rows.jsonl"
    row = {"id": "x1", "lang": "en", "text": "Grow MQLs by 20% by Q3 2026.", "today": "2026-03-04"}
    batch.write_text(json.dumps(row) + "\n", encoding="utf-8")
    code, out, _ = smart("--batch", str(batch), "--lang", "fr")
    assert code == 0
    data = json.loads(out)
    assert data["id"] == "x1" and data["deadline"] == "2026-09-30"
    assert data["specific"]["reason"].startswith("Nomme ce qui change")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "The objective is 200,000 characters long; keep it to 2,000."),
        ("fr", "L’objectif fait 200\u202f000 caractères\u00a0; limitez-le à 2\u202f000."),
    ],
)
def test_an_objective_longer_than_2000_characters_is_refused_at_once(
    monkeypatch: pytest.MonkeyPatch, language: str, expected: str
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", language)
    clock = time.perf_counter()
    code, out, err = smart(("a" + " " * 9) * 20_000, "--json")
    assert time.perf_counter() - clock < HANG_SECONDS
    assert (code, out, err.strip()) == (2, "", expected)
    assert smart(OBJECTIVE.ljust(2_000, "."), "--json")[0] == 0  # 2,000 characters are judged


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "Batch line 2: the objective is 2,001 characters long; keep it to 2,000."),
        ("fr", "Ligne 2 du lot\u00a0: l’objectif fait 2\u202f001 caractères\u00a0; limitez-le à 2\u202f000."),
    ],
)
def test_a_batch_row_longer_than_2000_characters_is_refused_with_its_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, expected: str
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", language)
    path = tmp_path / "long.jsonl"
    rows = [{"id": "a", "text": OBJECTIVE}, {"id": "b", "text": "x" * 2_001}]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    code, out, err = smart("--batch", str(path))
    assert (code, out, err.strip()) == (2, "", expected)
