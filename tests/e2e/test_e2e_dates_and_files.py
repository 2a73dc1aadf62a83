"""Dates and uploads in the page's language, in a browser of the other language.

Outside testers look at screenshots taken with an English Chromium. Its own date picker (``mm/dd/yyyy``) and
file input (*Choose File*, *No file chosen*) are drawn in the browser's language, English on a French page;
a French Chromium writes *jj/mm/aaaa* and *Aucun fichier choisi* on an English page. Here a French page is
shown in an English Chromium (``locale="en-US"``) and an English page in a French one: a date is typed in the
page's format into the activity, objective, KPI measurement and timeline forms and saved; a file is chosen
through its label and named; screenshots at 1440 and 1280 px, axe clean.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from .conftest import SCREENSHOTS, screenshot, serious_axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
BROWSER = {"fr": "en-US", "en": "fr-FR"}  # the page's language -> a browser of the other one
HINT = {"fr": "Format : jj/mm/aaaa", "en": "Format: dd/mm/yyyy"}
CHOOSE = {"fr": "Choisir un fichier", "en": "Choose a file"}
NONE_CHOSEN = {"fr": "Aucun fichier choisi", "en": "No file chosen"}
SAVE = {"fr": "Enregistrer", "en": "Save"}
VIEWPORTS = {"1440": (1440, 900), "1280": (1280, 800)}


def typed(day: date, language: str) -> str:
    """``day`` as a person types it on a page in ``language``: day first in both, as the pages write dates."""
    return f"{day:%d/%m/%Y}"


def page_in(logged_in_page: Any, language: str) -> Any:
    from jalon.accounts.models import User

    User.objects.filter(email=DEMO).update(language=language)
    page = logged_in_page(DEMO, locale=BROWSER[language])
    assert page.evaluate("navigator.language") == BROWSER[language]
    return page


def fill_date(page: Any, selector: str, day: date, language: str) -> None:
    field = page.locator(selector)
    assert field.get_attribute("type") == "text" and field.get_attribute("inputmode") == "numeric"
    hint = field.get_attribute("aria-describedby").split()[0]
    assert page.locator(f"#{hint}").inner_text().replace("\u00a0", " ") == HINT[language]
    field.fill(typed(day, language))


def look(page: Any, name: str) -> None:
    """Screenshots at 1440 and 1280 px, and no serious or critical axe fault at either width."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, (w, h) in VIEWPORTS.items():
        page.set_viewport_size({"width": w, "height": h})
        screenshot(page, SCREENSHOTS / f"{name}-{width}.png")
        assert serious_axe_violations(axe, page) == [], f"{name} at {width} px"
        over = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        assert over <= 0, f"{name} is {over} px wider than {width} px"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_dates_typed_in_the_pages_format_save_in_a_browser_of_the_other_language(
    language, members, logged_in_page
) -> None:
    from jalon.planning.models import Activity
    from jalon.strategy.models import Measurement, Objective

    page = page_in(logged_in_page, language)

    # An activity: its dates, one week later.
    activity = Activity.objects.filter(roadmap__slug="cloud-kicks", start__isnull=False, end__isnull=False)
    brief = activity.order_by("key").first()
    assert brief is not None and brief.start and brief.end
    start, end = brief.start + timedelta(days=7), brief.end + timedelta(days=7)
    page.goto(f"{ROADMAP}activities/{brief.key}/edit/")
    assert page.locator("#id_start").input_value() == typed(brief.start, language)  # shown in the page's way
    assert page.locator("input[type=date]").count() == 0
    fill_date(page, "#id_start", start, language)
    fill_date(page, "#id_end", end, language)
    look(page, f"dates-{language}-activity")
    page.locator("form.activity-form button[type=submit]").last.click()
    page.wait_for_url(re.compile(rf"/activities/{brief.key}/(\?.*)?$"))
    brief.refresh_from_db()
    assert (brief.start, brief.end) == (start, end)

    # An objective's deadline (a day after the 12th: typed in the other order, it would be no date); one with
    # no sub-objective, whose deadline may not come before theirs.
    deadline = date(2027, 1, 30)
    assert not Objective.objects.filter(roadmap__slug="cloud-kicks", parent__key="parcours-achat").exists()
    page.goto(f"{ROADMAP}o/parcours-achat/edit/")
    page.locator("#id_deadline_rule").select_option("")
    fill_date(page, "#id_deadline", deadline, language)
    page.locator("button[type=submit][form=objective-form]").click()
    page.wait_for_url(re.compile(r"/o/parcours-achat/$"))
    assert Objective.objects.get(roadmap__slug="cloud-kicks", key="parcours-achat").deadline == deadline

    # A KPI measurement.
    day = date(2026, 11, 23)
    page.goto(f"{ROADMAP}kpis/taux-conversion/")
    form = "form[action$='/kpis/taux-conversion/add/']"
    fill_date(page, f"{form} input.date-input", day, language)
    page.locator(f"{form} input[name=value]").fill("3,5" if language == "fr" else "3.5")
    look(page, f"dates-{language}-kpi-measurement")
    page.locator(f"{form} button[type=submit]").click()
    page.wait_for_load_state()
    measured = Measurement.objects.get(kpi__roadmap__slug="cloud-kicks", kpi__key="taux-conversion", date=day)
    assert measured.value == 3.5

    # The timeline's range of an activity, through its form (the chart's own dragging posts ISO dates).
    later = start + timedelta(days=14), end + timedelta(days=14)
    page.goto(f"{ROADMAP}activities/{brief.key}/move/")
    fill_date(page, "input[name=start]", later[0], language)
    fill_date(page, "input[name=end]", later[1], language)
    look(page, f"dates-{language}-timeline-range")
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_url(re.compile(r"/timeline/"))
    brief.refresh_from_db()
    assert (brief.start, brief.end) == later


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_file_is_chosen_through_its_label_and_named_in_the_pages_language(
    language, members, logged_in_page, tmp_path: Path
) -> None:
    page = page_in(logged_in_page, language)
    page.goto(f"{ROADMAP}backlog/import/")
    field = page.locator("#csv-file")
    button = page.locator("label[for=csv-file].file-choice-button")
    status = page.locator("#csv-file_status")
    assert button.inner_text() == CHOOSE[language] and status.inner_text() == NONE_CHOSEN[language]
    box = field.bounding_box()  # the browser's own button and status, in its language, are not drawn
    assert box is not None and box["width"] <= 1 and box["height"] <= 1
    assert "csv-file_status" in field.get_attribute("aria-describedby").split()

    # The keyboard reaches the input, and the focus shows on the button.
    page.locator("main").focus()
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "csv-file":
            break
    assert page.evaluate("document.activeElement.id") == "csv-file"
    outline = button.evaluate(
        "b => getComputedStyle(b).outlineStyle + ' ' + getComputedStyle(b).outlineWidth"
    )
    assert outline == "solid 3px"
    look(page, f"upload-{language}-backlog-import")

    sample = tmp_path / "activités.csv"
    sample.write_text("title\nUne activité\n", encoding="utf-8")
    with page.expect_file_chooser() as chooser:
        button.click()
    chooser.value.set_files(str(sample))
    assert status.inner_text() == "activités.csv"
    assert field.evaluate("input => input.files[0].name") == "activités.csv"
    page.set_viewport_size({"width": 1280, "height": 800})
    screenshot(page, SCREENSHOTS / f"upload-{language}-backlog-import-chosen-1280.png")
