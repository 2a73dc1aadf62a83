"""The roadmap tabs show where the reader is, on a page and on the pages under it."""

from __future__ import annotations

import re

from django.urls import reverse


def _current_tabs(html: str) -> list[str]:
    return re.findall(r'<a href="([^"]+)" aria-current="page">', html)


def test_the_portfolio_tab_stays_current_on_the_scenario_comparison(client, demo):
    client.force_login(demo.roadmap.workspace.memberships.get().user)
    args = [demo.workspace.slug, demo.roadmap.slug]
    html = client.get(reverse("portfolio_compare", args=args)).content.decode()
    assert _current_tabs(html) == [reverse("portfolio", args=args)]


def test_the_objectives_tab_is_current_only_on_the_roadmap_page(client, demo):
    client.force_login(demo.roadmap.workspace.memberships.get().user)
    args = [demo.workspace.slug, demo.roadmap.slug]
    assert _current_tabs(client.get(reverse("roadmap", args=args)).content.decode()) == [
        reverse("roadmap", args=args)
    ]
    assert _current_tabs(client.get(reverse("risks", args=args)).content.decode()) == [
        reverse("risks", args=args)
    ]


def test_the_backlog_tab_is_current_on_an_activity_page(client, demo):
    client.force_login(demo.roadmap.workspace.memberships.get().user)
    args = [demo.workspace.slug, demo.roadmap.slug]
    activity = demo.roadmap.activities.first()
    html = client.get(reverse("activity", args=[*args, activity.key])).content.decode()
    assert _current_tabs(html) == [reverse("backlog", args=args)]
