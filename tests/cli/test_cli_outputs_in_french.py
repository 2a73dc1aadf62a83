"""What the engine commands print in French (`jalon smart`, `forecast`, `portfolio`, `schedule`, `framing
rfm`, `advise`): no English word of ours, French typography (no-break space before « : ; ! ? », a decimal
comma, dates in words or as France writes them, never ISO)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jalon.cli import app
from jalon.typography import french
from tests.cli.portfolio_problem import PROBLEM as PORTFOLIO
from tests.cli.schedule_problem import PROBLEM as SCHEDULE
from tests.one_language import giveaways

runner = CliRunner()
FRENCH = {"JALON_LANGUAGE": "fr", "COLUMNS": "250"}  # wide: no table cell wrapped inside a word
# The inputs' own words (ids of activities, people and milestones), as typed.
INPUTS = ("seo", "ads", "event", "web", "brief", "copy", "launch", "ana")
WORDS = ("increase", "decrease", "relative", "absolute", "Target", "Deadline", "Warning", "per", "cut-off",
         "customers", "recency", "counted", "move", "missed", "working days", "Projection on")  # fmt: skip
FAULTS = (
    (re.compile(r"\d\.\d"), "a decimal point"),
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "an ISO date"),
    (re.compile(r"\d%"), "a percent sign without its space"),
)


def run_in_french(*arguments: str) -> str:
    result = runner.invoke(app, list(arguments), env=FRENCH)
    assert result.exit_code == 0, result.output
    return result.stdout


def faults(output: str, typed: tuple[str, ...] = ()) -> list[str]:
    found = giveaways(output, "fr", words=WORDS, content=INPUTS + typed)
    for line in output.splitlines():
        ours = re.sub(r"^\s*\d+(\.\d+)* |│ \? │", " ", line)  # a list's numbering; the mark « cannot judge »
        for text in typed:
            ours = ours.replace(text, " ")
        if french(ours) != ours:
            found.append(f"typography: {line!r}")
        found += [f"{what}: {line!r}" for pattern, what in FAULTS if pattern.search(ours)]
    return found


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    made = {"portfolio": tmp_path / "portfolio.json", "schedule": tmp_path / "schedule.json"}
    made["portfolio"].write_text(json.dumps(PORTFOLIO), encoding="utf-8")
    made["schedule"].write_text(json.dumps(SCHEDULE), encoding="utf-8")
    made["kpi"] = tmp_path / "kpi.csv"
    made["kpi"].write_text(
        "date,value\n2026-01-31,2.0\n2026-02-28,2.2\n2026-03-31,2.4\n2026-04-30,2.5\n2026-05-31,2.7\n",
        encoding="utf-8",
    )
    made["orders"] = tmp_path / "orders.csv"
    run_in_french("framing", "synthetic-orders", "--output", str(made["orders"]))
    return made


def test_the_smart_coach_prints_french_labels_and_words(files) -> None:
    objective = "Réduire le taux de rebond de 70 % à 60 % d'ici juin 2027"
    output = run_in_french("smart", objective, "--today", "2026-12-05", "--fiscal-year-start", "2")
    assert "Cible\u00a0: 60 % (diminuer, absolue)" in output
    assert faults(output, (objective, "70 %", "60 %")) == []


def test_the_forecast_prints_its_deadline_in_words(files) -> None:
    output = run_in_french("forecast", str(files["kpi"]), "--target", "4", "--deadline", "2026-12-31")
    assert "Projection au 31 décembre 2026\u00a0:" in output
    assert faults(output) == []


def test_the_portfolio_prints_french_ratios_and_rules(files) -> None:
    output = run_in_french("portfolio", "solve", str(files["portfolio"]), "--time-limit", "5")
    assert "0,2 par\u00a0€" in output and "100\u00a0€\u00a0; maximum" in output
    assert "coût\u00a0: 100\u00a0€" in output
    assert faults(output) == []


def test_the_schedule_prints_french_dates(files) -> None:
    output = run_in_french("schedule", "solve", str(files["schedule"]), "--time-limit", "5")
    assert "01/06/2026" in output and "reporter launch au 5 juin 2026" in output
    assert faults(output) == []


def test_the_rfm_segments_print_french_numbers(files) -> None:
    output = run_in_french("framing", "rfm", str(files["orders"]))
    assert "3\u202f000 clients, récence comptée jusqu’au 2 novembre 2026." in output
    assert re.search(r"\d+,\d\u00a0%", output) and re.search(r"\d,\d\d\b", output)  # a share, a basket
    assert faults(output) == []


def test_the_advisor_prints_french_only(files) -> None:
    objective = "Réduire le taux d'abandon de panier de 70 % à 60 %"
    output = run_in_french("advise", "--objective", objective)
    assert faults(output, (objective,)) == []
