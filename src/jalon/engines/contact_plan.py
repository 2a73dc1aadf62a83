"""The animation plan: actions expanded into dated contacts over a year.

An :class:`Action` says **what** (action and content), **for whom** (personas and/or lifecycle stages;
empty means all), on which **channel**, **when** (a dated window, or a trigger event with a delay) and
**how often**: once (on the window's first day), weekly (every 7 days from it), monthly (the same day
of each month from it, the month's last day when shorter), or on event (``delay_days`` after each
occurrence of the trigger, inside the window when there is one). Owner and cost are carried along.

:func:`expand` gives the dated contacts of the plan year (``start`` to the day before the same date a
year later) as columns; event-driven contacts need the events' dates, which belong to the customers:
see :class:`Audience` and :mod:`jalon.engines.contact_pressure`, which counts the contacts one customer
receives per week and channel against ceilings. Everything is vectorised with numpy, so a plan of 60
actions checked for 100,000 customers takes a fraction of a second.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum

import numpy as np

from jalon.engines.calendar import DateRange, month_end
from jalon.engines.limits import NUMBER_LIMIT
from jalon.engines.rfm import IntArray, day_number, from_day_number

__all__ = [
    "MAX_DELAY_DAYS",
    "Action",
    "Audience",
    "Contact",
    "Contacts",
    "Frequency",
    "Plan",
    "PlanError",
    "Window",
    "expand",
    "expand_events",
]

MAX_DELAY_DAYS = 366
TEXT_MAX = 500


class PlanError(ValueError):
    """A plan or audience the engine cannot expand; the message names the action or field."""


class Frequency(StrEnum):
    ONE_OFF = "one_off"
    WEEKLY = "weekly"
    MONTHLY = "monthly"
    ON_EVENT = "on_event"


# A dated window, both days included (a window that ends before it starts raises ValueError).
Window = DateRange


@dataclass(frozen=True)
class Action:
    key: str
    what: str
    channel: str
    frequency: Frequency
    personas: frozenset[str] = frozenset()  # empty: every persona
    stages: frozenset[str] = frozenset()  # empty: every stage
    window: Window | None = None  # None: the whole plan year
    trigger: str | None = None  # the event that starts an on-event action
    delay_days: int = 0
    owner: str = ""
    cost_eur: float = 0.0

    def __post_init__(self) -> None:
        if not self.key or not self.channel:
            raise PlanError("an action needs a key and a channel")
        if max(len(self.key), len(self.what), len(self.channel), len(self.owner)) > TEXT_MAX:
            raise PlanError(f"action {self.key[:40]}: a text is over {TEXT_MAX} characters")
        if (self.frequency is Frequency.ON_EVENT) != bool(self.trigger):
            raise PlanError(
                f"action {self.key}: a trigger event goes with the on-event frequency, and only there"
            )
        if self.window is not None and not (self.window.start.year >= 1900 and self.window.end.year <= 2200):
            raise PlanError(f"action {self.key}: window dates must be between 1900 and 2200")
        if not 0 <= self.delay_days <= MAX_DELAY_DAYS:
            raise PlanError(f"action {self.key}: the delay must be from 0 to {MAX_DELAY_DAYS} days")
        # every cost the application stores (up to 10^15, jalon.bounds): a tighter bound here let a cost
        # the form saved make the plan page fail on every visit after
        if not (math.isfinite(self.cost_eur) and 0 <= self.cost_eur <= NUMBER_LIMIT):
            raise PlanError(f"action {self.key}: the cost must be a positive finite number")

    def audience_accepts(self, persona: str, stage: str) -> bool:
        return (not self.personas or persona in self.personas) and (not self.stages or stage in self.stages)


def year_end(start: date) -> date:
    """The last day of the plan year that begins on ``start``."""
    try:
        following = start.replace(year=start.year + 1)
    except ValueError:  # 29 February
        following = date(start.year + 1, 3, 1)
    return following - timedelta(days=1)


@dataclass(frozen=True)
class Plan:
    actions: tuple[Action, ...]
    start: date  # first day of the plan year

    def __post_init__(self) -> None:
        keys = [action.key for action in self.actions]
        if len(set(keys)) != len(keys):
            raise PlanError("two actions have the same key")
        if not 1900 <= self.start.year <= 2199:
            raise PlanError("the plan year must start between 1900 and 2199")

    @property
    def end(self) -> date:
        return year_end(self.start)

    def bounds(self, action: Action) -> tuple[int, int]:
        """The day numbers (inclusive) where the action may send: its window within the plan year."""
        first, last = day_number(self.start), day_number(self.end)
        if action.window is not None:
            first = max(first, day_number(action.window.start))
            last = min(last, day_number(action.window.end))
        return first, last

    @property
    def first_monday(self) -> date:
        return self.start - timedelta(days=self.start.weekday())

    @property
    def weeks(self) -> int:
        return (self.end - self.first_monday).days // 7 + 1

    def week_of(self, days: IntArray) -> IntArray:
        """Week index (0 = the week of the plan's first day, Monday to Sunday) of each day number."""
        weeks: IntArray = (days - day_number(self.first_monday)) // 7
        return weeks


@dataclass(frozen=True)
class Contact:
    action: str
    day: date
    channel: str


@dataclass(frozen=True, eq=False)
class Contacts:
    """Dated contacts as columns: ``action[i]`` indexes ``plan.actions``; ``day`` is a day number.
    For event contacts ``customer[i]`` is the customer (index in the audience), else -1."""

    plan: Plan
    action: IntArray
    day: IntArray
    customer: IntArray

    def __len__(self) -> int:
        return len(self.action)

    def __iter__(self) -> Iterator[Contact]:
        actions = self.plan.actions
        for index, day in zip(self.action.tolist(), self.day.tolist(), strict=True):
            yield Contact(actions[index].key, from_day_number(day), actions[index].channel)


def _dated_days(action: Action, plan: Plan) -> list[int]:
    first, last = plan.bounds(action)
    anchor = action.window.start if action.window is not None else plan.start
    if action.frequency is Frequency.ONE_OFF:
        days = [day_number(anchor)]
    elif action.frequency is Frequency.WEEKLY:
        days = list(range(day_number(anchor), last + 1, 7))
    elif action.frequency is Frequency.MONTHLY:
        days = []
        year, month = anchor.year, anchor.month
        while (month_day := _month_day(year, month, anchor.day)) <= last:
            days.append(month_day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    else:
        return []
    return [day for day in days if first <= day <= last]


def _month_day(year: int, month: int, day: int) -> int:
    return day_number(min(date(year, month, 1) + timedelta(days=day - 1), month_end(year, month)))


def expand(plan: Plan) -> Contacts:
    """The dated contacts of every action that is not event-driven, sorted by day then action."""
    per_action = [(index, _dated_days(action, plan)) for index, action in enumerate(plan.actions)]
    action = np.array([index for index, days in per_action for _ in days], dtype=np.int64)
    day = np.array([d for _, days in per_action for d in days], dtype=np.int64)
    order = np.lexsort((action, day))
    return Contacts(plan, action[order], day[order], np.full(len(order), -1, dtype=np.int64))


@dataclass(frozen=True, eq=False)
class Audience:
    """The customers a plan is checked for: each one's persona and stage (indexes into ``personas``
    and ``stages``) and their events (customer index, trigger index into ``triggers``, day number)."""

    personas: tuple[str, ...]
    stages: tuple[str, ...]
    persona: IntArray
    stage: IntArray
    triggers: tuple[str, ...] = ()
    event_customer: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    event_trigger: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    event_day: IntArray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))

    def __post_init__(self) -> None:
        if len(self.persona) != len(self.stage):
            raise PlanError("persona and stage must have one entry per customer")
        if len({len(self.event_customer), len(self.event_trigger), len(self.event_day)}) != 1:
            raise PlanError("event columns must have the same length")
        for values, names in ((self.persona, self.personas), (self.stage, self.stages)):
            if len(values) and (values.min() < 0 or values.max() >= len(names)):
                raise PlanError("a persona or stage index is out of range")
        if len(self.event_customer) and (
            self.event_customer.min() < 0
            or self.event_customer.max() >= len(self.persona)
            or self.event_trigger.min() < 0
            or self.event_trigger.max() >= len(self.triggers)
        ):
            raise PlanError("an event's customer or trigger index is out of range")

    def __len__(self) -> int:
        return len(self.persona)

    @property
    def segment(self) -> IntArray:
        """Each customer's persona × stage cell, ``persona * len(stages) + stage``."""
        cells: IntArray = self.persona * len(self.stages) + self.stage
        return cells

    @classmethod
    def typical(
        cls,
        personas: Sequence[str],
        stages: Sequence[str],
        events: Mapping[tuple[str, str], Sequence[tuple[str, date]]] | None = None,
    ) -> Audience:
        """One typical customer per persona × stage, with the events given for that cell (trigger, day):
        the plan-level check, before any customer data exists."""
        cells = [(p, s) for p in range(len(personas)) for s in range(len(stages))]
        triggers = sorted({trigger for found in (events or {}).values() for trigger, _ in found})
        rows = [
            (number, triggers.index(trigger), day_number(day))
            for number, (p, s) in enumerate(cells)
            for trigger, day in (events or {}).get((personas[p], stages[s]), ())
        ]
        columns = np.array(rows, dtype=np.int64).reshape(-1, 3)
        return cls(
            personas=tuple(personas),
            stages=tuple(stages),
            persona=np.array([p for p, _ in cells], dtype=np.int64),
            stage=np.array([s for _, s in cells], dtype=np.int64),
            triggers=tuple(triggers),
            event_customer=columns[:, 0].copy(),
            event_trigger=columns[:, 1].copy(),
            event_day=columns[:, 2].copy(),
        )


