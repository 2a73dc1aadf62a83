"""Milestones (sorted by date, missed ones flagged, the next 30 days highlighted), risks (by severity, in the
matrix, high risks without a contingency plan flagged) and the communication plan (by audience, overdue)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import date, timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation
from django.utils.translation import gettext

from jalon.errors import ValidationFailed
from jalon.planning import services
from jalon.planning.models import Activity
from jalon.strategy import services as strategy
from tests.factories import make_roadmap
from tests.planning import registers as registers
from tests.planning.registers import PLAN, add, login, row, text

# The same small team and empty roadmap as test_registers.py.
members, roadmap = registers.members, registers.roadmap


SVG = "{http://www.w3.org/2000/svg}"


def rows(page: str) -> list[tuple[str, str]]:
    """(key, class) of every item row, in page order."""
    return re.findall(r'<tr id="item-([\w-]+)" class="([^"]*)"', page)


def french(message: str) -> str:
    with translation.override("fr"):
        return gettext(message)


# Milestones -----------------------------------------------------------------------------------------


def test_milestones_are_sorted_by_date_and_missed_or_upcoming_ones_are_marked(
    client: Client, members, roadmap
) -> None:
    today = timezone.localdate()
    add(roadmap, "milestones", "later", date=today + timedelta(days=90))
    add(roadmap, "milestones", "soon", date=today + timedelta(days=10))
    add(roadmap, "milestones", "missed", date=today - timedelta(days=3))
    add(roadmap, "milestones", "late", date=today - timedelta(days=20), reached_on=today - timedelta(days=5))
    add(roadmap, "milestones", "done", date=today - timedelta(days=30), reached_on=today - timedelta(days=31))
    page = text(login(client, members, "viewer").get(PLAN + "milestones/"))
    assert rows(page) == [
        ("done", "reached"), ("late", "missed"), ("missed", "missed"), ("soon", "upcoming"), ("later", ""),
    ]  # fmt: skip
    assert page.count('class="badge fails missed-flag"') == 2
    assert 'class="flag missed"' in page
    assert "10" in re.search(r'id="item-soon".*?</tr>', page, re.S).group(0)  # type: ignore[union-attr]


def test_a_milestone_links_objectives_and_activities_of_its_roadmap_only(
    client: Client, members, team, roadmap
) -> None:
    other = make_roadmap(team.workspace, team.owner, slug="other")
    elsewhere = strategy.create_objective(actor=None, roadmap=other, key="other", title="Ailleurs")
    mine = strategy.create_objective(
        actor=None, roadmap=roadmap, key="grow", title="Grandir", deadline=roadmap.end
    )
    brief = services.create(Activity, actor=None, roadmap=roadmap, key="brief", title="Brief agence")
    login(client, members, "editor")
    form = text(client.get(PLAN + "milestones/"))
    assert f'<option value="{mine.pk}">Grandir</option>' in form
    assert "Ailleurs" not in form  # the other roadmap's objective is not offered
    refused = client.post(
        PLAN + "milestones/", {"title": "Go", "date": "2026-05-01", "objectives": [elsewhere.pk]}
    )
    assert refused.status_code == 422
    assert not roadmap.milestones.exists()
    saved = client.post(
        PLAN + "milestones/",
        {"title": "Go", "date": "2026-05-01", "objectives": [mine.pk], "activities": [brief.pk]},
    )
    assert saved.status_code == 302
    milestone = roadmap.milestones.get()
    assert (list(milestone.objectives.all()), list(milestone.activities.all())) == ([mine], [brief])
    row = re.search(r'id="item-go".*?</tr>', text(client.get(PLAN + "milestones/")), re.S).group(0)  # type: ignore[union-attr]
    assert "Grandir" in row and "Brief agence" in row


def test_marking_a_milestone_reached_clears_the_missed_flag(client: Client, members, roadmap) -> None:
    day = timezone.localdate() - timedelta(days=2)
    add(roadmap, "milestones", "launch", date=day)
    login(client, members, "editor").post(
        PLAN + "milestones/launch/",
        {"title": "Launch", "date": day.isoformat(), "reached_on": day.isoformat(), "version": 1},
    )
    assert rows(text(client.get(PLAN + "milestones/"))) == [("launch", "reached")]


def test_a_milestone_reached_after_today_is_refused_and_stays_pending(client: Client, members, roadmap):
    day = timezone.localdate() + timedelta(days=30)
    add(roadmap, "milestones", "launch", date=day)
    response = login(client, members, "editor").post(
        PLAN + "milestones/launch/",
        {"title": "Launch", "date": day.isoformat(), "reached_on": "2200-12-31", "version": 1},
    )
    assert response.status_code == 422
    assert "Un jalon ne peut pas être atteint après aujourd’hui" in text(response)
    assert roadmap.milestones.get(key="launch").reached_on is None


def test_a_milestone_reached_after_today_is_refused_by_the_service_too(roadmap) -> None:
    """The rule is the service's: the command line, an import or a script meets it as the page does."""
    launch = add(roadmap, "milestones", "launch", date=date(2026, 6, 1))
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationFailed) as refused:
        services.update(launch, actor=None, expected_version=1, changes={"reached_on": tomorrow})
    assert list(refused.value.errors) == ["reached_on"]
    with pytest.raises(ValidationFailed):
        add(roadmap, "milestones", "kick-off", reached_on=tomorrow)
    assert roadmap.milestones.get(key="launch").reached_on is None


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("fr", "Un jalon s’atteint une fois la feuille de route commencée : choisissez son début "
               "(01/01/2026) ou un jour suivant."),
        ("en", "A milestone is reached once the roadmap has begun: choose its start (1 Jan 2026) or a later "
               "day."),
    ],
)  # fmt: skip
def test_a_milestone_reached_before_the_roadmaps_start_is_refused_naming_the_start(
    client: Client, members, roadmap, language: str, said: str
) -> None:
    """The roadmap starts on 1 January 2026: a milestone due in 2200 marked reached on 1 January 1900 is a
    slip, refused beside the field, and the milestone stays pending."""
    add(roadmap, "milestones", "launch", date=date(2200, 1, 1))
    members["editor"].language = language
    members["editor"].save(update_fields=["language"])
    response = login(client, members, "editor").post(
        PLAN + "milestones/launch/",
        {"title": "Launch", "date": "2200-01-01", "reached_on": "1900-01-01", "version": 1},
    )
    assert response.status_code == 422
    page = " ".join(text(response).replace("\u00a0", " ").replace("\u202f", " ").split())
    assert said in page
    assert roadmap.milestones.get(key="launch").reached_on is None
    launch = roadmap.milestones.get(key="launch")
    services.update(launch, actor=None, expected_version=1, changes={"reached_on": date(2026, 1, 1)})
    assert roadmap.milestones.get(key="launch").reached_on == date(2026, 1, 1)  # the start itself


