"""A prototype's file and thumbnail leave storage once no row points to them any more — after a
replace-import, the deletion of the prototype or of its roadmap — and only once that deletion commits: a
rolled-back replacement keeps them."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db import IntegrityError, transaction

from jalon.documents.bulk_write import Batch
from jalon.documents.roadmap_file import FileProblems
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.framing import services
from jalon.framing.models import Prototype
from jalon.strategy.models import Roadmap
from tests.factories import Team, make_roadmap
from tests.framing.prototypes import png


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def prototype_on_a_roadmap(team: Team) -> tuple[Roadmap, list[Path]]:
    roadmap = make_roadmap(team.workspace, team.owner)
    framing = services.open_framing(actor=team.owner, roadmap=roadmap)
    prototype = services.add_prototype(
        actor=team.owner, framing=framing, title="Maquette", data=png(), file_name="m.png"
    )
    stored = [Path(prototype.file.path), Path(prototype.thumbnail.path)]
    assert all(path.exists() for path in stored)
    return roadmap, stored


def replace_with_its_own_file(team: Team, roadmap: Roadmap) -> Roadmap:
    text = export_roadmap(actor=None, roadmap=roadmap, fmt="json")
    return import_roadmap(
        actor=team.owner, workspace=team.workspace, text=text, fmt="json", replace=True, confirmed=True
    )


@pytest.mark.django_db(transaction=True)
def test_a_committed_replace_removes_the_prototype_files_no_row_points_to(team: Team) -> None:
    roadmap, stored = prototype_on_a_roadmap(team)
    replace_with_its_own_file(team, roadmap)
    assert not Prototype.objects.exists()
    assert not any(path.exists() for path in stored)


@pytest.mark.django_db(transaction=True)
def test_a_replace_rolled_back_keeps_the_prototype_and_its_files(team: Team, monkeypatch) -> None:
    roadmap, stored = prototype_on_a_roadmap(team)

    def broken_insert(self: Batch) -> None:
        raise IntegrityError("a rule the checks missed")

    monkeypatch.setattr(Batch, "insert", broken_insert)  # after the old roadmap's delete, in the transaction
    with pytest.raises(FileProblems):
        replace_with_its_own_file(team, roadmap)
    assert Prototype.objects.filter(framing__roadmap=roadmap).exists()
    assert all(path.exists() for path in stored)


def test_files_stay_until_the_replace_commits(team: Team, django_capture_on_commit_callbacks) -> None:
    roadmap, stored = prototype_on_a_roadmap(team)
    with django_capture_on_commit_callbacks() as waiting:
        replace_with_its_own_file(team, roadmap)
        assert all(path.exists() for path in stored)  # deleted rows, files still there until the commit
    for callback in waiting:
        callback()
    assert not any(path.exists() for path in stored)


def test_deleting_a_roadmap_removes_its_prototype_files_after_commit(
    team: Team, django_capture_on_commit_callbacks
) -> None:
    roadmap, stored = prototype_on_a_roadmap(team)
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        roadmap.delete()
        assert all(path.exists() for path in stored)
    assert not any(path.exists() for path in stored)


def test_a_rolled_back_deletion_of_a_prototype_keeps_its_files(
    team: Team, django_capture_on_commit_callbacks
) -> None:
    _roadmap, stored = prototype_on_a_roadmap(team)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        services.delete_prototype(actor=team.owner, prototype=Prototype.objects.get())
        raise RuntimeError("rolled back")
    assert Prototype.objects.exists() and all(path.exists() for path in stored)


def test_a_file_another_row_still_points_to_is_kept(team: Team, django_capture_on_commit_callbacks) -> None:
    _roadmap, stored = prototype_on_a_roadmap(team)
    first = Prototype.objects.get()
    twin = Prototype.objects.create(
        framing=first.framing, title="Copie", file=first.file.name, thumbnail=first.thumbnail.name,
        file_name="m.png", content_type="image/png", size=first.size,
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_prototype(actor=team.owner, prototype=first)
    assert all(path.exists() for path in stored)
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_prototype(actor=team.owner, prototype=twin)
    assert not any(path.exists() for path in stored)
