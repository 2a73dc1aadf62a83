"""Properties of the contact expansion and the pressure check on random plans and audiences: every
contact lies inside its action's window and the plan year, and the vectorised pressure counts equal a
brute-force count, customer by customer, written here with plain dates."""

from __future__ import annotations

import calendar
from collections import Counter, defaultdict
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jalon.engines.contact_plan import Action, Audience, Frequency, Plan, Window, expand, expand_events
from jalon.engines.contact_pressure import Ceilings, check
from jalon.engines.rfm import day_number, from_day_number

pytestmark = pytest.mark.engine

PERSONAS, STAGES, TRIGGERS, CHANNELS = (
    ("a", "b"),
    ("x", "y", "z"),
    ("first_order", "birthday"),
    ("email", "sms"),
)


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    start = draw(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 12, 31)))
    actions = []
    for number in range(draw(st.integers(min_value=1, max_value=6))):
        frequency = draw(st.sampled_from(list(Frequency)))
        window = None
        if draw(st.booleans()):
            first = start + timedelta(days=draw(st.integers(min_value=-60, max_value=380)))
            window = Window(first, first + timedelta(days=draw(st.integers(min_value=0, max_value=200))))
        actions.append(
            Action(
                key=f"act{number}",
                what="content",
                channel=draw(st.sampled_from(CHANNELS)),
                frequency=frequency,
                personas=frozenset(draw(st.sets(st.sampled_from(PERSONAS)))),
                stages=frozenset(draw(st.sets(st.sampled_from(STAGES)))),
                window=window,
                trigger=draw(st.sampled_from(TRIGGERS)) if frequency is Frequency.ON_EVENT else None,
                delay_days=draw(st.integers(min_value=0, max_value=30)),
            )
        )
    return Plan(tuple(actions), start)


@st.composite
def audiences(draw: st.DrawFn, plan: Plan) -> Audience:
    size = draw(st.integers(min_value=1, max_value=12))
    events = draw(st.integers(min_value=0, max_value=25))
    low = day_number(plan.start) - 40
    return Audience(
        personas=PERSONAS,
        stages=STAGES,
        persona=np.array(draw(st.lists(st.integers(0, 1), min_size=size, max_size=size)), dtype=np.int64),
        stage=np.array(draw(st.lists(st.integers(0, 2), min_size=size, max_size=size)), dtype=np.int64),
        triggers=TRIGGERS,
        event_customer=np.array(
            draw(st.lists(st.integers(0, size - 1), min_size=events, max_size=events)), dtype=np.int64
        ),
        event_trigger=np.array(
            draw(st.lists(st.integers(0, 1), min_size=events, max_size=events)), dtype=np.int64
        ),
        event_day=np.array(
            draw(st.lists(st.integers(low, low + 440), min_size=events, max_size=events)), dtype=np.int64
        ),
    )


ceilings = st.builds(
    Ceilings,
    per_channel=st.dictionaries(st.sampled_from(CHANNELS), st.integers(min_value=0, max_value=3)),
    all_channels=st.one_of(st.none(), st.integers(min_value=0, max_value=4)),
)


def brute_days(action: Action, plan: Plan, events: dict[str, list[date]]) -> list[date]:
    """Every day ``action`` contacts one customer with these events, from the definitions."""
    first = max(plan.start, action.window.start) if action.window else plan.start
    last = min(plan.end, action.window.end) if action.window else plan.end
    anchor = action.window.start if action.window else plan.start
    if action.frequency is Frequency.ON_EVENT:
        candidates = [day + timedelta(days=action.delay_days) for day in events.get(str(action.trigger), [])]
    elif action.frequency is Frequency.ONE_OFF:
        candidates = [anchor]
    elif action.frequency is Frequency.WEEKLY:
        candidates = [anchor + timedelta(weeks=n) for n in range(60)]
    else:
        candidates = []
        for n in range(14):
            year, month = anchor.year + (anchor.month - 1 + n) // 12, (anchor.month - 1 + n) % 12 + 1
            candidates.append(date(year, month, min(anchor.day, calendar.monthrange(year, month)[1])))
    return [day for day in candidates if first <= day <= last]


def brute_pressure(
    plan: Plan, audience: Audience, limits: Ceilings
) -> tuple[dict[tuple[str, str, date, str | None], tuple[int, int]], int]:
    events: dict[int, dict[str, list[date]]] = defaultdict(lambda: defaultdict(list))
    for customer, trigger, day in zip(
        audience.event_customer, audience.event_trigger, audience.event_day, strict=True
    ):
        events[int(customer)][audience.triggers[int(trigger)]].append(from_day_number(int(day)))
    over: Counter[tuple[str, str, date, str | None]] = Counter()
    peak: dict[tuple[str, str, date, str | None], int] = {}
    sent = 0
    for customer in range(len(audience)):
        persona, stage = (
            audience.personas[audience.persona[customer]],
            audience.stages[audience.stage[customer]],
        )
        weekly: Counter[tuple[date, str | None]] = Counter()
        for action in plan.actions:
            if action.audience_accepts(persona, stage):
                for day in brute_days(action, plan, events[customer]):
                    monday = day - timedelta(days=day.weekday())
                    weekly[(monday, action.channel)] += 1
                    weekly[(monday, None)] += 1
                    sent += 1
        for (monday, channel), contacts in weekly.items():
            key = (persona, stage, monday, channel)
            peak[key] = max(peak.get(key, 0), contacts)
            limit = limits.all_channels if channel is None else limits.per_channel.get(channel)
            if limit is not None and contacts > limit:
                over[key] += 1
    return {key: (count, peak[key]) for key, count in over.items()}, sent


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_every_contact_lies_inside_its_action_window_and_the_plan_year(data: st.DataObject) -> None:
    plan = data.draw(plans())
    audience = data.draw(audiences(plan))
    for contacts in (expand(plan), expand_events(plan, audience)):
        for contact in contacts:
            action = next(a for a in plan.actions if a.key == contact.action)
            assert plan.start <= contact.day <= plan.end
            if action.window is not None:
                assert action.window.start <= contact.day <= action.window.end


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_dated_contacts_are_exactly_the_ones_the_definitions_give(data: st.DataObject) -> None:
    plan = data.draw(plans())
    found = Counter((contact.action, contact.day) for contact in expand(plan))
    expected = Counter(
        (action.key, day)
        for action in plan.actions
        if action.frequency is not Frequency.ON_EVENT
        for day in brute_days(action, plan, {})
    )
    assert found == expected


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), limits=ceilings)
def test_pressure_counts_equal_a_brute_force_count(data: st.DataObject, limits: Ceilings) -> None:
    plan = data.draw(plans())
    audience = data.draw(audiences(plan))
    result = check(plan, audience, limits)
    expected, sent = brute_pressure(plan, audience, limits)
    found = {(o.persona, o.stage, o.week, o.channel): (o.customers, o.contacts) for o in result.overloads}
    assert found == expected
    assert result.contacts_sent == sent
    for overload in result.overloads:
        assert overload.contacts > overload.ceiling
        assert sum(cause.contacts for cause in overload.causes) >= overload.contacts
        assert 0 < overload.customers <= overload.cell_customers


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), limits=ceilings)
def test_pressure_check_gives_the_same_answer_twice(data: st.DataObject, limits: Ceilings) -> None:
    plan = data.draw(plans())
    audience = data.draw(audiences(plan))
    first, second = check(plan, audience, limits), check(plan, audience, limits)
    assert first.overloads == second.overloads
    assert np.array_equal(first.peak, second.peak)
