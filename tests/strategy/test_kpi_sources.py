"""KPI sources: a data file and a DuckDB query; weekly revenue and weekly active customers from CDNOW;
the query reads nothing but its own table; errors in words; editors only."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from jalon.errors import ValidationFailed
from jalon.strategy import services
from jalon.strategy.kpis import source_services
from jalon.strategy.kpis.source_services import SourceOutcome
from jalon.strategy.kpis.sources import SourceError, run_query
from jalon.strategy.models import KPI, KPISource
from jalon.workspaces.permissions import Forbidden
from tests.engines.samples import CDNOW_SAMPLE
from tests.strategy import kpi_sources
from tests.strategy.kpi_sources import WEEKLY_ACTIVE, WEEKLY_REVENUE, upload

# The child's code run in this process, without a new interpreter's start (tests/strategy/conftest.py)
pytestmark = pytest.mark.usefixtures("source_in_this_process")

# The fixtures from kpi_sources.py that these tests ask for, bound here for pytest to find them by name.
kpi = kpi_sources.kpi

ROOT = Path(__file__).resolve().parents[2]
CDNOW_FULL = ROOT / ".." / "shared" / "data" / "cdnow" / "CDNOW_master.txt"


def test_weekly_revenue_is_computed_from_the_cdnow_orders() -> None:
    rows = run_query(CDNOW_SAMPLE, WEEKLY_REVENUE)
    assert rows[0][0] == date(1996, 12, 30)  # the Monday of the week of 1 January 1997
    assert all(day.weekday() == 0 for day, _value in rows)
    assert rows[0][1] > 0


def test_weekly_active_customers_are_counted_once_per_week() -> None:
    rows = run_query(CDNOW_SAMPLE, WEEKLY_ACTIVE)
    assert all(float(value).is_integer() for _day, value in rows)
    orders = len(CDNOW_SAMPLE.read_text().splitlines()) - 1
    assert rows[0][1] <= sum(1 for line in CDNOW_SAMPLE.read_text().splitlines() if " 1997010" in line)
    assert sum(value for _day, value in rows) <= orders


@pytest.mark.skipif(not CDNOW_FULL.exists(), reason="the shared CDNOW data set is not here")
def test_the_whole_cdnow_file_gives_78_weeks_of_revenue() -> None:
    rows = run_query(CDNOW_FULL, WEEKLY_REVENUE)
    assert len(rows) == 79 and round(sum(v for _d, v in rows)) == 2500316


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("select * from read_csv('/etc/passwd')", "cannot open other files"),
        ("SET enable_external_access = true", "cannot change DuckDB’s settings"),
        ("select 1, 2; drop table data", "one query"),
        ("select 1", "two columns"),
        ("select 'hier', 1", "not a date"),
        ("select current_date, 'beaucoup'", "not a number"),
        ("select nothing from data", "no column “nothing”"),
    ],
)
def test_a_query_that_reaches_out_or_returns_the_wrong_shape_is_refused_in_words(
    query: str, words: str
) -> None:
    with translation.override("en"), pytest.raises(SourceError) as caught:
        run_query(CDNOW_SAMPLE, query)
    assert words in str(caught.value)


def test_a_misspelt_column_or_table_is_named_in_the_readers_language_with_the_files_columns() -> None:
    with translation.override("fr"), pytest.raises(SourceError) as caught:
        run_query(CDNOW_SAMPLE, "select date, sum(dolar_value) from data group by 1")
    assert _spaced(str(caught.value)) == (
        "La table n’a pas de colonne « dolar_value ». Ses colonnes : customer_id, date, number_of_cds, "
        "dollar_value."
    )
    with translation.override("en"), pytest.raises(SourceError) as caught:
        run_query(CDNOW_SAMPLE, "select date, dollar_value from orders")
    assert "the attached file is the table named data (write FROM data)" in str(caught.value)
    with translation.override("fr"), pytest.raises(SourceError) as caught:
        run_query(CDNOW_SAMPLE, "selct date, dollar_value from data")  # where the syntax breaks, in French
    assert _spaced(str(caught.value)).startswith(
        "La syntaxe de la requête casse près de « selct » à la ligne 1"
    )
    assert caught.value.messages() == [str(caught.value)]  # DuckDB's own line only in the log


def _spaced(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").replace("\u202f", " ").split())


def test_an_xlsx_source_is_read_through_jalons_reader(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["jour", "ventes"])
    sheet.append([date(2026, 1, 5), 10])
    sheet.append([date(2026, 1, 12), 12.5])
    path = tmp_path / "ventes.xlsx"
    book.save(path)
    assert run_query(path, "select jour::date, ventes from data order by 1") == [
        (date(2026, 1, 5), 10.0), (date(2026, 1, 12), 12.5)
    ]  # fmt: skip


def test_attaching_a_source_keeps_the_file_and_refresh_writes_the_measurements(
    kpi: KPI, members: Any
) -> None:
    source = source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE
    ).source
    assert source.stored_path.startswith(f"kpi-sources/{kpi.pk}/")  # relative to the uploads folder
    assert source_services.source_file(source).read_bytes() == CDNOW_SAMPLE.read_bytes()
    with translation.override("fr"):  # refreshed from a French page, read on an English one too
        outcome = source_services.refresh_source(actor=members["editor"], kpi=kpi)
    assert (
        outcome.added == 0 and outcome.replaced == kpi.measurements.count() > 0
    )  # the attachment wrote them
    assert KPISource.objects.get(pk=source.pk).refreshed_at is not None
    assert set(kpi.measurements.values_list("source", flat=True)) == {source.file_name}


@pytest.fixture
def query_runs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The queries the source services run, in order (a spy on run_query)."""
    runs: list[str] = []

    def counted(path: Path, query: str, **kwargs: Any) -> list[tuple[date, float]]:
        runs.append(query)
        return run_query(path, query, **kwargs)

    monkeypatch.setattr(source_services, "run_query", counted)
    return runs


