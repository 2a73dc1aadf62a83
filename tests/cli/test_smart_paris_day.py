"""`jalon smart` without --today reads the Paris day, as the web pages do, on a server whose clock is in UTC:
at 00:30 in Paris on 1 April (22:30 UTC on 31 March) « the end of the month » is 30 April."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
import time_machine
from typer.testing import CliRunner

from jalon.cli import app

TEXT = "Increase newsletter sign-ups by 20% by the end of the month."
PARIS_HALF_PAST_MIDNIGHT_ON_1_APRIL = datetime(2026, 3, 31, 22, 30, tzinfo=UTC)
PARIS_HALF_PAST_ELEVEN_ON_31_MARCH = datetime(2026, 3, 31, 21, 30, tzinfo=UTC)


pytestmark = pytest.mark.usefixtures("server_in_utc")


def deadline(*args: str) -> str:
    result = CliRunner().invoke(app, ["smart", *args])
    assert result.exit_code == 0, result.output
    return str(json.loads(result.stdout.splitlines()[-1])["deadline"])


def test_the_objective_is_judged_on_the_paris_day_after_midnight() -> None:
    with time_machine.travel(PARIS_HALF_PAST_MIDNIGHT_ON_1_APRIL, tick=False):
        assert deadline(TEXT, "--lang", "en", "--json") == "2026-04-30"


def test_the_objective_is_judged_on_the_paris_day_before_midnight() -> None:
    with time_machine.travel(PARIS_HALF_PAST_ELEVEN_ON_31_MARCH, tick=False):
        assert deadline(TEXT, "--lang", "en", "--json") == "2026-03-31"


def test_a_batch_row_without_today_is_judged_on_the_paris_day(tmp_path: Path) -> None:
    batch = tmp_path / "objectives.jsonl"
    batch.write_text(json.dumps({"id": "a", "lang": "en", "text": TEXT}) + "\n", encoding="utf-8")
    with time_machine.travel(PARIS_HALF_PAST_MIDNIGHT_ON_1_APRIL, tick=False):
        assert deadline("--batch", str(batch)) == "2026-04-30"
