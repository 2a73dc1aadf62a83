"""The demo's dates move with the day it is loaded (jalon.demo.dates): loaded on any day, the calendar-bound
dates keep their month-ends and fiscal quarters, the dated work keeps its weekdays, durations and lags,
nothing leaves the horizon, "today" stands in the same weeks of the plan, and no text names a month or a
season."""

from __future__ import annotations

import copy
import functools
import re
from datetime import date, timedelta
from typing import Any

from jalon.demo.dates import AS_WRITTEN, HORIZON_AS_WRITTEN, demo_document, shift_for
from jalon.demo.loader import DEMO_FILE
from jalon.documents.safe_load import load
from jalon.engines.calendar import month_end, resolve_rule
from jalon.strategy.models import KPI

WRITTEN = load(DEMO_FILE.read_text(encoding="utf-8"), "yaml")
# Every third day from a year before the file's day to three years after it, and the brief's days.
DAYS = sorted(
    {AS_WRITTEN + timedelta(days=n) for n in range(-370, 3 * 366, 3)}
    | {date(2027, 3, 15), date(2027, 11, 30), date(2028, 2, 29), date(2026, 1, 1), date(2026, 12, 31)}
)
WORK = {
    "activities": ("start", "end", "not_before", "must_finish_by"),
    "milestones": ("date", "reached_on"),
    "communications": ("next_date",),
}


@functools.cache
def on(day: date) -> dict[str, Any]:
    """The demo file as loaded on ``day`` (made once a day: read it, do not change it)."""
    return demo_document(copy.deepcopy(WRITTEN), day)


def day_of(value: Any) -> date:
    return date.fromisoformat(str(value))


def work_dates(document: dict[str, Any]) -> dict[tuple[str, str, str], date]:
    """Every dated piece of work, by (section, key, field)."""
    found = {}
    for section, fields in WORK.items():
        for item in document.get(section) or []:
            for field in fields:
                if item.get(field) is not None:
                    found[section, item["key"], field] = day_of(item[field])
    for person in document["people"]:
        for n, absence in enumerate(person.get("absences") or []):
            for field in ("start", "end"):
                found["absences", f"{person['key']}-{n}", field] = day_of(absence[field])
    return found


def calendar_dates(document: dict[str, Any]) -> dict[tuple[str, str, str], date]:
    """Every calendar-bound date: the horizon, the deadlines, the measurements."""
    found = {("horizon", "", side): day_of(document["roadmap"]["horizon"][side]) for side in ("start", "end")}
    for objective in document["objectives"]:
        if objective.get("deadline") is not None:
            found["objectives", objective["key"], "deadline"] = day_of(objective["deadline"])
    for kpi in document["kpis"]:
        if kpi["frequency"] not in ("weekly", "daily"):
            for m in kpi["measurements"]:
                found["measurements", kpi["key"], str(m["value"])] = day_of(m["date"])
    return found


def horizon(document: dict[str, Any]) -> tuple[date, date]:
    return day_of(document["roadmap"]["horizon"]["start"]), day_of(document["roadmap"]["horizon"]["end"])


def test_loaded_on_the_day_it_is_written_for_the_demo_stands_as_written() -> None:
    assert on(AS_WRITTEN) == WRITTEN
    assert horizon(WRITTEN) == HORIZON_AS_WRITTEN


def near_an_end(day: date) -> bool:
    """Within two weeks of the written horizon's ends: where a date may come to the moved horizon's end."""
    return min(day - HORIZON_AS_WRITTEN[0], HORIZON_AS_WRITTEN[1] - day) < timedelta(days=14)


def test_the_dated_work_keeps_its_weekdays_and_stays_inside_the_moved_horizon() -> None:
    for day in DAYS:
        written, moved = work_dates(WRITTEN), work_dates(on(day))
        first, last = horizon(on(day))
        for where, before in written.items():
            assert (moved[where].weekday() < 5) == (before.weekday() < 5), (day, where)  # working stays so
            if not near_an_end(before):
                assert moved[where].weekday() == before.weekday(), (day, where)
            if HORIZON_AS_WRITTEN[0] <= before <= HORIZON_AS_WRITTEN[1]:
                assert first <= moved[where] <= last, (day, where)


def test_the_calendar_bound_dates_keep_their_month_ends() -> None:
    for day in DAYS:
        moved = calendar_dates(on(day))
        start, end = horizon(on(day))
        assert start.day == 1 and end == month_end(end.year, end.month)
        assert (end.year - start.year) * 12 + end.month - start.month == 5  # still six months
        for where, before in calendar_dates(WRITTEN).items():
            inside = HORIZON_AS_WRITTEN[0] <= before <= HORIZON_AS_WRITTEN[1]
            assert (start <= moved[where] <= end) == inside, (day, where)  # in the horizon as written
            if before == month_end(before.year, before.month):
                assert moved[where] == month_end(moved[where].year, moved[where].month), (day, where)
            else:
                assert moved[where].day == before.day, (day, where)


