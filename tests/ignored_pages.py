"""A page read as its reader reads it, for the tests of the filters of the address that name nothing here
(``jalon.ignored_filters``): the owner of the team's workspace, in ``language``, the page answering 200."""

from __future__ import annotations

import html

from django.test import Client

from tests.factories import Team

# The notice's opening, in each language, when one value was left out.
ONE_LEFT_OUT = {
    "fr": "Ce filtre de l’adresse ne désigne rien ici et n’a pas été appliqué :",
    "en": "This filter of the address names nothing here and was left out:",
}
QUOTED = {"fr": "{noun} « {value} »", "en": "{noun} “{value}”"}


def notice(language: str, noun: str, value: str) -> str:
    """The whole notice when the one value left out is ``value``, of the filter ``noun``."""
    return f"{ONE_LEFT_OUT[language]} {QUOTED[language].format(noun=noun, value=value)}."


def page(team: Team, address: str, language: str = "fr") -> str:
    """The page's text, entities decoded and spaces collapsed (the owner reads it in ``language``)."""
    team.owner.language = language
    team.owner.save(update_fields=["language"])
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(team.owner)
    response = client.get(address, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, address
    return " ".join(html.unescape(response.content.decode()).split())
