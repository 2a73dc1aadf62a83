"""The copy form sent twice — two tabs at the same instant, a double click without JavaScript, a form sent
again over a slow network — makes one copy, and the second request lands on it with a word saying so. Two
requests racing made two copies (the second titled "Cloud Kicks 2027 (2)"); sent once the first copy was
made, the second was refused on its title ("already called…") for a copy it had asked for."""

from __future__ import annotations

import re
import threading
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from jalon.strategy.models import Roadmap, RoadmapCopy

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
ASKED = {"title": "Cloud Kicks 2027", "months": "12"}
TWICE = {
    "fr": (
        "Ce formulaire a été envoyé deux fois\u00a0: la copie Cloud Kicks 2027 a été faite une fois, "
        "la voici."
    ),
    "en": "This form was sent twice: the copy Cloud Kicks 2027 was made once, here it is.",
}


def shown_form(client: Client) -> dict[str, str]:
    """What the copy form, as its page shows it, sends (the title typed)."""
    page = client.get(ROADMAP + "copy/").content.decode()
    token = re.search(r'name="once" value="([^"]*)"', page)
    assert token is not None, "the page renders the form's token"
    return {**ASKED, "once": token[1]}


def landed(response: Any) -> tuple[str, str]:
    """Where a followed answer landed, and its message."""
    said = [str(message) for message in response.context["messages"]]
    assert len(said) == 1
    return response.redirect_chain[-1][0], said[0]


def copies() -> int:
    return Roadmap.objects.filter(workspace__slug="cloud-kicks").count() - 1


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_copy_form_sent_twice_makes_one_copy_and_the_second_lands_on_it(
    client: Client, members: Any, language: str
) -> None:
    client.force_login(members["editor"])
    client.cookies["jalon_language"] = language
    sent = shown_form(client)
    first = landed(client.post(ROADMAP + "copy/", sent, follow=True))
    again = landed(client.post(ROADMAP + "copy/", sent, follow=True))
    assert first[0] == again[0] == "/w/cloud-kicks/r/cloud-kicks-2027/"
    assert again[1] == TWICE[language]
    assert copies() == 1


def test_a_new_form_asking_the_same_copy_after_the_first_was_renamed_makes_a_new_copy(
    client: Client, members: Any
) -> None:
    client.force_login(members["editor"])
    client.post(ROADMAP + "copy/", shown_form(client))
    Roadmap.objects.filter(slug="cloud-kicks-2027").update(title="Plan 2027")
    response = client.post(ROADMAP + "copy/", shown_form(client))
    assert response.status_code == 302 and copies() == 2
    assert Roadmap.objects.filter(title="Cloud Kicks 2027").count() == 1


def test_another_title_from_the_same_form_is_another_copy(client: Client, members: Any) -> None:
    """Two tabs show the same token; each copy asked of them differently is made."""
    client.force_login(members["editor"])
    sent = shown_form(client)
    client.post(ROADMAP + "copy/", sent)
    other = client.post(ROADMAP + "copy/", {**sent, "title": "Cloud Kicks 2028"})
    assert other.status_code == 302 and other["Location"] == "/w/cloud-kicks/r/cloud-kicks-2028/"
    assert copies() == 2


@pytest.mark.django_db(transaction=True)
def test_two_tabs_sending_the_same_copy_at_the_same_instant_make_one_copy(members: Any) -> None:
    tabs = []
    for _tab in range(2):
        tab = Client()
        tab.force_login(members["editor"])
        tabs.append((tab, shown_form(tab)))
    assert tabs[0][1] == tabs[1][1], "two tabs open on the copy form carry the same token"
    gate = threading.Barrier(2)
    answers: list[tuple[int, str]] = []

    def send(tab: Client, form: dict[str, str]) -> None:
        try:
            gate.wait(timeout=10)
            response = tab.post(ROADMAP + "copy/", form)
            answers.append((response.status_code, response.get("Location", "")))
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=tab) for tab in tabs]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert answers == [(302, "/w/cloud-kicks/r/cloud-kicks-2027/")] * 2
    assert copies() == 1 and RoadmapCopy.objects.count() == 1
