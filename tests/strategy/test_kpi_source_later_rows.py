"""A KPI source whose query returns rows dated after today (a plan's weeks to come, a budget's next
months): the refresh writes the rows up to today, leaves out the later ones and says so in words — how
many, their first and last day in the page's format — on the KPI's page, in the job's result and in
``jalon worker``'s line. Only a query with no row up to today is refused, in words."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from jalon.errors import ValidationFailed
from jalon.jobs import services as jobs
from jalon.jobs.models import Job, JobStatus
from jalon.strategy.kpis import source_services
from jalon.strategy.kpis.source_services import LaterRows
from jalon.strategy.kpis.sources import run_query
from jalon.strategy.models import KPI, KPISource
from tests.engines.samples import CDNOW_SAMPLE
from tests.strategy.kpi_sources import kpi, worker_once
from tests.strategy.plan_csv import PLAN_QUERY, plan_csv, short_date, short_date_en, today

# The child's code run in this process, without a new interpreter's start (tests/strategy/conftest.py)
pytestmark = pytest.mark.usefixtures("source_in_this_process")

__all__ = ["kpi"]  # the fixture, shared with the sources' other tests

PAGE = "/w/cloud-kicks/r/cloud-kicks/kpis/"


def test_a_plan_with_weeks_to_come_keeps_the_weeks_up_to_today_and_counts_the_others(
    kpi: KPI, members: Any
) -> None:
    attached = source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=plan_csv(past=3, later=12), query=PLAN_QUERY
    )
    assert list(kpi.measurements.order_by("date").values_list("date", flat=True)) == [
        today() - timedelta(weeks=2), today() - timedelta(weeks=1), today()
    ]  # fmt: skip
    assert attached.refreshed is not None and attached.refreshed.count == 3
    weeks_to_come = LaterRows(12, today() + timedelta(weeks=1), today() + timedelta(weeks=12))
    assert attached.refreshed.later == weeks_to_come
    assert KPISource.objects.get(kpi=kpi).error == ""
    again = source_services.refresh_source(actor=members["editor"], kpi=kpi)  # as the attachment
    assert (again.replaced, again.later) == (3, attached.refreshed.later)


def test_the_rows_left_out_are_said_in_french_and_english_with_the_pages_dates() -> None:
    later = LaterRows(12, date(2026, 12, 7), date(2027, 2, 28))
    with translation.override("fr"):
        assert later.words() == (
            "12 lignes datées après aujourd’hui ont été laissées de côté\u00a0: du 07/12/2026 au 28/02/2027."
        )
        assert LaterRows(1, date(2026, 12, 7), date(2026, 12, 7)).words() == (
            "1 ligne datée après aujourd’hui a été laissée de côté\u00a0: le 07/12/2026."
        )
    with translation.override("en"):
        assert later.words() == "12 rows dated after today were left out: 7 Dec 2026 to 28 Feb 2027."


def test_the_cdnow_orders_moved_to_end_after_today_keep_their_past_weeks(kpi: KPI, members: Any) -> None:
    """The CDNOW sample's weekly revenue, its days moved so that its last orders fall after today."""
    shift = (today() - date(1997, 1, 20)).days  # the sample's orders run from 1 to about 31 January 1997
    query = f"""
        select date_trunc('week', strptime(cast(date as varchar), '%Y%m%d'))::date + {shift} as week,
               sum(dollar_value)
        from data group by week order by week
    """
    upload = SimpleUploadedFile("orders.txt", CDNOW_SAMPLE.read_bytes())
    attached = source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload, query=query)
    assert attached.refreshed is not None and attached.refreshed.later is not None
    weeks = run_query(CDNOW_SAMPLE, query)
    written = list(kpi.measurements.order_by("date").values_list("date", flat=True))
    assert written == [day for day, _value in weeks if day <= today()] and len(written) >= 2
    assert attached.refreshed.later.count == len(weeks) - len(written) >= 1
    assert attached.refreshed.later.last == weeks[-1][0]


def test_a_query_with_no_row_up_to_today_is_refused_in_words_and_changes_nothing(
    kpi: KPI, members: Any
) -> None:
    with translation.override("en"), pytest.raises(ValidationFailed) as error:
        source_services.attach_source(
            actor=members["editor"], kpi=kpi, upload=plan_csv(past=0, later=2), query=PLAN_QUERY
        )
    words = " ".join(m for messages in error.value.errors.values() for m in messages)
    assert "Every row of the query is dated after today" in words
    assert short_date_en(today() + timedelta(weeks=2)) in words
    assert not kpi.measurements.exists() and not KPISource.objects.filter(kpi=kpi).exists()


