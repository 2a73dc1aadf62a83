"""The SMART coach inside the product: the table, the SMART check and the live form coaching."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from jalon.strategy import coaching
from jalon.strategy.models import Objective
from jalon.strategy.queries import kpis_with_measurements

TODAY = date(2026, 11, 24)


def _kpis(objective: Objective) -> list:  # type: ignore[type-arg]
    return list(kpis_with_measurements(objective.roadmap).filter(objective=objective))


@pytest.fixture
def owner_client(demo) -> Client:
    client = Client()
    client.force_login(demo.workspace.memberships.get(role="owner").user)
    return client


def test_the_objective_fields_are_judged_and_a_text_that_disagrees_is_flagged(demo) -> None:
    objective = demo.roadmap.objectives.get(key="taux-conversion")
    objective.specific = "Porter le taux de conversion à 5 % d'ici fin 2026, pour les ventes."
    with translation.override("fr"):
        verdict = coaching.coach_objective(objective, kpis=_kpis(objective), today=TODAY)
    assert verdict.target is not None and verdict.target.value == 4  # the field, not the text's 5 %
    assert verdict.deadline == date(2027, 1, 31)  # the field's fiscal year end, not the text's 2026
    assert any("5\u00a0%" in c and "4\u00a0%" in c for c in verdict.conflicts)
    assert any("31 décembre 2026" in c and "31 janvier 2027" in c for c in verdict.conflicts)
    assert "champ" in verdict.measurable.reason


def test_a_text_that_agrees_with_its_fields_raises_no_conflict(demo) -> None:
    objective = demo.roadmap.objectives.get(key="taux-conversion")  # "+2 %" on 2 % -> 4 %: read as points
    verdict = coaching.coach_objective(objective, kpis=_kpis(objective), today=TODAY)
    assert verdict.conflicts == ()


def test_a_kpi_whose_target_differs_from_the_objective_is_flagged(demo) -> None:
    objective = demo.roadmap.objectives.get(key="taux-conversion")
    kpis = _kpis(objective)
    kpis[0].target = 3.5
    with translation.override("en"):
        verdict = coaching.coach_objective(objective, kpis=kpis, today=TODAY)
    assert any("Taux de conversion" in c and "3.5" in c for c in verdict.conflicts)


def test_reasons_are_in_the_page_language_whatever_the_language_of_the_text(demo) -> None:
    objective = demo.roadmap.objectives.get(key="taux-conversion")  # written in French
    with translation.override("en"):
        english = coaching.coach_objective(objective, kpis=_kpis(objective), today=TODAY)
    assert english.specific.reason.startswith("Names what changes")
    assert "end of the fiscal year" in english.time_bound.reason
    assert english.language == "fr"
    objective.specific = "Increase the conversion rate by 2 points to grow online sales."
    with translation.override("fr"):
        french = coaching.coach_objective(objective, kpis=_kpis(objective), today=TODAY)
    assert french.specific.reason.startswith("Nomme ce qui change")
    assert french.relevant.reason.startswith("Donne la raison métier")
    assert french.language == "en"


def test_a_projection_past_100_percent_is_stopped_at_the_limit_and_says_so(demo) -> None:
    objective = demo.roadmap.objectives.get(key="parcours-achat")  # 10, 25, 40 % done in three months
    with translation.override("fr"):
        verdict = coaching.coach_objective(objective, kpis=_kpis(objective), today=TODAY)
    assert verdict.evidence.projected is not None and verdict.evidence.projected <= 100
    assert verdict.evidence.projection_bounded is True
    assert "limite de 100\u00a0%" in verdict.achievable.reason
    assert "3 mesures" in verdict.achievable.reason


def test_cloud_kicks_conversion_objective_is_smart_but_out_of_reach_at_the_observed_pace(demo) -> None:
    objective = demo.roadmap.objectives.get(key="taux-conversion")
    verdict = coaching.coach_objective(objective, kpis=_kpis(objective), today=TODAY)
    assert verdict.specific.ok and verdict.measurable.ok and verdict.relevant.ok and verdict.time_bound.ok
    assert verdict.deadline == date(2027, 1, 31)
    assert verdict.achievable.ok is False
    assert "4" in verdict.achievable.reason


def test_an_objective_without_history_cannot_be_judged_achievable(demo) -> None:
    objective = demo.roadmap.objectives.get(key="valeur-vie-client")
    verdict = coaching.coach_objective(objective, kpis=_kpis(objective), today=TODAY)
    assert verdict.achievable.ok is None


def test_a_vague_objective_shows_as_a_draft_in_the_table_and_in_the_smart_check(demo, owner_client) -> None:
    Objective.objects.create(
        roadmap=demo.roadmap, key="flou", title="Flou", specific="Améliorer notre marketing"
    )
    args = [demo.workspace.slug, demo.roadmap.slug]
    page = owner_client.get(reverse("roadmap", args=args)).content.decode()
    assert "Brouillon\u00a0: pas encore SMART" in page
    check = owner_client.get(reverse("smart_check", args=args)).content.decode()
    assert 'id="check-flou"' in check
    assert "Formulation proposée" in check


def test_the_live_coach_answers_the_text_being_typed_with_badges_and_a_suggestion(demo, owner_client) -> None:
    url = reverse("objective_coach", args=[demo.workspace.slug, demo.roadmap.slug])
    answer = owner_client.post(url, {"title": "Ventes", "specific": "Vendre plus bientôt"})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Coach SMART" in html
    assert html.count('class="criterion fails"') >= 2
    assert "Appliquer la suggestion" in html


def test_the_live_coach_resolves_a_deadline_rule_from_the_form(demo, owner_client) -> None:
    url = reverse("objective_coach", args=[demo.workspace.slug, demo.roadmap.slug])
    form = {
        "title": "Conversion",
        "specific": "Porter le taux de conversion à 4 %",
        "deadline_rule": "fiscal_year_end",
        "impact": "Plus de ventes.",
    }
    answer = owner_client.post(url, form)
    assert "31/01/2027" in answer.content.decode()


def test_a_roadmap_not_started_yet_reads_the_text_from_its_start_like_its_deadline_rules(team) -> None:
    """Written in 2026 for a roadmap that starts in 2040, "by the end of the fiscal year" and the rule
    *end of the fiscal year* both mean 31 December 2040: no disagreement to show."""
    from tests.factories import make_roadmap

    owner = team.users["owner"]
    roadmap = make_roadmap(team.workspace, owner, start=date(2040, 1, 1), end=date(2040, 12, 31))
    client = Client()
    client.force_login(owner)
    form = {
        "title": "Chiffre d'affaires en ligne",
        "specific": "Faire passer le chiffre d'affaires mensuel de 1 500 € à 2 500,50 € d'ici la fin de "
        "l'exercice, afin d'augmenter les ventes.",
        "metric": "chiffre d'affaires mensuel",
        "unit": "€",
        "baseline": "1 500",
        "target": "2 500,50",
        "direction": "increase",
        "deadline_rule": "fiscal_year_end",
    }
    with translation.override("fr"):
        html = client.post(reverse("objective_coach", args=[team.workspace.slug, roadmap.slug]), form).content
    text = html.decode()
    assert "31/12/2040" in text
    assert "ne concordent pas" not in text, text


def test_an_outsider_cannot_use_the_coach_of_a_roadmap(demo, make_user) -> None:
    client = Client()
    client.force_login(make_user("stranger@example.com"))
    url = reverse("objective_coach", args=[demo.workspace.slug, demo.roadmap.slug])
    assert client.post(url, {"specific": "x"}).status_code == 404


def test_the_live_coach_reads_french_decimals_like_the_form_does(demo, owner_client) -> None:
    url = reverse("objective_coach", args=[demo.workspace.slug, demo.roadmap.slug])
    form = {
        "title": "Conversion",
        "specific": "Porter le taux de conversion au-delà de la cible",
        "metric": "taux de conversion",
        "unit": "%",
        "baseline": "1,8",
        "target": "2,5",
        "deadline_rule": "fiscal_year_end",
        "impact": "Plus de ventes.",
    }
    html = owner_client.post(url, form).content.decode()
    assert 'class="criterion ok"' in html
    assert html.count('class="criterion fails"') == 0


def test_the_live_coach_shows_where_the_text_and_the_fields_disagree(demo, owner_client) -> None:
    url = reverse("objective_coach", args=[demo.workspace.slug, demo.roadmap.slug])
    form = {
        "title": "Ouverture",
        "specific": "Atteindre 60 % de taux d'ouverture d'ici fin 2026, pour les ventes.",
        "metric": "taux d'ouverture",
        "unit": "%",
        "target": "58",
        "impact": "Plus de ventes.",
    }
    html = owner_client.post(url, form).content.decode()
    assert "Le texte et les champs ne concordent pas" in html
    assert "60\u00a0%" in html and "58\u00a0%" in html


def test_the_smart_check_lists_an_objective_whose_text_disagrees_with_its_fields(demo, owner_client) -> None:
    objective = demo.roadmap.objectives.get(key="taux-conversion")
    objective.specific = "Porter le taux de conversion à 5 % d'ici fin janvier 2027, pour les ventes."
    objective.save()
    page = owner_client.get(reverse("smart_check", args=[demo.workspace.slug, demo.roadmap.slug]))
    html = page.content.decode()
    assert 'id="check-taux-conversion"' in html
    assert "Le texte et les champs ne concordent pas" in html


def test_a_french_decimal_saves_in_the_measurable_cell(demo, owner_client) -> None:
    objective = demo.roadmap.objectives.get(key="taux-conversion")
    url = reverse(
        "objective_cell", args=[demo.workspace.slug, demo.roadmap.slug, objective.key, "measurable"]
    )
    answer = owner_client.post(
        url,
        {
            "version": objective.version,
            "metric": "taux de conversion",
            "unit": "%",
            "baseline": "2,5",
            "target": "4,25",
            "direction": "increase",
            "done_state": "",
        },
    )
    assert answer.status_code == 302
    objective.refresh_from_db()
    assert (objective.baseline, objective.target) == (2.5, 4.25)


def _open_rate_draft(target: float) -> coaching.ObjectiveDraft:
    return coaching.ObjectiveDraft(
        title="Taux d'ouverture",
        specific=f"Porter le taux d'ouverture des newsletters de 20 % à {target:g} % d'ici le 30 juin 2027",
        metric="taux d'ouverture des newsletters",
        unit="%",
        baseline=20.0,
        target=target,
        direction="increase",
        deadline=date(2027, 6, 30),
    )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_without_history_achievable_is_judged_against_the_sourced_benchmark(demo, lang: str) -> None:
    with translation.override(lang):
        far = coaching.coach_draft(_open_rate_draft(95.0), roadmap=demo.roadmap, today=TODAY)
        near = coaching.coach_draft(_open_rate_draft(22.0), roadmap=demo.roadmap, today=TODAY)
    assert far.achievable.ok is False
    assert near.achievable.ok is True
    word = "Source\u00a0:" if lang == "fr" else "Source:"
    for verdict in (far, near):
        assert word in verdict.achievable.reason
        assert any(ch.isdigit() for ch in verdict.achievable.reason.split(word)[1])


def test_a_kpi_with_its_own_benchmark_is_the_coach_yardstick(demo) -> None:
    from jalon.strategy.models import KPI

    kpi = KPI(
        name="Taux d'ouverture", unit="%", benchmark_low=90.0, benchmark_high=99.0, benchmark_source="Étude X"
    )
    with translation.override("fr"):
        verdict = coaching.coach_draft(_open_rate_draft(95.0), roadmap=demo.roadmap, today=TODAY, kpi=kpi)
    assert verdict.achievable.ok is True
    assert "Étude X" in verdict.achievable.reason
