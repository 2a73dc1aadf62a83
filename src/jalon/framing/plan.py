"""The animation plan seen through the engines: dated contacts over the plan year, a month calendar,
the marketing-pressure check against the team's ceiling, and the calendar as an ICS file."""

from __future__ import annotations

import calendar as month_calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from jalon import __version__
from jalon.engines import contact_plan, contact_pressure
from jalon.engines.calendar import DateRange
from jalon.framing.models import Framing, PlanAction

ALL = "*"  # the audience name of "every persona" / "every stage"


def plan_start(framing: Framing) -> date:
    return framing.plan_start or framing.roadmap.start


def engine_plan(framing: Framing, actions: list[PlanAction]) -> contact_plan.Plan:
    built = []
    for action in actions:
        window = (
            DateRange(action.start or plan_start(framing), action.end or date(2200, 12, 31))
            if (action.start or action.end)
            else None
        )
        built.append(
            contact_plan.Action(
                key=action.key,
                what=action.what,
                channel=action.channel,
                frequency=contact_plan.Frequency(action.frequency),
                personas=frozenset({action.persona.key}) if action.persona else frozenset(),
                stages=frozenset({action.stage.key}) if action.stage else frozenset(),
                window=window,
                trigger=action.trigger or None,
                delay_days=action.delay_days,
                owner=action.owner[:500],
                cost_eur=action.cost,
            )
        )
    return contact_plan.Plan(tuple(built), plan_start(framing))


@dataclass
class DatedContact:
    day: date
    action: PlanAction

    @property
    def audience(self) -> str:
        names = [str(x) for x in (self.action.persona, self.action.stage) if x is not None]
        return " · ".join(names) or _("everyone")


@dataclass
class Day:
    day: date | None
    contacts: list[DatedContact] = field(default_factory=list)


@dataclass
class Month:
    first: date
    weeks: list[list[Day]]
    count: int


def dated_contacts(framing: Framing, actions: list[PlanAction]) -> list[DatedContact]:
    """Every dated contact of the plan year (on-event actions have no date of their own)."""
    by_key = {action.key: action for action in actions}
    return [DatedContact(c.day, by_key[c.action]) for c in contact_plan.expand(engine_plan(framing, actions))]


def month(contacts: list[DatedContact], first: date, *, channel: str = "", persona: str = "") -> Month:
    """A month grid (Monday first) holding the contacts of that month, filtered by channel and persona."""
    picked = [
        c for c in contacts
        if c.day.year == first.year and c.day.month == first.month
        and (not channel or c.action.channel == channel)
        and (not persona or (c.action.persona is None or c.action.persona.key == persona))
    ]  # fmt: skip
    weeks: list[list[Day]] = []
    for days in month_calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month):
        weeks.append([Day(d if d.month == first.month else None) for d in days])
    by_day: dict[date, list[DatedContact]] = {}
    for contact in picked:
        by_day.setdefault(contact.day, []).append(contact)
    for row in weeks:
        for cell in row:
            if cell.day is not None:
                cell.contacts = by_day.get(cell.day, [])
    return Month(first, weeks, len(picked))


def months_of(framing: Framing) -> list[date]:
    start = plan_start(framing)
    return [
        date(start.year + (start.month - 1 + n) // 12, (start.month - 1 + n) % 12 + 1, 1) for n in range(12)
    ]


@dataclass
class Overload:
    week: date
    persona: str
    stage: str
    channel: str
    contacts: int
    ceiling: int
    actions: list[str]


def pressure(framing: Framing, actions: list[PlanAction]) -> list[Overload]:
    """Weeks and segments (persona × stage) where one typical customer gets more contacts than the
    ceiling, all channels together, with the actions that send them."""
    personas = {p.key: p.name for p in framing.personas.all()} or {ALL: _("everyone")}
    stages = {s.key: s.name for s in framing.stages.all()} or {ALL: _("everyone")}
    plan = engine_plan(framing, actions)
    audience = contact_plan.Audience.typical(list(personas), list(stages))
    result = contact_pressure.check(
        plan, audience, contact_pressure.Ceilings(all_channels=framing.ceiling_per_week)
    )
    what = {action.key: action.what for action in actions}
    return [
        Overload(
            week=found.week,
            persona=personas.get(found.persona, found.persona),
            stage=stages.get(found.stage, found.stage),
            channel=found.channel or "",
            contacts=found.contacts,
            ceiling=found.ceiling,
            actions=[what.get(cause.action, cause.action) for cause in found.causes],
        )
        for found in result.overloads
    ]


def ics(framing: Framing, contacts: list[DatedContact]) -> bytes:
    """One whole-day event per dated contact (icalendar escapes the text)."""
    roadmap = framing.roadmap
    calendar = Calendar()
    calendar.add("prodid", f"-//Jalon//Jalon {__version__}//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("Animation plan: {title}").format(title=roadmap.title))
    stamp = datetime.combine(plan_start(framing), datetime.min.time(), tzinfo=UTC)
    for contact in contacts:
        action = contact.action
        event = Event()
        event.add(
            "uid", f"{action.key}-{contact.day.isoformat()}@{roadmap.workspace.slug}.{roadmap.slug}.jalon"
        )
        event.add("dtstamp", stamp)
        event.add("summary", f"{action.what} ({action.get_channel_display()})")
        event.add("dtstart", contact.day)
        event.add("dtend", contact.day + timedelta(days=1))
        event.add("description", _("For: {audience}").format(audience=contact.audience))
        event.add("categories", [str(action.get_channel_display())])
        calendar.add_component(event)
    return bytes(calendar.to_ical())
