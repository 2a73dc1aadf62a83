"""A KPI source's new query that takes gigabytes inside DuckDB, in Chromium: the KPI's page refuses it in the
reader's language with the memory a source may use, within seconds, keeps the working query and the
measurements; the page fits at 1440 and 1280 px and axe-core finds no serious fault."""

from __future__ import annotations

import pytest

from tests.e2e.look import Look
from tests.e2e.source_kpis import ORDERS_QUERY, refuse_new_query

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

BOMB = (
    "select date '2026-01-01' + (i % 300)::int as day, length(repeat('x', 1000000 + i))::double as v "
    "from range(20000) t(i)"
)


@pytest.mark.parametrize(
    ("language", "button", "said"),
    [
        (
            "fr",
            "Enregistrer et actualiser",
            "La requête a demandé plus de mémoire qu’une source ne peut en utiliser (1 024 Mo) et a été "
            "arrêtée",
        ),
        (
            "en",
            "Save and refresh",
            "The query needed more memory than a source may use (1,024 MB) and was stopped",
        ),
    ],
    ids=["fr", "en"],
)
def test_a_query_taking_gigabytes_is_refused_in_words_and_the_working_one_kept(
    logged_in_page, shot, tmp_path, settings, language, button, said
):
    from jalon.strategy.models import KPISource

    kpi, before, page, problems = refuse_new_query(
        logged_in_page, tmp_path, settings, language=language, button=button,
        orders="jour;ventes\n2026-01-05;10\n2026-01-06;5\n", query=BOMB,
    )  # fmt: skip
    assert said in problems, problems
    assert KPISource.objects.get(kpi=kpi).query == ORDERS_QUERY
    assert sorted(kpi.measurements.values_list("date", "value")) == before
    Look(shot, language, content=("Ventes du jour", "commandes.csv", "jour", "ventes", "GROUP BY"))(
        page, f"memory-{language}"
    )
