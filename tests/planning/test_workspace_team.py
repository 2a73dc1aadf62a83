"""One team per workspace: people are typed once for the workspace and chosen per roadmap; a person may
be linked to a user account of that workspace only; readers read, editors write, outsiders get 404."""

from __future__ import annotations

import html
from datetime import date

import pytest

from jalon.errors import ValidationFailed
from jalon.planning import services
from jalon.planning.models import Absence, Activity, Person, Staffing
from jalon.planning.people import services as team
from jalon.workspaces.permissions import Forbidden, NotFound
from tests.factories import make_roadmap, make_team

TEAM = "/w/acme/team/"


@pytest.fixture
def acme(db):
    crew = make_team()
    owner = crew.owner
    north = make_roadmap(crew.workspace, owner, slug="north")
    south = make_roadmap(crew.workspace, owner, slug="south")
    marie = team.create_person(
        actor=owner, workspace=crew.workspace, name="Marie Curie", capacity_hours_per_week=28
    )
    return {"crew": crew, "owner": owner, "north": north, "south": south, "marie": marie}


def page(response) -> str:
    return html.unescape(response.content.decode())


# Services -----------------------------------------------------------------------------------------


def test_a_person_is_typed_once_and_works_on_two_roadmaps(acme):
    marie, owner = acme["marie"], acme["owner"]
    assert marie.key == "marie-curie"
    for roadmap in (acme["north"], acme["south"]):
        team.add_to_roadmap(actor=owner, roadmap=roadmap, person=marie)
        assert list(roadmap.people.all()) == [marie]
    team.add_to_roadmap(actor=owner, roadmap=acme["north"], person=marie)  # again: nothing changes
    assert Staffing.objects.filter(person=marie).count() == 2


def test_creating_a_person_from_a_roadmap_also_puts_them_on_the_workspace_team(acme):
    paul = services.create(Person, actor=acme["owner"], roadmap=acme["north"], name="Paul")
    assert paul.workspace == acme["crew"].workspace
    assert list(acme["north"].people.all()) == [paul]
    assert not acme["south"].people.exists()


def test_a_key_is_unique_in_the_workspace(acme):
    with pytest.raises(ValidationFailed) as refused:
        team.create_person(actor=acme["owner"], workspace=acme["crew"].workspace, key="marie-curie", name="M")
    assert "key" in refused.value.errors
    other = make_team("other")
    twin = team.create_person(actor=other.owner, workspace=other.workspace, key="marie-curie", name="M")
    assert twin.key == "marie-curie"  # another workspace has its own keys


def test_a_person_is_linked_to_a_member_of_the_workspace_only_and_once(acme):
    crew, marie = acme["crew"], acme["marie"]
    editor, outsider = crew.users["editor"], crew.users["outsider"]
    with pytest.raises(ValidationFailed) as refused:
        team.update_person(marie, actor=acme["owner"], expected_version=1, changes={"user": outsider})
    assert "user" in refused.value.errors
    linked = team.update_person(marie, actor=acme["owner"], expected_version=1, changes={"user": editor})
    assert linked.user == editor
    with pytest.raises(ValidationFailed):
        team.create_person(actor=acme["owner"], workspace=crew.workspace, name="Other", user=editor)
    with pytest.raises(ValidationFailed):
        team.create_person(actor=acme["owner"], workspace=crew.workspace, name="Stranger", user=outsider)
    assert Person.objects.filter(workspace=crew.workspace).count() == 1


def test_a_person_of_another_workspace_cannot_join_a_roadmap_nor_be_assigned(acme):
    other = make_team("other")
    stranger = team.create_person(actor=other.owner, workspace=other.workspace, name="Stranger")
    with pytest.raises(ValidationFailed):
        team.add_to_roadmap(actor=acme["owner"], roadmap=acme["north"], person=stranger)
    activity = services.create(Activity, actor=acme["owner"], roadmap=acme["north"], title="Launch")
    with pytest.raises(ValidationFailed):
        services.assign(actor=acme["owner"], activity=activity, person=stranger, hours_per_week=1)
    with pytest.raises(ValidationFailed):
        services.update(activity, actor=acme["owner"], expected_version=1, changes={"owner": stranger})


