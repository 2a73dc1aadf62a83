"""The account forms refused, as a screen reader and a password manager read them: the log-in's fields in
error name its message, the first account's and sign-up's fields name theirs, and each field says what it
holds (``autocomplete``) so that a password manager fills and saves the right one."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.refused_markup import faults, read

PASSWORD = "a-long-pass-phrase"


def attributes(html: str, name: str) -> dict[str, str]:
    return next(e.attrs for e in read(html).elements if e.tag == "input" and e.attrs.get("name") == name)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_refused_log_in_marks_both_fields_and_names_why(client: Client, members, language: str) -> None:
    wrong = {"username": "demo@jalon.local", "password": "wrong"}
    response = client.post("/login/", wrong, headers={"Accept-Language": language})
    html = response.content.decode()
    assert faults(html) == []
    for name in ("username", "password"):
        field = attributes(html, name)
        assert (field["aria-invalid"], field["aria-describedby"]) == ("true", "login-error")
    assert attributes(html, "username")["value"] == "demo@jalon.local"  # nothing to type again
    assert 'id="login-error"' in html and 'role="alert"' in html


@pytest.mark.django_db
def test_the_log_in_fields_say_what_they_hold(client: Client, members) -> None:
    html = client.get("/login/").content.decode()
    assert attributes(html, "username")["autocomplete"] == "username"
    assert attributes(html, "password")["autocomplete"] == "current-password"
    assert "aria-invalid" not in html  # nothing refused yet


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_refused_first_account_ties_each_error_and_keeps_what_was_typed(client: Client, language) -> None:
    response = client.post(
        "/setup/",
        {"email": "ada@", "display_name": "Ada", "password1": PASSWORD, "password2": PASSWORD + "x"},
        headers={"Accept-Language": language},
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert faults(html) == []
    assert attributes(html, "email")["aria-invalid"] == "true"
    assert attributes(html, "password2")["aria-invalid"] == "true"
    assert (attributes(html, "email")["value"], attributes(html, "display_name")["value"]) == ("ada@", "Ada")


@pytest.mark.django_db
def test_the_account_fields_say_what_they_hold(client: Client) -> None:
    html = client.get("/setup/").content.decode()
    names = ("email", "display_name", "password1", "password2")
    holds = {name: attributes(html, name).get("autocomplete") for name in names}
    new = "new-password"
    assert holds == {"email": "username", "display_name": "name", "password1": new, "password2": new}