def test_a_milestone_dated_before_the_start_is_reached_from_its_own_date(roadmap) -> None:
    """A milestone set before the plan begins (the budget signed off in December for a plan of January) is
    reached on its day, not before it."""
    signed = add(roadmap, "milestones", "budget", date=date(2025, 12, 15))
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        services.update(signed, actor=None, expected_version=1, changes={"reached_on": date(2025, 12, 1)})
    assert refused.value.errors["reached_on"] == [
        "This milestone is dated before the roadmap's start: choose its date (15 Dec 2025) or a later day."
    ]
    reached = {"reached_on": date(2025, 12, 15)}
    services.update(signed, actor=None, expected_version=1, changes=reached)
    assert roadmap.milestones.get(key="budget").reached_on == date(2025, 12, 15)


def test_a_milestone_reached_before_a_start_moved_later_keeps_its_day_when_edited(roadmap) -> None:
    """The bound is checked when the reached day changes: moving the roadmap's start after it does not lock
    the milestone's other fields."""
    from jalon.strategy.models import Roadmap

    done = add(roadmap, "milestones", "done", date=date(2026, 2, 1), reached_on=date(2026, 2, 3))
    Roadmap.objects.filter(pk=roadmap.pk).update(start=date(2026, 3, 1))
    done.roadmap.refresh_from_db()
    services.update(
        done, actor=None, expected_version=1, changes={"title": "Done", "reached_on": date(2026, 2, 3)}
    )
    saved = roadmap.milestones.get(key="done")
    assert (saved.title, saved.reached_on) == ("Done", date(2026, 2, 3))


# Risks ----------------------------------------------------------------------------------------------


def test_risks_are_sorted_by_severity_and_numbered_like_the_matrix(client: Client, members, roadmap) -> None:
    add(roadmap, "risks", "minor", probability=1, impact=2)
    add(
        roadmap,
        "risks",
        "agency",
        title="Retard de l'agence",
        probability=4,
        impact=5,
        contingency="Agence de secours",
    )
    add(roadmap, "risks", "budget", probability=3, impact=3)
    page = text(login(client, members, "viewer").get(PLAN + "risks/"))
    assert [key for key, _class in rows(page)] == ["agency", "budget", "minor"]
    assert [cls for _key, cls in rows(page)] == ["level-high", "level-medium", "level-low"]
    matrix = re.search(r'<svg xmlns="http://www.w3.org/2000/svg" id="risk-matrix".*?</svg>', page, re.S)
    assert matrix is not None
    svg = ET.fromstring(matrix.group(0))
    markers = {
        m.get("data-number"): (m.get("data-probability"), m.get("data-impact"))
        for m in svg.iter(f"{SVG}g")
        if m.get("class") == "risk-marker"
    }
    assert markers == {"1": ("4", "5"), "2": ("3", "3"), "3": ("1", "2")}
    assert "1. Retard de l'agence" in "".join(svg.itertext())


