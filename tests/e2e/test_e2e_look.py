"""The roadmap's frame: tabs in named groups, each on one line, wide tables keeping their first column in
sight, time grids opening on today."""

from __future__ import annotations

import datetime as dt

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.reads_only]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
GROUPS = ["Stratégie", "Plan", "Ressources", "Suivi", "Optimiser"]


def test_the_roadmap_tabs_sit_in_five_named_groups_never_broken_in_two(logged_in_page, shot):
    page = logged_in_page(DEMO)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(ROADMAP + "budget/")
    nav = page.get_by_role("navigation", name="Feuille de route")
    for group in GROUPS:  # each group is a list named by its heading
        assert nav.get_by_role("list", name=group).count() == 1, group
    assert nav.get_by_role("list", name="Plan").get_by_role("link").all_inner_texts() == [
        "Vue opérationnelle", "Backlog", "Jalons", "Budget",
    ]  # fmt: skip
    assert nav.get_by_role("link", name="Budget").get_attribute("aria-current") == "page"
    assert nav.locator("a").count() >= 14
    # A group's tabs share one line (whole groups may start a second row, a group never breaks in two).
    lines = nav.locator(".nav-group ul").evaluate_all(
        "lists => lists.map(l => new Set([...l.querySelectorAll('a')]"
        ".map(a => a.getBoundingClientRect().top)).size)"
    )
    assert lines == [1] * len(GROUPS), f"a group's tabs break onto several lines: {lines}"
    rows = nav.locator(".nav-group").evaluate_all("groups => new Set(groups.map(g => g.offsetTop)).size")
    assert rows <= 2, f"the groups take {rows} rows"
    shot(page)


def test_a_wide_table_scrolls_in_its_box_with_its_first_column_fixed(logged_in_page, shot):
    page = logged_in_page(DEMO)
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(ROADMAP + "backlog/")
    box = page.locator(".table-scroll").first
    assert box.evaluate("b => b.scrollWidth > b.clientWidth"), "the backlog should be wider than a tablet"
    first = box.locator("tbody tr").first.locator("th, td").first
    left = first.bounding_box()["x"]
    box.evaluate("b => { b.scrollLeft = 300; }")
    assert box.evaluate("b => b.scrollLeft") > 0
    assert abs(first.bounding_box()["x"] - left) <= 1, "the first column scrolled away"  # its 1 px border
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
    shot(page)


def test_the_workload_heat_map_opens_on_the_current_week(logged_in_page, shot):
    # The browser's clock three weeks back and in UTC: the grid opens on the site's (Paris) week all the same.
    page = logged_in_page(DEMO, timezone_id="UTC")
    page.clock.set_fixed_time(dt.datetime.now(dt.UTC) - dt.timedelta(days=21))
    page.set_viewport_size({"width": 768, "height": 1024})
    page.goto(ROADMAP + "workload/")
    today = dt.date.fromisoformat(page.evaluate("() => document.body.dataset.today"))
    assert today == dt.date.today()  # the tests' process runs in Paris time (Django's TZ)
    monday = (today - dt.timedelta(days=today.weekday())).isoformat()
    week = page.locator(f'.workload-scroll th[data-week="{monday}"]')
    if week.count() == 0:
        pytest.skip(f"the demo's weeks do not include today ({today})")
    page.wait_for_function("() => document.querySelector('.workload-scroll').scrollLeft > 0")
    box = page.locator(".workload-scroll").bounding_box()
    cell = week.bounding_box()
    assert box["x"] <= cell["x"] and cell["x"] + cell["width"] <= box["x"] + box["width"], (box, cell)
    # this week a quarter of the way in (scroll-today.js), not the week of the browser's clock
    scrolled, wanted = page.locator(".workload-scroll").evaluate(
        """(b, monday) => {
            const th = b.querySelector(`th[data-week="${monday}"]`);
            const at = th.getBoundingClientRect().left - b.getBoundingClientRect().left + b.scrollLeft;
            const most = b.scrollWidth - b.clientWidth;
            return [b.scrollLeft, Math.min(most, Math.max(0, at - b.clientWidth / 4))];
        }""",
        monday,
    )
    assert abs(scrolled - wanted) <= 1, (scrolled, wanted)
    shot(page)
