"""The framing's deliverable as a consultant hands it over, from an EMPTY database, in real Chromium, English
and French: workshops met by video link (a kick-off and a final presentation both planned as kick-offs, told
apart by their day), a stakeholder attending them, the annual animation plan (a monthly newsletter, a welcome
SMS on the first order, a Black Friday week), then the PDF read by pdftotext and the workbook by openpyxl.

What the fifth first-hour walk found there (tests/reports/test_pdf_workshop_calendar.py,
tests/reports/test_animation_plan_in_documents.py, tests/framing/test_workshop_labels.py): the PDF's workshop
calendar cut « Participant / s », « Deliverabl / e » and « Planne / d » over two lines beside the link; the
stakeholders' table read « kick-off, …, kick-off »; and no file held the animation plan's actions, only
contacts counted per month and channel."""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from tests.reports.documents_made import pdf_texts

from .conftest import download
from .look import Look, first_account, new_roadmap, post

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LINK = "https://meet.example.com/acme"
WORDS: dict[str, dict[str, Any]] = {
    "en": {
        "new_workspace": "New workspace", "workspace": "Brightwave Consulting",
        "newsletter": "Monthly new releases newsletter", "sms": "Welcome SMS", "friday": "Black Friday",
        "kickoffs": "Kick-off (11 January 2027), Kick-off (22 March 2027)",
        "whole": ("Participants", "Status", "Deliverable", "planned"),
        "sheet": "Animation plan", "on_event": "On an event: first_order (+2 days)",
    },
    "fr": {
        "new_workspace": "Nouvel espace de travail", "workspace": "Conseil Lumière",
        "newsletter": "Newsletter mensuelle des nouveautés", "sms": "SMS de bienvenue",
        "friday": "Black Friday", "kickoffs": "Lancement (11 janvier 2027), Lancement (22 mars 2027)",
        "whole": ("Participants", "Statut", "Livrable", "prévu"),
        "sheet": "Plan d’animation", "on_event": "Sur événement : first_order (+2 jours)",
    },
}  # fmt: skip


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_framing_deliverable_holds_the_workshops_and_the_animation_plan(
    new_context: Any, shot: Any, lang: str
) -> None:
    words = WORDS[lang]
    look = Look(shot, lang, (words["workspace"], words["newsletter"], words["sms"], words["friday"], "Priya"))
    page = new_context().new_page()
    page.set_default_navigation_timeout(30_000)
    first_account(page, "consultant@example.com", "a-long-pass-phrase", lang)
    page.get_by_role("link", name=words["new_workspace"]).click()
    page.locator("#id_name").fill(words["workspace"])
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/w/[a-z-]+/$"))
    framing = new_roadmap(page, "Acme 2027") + "framing/"

    page.goto(framing)
    post(page, "#form-kickoff form", {"stakes": "Win back lapsed buyers"})
    for day in ("11/01/2027", "22/03/2027"):
        post(page, "#form-workshop form", {"day": day, "place": LINK}, {"kind": "kickoff"})
    form = page.locator("#form-stakeholder form")
    form.locator("[name=name]").fill("Priya Shah")
    for n in range(form.locator("[name=workshops]").count()):
        form.locator("[name=workshops]").nth(n).check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert words["kickoffs"] in look(page, "kickoff")

    page.goto(framing + "plan/")
    post(page, "#form-action form", {"what": words["newsletter"], "owner": "Priya", "cost": "1200"},
         {"channel": "email", "frequency": "monthly"})  # fmt: skip
    post(page, "#form-action form", {"what": words["sms"], "trigger": "first_order", "delay_days": "2"},
         {"channel": "sms", "frequency": "on_event"})  # fmt: skip
    post(page, "#form-action form", {"what": words["friday"], "start": "22/11/2027", "end": "29/11/2027"},
         {"channel": "email", "frequency": "weekly"})  # fmt: skip
    look(page, "plan")

    page.goto(framing.removesuffix("framing/") + "documents/")
    pdf = Path(download(page.locator("button[name=format][value=pdf]")).path()).read_bytes()
    xlsx = Path(download(page.locator("button[name=format][value=xlsx]")).path()).read_bytes()
    book = load_workbook(io.BytesIO(xlsx))
    text = " ".join(" ".join(pdf_texts(pdf)).split())
    assert [w for w in words["whole"] if w not in text.split()] == [], "a word of the workshop calendar cut"
    for action in (words["newsletter"], words["sms"], words["friday"]):
        assert action in text
    assert words["on_event"] in text
    rows = list(book[words["sheet"]].iter_rows(min_row=2, values_only=True))
    assert [row[0] for row in rows] == [words["newsletter"], words["sms"], words["friday"]]
    assert rows[0][10] == 1200 and rows[1][5:7] == ("first_order", 2)
    assert rows[2][7] is not None and rows[2][7].date().isoformat() == "2027-11-22"
