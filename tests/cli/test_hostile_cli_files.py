"""The commands that read a file refuse what they cannot compute with in one translated line, fast, with
no traceback: a number of 5,000 digits (Python refuses to read it), beyond 10^15 or infinite, a date that
would carry a plan past the year 9999, a duration or a lag of a billion days, a target of 400 digits."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from jalon.cli import app
from jalon.engines.smart import coach
from tests.hang import HANG_SECONDS

runner = CliRunner()
HUGE = "1" + "0" * 5000
DEMAND = [{"person": "p", "hours_per_day": 7}]


def schedule(**changes: Any) -> dict[str, Any]:
    problem: dict[str, Any] = {
        "start": "2026-04-30",
        "people": [{"id": "p"}],
        "activities": [{"id": "a", "duration_days": 5, "demands": DEMAND}],
    }
    return problem | changes


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "en")


def run(tmp_path: Path, text: str, *args: str, name: str = "in.json") -> tuple[int, str, float]:
    """Run ``jalon ARGS FILE`` on a file holding ``text``."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    result = runner.invoke(app, [*args, str(path)])
    took = time.perf_counter() - started
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.output, took


def refused(tmp_path: Path, text: str, *args: str, name: str = "in.json") -> str:
    code, output, took = run(tmp_path, text, *args, name=name)
    assert code == 2, output
    assert "Traceback" not in output and len(output.splitlines()) == 1, output
    assert took < HANG_SECONDS, took
    return output


@pytest.mark.parametrize(
    ("command", "text"),
    [
        (("schedule", "solve"), '{"start": ' + HUGE + "}"),
        (("portfolio", "solve"), '{"budget_eur": ' + HUGE + "}"),
        (("schedule", "solve"), '{"start": "2026-01-01", "x": NaN}'),
        (("portfolio", "solve"), '{"budget_eur": 1e400, "activities": []}'),
        (("portfolio", "solve"), '{"budget_eur": 1e16, "activities": []}'),
    ],
)
def test_a_json_problem_with_a_number_too_long_infinite_or_beyond_1e15_is_refused_in_words(
    tmp_path: Path, command: tuple[str, str], text: str
) -> None:
    assert "is not a usable number" in refused(tmp_path, text, *command)


@pytest.mark.parametrize("command", [("smart", "--batch"), ("forecast", "--batch")])
def test_a_batch_line_with_a_5000_digit_number_is_refused_in_words(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    line = '{"text": "x", "values": [' + HUGE + "], " + '"horizon": 1}\n'
    output = refused(tmp_path, line, *command, name="in.jsonl")
    assert output.startswith("Batch line 1: 1000") and "is not a usable number" in output


def test_a_portfolio_of_costs_near_1e300_is_refused_not_crashed(tmp_path: Path) -> None:
    problem = {"budget_eur": 1e15, "activities": [{"id": "a", "cost_eur": 1e300, "value": 1e300}]}
    assert "1e+300 is not a usable number" in refused(tmp_path, json.dumps(problem), "portfolio", "solve")


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (schedule(start="9999-12-20"), "start: enter a date between 1900 and 2200."),
        (schedule(start="0001-01-01"), "start: enter a date between 1900 and 2200."),
        (
            schedule(
                activities=[
                    {"id": "a", "duration_days": 5, "earliest_start": "9999-12-31", "demands": DEMAND}
                ]
            ),
            "activities[0].earliest_start: enter a date between 1900 and 2200.",
        ),
        (
            schedule(activities=[{"id": "a", "duration_days": 10**9, "demands": DEMAND}]),
            "activities[0].duration_days: enter a number of days from 0 to 3650.",
        ),
        (
            schedule(activities=[{"id": "a", "duration_days": 2.5, "demands": DEMAND}]),
            "activities[0].duration_days: not a whole number of days: 2.5",
        ),
        (
            schedule(
                activities=[
                    {"id": "a", "duration_days": 5, "after": [{"activity": "b", "lag_days": 10**9}]},
                    {"id": "b", "duration_days": 1},
                ]
            ),
            "activities[0].after[0].lag_days: enter a number of days from 0 to 3650.",
        ),
    ],
)
def test_a_schedule_problem_whose_plan_would_leave_the_calendar_is_refused_at_its_path(
    tmp_path: Path, problem: dict[str, Any], message: str
) -> None:
    assert refused(tmp_path, json.dumps(problem), "schedule", "solve").strip() == message


