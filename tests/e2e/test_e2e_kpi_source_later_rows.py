"""A KPI source whose file is a plan with weeks to come, in Chromium: *Actualiser* writes the weeks up to
today and the KPI's page says, in the reader's language, how many later rows were left out and their
first and last day; the page fits at 1440 and 1280 px and axe-core finds no serious fault."""

from __future__ import annotations

from datetime import timedelta

import pytest

from tests.e2e.look import Look
from tests.e2e.source_kpis import kpi_with_source

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"


@pytest.mark.parametrize(
    ("language", "button", "said"),
    [
        (
            "fr",
            "Actualiser",
            "3 lignes datées après aujourd’hui ont été laissées de côté : du {first} au {last}.",
        ),
        ("en", "Refresh", "3 rows dated after today were left out: {first} to {last}."),
    ],
    ids=["fr", "en"],
)
def test_a_refresh_says_which_rows_dated_after_today_were_left_out(
    logged_in_page, shot, tmp_path, settings, language, button, said
):
    from django.utils import timezone, translation
    from django.utils.formats import date_format

    today = timezone.localdate()
    days = [today - timedelta(weeks=1), today, *(today + timedelta(weeks=n) for n in (1, 2, 3))]
    plan = "jour;ventes\n" + "".join(f"{day.isoformat()};{100 + n}\n" for n, day in enumerate(days))
    kpi = kpi_with_source(
        tmp_path, settings, key="ventes-prevues", name="Ventes hebdomadaires", file=("plan.csv", plan),
        query="select jour::date, ventes from data",
    )  # fmt: skip

    page = logged_in_page("editor@example.com", language=language)
    page.goto(ROADMAP + "kpis/ventes-prevues/")
    page.locator("#source-form").get_by_role("button", name=button, exact=True).click()
    page.wait_for_load_state()
    status = " ".join(
        page.get_by_role("status").inner_text().replace("\u00a0", " ").replace("\u202f", " ").split()
    )
    with translation.override(language):
        first, last = (date_format(day, "SHORT_DATE_FORMAT") for day in (days[2], days[4]))
    assert said.format(first=first, last=last) in status, status
    page.reload()  # the message is gone; the source block still says it, kept with the last refresh
    kept = " ".join(
        page.locator("#source-left-out").inner_text().replace("\u00a0", " ").replace("\u202f", " ").split()
    )
    assert kept == said.format(first=first, last=last)
    assert sorted(kpi.measurements.values_list("date", flat=True)) == days[:2]
    Look(shot, language, content=("Ventes hebdomadaires", "plan.csv", "jour", "ventes"))(
        page, f"kpi-{language}"
    )