def audience_matrix(plan: Plan, audience: Audience) -> np.ndarray:
    """``[action, cell]``: whether the action is for the customers of persona × stage cell."""
    cells = [(p, s) for p in audience.personas for s in audience.stages]
    return np.array(
        [[action.audience_accepts(p, s) for p, s in cells] for action in plan.actions], dtype=bool
    )


def expand_events(plan: Plan, audience: Audience, matrix: np.ndarray | None = None) -> Contacts:
    """The contacts of the on-event actions for ``audience``: ``delay_days`` after each occurrence of
    the trigger, for customers the action is for, inside the action's window and the plan year."""
    matrix = audience_matrix(plan, audience) if matrix is None else matrix
    segment = audience.segment
    by_trigger = np.argsort(audience.event_trigger, kind="stable")
    sorted_triggers = audience.event_trigger[by_trigger]
    parts: list[tuple[IntArray, IntArray, IntArray]] = []
    for index, action in enumerate(plan.actions):
        if action.frequency is not Frequency.ON_EVENT or action.trigger not in audience.triggers:
            continue
        trigger = audience.triggers.index(action.trigger)
        low, high = np.searchsorted(sorted_triggers, [trigger, trigger + 1])
        events = by_trigger[low:high]
        customer = audience.event_customer[events]
        day = audience.event_day[events] + action.delay_days
        first, last = plan.bounds(action)
        keep = (day >= first) & (day <= last) & matrix[index, segment[customer]]
        parts.append((np.full(int(keep.sum()), index, dtype=np.int64), day[keep], customer[keep]))
    if not parts:
        empty = np.zeros(0, dtype=np.int64)
        return Contacts(plan, empty, empty.copy(), empty.copy())
    return Contacts(
        plan,
        np.concatenate([part[0] for part in parts]),
        np.concatenate([part[1] for part in parts]),
        np.concatenate([part[2] for part in parts]),
    )
