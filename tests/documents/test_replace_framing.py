"""Replacing a roadmap replaces its framing: the warning counts what the file replaces (personas, journey
steps, plan actions, votes) and names what is lost for good (ballots, prototypes with their files,
stakeholders' member links), in English and in French; restoring the kept version brings the framing back
as the file carries it."""

from __future__ import annotations

import html
import json
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.utils import translation

from jalon.demo.framing import load_demo_framing
from jalon.documents.framing_file import framing_document
from jalon.documents.replace import ReplaceNeedsConfirmation, losses_of
from jalon.documents.services import export_roadmap, import_roadmap, restore_version
from jalon.framing import services
from jalon.framing.models import Ballot, Framing, JourneyStep, Prototype, Stakeholder, Vote
from jalon.history.models import Change, RoadmapVersion
from jalon.strategy.models import Roadmap
from tests.framing.prototypes import png


@pytest.fixture(autouse=True)
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def framed(demo, members) -> Roadmap:
    """Cloud Kicks with the demo's framing (three stakeholders' ballots), a journey step, an uploaded
    prototype and an editor's ballot: four ballots cast."""
    framing = load_demo_framing(demo.roadmap)
    persona = framing.personas.first()
    assert persona is not None
    services.create(JourneyStep, actor=None, framing=framing, persona=persona, name="Découverte", feels=1)
    services.add_prototype(actor=None, framing=framing, title="Maquette", data=png(), file_name="m.png")
    vote = Vote.objects.get(framing=framing)
    Stakeholder.objects.filter(framing=framing).update(member=None)
    services.create(
        Stakeholder, actor=None, framing=framing, name="Camille", member=members["editor"],
        workshops=[vote.workshop],
    )  # fmt: skip
    services.cast(actor=members["editor"], vote=vote, points={vote.options.first().pk: 2})  # type: ignore[union-attr]
    return Roadmap.objects.get(pk=demo.roadmap.pk)


def asked(roadmap: Roadmap, language: str) -> list[str]:
    text = export_roadmap(actor=None, roadmap=roadmap, fmt="json")
    with pytest.raises(ReplaceNeedsConfirmation) as question:
        import_roadmap(actor=None, workspace=roadmap.workspace, text=text, fmt="json", replace=True)
    with translation.override(language):
        return question.value.losses.lines()


def test_the_warning_counts_the_framing_replaced_and_names_what_is_lost_for_good(framed: Roadmap) -> None:
    framing = Framing.objects.get(roadmap=framed)
    personas, actions = framing.personas.count(), framing.actions.count()
    lines = asked(framed, "en")
    assert lines[1] == (
        "Its framing (kick-off, workshops, stakeholders, lifecycle stages) is replaced by the file's: "
        f"{personas} personas with 1 journey step, {actions} plan actions and 1 vote."
    )
    assert lines[2].startswith("Lost for good: ")
    assert lines[2].endswith(
        ", 1 prototype with its uploaded file, 4 ballots cast, 1 stakeholder's link to a workspace member."
    )


def test_the_warning_in_french_has_its_plurals_and_a_non_breaking_space_before_colons(
    framed: Roadmap,
) -> None:
    framing = Framing.objects.get(roadmap=framed)
    JourneyStep.objects.create(framing=framing, persona=framing.personas.all()[0], name="Achat")
    lines = asked(framed, "fr")
    assert f"{framing.personas.count()} personae avec 2 étapes du parcours" in lines[1]
    assert "1 vote." in lines[1]
    assert "1 prototype et son fichier envoyé" in lines[2]
    assert "4 bulletins déposés" in lines[2]
    assert "par le fichier\u00a0:" in lines[0]  # (the demo's title has a colon of its own)
    assert all(" :" not in line and "\u00a0:" in line for line in lines[1:3])


def test_a_roadmap_without_framing_is_warned_about_no_framing(demo) -> None:
    lines = asked(demo.roadmap, "en")
    assert not any("framing" in line or "ballot" in line for line in lines)


def test_restoring_the_kept_version_brings_the_framing_back_as_the_file_carries_it(framed: Roadmap) -> None:
    before = json.loads(export_roadmap(actor=None, roadmap=framed, fmt="json"))
    changed: dict[str, Any] = json.loads(json.dumps(before))
    changed["framing"] = {"stakes": "Autre chose"}
    changed["objectives"][0]["qualitative_indicators"] = []
    replaced = import_roadmap(
        actor=None, workspace=framed.workspace, text=json.dumps(changed), fmt="json", replace=True,
        confirmed=True,
    )  # fmt: skip
    assert framing_document(replaced) == {"stakes": "Autre chose"}
    version = RoadmapVersion.objects.get()
    assert (version.lost["prototypes"], version.lost["ballots"], version.lost["members"]) == (1, 4, 1)

    restored = restore_version(actor=None, version=version, confirmed=True)
    after = json.loads(export_roadmap(actor=None, roadmap=restored, fmt="json"))
    assert after["framing"] == before["framing"]
    assert after == before
    # What the file cannot carry stays lost, as the warning said.
    assert not Prototype.objects.exists() and not Ballot.objects.exists()


def test_the_history_page_lists_the_framing_lost_with_a_replacement(client: Client, members, framed) -> None:
    import_roadmap(
        actor=None, workspace=framed.workspace, text=export_roadmap(actor=None, roadmap=framed, fmt="json"),
        fmt="json", replace=True, confirmed=True,
    )  # fmt: skip
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = "fr"
    page = html.unescape(client.get("/w/cloud-kicks/r/cloud-kicks/history/").content.decode())
    assert "1 prototype et son fichier envoyé, 4 bulletins déposés" in page


def test_losses_count_the_framing_history_entries(framed: Roadmap) -> None:
    # Every change is kept by its roadmap (history 0003), the framing's among them, and a replacement
    # deletes them all: the count is the roadmap's changes, framing included, even of framing since deleted.
    framing_types = ContentType.objects.filter(app_label="framing")
    framing_changes = Change.objects.filter(roadmap=framed, content_type__in=framing_types).count()
    assert framing_changes > 0
    assert losses_of(framed).history_entries == Change.objects.filter(roadmap=framed).count()
    Framing.objects.filter(roadmap=framed).delete()
    assert losses_of(framed).history_entries == Change.objects.filter(roadmap=framed).count()
    assert Change.objects.filter(roadmap=framed, content_type__in=framing_types).count() == framing_changes
