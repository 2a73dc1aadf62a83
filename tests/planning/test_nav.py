"""The roadmap tabs show where the reader is, on a page and on the pages under it."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from jalon.strategy.models import Roadmap
from tests.factories import Team, roadmap_with_activities


def _current_tabs(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', html)


@pytest.fixture
def roadmap(team: Team) -> Roadmap:
    """A small team's roadmap with one activity: the tabs need no demo."""
    return roadmap_with_activities(team.workspace, team.owner, 1)


@pytest.fixture
def args(client: Client, team: Team, roadmap: Roadmap) -> list[str]:
    """The roadmap's address arguments, with the client logged in as its owner."""
    client.force_login(team.owner)
    return [roadmap.workspace.slug, roadmap.slug]


def test_the_portfolio_tab_stays_current_on_the_scenario_comparison(client, args):
    html = client.get(reverse("portfolio_compare", args=args)).content.decode()
    assert _current_tabs(html) == [reverse("portfolio", args=args)]


def test_the_objectives_tab_is_current_only_on_the_roadmap_page(client, args):
    assert _current_tabs(client.get(reverse("roadmap", args=args)).content.decode()) == [
        reverse("roadmap", args=args)
    ]
    assert _current_tabs(client.get(reverse("risks", args=args)).content.decode()) == [
        reverse("risks", args=args)
    ]


def test_the_backlog_tab_is_current_on_an_activity_page(client, args):
    html = client.get(reverse("activity", args=[*args, "a1"])).content.decode()
    assert _current_tabs(html) == [reverse("backlog", args=args)]


def _menu_button(html: str) -> str:
    """The words of the button the roadmap's tabs fold under on a phone."""
    found = re.search(r'<button type="button" class="nav-toggle"[^>]*>(.*?)<span class="nav-toggle-', html)
    assert found is not None, "no menu button"
    return found.group(1)


def test_the_phones_menu_button_names_the_current_tab_or_else_the_page(client, args):
    assert _menu_button(client.get(reverse("risks", args=args)).content.decode()) == "Menu\u00a0: Risques"
    activity = client.get(reverse("activity", args=[*args, "a1"])).content.decode()
    assert _menu_button(activity) == "Menu\u00a0: Backlog"  # an activity's page belongs to the backlog
    html = client.get(reverse("history", args=args)).content.decode()  # a page of no tab: its own heading
    heading = re.search(r"<h1>(.*?)</h1>", html, re.S)
    assert heading is not None and _menu_button(html) == "Menu\u00a0: " + heading.group(1).strip()
