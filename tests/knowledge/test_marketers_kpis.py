"""KPIs marketers name often that the second and third writers' objectives showed missing
(docs/advisor.md, *A fourth change*): each is recognised in both languages, asked to move the right way,
and given a strategy."""

from __future__ import annotations

from typing import Any

import pytest

from jalon.engines.advisor_model import Objective
from jalon.knowledge.advice import advice_report
from jalon.knowledge.engine_input import packaged_advisor

# objective | metric | direction | a strategy expected among the first three
NEW_KPIS = """
Gagner deux points de part de marché sur le haut de gamme | market_share | increase | capture-search-demand
Grow our market share in the Nordics to 12% | market_share | increase | publish-content-seo
Réduire le taux de rebond du site de 60 % à 45 % | website_bounce_rate | decrease | speed-up-mobile
Cut the landing page bounce rate below 40% | website_bounce_rate | decrease | personalise-onsite
Augmenter la fréquentation du musée de 15 % | venue_visits | increase | promote-events
Welcome more visitors at our open days | venue_visits | increase | promote-events
Améliorer le taux de mémorisation de la campagne d’affichage | ad_recall | increase | run-brand-campaigns
Lift ad recall by eight points | ad_recall | increase | run-brand-campaigns
Porter le taux de renouvellement des contrats à 90 % | renewal_rate | increase | detect-at-risk
Increase subscription renewals this year | renewal_rate | increase | detect-at-risk
Passer le taux de signature des devis de 20 % à 30 % | win_rate | increase | nurture-and-qualify-leads
Raise our deal win rate to 35% | win_rate | increase | nurture-and-qualify-leads
"""


def report(text: str) -> dict[str, Any]:
    return advice_report(Objective(text=text), lang="en")


def strategy_ids(result: dict[str, Any]) -> list[str]:
    return [s["id"] for s in result["strategies"]]


def matched(text: str) -> str | None:
    found = packaged_advisor().metric_index.match(text)
    return found.metric_id if found else None


@pytest.mark.parametrize("row", NEW_KPIS.strip().splitlines())
def test_a_kpi_marketers_name_often_is_recognised_and_given_a_strategy_that_moves_it(row: str) -> None:
    text, metric, direction, strategy = row.split(" | ")
    result = report(text)
    assert result["metric"]["id"] == metric
    assert result["direction"] == direction
    assert strategy in strategy_ids(result)[:3]


@pytest.mark.parametrize(
    ("text", "metric"),
    [
        ("Réduire le taux de rebond des e-mails sous 2 %", "email_bounce_rate"),
        ("Keep the hard bounce rate of our emails below 2%", "email_bounce_rate"),
        ("Réduire le taux de rebond de la page d’accueil", "website_bounce_rate"),
        ("Lower the bounce rate", "website_bounce_rate"),
    ],
)
def test_a_bounce_rate_is_the_sites_unless_the_emails_are_named(text: str, metric: str) -> None:
    assert matched(text) == metric


@pytest.mark.parametrize(
    "text",
    [
        "Augmenter la fréquentation du site de 30 %",
        "Accroître le nombre de visiteurs uniques sur le site de l’office de tourisme",
    ],
)
def test_visitors_of_a_website_are_its_traffic_not_a_venues_attendance(text: str) -> None:
    assert matched(text) == "site_traffic"


def test_a_range_renewed_is_not_a_renewal_rate() -> None:
    assert matched("Renouveler la gamme de printemps") != "renewal_rate"


@pytest.mark.parametrize(
    "text", ["Réduire le coût par clic de nos campagnes Google Ads de 15 %", "Lower CPC on search ads by 20%"]
)
def test_a_lower_cost_per_click_gets_the_search_strategy_and_its_tactic(text: str) -> None:
    result = report(text)
    assert result["metric"]["id"] == "cost_per_click" and result["direction"] == "decrease"
    assert strategy_ids(result)[:1] == ["capture-search-demand"]
    tactics = [t["id"] for t in result["strategies"][0]["tactics"]]
    assert tactics[0] == "search-ads-quality-and-exclusions"
