"""A signed-in reader of the roadmap pages, in a language."""

from __future__ import annotations

from django.test import Client

from tests.factories import Team


def reader(team: Team, language: str) -> Client:
    team.owner.language = language
    team.owner.save()
    client = Client()
    client.force_login(team.owner)
    return client