def test_only_people_on_the_roadmap_team_own_or_are_assigned_its_activities(acme):
    owner, marie, north = acme["owner"], acme["marie"], acme["north"]
    activity = services.create(Activity, actor=owner, roadmap=north, title="Launch")
    with pytest.raises(ValidationFailed):
        services.assign(actor=owner, activity=activity, person=marie, hours_per_week=1)
    with pytest.raises(ValidationFailed):
        services.update(activity, actor=owner, expected_version=1, changes={"owner": marie})
    team.add_to_roadmap(actor=owner, roadmap=north, person=marie)
    services.assign(actor=owner, activity=activity, person=marie, hours_per_week=1)
    assert services.update(activity, actor=owner, expected_version=1, changes={"owner": marie}).owner == marie


def test_someone_working_on_a_roadmap_leaves_it_only_once_their_work_is_handed_over(acme):
    owner, marie, north = acme["owner"], acme["marie"], acme["north"]
    team.add_to_roadmap(actor=owner, roadmap=north, person=marie)
    activity = services.create(Activity, actor=owner, roadmap=north, title="Launch", owner=marie)
    with pytest.raises(ValidationFailed) as refused:
        team.remove_from_roadmap(actor=owner, roadmap=north, person=marie)
    assert "Launch" in str(refused.value)
    services.update(activity, actor=owner, expected_version=1, changes={"owner": None})
    team.remove_from_roadmap(actor=owner, roadmap=north, person=marie)
    assert not north.people.exists()
    assert Person.objects.filter(pk=marie.pk).exists()


def test_readers_and_outsiders_cannot_change_the_team(acme):
    crew, marie = acme["crew"], acme["marie"]
    with pytest.raises(Forbidden):
        team.create_person(actor=crew.users["viewer"], workspace=crew.workspace, name="X")
    with pytest.raises(NotFound):
        team.add_to_roadmap(actor=crew.users["outsider"], roadmap=acme["north"], person=marie)
    with pytest.raises(NotFound):
        team.delete_person(marie, actor=crew.users["outsider"])
    assert Person.objects.filter(pk=marie.pk).exists()


# Pages --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "stakeholder"])
def test_every_member_reads_the_workspace_team(client, acme, role):
    client.force_login(acme["crew"].users[role])
    assert "Marie Curie" in page(client.get(TEAM))
    assert client.get(TEAM + "marie-curie/").status_code == 200


@pytest.mark.parametrize("url", [TEAM, TEAM + "marie-curie/"])
def test_another_workspace_never_sees_its_people(client, acme, url):
    client.force_login(acme["crew"].users["outsider"])
    assert client.get(url).status_code == 404
    assert (
        client.post(url, {"name": "Intrus", "kind": "member", "capacity_hours_per_week": "1"}).status_code
        == 404
    )
    assert client.post(TEAM + "marie-curie/delete/", {"version": "1"}).status_code == 404
    assert Person.objects.filter(workspace=acme["crew"].workspace).count() == 1


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_readers_cannot_add_edit_or_remove_people(client, acme, role):
    client.force_login(acme["crew"].users[role])
    assert (
        client.post(TEAM, {"name": "X", "kind": "member", "capacity_hours_per_week": "1"}).status_code == 403
    )
    assert client.post(TEAM + "marie-curie/delete/", {"version": "1"}).status_code == 403
    assert (
        client.post(TEAM + "marie-curie/absences/", {"start": "2026-01-05", "end": "2026-01-06"}).status_code
        == 403
    )
    assert "<form" not in page(client.get(TEAM)).split("</table>")[1]
    assert Person.objects.filter(workspace=acme["crew"].workspace).count() == 1


