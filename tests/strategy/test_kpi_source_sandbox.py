"""A KPI source's query runs in a child process capped in memory and time: a query that takes gigabytes
inside DuckDB (whatever its memory_limit says) is refused in words, fast, and the server's own memory does
not grow; a query DuckDB does not stop is killed; the page and the worker say both, changing nothing."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

from jalon.strategy.kpis import source_process, source_services
from jalon.strategy.kpis.sources import SourceError, run_query
from tests.strategy.test_kpi_source_hostile import GOOD, URL, cpu_spent, editor, saved

__all__ = ["editor"]  # the page's fixture: an editor whose KPI has a working source

# Every row's string differs: DuckDB took about 2 GB per chunk for about 50 s in the server's process.
BOMB = (
    "select date '2026-01-01' + (i % 300)::int as day, length(repeat('x', 1000000 + i))::double as v "
    "from range(20000) t(i)"
)
WORDS = {
    "en": "The query needed more memory than a source may use (1,024 MB) and was stopped",
    "fr": (
        "La requête a demandé plus de mémoire qu’une source ne peut en utiliser (1 024 Mo) et a été arrêtée"
    ),
}


def peak_memory_mb() -> float:
    """This process's peak resident memory since :func:`reset_peak` (Linux's VmHWM)."""
    with open("/proc/self/status") as status:
        return int(re.search(r"VmHWM:\s+(\d+)", status.read())[1]) / 1024  # type: ignore[index]


def reset_peak() -> None:
    with open("/proc/self/clear_refs", "w") as refs:
        refs.write("5")


def children() -> list[int]:
    """The processes this one started that are still there."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            found.append(int(stat.parent.name))
    return found


def words(error: SourceError) -> str:
    return " ".join(str(error).replace("\u00a0", " ").replace("\u202f", " ").split())


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "mesures.csv"
    path.write_bytes(GOOD)
    return path


@pytest.fixture(autouse=True)
def only_the_memory_cap_ends_the_bomb(settings: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The time limits are wall clock (a page's inline budget of 2 s, a source's 60 s), and not these tests'
    subject (test_kpi_source_inline.py and the killed query's test below prove them): on a loaded machine the
    bomb's 3 s of CPU took up to 70 s, and a limit ended it before the memory cap did (the page handed it to
    a job, the worker said it ran more than 60 seconds). Here they are ten minutes: the cap is the only end,
    and the first test bounds the child's CPU."""
    settings.JALON_SOURCE_SECONDS = 600
    monkeypatch.setattr(source_services, "INLINE_SECONDS", 600.0)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_query_taking_gigabytes_inside_duckdb_is_refused_in_words_fast_and_the_server_does_not_grow(
    good: Path, language: str
) -> None:
    reset_peak()
    before = peak_memory_mb()
    started = cpu_spent()
    with translation.override(language), pytest.raises(SourceError) as refused:
        run_query(good, BOMB)
    # About 50 s before, bounded only by the 60 s timer; 3 s of the child's CPU now. The CPU, not the wall
    # clock: on a loaded machine the same 3 s took 29 s of wall clock.
    assert cpu_spent() - started < 15
    assert peak_memory_mb() - before < 100  # about 2 GB before, in this process
    assert words(refused.value).startswith(WORDS[language])
    assert children() == []


def test_a_query_duckdb_does_not_stop_is_killed_and_refused_in_words(
    tmp_path: Path, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    # DuckDB's own interruption (at the limit, 60 s) is not waited for: the child is killed a second after
    # its file is read. Only the query's step is shortened, once the file is read: the file's step counts the
    # child's start too (a new interpreter, DuckDB's import), which took seconds on a loaded machine: with a
    # limit of 5 s the file's reading was refused instead. The bound below is half the child's own limit:
    # the parent's kill, not DuckDB's interruption, however loaded the machine.
    path = tmp_path / "mesures.csv"
    path.write_text("date;valeur\n" + "".join(f"{1 + n % 28:02d}/01/2026;{n}\n" for n in range(100)))
    settings.JALON_SOURCE_SECONDS = 60
    query_started: list[float] = []

    def query_starts() -> None:
        monkeypatch.setattr(source_process, "GRACE_SECONDS", -59.0)
        query_started.append(time.perf_counter())

    query = "select current_date, count(*) from data a, data b, data c, data d, data e"
    with translation.override("en"), pytest.raises(SourceError) as refused:
        run_query(path, query, loaded=query_starts)
    assert time.perf_counter() - query_started[0] < 30
    assert words(refused.value) == (
        "The query ran more than 60 seconds and was stopped: filter the table first (WHERE), or join it to "
        "itself less."
    )
    assert children() == []  # killed, and waited for


def test_a_plain_query_still_returns_its_rows_through_the_child(good: Path) -> None:
    assert [value for _day, value in run_query(good, "select date, valeur from data")] == [1.0, 2.0]
    assert children() == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_the_page_refuses_a_query_taking_gigabytes_in_words_and_keeps_everything(
    editor: Client, language: str
) -> None:
    before = saved()
    editor.cookies["jalon_language"] = language
    reset_peak()
    peak = peak_memory_mb()
    response = editor.post(URL, {"query": BOMB})
    assert response.status_code == 422
    page = " ".join(response.content.decode().replace("\u00a0", " ").replace("\u202f", " ").split())
    assert WORDS[language] in page
    assert peak_memory_mb() - peak < 100
    assert saved() == before


def test_the_worker_refuses_a_query_taking_gigabytes_in_words_and_writes_nothing(editor: Client) -> None:
    from jalon.strategy.models import KPISource

    KPISource.objects.filter(kpi__key="taux-conversion").update(query=BOMB, refreshed_at=None)
    before = saved()
    with translation.override("fr"):
        done = [d for d in source_services.refresh_due_sources() if d.kpi.key == "taux-conversion"]
    assert " ".join(done[0].error.replace("\u00a0", " ").replace("\u202f", " ").split()).startswith(
        WORDS["fr"]
    )
    assert saved() == before


def test_a_background_job_refuses_a_query_taking_gigabytes_in_words_and_writes_nothing(
    editor: Client, members: dict[str, Any]
) -> None:
    from jalon.jobs import services as jobs
    from jalon.jobs.models import JobStatus
    from jalon.strategy.kpis import source_jobs
    from jalon.strategy.models import KPI

    kpi = KPI.objects.get(key="taux-conversion")
    before = saved()
    reset_peak()
    peak = peak_memory_mb()
    job = jobs.start_job(
        kind=source_jobs.JOB_KIND, roadmap=kpi.roadmap, actor=members["editor"],
        params=source_jobs.job_params(kpi, "en", query=BOMB), inline=True,
    )  # fmt: skip
    assert job.status == JobStatus.FAILED
    with translation.override("en"):
        assert WORDS["en"] in " ".join(job.message_text.split())
    assert peak_memory_mb() - peak < 100
    assert saved() == before