def test_a_high_risk_without_contingency_plan_is_flagged(client: Client, members, roadmap) -> None:
    add(roadmap, "risks", "bare", probability=5, impact=4)
    add(roadmap, "risks", "planned", probability=5, impact=4, contingency="Plan B")
    add(roadmap, "risks", "small", probability=1, impact=1)
    add(roadmap, "risks", "closed", probability=5, impact=5, status="closed")
    page = text(login(client, members, "viewer").get(PLAN + "risks/"))
    flagged = [key for key, _ in rows(page) if "no-plan-flag" in row(page, key)]
    assert flagged == ["bare"]
    assert 'class="flag no-plan"' in page


def test_closed_risks_stay_listed_but_leave_the_matrix(client: Client, members, roadmap) -> None:
    add(roadmap, "risks", "closed", probability=5, impact=5, status="closed")
    add(roadmap, "risks", "open", probability=2, impact=2)
    page = text(login(client, members, "viewer").get(PLAN + "risks/"))
    assert [key for key, _ in rows(page)] == ["closed", "open"]
    assert 'data-number="1" data-probability' not in page
    assert 'data-number="2" data-probability="2" data-impact="2"' in page


def test_a_new_risk_appears_in_the_matrix_image(client: Client, members, roadmap) -> None:
    login(client, members, "editor").post(
        PLAN + "risks/",
        {"title": "Panne du site", "probability": "2", "impact": "4", "status": "open", "owner": "DSI"},
    )
    response = client.get(PLAN + "risks/matrix.svg")
    assert response["Content-Type"] == "image/svg+xml; charset=utf-8"
    svg = ET.fromstring(response.content)
    marker = next(g for g in svg.iter(f"{SVG}g") if g.get("class") == "risk-marker")
    assert (marker.get("data-probability"), marker.get("data-impact")) == ("2", "4")


def test_probability_outside_1_to_5_is_refused_inline(client: Client, members, roadmap) -> None:
    response = login(client, members, "editor").post(
        PLAN + "risks/", {"title": "X", "probability": "9", "impact": "3", "status": "open"}
    )
    assert response.status_code == 422
    assert 'id="id_new_probability_error"' in response.content.decode()
    assert not roadmap.risks.exists()


# Communication plan ---------------------------------------------------------------------------------


def test_the_communication_plan_is_grouped_by_audience_with_overdue_dates_flagged(
    client: Client, members, roadmap
) -> None:
    today = timezone.localdate()
    add(roadmap, "communications", "newsletter", audience="teams", next_date=today + timedelta(days=3))
    add(roadmap, "communications", "committee", audience="direction", next_date=today - timedelta(days=1))
    add(roadmap, "communications", "partners", audience="partners")
    add(roadmap, "communications", "standup", audience="teams", next_date=today - timedelta(days=8))
    page = text(login(client, members, "viewer").get(PLAN + "communication/"))
    assert re.findall(r'<section class="audience-group" aria-labelledby="audience-(\w+)"', page) == [
        "direction", "teams", "partners",
    ]  # fmt: skip
    assert re.findall(r'<tr id="item-([\w-]+)"', page) == ["committee", "standup", "newsletter", "partners"]
    assert re.findall(r'id="item-([\w-]+)" class="overdue"', page) == ["committee", "standup"]
    assert page.count('class="badge fails overdue-flag"') == 2
    assert french("Overdue") in page


def test_communication_audience_must_be_one_of_the_choices(client: Client, members, roadmap) -> None:
    response = login(client, members, "editor").post(
        PLAN + "communication/",
        {"audience": "martians", "message": "Hi", "channel": "Email", "frequency": "weekly"},
    )
    assert response.status_code == 422
    assert "Sélectionnez un choix valide" in text(response)


# Column counts ---------------------------------------------------------------------------------------


def thead(page: str) -> str:
    head = re.search(r"<thead>.*?</thead>", page, re.S)
    assert head is not None
    return head.group(0)


def headings(page: str) -> int:
    """How many column headings the register's table has."""
    return thead(page).count('<th scope="col"')


@pytest.mark.parametrize("register", ["milestones", "risks", "budget"])
@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_an_empty_register_row_spans_exactly_the_columns_the_reader_sees(
    client: Client, members, roadmap, register: str, role: str
) -> None:
    page = text(login(client, members, role).get(PLAN + register + "/"))
    span = re.search(r'<tr><td colspan="(\d+)" class="muted">', page)
    assert span is not None
    assert int(span.group(1)) == headings(page)
    assert ("Actions" in thead(page)) == (role == "editor")


@pytest.mark.parametrize("register", ["milestones", "risks", "communication"])
def test_an_item_edited_in_place_spans_every_column_of_its_register(
    client: Client, members, roadmap, register: str
) -> None:
    key = "communications" if register == "communication" else register
    item = add(roadmap, key, "edited")
    page = text(login(client, members, "editor").get(f"{PLAN}{register}/?edit={item.key}"))
    span = re.search(r'<tr id="item-edited" class="editing">\s*<td colspan="(\d+)">', page)
    assert span is not None
    assert int(span.group(1)) == headings(page)
