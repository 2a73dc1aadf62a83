"""An activity's window (not before / must finish by): kept by every edit with a clear reason, shown in the
activity form and page, the backlog and the timeline (behind the bar), refused when out of order or out of
1900–2200; and the assignment warning names only the weeks this activity overloads."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from jalon.accounts.models import User
from jalon.demo.loader import DemoOutcome
from jalon.errors import NeedsConfirmation, ValidationFailed
from jalon.planning import services
from jalon.planning.models import Activity, Person
from tests.factories import HTMX
from tests.planning import backlog as backlog
from tests.planning.activity_forms import form_data
from tests.planning.backlog import ROADMAP, add_activity, text

# The backlog tests' small team and roadmap; the tests of the demo's own windows log in as its owner.
members, owner_client, plan = backlog.members, backlog.owner_client, backlog.plan
BRIEF = ROADMAP + "activities/brief/"
DEMO = "/w/cloud-kicks/r/cloud-kicks/"
SVG = "{http://www.w3.org/2000/svg}"


def demo_client(demo: DemoOutcome) -> Client:
    """A client logged in as the demo's owner."""
    client = Client()
    client.force_login(User.objects.get(email=demo.email))
    return client


def brief() -> Activity:
    return Activity.objects.get(roadmap__slug="plan", key="brief")


def edit(item: Activity, actor: Any, **changes: Any) -> Activity:
    return services.update(item, actor=actor, expected_version=item.version, changes=changes)


# The rule, in the services -------------------------------------------------------------------------------


def test_a_window_around_the_dates_is_saved(plan, members):
    saved = edit(brief(), members["owner"], not_before=date(2026, 9, 1), must_finish_by=date(2026, 9, 30))
    assert (saved.not_before, saved.must_finish_by) == (date(2026, 9, 1), date(2026, 9, 30))
    assert saved.has_window


def test_a_window_that_closes_before_it_opens_is_refused_with_a_translated_reason(plan, members):
    with translation.override("fr"), pytest.raises(ValidationFailed) as refused:
        edit(brief(), members["owner"], not_before=date(2026, 9, 30), must_finish_by=date(2026, 9, 1))
    assert refused.value.errors == {
        "must_finish_by": ["La fenêtre doit se fermer le jour de son ouverture (30 septembre 2026) ou après."]
    }
    assert brief().not_before is None


def test_dates_outside_the_window_are_refused_with_the_window_in_the_reason(plan, members):
    owner = members["owner"]
    edit(brief(), owner, must_finish_by=date(2026, 9, 30))
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        edit(brief(), owner, start=date(2026, 9, 28), end=date(2026, 10, 2))
    assert refused.value.errors == {"end": ["This activity must finish by 30 September 2026 (its window)."]}
    with translation.override("en"), pytest.raises(ValidationFailed) as early:
        edit(brief(), owner, not_before=date(2026, 9, 8))
    assert early.value.errors == {
        "start": ["This activity may not start before 8 September 2026 (its window)."]
    }
    assert brief().start == date(2026, 9, 7)


def test_window_dates_stay_between_1900_and_2200(plan, members):
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        edit(brief(), members["owner"], must_finish_by=date(2201, 1, 1))
    assert refused.value.errors["must_finish_by"] == ["Enter a date between 1900 and 2200."]


def test_a_move_outside_the_window_is_refused_with_the_reason(plan, members):
    item = edit(brief(), members["owner"], not_before=date(2026, 9, 1), must_finish_by=date(2026, 9, 18))
    with pytest.raises(ValidationFailed) as refused:
        services.move_activity(
            actor=members["owner"], activity=item, expected_version=item.version,
            start=date(2026, 9, 21), end=date(2026, 9, 25), confirm=True,
        )  # fmt: skip
    assert set(refused.value.errors) == {"end"}


# The form, the page, the backlog ----------------------------------------------------------------------------


def test_the_form_saves_the_window_and_the_page_shows_it(owner_client, plan):
    data = form_data(brief(), not_before="2026-09-01", must_finish_by="2026-09-30")
    response = owner_client.post(BRIEF + "edit/", data)
    assert response.status_code == 302, text(response)
    assert brief().must_finish_by == date(2026, 9, 30)
    page = text(owner_client.get(BRIEF))
    assert "du 01/09/2026 au 30/09/2026" in page


