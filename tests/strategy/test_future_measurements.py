"""A measurement is an observation: one dated after today (the site's day, ``timezone.localdate``) is a
typing error (2107 for 2017) and is refused in words naming the date and today, whichever way it comes: the
form, a correction, a paste or a file (the whole table, naming the rows), a roadmap file
(``tests/documents/test_file_rules.py``); a data-file source leaves such rows out and says so. A kept
version restored and a copy carry what a roadmap held and are not refused."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone, translation

from jalon.errors import ValidationFailed
from jalon.strategy import services
from jalon.strategy.kpis import services as measurements
from jalon.strategy.kpis import source_services
from jalon.strategy.models import KPI
from tests.factories import make_roadmap


@pytest.fixture
def kpi(team: Any) -> KPI:
    roadmap = make_roadmap(team.workspace, team.owner, title="Plan")
    return services.create_kpi(
        actor=team.owner, roadmap=roadmap, key="rate", name="Rate", frequency="monthly"
    )


def today() -> date:
    return timezone.localdate()


def reasons(error: pytest.ExceptionInfo[ValidationFailed]) -> str:
    return " ".join(m for messages in error.value.errors.values() for m in messages)


def test_a_measurement_dated_today_is_kept(kpi: KPI, team: Any) -> None:
    services.add_measurement(actor=team.owner, kpi=kpi, date=today(), value=2.0)
    assert kpi.measurements.get().date == today()


def test_a_typed_measurement_dated_after_today_is_refused_naming_the_date_and_today(
    kpi: KPI, team: Any
) -> None:
    typo = date(2107, 3, 1)
    with translation.override("fr"), pytest.raises(ValidationFailed) as error:
        services.add_measurement(actor=team.owner, kpi=kpi, date=typo, value=2.0)
    assert "1er mars 2107" in reasons(error) and str(today().year) in reasons(error)
    assert list(error.value.errors) == ["date"]
    with translation.override("en"), pytest.raises(ValidationFailed) as error:
        services.add_measurement(actor=team.owner, kpi=kpi, date=today() + timedelta(days=1), value=2.0)
    assert "in the future (today is" in reasons(error)
    assert not kpi.measurements.exists()


def test_a_measurement_cannot_be_corrected_onto_a_day_after_today(kpi: KPI, team: Any) -> None:
    kept = services.add_measurement(actor=team.owner, kpi=kpi, date=today(), value=2.0)
    with pytest.raises(ValidationFailed):
        measurements.update_measurement(actor=team.owner, measurement=kept, date=date(2107, 1, 1), value=2.0)
    kept.refresh_from_db()
    assert kept.date == today()


def test_a_pasted_table_with_a_day_after_today_is_refused_whole_naming_the_row(kpi: KPI, team: Any) -> None:
    rows = [(today() - timedelta(days=30), 1.0), (date(2107, 1, 1), 2.0), (today(), 3.0)]
    with translation.override("en"), pytest.raises(ValidationFailed) as error:
        measurements.add_measurements(actor=team.owner, kpi=kpi, rows=rows)
    assert "1 January 2107" in reasons(error)
    assert not kpi.measurements.exists()


def test_a_source_whose_rows_go_past_today_keeps_the_rows_up_to_today_and_leaves_out_the_others(
    kpi: KPI, team: Any, settings: Any, tmp_path: Any
) -> None:
    """A source's file is often a plan with days to come: its later rows are left out and counted (the
    words are tested in test_kpi_source_later_rows), never written as measurements."""
    settings.MEDIA_ROOT = tmp_path
    data = f"day;value\n{today().isoformat()};1\n2107-01-01;2\n".encode()
    attached = source_services.attach_source(
        actor=team.owner, kpi=kpi, upload=SimpleUploadedFile("data.csv", data),
        query="select day::date, value from data",
    )  # fmt: skip
    assert list(kpi.measurements.values_list("date", "value")) == [(today(), 1.0)]
    assert attached.refreshed is not None and attached.refreshed.later is not None
    assert (attached.refreshed.later.count, attached.refreshed.later.first) == (1, date(2107, 1, 1))


def test_a_roadmap_holding_a_measurement_after_today_can_still_be_copied_with_it(kpi: KPI, team: Any) -> None:
    from jalon.documents.services import copy_roadmap
    from jalon.strategy.models import Measurement

    Measurement.objects.create(kpi=kpi, date=date(2107, 1, 1), value=2.0)  # kept from before the rule
    copy = copy_roadmap(actor=team.owner, roadmap=kpi.roadmap, title="Plan again", measurements=True)
    assert list(Measurement.objects.filter(kpi__roadmap=copy).values_list("date", flat=True)) == [
        date(2107, 1, 1)
    ]
