"""The Get started checklist: each of the 7 steps is ticked by its own rule (pure, both languages), the page
shows them with their links and a progress count, and a roadmap created in the pages opens on it."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from jalon.planning import services
from jalon.planning.models import Activity, CommunicationItem, Review
from jalon.planning.start.rules import RoadmapFacts, Step, seven_steps
from jalon.planning.start.views import facts_of
from jalon.strategy.models import Roadmap

EMPTY = RoadmapFacts()


def step(facts: RoadmapFacts, key: str) -> Step:
    return next(s for s in seven_steps(facts) if s.key == key)


def test_the_steps_follow_the_methods_order() -> None:
    assert [s.key for s in seven_steps(EMPTY)] == [
        "objectives", "audience", "ideas", "prioritisation",
        "visual_map", "responsibilities", "communication",
    ]  # fmt: skip
    assert [s.number for s in seven_steps(EMPTY)] == [1, 2, 3, 4, 5, 6, 7]


def test_an_empty_roadmap_has_no_step_done_and_nothing_to_show() -> None:
    assert [(s.done, s.evidence) for s in seven_steps(EMPTY)] == [(False, "")] * 7


def test_objectives_are_done_only_when_every_objective_passes_the_smart_check() -> None:
    assert not step(replace(EMPTY, objectives=2, passing_objectives=1), "objectives").done
    assert step(replace(EMPTY, objectives=2, passing_objectives=2), "objectives").done


@pytest.mark.parametrize(
    "facts", [{"audiences": 1}, {"communication_audiences": 1}, {"stakeholders": 1}], ids=str
)
def test_any_audience_source_ticks_the_audience_step(facts: dict[str, int]) -> None:
    assert step(replace(EMPTY, **facts), "audience").done


def test_ideas_are_backlog_activities() -> None:
    assert step(replace(EMPTY, activities=1), "ideas").done


@pytest.mark.parametrize("facts", [{"scored_activities": 1}, {"applied_scenarios": 1}], ids=str)
def test_scoring_or_an_applied_scenario_ticks_prioritisation(facts: dict[str, int]) -> None:
    assert step(replace(EMPTY, **facts), "prioritisation").done


def test_the_visual_map_needs_dated_activities_not_only_themes() -> None:
    assert not step(replace(EMPTY, themes=3), "visual_map").done
    assert step(replace(EMPTY, themes=3, dated_activities=1), "visual_map").done


def test_responsibilities_are_owners_or_assignments() -> None:
    assert step(replace(EMPTY, owned_activities=4), "responsibilities").done


def test_communication_and_review_need_both_a_plan_entry_and_a_review() -> None:
    assert not step(replace(EMPTY, communication_items=1), "communication").done
    assert not step(replace(EMPTY, reviews=1), "communication").done
    assert step(replace(EMPTY, communication_items=1, reviews=1), "communication").done


def test_every_step_links_to_a_roadmap_page() -> None:
    for s in seven_steps(EMPTY):
        assert s.links
        for link in s.links:
            assert reverse(link.url_name, args=["w", "r"]).startswith("/w/w/r/")


@pytest.mark.parametrize(
    ("language", "passing", "title", "evidence"),
    [
        ("fr", 1, "Objectifs et buts", "1 objectif sur 2 passe le contrôle SMART"),
        ("fr", 2, "Objectifs et buts", "2 objectifs sur 2 passent le contrôle SMART"),
        ("en", 1, "Goals and objectives", "1 of 2 objectives passes the SMART check"),
        ("en", 2, "Goals and objectives", "2 of 2 objectives pass the SMART check"),
    ],
)
def test_steps_read_in_the_readers_language(language: str, passing: int, title: str, evidence: str) -> None:
    with translation.override(language):
        found = step(replace(EMPTY, objectives=2, passing_objectives=passing), "objectives")
        assert (str(found.title), found.evidence) == (title, evidence)


@pytest.mark.parametrize(
    ("language", "evidence"),
    [
        ("fr", "1 entrée du plan de communication, 2 revues trimestrielles"),
        ("en", "1 communication plan entry, 2 quarterly reviews"),
    ],
)
def test_evidence_counts_agree_in_number(language: str, evidence: str) -> None:
    with translation.override(language):
        assert step(replace(EMPTY, communication_items=1, reviews=2), "communication").evidence == evidence


# The page, on the database.


def text(response: Any) -> str:
    return " ".join(html.unescape(response.content.decode()).replace("\u00a0", " ").split())


@pytest.fixture
def blank(demo) -> Roadmap:
    return Roadmap.objects.create(
        workspace=demo.workspace, slug="vide", title="Vide", type="campaign",
        start=date(2026, 1, 1), end=date(2026, 6, 30),
    )  # fmt: skip


def test_facts_count_what_the_roadmap_contains(demo, members, blank: Roadmap) -> None:
    owner = members["owner"]
    assert facts_of(blank) == RoadmapFacts(stakeholders=1)  # the demo workspace has one stakeholder
    services.create(
        Activity, actor=owner, roadmap=blank, key="a", title="Salon", audience="Distributeurs", impact=4,
        feasibility=3, start=date(2026, 2, 1), end=date(2026, 2, 3),
    )  # fmt: skip
    services.create(Activity, actor=owner, roadmap=blank, key="b", title="Idée")
    services.create(
        CommunicationItem, actor=owner, roadmap=blank, key="c", audience="direction", message="Point",
        channel="E-mail", frequency="monthly",
    )  # fmt: skip
    facts = facts_of(blank)
    assert (facts.activities, facts.audiences, facts.scored_activities, facts.dated_activities) == (
        2,
        1,
        1,
        1,
    )
    assert (facts.communication_items, facts.communication_audiences, facts.reviews) == (1, 1, 0)
    assert Review.objects.filter(roadmap=blank).count() == 0


def test_the_demo_roadmap_ticks_its_steps_from_its_contents(client: Client, demo, members) -> None:
    client.force_login(members["viewer"])
    page = text(client.get(reverse("roadmap_start", args=[demo.workspace.slug, demo.roadmap.slug])))
    assert "Démarrer" in page
    done = sum(s.done for s in seven_steps(facts_of(demo.roadmap)))
    assert f"{done} étapes sur 7 faites" in page or f"{done} étape sur 7 faite" in page
    assert reverse("backlog", args=[demo.workspace.slug, demo.roadmap.slug]) in page


def test_the_page_reads_in_english(client: Client, demo, members, blank: Roadmap) -> None:
    user = members["viewer"]
    user.language = "en"
    user.save(update_fields=["language"])
    client.force_login(user)
    page = text(client.get(reverse("roadmap_start", args=[demo.workspace.slug, blank.slug])))
    assert (
        "Get started" in page
        and "1 of 7 steps done" in page
        and 'Next: <a href="#step-objectives">Goals and objectives</a>' in page
    )
    assert "Démarrer" not in page


def test_a_roadmap_created_in_the_pages_opens_on_the_checklist(client: Client, demo, members) -> None:
    client.force_login(members["editor"])
    response = client.post(
        reverse("roadmap_new", args=[demo.workspace.slug]),
        {"title": "Plan 2027", "slug": "plan-2027", "type": "strategic", "start": "2027-01-01",
         "horizon": "12", "fiscal_year_start_month": "1", "currency": "EUR", "version": "1"},
    )  # fmt: skip
    assert response.status_code == 302
    assert response["Location"] == reverse("roadmap_start", args=[demo.workspace.slug, "plan-2027"])
    page = text(client.get(response["Location"]))
    assert re.search(r"1 étape sur 7 faite", page)  # the stakeholder counts as an audience


def test_the_page_points_to_the_framing_workshops_apart_from_the_seven_steps(
    client: Client, demo, members, blank: Roadmap
) -> None:
    user = members["viewer"]
    client.force_login(user)
    url = reverse("roadmap_start", args=[demo.workspace.slug, blank.slug])
    framing = reverse("framing", args=[demo.workspace.slug, blank.slug])
    page = text(client.get(url))
    section = page[page.index('<section class="card start-framing"') :]
    assert "Facultatif : cadrer la feuille de route en ateliers e-CRM" in section
    assert f'<a href="{framing}">Ouvrir le cadrage</a>' in section
    assert page.count('class="card start-step') == 7 and "start-step" not in section
    user.language = "en"
    user.save(update_fields=["language"])
    english = text(client.get(url))
    assert "Optional: frame the roadmap in e-CRM workshops" in english
    assert f'<a href="{framing}">Open the framing</a>' in english