def test_a_new_file_is_queried_once_and_its_rows_are_the_measurements(
    kpi: KPI, members: Any, query_runs: list[str]
) -> None:
    attached = source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE
    )
    assert query_runs == [WEEKLY_REVENUE]
    assert attached.refreshed is not None and attached.refreshed.added == kpi.measurements.count() > 0
    assert _measured(kpi) == run_query(CDNOW_SAMPLE, WEEKLY_REVENUE)
    assert KPISource.objects.get(kpi=kpi).refreshed_at is not None


def test_the_kpi_page_queries_a_new_file_once_and_shows_the_measurements_written(
    kpi: KPI, client: Client, members: Any, query_runs: list[str]
) -> None:
    client.force_login(members["editor"])
    url = "/w/cloud-kicks/r/cloud-kicks/kpis/revenue/source/"
    page = client.post(url, {"file": upload(), "query": WEEKLY_ACTIVE}, follow=True)
    count = kpi.measurements.count()
    assert query_runs == [WEEKLY_ACTIVE] and count > 0
    assert f"Actualisé\u00a0: {count} mesures" in page.content.decode().replace("\u202f", " ")
    assert client.post(url, {"query": WEEKLY_REVENUE}).status_code == 302  # the query only: run once too
    assert query_runs == [WEEKLY_ACTIVE, WEEKLY_REVENUE]


def test_a_failing_refresh_keeps_the_measurements_and_the_error(kpi: KPI, members: Any) -> None:
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    source_services.refresh_source(actor=members["editor"], kpi=kpi)
    before = kpi.measurements.count()
    KPISource.objects.filter(kpi=kpi).update(query="select 1")  # a kept query that fails now
    with translation.override("en"), pytest.raises(ValidationFailed):
        source_services.refresh_source(actor=members["editor"], kpi=kpi)
    assert kpi.measurements.count() == before
    assert "two columns" in KPISource.objects.get(kpi=kpi).error