def test_the_deadline_rules_name_the_moved_deadlines() -> None:
    for day in DAYS:
        document = on(day)
        start, _end = horizon(document)
        fiscal = document["roadmap"]["fiscal_year_start_month"]
        ruled = [o for o in document["objectives"] if o.get("deadline_rule")]
        assert ruled
        for objective in ruled:
            resolved = resolve_rule(
                objective["deadline_rule"], reference=start, fiscal_year_start_month=fiscal
            )
            assert resolved == day_of(objective["deadline"]), (day, objective["key"])


def test_today_falls_in_the_same_weeks_of_the_plan_and_no_kpi_is_late_or_ahead() -> None:
    for day in DAYS:
        shift = shift_for(day)
        start, _end = horizon(on(day))
        # The fourth month of the plan, as on AS_WRITTEN, and 0 to 27 days after the written day in its work.
        assert (day.year - start.year) * 12 + day.month - start.month == 3
        assert 0 <= (day - AS_WRITTEN).days - shift.days <= 27
        for kpi in on(day)["kpis"]:
            last = max(day_of(m["date"]) for m in kpi["measurements"])
            assert last <= day <= KPI(frequency=kpi["frequency"]).due_after(last), (day, kpi["key"])


def test_durations_lags_and_windows_stay_as_written_away_from_the_plans_ends() -> None:
    for day in DAYS:
        written, moved = work_dates(WRITTEN), work_dates(on(day))
        activities = {a["key"]: a for a in WRITTEN["activities"]}
        for key, activity in activities.items():
            if activity.get("start") is None:
                continue
            start, end = written["activities", key, "start"], written["activities", key, "end"]
            length = moved["activities", key, "end"] - moved["activities", key, "start"]
            if near_an_end(start) or near_an_end(end):
                assert end - start - timedelta(days=9) <= length <= end - start, (day, key)  # a few days cut
            else:
                assert length == end - start, (day, key)
            assert length >= timedelta(0), (day, key)
            for link in activity.get("after") or []:
                ready = moved["activities", link["activity"], "end"] + timedelta(days=link.get("lag_days", 0))
                assert moved["activities", key, "start"] > ready, (day, key)
            for field in ("not_before", "must_finish_by"):
                if ("activities", key, field) in written:
                    assert moved["activities", key, field] - moved["activities", key, "start"] == (
                        written["activities", key, field] - start
                    ), (day, key, field)


# Words that would pin a text to one time of the year; their dates move, so no text of the demo names them.
TIMELY = re.compile(
    r"\b(janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|noël|"
    r"black friday|cyber monday|fêtes|soldes|hiver|été|automne|printemps|rentrée|fin d’année|20\d\d)\b",
    re.IGNORECASE,
)


def texts(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in texts(item)]
    return [value] if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d\d-\d\d", value) else []


def test_no_text_of_the_demo_names_a_month_a_season_or_a_year() -> None:
    from jalon.demo import framing

    written = texts(WRITTEN) + texts([framing.WORKSHOPS, framing.STAKEHOLDERS, framing.ACTIONS])
    assert [text for text in written if TIMELY.search(text)] == []


def status_contradictions(document: dict[str, Any], day: date) -> list[tuple[str, str, str]]:
    """What in ``document`` says a status its dates deny on ``day``: done work that has not ended, work in
    progress that has not begun or is over, planned work already begun, a milestone reached after ``day`` or
    left unreached past its date, a communication whose next date is gone."""
    found = []
    for activity in document["activities"]:
        if activity.get("start") is None:
            continue
        start, end, status = day_of(activity["start"]), day_of(activity["end"]), activity["status"]
        if (
            (status == "done" and end > day)
            or (status == "in_progress" and not start <= day <= end)
            or (status == "planned" and start <= day)
        ):
            found.append(("activities", activity["key"], status))
    for milestone in document["milestones"]:
        reached = milestone.get("reached_on")
        if (reached is not None and day_of(reached) > day) or (
            reached is None and day_of(milestone["date"]) < day
        ):
            found.append(("milestones", milestone["key"], "reached" if reached else "to come"))
    for communication in document["communications"]:
        if day_of(communication["next_date"]) < day:
            found.append(("communications", communication["key"], "next"))
    return found


def test_no_status_of_the_demo_contradicts_its_dates_whatever_the_day_it_is_loaded_on() -> None:
    # Loaded on any day, "today" stands 0 to 27 days after the written one: every status holds in all of them.
    assert [(day, found) for day in DAYS if (found := status_contradictions(on(day), day))] == []


def test_the_check_of_statuses_against_dates_finds_a_campaign_done_in_the_future() -> None:
    document = copy.deepcopy(WRITTEN)
    campaign = next(a for a in document["activities"] if a["key"] == "black-friday")
    campaign["start"], campaign["end"] = "2026-11-09", "2026-11-30"  # as the demo had it, marked done
    assert status_contradictions(document, AS_WRITTEN) == [("activities", "black-friday", "done")]
