"""The Documents page: readers download what they read, editors save presets, presets come back."""

from __future__ import annotations

import re

import pytest

URL = "/w/cloud-kicks/r/cloud-kicks/documents/"


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_a_reader_downloads_the_roadmap_as_markdown(client, members, role: str) -> None:  # type: ignore[no-untyped-def]
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


def test_every_roadmap_page_has_the_documents_menu(client, members) -> None:  # type: ignore[no-untyped-def]
    client.force_login(members["viewer"])
    for path in ("/w/cloud-kicks/r/cloud-kicks/", "/w/cloud-kicks/r/cloud-kicks/timeline/"):
        assert f'href="{URL}"' in client.get(path).content.decode()


def test_an_outsider_gets_not_found(client, members) -> None:  # type: ignore[no-untyped-def]
    client.force_login(members["outsider"])
    assert client.get(URL, {"format": "md"}).status_code == 404


def test_an_editor_saves_a_preset_and_the_page_and_the_command_use_it(client, members, demo) -> None:  # type: ignore[no-untyped-def]
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


def test_a_viewer_cannot_save_a_preset(client, members, demo) -> None:  # type: ignore[no-untyped-def]
    from jalon.reports.models import ReportPreset

    client.force_login(members["viewer"])
    answer = client.post(URL, {"name": "Mine", "sections": ["vision"], "language": "fr", "zoom": "year",
                               "lanes": "owner"})  # fmt: skip
    assert answer.status_code == 403
    assert not ReportPreset.objects.exists()


def test_a_preset_without_a_name_is_refused_and_nothing_is_saved(client, members) -> None:  # type: ignore[no-untyped-def]
    from jalon.reports.models import ReportPreset

    client.force_login(members["editor"])
    answer = client.post(URL, {"name": "  ", "sections": ["vision"], "language": "fr", "zoom": "year",
                               "lanes": "owner"})  # fmt: skip
    assert answer.status_code == 422
    assert "Donnez un nom au préréglage." in answer.content.decode()
    assert not ReportPreset.objects.exists()
