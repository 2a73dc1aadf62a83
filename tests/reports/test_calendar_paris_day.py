"""The calendar file across the summer time change: whole-day events stay dates (``VALUE=DATE``, no time to
shift in Google Calendar or Outlook), and its DTSTAMP, in UTC, is never later than the moment it is made."""

from __future__ import annotations

from datetime import UTC, date, datetime

import time_machine
from icalendar import Calendar

from jalon.planning.models import Activity, Milestone
from jalon.reports.options import ReportOptions
from jalon.reports.services import render_report

# 23:30 UTC on 28 March 2026 is 00:30 on Sunday 29 March in Paris, the night the clocks go forward at 2:00.
PARIS_HALF_PAST_MIDNIGHT_ON_THE_CHANGE = datetime(2026, 3, 28, 23, 30, tzinfo=UTC)


def test_whole_day_events_keep_their_dates_across_the_summer_time_change(demo) -> None:
    activity = demo.roadmap.activities.exclude(status="dropped").first()
    Activity.objects.filter(pk=activity.pk).update(start=date(2026, 3, 27), end=date(2026, 3, 30))
    milestone = demo.roadmap.milestones.first()
    Milestone.objects.filter(pk=milestone.pk).update(date=date(2026, 3, 29))
    with time_machine.travel(PARIS_HALF_PAST_MIDNIGHT_ON_THE_CHANGE, tick=False):
        made = render_report(actor=None, roadmap=demo.roadmap, fmt="ics", options=ReportOptions(sections=()))
    text = made.content.decode().replace("\r\n ", "")
    events = {str(e["UID"]).split("@")[0]: e for e in Calendar.from_ical(made.content).walk("VEVENT")}
    crossing, marked = events[f"activity-{activity.key}"], events[f"milestone-{milestone.key}"]
    assert (crossing.decoded("DTSTART"), crossing.decoded("DTEND")) == (date(2026, 3, 27), date(2026, 3, 31))
    assert (marked.decoded("DTSTART"), marked.decoded("DTEND")) == (date(2026, 3, 29), date(2026, 3, 30))
    assert "DTSTART;VALUE=DATE:20260329" in text and "DTEND;VALUE=DATE:20260330" in text
    assert "TZID" not in text  # no timed event: nothing for a reader to shift
    stamps = {e.decoded("DTSTAMP") for e in events.values()}
    assert stamps == {datetime(2026, 3, 28, 23, 0, tzinfo=UTC)}  # midnight in Paris, made on the Paris day
    assert all(stamp <= PARIS_HALF_PAST_MIDNIGHT_ON_THE_CHANGE for stamp in stamps)


def test_the_animation_plan_calendar_is_stamped_on_the_day_it_is_made(client, members, demo) -> None:
    from tests.framing.pages import BASE, login, plan_with_actions

    framing = plan_with_actions(members, demo)
    later = date(2027, 6, 1)
    framing.__class__.objects.filter(pk=framing.pk).update(plan_start=later)  # a plan that starts next year
    login(client, members["stakeholder"])
    with time_machine.travel(PARIS_HALF_PAST_MIDNIGHT_ON_THE_CHANGE, tick=False):
        response = client.get(BASE + "plan/calendar.ics")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert events and {e.decoded("DTSTAMP") for e in events} == {datetime(2026, 3, 28, 23, 0, tzinfo=UTC)}
    assert all(type(e.decoded("DTSTART")) is date and type(e.decoded("DTEND")) is date for e in events)
