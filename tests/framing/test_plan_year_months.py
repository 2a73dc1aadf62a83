"""A plan year that does not start on a 1st ends in a 13th month: from 29 February 2028 (a leap day) it runs
to 28 February 2029, and February 2029's contacts are shown and counted like any other month's. Before,
the month view and the document's animation calendar listed 12 months from the start's month: a whole
month of the plan (its last 28 days) could not be chosen on the page nor counted in the document."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.test import Client

from jalon.framing import plan
from jalon.framing.models import Framing
from jalon.reports.collect_framing import _calendar
from tests.framing.pages import BASE, login, plan_with_actions

LEAP_DAY = date(2028, 2, 29)


def leap_day_plan(members, demo) -> Framing:
    framing = plan_with_actions(members, demo)
    Framing.objects.filter(pk=framing.pk).update(plan_start=LEAP_DAY)
    return Framing.objects.get(pk=framing.pk)


def test_the_month_view_of_a_plan_from_29_february_2028_shows_february_2029(
    client: Client, members, demo
) -> None:
    framing = leap_day_plan(members, demo)
    contacts = plan.dated_contacts(framing, list(framing.actions.all()))
    last = [c for c in contacts if (c.day.year, c.day.month) == (2029, 2)]
    assert last and max(c.day for c in contacts) == date(2029, 2, 27)  # the weekly e-mails, to the end
    login(client, members["viewer"])
    page = client.get(BASE + "plan/?month=2029-02").content.decode()
    assert '<option value="2029-02" selected>February 2029</option>' in page
    assert f"<caption>February 2029 · {len(last)} contacts</caption>" in page
    assert '<option value="2028-02"' in page and '<option value="2029-03"' not in page


def test_the_documents_animation_calendar_counts_every_contact_of_a_plan_from_29_february_2028(
    members, demo
) -> None:
    framing = leap_day_plan(members, demo)
    contacts = plan.dated_contacts(framing, list(framing.actions.all()))
    printed = _calendar(framing)
    assert printed is not None
    months = [month.first for month in printed.months]
    assert (months[0], months[-1], len(months)) == (date(2028, 2, 1), date(2029, 2, 1), 13)
    per_month = Counter((c.day.year, c.day.month) for c in contacts)
    assert sum(sum(month.counts) for month in printed.months) == len(contacts) == sum(per_month.values())
