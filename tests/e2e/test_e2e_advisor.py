"""The advisor in a real browser: the cart-abandonment objective proposes tactics, one click adds one to the
tree (with a backlog activity when asked; Undo takes it back), and the KPI chart shows the benchmark band
with its source, narrowed to the sector chosen in the roadmap's settings."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
CART = ROADMAP + "o/abandon-panier/"


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
    assert "SaleCycle" in note.inner_text()
    assert note.locator("a").first.get_attribute("href").startswith("https://")

    panel = page.locator("#advisor")
    assert panel.get_by_role("heading", name="Conseiller").count() == 1
    proposals = panel.locator("li.advisor-tactic")
    assert proposals.count() >= 3
    shot(page, f"panel-{width}")

    first = proposals.filter(has=page.locator("form")).first
    title = first.locator("strong").first.inner_text()
    before = Tactic.objects.filter(title=title).count()
    first.locator("button:not([name=with_activity])").click()
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


def test_a_tactic_added_with_its_activity_is_undone_or_kept_in_the_backlog_at_its_estimated_cost(
    logged_in_page, shot
):
    from jalon.planning.models import Activity

    page = logged_in_page("editor@example.com")
    page.goto(CART)
    proposal = page.locator("#advisor li.advisor-tactic").filter(has=page.locator("form")).first
    title = proposal.locator("strong").first.inner_text()

    def add_with_activity() -> None:
        page.locator(f"#advisor li.advisor-tactic[data-tactic='{tactic}'] button[name=with_activity]").click()
        page.wait_for_url(re.compile(re.escape(CART) + "#strategy-"))
        page.wait_for_function("() => document.querySelector('[role=status]') !== null")

    tactic = proposal.get_attribute("data-tactic")
    add_with_activity()
    status = page.get_by_role("status").inner_text()
    assert title in status and "activité au backlog" in status and "milieu de la fourchette" in status
    linked = Activity.objects.get(title=title).tactic
    assert linked is not None and linked.title == title
    shot(page, "added-with-activity")
    page.locator("#advisor-undo").get_by_role("button", name="Annuler").click()
    page.wait_for_function("() => document.getElementById('advisor-undo') === null")
    assert not Activity.objects.filter(title=title).exists()

    add_with_activity()
    activity = Activity.objects.get(title=title)
    page.goto(ROADMAP + "backlog/")
    row = page.locator("tbody tr", has=page.get_by_role("link", name=title, exact=True))
    assert row.count() == 1
    digits = re.sub(r"\D", "", row.inner_text())
    assert str(int(activity.cost)) in digits, "the estimated cost shows in the backlog"
    shot(page, "backlog")


def test_the_band_follows_the_sector_chosen_in_the_roadmap_settings(logged_in_page, shot):
    page = logged_in_page("editor@example.com")
    page.goto(CART)
    note = page.locator("#benchmark-abandon-panier")
    assert "Mode, chaussures et accessoires" in note.inner_text() and "67,4" in note.inner_text()
    hover = page.locator("#kpi-abandon-panier svg.chart .benchmark-band title").first
    assert "secteur\u00a0: Mode, chaussures et accessoires" in hover.text_content()

    for choice, said in (
        ("Tous secteurs", None),
        ("Logiciel en ligne (SaaS)", "Aucun chiffre pour le secteur"),
    ):
        page.goto(ROADMAP + "edit/")
        page.get_by_label("Secteur").select_option(label=choice)
        page.get_by_role("button", name="Enregistrer").click()
        page.wait_for_url(re.compile(re.escape(ROADMAP) + "$"))
        page.goto(CART)
        text = page.locator("#benchmark-abandon-panier").inner_text()
        band = page.locator("#kpi-abandon-panier svg.chart .benchmark-band").first
        assert band.bounding_box()["height"] > 0
        assert "67,4" not in text, "the band now holds every e-commerce figure, not fashion's"
        if said is None:
            assert "secteur" not in text and "secteur" not in band.locator("title").text_content()
        else:
            assert said in text and "tous secteurs" in text
        shot(page, f"sector-{choice[:4]}")


def test_with_the_framing_the_panel_says_which_channels_and_personas_ranked_it(logged_in_page, shot):
    from jalon.demo.framing import load_demo_framing
    from jalon.strategy.models import Roadmap

    load_demo_framing(Roadmap.objects.get(slug="cloud-kicks"))
    page = logged_in_page("viewer@example.com")
    page.goto(CART)
    line = page.locator("#advisor-audience")
    assert line.is_visible()
    said = line.inner_text()
    assert "Classé aussi selon le cadrage" in said and "E-mail" in said and "Client à risque" in said
    why = page.locator("#advisor li.advisor-tactic").filter(has_text="Utilise des canaux déjà en place")
    assert why.count() >= 1
    shot(page, "framing")
