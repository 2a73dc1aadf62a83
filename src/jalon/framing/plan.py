"""The animation plan seen through the engines: dated contacts over the plan year, a month and a week
calendar, the marketing-pressure check against the team's ceilings (all channels together and per
channel), and the calendar as an ICS file."""

from __future__ import annotations

import calendar as month_calendar
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from jalon import __version__
from jalon.clock import start_of_day
from jalon.engines import contact_plan, contact_pressure
from jalon.engines.calendar import DateRange, add_months
from jalon.framing.models import LAST_PLAN_START, Channel, Framing, PlanAction

ALL = "*"  # the audience name of "every persona" / "every stage"


def plan_start(framing: Framing) -> date:
    """The plan year's first day: the framing's own, else the roadmap's start (a roadmap starting in 2200
    has its plan year end there)."""
    return min(framing.plan_start or framing.roadmap.start, LAST_PLAN_START)


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
        if c.day.year == first.year and c.day.month == first.month and _shown(c, channel, persona)
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


def _shown(contact: DatedContact, channel: str, persona: str) -> bool:
    action = contact.action
    return (not channel or action.channel == channel) and (
        not persona or action.persona is None or action.persona.key == persona
    )


@dataclass
class WeekRow:
    label: str
    days: list[list[DatedContact]]


@dataclass
class Week:
    monday: date
    days: list[date]
    rows: list[WeekRow]
    count: int


def week(
    framing: Framing, contacts: list[DatedContact], monday: date, *, rows: str = "channel",
    channel: str = "", persona: str = "",
) -> Week:  # fmt: skip
    """Seven days from ``monday``, one row per channel (``rows="channel"``) or per persona (``"persona"``;
    actions for everyone in a row of their own), each cell holding that day's contacts."""
    days = [monday + timedelta(days=n) for n in range(7)]
    picked = [c for c in contacts if monday <= c.day <= days[-1] and _shown(c, channel, persona)]
    if rows == "persona":
        everyone = str(_("every persona"))
        order = [p.name for p in framing.personas.all()] if framing.pk else []
        label_of = {id(c): c.action.persona.name if c.action.persona else everyone for c in picked}
        order = [*order, everyone]
    else:
        order = [str(label) for _value, label in Channel.choices]
        label_of = {id(c): str(c.action.get_channel_display()) for c in picked}
    used = [name for name in order if name in set(label_of.values())]
    built = []
    for name in used:
        cells: list[list[DatedContact]] = [[] for _day in days]
        for contact in picked:
            if label_of[id(contact)] == name:
                cells[(contact.day - monday).days].append(contact)
        built.append(WeekRow(name, cells))
    return Week(monday, days, built, len(picked))


def weeks_of(framing: Framing) -> list[date]:
    """The Mondays of the weeks that overlap the plan year."""
    start = plan_start(framing)
    monday = start - timedelta(days=start.weekday())
    last = contact_plan.year_end(start)
    return [monday + timedelta(weeks=n) for n in range(54) if monday + timedelta(weeks=n) <= last]


def months_of(framing: Framing) -> list[date]:
    """The first days of the months that overlap the plan year: 12 when it starts on a 1st, else 13 (from
    15 March 2026 to 14 March 2027; from 29 February 2028 to 28 February 2029), its last days in the 13th."""
    start = plan_start(framing)
    count = 12 if start.day == 1 else 13
    return [add_months(start.replace(day=1), n) for n in range(count)]


@dataclass
class Overload:
    week: date
    persona: str
    stage: str
    channel: str
    contacts: int
    ceiling: int
    actions: list[str]


# Up to this many weeks and segments over the ceiling, the week-by-week list is shown open under the
# segments; more (a big plan reaches hundreds), it is folded, one click away.
WEEKS_SHOWN_OPEN = 12


