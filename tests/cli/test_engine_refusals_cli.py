"""The scheduling and portfolio engines refuse a problem with a code; the command line words it in the
reader's language, one line, exit status 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from jalon.cli import portfolio as portfolio_cli
from jalon.cli import schedule as schedule_cli
from jalon.engines.portfolio_model import ProblemCode as PortfolioCode
from jalon.engines.portfolio_model import ProblemError
from jalon.engines.scheduling_types import InvalidProblemError
from jalon.engines.scheduling_types import ProblemCode as ScheduleCode
from jalon.i18n import language
from jalon.refusals import refusal

PARAMS = {"activity": "seo", "person": "ana", "milestone": "launch", "other": "ghost", "group": "g"}

SCHEDULE_WORDS = {
    ScheduleCode.DUPLICATE_ACTIVITY: ("Two activities have the same id.", "Deux activités ont le même"),
    ScheduleCode.DUPLICATE_PERSON: ("Two people have the same id.", "Deux personnes ont le même"),
    ScheduleCode.CAPACITY_NOT_POSITIVE: ("ana: the capacity must be", "ana\u00a0: la capacité doit"),
    ScheduleCode.ABSENCE_REVERSED: ("ana: an absence ends before", "ana\u00a0: une absence se termine"),
    ScheduleCode.END_BEFORE_START: ("The end of the plan is before its start.", "La fin du plan est avant"),
    ScheduleCode.NEGATIVE_DURATION: ("Activity seo: the duration cannot", "Activité seo\u00a0: la durée"),
    ScheduleCode.BAD_VALUE: ("Activity seo: the value must be", "Activité seo\u00a0: la valeur doit"),
    ScheduleCode.WINDOW_REVERSED: ("the latest finish is before", "la fin au plus tard est avant"),
    ScheduleCode.PINNED_WITHOUT_START: ("Activity seo is pinned", "L’activité seo est épinglée"),
    ScheduleCode.UNKNOWN_PREDECESSOR: ("seo comes after ghost, which", "seo suit ghost, qui n’est pas"),
    ScheduleCode.NEGATIVE_LAG: ("a lag cannot be negative", "un décalage ne peut pas être négatif"),
    ScheduleCode.UNKNOWN_PERSON: ("seo asks for ghost, who", "seo demande ghost, qui n’est pas"),
    ScheduleCode.HOURS_OR_SHARE: ("either hours_per_day or share", "soit hours_per_day, soit share"),
    ScheduleCode.NEGATIVE_DEMAND: ("a demand cannot be negative", "une demande ne peut pas être négative"),
    ScheduleCode.MILESTONE_UNKNOWN_ACTIVITY: ("Milestone launch names ghost", "Le jalon launch cite ghost"),
}

PORTFOLIO_WORDS = {
    PortfolioCode.DUPLICATE_ACTIVITY: ("Activity seo appears twice.", "L’activité seo apparaît deux fois."),
    PortfolioCode.NOT_FINITE: ("a number that is not finite", "un nombre qui n’est pas fini"),
    PortfolioCode.NEGATIVE_COST: ("a negative cost or effort", "un coût ou un effort négatif"),
    PortfolioCode.NO_SCORE: ("has no score reach", "n’a pas de score reach"),
    PortfolioCode.UNKNOWN_ACTIVITY: ("seo refers to ghost, which", "seo cite ghost, qui n’est pas"),
    PortfolioCode.GROUP_UNKNOWN_ACTIVITY: ("Group g names ghost", "Le groupe g cite ghost"),
    PortfolioCode.GROUP_NEGATIVE_COUNT: ("Group g: the count cannot", "Groupe g\u00a0: le nombre ne peut"),
    PortfolioCode.NEGATIVE_BUDGET: ("The budget cannot be negative.", "Le budget ne peut pas être négatif."),
    PortfolioCode.NEGATIVE_CAPACITY: ("A capacity cannot be negative.", "Une capacité ne peut pas être"),
    PortfolioCode.THEME_TWO_BUDGETS: ("A theme has two budgets.", "Un thème a deux budgets."),
    PortfolioCode.TEAM_TWO_CAPACITIES: ("two capacities for the same quarter", "deux capacités pour le même"),
    PortfolioCode.TIME_LIMIT: ("a positive number of seconds", "un nombre positif de secondes"),
}


def test_every_refusal_code_has_words() -> None:
    assert set(SCHEDULE_WORDS) == set(ScheduleCode)
    assert set(PORTFOLIO_WORDS) == set(PortfolioCode)


@pytest.mark.parametrize("code", list(ScheduleCode))
def test_a_scheduling_refusal_is_worded_in_english_and_in_french(code: ScheduleCode) -> None:
    english, french = SCHEDULE_WORDS[code]
    error = InvalidProblemError(code, **PARAMS)
    with language("en"):
        assert english in refusal(error)
    with language("fr"):
        assert french in refusal(error)


@pytest.mark.parametrize("code", list(PortfolioCode))
def test_a_portfolio_refusal_is_worded_in_english_and_in_french(code: PortfolioCode) -> None:
    english, french = PORTFOLIO_WORDS[code]
    error = ProblemError(code, **PARAMS, score="reach")
    with language("en"):
        assert english in refusal(error)
    with language("fr"):
        assert french in refusal(error)


def _write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


BOTH_WAYS = {
    "start": "2026-06-01",
    "people": [{"id": "ana"}],
    "activities": [
        {"id": "brief", "duration_days": 1, "demands": [{"person": "ana", "hours_per_day": 2, "share": 0.5}]}
    ],
}
END_FIRST = {"start": "2026-06-01", "end": "2026-05-01", "activities": []}
UNKNOWN = {"activities": [{"id": "a", "cost_eur": 1, "requires": ["zz"]}]}
SCHEDULE, PORTFOLIO = schedule_cli.app, portfolio_cli.app
EITHER_EN, EITHER_FR = "either hours_per_day or share", "soit hours_per_day, soit share"


@pytest.mark.parametrize(
    ("app", "problem", "lang", "expected"),
    [
        (SCHEDULE, BOTH_WAYS, "en", f"Activity brief: give each demand {EITHER_EN}, one of them."),
        (SCHEDULE, BOTH_WAYS, "fr", f"Activité brief\u00a0: donnez pour chaque demande {EITHER_FR}, "
         "l’un des deux."),
        (SCHEDULE, END_FIRST, "en", "The end of the plan is before its start."),
        (SCHEDULE, END_FIRST, "fr", "La fin du plan est avant son début."),
        (PORTFOLIO, UNKNOWN, "en", "Invalid problem: Activity a refers to zz, which is not in the problem."),
        (PORTFOLIO, UNKNOWN, "fr", "Problème invalide\u00a0: L’activité a cite zz, qui n’est pas dans le "
         "problème."),
    ],
)  # fmt: skip
def test_solve_words_the_engines_refusal_in_one_line_of_the_readers_language(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    app: typer.Typer,
    problem: object,
    lang: str,
    expected: str,
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", lang)
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(problem), encoding="utf-8")
    result = CliRunner().invoke(app, ["solve", str(path), "--time-limit", "1"])
    assert result.exit_code == 2
    assert result.output.strip() == expected


NOT_A_NUMBER = {
    "start": "2026-06-01",
    "people": [{"id": "a", "capacity_hours_per_day": "abc"}],
    "activities": [],
}
MISPLACED = {"start": "2026-06-01", "people": "ana", "activities": []}


@pytest.mark.parametrize(
    ("problem", "lang", "expected"),
    [
        (NOT_A_NUMBER, "en", "people[0].capacity_hours_per_day: not a number: abc"),
        (NOT_A_NUMBER, "fr", "people[0].capacity_hours_per_day\u00a0: pas un nombre\u00a0: abc"),
        (MISPLACED, "en", "The problem does not follow docs/scheduling.md: a list, an object or a text is "
         "misplaced."),
        (MISPLACED, "fr", "Le problème ne suit pas docs/scheduling.md\u00a0: une liste, un objet ou un texte "
         "est mal placé."),
    ],
)  # fmt: skip
def test_schedule_solve_words_a_badly_typed_problem_without_pythons_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, problem: object, lang: str, expected: str
) -> None:
    monkeypatch.setenv("JALON_LANGUAGE", lang)
    path = tmp_path / "problem.json"
    path.write_text(json.dumps(problem), encoding="utf-8")
    result = CliRunner().invoke(SCHEDULE, ["solve", str(path), "--time-limit", "1"])
    assert (result.exit_code, result.output.strip()) == (2, expected)
