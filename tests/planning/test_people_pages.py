"""The team and workload pages: who may see and change what, overloads in red with their causes, absences,
filters, and a query count that does not grow with the number of activities."""

from __future__ import annotations

import html
import re
from datetime import date
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jalon.planning import services
from jalon.planning.models import Absence, Activity, Assignment, Person, Theme
from jalon.planning.people import services as team_services

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
TEAM = ROADMAP + "people/"
WORKLOAD = ROADMAP + "workload/"
ZOE = TEAM + "t-zoe/"
ZOE_IN_WORKSPACE = (
    "/w/cloud-kicks/team/t-zoe/"  # details and absences are the workspace's: both pages post here
)
MON_7_SEPT = date(2026, 9, 7)


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


def squash(value: str) -> str:
    return " ".join(value.replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture
def team(demo, members):
    """Zoé (35 h) on a brief and an ad campaign the same week; Yann (20 h) on the campaign only."""
    owner, roadmap = members["owner"], demo.roadmap
    acquisition = services.create(Theme, actor=owner, roadmap=roadmap, key="t-acq", name="Acquisition T")
    loyalty = services.create(Theme, actor=owner, roadmap=roadmap, key="t-loy", name="Fidélité T")
    zoe = services.create(
        Person, actor=owner, roadmap=roadmap, key="t-zoe", name="Zoé Martin", role="Chargée CRM",
        capacity_hours_per_week=35,
    )  # fmt: skip
    yann = services.create(
        Person,
        actor=owner,
        roadmap=roadmap,
        key="t-yann",
        name="Yann Le Goff",
        kind="agency",
        capacity_hours_per_week=20,
    )
    brief = services.create(
        Activity, actor=owner, roadmap=roadmap, key="t-brief", title="Brief créatif", theme=acquisition,
        status="planned", start=MON_7_SEPT, end=date(2026, 9, 11),
    )  # fmt: skip
    ads = services.create(
        Activity, actor=owner, roadmap=roadmap, key="t-ads", title="Campagne <Ads>", theme=loyalty,
        status="planned", start=MON_7_SEPT, end=date(2026, 9, 18),
    )  # fmt: skip
    services.assign(actor=owner, activity=brief, person=zoe, hours_per_week=30)
    services.assign(actor=owner, activity=ads, person=zoe, hours_per_week=15, confirm=True)
    services.assign(actor=owner, activity=ads, person=yann, hours_per_week=10)
    return {"owner": owner, "zoe": zoe, "yann": yann, "brief": brief, "ads": ads, "acquisition": acquisition}


def login(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def overloaded_cells(page: str) -> list[str]:
    return re.findall(r'<td class="wl wl-over"[^>]*data-week="([0-9-]+)"', page)


# Roles --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [TEAM, ZOE, WORKLOAD])
@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "stakeholder"])
def test_every_member_reads_the_team_pages(client, members, team, url, role):
    assert login(client, members[role]).get(url).status_code == 200


@pytest.mark.parametrize("url", [TEAM, ZOE, WORKLOAD])
def test_an_outsider_gets_not_found(client, members, team, url):
    assert login(client, members["outsider"]).get(url).status_code == 404


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
@pytest.mark.parametrize(
    ("url", "data"),
    [
        (TEAM, {"key": "t-new", "name": "New", "kind": "member", "capacity_hours_per_week": "35"}),
        (
            ZOE_IN_WORKSPACE,
            {"name": "Zoé", "kind": "member", "capacity_hours_per_week": "35", "version": "1", "next": ZOE},
        ),
        (ZOE + "remove/", {}),
        (ROADMAP + "team/add/", {"person": "t-zoe"}),
        (ZOE_IN_WORKSPACE + "absences/", {"start": "2026-09-07", "end": "2026-09-08", "next": ZOE}),
        (ZOE + "assignments/", {"activity": "t-brief", "hours_per_week": "1"}),
        (ZOE + "assignments/t-brief/delete/", {}),
    ],
)
def test_readers_cannot_change_the_team(client, members, team, role, url, data):
    before = (
        Person.objects.count(),
        Absence.objects.count(),
        list(Assignment.objects.values_list("hours_per_week")),
    )
    assert login(client, members[role]).post(url, data).status_code == 403
    after = (
        Person.objects.count(),
        Absence.objects.count(),
        list(Assignment.objects.values_list("hours_per_week")),
    )
    assert after == before
    assert Person.objects.get(key="t-zoe").version == 1


