"""The SMART coach inside the product: the table, the SMART check and the live form coaching."""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from jalon.strategy import coaching
from jalon.strategy.models import Objective
from jalon.strategy.queries import kpis_with_measurements

TODAY = date(2026, 11, 24)


def _kpis(objective: Objective) -> list:  # type: ignore[type-arg]
    return list(kpis_with_measurements(objective.roadmap).filter(objective=objective))


@pytest.fixture
def owner_client(demo) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(demo.workspace.memberships.get(role="owner").user)
    return client


def test_structured_target_and_deadline_complete_the_sentence_given_to_the_engine(demo) -> None:  # type: ignore[no-untyped-def]
    objective = demo.roadmap.objectives.get(key="taux-conversion")
    sentence = coaching.statement_for(coaching.ObjectiveDraft.of(objective), "fr")
    assert "de 2 % à 4 %" in sentence
    assert "31 janvier 2027" in sentence


def test_cloud_kicks_conversion_objective_is_smart_but_out_of_reach_at_the_observed_pace(demo) -> None:  # type: ignore[no-untyped-def]
    objective = demo.roadmap.objectives.get(key="taux-conversion")
    verdict = coaching.coach_objective(objective, kpis=_kpis(objective), today=TODAY)
    assert verdict.specific.ok and verdict.measurable.ok and verdict.relevant.ok and verdict.time_bound.ok
    assert verdict.deadline == date(2027, 1, 31)
    assert verdict.achievable.ok is False
    assert "4" in verdict.achievable.reason


def test_an_objective_without_history_cannot_be_judged_achievable(demo) -> None:  # type: ignore[no-untyped-def]
    objective = demo.roadmap.objectives.get(key="valeur-vie-client")
    verdict = coaching.coach_objective(objective, kpis=_kpis(objective), today=TODAY)
    assert verdict.achievable.ok is None


def test_a_vague_objective_shows_as_a_draft_in_the_table_and_in_the_smart_check(demo, owner_client) -> None:  # type: ignore[no-untyped-def]
    Objective.objects.create(
        roadmap=demo.roadmap, key="flou", title="Flou", specific="Améliorer notre marketing"
    )
    args = [demo.workspace.slug, demo.roadmap.slug]
    page = owner_client.get(reverse("roadmap", args=args)).content.decode()
    assert "Brouillon : pas encore SMART" in page
    check = owner_client.get(reverse("smart_check", args=args)).content.decode()
    assert 'id="check-flou"' in check
    assert "Formulation proposée" in check


def test_the_live_coach_answers_the_text_being_typed_with_badges_and_a_suggestion(demo, owner_client) -> None:  # type: ignore[no-untyped-def]
    url = reverse("objective_coach", args=[demo.workspace.slug, demo.roadmap.slug])
    answer = owner_client.post(url, {"title": "Ventes", "specific": "Vendre plus bientôt"})
    assert answer.status_code == 200
    html = answer.content.decode()
    assert "Coach SMART" in html
    assert html.count('class="criterion fails"') >= 2
    assert "Appliquer la suggestion" in html


def test_the_live_coach_resolves_a_deadline_rule_from_the_form(demo, owner_client) -> None:  # type: ignore[no-untyped-def]
    url = reverse("objective_coach", args=[demo.workspace.slug, demo.roadmap.slug])
    form = {
        "title": "Conversion",
        "specific": "Porter le taux de conversion à 4 %",
        "deadline_rule": "fiscal_year_end",
        "impact": "Plus de ventes.",
    }
    answer = owner_client.post(url, form)
    assert "31/01/2027" in answer.content.decode()


def test_an_outsider_cannot_use_the_coach_of_a_roadmap(demo, make_user) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(make_user("stranger@example.com"))
    url = reverse("objective_coach", args=[demo.workspace.slug, demo.roadmap.slug])
    assert client.post(url, {"specific": "x"}).status_code == 404


def test_the_live_coach_reads_french_decimals_like_the_form_does(demo, owner_client) -> None:  # type: ignore[no-untyped-def]
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


def test_a_french_decimal_saves_in_the_measurable_cell(demo, owner_client) -> None:  # type: ignore[no-untyped-def]
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
