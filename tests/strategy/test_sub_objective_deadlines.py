"""A sub-objective falls due by its parent's deadline at the latest: the pages refuse a sub-objective's
deadline after its parent's, and a parent's deadline before one of its sub-objectives', in the page's
language; the Cloud Kicks demo keeps to it whatever the day it is loaded on."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from django.test import Client

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.strategy import services
from jalon.strategy.models import Objective
from tests.factories import HTMX
from tests.strategy.test_demo_dates import DAYS, WRITTEN, on

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


def objective(key: str) -> Objective:
    return Objective.objects.get(roadmap__workspace__slug="cloud-kicks", key=key)


def late_sub_objectives(document: dict[str, Any]) -> list[str]:
    """The keys of the sub-objectives of ``document`` (a demo file) due after their parent."""
    deadlines = {item["key"]: item.get("deadline") for item in document["objectives"]}
    return [
        item["key"]
        for item in document["objectives"]
        if item.get("parent")
        and item.get("deadline")
        and deadlines[item["parent"]]
        and str(item["deadline"]) > str(deadlines[item["parent"]])
    ]


def test_no_sub_objective_of_the_demo_falls_due_after_its_parent_whatever_the_day() -> None:
    assert [(day, late) for day in DAYS if (late := late_sub_objectives(on(day)))] == []
    assert any(item.get("parent") for item in WRITTEN["objectives"])  # the demo has sub-objectives
    as_it_was = copy.deepcopy(WRITTEN)
    cart = next(item for item in as_it_was["objectives"] if item["key"] == "abandon-panier")
    cart["deadline"] = "2027-07-31"  # the demo's deadline before: fiscal Q2's end, after its parent's
    assert late_sub_objectives(as_it_was) == ["abandon-panier"]


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("fr", "Un sous-objectif arrive à échéance au plus tard à celle de son objectif parent\u00a0: "
               "Augmenter les taux de conversion arrive à échéance le 31 janvier 2027."),
        ("en", "A sub-objective falls due by its parent’s deadline at the latest: Augmenter les taux de "
               "conversion falls due on 31 January 2027."),
    ],
)  # fmt: skip
def test_a_sub_objectives_deadline_after_its_parents_is_refused_in_the_page_language(
    client: Client, members: dict[str, User], language: str, said: str
) -> None:
    editor = members["editor"]
    editor.language = language
    editor.save(update_fields=["language"])
    client.force_login(editor)
    response = client.post(
        ROADMAP + "o/abandon-panier/cells/deadline/",
        {"deadline_rule": "", "deadline": "2027-07-31", "term": "short", "version": "1"},
        **HTMX,
    )
    assert response.status_code == 422
    assert said in response.content.decode().replace("&#x27;", "'")
    assert objective("abandon-panier").deadline == date(2027, 1, 31)


def test_a_parents_deadline_before_its_sub_objectives_is_refused(members: dict[str, User]) -> None:
    parent = objective("taux-conversion")
    with pytest.raises(ValidationFailed) as refused:
        services.update_objective(
            actor=members["owner"], objective=parent, expected_version=parent.version,
            changes={"deadline": date(2026, 12, 31), "deadline_rule": ""},
        )  # fmt: skip
    assert "Réduire l’abandon de panier" in refused.value.errors["deadline"][0]
    assert objective("taux-conversion").deadline == date(2027, 1, 31)


def test_a_new_sub_objective_is_refused_past_its_parent_and_made_within_it(members: dict[str, User]) -> None:
    parent, owner = objective("taux-conversion"), members["owner"]
    with pytest.raises(ValidationFailed):
        services.create_objective(
            actor=owner, roadmap=parent.roadmap, title="Trop tard", deadline=date(2027, 2, 1), parent=parent
        )
    made = services.create_objective(
        actor=owner, roadmap=parent.roadmap, title="À temps", deadline=date(2027, 1, 31), parent=parent
    )
    assert made.parent == parent