def test_readers_see_no_form(client, members, team):
    page = text(login(client, members["viewer"]).get(ZOE))
    assert "Zoé Martin" in page
    assert '<form method="post" action="/w/cloud-kicks/r/cloud-kicks/people/t-zoe/' not in page
    assert f'<form method="post" action="{ZOE_IN_WORKSPACE}' not in page


# Team and person pages ----------------------------------------------------------------------------


def test_team_page_lists_people_with_kind_capacity_and_overloaded_weeks(client, members, team):
    members["owner"].language = "en"
    members["owner"].save()
    page = squash(text(login(client, members["owner"]).get(TEAM)))
    assert "Zoé Martin" in page and "Chargée CRM" in page
    assert "Yann Le Goff" in page
    assert "1 week overloaded" in page  # Zoé, week of 7 September: 30 + 15 h for 35 h


def test_editor_adds_a_team_member(client, members, demo):
    response = login(client, members["editor"]).post(
        TEAM,
        {"key": "t-ines", "name": "Inès", "kind": "agency", "role": "SEO", "capacity_hours_per_week": "7,5"},
    )
    assert response.status_code == 302
    ines = Person.objects.get(workspace=demo.workspace, roadmaps=demo.roadmap, key="t-ines")
    assert (ines.name, ines.kind, ines.capacity_hours_per_week) == ("Inès", "agency", 7.5)


def test_a_duplicate_key_is_shown_on_the_form(client, members, team):
    response = login(client, members["owner"]).post(
        TEAM, {"key": "t-zoe", "name": "Other", "kind": "member", "capacity_hours_per_week": "35"}
    )
    assert response.status_code == 422
    assert Person.objects.filter(key="t-zoe").count() == 1


def test_the_roadmap_page_edits_the_details_through_the_workspace_page_without_the_user_account(
    client, members, team
):
    form = text(login(client, members["editor"]).get(ZOE)).split('id="edit-title"')[1].split("</form>")[0]
    assert f'action="{ZOE_IN_WORKSPACE}"' in form
    assert f'name="next" value="{ZOE}"' in form
    assert 'name="user"' not in form


def test_the_roadmap_page_of_a_person_saves_nothing_itself(client, members, team):
    data = {"name": "Zoé M.", "kind": "member", "capacity_hours_per_week": "28", "version": "1"}
    assert login(client, members["owner"]).post(ZOE, data).status_code == 405
    assert Person.objects.get(key="t-zoe").name == "Zoé Martin"


def test_editing_a_person_with_a_stale_version_shows_the_conflict(client, members, team):
    owner = members["owner"]
    services.update(team["zoe"], actor=owner, expected_version=1, changes={"role": "Responsable CRM"})
    response = login(client, owner).post(
        ZOE_IN_WORKSPACE, {"name": "Zoé M.", "kind": "member", "role": "Chargée CRM",
                           "capacity_hours_per_week": "30", "version": "1", "next": ZOE},
    )  # fmt: skip
    assert response.status_code == 409
    page = text(response)
    assert 'class="conflict" role="alert"' in page
    assert "Responsable CRM" in page  # what the other person saved
    assert 'name="version" value="2"' in page  # saving again now keeps this user's values
    assert f'name="next" value="{ZOE}"' in page  # and comes back to the roadmap's page
    assert Person.objects.get(key="t-zoe").name == "Zoé Martin"


def test_editing_a_person_from_the_roadmap_saves_counts_a_version_and_keeps_the_user_account(
    client, members, team
):
    owner = members["owner"]
    team_services.update_person(
        team["zoe"], actor=owner, expected_version=1, changes={"user": members["viewer"]}
    )
    response = login(client, owner).post(
        ZOE_IN_WORKSPACE, {"name": "Zoé M.", "kind": "member", "role": "", "capacity_hours_per_week": "28",
                           "version": "2", "next": ZOE},
    )  # fmt: skip
    assert response.status_code == 302 and response["Location"] == ZOE
    zoe = Person.objects.get(key="t-zoe")
    assert (zoe.name, zoe.capacity_hours_per_week, zoe.version) == ("Zoé M.", 28, 3)
    assert zoe.user == members["viewer"]


