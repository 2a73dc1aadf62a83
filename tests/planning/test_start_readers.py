"""The Get started page as a reader sees it: a viewer or a stakeholder reads the 7 steps and the pages that
show them, but no *New objective* / *New activity* link that the next page would refuse."""

from __future__ import annotations

import html

import pytest
from django.test import Client

from tests.factories import Team, make_roadmap

pytestmark = pytest.mark.django_db

WRITE_PAGES = ("/objectives/new/", "/activities/new/")


@pytest.mark.parametrize("role", ["viewer", "stakeholder"])
def test_a_reader_sees_no_link_to_a_page_that_would_refuse_them(
    client: Client, team: Team, role: str
) -> None:
    make_roadmap(team.workspace, team.owner)
    client.force_login(team.users[role])
    page = html.unescape(client.get("/w/acme/r/plan/start/").content.decode())
    assert "Objectifs SMART" in page and "Backlog" in page, "the reading links stay"
    for url in WRITE_PAGES:
        assert f'href="/w/acme/r/plan{url}"' not in page
        assert client.get(f"/w/acme/r/plan{url}").status_code == 403


def test_an_editor_keeps_the_links_that_create(client: Client, team: Team) -> None:
    make_roadmap(team.workspace, team.owner)
    client.force_login(team.users["editor"])
    page = client.get("/w/acme/r/plan/start/").content.decode()
    for url in WRITE_PAGES:
        assert f'href="/w/acme/r/plan{url}"' in page
