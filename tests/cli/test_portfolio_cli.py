"""`jalon portfolio solve` and `jalon portfolio mkp` from the outside."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jalon.cli.portfolio import app
from tests.cli.portfolio_problem import PROBLEM

FIXTURE = Path(__file__).parent.parent / "engines" / "fixtures" / "mknapcb1_first.txt"


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", "en")


def write(tmp_path: Path, content: object) -> Path:
    path = tmp_path / "problem.json"
    path.write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")
    return path


def test_solve_json_prints_selection_value_bound_status_and_reasons(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["solve", str(write(tmp_path, PROBLEM)), "--time-limit", "5", "--json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["status"] == "optimal"
    assert answer["selected"] == ["seo", "event"]
    assert answer["objective_value"] == 14
    assert answer["bound"] == 14
    ads = next(r for r in answer["reasons"] if r["activity_id"] == "ads")
    assert ads["code"] == "blocked_by_rules"
    assert {c["kind"] for c in ads["constraints"]} == {"budget", "theme_max"}


def test_solve_table_explains_in_words(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["solve", str(write(tmp_path, PROBLEM)), "--time-limit", "5"])
    assert result.exit_code == 0, result.output
    assert "Status: optimal" in result.output
    assert "seo requires" not in result.output
    assert "event requires seo" in result.output


def test_solve_infeasible_lists_the_conflicting_rules(tmp_path: Path) -> None:
    problem = {
        "budget_eur": 10,
        "activities": [{"id": "a", "cost_eur": 20, "must_do": True}, {"id": "b", "cost_eur": 1}],
    }
    result = CliRunner().invoke(app, ["solve", str(write(tmp_path, problem)), "--time-limit", "5", "--json"])
    answer = json.loads(result.output)
    assert answer["status"] == "infeasible"
    assert [c["kind"] for c in answer["conflict"]] == ["budget", "must_do"]


@pytest.mark.parametrize(
    ("language", "rule", "cost"),
    [
        ("fr", "budget global de 1\u202f500\u00a0€", "coût\u00a0: 3\u202f000,5\u00a0€"),
        ("en", "overall budget of €1,500", "cost: €3,000.5"),
    ],
)
def test_amounts_are_written_the_readers_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, rule: str, cost: str
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", language)
    too_dear = {"budget_eur": 1500, "activities": [{"id": "a", "cost_eur": 2000, "must_do": True}]}
    refused = CliRunner().invoke(app, ["solve", str(write(tmp_path, too_dear)), "--time-limit", "5"])
    assert rule in refused.output.replace("\n", " ")
    fitting = {"budget_eur": 5000, "activities": [{"id": "a", "value": 2, "cost_eur": 3000.5}]}
    solved = CliRunner().invoke(app, ["solve", str(write(tmp_path, fitting)), "--time-limit", "5"])
    assert cost in solved.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ({"activities": [{"id": "a", "cost_eur": -1}]}, "activities.0.cost_eur"),
        ({"activities": [{"id": "a", "cost_eur": 1, "requires": ["zz"]}]}, "Activity a refers to zz"),
        ({"activities": [], "surprise": 1}, "surprise"),
    ],
)
def test_bad_problem_gives_one_line_and_exit_2(tmp_path: Path, content: object, message: str) -> None:
    result = CliRunner().invoke(app, ["solve", str(write(tmp_path, content)), "--time-limit", "1"])
    assert result.exit_code == 2
    assert message in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_missing_file_and_bad_time_limit_exit_2(tmp_path: Path) -> None:
    assert CliRunner().invoke(app, ["solve", str(tmp_path / "nope.json"), "--time-limit", "1"]).exit_code == 2
    result = CliRunner().invoke(app, ["solve", str(write(tmp_path, PROBLEM)), "--time-limit", "0"])
    assert result.exit_code == 2


def test_mkp_prints_one_json_line_per_instance(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["mkp", str(FIXTURE), "--time-limit", "0.3", "--json"])
    assert result.exit_code == 0, result.output
    (line,) = [json.loads(text) for text in result.output.splitlines()]
    assert set(line) == {"index", "value", "bound", "status", "seconds"}
    assert line["index"] == 0
    assert 24000 < line["value"] <= 24381 <= line["bound"]
    assert line["status"] in {"optimal", "feasible"}


def test_mkp_refuses_a_file_that_is_not_orlib(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["mkp", str(write(tmp_path, "3\n1 2")), "--time-limit", "1", "--json"])
    assert result.exit_code == 2
    assert "not an OR-Library knapsack file" in result.output


@pytest.mark.parametrize(
    ("language", "expected"),
    # The value found in 0.3 s (the optimum, 24,381, on an idle machine) is written with the reader's group
    # separator; which value depends on the machine's speed, so the figures are read by their shape.
    [("fr", r"valeur 24\u202f\d{3}, borne 24\u202f\d{3}, "), ("en", r"value 24,\d{3}, bound 24,\d{3}, ")],
)
def test_mkp_writes_its_figures_the_readers_way(
    monkeypatch: pytest.MonkeyPatch, language: str, expected: str
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", language)
    result = CliRunner().invoke(app, ["mkp", str(FIXTURE), "--time-limit", "0.3"])
    assert result.exit_code == 0, result.output
    assert re.search(expected, result.output), result.output
    seconds = result.output.strip().rsplit(", ", 1)[1]
    assert ("," in seconds) == (language == "fr") and ("." in seconds) == (language == "en")


def test_a_narrow_table_never_breaks_an_amount_across_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from jalon.cli.portfolio import _print_table
    from jalon.cli.portfolio_file import load_problem
    from jalon.engines import portfolio

    monkeypatch.setenv("JALON_LANGUAGE", "fr")
    activities = PROBLEM["activities"]
    assert isinstance(activities, list)
    scaled = [{**a, "value": a["value"] * 10_000, "cost_eur": a["cost_eur"] * 10_000} for a in activities]
    problem = {
        "budget_eur": 1_000_000,
        "themes": [{"theme": "web", "max_eur": 800_000}],
        "activities": scaled,
    }
    result = portfolio.solve(load_problem(write(tmp_path, problem)), time_limit=5)
    for columns in range(45, 101):
        monkeypatch.setenv("COLUMNS", str(columns))
        _print_table(result)
        output = capsys.readouterr().out
        flat = " ".join(line.strip("│ ") for line in output.splitlines())
        assert "1\u202f000\u202f000\u00a0€" in flat and "800\u202f000\u00a0€" in flat, columns
        assert not re.search(r"\d \d{3}(?!\d)", flat), columns  # a number broken at a line's end