def test_removing_someone_who_still_works_on_the_roadmap_is_refused_with_their_activities(
    client, members, team
):
    response = login(client, members["owner"]).post(ZOE + "remove/")
    assert response.status_code == 409
    assert "Brief créatif" in text(response)
    assert team["zoe"].roadmaps.filter(pk=team["brief"].roadmap_id).exists()


def test_removing_someone_from_the_roadmap_keeps_them_on_the_workspace_team(client, members, team, demo):
    idle = services.create(Person, actor=members["owner"], roadmap=demo.roadmap, key="t-idle", name="Idle")
    response = login(client, members["owner"]).post(TEAM + "t-idle/remove/")
    assert response.status_code == 302
    idle.refresh_from_db()
    assert not idle.roadmaps.exists()
    assert idle.workspace_id == demo.workspace.pk


def test_absences_added_and_removed_from_the_roadmap_page_come_back_to_it(client, members, team):
    login(client, members["editor"])
    page = text(client.get(ZOE))
    assert f'action="{ZOE_IN_WORKSPACE}absences/"' in page
    assert f'name="next" value="{ZOE}"' in page
    response = client.post(
        ZOE_IN_WORKSPACE + "absences/",
        {"start": "2026-09-14", "end": "2026-09-16", "note": "Congé", "next": ZOE},
    )
    assert response["Location"] == ZOE + "#absences"
    absence = Absence.objects.get(person=team["zoe"])
    assert (absence.start, absence.end, absence.note) == (date(2026, 9, 14), date(2026, 9, 16), "Congé")
    response = client.post(ZOE_IN_WORKSPACE + f"absences/{absence.pk}/delete/", {"next": ZOE})
    assert response["Location"] == ZOE + "#absences"
    assert not Absence.objects.filter(person=team["zoe"]).exists()


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example/", "people/"]
)
def test_an_absence_never_sends_back_to_another_site(client, members, team, target):
    response = login(client, members["editor"]).post(
        ZOE_IN_WORKSPACE + "absences/", {"start": "2026-09-14", "end": "2026-09-16", "next": target}
    )
    assert response["Location"] == ZOE_IN_WORKSPACE + "#absences"


def test_an_absence_ending_before_it_starts_is_refused(client, members, team):
    response = login(client, members["owner"]).post(
        ZOE_IN_WORKSPACE + "absences/", {"start": "2026-09-16", "end": "2026-09-14", "next": ZOE}
    )
    assert response.status_code == 422
    assert f'name="next" value="{ZOE}"' in text(response)  # the second try still comes back to the roadmap
    assert not Absence.objects.filter(person=team["zoe"]).exists()


def test_an_absence_of_another_person_is_not_found(client, members, team):
    other = services.add_absence(actor=None, person=team["yann"], start=MON_7_SEPT, end=MON_7_SEPT)
    response = login(client, members["owner"]).post(ZOE_IN_WORKSPACE + f"absences/{other.pk}/delete/")
    assert response.status_code == 404
    assert Absence.objects.filter(pk=other.pk).exists()


def test_an_overloading_assignment_asks_first_then_saves_once_confirmed(client, members, team):
    login(client, members["owner"])
    response = client.post(TEAM + "t-yann/assignments/", {"activity": "t-brief", "hours_per_week": "15"})
    assert response.status_code == 200
    page = squash(text(response))
    assert 'role="alert"' in page and "Yann Le Goff" in page and "Brief créatif" in page
    assert not Assignment.objects.filter(person=team["yann"], activity=team["brief"]).exists()
    confirmed = client.post(
        TEAM + "t-yann/assignments/", {"activity": "t-brief", "hours_per_week": "15", "confirm": "1"}
    )
    assert confirmed.status_code == 302
    assert Assignment.objects.get(person=team["yann"], activity=team["brief"]).hours_per_week == 15


