"""`jalon schedule …`: schedule a JSON problem, or measure the engine on a PSPLIB instance.

The JSON problem format is documented in docs/scheduling.md. Bad input prints one line and exits 2. The
problem's data types are light (jalon.engines.scheduling_types); the solver (OR-Tools) is imported when a
command runs, so that `jalon --help` stays fast.
"""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path
from typing import Any

import typer

from jalon.cli.common import (
    JsonInsteadOfTable,
    Seed,
    TimeLimit,
    checked_time_limit,
    fail,
    in_years,
    read_json,
    read_text,
    show,
    status_text,
)
from jalon.engines.limits import MAX_LAG_DAYS
from jalon.engines.scheduling_types import (
    Absence,
    Activity,
    Conflict,
    ConflictCode,
    Demand,
    Dependency,
    Fix,
    FixCode,
    Milestone,
    Person,
    Problem,
    Result,
)
from jalon.i18n import cli_language
from jalon.i18n import gettext as _

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None)


class BadInput(ValueError):
    """Input the command cannot use; the message is shown as is."""


# A duration's bound: ten years of working days (a lag's is the application's, ``engines.limits``).
MAX_DURATION_DAYS = 3650


def _date(value: Any, where: str) -> date:
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        raise BadInput(
            _("{where}: not a date (YYYY-MM-DD): {value}").format(where=where, value=str(value)[:40])
        ) from None
    if not in_years(day):
        raise BadInput(_("{where}: enter a date between 1900 and 2200.").format(where=where))
    return day


