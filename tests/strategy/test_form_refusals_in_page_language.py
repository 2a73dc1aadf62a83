"""A form refuses in the page's language, never in the browser's.

A field marked ``required`` (or with a ``pattern``, ``min``, ``max``…) makes the browser stop the submission
itself with its own bubble, written in the browser's language: *Please fill out this field.* on a French
page in an English Chromium, *Veuillez renseigner ce champ.* on an English page in a French one. Every form
of the strategy and framing pages, the workspace page and the log-in page therefore carries ``novalidate``:
the field keeps ``required`` (screen readers still announce it) and the server answers in the page's
language (the forms' own tests prove the messages)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.test import Client

import jalon
from jalon.strategy.models import Measurement
from tests.hostile_forms import crawl

W = "/w/cloud-kicks/"
R = W + "r/cloud-kicks/"
OBJ = R + "o/taux-conversion/"
CONSTRAINTS = {"required", "pattern", "min", "max", "minlength"}
CHECKED_TYPES = {"email", "url", "number"}


def constrained(attrs: dict[str, str | None]) -> bool:
    """Whether the browser checks this control itself before sending its form."""
    return bool(CONSTRAINTS & attrs.keys()) or attrs.get("type") in CHECKED_TYPES


class Forms(HTMLParser):
    """Each form of a page: its opening tag's attributes and whether a control inside it is checked."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[dict[str, str | None], bool]] = []
        self._open: dict[str, str | None] | None = None
        self._checked = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = dict(attrs)
        if tag == "form":
            self._open, self._checked = given, False
        elif self._open is not None and tag in {"input", "select", "textarea"} and constrained(given):
            self._checked = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "form" and self._open is not None:
            self.forms.append((self._open, self._checked))
            self._open = None


def browser_checked_forms(client: Client, url: str) -> list[str]:
    """The forms of ``url`` that the browser would check itself (no ``novalidate``), by their action."""
    response = client.get(url)
    assert response.status_code == 200, url
    parser = Forms()
    parser.feed(response.content.decode())
    return [
        f"{url} → {attrs.get('action') or '(itself)'}"
        for attrs, checked in parser.forms
        if checked and "novalidate" not in attrs
    ]


@pytest.mark.django_db
def test_the_log_in_form_leaves_its_refusals_to_the_server(client: Client, make_user) -> None:
    make_user("someone@example.com")  # once an account exists, the first visit is the log-in page
    assert browser_checked_forms(client, "/login/") == []


@pytest.mark.django_db
def test_no_strategy_framing_or_workspace_form_lets_the_browser_refuse_in_its_own_language(
    client: Client, members
) -> None:
    client.force_login(members["owner"])
    measurement = Measurement.objects.filter(kpi__roadmap__slug="cloud-kicks").first()
    assert measurement is not None
    kpi = R + f"kpis/{measurement.kpi.key}/"
    pages = [
        "/", W, W + "members/", R, R + "start/", R + "edit/", R + "copy/", R + "delete/",
        R + "objectives/new/", OBJ, OBJ + "edit/", OBJ + "cells/impact/", OBJ + "cells/measurable/",
        R + "kpis/", R + "kpis/new/", kpi, kpi + "edit/", kpi + f"measurements/{measurement.pk}/",
        R + "dashboard/",
        R + "framing/", R + "framing/personas/", R + "framing/journeys/", R + "framing/prototypes/",
        R + "framing/plan/", R + "framing/votes/", R + "framing/indicators/taux-conversion/",
    ]  # fmt: skip
    found = [form for page in pages for form in browser_checked_forms(client, page)]
    assert found == []


@pytest.mark.django_db
def test_no_form_of_any_page_a_member_reaches_lets_the_browser_refuse_in_its_own_language(
    client: Client, members
) -> None:
    """Every page reachable from the workspace, the planning pages (backlog, people, timeline, portfolio,
    schedule, registers, reviews, history) included, one of each route."""
    client.force_login(members["owner"])
    reached = crawl(client, ["/", W], (W, "/workspaces/new/")).pages
    assert len(reached) > 50 and any("/backlog/" in url for url in reached)
    found = [form for page in reached for form in browser_checked_forms(client, page)]
    assert found == [], "\n".join(found)


def test_every_form_a_template_writes_carries_novalidate() -> None:
    """The pages a crawl cannot reach with the demo (a confirmation, an error state) hold to the rule too."""
    templates = Path(jalon.__file__).parent / "templates"
    missing = []
    for path in sorted(templates.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        for match in re.finditer(r"<form\b", text):
            end = text.find("<", match.end())
            if "novalidate" not in text[match.start() : end if end != -1 else None]:
                missing.append(f"{path.relative_to(templates)}:{text.count(chr(10), 0, match.start()) + 1}")
    assert len(list(templates.rglob("*.html"))) > 100
    assert missing == []
