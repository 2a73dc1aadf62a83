"""A KPI source's new query that returns two rows of one day, in Chromium: the KPI's page refuses it in the
reader's language naming both rows, shows the refused query in the form to mend, keeps the working query
and the measurements; the page fits at 1440 and 1280 px and axe-core finds no serious fault."""

from __future__ import annotations

import pytest

from tests.e2e.look import Look
from tests.e2e.source_kpis import ORDERS_QUERY, refuse_new_query

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

REFUSED = "select jour::date, ventes from data"


@pytest.mark.parametrize(
    ("language", "button", "said"),
    [
        (
            "fr",
            "Enregistrer et actualiser",
            "Les lignes 1 et 2 sont toutes deux datées du 05/01/2026 : un jour a une seule mesure.",
        ),
        ("en", "Save and refresh", "Rows 1 and 2 are both dated 5 Jan 2026: a day has one measurement."),
    ],
    ids=["fr", "en"],
)
def test_a_query_with_two_rows_of_one_day_is_refused_in_words_and_the_working_one_kept(
    logged_in_page, shot, tmp_path, settings, language, button, said
):
    from jalon.strategy.models import KPISource

    orders = "jour;ventes\n2026-01-05;10\n2026-01-05;32\n2026-01-06;5\n"
    kpi, before, page, problems = refuse_new_query(
        logged_in_page, tmp_path, settings, language=language, button=button, orders=orders, query=REFUSED
    )
    assert said in problems, problems
    assert page.locator("#source-query").input_value() == REFUSED  # shown to mend
    assert KPISource.objects.get(kpi=kpi).query == ORDERS_QUERY
    assert sorted(kpi.measurements.values_list("date", "value")) == before
    Look(shot, language, content=("Ventes du jour", "commandes.csv", "jour", "ventes", "GROUP BY"))(
        page, f"refused-{language}"
    )
