"""A form's address opened in the browser (a refused form's page reloaded, a bookmark, the language switched
on the page a refused form came back on) is never a blank page: the site's error page in the reader's
language with the way back, and the language switch on a refused form's page goes back to the form's page."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client

from tests.factories import Team

pytestmark = pytest.mark.django_db

LAYOUT = 'class="site-header"'


@pytest.mark.parametrize(
    ("language", "title"),
    [("fr", "Cette adresse reçoit un formulaire"), ("en", "This address receives a form")],
)
def test_a_form_address_opened_in_the_browser_is_a_page_in_the_readers_language(
    client: Client, team: Team, language: str, title: str
) -> None:
    owner = team.owner
    owner.language = language
    owner.save(update_fields=["language"])
    client.force_login(owner)
    response = client.get(f"/w/{team.workspace.slug}/import/")
    page = html.unescape(response.content.decode())
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert title in page and LAYOUT in page and f'lang="{language}"' in page


def test_the_language_switch_on_a_refused_forms_page_leads_back_to_the_form_page(
    client: Client, team: Team
) -> None:
    client.force_login(team.owner)
    workspace = f"/w/{team.workspace.slug}/"
    refused: Any = client.post(
        workspace + "roadmaps/new/",
        {"title": "", "type": "campaign", "start": "2027-01-01", "horizon": "3", "currency": "EUR"},
        HTTP_REFERER="http://testserver" + workspace,
    )
    assert refused.status_code == 422
    switch = html.unescape(refused.content.decode()).split('name="next" value="', 1)[1].split('"', 1)[0]
    assert switch.endswith(workspace), switch
