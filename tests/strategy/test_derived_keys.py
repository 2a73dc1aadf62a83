"""Nobody types a key: objectives, strategies, tactics, roadmaps and people get one from their title; a key
typed in the "Advanced" section is checked beside its field and never dropped."""

from __future__ import annotations

import html
from typing import Any

import pytest
from django.test import Client

from jalon.accounts.models import User
from jalon.planning.models import Person
from jalon.strategy.models import Objective, Roadmap, Strategy, Tactic

NBSP = "\u00a0"
WORKSPACE = "/w/cloud-kicks/"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
OBJECTIVE = ROADMAP + "o/taux-conversion/"


def text(response: Any) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def editor_client(client: Client, members) -> Client:
    user: User = members["editor"]
    client.force_login(user)
    return client


def test_a_new_objective_without_a_key_gets_one_from_its_title(editor_client: Client) -> None:
    data = {"title": "Fidéliser les clientes", "term": "medium", "deadline": "2027-06-30", "version": "1"}
    response = editor_client.post(ROADMAP + "objectives/new/", data)
    assert response.status_code == 302
    assert Objective.objects.filter(key="fideliser-les-clientes").exists()
    assert editor_client.post(ROADMAP + "objectives/new/", data).status_code == 422  # a title is once only
    response = editor_client.post(ROADMAP + "objectives/new/", {**data, "title": "Fidéliser les clientes."})
    assert response["Location"] == ROADMAP + "o/fideliser-les-clientes-2/"


def test_the_objective_form_keeps_the_key_in_an_advanced_section(editor_client: Client) -> None:
    page = text(editor_client.get(ROADMAP + "objectives/new/"))
    advanced = page[page.index('<details class="advanced">') :]
    assert "<summary>Avancé</summary>" in advanced
    assert 'name="key"' in advanced[: advanced.index("</details>")]
    assert 'pattern="[a-zA-Z0-9][a-zA-Z0-9\\-]*"' in advanced
    assert "required" not in advanced[: advanced.index("</details>")]


def test_a_reserved_key_is_refused_beside_its_field_and_kept(editor_client: Client) -> None:
    data = {"title": "Nouveau", "term": "medium", "deadline": "2027-06-30", "version": "1", "key": "new"}
    response = editor_client.post(ROADMAP + "objectives/new/", data)
    page = text(response)
    assert response.status_code == 422
    assert f"«{NBSP}new{NBSP}» est un mot des adresses" in page
    assert '<details class="advanced" open>' in page
    assert 'name="key" value="new"' in page
    assert not Objective.objects.filter(title="Nouveau").exists()


def test_a_key_that_is_not_a_key_is_refused_beside_its_field(editor_client: Client) -> None:
    data = {"title": "Nouveau", "term": "medium", "deadline": "2027-06-30", "version": "1", "key": "Mon clé"}
    response = editor_client.post(ROADMAP + "objectives/new/", data)
    assert response.status_code == 422
    assert 'name="key" value="Mon clé"' in text(response)


def test_strategies_and_tactics_get_their_keys_from_their_titles(editor_client: Client) -> None:
    response = editor_client.post(OBJECTIVE + "strategies/", {"title": "Acquérir de nouveaux clients"})
    assert response.status_code == 302
    strategy = Strategy.objects.get(key="acquerir-de-nouveaux-clients")
    editor_client.post(
        OBJECTIVE + f"strategies/{strategy.key}/tactics/", {"title": "SMS de relance", "description": ""}
    )
    assert Tactic.objects.filter(strategy=strategy, key="sms-de-relance").exists()


def test_a_refused_tactic_comes_back_as_typed_with_the_error_beside_the_key(editor_client: Client) -> None:
    url = OBJECTIVE + "strategies/valeur-vie-client/tactics/"
    response = editor_client.post(url, {"title": "Relance", "description": "À J+1", "key": "pas une clé"})
    page = text(response)
    assert response.status_code == 422
    assert 'id="new-tactic-key-error-valeur-vie-client"' in page
    assert 'value="Relance"' in page and 'value="À J+1"' in page and 'value="pas une clé"' in page


def test_a_measurement_that_is_not_a_number_is_refused_beside_its_field(editor_client: Client) -> None:
    response = editor_client.post(
        ROADMAP + "kpis/taux-conversion/measurements/",
        {
            "taux-conversion-date": "30/11/2026",
            "taux-conversion-value": "trois",
            "taux-conversion-source": "GA",
        },
    )
    page = text(response)
    assert response.status_code == 422
    assert f'id="id_taux-conversion-value_error">«{NBSP}trois{NBSP}» n’est pas un nombre.' in page
    assert 'value="trois"' in page and 'value="GA"' in page


def test_a_new_roadmap_gets_its_address_from_its_title(client: Client, members) -> None:
    client.force_login(members["owner"])
    data = {"title": "Plan 2027", "type": "strategic", "start": "01/01/2027", "horizon": "12",
            "fiscal_year_start_month": "1", "currency": "EUR"}  # fmt: skip
    response = client.post(WORKSPACE + "roadmaps/new/", data)
    assert response.status_code == 302, text(response)
    assert Roadmap.objects.filter(workspace__slug="cloud-kicks", slug="plan-2027").exists()


def test_a_new_person_gets_a_key_from_their_name(editor_client: Client) -> None:
    data = {"name": "Élise Martin", "kind": "member", "role": "", "capacity_hours_per_week": "35"}
    response = editor_client.post(ROADMAP + "people/", data)
    assert response.status_code == 302, text(response)
    assert Person.objects.filter(roadmaps__slug="cloud-kicks", key="elise-martin").exists()


@pytest.mark.parametrize(
    "url",
    [WORKSPACE, ROADMAP + "objectives/new/", ROADMAP + "activities/new/", ROADMAP + "people/",
     ROADMAP + "budget/", ROADMAP + "milestones/", ROADMAP + "risks/", ROADMAP + "communication/"],
)  # fmt: skip
def test_every_creation_form_folds_its_optional_key_into_an_advanced_section(
    editor_client: Client, url: str
) -> None:
    page = text(editor_client.get(url))
    start = page.index('<details class="advanced">')
    advanced = page[start : page.index("</details>", start)]
    assert "<summary>Avancé</summary>" in advanced
    assert 'name="key"' in advanced or 'name="slug"' in advanced
    assert "required" not in advanced
    assert 'pattern="[a-zA-Z0-9][a-zA-Z0-9\\-]*"' in advanced
