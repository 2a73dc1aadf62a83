"""Every form a person can post, found by following the demo roadmap's links as its owner, refused twice —
its typed fields left empty, then its numbers and dates not numbers nor dates — in French and in English:
the answer ties each error to its field for a screen reader (``tests/refused_markup.py``) and keeps what
the person typed."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.hostile_forms import Form, crawl, parse, plausible
from tests.refused_markup import faults, read

WORKSPACE = "/w/cloud-kicks/"
TYPED = ("text", "number", "date", "email")
# Forms whose post would shut the roadmap to the forms after them (archived: read only).
LEAVES = {"roadmap_archive"}
NOT_A_NUMBER, NOT_A_DATE = "douze", "31/02/2026"


def emptied(form: Form) -> dict[str, str]:
    data = plausible(form)
    return data | {name: "" for name, kind in form.kinds.items() if kind in TYPED}


def refusals(form: Form) -> list[dict[str, str]]:
    """Its typed fields empty; and, when it has numbers or dates, those not numbers nor dates."""
    typed = set(form.kinds.values())
    return [emptied(form)] + ([not_numbers_nor_dates(form)] if typed & {"number", "date"} else [])


def as_shown_now(client: Client, form: Form) -> Form:
    """The form as its page shows it now (another form saved meanwhile moves the version it carries)."""
    forms, _ = parse(form.page, client.get(form.page).content.decode())
    return next((other for other in forms if other.signature == form.signature), form)


def not_numbers_nor_dates(form: Form) -> dict[str, str]:
    data = plausible(form)
    for name, kind in form.kinds.items():
        if kind == "number":
            data[name] = NOT_A_NUMBER
        elif kind == "date":
            data[name] = NOT_A_DATE
    return data


def kept(html: str, data: dict[str, str], form: Form) -> list[str]:
    """The typed values of ``data`` that no field of that name shows in the refused answer (which may hold
    other forms with fields of the same name: the other lines of a list)."""
    shown: dict[str, set[str]] = {}
    for element in read(html).elements:
        name = element.attrs.get("name")
        if name and element.tag == "input":
            shown.setdefault(name, set()).add(element.attrs.get("value", ""))
        elif name and element.tag == "textarea":
            shown.setdefault(name, set()).add(as_read(element.text))
    return [
        f"{name}={value!r} shown as {sorted(shown[name])!r}"
        for name, value in data.items()
        if form.kinds.get(name) in TYPED and name in shown and as_read(value) not in shown[name]
    ]


def as_read(text: str) -> str:
    """A value as compared: a newline right after ``<textarea>`` is not part of it (and the crawl, which
    reads it, posts it), and a field's value is read stripped."""
    return text.strip()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_refused_form_ties_its_errors_to_its_fields_and_keeps_what_was_typed(
    client: Client, members, language: str
) -> None:
    client.force_login(members["owner"])
    found = crawl(client, ["/", WORKSPACE], (WORKSPACE, "/workspaces/new/"))
    problems: list[str] = []
    refused_routes: set[str] = set()
    for signature, crawled in sorted(found.forms.items()):
        if signature[0] in LEAVES:
            continue
        form = as_shown_now(client, crawled)
        for data in refusals(form):
            headers = {"Accept-Language": language} | ({"HX-Request": "true"} if form.htmx else {})
            response = client.post(form.action, data, headers=headers)
            if response.status_code == 422:
                refused_routes.add(signature[0])
            if response.status_code not in (200, 422) or "html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            problems += [f"{signature[0]}: {fault}" for fault in faults(html)]
            problems += [f"{signature[0]}: not kept: {value}" for value in kept(html, data, form)]
    assert len(refused_routes) >= 35, sorted(refused_routes)
    assert not sorted(set(problems)), "\n".join(sorted(set(problems)))