def test_an_assignment_is_changed_and_removed_from_the_person_page(client, members, team):
    login(client, members["owner"])
    assert (
        client.post(ZOE + "assignments/", {"activity": "t-brief", "hours_per_week": "12,5"}).status_code
        == 302
    )
    assert Assignment.objects.get(person=team["zoe"], activity=team["brief"]).hours_per_week == 12.5
    assert client.post(ZOE + "assignments/t-brief/delete/").status_code == 302
    assert not Assignment.objects.filter(person=team["zoe"], activity=team["brief"]).exists()


def test_an_activity_of_another_roadmap_cannot_be_assigned(client, members, team):
    response = login(client, members["owner"]).post(
        ZOE + "assignments/", {"activity": "nope", "hours_per_week": "1"}
    )
    assert response.status_code == 422


# Workload page ------------------------------------------------------------------------------------


def test_workload_marks_the_overloaded_week_in_red_with_its_activities(client, members, team):
    page = text(login(client, members["viewer"]).get(WORKLOAD))
    row = re.search(r'<tr id="person-t-zoe".*?</tr>', page, re.S)
    assert row is not None
    assert overloaded_cells(row.group(0)) == ["2026-09-07"]
    cell = re.search(r'<td class="wl wl-over".*?</td>', row.group(0), re.S)
    assert cell is not None
    cell_text = squash(cell.group(0))
    assert "45/35" in cell_text
    assert "Brief créatif: 30 h" in cell_text or "Brief créatif : 30 h" in cell_text
    assert "Campagne <Ads>" in html.unescape(cell_text)
    assert "<details><summary" in cell.group(0)  # reachable with the keyboard
    yann = re.search(r'<tr id="person-t-yann".*?</tr>', page, re.S)
    assert yann is not None and not overloaded_cells(yann.group(0))


def test_someone_kept_at_zero_hours_a_week_is_not_shown_absent_every_week(client, members, team, demo):
    """An owner who gives no hours has nothing to show in a week without work; 'absent' is for absences."""
    services.create(
        Person, actor=members["owner"], roadmap=demo.roadmap, key="t-owner", name="Léa Sponsor",
        capacity_hours_per_week=0,
    )  # fmt: skip
    page = text(login(client, members["viewer"]).get(WORKLOAD))
    row = re.search(r'<tr id="person-t-owner".*?</tr>', page, re.S)
    assert row is not None
    assert "wl-away" not in row.group(0) and "absent" not in row.group(0)
    services.add_absence(
        actor=members["owner"], person=team["zoe"], start=date(2026, 10, 5), end=date(2026, 10, 9)
    )
    page = text(login(client, members["viewer"]).get(WORKLOAD))
    zoe = re.search(r'<tr id="person-t-zoe".*?</tr>', page, re.S)
    assert zoe is not None and "wl-away" in zoe.group(0)  # a week someone is really away still says so


def test_workload_escapes_activity_titles(client, members, team):
    page = login(client, members["owner"]).get(WORKLOAD).content.decode()
    assert "Campagne <Ads>" not in page
    assert "Campagne &lt;Ads&gt;" in page


def test_workload_summary_counts_overloaded_person_weeks_and_names_the_most_overloaded(client, members, team):
    members["owner"].language = "en"
    members["owner"].save()
    page = squash(text(login(client, members["owner"]).get(WORKLOAD + "?person=t-zoe")))
    assert "1 overloaded person-week." in page
    assert "Most overloaded: Zoé Martin, 1 week over capacity (10 h too many in all)." in page


def test_an_absence_shrinks_capacity_and_turns_a_full_week_red(client, members, team):
    login(client, members["owner"])
    week_14 = r'<tr id="person-t-yann".*?</tr>'
    row = re.search(week_14, text(client.get(WORKLOAD)), re.S)
    assert row is not None and not overloaded_cells(row.group(0))
    services.add_absence(
        actor=members["owner"], person=team["yann"], start=date(2026, 9, 14), end=date(2026, 9, 17)
    )
    row = re.search(week_14, text(client.get(WORKLOAD)), re.S)
    assert row is not None
    assert overloaded_cells(row.group(0)) == ["2026-09-14"]  # 10 h of work, 4 h available
    assert "10/4" in row.group(0)


