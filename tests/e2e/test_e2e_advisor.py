"""The advisor in a real browser: the cart-abandonment objective proposes tactics, one click adds one to the
tree (and Undo takes it back), and the KPI chart shows the benchmark band with its source."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CART = "/w/cloud-kicks/r/cloud-kicks/o/abandon-panier/"


@pytest.mark.parametrize("width", [1440, 1280])
def test_an_editor_adds_a_proposed_tactic_and_sees_the_benchmark_band(logged_in_page, shot, width):
    from jalon.strategy.models import Tactic

    page = logged_in_page("editor@example.com")
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(CART)

    band = page.locator("#kpi-abandon-panier svg.chart .benchmark-band")
    assert band.count() >= 1
    assert band.first.bounding_box()["height"] > 0, "the band should be visible on the chart"
    note = page.locator("#benchmark-abandon-panier")
    assert "Baymard Institute" in note.inner_text()
    assert note.locator("a").first.get_attribute("href").startswith("https://")

    panel = page.locator("#advisor")
    assert panel.get_by_role("heading", name="Conseiller").count() == 1
    proposals = panel.locator("li.advisor-tactic")
    assert proposals.count() >= 3
    shot(page, f"panel-{width}")

    first = proposals.filter(has=page.locator("form")).first
    title = first.locator("strong").first.inner_text()
    before = Tactic.objects.filter(title=title).count()
    first.get_by_role("button").click()
    page.wait_for_url(re.compile(re.escape(CART) + "#strategy-"))
    page.wait_for_function("() => document.querySelector('[role=status]') !== null")
    assert title in page.get_by_role("status").inner_text()
    tree = page.locator("#strategies")
    assert tree.get_by_text(title, exact=False).count() >= 1
    assert Tactic.objects.filter(title=title).count() == before + 1
    shot(page, f"added-{width}")

    page.locator("#advisor-undo").get_by_role("button", name="Annuler").click()
    page.wait_for_function("() => document.getElementById('advisor-undo') === null")
    assert Tactic.objects.filter(title=title).count() == before


def test_the_knowledge_page_is_reached_from_the_panel_and_filters_on_the_server(logged_in_page, shot):
    page = logged_in_page("viewer@example.com")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(CART)
    assert page.locator("#advisor form").count() == 0, "a viewer gets no Add button"
    page.locator("#advisor").get_by_role("link", name="Tous les repères").click()
    page.wait_for_url(re.compile(r"/knowledge/$"))
    everything = page.locator("table.benchmarks tbody tr").count()
    page.get_by_role("searchbox").fill("abandon panier")
    page.get_by_role("search").get_by_role("button", name="Rechercher").click()
    page.wait_for_url(re.compile(r"/knowledge/\?q=abandon\+panier$"))
    rows = page.locator("table.benchmarks tbody tr")
    assert 0 < rows.count() < everything
    assert all("abandon de panier" in r.lower() for r in rows.all_inner_texts())
    shot(page, "search")
