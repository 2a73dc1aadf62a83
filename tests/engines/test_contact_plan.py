"""The animation plan expanded into dated contacts, and the marketing-pressure check, on examples."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from jalon.engines.contact_plan import (
    Action,
    Audience,
    Frequency,
    Plan,
    PlanError,
    Window,
    expand,
    expand_events,
)
from jalon.engines.contact_pressure import Ceilings, Status, check
from jalon.engines.rfm import day_number

pytestmark = pytest.mark.engine

YEAR = date(2026, 1, 1)


def days(plan: Plan) -> dict[str, list[date]]:
    found: dict[str, list[date]] = {}
    for contact in expand(plan):
        found.setdefault(contact.action, []).append(contact.day)
    return found


def test_weekly_action_repeats_every_seven_days_from_its_window_start() -> None:
    action = Action(
        "news", "Newsletter", "email", Frequency.WEEKLY, window=Window(date(2026, 3, 4), date(2026, 3, 31))
    )
    assert days(Plan((action,), YEAR))["news"] == [date(2026, 3, d) for d in (4, 11, 18, 25)]


def test_monthly_action_keeps_its_day_and_uses_the_last_day_of_short_months() -> None:
    action = Action(
        "bill", "Relevé", "email", Frequency.MONTHLY, window=Window(date(2026, 1, 31), date(2026, 4, 30))
    )
    assert days(Plan((action,), YEAR))["bill"] == [
        date(2026, 1, 31),
        date(2026, 2, 28),
        date(2026, 3, 31),
        date(2026, 4, 30),
    ]


def test_one_off_action_sends_once_on_its_window_start_and_never_outside_the_year() -> None:
    inside = Action(
        "sale", "Soldes", "sms", Frequency.ONE_OFF, window=Window(date(2026, 6, 24), date(2026, 7, 21))
    )
    before = Action(
        "old", "Noël", "sms", Frequency.ONE_OFF, window=Window(date(2025, 12, 1), date(2026, 1, 10))
    )
    found = days(Plan((inside, before), YEAR))
    assert found == {"sale": [date(2026, 6, 24)]}


def test_an_action_without_a_window_runs_the_whole_plan_year() -> None:
    action = Action("news", "Newsletter", "email", Frequency.MONTHLY)
    plan = Plan((action,), date(2026, 4, 1))
    assert days(plan)["news"][0] == date(2026, 4, 1)
    assert days(plan)["news"][-1] == date(2027, 3, 1)
    assert plan.end == date(2027, 3, 31)


def test_event_contacts_come_after_the_delay_for_the_customers_the_action_is_for() -> None:
    welcome = Action(
        "welcome",
        "Bienvenue",
        "email",
        Frequency.ON_EVENT,
        stages=frozenset({"new"}),
        trigger="first_order",
        delay_days=2,
    )
    audience = Audience(
        personas=("runner",),
        stages=("new", "loyal"),
        persona=np.array([0, 0]),
        stage=np.array([0, 1]),
        triggers=("first_order",),
        event_customer=np.array([0, 1, 0]),
        event_trigger=np.array([0, 0, 0]),
        event_day=np.array(
            [day_number(date(2026, 2, 1)), day_number(date(2026, 2, 1)), day_number(date(2026, 12, 30))]
        ),
    )
    contacts = list(expand_events(Plan((welcome,), YEAR), audience))
    assert [(c.action, c.day) for c in contacts] == [("welcome", date(2026, 2, 3))]  # not past the year's end


def test_plan_errors_name_what_is_wrong() -> None:
    with pytest.raises(PlanError, match="trigger"):
        Action("x", "x", "email", Frequency.ON_EVENT)
    with pytest.raises(PlanError, match="trigger"):
        Action("x", "x", "email", Frequency.WEEKLY, trigger="first_order")
    with pytest.raises(PlanError, match="between 1900 and 2200"):
        Action("x", "x", "email", Frequency.WEEKLY, window=Window(date(1850, 1, 1), date(2026, 1, 1)))
    with pytest.raises(ValueError, match="before it starts"):
        Window(date(2026, 2, 1), date(2026, 1, 1))
    with pytest.raises(PlanError, match="same key"):
        Plan((Action("x", "a", "email", Frequency.WEEKLY), Action("x", "b", "sms", Frequency.WEEKLY)), YEAR)
    with pytest.raises(PlanError, match="ceiling"):
        Ceilings({"email": -1})


def test_pressure_check_flags_the_week_and_names_the_actions_that_cause_it() -> None:
    bargain = frozenset({"bargain"})
    news = Action(
        "news", "Newsletter", "email", Frequency.WEEKLY, window=Window(date(2026, 1, 5), date(2026, 12, 31))
    )
    sale = Action(
        "sale",
        "Soldes",
        "email",
        Frequency.ONE_OFF,
        personas=bargain,
        window=Window(date(2026, 1, 7), date(2026, 2, 3)),
    )
    sms = Action(
        "sms",
        "Soldes SMS",
        "sms",
        Frequency.ONE_OFF,
        personas=bargain,
        window=Window(date(2026, 1, 8), date(2026, 1, 8)),
    )
    plan = Plan((news, sale, sms), YEAR)
    audience = Audience.typical(("bargain", "runner"), ("active",))
    result = check(plan, audience, Ceilings({"email": 1}, all_channels=2))
    assert result.status is Status.OVER_CEILINGS
    assert [(o.week, o.persona, o.channel, o.contacts, o.ceiling) for o in result.overloads] == [
        (date(2026, 1, 5), "bargain", "email", 2, 1),
        (date(2026, 1, 5), "bargain", None, 3, 2),
    ]
    email = result.overloads[0]
    assert [(c.action, c.contacts) for c in email.causes] == [("news", 1), ("sale", 1)]
    assert {c.action for c in result.overloads[1].causes} == {"news", "sale", "sms"}


def test_a_plan_under_its_ceilings_is_within_them() -> None:
    plan = Plan((Action("news", "Newsletter", "email", Frequency.WEEKLY),), YEAR)
    result = check(plan, Audience.typical(("p",), ("s",)), Ceilings({"email": 1}))
    assert result.status is Status.WITHIN_CEILINGS and result.overloads == ()
    assert result.contacts_sent == 53  # 2026 starts on a Thursday: 53 Thursdays


def test_typical_customers_receive_the_event_contacts_given_for_their_cell() -> None:
    plan = Plan(
        (
            Action("news", "Newsletter", "email", Frequency.WEEKLY),
            Action("welcome", "Bienvenue", "email", Frequency.ON_EVENT, trigger="first_order"),
            Action("welcome2", "Conseils", "email", Frequency.ON_EVENT, trigger="first_order", delay_days=3),
        ),
        YEAR,
    )
    audience = Audience.typical(
        ("runner",), ("new", "loyal"), {("runner", "new"): [("first_order", date(2026, 3, 2))]}
    )
    result = check(plan, audience, Ceilings({"email": 2}))
    assert [(o.week, o.stage, o.contacts) for o in result.overloads] == [(date(2026, 3, 2), "new", 3)]
    assert [c.action for c in result.overloads[0].causes] == ["news", "welcome", "welcome2"]
