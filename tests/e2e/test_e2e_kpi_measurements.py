"""A daily KPI of 500 measurements in Chromium, French and English: the KPI's page lists them a page at a
time with a link to correct each (no form per row), and a correction works without JavaScript."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
FIRST = date(2025, 1, 1)


def daily_kpi(members: dict[str, Any]) -> Any:
    from jalon.strategy import services
    from jalon.strategy.kpis import services as measurements
    from jalon.strategy.models import Roadmap

    kpi = services.create_kpi(
        actor=members["owner"], roadmap=Roadmap.objects.get(slug="cloud-kicks"), key="visites",
        name="Visites du site", unit="", target=900.0, target_date=date(2027, 6, 30), frequency="daily",
    )  # fmt: skip
    rows = [(FIRST + timedelta(days=n), float(400 + n % 37)) for n in range(500)]
    measurements.add_measurements(actor=members["owner"], kpi=kpi, rows=rows, source="GA4")
    return kpi


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("fr", {"older": "Plus anciennes", "correct": "Corriger la mesure du 01/01/2025",
                "save": "Enregistrer", "pages": "Page 20 sur 20"}),
        ("en", {"older": "Older", "correct": "Correct the measurement of 1 Jan 2025",
                "save": "Save", "pages": "Page 20 of 20"}),
    ],
)  # fmt: skip
def test_a_daily_kpis_measurements_read_a_page_at_a_time_and_one_is_corrected_without_javascript(
    members, logged_in_page, shot, language: str, words: dict[str, str]
) -> None:
    from jalon.strategy.models import Measurement

    kpi = daily_kpi(members)
    look = Look(shot, language, content=("Visites du site", "GA4"))
    page = logged_in_page("editor@example.com", language)
    page.goto(ROADMAP + "kpis/visites/")
    assert page.locator("table.measurements tbody tr").count() == 25
    assert page.locator("table.measurements form").count() == 0
    look(page, f"kpi-{language}")

    page.locator("#measurement-page").fill("20")
    page.locator("#measurement-pages button").click()
    page.wait_for_url(re.compile(r"\?page=20#measurements$"))
    assert words["pages"] in page.locator("#measurement-pages").inner_text()
    assert page.get_by_role("link", name=words["older"], exact=True).count() == 0

    page.get_by_role("link", name=words["correct"]).click()
    page.wait_for_url(re.compile(r"/measurements/\d+/\?page=20$"))
    look(page, f"correct-{language}")  # axe needs the page's JavaScript: the look is taken with it

    oldest = Measurement.objects.get(kpi=kpi, date=FIRST)
    nojs = logged_in_page("editor@example.com", java_script_enabled=False)
    nojs.goto(ROADMAP + "kpis/visites/?page=20")
    nojs.get_by_role("link", name=words["correct"]).click()
    nojs.wait_for_url(re.compile(rf"/measurements/{oldest.pk}/\?page=20$"))
    nojs.locator(f"#id_m{oldest.pk}-value").fill("1234,5" if language == "fr" else "1,234.5")
    nojs.get_by_role("button", name=words["save"], exact=True).click()
    nojs.wait_for_url(re.compile(rf"kpis/visites/\?page=20#m-{oldest.pk}$"))
    oldest.refresh_from_db()
    assert oldest.value == 1234.5
    assert "234" in nojs.locator(f"#m-{oldest.pk}").inner_text()
    shot(nojs, f"corrected-{language}")
