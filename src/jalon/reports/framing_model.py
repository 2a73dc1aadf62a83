"""The framing section of a report as plain values: the kick-off and its workshop calendar, the personas
with their RFM figures, the experience maps, the prototypes, the animation calendar (contacts per month and
channel) and the vote results.

Texts are already in the report's language; figures stay numbers for each renderer to format.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from jalon.formatting import format_number, format_quantity


@dataclass(frozen=True)
class PersonaCard:
    key: str
    name: str
    segment: str
    quote: str
    needs: str
    expectations: str
    frustrations: str
    levers: str
    # From the last orders file; None for a persona written by hand.
    customers: int | None
    revenue_share: float | None  # 0–1
    average_basket: float | None
    orders_per_customer: float | None
    recency_days: float | None

    @property
    def has_figures(self) -> bool:
        return self.customers is not None


@dataclass(frozen=True)
class JourneyStepRow:
    name: str
    touchpoint: str
    kind: str
    feels: int  # -2 … +2
    pains: str
    opportunities: str


@dataclass(frozen=True)
class JourneyMap:
    """A persona's experience map: its steps and the pages' own SVG picture of them."""

    key: str
    persona: str
    steps: tuple[JourneyStepRow, ...]
    svg: str


@dataclass(frozen=True)
class CalendarMonth:
    first: date
    counts: tuple[int, ...]  # dated contacts per channel, in the order of ``AnimationCalendar.channels``
    overloaded_weeks: int  # weeks starting this month in which a customer gets more than the ceiling

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class PressureLine:
    """One persona's stages over the ceiling alike: in how many weeks, from when to when, its worst week
    (``contacts`` against ``ceiling`` on ``channel``, "" for all channels) and the actions that send them."""

    persona: str
    stages: tuple[str, ...]
    weeks: int
    first: date
    last: date
    contacts: int
    ceiling: int
    channel: str
    worst_week: date
    actions: tuple[str, ...]


@dataclass(frozen=True)
class PressureWeek:
    """A week over the ceiling for a persona's stages alike (those of summary line ``line``, from 1), on a
    channel ("" for all channels)."""

    week: date
    line: int
    persona: str
    channel: str
    contacts: int
    ceiling: int
    actions: tuple[str, ...]


@dataclass(frozen=True)
class PressureCheck:
    """The marketing-pressure check in print: every summary line, the worst weeks (most contacts over the
    ceiling first, at most ``collect_framing.PRESSURE_WEEKS_PRINTED``) and how many more there are."""

    lines: tuple[PressureLine, ...]
    weeks: tuple[PressureWeek, ...]
    more: int

    @cached_property
    def actions(self) -> tuple[str, ...]:
        """Every action the lines and the weeks name, once, in the order they first come: the PDF prints
        each name whole in a key (« A1 ») and its tables cite the keys, instead of 300 characters in every
        row."""
        named = [name for line in self.lines for name in line.actions]
        named += [name for week in self.weeks for name in week.actions]
        return tuple(dict.fromkeys(named))

    @cached_property
    def keyed_actions(self) -> tuple[tuple[str, str], ...]:
        """(key, name) of each of ``actions``: ``("A1", "Welcome e-mail")``."""
        return tuple((_("A{number}").format(number=n), name) for n, name in enumerate(self.actions, start=1))

    def keys(self, actions: tuple[str, ...]) -> str:
        """``actions`` by their keys, each once, with how many actions of that name there are when several
        (the edge roadmap's forty alike): ``A1, A3 ×2``."""
        key = {name: key for key, name in self.keyed_actions}
        counts = Counter(actions)
        return ", ".join(key[name] + (f" ×{n}" if n > 1 else "") for name, n in counts.items())

    @cached_property
    def keyed_lines(self) -> tuple[tuple[PressureLine, str], ...]:
        """Each line with its actions' keys."""
        return tuple((line, self.keys(line.actions)) for line in self.lines)

    @cached_property
    def keyed_weeks(self) -> tuple[tuple[PressureWeek, str], ...]:
        """Each week with its actions' keys."""
        return tuple((week, self.keys(week.actions)) for week in self.weeks)

    @property
    def most_stages(self) -> int:
        """The most stages one line names (the column is headed "Stages" when a line names several)."""
        return max((len(line.stages) for line in self.lines), default=1)


@dataclass(frozen=True)
class AnimationCalendar:
    """The animation plan's year as a month × channel grid of dated contacts."""

    channels: tuple[str, ...]  # channel labels, only those the plan uses
    months: tuple[CalendarMonth, ...]
    ceiling_per_week: int
    on_event: tuple[str, ...]  # actions sent on an event: no date of their own ("what — trigger")
    pressure: PressureCheck | None = None  # None: no week over a ceiling

    @property
    def total(self) -> int:
        return sum(month.total for month in self.months)

    def channel_totals(self) -> tuple[int, ...]:
        return tuple(sum(month.counts[i] for month in self.months) for i in range(len(self.channels)))

    def table_rows(self) -> tuple[tuple[str, ...], ...]:
        """The calendar as a table, in the words of every document (the PDF's template says the same): the
        headers, a row per month (« Septembre 2026 »; « · » for a channel without contact, « — » for a month
        without a week over the ceiling), then the totals."""
        headers = (_("Month"), *(capfirst(channel) for channel in self.channels), _("Total"),
                   _("Weeks over the ceiling"))  # fmt: skip
        rows = [
            (capfirst(date_format(m.first, "F Y")), *(_count(n, "·") for n in m.counts), _count(m.total, "·"),
             _count(m.overloaded_weeks, "—"))
            for m in self.months
        ]  # fmt: skip
        totals = (_("Total"), *(_count(n, "·") for n in self.channel_totals()), _count(self.total, "·"), "")
        return (headers, *rows, totals)


def _count(number: int, none: str) -> str:
    """A count of a calendar's cell as the reader writes it (``2 752`` / ``2,752``), ``none`` for zero."""
    return format_number(number, decimals=0) if number else none


@dataclass(frozen=True)
class VoteLine:
    title: str
    points: int
    voters: int
    objective: str  # the roadmap objective it became, if adopted


@dataclass(frozen=True)
class VoteResult:
    title: str
    closed: bool
    points_per_person: int
    ballots: int
    lines: tuple[VoteLine, ...]  # most points first


@dataclass(frozen=True)
class WorkshopRow:
    """A workshop of the framing's calendar with the stakeholders who attend it."""

    kind: str
    day: date | None
    place: str
    status: str
    deliverable: str
    participants: str  # names, comma-separated
    key: str = ""  # as the roadmap file names it (its kind, then ``kind-2``…): the calendar's UID holds it
    cancelled: bool = False


@dataclass(frozen=True)
class PrototypeRow:
    """A mock-up or graphic guideline shown at a workshop: the deliverable lists it, not its picture."""

    title: str
    workshop: str  # the workshop it was shown at, "" when none
    status: str
    comments: str
    file_name: str


@dataclass(frozen=True)
class PlanActionRow:
    """An action of the animation plan as the deliverable lists it: what is sent and its content, to whom, on
    which channel, when and how often, by whom and at what cost (the plan page's table)."""

    what: str
    persona: str  # "" for every persona
    stage: str  # "" for every stage
    channel: str
    frequency: str  # in words: "weekly", "on an event"
    trigger: str  # "" unless sent on an event
    delay_days: int
    start: date | None
    end: date | None
    owner: str
    cost: float
    once: bool = False  # a one-off action: its start is its day, not the start of a window

    @property
    def audience(self) -> str:
        """ "Céline · every stage", as the plan page says it."""
        return f"{self.persona or _('every persona')} · {self.stage or _('every stage')}"

    @property
    def when(self) -> str:
        """ "Monthly", "On an event: first_order (+2 days)", then the window when there is one; a one-off
        action's day alone ("One-off, 05/10/2026", not "05/10/2026 – …")."""
        words = self.frequency[:1].upper() + self.frequency[1:]
        if self.trigger:
            words = _("{frequency}: {trigger}").format(frequency=words, trigger=self.trigger)
            if self.delay_days:
                days = ngettext("(+{days} day)", "(+{days} days)", self.delay_days)
                words = f"{words} {days.format(days=self.delay_days)}"
        if self.once and self.start and not self.end:
            words = f"{words}, {date_format(self.start, 'SHORT_DATE_FORMAT')}"
        elif self.start or self.end:
            window = " – ".join(
                date_format(day, "SHORT_DATE_FORMAT") if day else "…" for day in (self.start, self.end)
            )
            words = f"{words}, {window}"
        return words


@dataclass(frozen=True)
class FramingBlock:
    stakes: str
    scope: str
    objectives: str
    orders_file: str
    orders_as_of: date | None
    orders_customers: int
    personas: tuple[PersonaCard, ...]
    journeys: tuple[JourneyMap, ...]
    calendar: AnimationCalendar | None
    votes: tuple[VoteResult, ...]
    prototypes: tuple[PrototypeRow, ...] = ()
    workshops: tuple[WorkshopRow, ...] = ()
    actions: tuple[PlanActionRow, ...] = ()  # the animation plan, in the plan page's order


def recency_days_text(days: float | None) -> str:
    """ "1 jour", "12 jours": the plural follows the whole number shown."""
    whole = round(days) if days is not None else 0
    return ngettext("%(days)s day", "%(days)s days", whole) % {"days": format_number(days, decimals=0)}


def persona_figures(card: PersonaCard, currency: str) -> tuple[tuple[str, str], ...]:
    """(label, value) of a persona's RFM figures, in the active language; none for a hand-written one."""
    if not card.has_figures:
        return ()
    return (
        (_("Customers"), format_number(card.customers, decimals=0)),
        (
            _("Share of revenue"),
            format_quantity(
                None if card.revenue_share is None else card.revenue_share * 100, "%", decimals=0
            ),
        ),
        (_("Average basket"), format_quantity(card.average_basket, currency)),
        (_("Orders per customer"), format_number(card.orders_per_customer, decimals=1)),
        (_("Mean recency"), recency_days_text(card.recency_days)),
    )
