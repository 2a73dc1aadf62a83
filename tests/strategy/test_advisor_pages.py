"""The advisor on the pages: the panel on an objective, adding a proposal to the tree and undoing it, the
benchmark band under a KPI chart with its sources, and the searchable knowledge page."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client

from jalon.strategy import services
from jalon.strategy.models import KPI, Strategy, Tactic

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
CART = ROADMAP + "o/abandon-panier/"
ADD = CART + "advisor/add/"
UNDO = CART + "advisor/undo/"


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def owner_client(client: Client, members) -> Client:
    client.force_login(members["owner"])
    return client


def english(client: Client) -> Client:
    client.post("/language/", {"language": "en", "next": ROADMAP})
    return client


def test_cart_abandonment_objective_gets_at_least_three_relevant_tactics(owner_client: Client) -> None:
    response = owner_client.get(CART)
    assert response.status_code == 200
    advice = response.context["advice"]
    tactics = [t["id"] for s in advice["strategies"] for t in s["tactics"]]
    assert advice["metric"]["id"] == "cart_abandonment_rate"
    assert len(tactics) >= 3
    page = text(response)
    assert "Conseiller" in page
    assert "Pourquoi\u00a0:" in page
    assert page.count('name="tactic"') >= 3


def test_the_panel_is_in_english_for_an_english_reader(owner_client: Client) -> None:
    page = text(english(owner_client).get(CART))
    assert "Advisor" in page and "Why:" in page
    assert "Conseiller" not in page


def test_a_viewer_sees_the_advice_without_add_buttons(client: Client, members) -> None:
    client.force_login(members["viewer"])
    response = client.get(CART)
    assert response.context["advice"]["strategies"]
    assert 'name="tactic"' not in text(response)
    before = Tactic.objects.count()
    refused = client.post(ADD, {"strategy": response.context["advice"]["strategies"][0]["id"]})
    assert refused.status_code == 403
    assert Tactic.objects.count() == before


def test_adding_a_proposed_tactic_puts_it_in_the_tree_and_undo_removes_it(owner_client: Client) -> None:
    advice = owner_client.get(CART).context["advice"]
    strategy = next(s for s in advice["strategies"] if not s["in_roadmap"])
    tactic = next(t for t in strategy["tactics"] if not t["in_roadmap"])
    strategies_before = Strategy.objects.count()
    response = owner_client.post(ADD, {"strategy": strategy["id"], "tactic": tactic["id"]}, follow=True)
    page = text(response)
    assert Tactic.objects.filter(title=tactic["title"], strategy__objective__key="abandon-panier").exists()
    assert f"«\u00a0{tactic['title']}\u00a0» ajouté à l’arbre" in page or f"“{tactic['title']}”" in page
    assert 'id="advisor-undo"' in page and "Annuler" in page
    assert 'id="advisor-undo"' not in text(owner_client.get(CART)), "offered once, like its message"
    owner_client.post(UNDO)
    assert not Tactic.objects.filter(title=tactic["title"]).exists()
    assert Strategy.objects.count() == strategies_before
    assert 'id="advisor-undo"' not in text(owner_client.get(CART))


def test_adding_an_unknown_playbook_id_changes_nothing(owner_client: Client) -> None:
    before = (Strategy.objects.count(), Tactic.objects.count())
    response = owner_client.post(ADD, {"strategy": "no-such-strategy"}, follow=True)
    assert "n’est plus dans le guide" in text(response) or "plus dans" in text(response)
    assert (Strategy.objects.count(), Tactic.objects.count()) == before


def test_cart_abandonment_chart_shows_the_band_with_its_source(owner_client: Client) -> None:
    page = text(owner_client.get(CART))
    assert "benchmark-band" in page
    assert "SaleCycle" in page, "the demo is in fashion: SaleCycle gives its figures"
    assert 'id="benchmark-abandon-panier"' in page
    assert "https://" in page.split('id="benchmark-abandon-panier"')[1].split("</p>")[0]


def test_a_kpi_with_its_own_benchmark_keeps_it(owner_client: Client, members) -> None:
    kpi = KPI.objects.get(roadmap__slug="cloud-kicks", key="abandon-panier")
    services.update_kpi(
        actor=members["owner"],
        kpi=kpi,
        expected_version=kpi.version,
        changes={"benchmark_low": 50.0, "benchmark_high": 55.0, "benchmark_source": "Notre étude 2025"},
    )
    note = text(owner_client.get(CART)).split('id="benchmark-abandon-panier"')[1].split("</p>")[0]
    assert "Notre étude 2025" in note
    assert "SaleCycle" not in note


def test_knowledge_page_lists_benchmarks_with_sources_and_filters_by_q(owner_client: Client) -> None:
    everything = owner_client.get("/knowledge/")
    assert everything.status_code == 200
    assert len(everything.context["benchmarks"]) >= 100
    assert len(everything.context["tactics"]) >= 120
    found = owner_client.get("/knowledge/", {"q": "abandon panier"})
    metrics = {b["metric"] for b in found.context["benchmarks"]}
    assert metrics == {"Taux d’abandon de panier"}
    assert "Baymard Institute" in text(found)
    assert 0 < len(found.context["tactics"]) < len(everything.context["tactics"])


def test_knowledge_page_in_english(owner_client: Client) -> None:
    found = english(owner_client).get("/knowledge/", {"q": "cart abandonment"})
    assert {b["metric"] for b in found.context["benchmarks"]} == {"Cart abandonment rate"}
    assert "Benchmarks and playbook" in text(found)


def test_knowledge_page_needs_a_login(client: Client, db) -> None:
    assert client.get("/knowledge/").status_code == 302


KPI_PAGE = ROADMAP + "kpis/abandon-panier/"


def test_correcting_the_benchmark_metric_changes_the_band(owner_client: Client) -> None:
    page = text(owner_client.get(KPI_PAGE))
    assert 'name="benchmark_metric"' in page
    assert "SaleCycle" in page
    owner_client.post(KPI_PAGE + "benchmark/", {"benchmark_metric": "conversion_rate"})
    kpi = KPI.objects.get(roadmap__slug="cloud-kicks", key="abandon-panier")
    assert kpi.benchmark_metric == "conversion_rate"
    note = text(owner_client.get(KPI_PAGE)).split('id="benchmark-abandon-panier"')[1].split("</p>")[0]
    assert "Taux de conversion" in note and "SaleCycle" not in note
    owner_client.post(KPI_PAGE + "benchmark/", {"benchmark_metric": ""})
    assert "SaleCycle" in text(owner_client.get(KPI_PAGE))


def test_an_unknown_benchmark_metric_is_refused_and_changes_nothing(owner_client: Client) -> None:
    response = owner_client.post(KPI_PAGE + "benchmark/", {"benchmark_metric": "nonsense"}, follow=True)
    assert "Choisissez un indicateur dans la liste." in text(response)
    assert KPI.objects.get(roadmap__slug="cloud-kicks", key="abandon-panier").benchmark_metric == ""


def test_a_viewer_cannot_correct_the_benchmark_metric(client: Client, members) -> None:
    client.force_login(members["viewer"])
    assert 'name="benchmark_metric"' not in text(client.get(KPI_PAGE))
    assert client.post(KPI_PAGE + "benchmark/", {"benchmark_metric": "conversion_rate"}).status_code == 403
    assert KPI.objects.get(roadmap__slug="cloud-kicks", key="abandon-panier").benchmark_metric == ""


def test_each_proposed_tactic_says_what_it_takes(owner_client: Client) -> None:
    response = owner_client.get(CART)
    tactic = response.context["advice"]["strategies"][0]["tactics"][0]
    page = text(response)
    item = page.split(f'data-tactic="{tactic["id"]}"')[1].split("</li>")[0]
    assert "Ce qu’il faut" in item
    for said in (*tactic["channels"], *tactic["data_needed"], tactic["prerequisites"][0], tactic["risks"][0]):
        assert said in item
    assert tactic["kpis"][0]["name"] in item