def test_an_editor_adds_edits_links_and_removes_a_person_on_the_workspace_team(client, acme):
    crew = acme["crew"]
    client.force_login(crew.users["editor"])
    response = client.post(TEAM, {"name": "Agence Bleue", "kind": "agency", "capacity_hours_per_week": "70",
                                  "user": ""})  # fmt: skip
    assert response.status_code == 302
    agency = Person.objects.get(workspace=crew.workspace, key="agence-bleue")
    assert (agency.kind, agency.capacity_hours_per_week) == ("agency", 70)
    response = client.post(TEAM + "marie-curie/", {
        "name": "Marie Curie", "kind": "member", "capacity_hours_per_week": "30", "version": "1",
        "user": str(crew.users["viewer"].pk),
    })  # fmt: skip
    assert response.status_code == 302
    marie = Person.objects.get(pk=acme["marie"].pk)
    assert (marie.capacity_hours_per_week, marie.user) == (30, crew.users["viewer"])
    assert (
        client.post(TEAM + "marie-curie/absences/", {"start": "2026-08-03", "end": "2026-08-07"}).status_code
        == 302
    )
    assert Absence.objects.get(person=marie).start == date(2026, 8, 3)
    assert client.post(TEAM + "agence-bleue/delete/", {"version": "1"}).status_code == 302
    assert not Person.objects.filter(key="agence-bleue").exists()


def test_linking_a_user_of_another_workspace_is_refused_on_the_page(client, acme):
    crew = acme["crew"]
    client.force_login(crew.users["owner"])
    response = client.post(TEAM + "marie-curie/", {
        "name": "Marie Curie", "kind": "member", "capacity_hours_per_week": "28", "version": "1",
        "user": str(crew.users["outsider"].pk),
    })  # fmt: skip
    assert response.status_code == 422
    assert Person.objects.get(pk=acme["marie"].pk).user is None


def test_a_stale_edit_on_the_workspace_page_shows_the_conflict_and_keeps_the_user_account_field(client, acme):
    crew, marie = acme["crew"], acme["marie"]
    team.update_person(marie, actor=acme["owner"], expected_version=1, changes={"role": "Physicienne"})
    client.force_login(crew.users["owner"])
    response = client.post(TEAM + "marie-curie/", {
        "name": "Marie S. Curie", "kind": "member", "capacity_hours_per_week": "28", "version": "1",
        "user": str(crew.users["editor"].pk),
    })  # fmt: skip
    assert response.status_code == 409
    shown = page(response)
    assert "Physicienne" in shown and 'name="version" value="2"' in shown
    assert f'<option value="{crew.users["editor"].pk}" selected>' in shown
    marie.refresh_from_db()
    assert (marie.name, marie.user) == ("Marie Curie", None)


def test_a_roadmap_adds_a_workspace_person_in_one_click(client, acme):
    client.force_login(acme["crew"].users["editor"])
    people = "/w/acme/r/north/people/"
    listed = page(client.get(people))
    assert 'id="other-marie-curie"' in listed
    assert client.post("/w/acme/r/north/team/add/", {"person": "marie-curie"}).status_code == 302
    assert list(acme["north"].people.all()) == [acme["marie"]]
    assert 'id="other-marie-curie"' not in page(client.get(people))
    assert not acme["south"].people.exists()


def test_a_roadmap_cannot_add_a_person_of_another_workspace(client, acme):
    other = make_team("other")
    team.create_person(actor=other.owner, workspace=other.workspace, key="stranger", name="Stranger")
    client.force_login(acme["crew"].users["editor"])
    assert client.post("/w/acme/r/north/team/add/", {"person": "stranger"}).status_code == 404
    assert not acme["north"].people.exists()


def test_the_workload_of_a_roadmap_counts_the_other_roadmaps_hours_too(client, acme):
    owner, marie = acme["owner"], acme["marie"]
    for roadmap, hours in ((acme["north"], 10), (acme["south"], 30)):
        team.add_to_roadmap(actor=owner, roadmap=roadmap, person=marie)
        activity = services.create(Activity, actor=owner, roadmap=roadmap, title="Work", status="planned",
                                   start=date(2026, 3, 2), end=date(2026, 3, 6))  # fmt: skip
        services.assign(actor=owner, activity=activity, person=marie, hours_per_week=hours, confirm=True)
    client.force_login(owner)
    red = '<td class="wl wl-over'
    assert red in page(client.get("/w/acme/r/north/workload/"))  # 10 h + 30 h on South for 28 h
    assert red in page(client.get("/w/acme/r/south/workload/"))
    north_page = page(client.get("/w/acme/r/north/people/marie-curie/"))
    assert north_page.count('name="hours_per_week" value="10"') == 1
    assert 'value="30"' not in north_page  # the person page lists this roadmap's assignments only
