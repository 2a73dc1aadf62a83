"""A workspace without a roadmap tells whoever may create one how, in their language; a reader, no more."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from tests.factories import Team


def workspace_page(team: Team, role: str, language: str) -> str:
    user = team.users[role]
    user.language = language
    user.save(update_fields=["language"])
    client = Client()
    client.force_login(user)
    response = client.get(f"/w/{team.workspace.slug}/")
    assert response.status_code == 200
    return " ".join(html.unescape(response.content.decode()).split())


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("fr", "Aucune feuille de route pour l’instant : le formulaire ci-dessous crée la première"),
        ("en", "No roadmap yet: the form below creates the first one"),
    ],
)
def test_an_empty_workspace_tells_an_editor_where_the_first_roadmap_is_made(team: Team, language, said):
    """Words that click-by-text finders of the folded forms' titles (« Nouvelle feuille de route », « Importer
    un fichier de feuille de route ») do not find twice."""
    assert said in workspace_page(team, "editor", language)


def test_an_empty_workspace_tells_a_viewer_only_that_there_is_none(team: Team):
    text = workspace_page(team, "viewer", "fr")
    assert "Aucune feuille de route pour l’instant." in text and "ci-dessous crée la première" not in text
