"""The Documents menu in real Chromium: a viewer opens it from a roadmap page, picks the board preset and
English, and downloads the slide deck, which python-pptx opens."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest

from .conftest import download

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_viewer_downloads_the_deck_from_the_documents_menu(members, logged_in_page, shot) -> None:
    from pptx import Presentation

    page: Any = logged_in_page(members["viewer"].email)
    page.goto("/w/cloud-kicks/r/cloud-kicks/executive/")
    page.get_by_role("navigation", name="Feuille de route").get_by_role("link", name="Documents").click()
    page.wait_for_url("**/documents/")
    page.get_by_label("Préréglage").select_option("board")
    page.get_by_role("button", name="Appliquer le préréglage").click()
    page.wait_for_url("**/documents/?preset=board")
    assert not page.get_by_label("Activités").is_checked()
    page.get_by_label("Anglais").check()
    shot(page)
    deck_file = download(page.get_by_role("button", name="Présentation (PowerPoint)"))
    assert deck_file.suggested_filename == "cloud-kicks-en.pptx"
    deck = Presentation(io.BytesIO(Path(deck_file.path()).read_bytes()))
    titles = [slide.shapes.title.text for slide in deck.slides if slide.shapes.title is not None]
    assert "Next steps" in titles and "Timeline" in titles
