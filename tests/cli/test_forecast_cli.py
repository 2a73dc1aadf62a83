"""`jalon forecast …` on the command line: text, JSON, batch and bad input (no database)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jalon.cli import app

runner = CliRunner()
MONTHS = [f"2025-{m:02d}-28" for m in range(1, 13)]


def run(*args: str, language: str = "en") -> tuple[int, str, str]:
    result = runner.invoke(app, ["forecast", *args], env={"JALON_LANGUAGE": language})
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def kpi_csv(tmp_path: Path) -> Path:
    path = tmp_path / "kpi.csv"
    rows = [f"{day},{1000 + 25 * k + (10 if k % 2 else -10)}" for k, day in enumerate(MONTHS)]
    path.write_text("date,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_text_output_gives_projection_interval_probability_and_method(kpi_csv: Path) -> None:
    code, out, _ = run(str(kpi_csv), "--target", "1400", "--deadline", "2026-06-30")
    assert code == 0
    assert "Projection on 30 June 2026:" in out and "(80% interval: " in out
    assert "Probability of reaching the target (≥ 1,400):" in out
    assert "Method: average of simple exponential smoothing" in out
    assert "Upward trend" in out


def test_french_output_uses_french_words_and_numbers(kpi_csv: Path) -> None:
    code, out, _ = run(str(kpi_csv), "--target", "1400", "--deadline", "2026-06-30", language="fr")
    assert code == 0
    assert "Probabilité d’atteindre la cible (≥ 1\u202f400)" in out
    assert "Tendance à la hausse" in out and "Method" not in out


def test_french_percentages_keep_a_no_break_space_and_english_ones_none(kpi_csv: Path) -> None:
    args = (str(kpi_csv), "--target", "1400", "--deadline", "2026-06-30")
    _code, french, _err = run(*args, language="fr")
    assert "(intervalle à 80\u00a0%\u00a0:" in french and " %" not in french
    _code, english, _err = run(*args)
    assert "(80% interval:" in english and " %" not in english


@pytest.mark.parametrize(
    ("encoding", "header"),
    [
        ("cp1252", "Date;Chiffre d'affaires (€)"),
        ("utf-16", "Date\tCA réalisé (€)"),
        ("utf-8-sig", "Date;Réalisé"),
    ],
)
def test_a_csv_from_windows_excel_is_read_like_every_other_import(
    tmp_path: Path, encoding: str, header: str
) -> None:
    separator = "\t" if "\t" in header else ";"
    rows = [f"{day[8:]}/{day[5:7]}/{day[:4]}{separator}{1000 + 25 * k},50" for k, day in enumerate(MONTHS)]
    path = tmp_path / "ventes.csv"
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode(encoding))
    code, out, err = run(str(path), "--target", "1400", "--deadline", "2026-06-30", "--json")
    assert code == 0 and err == ""
    assert json.loads(out)["points"] == 12


def test_one_bad_line_is_named_in_the_singular_in_french_and_in_english(tmp_path: Path) -> None:
    path = tmp_path / "kpi.csv"
    path.write_text("date,value\n2026-01-31,1\nhier,2\n", encoding="utf-8")
    args = (str(path), "--target", "5", "--deadline", "2027-01-01")
    assert "line 3 needs a date" in run(*args)[2]
    french = run(*args, language="fr")[2]
    assert "la ligne 3 doit contenir une date" in french and "les lignes" not in french
    path.write_text("date,value\n2026-01-31,x\nhier,2\n", encoding="utf-8")
    assert "les lignes 2, 3 doivent contenir une date" in run(*args, language="fr")[2]


def test_json_output_is_the_engine_result_and_decrease_is_the_complement(kpi_csv: Path) -> None:
    up = run(str(kpi_csv), "--target", "1400", "--deadline", "2026-06-30", "--json")
    down = run(
        str(kpi_csv), "--target", "1400", "--deadline", "2026-06-30", "--direction", "decrease", "--json"
    )
    assert up[0] == down[0] == 0
    first, second = json.loads(up[1]), json.loads(down[1])
    assert first["status"] == "forecast" and first["method"]["step"] == "month"
    assert first["low"] <= first["projection"] <= first["high"]
    assert first["probability"] + second["probability"] == pytest.approx(1.0)


def test_batch_writes_one_line_per_series_in_the_issue_shape(tmp_path: Path) -> None:
    batch = tmp_path / "series.jsonl"
    rows = [
        {"id": "s1", "values": [10 + k for k in range(20)], "season_length": 4, "horizon": 5, "level": 80,
         "targets": [25, 30, 40], "direction": "increase"},
        {"id": "s2", "values": [50 - k for k in range(12)], "season_length": 1, "horizon": 3, "level": 90,
         "targets": [40], "direction": "decrease"},
    ]  # fmt: skip
    batch.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    code, out, _ = run("--batch", str(batch), "--json")
    assert code == 0
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["id"] for line in lines] == ["s1", "s2"]
    assert set(lines[0]) == {"id", "mean", "low", "high", "probability"}
    assert len(lines[0]["mean"]) == len(lines[0]["low"]) == len(lines[0]["high"]) == 5
    assert lines[0]["probability"] == sorted(lines[0]["probability"], reverse=True)
    assert len(lines[1]["probability"]) == 1 and lines[1]["probability"][0] > 0.5


def test_too_few_measurements_say_so_and_give_the_pace_required(tmp_path: Path) -> None:
    path = tmp_path / "few.csv"
    path.write_text("2026-01-31;40\n2026-02-28;41,5\n2026-03-31;43\n", encoding="utf-8")
    code, out, _ = run(str(path), "--target", "50", "--deadline", "2026-09-30")
    assert code == 0
    assert "Not enough data: 3 measurements, at least 5 are needed" in out
    assert "needs 1.16 a month from 43" in out and "So far it moved" in out


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        (
            "2026-01-31,1\nhello,2\n2026-03-31,x\n",
            ("--target", "5", "--deadline", "2027-01-01"),
            "lines 2, 3",
        ),
        ("2026-01-31,1\n", ("--target", "5", "--deadline", "2025-01-01"), "after the last measurement"),
        (
            "2026-01-31,1\n",
            ("--target", "5", "--deadline", "soon"),
            "--deadline must be a date written YYYY-MM-DD",
        ),
        ("2026-01-31,1\n", ("--target", "5", "--deadline", "2027-01-01", "--direction", "up"), "direction"),
        ("2026-01-31,1\n2026-01-31,2\n", ("--target", "5", "--deadline", "2027-01-01"), "same date"),
    ],
)
def test_bad_input_is_one_clear_line_and_exit_code_two(
    tmp_path: Path, content: str, args: tuple[str, ...], message: str
) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(content, encoding="utf-8")
    code, out, err = run(str(path), *args)
    assert code == 2 and out == ""
    assert message in err and len(err.strip().splitlines()) == 1


def test_a_bad_batch_line_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    batch = tmp_path / "series.jsonl"
    good = {"id": "ok", "values": [1, 2, 3, 4, 5, 6], "season_length": 1, "horizon": 2, "targets": [5]}
    batch.write_text(
        json.dumps(good) + "\n" + json.dumps({"id": "x", "values": [1, 2]}) + "\n", encoding="utf-8"
    )
    code, out, err = run("--batch", str(batch), "--json")
    assert code == 2 and out == ""
    assert "Batch line 2" in err


def test_a_batch_line_that_is_not_json_is_named_as_such(tmp_path: Path) -> None:
    batch = tmp_path / "series.jsonl"
    batch.write_text("\n{not json\n", encoding="utf-8")
    code, out, err = run("--batch", str(batch), "--json")
    assert code == 2 and out == ""
    assert "Batch line 2: not valid JSON." in err


def test_a_cell_longer_than_the_csv_limit_is_a_refusal_in_the_commands_language(tmp_path: Path) -> None:
    path = tmp_path / "kpi.csv"
    path.write_text("date,value\n2026-01-01," + "1" * 200_000 + "\n", encoding="utf-8")
    code, _, err = run(str(path), "--target", "10", "--deadline", "2027-01-01", language="fr")
    assert code == 2
    assert (
        err.strip()
        == f"{path}\u00a0: une cellule dépasse 131\u202f072 caractères, ou un guillemet n’est pas fermé."
    )


def test_a_batch_line_nested_thousands_deep_is_a_refusal_not_a_traceback(tmp_path: Path) -> None:
    batch = tmp_path / "series.jsonl"
    batch.write_text("[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    code, _, err = run("--batch", str(batch), "--json", language="fr")
    assert code == 2
    assert err.strip() == "Ligne 1 du lot\u00a0: JSON invalide."


def test_a_json_problem_nested_thousands_deep_is_a_refusal_not_a_traceback(tmp_path: Path) -> None:
    problem = tmp_path / "problem.json"
    problem.write_text('{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    result = runner.invoke(app, ["portfolio", "solve", str(problem)], env={"JALON_LANGUAGE": "fr"})
    assert result.exit_code == 2
    assert result.stderr.strip() == f"{problem} est imbriqué trop profondément pour être lu comme du JSON."


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "This is an old Excel workbook (.xls), which Jalon does not read"),
        ("fr", "Ce fichier est un ancien classeur Excel (.xls), que Jalon ne lit pas"),
    ],
)
def test_an_old_excel_workbook_is_refused_with_what_to_do(tmp_path: Path, language: str, words: str) -> None:
    path = tmp_path / "kpi.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    code, out, err = run(str(path), "--target", "5", "--deadline", "2027-01-01", language=language)
    assert (code, out) == (2, "") and words in err and len(err.strip().splitlines()) == 1


def weekly_csv(tmp_path: Path, values: list[float]) -> Path:
    path = tmp_path / "leads.csv"
    rows = [f"2026-{1 + k // 4:02d}-{1 + 7 * (k % 4):02d},{v:g}" for k, v in enumerate(values)]
    path.write_text("date,value\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_lowest_keeps_a_count_s_interval_at_zero_and_says_so(tmp_path: Path) -> None:
    leads = weekly_csv(tmp_path, [3, 0, 5, 1, 0, 4, 2, 0, 6, 1])
    args = (str(leads), "--target", "3", "--deadline", "2026-09-30", "--json")
    _code, plain, _err = run(*args)
    code, counted, _err = run(*args, "--lowest", "0")
    assert code == 0
    assert json.loads(plain)["low"] < 0 and json.loads(counted)["low"] == 0
    _code, text, _err = run(*args[:-1], "--lowest", "0", language="fr")
    assert "L’intervalle s’arrête à 0\u00a0: l’indicateur ne peut pas descendre plus bas." in text


@pytest.mark.parametrize(
    ("extra", "message"),
    [(("--lowest", "5", "--highest", "5"), "--lowest must be below --highest."),
     (("--lowest", "2"), "A measurement lies outside --lowest and --highest."),
     (("--highest", "nan"), "--lowest and --highest must be numbers.")],
)  # fmt: skip
def test_a_range_that_cannot_hold_the_kpi_is_refused_in_words(
    tmp_path: Path, extra: tuple[str, ...], message: str
) -> None:
    leads = weekly_csv(tmp_path, [3, 0, 5, 1, 0, 4, 2, 0, 6, 1])
    code, out, err = run(str(leads), "--target", "3", "--deadline", "2026-09-30", *extra)
    assert code == 2 and message in err and out == ""


def test_a_kpi_at_zero_all_along_gets_no_odds_but_the_pace_it_needs(tmp_path: Path) -> None:
    zeros = weekly_csv(tmp_path, [0] * 8)
    code, out, _err = run(str(zeros), "--target", "50", "--deadline", "2026-09-30")
    assert code == 0
    assert "No odds yet: every measurement is zero" in out
    assert "The target (≥ 50) needs" in out and "Probability" not in out


def test_a_batch_line_keeps_to_its_lowest_and_highest(tmp_path: Path) -> None:
    batch = tmp_path / "series.jsonl"
    rate = {"id": "rate", "values": [97, 100, 92, 99, 100, 95, 100, 98], "horizon": 6, "targets": [99, 101],
            "lowest": 0, "highest": 100}  # fmt: skip
    batch.write_text(json.dumps(rate) + "\n" + json.dumps({**rate, "id": "open"} | {"highest": None}) + "\n")
    code, out, _err = run("--batch", str(batch), "--json")
    assert code == 0
    bounded, unbounded = (json.loads(line) for line in out.splitlines())
    assert max(bounded["high"]) == 100 and max(unbounded["high"]) > 100
    assert bounded["probability"][1] == 0.0 and unbounded["probability"][1] > 0.0  # above 100 %: impossible


def test_a_batch_line_whose_values_leave_its_range_is_refused(tmp_path: Path) -> None:
    batch = tmp_path / "series.jsonl"
    line = {"id": "x", "values": [1, 2, 3, 4, 5, 6], "horizon": 2, "lowest": 2}
    batch.write_text(json.dumps(line) + "\n", encoding="utf-8")
    code, out, err = run("--batch", str(batch), "--json")
    assert code == 2 and out == ""
    assert "Batch line 1: lowest must be below highest, and every value between them." in err


def test_a_batch_line_at_zero_all_along_gets_no_odds_as_a_single_kpi_does(tmp_path: Path) -> None:
    batch = tmp_path / "series.jsonl"
    zeros = {"id": "zeros", "values": [0] * 8, "horizon": 4, "targets": [50]}
    moved = {**zeros, "id": "moved", "values": [0, 1, 0, 2, 0, 1, 0, 3]}
    batch.write_text(json.dumps(zeros) + "\n" + json.dumps(moved) + "\n", encoding="utf-8")
    code, out, _err = run("--batch", str(batch), "--json")
    assert code == 0
    still, moving = (json.loads(line) for line in out.splitlines())
    assert still["probability"] is None and len(still["mean"]) == 4
    assert len(moving["probability"]) == 1
