"""The Documents page: readers download what they read, editors save presets, presets come back."""

from __future__ import annotations

import re

import pytest

URL = "/w/cloud-kicks/r/cloud-kicks/documents/"


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_a_reader_downloads_the_roadmap_as_markdown(client, members, role: str) -> None:
    client.force_login(members[role])
    page = client.get(URL)
    assert page.status_code == 200
    assert 'name="format" value="pptx"' in page.content.decode()
    answer = client.get(URL, {"format": "md", "sections": ["vision", "milestones"], "language": "en",
                              "zoom": "quarter", "lanes": "theme"})  # fmt: skip
    assert answer.status_code == 200
    assert answer["Content-Disposition"] == 'attachment; filename="cloud-kicks-en.md"'
    text = answer.content.decode()
    assert "## Milestones" in text and "## Risks" not in text


def test_every_roadmap_page_has_the_documents_menu(client, members) -> None:
    client.force_login(members["viewer"])
    for path in ("/w/cloud-kicks/r/cloud-kicks/", "/w/cloud-kicks/r/cloud-kicks/timeline/"):
        assert f'href="{URL}"' in client.get(path).content.decode()


def test_an_outsider_gets_not_found(client, members) -> None:
    client.force_login(members["outsider"])
    assert client.get(URL, {"format": "md"}).status_code == 404


def test_an_editor_saves_a_preset_and_the_page_and_the_command_use_it(client, members, demo) -> None:
    from jalon.reports.models import ReportPreset
    from jalon.reports.presets import options_for

    client.force_login(members["editor"])
    answer = client.post(URL, {"name": "Comité marketing", "sections": ["vision", "risks"], "language": "fr",
                               "zoom": "year", "lanes": "owner"})  # fmt: skip
    assert answer.status_code == 302 and answer["Location"].endswith("?preset=comite-marketing")
    preset = ReportPreset.objects.get(roadmap=demo.roadmap)
    assert preset.name == "Comité marketing"
    options = options_for(demo.roadmap, "comite-marketing", language="en")
    assert options.sections == ("vision", "risks") and options.zoom == "year" and not options.include_budgets
    page = client.get(URL, {"preset": "comite-marketing"}).content.decode()
    assert re.search(r'value="risks"[^>]*checked', page) and not re.search(
        r'value="budget"[^>]*checked', page
    )
    assert '<option value="comite-marketing" selected>Comité marketing</option>' in page


def test_a_viewer_cannot_save_a_preset(client, members, demo) -> None:
    from jalon.reports.models import ReportPreset

    client.force_login(members["viewer"])
    answer = client.post(URL, {"name": "Mine", "sections": ["vision"], "language": "fr", "zoom": "year",
                               "lanes": "owner"})  # fmt: skip
    assert answer.status_code == 403
    assert not ReportPreset.objects.exists()


def test_a_preset_without_a_name_is_refused_and_nothing_is_saved(client, members) -> None:
    from jalon.reports.models import ReportPreset

    client.force_login(members["editor"])
    answer = client.post(URL, {"name": "  ", "sections": ["vision"], "language": "fr", "zoom": "year",
                               "lanes": "owner"})  # fmt: skip
    assert answer.status_code == 422
    assert "Donnez un nom au préréglage." in answer.content.decode()
    assert not ReportPreset.objects.exists()


def test_a_large_deck_is_written_in_the_background_and_waits_for_the_reader(
    client, members, monkeypatch
) -> None:
    import io

    from pptx import Presentation

    from jalon.jobs.models import Job
    from jalon.jobs.services import run_queued
    from jalon.reports import views

    monkeypatch.setattr(views, "BACKGROUND_FROM_ACTIVITIES", 5)  # Cloud Kicks counts as large here
    client.force_login(members["viewer"])
    started = client.get(URL, {"format": "pptx", "sections": ["vision", "timeline"], "language": "en",
                               "zoom": "quarter", "lanes": "theme"})  # fmt: skip
    job = Job.objects.get(kind="report")
    assert started.status_code == 302 and started["Location"] == f"{URL}jobs/{job.pk}/"
    waiting = client.get(started["Location"]).content.decode()
    assert 'id="report-progress"' in waiting
    assert run_queued() == 1
    page = client.get(started["Location"]).content.decode()
    assert "Le document est prêt." in page and f"{URL}jobs/{job.pk}/file/" in page
    answer = client.get(f"{URL}jobs/{job.pk}/file/")
    assert answer["Content-Disposition"] == 'attachment; filename="cloud-kicks-en.pptx"'
    deck = Presentation(io.BytesIO(b"".join(answer.streaming_content)))
    assert "Timeline" in [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    client.force_login(members["outsider"])
    assert client.get(f"{URL}jobs/{job.pk}/file/").status_code == 404


def test_the_documents_page_speaks_the_readers_language(client, members) -> None:
    viewer = members["viewer"]
    viewer.language = "en"
    viewer.save()
    client.force_login(viewer)
    page = client.get(URL).content.decode()
    assert "Slide deck (PowerPoint)" in page and "Language of the document" in page
    assert "Présentation" not in page and "Télécharger" not in page and "Préréglage" not in page
