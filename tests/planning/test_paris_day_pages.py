"""At 00:30 in Paris on a Monday (23:30 UTC on the Sunday, winter time), every page's today is the Paris
Monday: the page's data-today (the workload grid opens on that week in any browser), the timeline's today
line, the late activities of the backlog, the missed milestones of the register and of the executive view;
at 23:30 in Paris on the Sunday it is still Sunday."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
import time_machine
from django.test import Client

from jalon.planning.models import Activity, Milestone

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
MONDAY_HALF_PAST_MIDNIGHT = datetime(2026, 11, 8, 23, 30, tzinfo=UTC)  # Monday 9 November, 00:30 in Paris
SUNDAY_HALF_PAST_ELEVEN = datetime(2026, 11, 8, 22, 30, tzinfo=UTC)  # Sunday 8 November, 23:30 in Paris


def page(client: Client, path: str) -> str:
    response = client.get(ROADMAP + path)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("moment", "today", "monday"),
    [
        (MONDAY_HALF_PAST_MIDNIGHT, "2026-11-09", "2026-11-09"),
        (SUNDAY_HALF_PAST_ELEVEN, "2026-11-08", "2026-11-02"),
    ],
)
def test_the_pages_count_the_paris_day(
    client: Client, members, demo, moment: datetime, today: str, monday: str
) -> None:
    client.force_login(members["owner"])
    activity = demo.roadmap.activities.exclude(status__in=("done", "dropped")).first()
    sunday = datetime.fromisoformat("2026-11-08").date()
    Activity.objects.filter(pk=activity.pk).update(end=sunday)
    milestone = demo.roadmap.milestones.filter(reached_on__isnull=True).first()
    Milestone.objects.filter(pk=milestone.pk).update(date=sunday)
    with time_machine.travel(moment, tick=False):
        milestones = page(client, "milestones/")
        executive = page(client, "executive/")
        timeline = page(client, "timeline/")
        workload = page(client, "workload/")
        late = page(client, "backlog/?late=1")
    assert f'data-today="{today}"' in timeline and f'data-today="{today}"' in workload
    assert re.search(rf'class="tl-today" data-date="{today}"', timeline)
    assert f'data-week="{monday}"' in workload  # the week scroll-today.js opens on
    monday_now = today == "2026-11-09"
    assert (activity.title in late) is monday_now  # it ended on Sunday: late from Monday
    row = re.search(rf'<tr id="item-{milestone.key}" class="([a-z]*)"', milestones)
    assert row is not None and (row[1] == "missed") is monday_now  # due on Sunday: missed from Monday
    assert (f'<li id="ms-{milestone.key}" class="missed">' in executive) is monday_now
