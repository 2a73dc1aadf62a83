"""The portfolio page as the tests open it."""

from __future__ import annotations

from typing import Any

from django.test import Client

URL = "/w/acme/r/plan-2027/portfolio/"
RULES = {
    "budget": "18000", "maximise": "value", "min_acquisition": "", "max_acquisition": "10000",
    "min_retention": "", "max_retention": "6000", "max_running": "2000",
}  # fmt: skip


def logged_in(client: Client, user: Any, language: str = "en") -> Client:
    user.language = language
    user.save(update_fields=["language"])
    client.force_login(user)
    return client


def squash(response: Any) -> str:
    return " ".join(response.content.decode().replace("\u00a0", " ").replace("\u202f", " ").split())
