"""Error pages (400, 403, 404, 500, CSRF) in the site's layout and the reader's language."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.test import Client, RequestFactory
from django.utils import translation

from jalon.busy import handler500

LAYOUT = 'class="site-header"'


@pytest.fixture
def reader(make_user: Any) -> Any:
    def make(language: str) -> Client:
        client = Client()
        client.force_login(make_user(f"{language}@example.com", language=language))
        return client

    return make


@pytest.mark.parametrize(
    ("language", "title", "foreign"),
    [("fr", "Page introuvable", "Not Found"), ("en", "Page not found", "introuvable")],
)
def test_a_missing_page_is_a_404_in_the_layout_and_the_readers_language(
    reader: Any, language: str, title: str, foreign: str
) -> None:
    response = reader(language).get("/w/nowhere/")
    page = response.content.decode()
    assert response.status_code == 404
    assert title in page and LAYOUT in page
    assert f'lang="{language}"' in page
    assert foreign not in page


@pytest.mark.parametrize(
    ("language", "title", "foreign"),
    [("fr", "Action non autorisée", "Forbidden"), ("en", "Not allowed", "autorisée")],
)
def test_a_forbidden_action_is_a_403_in_the_layout_and_the_readers_language(
    members: dict[str, Any], language: str, title: str, foreign: str
) -> None:
    editor = members["editor"]
    editor.language = language
    editor.save()
    client = Client()
    client.force_login(editor)
    response = client.get("/w/cloud-kicks/members/")
    page = response.content.decode()
    assert response.status_code == 403
    assert title in page and LAYOUT in page
    assert foreign not in page


@pytest.mark.parametrize(("language", "title"), [("fr", "Requête invalide"), ("en", "Bad request")])
def test_a_bad_request_is_a_400_in_the_layout(client: Client, language: str, title: str, db: Any) -> None:
    client.cookies["jalon_language"] = language
    response = client.get("/login/", HTTP_HOST="evil.example")
    page = response.content.decode()
    assert response.status_code == 400
    assert title in page and LAYOUT in page


@pytest.mark.parametrize(
    ("language", "title"), [("fr", "Un problème est survenu"), ("en", "Something went wrong")]
)
def test_an_unexpected_error_is_a_500_in_the_layout_and_language(language: str, title: str, db: Any) -> None:
    request = RequestFactory().get("/somewhere/")
    request.user = AnonymousUser()
    request.session = {}  # type: ignore[assignment]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    with translation.override(language):
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            response = handler500(request)
    page = response.content.decode()
    assert response.status_code == 500
    assert title in page and LAYOUT in page


@pytest.mark.parametrize(
    ("language", "title"), [("fr", "Le formulaire a expiré"), ("en", "The form expired")]
)
def test_a_form_without_its_csrf_token_is_refused_in_the_layout(
    make_user: Any, language: str, title: str
) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_user("ada@example.com", language=language))
    response = client.post("/workspaces/new/", {"name": "Acme"})
    page = response.content.decode()
    assert response.status_code == 403
    assert title in page and LAYOUT in page
