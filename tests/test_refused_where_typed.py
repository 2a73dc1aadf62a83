"""A refusal said where the person acted, in French and in English: an assignment's hours refused in their
own row (an activity's team, a person's activities) show their error in that row, tied to its field, with
what was typed, and the *Assign* form under the table untouched; the portfolio's must-do and ruled-out boxes
a refusal is about say ``aria-invalid`` and name its error; the documents page's choices refused in the
address (an unknown language, section or zoom) say what is wrong, translated, never a 500."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from tests.planning import portfolio_pages, portfolio_plans
from tests.refused_markup import faults, read

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
DOCUMENTS = ROADMAP + "documents/"
TYPED = "douze"
NOT_A_NUMBER = {"fr": "«\u00a0douze\u00a0» n’est pas un nombre.", "en": "“douze” is not a number."}


def row_form(html: str, control: str) -> dict[str, str]:
    """The fields of the page's form that holds ``control`` (an id), as the browser would post them."""
    for form in re.findall(r"<form\b.*?</form>", html, re.S):
        if f'id="{control}"' in form:
            return dict(re.findall(r'<input[^>]*?name="([^"]+)"[^>]*?value="([^"]*)"', form))
    raise AssertionError(f"no form holds #{control}")


def element(html: str, ident: str) -> Any:
    found = [e for e in read(html).elements if e.attrs.get("id") == ident]
    assert found, f"#{ident} not in the page"
    return found[0]


def refused_in_its_row(html: str, control: str, assign: str, language: str) -> None:
    """The row's field says invalid, names its error (shown in the row, in the page's language) and
    keeps what was typed; the page has no other fault; the Assign form shows no error and nothing typed."""
    field = element(html, control)
    assert field.attrs.get("aria-invalid") == "true", field.attrs
    named = field.attrs.get("aria-describedby", "").split()
    assert named and NOT_A_NUMBER[language] in element(html, named[0]).text
    assert field.attrs.get("value") == TYPED
    assert faults(html) == []
    untouched = element(html, assign).attrs
    assert "aria-invalid" not in untouched and untouched.get("value", "") == "", untouched
    assert f'id="{assign}_error"' not in html


def in_language(client: Client, user: Any, language: str) -> None:
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)


@pytest.fixture
def assignment(demo: Any) -> Any:
    from jalon.planning.models import Assignment

    return (
        Assignment.objects.filter(activity__roadmap=demo.roadmap).select_related("activity", "person").first()
    )


@pytest.mark.django_db
@pytest.mark.parametrize("htmx", [True, False], ids=["in-place", "whole-page"])
@pytest.mark.parametrize("language", ["fr", "en"])
def test_hours_refused_in_an_activitys_row_are_said_in_that_row_and_the_assign_form_is_untouched(
    client: Client, members: Any, assignment: Any, language: str, htmx: bool
) -> None:
    in_language(client, members["owner"], language)
    page = f"{ROADMAP}activities/{assignment.activity.key}/"
    control = f"hours-{assignment.person.key}"
    data = row_form(client.get(page).content.decode(), control) | {"hours_per_week": TYPED}
    headers = {"Accept-Language": language} | ({"HX-Request": "true"} if htmx else {})
    answer = client.post(page + "assignments/", data, headers=headers)
    assert answer.status_code == 422
    refused_in_its_row(answer.content.decode(), control, "assignment_hours_per_week", language)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_hours_refused_in_a_persons_row_are_said_in_that_row_and_the_assign_form_is_untouched(
    client: Client, members: Any, assignment: Any, language: str
) -> None:
    in_language(client, members["owner"], language)
    page = f"{ROADMAP}people/{assignment.person.key}/"
    control = f"hours-{assignment.activity.key}"
    data = row_form(client.get(page).content.decode(), control) | {"hours_per_week": TYPED}
    answer = client.post(page + "assignments/", data, headers={"Accept-Language": language})
    assert answer.status_code == 422
    refused_in_its_row(answer.content.decode(), control, "id_hours_per_week", language)


small = portfolio_plans.small


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_portfolio_boxes_a_refusal_is_about_say_invalid_and_name_its_error(
    client: Client, small: Any, language: str
) -> None:
    in_language(client, small.owner, language)
    both = {**portfolio_pages.RULES, "must_do": ["ads", "seo"], "must_not": ["ads"]}
    answer = client.post(portfolio_pages.URL, both)
    assert answer.status_code == 422
    html = answer.content.decode()
    invalid = {e.attrs["id"]: e for e in read(html).elements if e.attrs.get("aria-invalid") == "true"}
    assert sorted(invalid) == ["must-do-ads", "must-not-ads"]  # not the must-do « seo », rightly ticked
    for box in invalid.values():
        error = element(html, box.attrs["aria-describedby"])
        assert {"fr": "ne peut pas être", "en": "cannot be both"}[language] in error.text
    assert faults(html) == []
    assert 'id="must-do-seo" checked>' in html  # what was ticked stays ticked


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize(
    ("refused", "field", "words"),
    [
        (
            {"language": "xx"},
            "language",
            {"fr": "Sélectionnez un choix valide", "en": "Select a valid choice"},
        ),
        (
            {"sections": ["vision", "nothing"]},
            "sections",
            {"fr": "Sélectionnez un choix valide", "en": "Select a valid choice"},
        ),
        ({"zoom": "decade"}, "zoom", {"fr": "Sélectionnez un choix valide", "en": "Select a valid choice"}),
    ],
    ids=["language", "section", "zoom"],
)
def test_a_document_asked_for_with_a_choice_that_does_not_exist_says_what_is_wrong(
    client: Client, members: Any, language: str, refused: dict[str, Any], field: str, words: dict[str, str]
) -> None:
    in_language(client, members["viewer"], language)
    asked = {"format": "md", "sections": ["vision"], "language": "en", "zoom": "quarter", "lanes": "theme"}
    answer = client.get(DOCUMENTS, asked | refused)
    assert answer.status_code == 422
    html = answer.content.decode()
    assert words[language] in html
    assert faults(html) == []
    invalid = [e for e in read(html).elements if e.attrs.get("aria-invalid") == "true"]
    assert invalid and all(e.attrs.get("name") == field for e in invalid), [e.attrs for e in invalid]
