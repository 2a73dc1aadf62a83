"""The change log in real Chromium, in French and in English: the demo roadmap after a few edits and a
deletion, read at 1440 and 1280 px (axe: no serious or critical fault; one language per page), filtered by
kind of item, followed to an item's page, and exported as CSV."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal
from typing import Any

import pytest

from tests.e2e.conftest import download
from tests.e2e.look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
LONG = "Une description assez longue pour être raccourcie dans le journal. "


@pytest.fixture
def edited(demo: Any, members: dict[str, Any]) -> Any:
    """The demo roadmap, loaded the day before, after an activity's cost, status and description changed and
    a risk was deleted today."""
    from django.db.models import F

    from jalon.history.models import Change
    from jalon.planning import services as planning
    from jalon.planning.models import Activity, Risk

    Change.objects.filter(roadmap=demo.roadmap).update(at=F("at") - timedelta(days=1))
    owner = members["owner"]
    activity = Activity.objects.filter(roadmap=demo.roadmap).order_by("pk").first()
    assert activity is not None
    planning.update(
        activity, actor=owner, expected_version=activity.version,
        changes={"cost": Decimal("1250.50"), "status": "in_progress",
                 "description": LONG * 4},
    )  # fmt: skip
    risk = Risk.objects.filter(roadmap=demo.roadmap).order_by("pk").first()
    assert risk is not None
    planning.delete(risk, actor=owner)
    return activity, risk


def speak(language: str) -> None:
    from jalon.accounts.models import User

    User.objects.filter(email=DEMO).update(language=language)


@pytest.mark.parametrize(
    ("language", "cost", "kind", "deleted"),
    [("fr", "1 250,50 €", "Activité", "suppression"), ("en", "€1,250.50", "Activity", "deleted")],
)
def test_read_filter_and_export_the_change_log(
    edited, logged_in_page, shot, language: str, cost: str, kind: str, deleted: str
) -> None:
    activity, risk = edited
    speak(language)
    page = logged_in_page(DEMO)
    page.goto(ROADMAP)
    page.get_by_role("link", name="Historique" if language == "fr" else "History", exact=True).click()
    page.wait_for_url(re.compile(r"/history/journal/$"))
    look = Look(shot, language, content=(activity.title, risk.title, LONG.strip()))
    text = look(page, "journal")
    assert cost in text
    first_day = page.locator(".journal-day").first
    assert risk.title in first_day.inner_text() and deleted in first_day.inner_text()
    assert first_day.locator(".journal-gone", has_text=risk.title).count() == 1  # no link to what is gone
    # the long description unfolds whole
    long = page.locator("details.journal-long", has_text="Une description assez longue").first
    assert not long.locator("p").is_visible()
    long.locator("summary").click()
    assert "dans le journal. Une description" in long.locator("p").inner_text()

    page.locator("#journal_kind").select_option(label=kind)
    page.locator(".journal-filters button[type=submit]").click()
    page.wait_for_url(re.compile(r"kind=\d+"))
    kinds = {k.strip() for k in page.locator(".journal-kind").all_inner_texts()}
    assert kinds == {kind}
    look(page, "journal-filtered")

    exported = download(page.locator(".journal-summary a[download]")).path().read_bytes().decode("utf-8-sig")
    header = exported.splitlines()[0]
    assert header.startswith("Date et heure;Personne" if language == "fr" else "Date and time,Person")
    assert risk.title not in exported  # the export follows the filter: activities only

    page.locator(".journal-head a", has_text=activity.title).first.click()
    page.wait_for_url(re.compile(rf"/activities/{activity.key}/$"))
