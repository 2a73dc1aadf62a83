"""A KPI's forecast is stored when its data change (``kpis.forecast_store``), and a page reads it instead of
computing it: the figures are those a fresh computation gives after every write path (a measurement added,
corrected, deleted, several at once as a KPI source's refresh writes them, a target changed, a roadmap
imported, copied or put back as it was by the history's undo), and a stored forecast is never shown for data
it was not computed from."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import timedelta
from typing import Any

import pytest

from jalon.accounts.models import User
from jalon.documents.services import copy_roadmap, export_roadmap, import_roadmap, restore_version
from jalon.engines import forecast as engine
from jalon.history.models import RoadmapVersion
from jalon.jobs import runner
from jalon.jobs.models import Job
from jalon.jobs.services import run_queued
from jalon.strategy import queries
from jalon.strategy import services as strategy
from jalon.strategy.kpis import forecast_store, forecasting
from jalon.strategy.kpis import services as measurements
from jalon.strategy.models import KPI, Measurement, Roadmap, StoredForecast

KEY = "taux-conversion"


@pytest.fixture
def forgotten() -> Iterator[None]:
    """Each forecast read as a new server process would: nothing remembered in this one."""
    forecasting.FORECASTS.clear()
    yield
    forecasting.FORECASTS.clear()


def _kpi(roadmap: Roadmap, key: str = KEY) -> KPI:
    return queries.kpis_with_measurements(roadmap).get(key=key)


def _stored_is_fresh(roadmap: Roadmap, key: str = KEY) -> engine.Result | None:
    """The stored forecast of the KPI, checked against the engine's answer computed now; that answer."""
    kpi = _kpi(roadmap, key)
    inputs = forecasting.inputs_of(kpi)
    assert inputs is not None
    row = StoredForecast.objects.get(kpi=kpi)
    assert row.key == inputs.digest  # stored by the write, ahead of any view
    fresh = forecasting.computed(inputs)
    assert fresh is not None and fresh.probability is not None
    assert row.result is not None and engine.Result.from_json(row.result) == fresh  # the same numbers
    forecasting.FORECASTS.clear()
    assert forecasting.kpi_forecast(_kpi(roadmap, key)) == fresh  # what the pages show
    return fresh


def _last(kpi: KPI) -> Measurement:
    last = kpi.measurements.order_by("-date").first()
    assert last is not None
    return last


def _add(owner: User, kpi: KPI) -> None:
    last = _last(kpi)
    strategy.add_measurement(actor=owner, kpi=kpi, date=last.date + timedelta(days=1), value=last.value * 1.4)


def _edit(owner: User, kpi: KPI) -> None:
    last = _last(kpi)
    measurements.update_measurement(actor=owner, measurement=last, date=last.date, value=last.value * 0.6)


def _delete(owner: User, kpi: KPI) -> None:
    measurements.delete_measurement(actor=owner, measurement=_last(kpi))


def _delete_through_the_roadmap_service(owner: User, kpi: KPI) -> None:
    strategy.delete_measurement(actor=owner, measurement=_last(kpi))


def _several(owner: User, kpi: KPI) -> None:  # a KPI source's refresh writes its rows this way
    last = _last(kpi)
    rows = [(last.date + timedelta(days=n), last.value * (1 + n / 10)) for n in (1, 2)]
    measurements.add_measurements(actor=owner, kpi=kpi, rows=rows, source="file")


def _target(owner: User, kpi: KPI) -> None:
    target = (kpi.target or _last(kpi).value) * 1.3
    strategy.update_kpi(actor=owner, kpi=kpi, expected_version=kpi.version, changes={"target": target})


WRITES: dict[str, Callable[[User, KPI], None]] = {
    "measurement added": _add,
    "measurement corrected": _edit,
    "measurement deleted": _delete,
    "measurement deleted from the roadmap's services": _delete_through_the_roadmap_service,
    "measurements added at once": _several,
    "target changed": _target,
}


