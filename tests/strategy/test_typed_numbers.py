"""Numbers and dates typed in place in the SMART table, and in the objective form, as people write them."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

import pytest
from django.test import Client

from jalon.accounts.models import User
from jalon.strategy.models import Objective
from tests.factories import HTMX

NBSP, NNBSP = "\u00a0", "\u202f"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
OBJECTIVE = ROADMAP + "o/taux-conversion/"


def conversion() -> Objective:
    return Objective.objects.get(roadmap__workspace__slug="cloud-kicks", key="taux-conversion")


def measurable(**typed: str) -> dict[str, str]:
    current = conversion()
    data = {
        "metric": current.metric, "unit": current.unit, "baseline": "2", "target": "4",
        "direction": current.direction, "done_state": current.done_state, "version": str(current.version),
    }  # fmt: skip
    return data | typed


@pytest.fixture
def editor(members) -> User:
    user: User = members["editor"]
    return user


def signed_in(client: Client, user: User, language: str) -> Client:
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    return client


def test_a_french_number_typed_in_place_is_saved_and_shown_back_the_french_way(
    client: Client, editor: User
) -> None:
    response = signed_in(client, editor, "fr").post(
        OBJECTIVE + "cells/measurable/",
        measurable(unit="€", baseline=f"1{NNBSP}500,50", target="1,5k €"),
        **HTMX,
    )
    assert response.status_code == 200
    saved = conversion()
    assert (saved.baseline, saved.target) == (1500.5, 1500.0)
    row = html.unescape(response.content.decode())
    assert f"1{NNBSP}500,50{NBSP}€" in row


def test_an_english_number_typed_in_place_is_read_the_english_way(client: Client, editor: User) -> None:
    response = signed_in(client, editor, "en").post(
        OBJECTIVE + "cells/measurable/", measurable(baseline="1,500", target="12.5%"), **HTMX
    )
    assert response.status_code == 200
    saved = conversion()
    assert (saved.baseline, saved.target) == (1500.0, 12.5)


def test_the_in_place_form_shows_the_saved_number_in_the_readers_language(
    client: Client, editor: User
) -> None:
    Objective.objects.filter(pk=conversion().pk).update(baseline=1500.5)
    page = signed_in(client, editor, "fr").get(OBJECTIVE + "cells/measurable/?edit=1", **HTMX)
    assert f'name="baseline" value="1{NNBSP}500,5"' in page.content.decode()
    page = signed_in(client, editor, "en").get(OBJECTIVE + "cells/measurable/?edit=1", **HTMX)
    assert 'name="baseline" value="1,500.5"' in page.content.decode()


def test_text_that_is_no_number_in_place_is_refused_beside_its_field_and_kept(
    client: Client, editor: User
) -> None:
    response = signed_in(client, editor, "fr").post(
        OBJECTIVE + "cells/measurable/", measurable(target="beaucoup"), **HTMX
    )
    body = html.unescape(response.content.decode())
    assert response.status_code == 422
    assert f"«{NBSP}beaucoup{NBSP}» n’est pas un nombre." in body
    assert 'value="beaucoup"' in body
    assert conversion().target == 4.0


def test_a_french_date_typed_in_place_is_saved(client: Client, editor: User) -> None:
    response = signed_in(client, editor, "fr").post(
        OBJECTIVE + "cells/deadline/",
        {"deadline_rule": "", "deadline": "15/03/2027", "term": "medium", "version": "1"},
        **HTMX,
    )
    assert response.status_code == 200
    assert conversion().deadline == date(2027, 3, 15)


def test_the_objective_form_reads_french_numbers(client: Client, editor: User) -> None:
    data: dict[str, Any] = {
        "title": "Réduire le coût d'acquisition", "metric": "coût par client", "unit": "€",
        "baseline": "1 500,50", "target": "1.200", "direction": "decrease", "deadline": "31/12/2027",
        "term": "medium", "version": "1",
    }  # fmt: skip
    response = signed_in(client, editor, "fr").post(ROADMAP + "objectives/new/", data)
    assert response.status_code == 302, html.unescape(response.content.decode())
    created = Objective.objects.get(title="Réduire le coût d'acquisition")
    assert (created.baseline, created.target, created.deadline) == (1500.5, 1200.0, date(2027, 12, 31))
