"""A roadmap copied (dates moved by whole months), archived and restored, deleted: the services on the
Cloud Kicks demo, and who may do each (owner, editor, viewer, stakeholder, outsider)."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.test import Client

from jalon.documents.services import copy_roadmap, export_roadmap, roadmap_document
from jalon.errors import ValidationFailed
from jalon.planning.models import Activity, Milestone, Person, Review
from jalon.strategy import services
from jalon.strategy.kpis.source_services import refresh_due_sources
from jalon.strategy.models import KPI, KPISource, Measurement, Roadmap
from jalon.strategy.periods import moved
from jalon.workspaces.models import Workspace
from jalon.workspaces.permissions import Archived
from tests.factories import make_roadmap

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


def test_a_copy_holds_the_plan_with_activities_back_to_ideas_and_no_reviews(demo) -> None:
    original = demo.roadmap
    Review.objects.create(roadmap=original, key="t1", title="Revue T1", held_on=date(2026, 3, 31))
    assert original.activities.exclude(status="idea").exists()
    copied = copy_roadmap(actor=None, roadmap=original, title="Plan 2027")
    before, after = roadmap_document(original), roadmap_document(copied)
    assert (after["roadmap"]["title"], after["roadmap"]["slug"]) == ("Plan 2027", "plan-2027")
    for section in ("objectives", "strategies", "themes", "people", "risks", "communications", "framing"):
        assert after.get(section) == before.get(section), section
    assert [k["key"] for k in after["kpis"]] == [k["key"] for k in before["kpis"]]
    assert not Measurement.objects.filter(kpi__roadmap=copied).exists()  # measurements: off by default
    assert "reviews" not in after
    assert set(copied.activities.values_list("status", flat=True)) == {"idea"}
    assert not copied.activities.exclude(spent=0).exists()
    assert [a["key"] for a in after["activities"]] == [a["key"] for a in before["activities"]]
    assert not Milestone.objects.filter(roadmap=copied).exclude(reached_on=None).exists()
    assert Person.objects.filter(workspace=demo.workspace).count() == len(before["people"])  # same team


def test_a_copy_moved_by_twelve_months_moves_every_plan_date_and_keeps_month_ends(demo) -> None:
    original = demo.roadmap
    Milestone.objects.filter(roadmap=original).update(date=date(2026, 2, 28))  # a month's last day
    first = original.activities.exclude(start=None).first()
    assert first is not None and first.start is not None
    copied = copy_roadmap(actor=None, roadmap=original, title="Cloud Kicks 2027", months=12)
    assert (copied.start, copied.end) == (
        moved(original.start, "monthly", 12),
        moved(original.end, "monthly", 12),
    )
    assert set(copied.milestones.values_list("date", flat=True)) == {date(2027, 2, 28)}
    assert copied.activities.get(key=first.key).start == moved(first.start, "monthly", 12)
    for objective in copied.objectives.exclude(deadline=None):
        source = original.objectives.get(key=objective.key)
        assert source.deadline is not None
        assert objective.deadline == moved(source.deadline, "monthly", 12), objective.key


def test_a_month_shift_keeps_a_months_last_day_a_months_last_day(demo) -> None:
    Milestone.objects.filter(roadmap=demo.roadmap).update(date=date(2026, 2, 28))
    copied = copy_roadmap(actor=None, roadmap=demo.roadmap, title="Un mois plus tard", months=1)
    assert set(copied.milestones.values_list("date", flat=True)) == {date(2026, 3, 31)}


def test_measurements_copied_on_request_keep_the_dates_they_were_measured(demo) -> None:
    original = demo.roadmap
    measured = sorted(
        Measurement.objects.filter(kpi__roadmap=original).values_list("kpi__key", "date", "value")
    )
    assert measured
    copied = copy_roadmap(actor=None, roadmap=original, title="Avec mesures", months=12, measurements=True)
    assert (
        sorted(Measurement.objects.filter(kpi__roadmap=copied).values_list("kpi__key", "date", "value"))
        == measured
    )


def test_a_shift_past_the_supported_range_is_refused_and_creates_nothing(team) -> None:
    far = make_roadmap(team.workspace, team.owner, slug="far", start=date(2150, 1, 1), end=date(2150, 12, 31))
    with pytest.raises(ValidationFailed) as refused:
        copy_roadmap(actor=team.owner, roadmap=far, title="Farther", months=1200)
    assert "months" in refused.value.errors
    assert list(Roadmap.objects.filter(workspace=team.workspace)) == [far]


def test_a_copy_needs_a_title_no_other_roadmap_of_the_workspace_has(demo) -> None:
    with pytest.raises(ValidationFailed) as refused:
        copy_roadmap(actor=None, roadmap=demo.roadmap, title="  " + demo.roadmap.title.upper() + " ")
    assert demo.roadmap.title in refused.value.errors["title"][0]
    assert Roadmap.objects.filter(workspace=demo.workspace).count() == 1


def test_viewers_and_stakeholders_cannot_copy_and_outsiders_do_not_see(demo, members) -> None:
    for role in ("viewer", "stakeholder"):
        with pytest.raises(PermissionDenied):
            copy_roadmap(actor=members[role], roadmap=demo.roadmap, title=f"Copie {role}")
    with pytest.raises(Http404):
        copy_roadmap(actor=members["outsider"], roadmap=demo.roadmap, title="Copie")
    assert Roadmap.objects.filter(workspace=demo.workspace).count() == 1


# Archive and restore ------------------------------------------------------------------------------


def test_an_archived_roadmap_refuses_every_service_write_until_restored(demo, members) -> None:
    roadmap = services.archive_roadmap(actor=members["owner"], roadmap=demo.roadmap)
    assert roadmap.is_archived
    objective = roadmap.objectives.first()
    assert objective is not None
    for actor in (members["owner"], members["editor"], None):
        with pytest.raises(Archived):
            services.update_roadmap(
                actor=actor, roadmap=roadmap, expected_version=roadmap.version, changes={"vision": "x"}
            ) if actor is not None else services.create_objective(actor=None, roadmap=roadmap, title="New")
    with pytest.raises(Archived):
        services.update_objective(
            actor=members["editor"], objective=objective, expected_version=objective.version,
            changes={"title": "Changed"},
        )  # fmt: skip
    assert export_roadmap(actor=members["viewer"], roadmap=roadmap, fmt="yaml")  # still exportable
    restored = services.restore_roadmap(actor=members["owner"], roadmap=roadmap)
    services.update_roadmap(
        actor=members["editor"], roadmap=restored, expected_version=restored.version, changes={"vision": "x"}
    )
    assert Roadmap.objects.get(pk=roadmap.pk).vision == "x"


def test_only_owners_archive_and_restore(demo, members) -> None:
    for role in ("editor", "viewer", "stakeholder"):
        with pytest.raises(PermissionDenied):
            services.archive_roadmap(actor=members[role], roadmap=demo.roadmap)
    with pytest.raises(Http404):
        services.archive_roadmap(actor=members["outsider"], roadmap=demo.roadmap)
    archived = services.archive_roadmap(actor=members["owner"], roadmap=demo.roadmap)
    with pytest.raises(PermissionDenied):
        services.restore_roadmap(actor=members["editor"], roadmap=archived)
    assert Roadmap.objects.get(pk=archived.pk).is_archived


def test_the_worker_leaves_an_archived_roadmaps_kpi_sources_alone(demo, tmp_path, settings) -> None:
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "data.csv").write_text("date,value\n2026-03-02,5\n", encoding="utf-8")
    kpi = KPI.objects.filter(roadmap=demo.roadmap).first()
    assert kpi is not None
    KPISource.objects.create(
        kpi=kpi, file_name="data.csv", stored_path="data.csv", query="select * from data"
    )
    services.archive_roadmap(actor=None, roadmap=demo.roadmap)
    assert refresh_due_sources() == []
    assert KPISource.objects.get(kpi=kpi).refreshed_at is None


def test_an_archived_roadmap_can_still_be_copied_and_the_copy_is_open(demo, members) -> None:
    archived = services.archive_roadmap(actor=members["owner"], roadmap=demo.roadmap)
    copied = copy_roadmap(actor=members["editor"], roadmap=archived, title="Reprise")
    assert not copied.is_archived
    services.create_objective(actor=members["editor"], roadmap=copied, title="Nouvel objectif")


# Delete ---------------------------------------------------------------------------------------------


def _source_file(root, roadmap: Roadmap, name: str) -> None:
    kpi = services.create_kpi(actor=None, roadmap=roadmap, name=f"KPI {name}", frequency="monthly")
    (root / name).write_text("date,value\n", encoding="utf-8")
    KPISource.objects.create(kpi=kpi, file_name=name, stored_path=name, query="select * from data")


def test_deleting_a_roadmap_needs_its_title_typed_back(demo, members) -> None:
    with pytest.raises(ValidationFailed):
        services.delete_roadmap(actor=members["owner"], roadmap=demo.roadmap, typed_title="Autre chose")
    assert Roadmap.objects.filter(pk=demo.roadmap.pk).exists()


def test_only_owners_delete_a_roadmap(demo, members) -> None:
    for role in ("editor", "viewer", "stakeholder"):
        with pytest.raises(PermissionDenied):
            services.delete_roadmap(actor=members[role], roadmap=demo.roadmap, typed_title=demo.roadmap.title)
    with pytest.raises(Http404):
        services.delete_roadmap(
            actor=members["outsider"], roadmap=demo.roadmap, typed_title=demo.roadmap.title
        )
    assert Roadmap.objects.filter(pk=demo.roadmap.pk).exists()


def test_deleting_a_roadmap_removes_its_rows_and_files_after_commit_and_nothing_of_another(
    demo, members, tmp_path, settings, django_capture_on_commit_callbacks
) -> None:
    settings.MEDIA_ROOT = tmp_path
    doomed = demo.roadmap
    sibling = make_roadmap(demo.workspace, members["owner"], slug="sibling", title="Sibling")
    elsewhere = make_roadmap(Workspace.objects.get(slug="other"), members["outsider"], slug="cloud-kicks")
    for roadmap, name in ((doomed, "doomed.csv"), (sibling, "sibling.csv"), (elsewhere, "elsewhere.csv")):
        _source_file(tmp_path, roadmap, name)
    shared = KPI.objects.get(roadmap=sibling)  # a row of another roadmap naming the doomed file keeps it
    KPISource.objects.filter(kpi=shared).update(stored_path="doomed.csv")
    (tmp_path / "only-doomed.csv").write_text("x", encoding="utf-8")
    unsourced = KPI.objects.filter(roadmap=doomed, source__isnull=True).first()
    assert unsourced is not None
    KPISource.objects.create(
        kpi=unsourced,
        file_name="o.csv", stored_path="only-doomed.csv", query="select 1",
    )  # fmt: skip
    people = Person.objects.filter(workspace=demo.workspace).count()
    counts = services.deletion_counts(doomed)
    assert counts["files"] == 2 and counts["objectives"] == doomed.objectives.count() > 0
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.delete_roadmap(
            actor=members["owner"], roadmap=doomed, typed_title=f" {doomed.title.lower()}"
        )
    assert (tmp_path / "only-doomed.csv").exists()  # not before the commit
    for callback in callbacks:
        callback()
    assert not (tmp_path / "only-doomed.csv").exists()
    assert (tmp_path / "doomed.csv").exists() and (tmp_path / "sibling.csv").exists()
    assert (tmp_path / "elsewhere.csv").exists()
    assert not Roadmap.objects.filter(pk=doomed.pk).exists()
    assert not Activity.objects.filter(roadmap_id=doomed.pk).exists()
    assert Roadmap.objects.filter(pk__in=[sibling.pk, elsewhere.pk]).count() == 2
    assert (
        KPI.objects.filter(roadmap=elsewhere).count() == 1
        and KPI.objects.filter(roadmap=sibling).count() == 1
    )
    assert Person.objects.filter(workspace=demo.workspace).count() == people  # the team stays


# Pages: who may open each address ----------------------------------------------------------------

EXPECTED = {  # (method, address): status per role
    ("get", "copy/"): {"owner": 200, "editor": 200, "viewer": 403, "stakeholder": 403, "outsider": 404},
    ("post", "copy/"): {"owner": 302, "editor": 302, "viewer": 403, "stakeholder": 403, "outsider": 404},
    ("post", "archive/"): {"owner": 302, "editor": 403, "viewer": 403, "stakeholder": 403, "outsider": 404},
    ("post", "restore/"): {"owner": 302, "editor": 403, "viewer": 403, "stakeholder": 403, "outsider": 404},
    ("get", "delete/"): {"owner": 200, "editor": 403, "viewer": 403, "stakeholder": 403, "outsider": 404},
    ("post", "delete/"): {"owner": 422, "editor": 403, "viewer": 403, "stakeholder": 403, "outsider": 404},
}


@pytest.mark.parametrize("role", ["owner", "editor", "viewer", "stakeholder", "outsider"])
@pytest.mark.parametrize(("method", "address"), list(EXPECTED))
def test_each_lifecycle_address_answers_each_role(client: Client, members, role, method, address) -> None:
    client.force_login(members[role])
    response = getattr(client, method)(ROADMAP + address, {"title": "Not the title", "months": "0"})
    assert response.status_code == EXPECTED[(method, address)][role]
    copied = (method, address, response.status_code) == ("post", "copy/", 302)
    assert Roadmap.objects.filter(workspace__slug="cloud-kicks").count() == (2 if copied else 1)


def test_the_copy_form_lands_on_the_copy_with_a_message(client: Client, members) -> None:
    client.force_login(members["editor"])
    response = client.post(ROADMAP + "copy/", {"title": "Cloud Kicks 2027", "months": "12"}, follow=True)
    assert response.redirect_chain[-1][0] == "/w/cloud-kicks/r/cloud-kicks-2027/"
    assert "Cloud Kicks 2027" in response.content.decode()
    assert response.context["messages"] and len(list(response.context["messages"])) == 1


def test_a_copy_form_with_a_taken_title_says_which_roadmap_has_it(client: Client, demo, members) -> None:
    client.force_login(members["editor"])
    response = client.post(ROADMAP + "copy/", {"title": demo.roadmap.title.upper(), "months": "0"})
    assert response.status_code == 422
    assert "Une feuille de route de cet espace s’appelle déjà" in response.content.decode()


def test_an_archived_roadmap_is_listed_apart_with_a_banner_and_refuses_every_form(
    client: Client, members
) -> None:
    client.force_login(members["owner"])
    assert client.post(ROADMAP + "archive/").status_code == 302
    page = client.get("/w/cloud-kicks/").content.decode()
    main, archived = page.split("Feuilles de route archivées")
    assert ROADMAP not in main and ROADMAP in archived
    roadmap_page = client.get(ROADMAP).content.decode()
    assert "Cette feuille de route est archivée" in roadmap_page
    assert "Modifier la feuille de route" not in roadmap_page  # no edit buttons
    for address, data in (("edit/", {"title": "x"}), ("objectives/new/", {"title": "x"}),
                          ("backlog/", {"title": "x"}), ("documents/", {"name": "x"})):  # fmt: skip
        response = client.post(ROADMAP + address, data)
        assert response.status_code == 403, address
        assert "archivée" in response.content.decode()
    assert client.get(ROADMAP + "export.yaml").status_code == 200
    assert client.post(ROADMAP + "restore/").status_code == 302
    assert ROADMAP in client.get("/w/cloud-kicks/").content.decode().split("Feuilles de route archivées")[0]


def test_the_delete_page_counts_what_goes_and_links_to_the_export(client: Client, demo, members) -> None:
    client.force_login(members["owner"])
    page = client.get(ROADMAP + "delete/").content.decode()
    assert f"{demo.roadmap.objectives.count()} objectifs" in page.replace("\u00a0", " ")
    assert ROADMAP + "export.yaml" in page
    response = client.post(ROADMAP + "delete/", {"title": demo.roadmap.title})
    assert response.status_code == 302 and response["Location"] == "/w/cloud-kicks/"
    assert not Roadmap.objects.filter(pk=demo.roadmap.pk).exists()


def test_an_edit_page_of_an_archived_roadmap_says_it_is_archived_not_that_the_role_is_missing(
    client: Client, demo, members
) -> None:
    services.archive_roadmap(actor=None, roadmap=demo.roadmap)
    client.force_login(members["editor"])
    response = client.get(ROADMAP + "edit/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Cette feuille de route est archivée" in page and "Votre rôle" not in page
