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
