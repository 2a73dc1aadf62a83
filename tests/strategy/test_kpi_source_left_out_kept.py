"""The rows a KPI source's refresh left out for being dated after today are kept with the refresh
(``KPISource.later_rows``): the KPI's page says them in its source block after a reload, the next day, and
after a refresh ``jalon worker`` ran on schedule — until the next refresh, in French and English. They are
run-state: the roadmap file does not carry them, and its export and import still round trip."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client

from jalon.strategy.kpis import source_services
from jalon.strategy.kpis.source_services import LaterRows
from jalon.strategy.models import KPI, KPISource
from tests.strategy.kpi_sources import kpi
from tests.strategy.plan_csv import PLAN_QUERY, plan_csv, short_date, short_date_en, today

# The child's code run in this process, without a new interpreter's start (tests/strategy/conftest.py)
pytestmark = pytest.mark.usefixtures("source_in_this_process")

__all__ = ["kpi"]  # the fixture, shared with the sources' other tests

PAGE = "/w/cloud-kicks/r/cloud-kicks/kpis/revenue/"
SAID = {
    "fr": "3 lignes datées après aujourd’hui ont été laissées de côté\u00a0: du {} au {}.",
    "en": "3 rows dated after today were left out: {} to {}.",
}


def _source_block(client: Client, language: str) -> str:
    """The KPI page's *Data source* section, read without any message a refresh left for the next page."""
    client.cookies["jalon_language"] = language
    page = client.get(PAGE).content.decode()
    block = page[page.index('id="source-title"') :]
    return block[: block.index("</section>")].replace("\u202f", " ")


def _said(language: str) -> str:
    short = short_date if language == "fr" else short_date_en
    return SAID[language].format(short(today() + timedelta(weeks=1)), short(today() + timedelta(weeks=3)))


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_kpi_page_still_says_the_rows_left_out_after_a_reload_until_the_next_refresh(
    kpi: KPI, client: Client, members: Any, language: str
) -> None:
    from django.utils import translation

    client.force_login(members["viewer"])
    client.cookies["jalon_language"] = language
    source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=plan_csv(past=2, later=3), query=PLAN_QUERY
    )
    with translation.override(language):
        said = _said(language)
    first = client.get(PAGE).content.decode().replace("\u202f", " ")
    assert first.count(said) == 1  # no message from a refresh: the source block's line
    assert said in _source_block(client, language)  # and again, as for a reader coming the next day
    kept = KPISource.objects.get(kpi=kpi)
    assert LaterRows.from_params(kept.later_rows) == LaterRows(
        3, today() + timedelta(weeks=1), today() + timedelta(weeks=3)
    )
    source_services.attach_source(  # the next refresh keeps every row: nothing left out to say
        actor=members["editor"], kpi=kpi, upload=plan_csv(past=2, later=0), query=PLAN_QUERY
    )
    assert KPISource.objects.get(kpi=kpi).later_rows == {}
    block = _source_block(client, language)
    assert said not in block and "source-left-out" not in block


def test_a_refresh_jalon_worker_runs_on_schedule_keeps_the_rows_left_out_for_the_page(
    kpi: KPI, client: Client, members: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from jalon.cli import app

    source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=plan_csv(past=2, later=0), query=PLAN_QUERY
    )
    assert KPISource.objects.get(kpi=kpi).later_rows == {}
    source = KPISource.objects.get(kpi=kpi)  # the same file, now a plan with three weeks to come
    source_services.source_file(source).write_bytes(plan_csv(past=2, later=3).read())
    KPISource.objects.filter(kpi=kpi).update(refreshed_at=None)  # never refreshed: due at once
    monkeypatch.setenv("JALON_LANGUAGE", "en")
    outcome = CliRunner().invoke(app, ["worker", "--once"])
    assert outcome.exit_code == 0, outcome.output
    assert _said("en") in outcome.output
    assert KPISource.objects.get(kpi=kpi).later_rows["count"] == 3
    client.force_login(members["viewer"])
    assert _said("en") in _source_block(client, "en")


def test_a_failed_refresh_keeps_the_last_refresh_s_rows_left_out_beside_its_error(
    kpi: KPI, client: Client, members: Any
) -> None:
    """The line belongs to the last refresh done (*last refreshed …*), which a failing one does not
    replace: its error is said, and the rows the one before left out still are."""
    from jalon.errors import ValidationFailed

    source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=plan_csv(past=2, later=3), query=PLAN_QUERY
    )
    source_services.source_file(KPISource.objects.get(kpi=kpi)).unlink()
    with pytest.raises(ValidationFailed):
        source_services.refresh_source(actor=members["editor"], kpi=kpi)
    client.force_login(members["viewer"])
    block = _source_block(client, "en")
    assert "errorlist" in block and _said("en") in block  # the error as kept, in the refresh's language


def test_the_roadmap_file_does_not_carry_the_rows_left_out_and_still_round_trips(
    kpi: KPI, members: Any
) -> None:
    from jalon.documents.services import export_roadmap, import_roadmap
    from jalon.workspaces.models import Workspace

    source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=plan_csv(past=2, later=3), query=PLAN_QUERY
    )
    assert KPISource.objects.get(kpi=kpi).later_rows["count"] == 3
    for fmt in ("yaml", "json"):
        first = export_roadmap(actor=None, roadmap=kpi.roadmap, fmt=fmt)
        assert "later_rows" not in first and "plan.csv" in first  # the measurements' source, not the rows
        copy_in = Workspace.objects.create(slug=f"copie-{fmt}", name=f"Copie {fmt}")
        again = import_roadmap(actor=None, workspace=copy_in, text=first, fmt=fmt)
        assert export_roadmap(actor=None, roadmap=again, fmt=fmt) == first
        assert not KPISource.objects.filter(kpi__roadmap=again).exists()
