"""The roadmap's sector: chosen in its settings among the benchmarks' sectors (labels in the reader's
language), carried in jalon/1 files, and narrowing the KPI benchmark bands and the SMART coach's yardstick
to that sector's figures when a source gives them (else all sectors, said so)."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pytest
import yaml
from django.test import Client
from django.utils import translation

from jalon.documents.roadmap_file import FileProblems
from jalon.documents.services import export_roadmap, import_roadmap
from jalon.errors import ValidationFailed
from jalon.strategy import advising, coaching, services
from jalon.strategy.models import KPI, Roadmap
from tests.factories import make_roadmap

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
EDIT = ROADMAP + "edit/"
CART = ROADMAP + "o/abandon-panier/"
TODAY = date(2026, 9, 1)


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def owner_client(client: Client, members) -> Client:
    client.force_login(members["owner"])
    return client


def settings_form(client: Client) -> dict[str, Any]:
    """The roadmap settings form as the page fills it, ready to post."""
    form = client.get(EDIT).context["form"]
    data = {name: form[name].value() for name in form.fields}
    return {key: "" if value is None else value for key, value in data.items()}


def set_sector(roadmap: Roadmap, sector: str) -> Roadmap:
    roadmap.refresh_from_db()
    return services.update_roadmap(
        actor=roadmap.workspace.memberships.get(role="owner").user,
        roadmap=roadmap,
        expected_version=roadmap.version,
        changes={"sector": sector},
    )


def cart_kpi() -> KPI:
    return KPI.objects.select_related("roadmap").get(roadmap__slug="cloud-kicks", key="abandon-panier")


def test_the_settings_form_offers_the_benchmarks_sectors_in_the_readers_language(
    owner_client: Client,
) -> None:
    page = text(owner_client.get(EDIT))
    assert 'name="sector"' in page
    assert "Mode, chaussures et accessoires" in page and "Tous secteurs" in page
    owner_client.post("/language/", {"language": "en", "next": EDIT})
    english = text(owner_client.get(EDIT))
    assert "Fashion, footwear and accessories" in english
    assert "Mode, chaussures" not in english


def test_every_sector_offered_has_figures_and_all_sectors_is_the_empty_choice() -> None:
    keys = [key for key, _label in advising.sector_choices("fr")]
    assert "fashion" in keys and "saas" in keys
    assert "all" not in keys and "b2c" not in keys, "no benchmark is specific to B2C"


def test_the_demo_is_in_fashion_and_its_cart_band_holds_only_fashion_figures(demo) -> None:
    assert demo.roadmap.sector == "fashion"
    found = advising.kpi_benchmark(cart_kpi(), lang="fr")
    assert found is not None
    assert {p["sector"] for p in found["points"]} == {"Mode, chaussures et accessoires"}
    assert (found["low"], found["high"]) == (67.4, 73.5)
    assert found["fallbacks"]["sector"] is False


def test_saving_the_sector_in_the_settings_changes_the_band_on_the_chart(owner_client: Client) -> None:
    data = settings_form(owner_client)
    assert data["sector"] == "fashion"
    response = owner_client.post(EDIT, {**data, "sector": ""})
    assert response.status_code == 302
    assert Roadmap.objects.get(slug="cloud-kicks").sector == ""
    broad = advising.kpi_benchmark(cart_kpi(), lang="fr")
    assert broad is not None and broad["high"] > 73.5, "all e-commerce figures are wider than fashion's"
    page = text(owner_client.get(CART))
    note = page.split('id="benchmark-abandon-panier"')[1].split("</p>")[0]
    assert "SaleCycle" in note and "secteur" not in note


def test_a_sector_without_figures_for_the_metric_falls_back_to_all_sectors_and_says_so(
    owner_client: Client,
) -> None:
    set_sector(Roadmap.objects.get(slug="cloud-kicks"), "saas")
    found = advising.kpi_benchmark(cart_kpi(), lang="fr")
    assert found is not None and found["fallbacks"]["sector"] is True
    note = text(owner_client.get(CART)).split('id="benchmark-abandon-panier"')[1].split("</p>")[0]
    assert (
        "Aucun chiffre pour le secteur de la feuille de route «\u00a0Logiciel en ligne (SaaS)\u00a0»" in note
    )
    assert "tous secteurs" in note


def test_the_chart_band_names_the_sector_on_hover(owner_client: Client) -> None:
    page = text(owner_client.get(CART))
    band = page.split('class="benchmark-band"')[1].split("</rect>")[0]
    assert "secteur\u00a0: Mode, chaussures et accessoires" in band


def test_an_unknown_sector_is_refused_and_changes_nothing(owner_client: Client) -> None:
    roadmap = Roadmap.objects.get(slug="cloud-kicks")
    response = owner_client.post(EDIT, {**settings_form(owner_client), "sector": "mars"})
    assert response.status_code == 422
    assert "mars" in text(response) and "errorlist" in text(response)
    with pytest.raises(ValidationFailed):
        set_sector(roadmap, "mars")
    after = Roadmap.objects.get(slug="cloud-kicks")
    assert (after.sector, after.version) == ("fashion", roadmap.version)


def test_the_coach_judges_achievable_against_the_sectors_band_and_names_it(team) -> None:
    roadmap = make_roadmap(team.workspace, team.owner, sector="fashion")
    draft = coaching.ObjectiveDraft(
        title="Abandon de panier",
        specific="Réduire le taux d'abandon de panier de 75 % à 70 % d'ici le 30 juin 2026",
        metric="taux d'abandon de panier",
        unit="%",
        baseline=75.0,
        target=70.0,
        direction="decrease",
        deadline=date(2026, 6, 30),
    )
    with translation.override("fr"):
        fashion = coaching.coach_draft(draft, roadmap=roadmap, today=date(2026, 2, 1))
        broad = coaching.coach_draft(draft, roadmap=set_sector(roadmap, ""), today=date(2026, 2, 1))
    assert "67,4" in fashion.achievable.reason and "73,5" in fashion.achievable.reason
    assert "secteur\u00a0: Mode, chaussures et accessoires" in fashion.achievable.reason
    assert "67,4" not in broad.achievable.reason and "secteur" not in broad.achievable.reason


def test_the_sector_and_a_corrected_benchmark_metric_go_through_a_file_and_back(demo) -> None:
    kpi = cart_kpi()
    owner = demo.roadmap.workspace.memberships.get(role="owner").user
    services.update_kpi(
        actor=owner, kpi=kpi, expected_version=kpi.version, changes={"benchmark_metric": "conversion_rate"}
    )
    exported = export_roadmap(actor=None, roadmap=demo.roadmap, fmt="yaml")
    document = yaml.safe_load(exported)
    assert document["roadmap"]["sector"] == "fashion"
    assert (
        next(k for k in document["kpis"] if k["key"] == "abandon-panier")["benchmark_metric"]
        == "conversion_rate"
    )
    document["roadmap"]["slug"] = "copie"
    copy = import_roadmap(actor=None, workspace=demo.workspace, text=yaml.safe_dump(document), fmt="yaml")
    assert copy.sector == "fashion"
    assert KPI.objects.get(roadmap=copy, key="abandon-panier").benchmark_metric == "conversion_rate"
    assert copy.title == f"{demo.roadmap.title} (2)"  # the workspace's two roadmaps are told apart
    again = export_roadmap(actor=None, roadmap=copy, fmt="yaml").replace("slug: copie", "slug: cloud-kicks")
    assert again.replace(copy.title, demo.roadmap.title, 1) == exported


def test_a_file_with_an_unknown_sector_or_benchmark_metric_is_refused_with_both_places(demo) -> None:
    document = yaml.safe_load(export_roadmap(actor=None, roadmap=demo.roadmap, fmt="yaml"))
    document["roadmap"].update(slug="copie", sector="mars")
    document["kpis"][0]["benchmark_metric"] = "no_such_metric"
    before = Roadmap.objects.count()
    with translation.override("fr"), pytest.raises(FileProblems) as refused:
        import_roadmap(actor=None, workspace=demo.workspace, text=yaml.safe_dump(document), fmt="yaml")
    problems = dict(refused.value.problems)
    assert "mars" in problems["roadmap.sector"]
    assert "no_such_metric" in problems["kpis[0].benchmark_metric"]
    assert Roadmap.objects.count() == before
