"""`jalon schedule solve` and `jalon schedule psplib`: JSON out, tables, and bad input exits 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jalon.cli.schedule import app
from tests.cli.schedule_problem import PROBLEM

FIXTURES = Path(__file__).parents[1] / "engines" / "fixtures"
runner = CliRunner()


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(data))
    return path


def test_solve_json_gives_dates_status_lateness_and_conflicts(tmp_path: Path) -> None:
    result = runner.invoke(app, ["solve", str(write(tmp_path, PROBLEM)), "--time-limit", "5", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["status"] == "optimal"
    assert [a["start"] for a in out["activities"]] == ["2026-06-01", "2026-06-03"]
    assert out["lateness_days"] == 2
    assert out["conflicts"][0]["code"] == "deadline_unreachable"
    assert out["conflicts"][0]["fixes"][0]["new_deadline"] == "2026-06-05"


def test_solve_without_json_prints_a_table(tmp_path: Path) -> None:
    result = runner.invoke(app, ["solve", str(write(tmp_path, PROBLEM)), "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    assert "brief" in result.stdout and "03/06/2026" in result.stdout  # French dates
    assert "reporter launch au 5 juin 2026" in result.stdout


def test_solve_in_english_writes_the_table_dates_day_first_as_the_pages_do(
    tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "en")
    result = runner.invoke(app, ["solve", str(write(tmp_path, PROBLEM)), "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    assert "3 Jun 2026" in result.stdout and "2026-06-03" not in result.stdout
    assert "move launch to 5 June 2026" in result.stdout


def test_solve_with_unknown_person_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = {
        **PROBLEM,
        "activities": [{"id": "a", "duration_days": 1, "demands": [{"person": "bob", "hours_per_day": 1}]}],
    }
    result = runner.invoke(app, ["solve", str(write(tmp_path, bad)), "--time-limit", "5"])
    assert result.exit_code == 2
    assert "bob" in result.output and len(result.output.strip().splitlines()) == 1


def test_solve_with_invalid_json_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text("{")
    result = runner.invoke(app, ["solve", str(path)])
    assert result.exit_code == 2


def test_solve_with_a_bad_date_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["solve", str(write(tmp_path, {**PROBLEM, "start": "soon"}))])
    assert result.exit_code == 2
    assert "start" in result.output


def test_psplib_json_prints_the_documented_keys() -> None:
    result = runner.invoke(app, ["psplib", str(FIXTURES / "J30_1.txt"), "--time-limit", "5", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert set(out) == {"instance", "makespan", "lower_bound", "status", "seconds"}
    assert out["instance"] == "J30_1.txt" and out["makespan"] == 43 and out["status"] == "optimal"


def test_psplib_on_a_missing_file_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["psplib", str(tmp_path / "nope.txt"), "--json"])
    assert result.exit_code == 2


def test_psplib_text_says_there_is_no_schedule_when_a_demand_exceeds_capacity(tmp_path: Path) -> None:
    lines = (FIXTURES / "J30_1.txt").read_text().splitlines()
    lines[1] = "1 1 1 1"  # every resource far below what the activities need
    instance = tmp_path / "J30_1_starved.txt"
    instance.write_text("\n".join(lines) + "\n")
    result = runner.invoke(app, ["psplib", str(instance), "--time-limit", "2"])
    assert result.exit_code == 0, result.output
    assert "None" not in result.stdout
    assert "infeasible" in result.stdout


WINDOWED = {
    "start": "2026-11-30",
    "end": "2026-12-11",
    "people": [{"id": "camille"}],
    "activities": [
        {"id": "welcome", "duration_days": 5, "demands": [{"person": "camille", "hours_per_day": 7}],
         "current_start": "2026-11-30", "pinned": True},
        {"id": "noel", "duration_days": 5, "demands": [{"person": "camille", "hours_per_day": 7}],
         "earliest_start": "2026-12-01", "latest_finish": "2026-12-18", "value": 25000},
        {"id": "sms-pilot", "duration_days": 3, "demands": [{"person": "camille", "hours_per_day": 7}],
         "value": 15000},
    ],
}  # fmt: skip


def test_solve_json_reads_windows_and_the_end_and_reports_what_does_not_fit(tmp_path: Path) -> None:
    result = runner.invoke(app, ["solve", str(write(tmp_path, WINDOWED)), "--time-limit", "5", "--json"])
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["status"] == "infeasible"
    (conflict,) = out["conflicts"]
    assert (conflict["code"], conflict["activities"], conflict["deadline"]) == (
        "horizon", ["sms-pilot"], "2026-12-11",
    )  # fmt: skip
    fixes = [(fix["code"], fix["target"]) for fix in conflict["fixes"]]
    assert fixes == [("extra_capacity", "camille"), ("extend_horizon", ""), ("leave_out", "sms-pilot")]
    assert conflict["fixes"][1]["new_deadline"] == "2026-12-16"
    assert conflict["fixes"][2]["value"] == 15000


def test_solve_keeps_a_windowed_activity_in_its_window_and_prints_what_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "en")
    fits = {**WINDOWED, "end": "2026-12-18"}
    out = json.loads(
        runner.invoke(app, ["solve", str(write(tmp_path, fits)), "--time-limit", "5", "--json"]).stdout
    )
    noel = next(a for a in out["activities"] if a["id"] == "noel")
    assert noel["start"] >= "2026-12-01" and noel["finish"] <= "2026-12-18"
    assert max(a["finish"] for a in out["activities"]) <= "2026-12-18"
    text = runner.invoke(app, ["solve", str(write(tmp_path, WINDOWED)), "--time-limit", "5"])
    assert "sms-pilot cannot fit before the end of the plan (11 December 2026)" in text.stdout
    assert "leave out sms-pilot" in text.stdout


def test_solve_with_a_window_that_ends_before_it_starts_exits_2(tmp_path: Path) -> None:
    bad = {
        "start": "2026-11-30",
        "activities": [
            {"id": "noel", "duration_days": 1, "earliest_start": "2026-12-10", "latest_finish": "2026-12-01"}
        ],
    }
    result = runner.invoke(app, ["solve", str(write(tmp_path, bad)), "--time-limit", "5"])
    assert result.exit_code == 2
    assert "noel" in result.output


def _people(weekdays: object) -> dict[str, object]:
    return {**PROBLEM, "people": [{"id": "ana", "capacity_hours_per_day": 7, "working_weekdays": weekdays}]}


@pytest.mark.parametrize(
    ("weekdays", "english", "french"),
    [
        ([], "from 0 (Monday) to 6 (Sunday), at least one", "de 0 (lundi) à 6 (dimanche), au moins un"),
        ([0, 7], "from 0 (Monday) to 6 (Sunday)", "de 0 (lundi) à 6 (dimanche)"),
        ([-1], "from 0 (Monday) to 6 (Sunday)", "de 0 (lundi) à 6 (dimanche)"),
        (["mon"], "from 0 (Monday) to 6 (Sunday)", "de 0 (lundi) à 6 (dimanche)"),
        ("0,1", "from 0 (Monday) to 6 (Sunday)", "de 0 (lundi) à 6 (dimanche)"),
        ([0, 1, 1], "a working day is given twice", "un jour travaillé est donné deux fois"),
    ],
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_solve_refuses_working_weekdays_the_engine_cannot_use_naming_the_field(
    tmp_path: Path, monkeypatch, weekdays, english, french, language
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", language)
    result = runner.invoke(app, ["solve", str(write(tmp_path, _people(weekdays))), "--time-limit", "5"])
    assert result.exit_code == 2
    assert result.output.strip().splitlines() == [result.output.strip()]
    assert "people[0].working_weekdays" in result.output
    assert (english if language == "en" else french) in result.output


def test_solve_reads_a_part_time_week_in_any_order(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["solve", str(write(tmp_path, _people([3, 0, 1, 2]))), "--time-limit", "5", "--json"]
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["activities"][0]["start"] == "2026-06-01"


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "activity copy cannot overlap the one it comes after: give a lag of 0 or more"),
        (
            "fr",
            "l’activité copy ne peut pas chevaucher celle qu’elle suit\u00a0: "
            "donnez un décalage de 0 ou plus",
        ),
    ],
)
def test_solve_refuses_a_negative_lag_where_it_is_read_naming_the_activity(
    tmp_path: Path, monkeypatch, language, words
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", language)
    overlapping = {
        **PROBLEM,
        "activities": [
            PROBLEM["activities"][0],
            {"id": "copy", "duration_days": 3, "after": [{"activity": "brief", "lag_days": -1}]},
        ],
    }
    result = runner.invoke(app, ["solve", str(write(tmp_path, overlapping)), "--time-limit", "5"])
    assert result.exit_code == 2
    colon = ":" if language == "en" else "\u00a0:"
    assert result.output.strip() == f"activities[1].after[0].lag_days{colon} {words}."


def test_solve_json_with_an_absence_and_a_window_until_2200_gives_the_same_dates(tmp_path: Path) -> None:
    """Dates from 1900 to 2200 are valid: a far absence or window neither moves the plan nor sizes its
    calendar to three centuries (tests/engines/test_scheduling_far_dates.py checks the calendar)."""
    far = json.loads(json.dumps(PROBLEM))
    far["people"][0]["absences"] = [{"start": "2027-01-04", "end": "2200-12-31"}]
    far["activities"][1]["latest_finish"] = "2200-12-31"
    dates = []
    for data in (PROBLEM, far):
        result = runner.invoke(app, ["solve", str(write(tmp_path, data)), "--time-limit", "5", "--json"])
        assert result.exit_code == 0, result.output
        dates.append([(a["start"], a["finish"]) for a in json.loads(result.stdout)["activities"]])
    assert dates[0] == dates[1]