def test_durations_that_add_up_past_the_year_9999_are_refused_in_words(tmp_path: Path) -> None:
    chain = [
        {"id": f"a{i}", "duration_days": 3650, "after": [f"a{i - 1}"] if i else [], "demands": DEMAND}
        for i in range(600)
    ]
    output = refused(
        tmp_path, json.dumps(schedule(start="2200-12-01", activities=chain)), "schedule", "solve"
    )
    assert output.strip() == "The plan would end after the year 9999: shorten the durations or the lags."


def test_a_smart_batch_judged_on_a_day_in_year_9999_is_refused_in_words(tmp_path: Path) -> None:
    line = json.dumps({"text": "Augmenter le CA de 10 % d’ici fin 2027", "today": "9999-12-31"}) + "\n"
    output = refused(tmp_path, line, "smart", "--batch", name="in.jsonl")
    assert output.strip() == "Batch line 1: invalid today or fiscal_year_start."


def test_the_smart_command_refuses_a_reference_day_past_2200() -> None:
    result = runner.invoke(app, ["smart", "Augmenter le CA de 10 %", "--today", "9999-12-31"])
    assert result.exit_code == 2 and result.output.strip() == "--today must be between 1900 and 2200."


@pytest.mark.parametrize(
    "text",
    [
        "Augmenter le CA de 1" + "0" * 400 + " % d’ici 2027",
        "Atteindre 1" + "0" * 300 + " milliards de CA en 2027",
        "Reach 9" + "9" * 400 + " customers by 2027",
    ],
)
def test_a_statement_with_a_400_digit_target_is_judged_as_having_no_number(text: str) -> None:
    verdict = coach(text, lang="en", today=date(2026, 1, 1)).to_dict()
    assert verdict["measurable"]["ok"] is False


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "Problème invalide à activities.0.cost_eur\u00a0: Hors des limites permises."),
        ("en", "Invalid problem at activities.0.cost_eur: Out of range."),
    ],
)
def test_a_portfolio_problem_out_of_its_schema_is_refused_in_the_readers_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, expected: str
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", language)
    problem = {"activities": [{"id": "a", "cost_eur": -1}]}
    assert refused(tmp_path, json.dumps(problem), "portfolio", "solve").strip() == expected


@pytest.mark.parametrize(
    "line",
    [
        '{"values": [1, 2, 3, 4, 5, 6], "horizon": 3, "frequency": {"a": [1]}}',  # was a traceback
        '{"values": [1, 2, 3, 4, 5, 6], "horizon": 3, "frequency": ["monthly"]}',
        '{"values": "123456", "horizon": 3}',  # was read as the six values 1, 2, 3, 4, 5, 6
        '{"values": [1, 2, 3, 4, 5, 6], "targets": "9", "horizon": 3}',
    ],
    ids=["frequency-mapping", "frequency-list", "values-text", "targets-text"],
)
def test_a_batch_line_whose_fields_have_the_wrong_shape_is_refused_in_words(
    tmp_path: Path, line: str
) -> None:
    output = refused(tmp_path, line + "\n", "forecast", "--batch", name="lot.jsonl")
    assert output == (
        "Batch line 1: needs values (a list) and horizon, and valid season_length, level, targets (a list), "
        "direction, frequency.\n"
    )


def test_a_batch_series_of_more_than_20000_values_is_refused_before_it_is_forecast(tmp_path: Path) -> None:
    # a line of 1,000,000 values kept the command busy for minutes
    values = ", ".join(str(100 + n % 7) for n in range(20_001))
    output = refused(
        tmp_path, f'{{"values": [{values}], "horizon": 3}}\n', "forecast", "--batch", name="l.jsonl"
    )
    assert output == (
        "Batch line 1: 5 to 20,000 finite values, horizon 1 to 1000, level between 0 and 100, direction "
        "increase or decrease.\n"
    )


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n" + bytes(4000), b"PK\x03\x04" + bytes(4000)], ids=["image", "zip"]
)
def test_an_image_or_a_zip_given_as_the_forecasts_csv_is_not_a_table(tmp_path: Path, data: bytes) -> None:
    # it was "no measurements (expected date,value rows)"
    path = tmp_path / "mesures.csv"
    path.write_bytes(data)
    result = runner.invoke(app, ["forecast", str(path), "--target", "10", "--deadline", "2026-12-31"])
    assert result.exit_code == 2
    assert result.output == (
        f"Cannot read {path}: This file is not a table (an image, a PDF or another binary file?).\n"
    )
