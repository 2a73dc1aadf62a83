"""Date and file fields speak the page's language, never the browser's.

Chromium draws ``<input type="date">`` ("mm/dd/yyyy" / "jj/mm/aaaa") and ``<input type="file">`` ("Choose
File", "No file chosen" / "Choisir un fichier", "Aucun fichier choisi") in the browser's language. Every
date is therefore a text input in the page's format with its format hinted (``jalon.widgets.DateText``), and
every upload goes through one partial whose button and status Jalon writes (``jalon.widgets.FileChoice``).
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django import forms
from django.test import Client
from django.utils import translation

import jalon
from jalon.fields import LocaleDateField
from jalon.parsing import NotADate, parse_date
from jalon.widgets import DateText, FileChoice
from tests.hostile_forms import crawl

SOURCE = Path(jalon.__file__).parent
PARTIAL = "forms/widgets/file_choice.html"
W = "/w/cloud-kicks/"
HINT = {"fr": "Format\u00a0: jj/mm/aaaa", "en": "Format: dd/mm/yyyy"}
CHOOSE = {"fr": "Choisir un fichier", "en": "Choose a file"}
NONE_CHOSEN = {"fr": "Aucun fichier choisi", "en": "No file chosen"}
SHOWN = {"fr": "31/03/2027", "en": "31/03/2027"}
LOCAL_DATE = re.compile(r"\d{2}/\d{2}/\d{4}")


def jalon_form_classes() -> list[type[forms.BaseForm]]:
    """Every form class Jalon defines (its modules imported, migrations aside)."""
    for module in pkgutil.walk_packages([str(SOURCE)], "jalon."):
        if ".migrations" not in module.name and not module.name.endswith(("__main__", "wsgi", "asgi")):
            importlib.import_module(module.name)
    found: list[type[forms.BaseForm]] = []
    todo: list[type[forms.BaseForm]] = [forms.BaseForm]
    while todo:
        for sub in todo.pop().__subclasses__():
            todo.append(sub)
            if sub.__module__.startswith("jalon.") and sub not in found:
                found.append(sub)
    return found


def fields_of(kind: type[forms.Field]) -> list[tuple[str, str, forms.Field]]:
    return [
        (f"{form.__module__}.{form.__qualname__}", name, field)
        for form in jalon_form_classes()
        for name, field in form.base_fields.items()  # type: ignore[attr-defined]
        if isinstance(field, kind)
    ]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_date_field_of_every_form_is_text_in_the_pages_format_with_its_format_hinted(language) -> None:
    dates = fields_of(forms.DateField)
    assert (
        len(dates) >= 25
    )  # activities, objectives, KPIs, measurements, people, reviews, registers, framing…
    wrong = []
    with translation.override(language):
        for where, name, field in dates:
            html = field.widget.render(name, date(2027, 3, 31), attrs={"id": f"id_{name}"})
            hint = f'<span class="date-hint" id="id_{name}_format">{HINT[language]}</span>'
            if not (
                isinstance(field, LocaleDateField)
                and isinstance(field.widget, DateText)
                and 'type="text"' in html
                and 'type="date"' not in html
                and f'value="{SHOWN[language]}"' in html
                and hint in html
                and f'aria-describedby="id_{name}_format"' in html
                and 'inputmode="numeric"' in html
                and 'autocomplete="off"' in html
            ):
                wrong.append(f"{where}.{name}: {html}")
    assert wrong == []


def test_every_file_field_of_every_form_goes_through_the_one_upload_partial() -> None:
    files = fields_of(forms.FileField)
    assert len(files) >= 3  # the KPI import, the orders file, a prototype
    assert [
        f"{where}.{name}" for where, name, field in files if not isinstance(field.widget, FileChoice)
    ] == []


def test_a_date_typed_in_any_format_the_field_reads_shows_back_in_the_pages_format() -> None:
    widget = DateText()
    with translation.override("fr"):
        assert widget.format_value("2027-03-31") == "31/03/2027"
        assert widget.format_value("31.03.2027") == "31/03/2027"
        assert widget.format_value("31/13/2027") == "31/13/2027"  # not a date: kept as typed
        assert widget.format_value(date(1, 1, 1)) == "01/01/0001"  # read back by the field
        assert parse_date("01/01/0001") == date(1, 1, 1)
    with translation.override("en"):
        assert widget.format_value("2027-03-31") == "31/03/2027"
        assert widget.format_value("31 Mar 2027") == "31/03/2027"
        assert widget.format_value("") == ""


def test_no_template_or_module_writes_a_date_or_file_input_but_the_widgets() -> None:
    """The crawl cannot reach every state of every page: the sources hold to the rule too."""
    found = []
    for path in sorted(SOURCE.rglob("*")):
        relative = path.relative_to(SOURCE).as_posix()
        if path.suffix not in (".html", ".py") or "migrations" in path.parts or relative == "widgets.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"""type=["']?date\b|["']type["']\s*:\s*["']date["']""", text):
            found.append(f"{relative}: a browser date picker")
        if relative != f"templates/{PARTIAL}" and re.search(r"""type=["']?file\b""", text):
            found.append(f"{relative}: a file input outside {PARTIAL}")
        if re.search(r"\b(Clearable)?FileInput\b|\bDateInput\b", text):
            found.append(f"{relative}: a widget of Django's own")
    assert found == []


class Controls(HTMLParser):
    """A page's inputs, labels (their ``for``, classes and text) and the text of every element with an id."""

    def __init__(self) -> None:
        super().__init__()
        self.inputs: list[dict[str, str]] = []
        self.labels: list[tuple[dict[str, str], str]] = []
        self.text: dict[str, str] = {}
        self._open: list[tuple[str, str | None, dict[str, str], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {key: value or "" for key, value in attrs}
        if tag == "input":
            self.inputs.append(given)
        elif tag not in ("br", "img", "meta", "link", "hr", "col", "source", "wbr"):
            self._open.append((tag, given.get("id"), given, []))

    def handle_data(self, data: str) -> None:
        for *_, parts in self._open:
            parts.append(data)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            opened, element_id, attrs, parts = self._open.pop()
            if element_id:
                self.text[element_id] = "".join(parts).strip()
            if opened == "label":
                self.labels.append((attrs, "".join(parts).strip()))
            if opened == tag:
                break


def reads(value: str) -> bool:
    try:
        return parse_date(value) is not None
    except NotADate:
        return False


def problems_of(page: str, html: str, language: str) -> tuple[list[str], int, int]:
    """What is wrong with the page's date and file inputs, and how many of each it has."""
    controls = Controls()
    controls.feed(html)
    wrong, dates, files = [], 0, 0
    for attrs in controls.inputs:
        kind, classes, name = attrs.get("type", "text"), attrs.get("class", "").split(), attrs.get("name")
        described = attrs.get("aria-describedby", "").split()
        if kind == "date":
            wrong.append(f"{page} {name}: type=date")
        elif "date-input" in classes:
            dates += 1
            value = attrs.get("value", "")
            if not described or controls.text.get(described[0]) != HINT[language]:
                wrong.append(f"{page} {name}: no hint in the page's language")
            if value and not (LOCAL_DATE.fullmatch(value) and reads(value)):
                wrong.append(f"{page} {name}: shows {value!r}")
        elif kind == "file":
            files += 1
            button = [text for label, text in controls.labels if label.get("for") == attrs.get("id")]
            status = controls.text.get(f"{attrs.get('id')}_status")
            if "file-choice-input" not in classes or CHOOSE[language] not in button:
                wrong.append(f"{page} {name}: no button in the page's language ({button})")
            if status != NONE_CHOSEN[language] or f"{attrs.get('id')}_status" not in described:
                wrong.append(f"{page} {name}: no status in the page's language ({status!r})")
    return wrong, dates, files


@pytest.mark.django_db
def test_no_page_a_member_reaches_shows_a_date_or_file_input_in_the_browsers_language(
    client: Client, members
) -> None:
    """Every page reachable from the workspace, one of each route, in French then in English."""
    client.force_login(members["owner"])
    reached = crawl(client, ["/", W], (W, "/workspaces/new/")).pages
    assert len(reached) > 50
    wrong, dates, files = [], 0, 0
    for language in ("fr", "en"):
        client.post("/language/", {"language": language, "next": "/"})  # the owner's saved language
        for page in reached:
            response = client.get(page)
            if "html" in response.get("Content-Type", ""):
                found = problems_of(page, response.content.decode(), language)
                wrong += found[0]
                dates, files = dates + found[1], files + found[2]
    assert wrong == [], "\n".join(wrong)
    assert dates >= 40 and files >= 8  # both languages: the crawl met the forms it checks