def test_a_source_is_read_from_the_current_uploads_folder_after_the_home_moved(
    kpi: KPI, members: Any, settings: Any, tmp_path: Path
) -> None:
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    moved = tmp_path / "moved" / "uploads"
    moved.mkdir(parents=True)
    (tmp_path / "kpi-sources").rename(moved / "kpi-sources")  # the old home's folder is gone
    settings.MEDIA_ROOT = moved
    assert source_services.refresh_source(actor=members["editor"], kpi=kpi).replaced > 0


@pytest.mark.parametrize(
    "stored", ["../outside.txt", "kpi-sources/../../outside.txt", "/etc/passwd", "", "kpi-sources\\x.csv"]
)
def test_a_stored_name_leading_out_of_the_uploads_folder_is_refused_in_words(
    kpi: KPI, members: Any, tmp_path: Path, stored: str
) -> None:
    (tmp_path.parent / "outside.txt").write_text("date,value\n2026-01-05,1\n")
    KPISource.objects.create(kpi=kpi, file_name="x.csv", stored_path=stored, query="select * from data")
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        source_services.refresh_source(actor=members["editor"], kpi=kpi)
    assert "not in the uploads folder" in str(caught.value.errors["query"][0])
    assert kpi.measurements.count() == 0
    assert not source_services.refreshes_in_background(kpi)


def test_a_missing_data_file_fails_the_refresh_in_words(kpi: KPI, members: Any) -> None:
    source = source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE
    ).source
    source_services.source_file(source).unlink()
    with translation.override("en"), pytest.raises(ValidationFailed):
        source_services.refresh_source(actor=members["editor"], kpi=kpi)
    with translation.override("en"):
        said = source_services.last_error(KPISource.objects.get(kpi=kpi))
    assert said == "The data file orders.txt is missing; attach it again."