def _days(value: Any, where: str, low: int, high: int) -> int:
    """A whole number of working days from ``low`` to ``high`` (a duration, a lag)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise BadInput(_("{where}: not a whole number of days: {value}").format(where=where, value=value))
    if not low <= value <= high:
        raise BadInput(
            _("{where}: enter a number of days from {low} to {high}.").format(where=where, low=low, high=high)
        )
    return int(value)


def _weekdays(value: Any, where: str) -> frozenset[int]:
    """The days a person works, 0 = Monday … 6 = Sunday (Python's ``date.weekday()``): at least one, each
    once. A refused list is named here; the engine would fail on it with no field to show."""
    days = value if isinstance(value, list) else None
    if not days or any(isinstance(d, bool) or not isinstance(d, int) or not 0 <= d <= 6 for d in days):
        raise BadInput(
            _(
                "{where}: give the working days as numbers from 0 (Monday) to 6 (Sunday), at least one."
            ).format(where=where)
        )
    if len(set(days)) != len(days):
        raise BadInput(_("{where}: a working day is given twice.").format(where=where))
    return frozenset(days)


def _lag(value: Any, where: str, activity: str) -> int:
    """A dependency's lag: the engine plans finish-to-start links and overlaps no two linked activities."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
        raise BadInput(
            _(
                "{where}: activity {activity} cannot overlap the one it comes after: give a lag of 0 or more."
            ).format(where=where, activity=activity)
        )
    return _days(value, where, 0, MAX_LAG_DAYS)


def _float(value: Any, where: str) -> float:
    """A number of the problem (JSON numbers only: no text, no true or false)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise BadInput(_("{where}: not a number: {value}").format(where=where, value=str(value)[:40]))
    return float(value)


def _optional_float(value: Any, where: str) -> float | None:
    return None if value is None else _float(value, where)


def _optional_date(value: Any, where: str) -> date | None:
    return None if value is None else _date(value, where)


def problem_from_json(data: Any) -> Problem:
    """Build the engine's problem from the documented JSON shape."""
    if not isinstance(data, dict):
        raise BadInput(_("the problem must be a JSON object"))
    try:
        people = tuple(
            Person(
                id=str(p["id"]),
                capacity_hours_per_day=_float(
                    p.get("capacity_hours_per_day", 7.0), f"people[{n}].capacity_hours_per_day"
                ),
                absences=tuple(
                    Absence(
                        start=_date(a["start"], f"people[{n}].absences[{m}].start"),
                        end=_date(a["end"], f"people[{n}].absences[{m}].end"),
                        hours_per_day=_optional_float(
                            a.get("hours_per_day"), f"people[{n}].absences[{m}].hours_per_day"
                        ),
                    )
                    for m, a in enumerate(p.get("absences", []))
                ),
                working_weekdays=_weekdays(
                    p.get("working_weekdays", [0, 1, 2, 3, 4]), f"people[{n}].working_weekdays"
                ),
                is_team=bool(p.get("is_team", False)),
            )
            for n, p in enumerate(data.get("people", []))
        )
        activities = tuple(
            Activity(
                id=str(a["id"]),
                duration_days=_days(
                    a["duration_days"], f"activities[{n}].duration_days", 0, MAX_DURATION_DAYS
                ),
                demands=tuple(
                    Demand(
                        person_id=str(d["person"]),
                        hours_per_day=_optional_float(
                            d.get("hours_per_day"), f"activities[{n}].demands[{k}].hours_per_day"
                        ),
                        share=_optional_float(d.get("share"), f"activities[{n}].demands[{k}].share"),
                    )
                    for k, d in enumerate(a.get("demands", []))
                ),
                dependencies=tuple(
                    Dependency(predecessor_id=str(d), lag_days=0)
                    if isinstance(d, str)
                    else Dependency(
                        predecessor_id=str(d["activity"]),
                        lag_days=_lag(
                            d.get("lag_days", 0), f"activities[{n}].after[{m}].lag_days", str(a["id"])
                        ),
                    )
                    for m, d in enumerate(a.get("after", []))
                ),
                earliest_start=_optional_date(a.get("earliest_start"), f"activities[{n}].earliest_start"),
                deadline=_optional_date(a.get("deadline"), f"activities[{n}].deadline"),
                current_start=_optional_date(a.get("current_start"), f"activities[{n}].current_start"),
                pinned=bool(a.get("pinned", False)),
                latest_finish=_optional_date(a.get("latest_finish"), f"activities[{n}].latest_finish"),
                value=_float(a.get("value", 0.0), f"activities[{n}].value"),
            )
            for n, a in enumerate(data.get("activities", []))
        )
        milestones = tuple(
            Milestone(
                id=str(m["id"]),
                deadline=_date(m["deadline"], f"milestones[{n}].deadline"),
                activity_ids=tuple(str(i) for i in m["activities"]),
            )
            for n, m in enumerate(data.get("milestones", []))
        )
        return Problem(
            start=_date(data.get("start"), "start"),
            activities=activities,
            people=people,
            milestones=milestones,
            holidays_country=data.get("holidays_country", "FR"),
            extra_holidays=tuple(_date(d, "extra_holidays") for d in data.get("extra_holidays", [])),
            end=_optional_date(data.get("end"), "end"),
        )
    except KeyError as missing:
        raise BadInput(_("missing field {field}").format(field=missing)) from None
    except (TypeError, ValueError, AttributeError) as error:
        if isinstance(error, BadInput):
            raise
        raise BadInput(
            _("The problem does not follow docs/scheduling.md: a list, an object or a text is misplaced.")
        ) from None


def conflict_text(conflict: Conflict) -> str:
    activities = ", ".join(conflict.activity_ids)
    people = ", ".join(conflict.person_ids)
    texts = {
        ConflictCode.DEPENDENCY_CYCLE: _("Dependency cycle: {activities}"),
        ConflictCode.DEMAND_EXCEEDS_CAPACITY: _(
            "{activities} asks more of {people} than their daily capacity"
        ),
        ConflictCode.PINNED_OVERLOAD: _("Pinned activities {activities} overload {people}"),
        ConflictCode.PINNED_DEPENDENCY: _("Pinned activities break a dependency: {activities}"),
        ConflictCode.DEADLINE_UNREACHABLE: _(
            "{deadline_id} ({deadline}) is {days} working days too early for the chain {activities}"
        ),
        ConflictCode.DEADLINE_OVERLOAD: _(
            "{deadline_id} ({deadline}) is missed by {days} working days: {activities} compete for {people}"
        ),
        ConflictCode.WINDOW: _("{activities} cannot fit in the window of {deadline_id} (by {deadline})"),
        ConflictCode.HORIZON: _("{activities} cannot fit before the end of the plan ({deadline})"),
    }
    return texts[conflict.code].format(
        activities=activities,
        people=people,
        deadline_id=conflict.deadline_id,
        deadline=_day(conflict.deadline),
        days=conflict.days_late,
    )


def fix_text(fix: Fix) -> str:
    texts = {
        FixCode.EXTRA_CAPACITY: _("add {hours:g} h/day to {target}"),
        FixCode.MOVE_DEADLINE: _("move {target} to {date}"),
        FixCode.UNPIN: _("unpin {target}"),
        FixCode.REMOVE_DEPENDENCY: _("remove a dependency of {target}"),
        FixCode.EXTEND_HORIZON: _("end the plan on {date}"),
        FixCode.LEAVE_OUT: _("leave out {target} and what depends on it (value {value:g})"),
    }
    return texts[fix.code].format(
        hours=fix.hours_per_day, target=fix.target_id, date=_day(fix.new_deadline), value=fix.value
    )


def _day(day: object) -> str:
    """A date in words in the command's language (``5 juin 2026`` / ``5 June 2026``)."""
    from jalon.engines.smart_messages import format_date

    return format_date(day, cli_language()) if isinstance(day, date) else str(day or "—")


def _short(day: date) -> str:
    """A table's date: ``05/06/2026`` in French, ``5 Jun 2026`` in English (as the web pages)."""
    from jalon.engines.smart_messages import format_short_date

    return format_short_date(day, cli_language())


def _print_table(result: Result) -> None:
    from rich.console import Console

    from jalon.cli.tables import Table

    console = Console()
    console.print(
        _("Status: {status} · makespan {makespan} working days · lateness {lateness} · moved {moved}").format(
            status=status_text(result.status),
            makespan=result.makespan_days,
            lateness=result.lateness_days,
            moved=result.moved_days,
        )
    )
    if result.activities:
        table = Table()
        for title in (_("Activity"), _("Start"), _("Finish"), _("Late (days)"), _("Moved (days)")):
            table.add_column(title)
        for a in result.activities:
            table.add_row(a.id, _short(a.start), _short(a.finish), str(a.lateness_days), str(a.moved_days))
        console.print(table)
    for conflict in result.conflicts:
        console.print(_("Conflict: {text}").format(text=conflict_text(conflict)), highlight=False)
        for fix in conflict.fixes:
            console.print("  → " + fix_text(fix), highlight=False)


@app.command("solve", help=_("Schedule the activities of a JSON problem (see docs/scheduling.md)."))
def solve_command(
    file: Path = typer.Argument(..., help=_("The JSON problem.")),
    time_limit: TimeLimit = 10.0,
    seed: Seed = 0,
    as_json: JsonInsteadOfTable = False,
) -> None:
    from jalon.engines import scheduling

    seconds = checked_time_limit(time_limit)
    try:
        problem = problem_from_json(read_json(file))
        result = scheduling.solve(problem, time_limit=seconds, seed=seed)
    except BadInput as error:
        raise fail(str(error)) from None
    except scheduling.InvalidProblemError as error:
        from jalon.refusals import refusal

        raise fail(refusal(error)) from None
    except OverflowError:  # durations and lags, each within bounds, that add up past the year 9999
        raise fail(_("The plan would end after the year 9999: shorten the durations or the lags.")) from None
    show(result, as_json=as_json, table=_print_table)


@app.command("psplib", help=_("Solve one PSPLIB instance and print the makespan and the bound."))
def psplib_command(
    file: Path = typer.Argument(..., help=_("The PSPLIB instance.")),
    time_limit: TimeLimit = 10.0,
    seed: Seed = 0,
    as_json: bool = typer.Option(False, "--json", help=_("Print JSON instead of a sentence.")),
) -> None:
    from jalon.engines import scheduling

    clock = time.perf_counter()
    seconds = checked_time_limit(time_limit)
    try:
        instance = scheduling.parse_psplib(read_text(file), name=file.name)
        result = scheduling.solve_rcpsp(instance, time_limit=seconds, seed=seed)
    except scheduling.InvalidInstanceError as error:
        from jalon.refusals import file_refusal

        raise fail(
            _("{path} is not a PSPLIB instance (line {line}): {message}").format(
                path=file, line=error.line, message=file_refusal(error)
            )
        ) from None
    payload = {
        "instance": file.name,
        "makespan": result.makespan,
        "lower_bound": result.lower_bound,
        "status": result.status.value,
        "seconds": round(time.perf_counter() - clock, 3),
    }
    if as_json:
        typer.echo(json.dumps(payload))
    elif result.makespan is None:
        typer.echo(_("{instance}: no schedule ({status}) in {seconds} s").format(**payload))
    else:
        typer.echo(
            _("{instance}: makespan {makespan}, lower bound {lower_bound}, {status} in {seconds} s").format(
                **payload
            )
        )