@pytest.mark.parametrize("write", WRITES, ids=list(WRITES))
def test_a_write_stores_the_forecast_a_fresh_computation_gives(
    write: str, members: dict[str, Any], demo: Any, forgotten: None, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        before = _stored_or_made(demo.roadmap)
    with django_capture_on_commit_callbacks(execute=True):
        WRITES[write](members["owner"], _kpi(demo.roadmap))
    after = _stored_is_fresh(demo.roadmap)
    assert after != before  # the write changed the figures, and the stored ones followed


def _stored_or_made(roadmap: Roadmap) -> engine.Result | None:
    forecast_store.refresh_roadmap(roadmap)
    return _stored_is_fresh(roadmap)


def test_an_import_and_a_copy_store_their_kpis_forecasts(
    members: dict[str, Any], demo: Any, forgotten: None, django_capture_on_commit_callbacks: Any
) -> None:
    owner = members["owner"]
    text = export_roadmap(actor=owner, roadmap=demo.roadmap, fmt="yaml")
    with django_capture_on_commit_callbacks(execute=True):
        imported = import_roadmap(
            actor=owner, workspace=demo.workspace, text=text, fmt="yaml", replace=True, confirmed=True
        )
    original = _stored_is_fresh(imported)
    with django_capture_on_commit_callbacks(execute=True):
        copied = copy_roadmap(actor=owner, roadmap=imported, title="Copie", measurements=True)
    assert copied.pk != imported.pk
    assert _stored_is_fresh(copied) == original  # the same data, the same figures


def test_an_undo_from_the_history_stores_the_kpis_forecasts_of_the_roadmap_put_back(
    members: dict[str, Any], demo: Any, forgotten: None, django_capture_on_commit_callbacks: Any
) -> None:
    owner = members["owner"]
    with django_capture_on_commit_callbacks(execute=True):
        original = _stored_or_made(demo.roadmap)
        text = export_roadmap(actor=owner, roadmap=demo.roadmap, fmt="yaml")
        imported = import_roadmap(  # keeps the roadmap as it was: the version an undo puts back
            actor=owner, workspace=demo.workspace, text=text, fmt="yaml", replace=True, confirmed=True
        )
        _add(owner, _kpi(imported))  # a change after the import: other figures
    assert _stored_is_fresh(imported) != original
    versions = RoadmapVersion.objects.filter(workspace=demo.workspace, slug=imported.slug)
    kept = versions.latest("saved_at", "id")
    StoredForecast.objects.all().delete()  # only what the undo stores is read below
    with django_capture_on_commit_callbacks(execute=True):
        restored = restore_version(actor=owner, version=kept, confirmed=True)
    assert StoredForecast.objects.filter(kpi__roadmap=restored).exists()  # stored by the undo, not a view
    assert _stored_is_fresh(restored) == original  # the data put back, the figures put back


def test_a_roadmap_of_many_kpis_has_them_forecast_by_a_background_job(
    members: dict[str, Any], demo: Any, forgotten: None, django_capture_on_commit_callbacks: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.setattr(forecast_store, "MANY", 1)  # the demo's KPIs are "many"
    monkeypatch.setattr(runner, "wake", lambda: None)  # the job run below, in this test's transaction
    StoredForecast.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        forecast_store.after_commit(demo.roadmap)  # as an import or a copy does
    assert not StoredForecast.objects.exists()  # the request did not wait for them: a job is queued
    job = Job.objects.get(kind=forecast_store.JOB_KIND, roadmap=demo.roadmap)
    assert run_queued() == 1
    job.refresh_from_db()
    assert job.result_data["computed"] >= 1
    _stored_is_fresh(demo.roadmap)


def test_a_stored_forecast_is_never_shown_for_data_it_was_not_computed_from(
    demo: Any, forgotten: None
) -> None:
    forecast_store.refresh_roadmap(demo.roadmap)
    kpi = _kpi(demo.roadmap)
    last = _last(kpi)
    # changed behind the services' back (a hand-edited database, a write path that forgot to say so)
    Measurement.objects.filter(pk=last.pk).update(value=last.value * 2)
    forecasting.FORECASTS.clear()
    shown = forecasting.kpi_forecast(_kpi(demo.roadmap))
    inputs = forecasting.inputs_of(_kpi(demo.roadmap))
    assert inputs is not None and shown == forecasting.computed(inputs)
    assert StoredForecast.objects.get(kpi=kpi).key == inputs.digest  # and stored again for the next view


def test_a_forecast_stored_by_another_version_of_the_engine_is_computed_again(
    demo: Any, forgotten: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    forecast_store.refresh_roadmap(demo.roadmap)
    kpi = _kpi(demo.roadmap)
    before = StoredForecast.objects.get(kpi=kpi).key
    StoredForecast.objects.filter(kpi=kpi).update(result={"written by": "an older engine"})
    monkeypatch.setattr(forecasting, "ENGINE_CODE", "an upgraded engine")
    forecasting.FORECASTS.clear()  # a new server process, after the upgrade
    shown = forecasting.kpi_forecast(_kpi(demo.roadmap))  # not the old row: it would not even read
    inputs = forecasting.inputs_of(_kpi(demo.roadmap))
    assert inputs is not None and shown == forecasting.computed(inputs)
    row = StoredForecast.objects.get(kpi=kpi)
    assert row.key == inputs.digest != before and row.result == (shown.as_json() if shown else None)


@pytest.mark.parametrize("page", ["", "start/", "dashboard/", "executive/", "kpis/", "smart-check/"])
def test_a_first_view_computes_no_stored_forecast(
    page: str,
    client: Any,
    members: dict[str, Any],
    demo: Any,
    forgotten: None,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    forecast_store.refresh_roadmap(demo.roadmap)
    computed: list[Any] = []
    real = engine.forecast

    def counted(*args: Any, **kwargs: Any) -> engine.Result:
        computed.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(engine, "forecast", counted)
    forecasting.FORECASTS.clear()
    forecasting.COMBINED.clear()
    client.force_login(members["viewer"])
    assert client.get(f"/w/{demo.workspace.slug}/r/{demo.roadmap.slug}/{page}").status_code == 200
    assert computed == []  # every KPI's forecast read from the database, in the page's own queries