def test_filters_keep_one_person_or_the_people_of_a_theme(client, members, team):
    login(client, members["owner"])
    only_zoe = text(client.get(WORKLOAD + "?person=t-zoe"))
    assert 'id="person-t-zoe"' in only_zoe and 'id="person-t-yann"' not in only_zoe
    acquisition = text(client.get(WORKLOAD + "?theme=t-acq"))
    assert 'id="person-t-zoe"' in acquisition and 'id="person-t-yann"' not in acquisition
    assert '<option value="t-acq" selected>' in acquisition
    everyone = text(client.get(WORKLOAD + "?person=unknown"))
    assert 'id="person-t-zoe"' in everyone and 'id="person-t-yann"' in everyone


def test_dropped_activities_load_nobody(client, members, team):
    services.update(team["ads"], actor=members["owner"], expected_version=1, changes={"status": "dropped"})
    page = text(login(client, members["owner"]).get(WORKLOAD + "?person=t-zoe"))
    assert not overloaded_cells(page)


def test_workload_costs_the_same_queries_for_3_and_30_activities(client, members, demo):
    owner, roadmap = members["owner"], demo.roadmap
    people = [
        services.create(
            Person, actor=owner, roadmap=roadmap, key=f"q-{i}", name=f"P{i}", capacity_hours_per_week=35
        )
        for i in range(3)
    ]
    theme = services.create(Theme, actor=owner, roadmap=roadmap, key="q-theme", name="Q")

    def add_activities(first: int, last: int) -> None:
        for i in range(first, last):
            activity = services.create(
                Activity, actor=owner, roadmap=roadmap, key=f"q-a{i}", title=f"A{i}", theme=theme,
                start=date(2026, 9, 1 + i % 20), end=date(2026, 10, 1 + i % 20),
            )  # fmt: skip
            services.assign(
                actor=owner, activity=activity, person=people[i % 3], hours_per_week=12, confirm=True
            )
            services.add_absence(actor=owner, person=people[i % 3], start=date(2026, 11, 2 + i % 20),
                                 end=date(2026, 11, 3 + i % 20))  # fmt: skip

    login(client, owner)

    def count() -> int:
        client.get(WORKLOAD)  # warm the session and caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get(WORKLOAD)
        assert response.status_code == 200
        return len(queries)

    add_activities(0, 3)
    small = count()
    add_activities(3, 30)
    assert "wl-over" in client.get(WORKLOAD).content.decode()
    assert count() == small
    # session, user, roadmap with the reader's role, themes, people, absences, assignments, other roadmaps'
    # assignments
    assert small == 8


# The heatmap is memoised (workload_grid._draw) on everything it shows: any change must show at once.


def test_a_heatmap_drawn_before_shows_a_renamed_activity_an_absence_and_a_capacity(client, members, team):
    owner, zoe = team["owner"], team["zoe"]
    web = login(client, owner)
    web.get(WORKLOAD)  # drawn once
    brief = team["brief"]
    services.update(brief, actor=owner, expected_version=brief.version, changes={"title": "Brief revu"})
    services.add_absence(actor=owner, person=zoe, start=date(2026, 9, 14), end=date(2026, 9, 18))
    zoe.refresh_from_db()
    services.update(zoe, actor=owner, expected_version=zoe.version, changes={"capacity_hours_per_week": 50})
    page = text(web.get(WORKLOAD))
    row = re.search(r'<tr id="person-t-zoe".*?</tr>', page, re.S)
    assert row is not None
    # 45 h for 50 h the week of 7 September; away the week of 14 while the campaign still needs 15 h
    assert overloaded_cells(row.group(0)) == ["2026-09-14"]
    assert "Brief créatif" not in page


def test_the_same_heatmap_in_english_is_written_in_english(client, members, team):
    viewer = members["viewer"]
    web = login(client, viewer)
    web.get(WORKLOAD)
    viewer.language = "en"
    viewer.save(update_fields=["language"])
    page = squash(text(web.get(WORKLOAD)))
    assert "Brief créatif: 30 h" in page and "Brief créatif : 30 h" not in page
