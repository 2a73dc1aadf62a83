"""A form sent once the session had ended lands on the login page with a word saying nothing was saved and
how to get the form back (jalon.accounts.middleware.SessionEndedMiddleware); a page merely asked for does
not get that word."""

from __future__ import annotations

import html

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

EDIT = "/w/acme/r/plan/o/growth/edit/"


def test_a_form_sent_after_the_session_ended_is_told_nothing_was_saved(client: Client, team) -> None:
    response = client.post(EDIT, {"title": "Grandir"}, follow=True)
    page = html.unescape(response.content.decode()).replace("\u00a0", " ")
    assert response.redirect_chain[0][0].startswith("/login/?next=")
    assert "Votre session avait pris fin" in page and "bouton Précédent" in page


def test_a_page_asked_for_after_the_session_ended_gets_the_login_page_without_it(client: Client, team):
    response = client.get(EDIT, follow=True)
    assert response.redirect_chain[0][0].startswith("/login/?next=")
    assert "session avait pris fin" not in html.unescape(response.content.decode())


def test_an_in_place_save_after_the_session_ended_is_answered_401_with_the_words_not_the_login_page(
    client: Client, team
) -> None:
    response = client.post(EDIT, {"title": "Grandir"}, headers={"HX-Request": "true"})
    page = html.unescape(response.content.decode()).replace("\u00a0", " ")
    assert response.status_code == 401
    assert "Votre session a pris fin" in page and "Rien n’a été enregistré" in page
    assert 'name="password"' not in page