def test_the_form_refuses_a_window_out_of_order_on_its_field(owner_client, plan):
    data = form_data(brief(), not_before="2026-09-30", must_finish_by="2026-09-01")
    response = owner_client.post(BRIEF + "edit/", data)
    assert response.status_code == 422
    assert "La fenêtre doit se fermer le jour de son ouverture (30 septembre 2026) ou après." in text(
        response
    )
    assert brief().version == 1


def test_the_form_refuses_an_end_after_the_window(owner_client, plan):
    data = form_data(brief(), must_finish_by="2026-09-10")
    response = owner_client.post(BRIEF + "edit/", data)
    assert response.status_code == 422
    assert "Cette activité doit être terminée le 10 septembre 2026 au plus tard (sa fenêtre)." in text(
        response
    )


def test_the_backlog_has_a_window_column_sorted_by_the_day_it_closes(owner_client, plan, members):
    owner = members["owner"]
    edit(brief(), owner, must_finish_by=date(2026, 9, 30))
    launch = Activity.objects.get(roadmap__slug="plan", key="launch")
    edit(launch, owner, not_before=launch.start)
    response = owner_client.get(backlog.BACKLOG + "?sort=window&dir=asc")
    assert backlog.row_ids(response)[:2] == ["brief", "launch"]
    page = text(response)
    assert "… – 30/09/2026" in page


# The timeline ---------------------------------------------------------------------------------------------


def chart(response: Any) -> ET.Element:
    match = re.search(r"<svg .*?</svg>", response.content.decode(), re.S)
    assert match
    return ET.fromstring(match.group(0))


def test_the_window_is_drawn_behind_the_bar(demo):
    client = demo_client(demo)
    svg = chart(client.get(DEMO + "timeline/?zoom=month"))
    bands = [r for r in svg.iter(f"{SVG}rect") if r.get("class") == "tl-window"]
    assert {band.get("data-key") for band in bands} == {"black-friday", "campagne-noel"}
    layers = [g.get("class") for g in svg if g.get("class")]
    assert layers.index("tl-windows") < layers.index("tl-bars")  # behind every bar
    noel = next(g for g in svg.iter(f"{SVG}g") if g.get("data-key") == "campagne-noel")
    assert noel.get("data-must-finish-by") == "2026-12-20"
    assert "fenêtre 23/11/2026 – 20/12/2026" in (noel.get("aria-label") or "")
    band = next(b for b in bands if b.get("data-key") == "campagne-noel")
    body = noel.find(f"{SVG}rect")
    assert body is not None
    assert float(band.get("x") or 0) < float(body.get("x") or 0)


def test_a_drag_outside_the_window_is_refused_with_the_reason(demo):
    client = demo_client(demo)
    noel = Activity.objects.get(roadmap__slug="cloud-kicks", key="campagne-noel")
    data = {"start": "2026-12-21", "end": "2026-12-27", "version": noel.version}
    response = client.post(DEMO + "activities/campagne-noel/move/", data, **HTMX)
    assert response.status_code == 422
    assert "Cette activité doit être terminée le 20 décembre 2026 au plus tard (sa fenêtre)." in text(
        response
    )
    assert Activity.objects.get(pk=noel.pk).start == date(2026, 12, 7)


# The assignment warning ------------------------------------------------------------------------------------


def test_the_assignment_warning_names_only_the_weeks_this_activity_overloads(plan, members):
    owner, roadmap = members["owner"], plan["roadmap"]
    carla = services.create(Person, actor=owner, roadmap=roadmap, key="carla", name="Carla")
    # Carla is already overloaded in the week of 5 October, by other work.
    for key in ("fair", "webinar"):
        other = add_activity(roadmap, owner, key, start=date(2026, 10, 5), end=date(2026, 10, 9))
        services.assign(actor=owner, activity=other, person=carla, hours_per_week=30, confirm=True)
    late = add_activity(roadmap, owner, "late", start=date(2026, 11, 2), end=date(2026, 11, 6))
    busy = add_activity(roadmap, owner, "busy", start=date(2026, 11, 2), end=date(2026, 11, 13))
    services.assign(actor=owner, activity=busy, person=carla, hours_per_week=30, confirm=True)
    with translation.override("en"), pytest.raises(NeedsConfirmation) as asked:
        services.assign(actor=owner, activity=late, person=carla, hours_per_week=10)
    (warning,) = asked.value.warnings
    assert "the week of 2 November 2026" in warning
    assert "Oct." not in warning


def test_the_timeline_list_says_not_scheduled_in_french(demo):
    client = demo_client(demo)
    page = text(client.get(DEMO + "timeline/"))
    assert "non planifiée" in page and "not scheduled" not in page
