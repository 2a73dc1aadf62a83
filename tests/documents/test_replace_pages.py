"""Replacing a roadmap from the web: a confirmation page says what is replaced and lost, the previous
version is kept, and the roadmap's history page restores it (itself a confirmed replace-import)."""

from __future__ import annotations

import html
import json
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from jalon.documents.services import export_roadmap
from jalon.history.models import RoadmapVersion
from jalon.planning.models import Scenario
from jalon.strategy.models import Roadmap

IMPORT = "/w/cloud-kicks/import/"
HISTORY = "/w/cloud-kicks/r/cloud-kicks/history/"


def renamed_file(roadmap: Roadmap, title: str) -> bytes:
    document = json.loads(export_roadmap(actor=None, roadmap=roadmap, fmt="json"))
    document["roadmap"]["title"] = title
    return json.dumps(document).encode()


def replace(client: Client, content: bytes) -> Any:
    return client.post(IMPORT, {"file": SimpleUploadedFile("plan.json", content), "replace": "1"})


def test_a_replace_upload_asks_first_listing_what_is_lost_and_changes_nothing(client, members, demo) -> None:
    Scenario.objects.create(roadmap=demo.roadmap, key="prudent", name="Prudent", status="optimal")
    client.force_login(members["editor"])
    before = export_roadmap(actor=None, roadmap=demo.roadmap, fmt="json")
    response = replace(client, renamed_file(demo.roadmap, "Nouveau titre"))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "1 scénario enregistré" in page
    assert "entrées d’historique" in page
    assert "/w/cloud-kicks/import/confirm/" in page
    assert export_roadmap(actor=None, roadmap=Roadmap.objects.get(slug="cloud-kicks"), fmt="json") == before
    assert Scenario.objects.filter(roadmap__slug="cloud-kicks").exists()


def test_confirming_replaces_the_roadmap_and_keeps_the_previous_version(client, members, demo) -> None:
    client.force_login(members["editor"])
    before = export_roadmap(actor=None, roadmap=demo.roadmap, fmt="json")
    replace(client, renamed_file(demo.roadmap, "Nouveau titre"))
    response = client.post(IMPORT + "confirm/")
    assert response.status_code == 302
    assert Roadmap.objects.get(workspace__slug="cloud-kicks", slug="cloud-kicks").title == "Nouveau titre"
    assert RoadmapVersion.objects.get().document == before
    again = client.post(IMPORT + "confirm/")  # the file waited once: a second confirmation imports nothing
    assert again.status_code == 302
    assert RoadmapVersion.objects.count() == 1


def test_the_history_page_restores_a_kept_version_after_confirmation(client, members, demo) -> None:
    client.force_login(members["editor"])
    original_title = demo.roadmap.title
    replace(client, renamed_file(demo.roadmap, "Nouveau titre"))
    client.post(IMPORT + "confirm/")
    history = client.get(HISTORY)
    assert history.status_code == 200
    version = RoadmapVersion.objects.get()
    restore_url = f"{HISTORY}{version.pk}/restore/"
    assert restore_url in history.content.decode()
    asking = client.get(restore_url)
    assert asking.status_code == 200
    assert "Restaurer cette version" in html.unescape(asking.content.decode())
    assert Roadmap.objects.get(slug="cloud-kicks").title == "Nouveau titre"  # asking changed nothing
    done = client.post(restore_url)
    assert done.status_code == 302
    assert Roadmap.objects.get(workspace__slug="cloud-kicks", slug="cloud-kicks").title == original_title
    assert RoadmapVersion.objects.count() == 2  # the replaced one is kept in turn


def test_a_viewer_sees_the_history_but_cannot_restore(client, members, demo) -> None:
    client.force_login(members["editor"])
    replace(client, renamed_file(demo.roadmap, "Nouveau titre"))
    client.post(IMPORT + "confirm/")
    version = RoadmapVersion.objects.get()
    viewer = Client()
    viewer.force_login(members["viewer"])
    assert viewer.get(HISTORY).status_code == 200
    assert "restore/" not in viewer.get(HISTORY).content.decode()
    assert viewer.post(f"{HISTORY}{version.pk}/restore/").status_code == 403
    assert Roadmap.objects.get(slug="cloud-kicks").title == "Nouveau titre"