@dataclass
class SegmentPressure:
    """One segment (persona × stage) over a ceiling: in how many weeks, from when to when, its worst week
    (most contacts over the ceiling), the actions that send them (those in most weeks first), and its
    week-by-week rows."""

    persona: str
    stage: str
    rows: list[Overload]

    @property
    def weeks(self) -> int:
        return len({row.week for row in self.rows})

    @property
    def first(self) -> date:
        return min(row.week for row in self.rows)

    @property
    def last(self) -> date:
        return max(row.week for row in self.rows)

    @property
    def worst(self) -> Overload:
        return max(
            self.rows, key=lambda row: (row.contacts - row.ceiling, row.contacts, -row.week.toordinal())
        )

    @property
    def actions(self) -> list[str]:
        counts: dict[str, int] = {}
        for row in self.rows:
            for action in row.actions:
                counts[action] = counts.get(action, 0) + 1
        return sorted(counts, key=lambda action: (-counts[action], action))


def by_segment(overloads: list[Overload]) -> list[SegmentPressure]:
    """The overloads grouped by segment (persona × stage, in the reader's alphabetical order), each group's
    rows by week then channel (all channels first): every row kept, the page shows the groups first."""
    groups: dict[tuple[str, str], list[Overload]] = {}
    for row in overloads:
        groups.setdefault((row.persona, row.stage), []).append(row)
    return [
        SegmentPressure(persona, stage, sorted(rows, key=lambda row: (row.week, row.channel)))
        for (persona, stage), rows in sorted(
            groups.items(), key=lambda item: (item[0][0].casefold(), item[0][1].casefold())
        )
    ]


@dataclass
class PressureLine:
    """The segments of one persona over the ceiling alike — every week the same contacts from the same
    actions — read as one line naming their stages: a persona sent its e-mails at every stage of its life
    cycle made one identical line per stage. ``segment`` is the first of them (its weeks and rows)."""

    persona: str
    stages: list[str]
    segment: SegmentPressure


def pressure_lines(segments: list[SegmentPressure]) -> list[PressureLine]:
    """``segments`` (``by_segment``) with the stages of a persona over the ceiling alike in one line, in the
    order of their first stage."""
    lines: dict[tuple[object, ...], PressureLine] = {}
    for segment in segments:
        pattern = tuple((r.week, r.channel, r.contacts, r.ceiling, tuple(r.actions)) for r in segment.rows)
        line = lines.setdefault((segment.persona, pattern), PressureLine(segment.persona, [], segment))
        line.stages.append(segment.stage)
    return list(lines.values())


def most_stages(lines: Iterable[PressureLine]) -> int:
    """The most stages one summary line names: its column is headed "Stages" when a line names several."""
    return max((len(line.stages) for line in lines), default=1)


def ceilings(framing: Framing, actions: list[PlanAction]) -> contact_pressure.Ceilings:
    """The all-channels ceiling and each used channel's own (or the default per-channel one)."""
    per_channel = {a.channel: framing.ceiling_of(a.channel) for a in actions}
    return contact_pressure.Ceilings(
        per_channel={c: n for c, n in per_channel.items() if n is not None},
        all_channels=framing.ceiling_per_week,
    )


def channel_ceilings(framing: Framing) -> list[tuple[str, int | None]]:
    """Each channel's label and weekly ceiling (None: none), for the page."""
    return [(str(label), framing.ceiling_of(value)) for value, label in Channel.choices]


def pressure(framing: Framing, actions: list[PlanAction]) -> list[Overload]:
    """Weeks and segments (persona × stage) where one typical customer gets more contacts than a
    ceiling — all channels together or one channel's —, with the actions that send them."""
    personas = {p.key: p.name for p in framing.personas.all()} or {ALL: _("everyone")}
    stages = {s.key: s.shown_name for s in framing.stages.all()} or {ALL: _("everyone")}
    plan = engine_plan(framing, actions)
    audience = contact_plan.Audience.typical(list(personas), list(stages))
    result = contact_pressure.check(plan, audience, ceilings(framing, actions))
    what = {action.key: action.what for action in actions}
    labels = {value: str(label) for value, label in Channel.choices}
    return [
        Overload(
            week=found.week,
            persona=personas.get(found.persona, found.persona),
            stage=stages.get(found.stage, found.stage),
            channel=labels.get(found.channel, found.channel) if found.channel else "",
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
    # made today (midnight in Paris, in UTC), not on the plan's first day: a stamp in the future, then an
    # earlier one once the plan starts sooner, would let a calendar keep the older events as the newer
    stamp = start_of_day(timezone.localdate())
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