def test_the_kpi_page_says_which_rows_were_left_out(kpi: KPI, client: Client, members: Any) -> None:
    client.force_login(members["editor"])
    shown = client.post(
        f"{PAGE}revenue/source/", {"file": plan_csv(past=2, later=3), "query": PLAN_QUERY}, follow=True
    )
    page = shown.content.decode().replace("\u202f", " ")
    assert "Actualisé\u00a0: 2 mesures" in page
    first, last = today() + timedelta(weeks=1), today() + timedelta(weeks=3)
    assert _left_out_in_french(first, last) in page


def test_the_refresh_job_keeps_the_rows_left_out_in_its_result_and_its_page_says_them(
    kpi: KPI, client: Client, members: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=plan_csv(past=2, later=3), query=PLAN_QUERY
    )
    monkeypatch.setattr(source_services, "BACKGROUND_FROM_BYTES", 0)
    client.force_login(members["editor"])
    started = client.post(f"{PAGE}revenue/source/", {"refresh_only": "1"})
    job_id = int(started["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert jobs.run_job(job_id)
    job = Job.objects.get(pk=job_id)
    first, last = today() + timedelta(weeks=1), today() + timedelta(weeks=3)
    assert job.status == JobStatus.DONE
    assert job.result_data["later"] == {"count": 3, "first": first.isoformat(), "last": last.isoformat()}
    page = client.get(started["Location"], follow=True).content.decode()
    assert _left_out_in_french(first, last) in page


def _left_out_in_french(first: date, last: date) -> str:
    said = "3 lignes datées après aujourd’hui ont été laissées de côté\u00a0: du {} au {}."
    return said.format(short_date(first), short_date(last))


def test_jalon_worker_says_which_rows_it_left_out(
    kpi: KPI, members: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from jalon.cli import app

    source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=plan_csv(past=2, later=3), query=PLAN_QUERY
    )
    KPISource.objects.filter(kpi=kpi).update(refreshed_at=None)  # never refreshed: due at once
    monkeypatch.setenv("JALON_LANGUAGE", "en")
    outcome = CliRunner().invoke(app, ["worker", "--once"])
    assert outcome.exit_code == 0, outcome.output
    first, last = today() + timedelta(weeks=1), today() + timedelta(weeks=3)
    assert (
        f"KPI Revenue: 2 measurements refreshed from its source. 3 rows dated after today were left out: "
        f"{short_date_en(first)} to {short_date_en(last)}."
    ) in outcome.output


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "KPI Revenue: 1 measurement refreshed from its source. 1 row"),
        ("fr", "Indicateur Revenue : 1 mesure actualisée depuis sa source. 1 ligne"),
    ],
)
def test_jalon_worker_counts_one_measurement_in_the_singular(
    kpi: KPI, members: Any, monkeypatch: pytest.MonkeyPatch, language: str, said: str
) -> None:
    from typer.testing import CliRunner

    from jalon.cli import app

    source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=plan_csv(past=1, later=1), query=PLAN_QUERY
    )
    KPISource.objects.filter(kpi=kpi).update(refreshed_at=None)  # never refreshed: due at once
    monkeypatch.setenv("JALON_LANGUAGE", language)
    outcome = CliRunner().invoke(app, ["worker", "--once"])
    assert outcome.exit_code == 0, outcome.output
    assert said in outcome.output.replace("\u202f", " ").replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("language", "said"),
    [
        ("en", "Refreshed: 2 measurements from the query. 3 rows dated after today were left out: {} to {}."),
        (
            "fr",
            "Actualisé : 2 mesures tirées de la requête. 3 lignes datées après aujourd’hui ont été"
            " laissées de côté : du {} au {}.",
        ),
    ],
)
def test_jalon_worker_says_what_a_finished_refresh_job_did_as_the_kpi_page_does(
    kpi: KPI, members: Any, monkeypatch: pytest.MonkeyPatch, language: str, said: str
) -> None:
    """A source's refresh run by ``jalon worker`` as a job: its line said only "Done."; it now says the
    sentence the KPI's page shows — the measurements written, the rows left out — in the command's
    language, whatever the language the job was started in."""
    source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=plan_csv(past=2, later=3), query=PLAN_QUERY
    )
    other = "fr" if language == "en" else "en"
    job, output = worker_once(kpi, members["editor"], other, language, monkeypatch)
    first, last = today() + timedelta(weeks=1), today() + timedelta(weeks=3)
    short = short_date_en if language == "en" else short_date
    line = next(line for line in output.splitlines() if f"{job} (kpi_source)" in line)
    assert said.format(short(first), short(last)) in line.replace("\u202f", " ").replace("\xa0", " ")
