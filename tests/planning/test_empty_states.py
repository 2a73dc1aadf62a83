"""An empty roadmap's pages say what is missing and what to do next, to those who can do it."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pytest
from django.test import Client

NEXT_STEPS = {
    "reviews/": ("Aucune revue tenue pour l’instant.", "Tenez la première avec le formulaire ci-dessous"),
    "communication/": ("Le plan de communication est encore vide.", "Ajoutez le premier message ci-dessous"),
    "milestones/": ("Aucun jalon", "Ajoutez le premier ci-dessous"),
    "workload/": ("Aucun membre de l’équipe", "Ajouter des membres de l’équipe"),
}


@pytest.fixture
def empty_roadmap(demo):
    from jalon.strategy.models import Roadmap

    return Roadmap.objects.create(
        workspace=demo.workspace, slug="vide", title="Vide", type="strategic",
        start=date(2026, 1, 1), end=date(2026, 12, 31),
    )  # fmt: skip


def page_text(user: Any, url: str) -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE="fr")
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return " ".join(html.unescape(response.content.decode()).replace("'", "’").split())


@pytest.mark.parametrize("page", sorted(NEXT_STEPS))
def test_an_empty_page_tells_an_editor_what_to_do_next(page, empty_roadmap, members):
    text = page_text(members["owner"], f"/w/cloud-kicks/r/vide/{page}")
    missing, next_step = NEXT_STEPS[page]
    assert missing in text
    assert next_step in text


@pytest.mark.parametrize("page", sorted(NEXT_STEPS))
def test_a_viewer_is_not_told_to_use_a_form_they_do_not_have(page, empty_roadmap, members):
    text = page_text(members["viewer"], f"/w/cloud-kicks/r/vide/{page}")
    missing, next_step = NEXT_STEPS[page]
    assert missing in text
    assert next_step not in text