def test_a_viewer_cannot_attach_or_refresh_a_source(kpi: KPI, members: Any) -> None:
    with pytest.raises(Forbidden):
        source_services.attach_source(actor=members["viewer"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    source_services.attach_source(actor=members["owner"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    with pytest.raises(Forbidden):
        source_services.refresh_source(actor=members["viewer"], kpi=kpi)


def test_the_kpi_page_attaches_a_source_and_shows_a_bad_query_in_words(
    kpi: KPI, client: Client, members: Any
) -> None:
    client.force_login(members["editor"])
    url = "/w/cloud-kicks/r/cloud-kicks/kpis/revenue/source/"
    bad = client.post(url, {"file": upload(), "query": "select * from read_csv('/etc/passwd')"})
    assert bad.status_code == 422 and "Rien n’a été actualisé" in bad.content.decode()
    assert "read_csv(&#x27;/etc/passwd&#x27;)" in bad.content.decode()  # the typed query, to mend
    assert not kpi.measurements.exists() and not KPISource.objects.filter(kpi=kpi).exists()
    good = client.post(url, {"file": upload(), "query": WEEKLY_ACTIVE})
    assert good.status_code == 302
    assert kpi.measurements.exists()


IN_EIGHT_DAYS = date.today() + timedelta(days=8)  # a weekly KPI refreshed today is due again by then


def test_sources_are_refreshed_on_their_kpis_frequency(kpi: KPI, members: Any) -> None:
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    assert source_services.refresh_due_sources() == []  # refreshed today by its attachment: not due
    due = source_services.refresh_due_sources(today=IN_EIGHT_DAYS)
    assert [(r.kpi.key, r.error) for r in due] == [("revenue", "")] and due[0].measurements > 0
    KPISource.objects.filter(kpi=kpi).update(refreshed_at=None)  # never refreshed: due at once
    assert [r.kpi.key for r in source_services.refresh_due_sources()] == ["revenue"]


def test_a_due_source_whose_query_fails_is_reported_not_raised(kpi: KPI, members: Any) -> None:
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    before = _measured(kpi)
    KPISource.objects.filter(kpi=kpi).update(query="select 1")  # a kept query that fails now
    with translation.override("en"):
        [refreshed] = source_services.refresh_due_sources(today=IN_EIGHT_DAYS)
    assert "two columns" in refreshed.error and _measured(kpi) == before


def test_an_unexpected_fault_in_one_source_is_reported_and_the_others_are_still_refreshed(
    kpi: KPI, members: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    other = KPI.objects.exclude(pk=kpi.pk).filter(roadmap=kpi.roadmap).first()
    assert other is not None
    for each in (kpi, other):
        source_services.attach_source(
            actor=members["editor"], kpi=each, upload=upload(), query=WEEKLY_REVENUE
        )
    real = source_services.refresh_source

    def broken_for_the_first(*, actor: Any, kpi: KPI) -> Any:
        if kpi.pk == other.pk:
            raise OSError("disk unplugged")
        return real(actor=actor, kpi=kpi)

    monkeypatch.setattr(source_services, "refresh_source", broken_for_the_first)
    KPISource.objects.update(refreshed_at=None)  # both never refreshed: due at once
    with translation.override("en"):
        outcome = {r.kpi.pk: r for r in source_services.refresh_due_sources()}
    assert "failed unexpectedly" in outcome[other.pk].error and outcome[other.pk].measurements == 0
    assert outcome[kpi.pk].error == "" and outcome[kpi.pk].measurements > 0


def test_a_source_with_a_cell_over_the_csv_limit_is_refused_in_words(tmp_path: Path) -> None:
    path = tmp_path / "orders.csv"
    path.write_text("date,value\n2026-01-05," + "9" * 200_000 + "\n", encoding="utf-8")
    with translation.override("fr"), pytest.raises(SourceError) as caught:
        run_query(path, "select * from data")
    assert "131\u202f072" in str(caught.value)
    assert str(caught.value).startswith("Une cellule")


def _measured(kpi: KPI) -> list[tuple[date, float]]:
    return list(kpi.measurements.order_by("date").values_list("date", "value"))


def _uploaded_files(folder: Path) -> list[Path]:
    return [path for path in (folder / "kpi-sources").rglob("*") if path.is_file()]


BAD_FILES = [
    ("orders.parquet", b"PAR1 this is not a parquet file", "not a readable Parquet file"),
    ("orders.csv", b"name;colour\nrouge;red\n", "no column “date”. Its columns: name, colour."),
]


def _working_source(kpi: KPI, editor: Any) -> KPISource:
    """The CDNOW sample attached with the weekly revenue query: its measurements are written at once."""
    source = source_services.attach_source(actor=editor, kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    assert source.refreshed is not None and source.refreshed.added > 0
    return source.source


@pytest.mark.parametrize(("name", "content", "words"), BAD_FILES)
def test_a_bad_file_replacing_a_working_source_changes_nothing_and_is_not_kept(
    kpi: KPI, members: Any, tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    editor = members["editor"]
    source = _working_source(kpi, editor)
    before, old_file = _measured(kpi), source_services.source_file(source)
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        source_services.attach_source(
            actor=editor, kpi=kpi, upload=SimpleUploadedFile(name, content), query=WEEKLY_ACTIVE
        )
    assert words in str(caught.value.errors["query"][0])
    kept = KPISource.objects.get(kpi=kpi)
    assert (kept.file_name, kept.stored_path, kept.query) == (
        "orders.txt",
        source.stored_path,
        WEEKLY_REVENUE,
    )
    assert old_file.read_bytes() == CDNOW_SAMPLE.read_bytes()
    assert _uploaded_files(tmp_path) == [old_file]  # the bad file left the uploads folder
    assert _measured(kpi) == before
    assert source_services.refresh_source(actor=editor, kpi=kpi).replaced == len(before)


@pytest.mark.parametrize(("name", "content", "words"), BAD_FILES)
def test_a_bad_first_file_leaves_no_source_and_no_file(
    kpi: KPI, members: Any, tmp_path: Path, name: str, content: bytes, words: str
) -> None:
    with translation.override("en"), pytest.raises(ValidationFailed) as caught:
        source_services.attach_source(
            actor=members["editor"], kpi=kpi, upload=SimpleUploadedFile(name, content), query=WEEKLY_REVENUE
        )
    assert words in str(caught.value.errors["query"][0])
    assert not KPISource.objects.filter(kpi=kpi).exists()
    assert _uploaded_files(tmp_path) == []


def test_a_good_replacement_removes_the_old_file_once_committed_and_refreshes_from_the_new_one(
    kpi: KPI, members: Any, django_capture_on_commit_callbacks: Any
) -> None:
    editor = members["editor"]
    source = _working_source(kpi, editor)
    old_file = source_services.source_file(source)
    new = SimpleUploadedFile("weekly.csv", b"day,amount\n2026-01-05,7\n")
    with django_capture_on_commit_callbacks(execute=True):
        replaced = source_services.attach_source(
            actor=editor, kpi=kpi, upload=new, query="select cast(day as date), amount from data"
        )
        assert old_file.is_file()  # not before the transaction commits
    assert not old_file.exists()
    assert source_services.source_file(replaced.source).read_bytes() == b"day,amount\n2026-01-05,7\n"
    assert replaced.refreshed == SourceOutcome(added=1, replaced=0)
    assert (date(2026, 1, 5), 7.0) in _measured(kpi)  # written with the attachment, no refresh needed


def test_the_kpi_page_shows_a_bad_replacement_in_words_and_keeps_the_working_source(
    kpi: KPI, client: Client, members: Any
) -> None:
    client.force_login(members["editor"])
    url = "/w/cloud-kicks/r/cloud-kicks/kpis/revenue/source/"
    assert client.post(url, {"file": upload(), "query": WEEKLY_REVENUE}).status_code == 302
    before = _measured(kpi)
    garbage = SimpleUploadedFile("orders.parquet", b"not a parquet file")
    bad = client.post(url, {"file": garbage, "query": WEEKLY_REVENUE})
    assert bad.status_code == 422 and "Rien n’a été actualisé" in bad.content.decode()
    assert "orders.txt" in bad.content.decode()  # the page still names the working file
    assert KPISource.objects.get(kpi=kpi).file_name == "orders.txt" and _measured(kpi) == before
    assert client.post(url, {"refresh_only": "1"}).status_code == 302


def test_a_refresh_with_a_row_beyond_the_kpi_s_typed_range_writes_nothing_and_names_the_day(
    kpi: KPI, members: Any
) -> None:
    source_services.attach_source(actor=members["editor"], kpi=kpi, upload=upload(), query=WEEKLY_REVENUE)
    written = kpi.measurements.count()
    top = max(kpi.measurements.values_list("value", flat=True))
    services.update_kpi(
        actor=members["owner"], kpi=kpi, expected_version=kpi.version, changes={"highest_possible": top}
    )
    kpi.refresh_from_db()
    # the file grows a week above the range: the whole refresh is refused, that week named
    doubled = WEEKLY_REVENUE.replace("sum(dollar_value)", "sum(dollar_value) * 2")
    KPISource.objects.filter(kpi=kpi).update(query=doubled)
    with translation.override("en"), pytest.raises(ValidationFailed) as refused:
        source_services.refresh_source(actor=members["editor"], kpi=kpi)
    said = refused.value.errors["value"]
    assert said and all(
        re.fullmatch(r"\d+ \w+ 199\d: .+: outside this KPI's possible values \(at most .+\)", m) for m in said
    )
    assert kpi.measurements.count() == written
    assert max(kpi.measurements.values_list("value", flat=True)) == top
    with translation.override("en"):  # the KPI's page shows why
        assert source_services.last_error(KPISource.objects.get(kpi=kpi)) == " ".join(said)
