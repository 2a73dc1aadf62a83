"""The move of people from roadmaps to their workspace (planning 0004–0006), run on real data: migrate
back to before it, write people the old way with the historical models, migrate forward, check that the
same people are merged and that every owner, assignment and absence points at the right person."""

from __future__ import annotations

from datetime import date

import pytest

from tests.migration_steps import latest, migrate, migrated_to, others_at_latest

BEFORE_PLANNING = ("planning", "0003_activity_window")

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def old_apps():
    with migrated_to(before_people_moved()) as apps:
        yield apps


def before_people_moved():
    return [*others_at_latest("planning"), BEFORE_PLANNING]


def _roadmap(apps, workspace, slug):
    Roadmap = apps.get_model("strategy", "Roadmap")
    return Roadmap.objects.create(
        workspace=workspace, slug=slug, title=slug, type="strategic", start=date(2026, 1, 1),
        end=date(2026, 12, 31),
    )  # fmt: skip


def _old_world(apps):
    """Two workspaces; in "acme", Marie typed in two roadmaps (same key), Paul typed twice under two keys
    (same name, different case and accents), an agency only in one; "other" has its own Marie."""
    Workspace = apps.get_model("workspaces", "Workspace")
    Person = apps.get_model("planning", "Person")
    Activity = apps.get_model("planning", "Activity")
    Assignment = apps.get_model("planning", "Assignment")
    Absence = apps.get_model("planning", "Absence")
    acme = Workspace.objects.create(slug="acme", name="Acme")
    other = Workspace.objects.create(slug="other", name="Other")
    north, south, elsewhere = (
        _roadmap(apps, acme, "north"),
        _roadmap(apps, acme, "south"),
        _roadmap(apps, other, "x"),
    )

    def person(roadmap, key, name, **fields):
        return Person.objects.create(roadmap=roadmap, key=key, name=name, **fields)

    marie_n = person(north, "marie", "Marie Curie", capacity_hours_per_week=28, position=0)
    paul_n = person(north, "paul", "Paul Émile", position=1)
    agency = person(north, "agence", "Agence Bleue", kind="agency", capacity_hours_per_week=70, position=2)
    marie_s = person(south, "marie", "Marie Curie", capacity_hours_per_week=35, role="CRM", position=0)
    paul_s = person(south, "paul-e", "paul  emile", position=1)
    marie_x = person(elsewhere, "marie", "Marie Curie", position=0)
    Absence.objects.create(person=marie_n, start=date(2026, 8, 3), end=date(2026, 8, 14), note="")
    Absence.objects.create(person=marie_s, start=date(2026, 8, 3), end=date(2026, 8, 14), note="congés")
    Absence.objects.create(person=marie_s, start=date(2026, 12, 21), end=date(2026, 12, 31), note="")

    def activity(roadmap, key, owner):
        return Activity.objects.create(roadmap=roadmap, key=key, title=key, owner=owner)

    a1, a2 = activity(north, "a1", marie_n), activity(north, "a2", agency)
    b1, b2 = activity(south, "b1", marie_s), activity(south, "b2", paul_s)
    x1 = activity(elsewhere, "x1", marie_x)
    Assignment.objects.create(activity=a1, person=paul_n, hours_per_week=5)
    Assignment.objects.create(activity=b1, person=paul_s, hours_per_week=7)
    Assignment.objects.create(activity=b2, person=marie_s, hours_per_week=3)
    Assignment.objects.create(activity=x1, person=marie_x, hours_per_week=4)
    return {"a1": a1.pk, "a2": a2.pk, "b1": b1.pk, "b2": b2.pk, "x1": x1.pk}


def test_people_typed_in_several_roadmaps_become_one_workspace_person_keeping_every_assignment_and_back(
    old_apps,
):
    ids = _old_world(old_apps)
    apps = migrate(latest())
    Person = apps.get_model("planning", "Person")
    Activity = apps.get_model("planning", "Activity")
    Assignment = apps.get_model("planning", "Assignment")

    acme = {p.key: p for p in Person.objects.filter(workspace__slug="acme")}
    assert sorted(acme) == ["agence", "marie", "paul"]
    marie, paul, agency = acme["marie"], acme["paul"], acme["agence"]
    assert marie.capacity_hours_per_week == 35 and marie.role == "CRM"
    assert [(a.start, a.end, a.note) for a in marie.absences.order_by("start")] == [
        (date(2026, 8, 3), date(2026, 8, 14), "congés"),
        (date(2026, 12, 21), date(2026, 12, 31), ""),
    ]
    assert sorted(marie.roadmaps.values_list("slug", flat=True)) == ["north", "south"]
    assert sorted(paul.roadmaps.values_list("slug", flat=True)) == ["north", "south"]
    assert list(agency.roadmaps.values_list("slug", flat=True)) == ["north"]

    owners = dict(Activity.objects.values_list("pk", "owner_id"))
    assert owners[ids["a1"]] == marie.pk and owners[ids["b1"]] == marie.pk
    assert owners[ids["a2"]] == agency.pk and owners[ids["b2"]] == paul.pk
    assigned = {(a.activity_id, a.person_id, a.hours_per_week) for a in Assignment.objects.all()}
    other_marie = Person.objects.get(workspace__slug="other")
    assert assigned == {
        (ids["a1"], paul.pk, 5), (ids["b1"], paul.pk, 7), (ids["b2"], marie.pk, 3),
        (ids["x1"], other_marie.pk, 4),
    }  # fmt: skip
    assert owners[ids["x1"]] == other_marie.pk and other_marie.pk != marie.pk
    positions = Person.objects.filter(workspace__slug="acme").order_by("position")
    assert [p.position for p in positions] == [0, 1, 2]

    # Migrating back gives each roadmap its own copy again (one migration run less than its own test).
    apps = migrate(before_people_moved())
    Person = apps.get_model("planning", "Person")
    Activity = apps.get_model("planning", "Activity")
    south = Person.objects.filter(roadmap__slug="south")
    assert sorted(south.values_list("key", flat=True)) == ["marie", "paul"]
    owner = Activity.objects.get(pk=ids["b1"]).owner
    assert owner.roadmap.slug == "south" and owner.key == "marie"
    assert owner.absences.count() == 2
