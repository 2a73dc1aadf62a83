"""A KPI source's error is kept as what it is (a message id and its parameters) and said in the language of
whoever reads it: the page's reader, the worker's terminal; never DuckDB's English nor a server's path."""

from __future__ import annotations

import html
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from jalon.accounts.models import User
from jalon.strategy.kpis import source_services
from jalon.strategy.kpis.sources import SourceError, run_query
from jalon.strategy.models import KPI, KPISource
from tests.strategy.kpi_sources import worker_once

# The child's code run in this process, without a new interpreter's start (tests/strategy/conftest.py)
pytestmark = pytest.mark.usefixtures("source_in_this_process")

KPI_PAGE = "/w/cloud-kicks/r/cloud-kicks/kpis/taux-conversion/"
URL = f"{KPI_PAGE}source/"
GOOD = b"date,valeur\n2026-01-05,1\n2026-01-12,2\n"


@pytest.fixture
def editor(client: Client, members: dict[str, Any], settings: Any, tmp_path: Path) -> Client:
    settings.MEDIA_ROOT = tmp_path / "uploads"
    client.force_login(members["editor"])
    sent = {"file": SimpleUploadedFile("mesures.csv", GOOD), "query": "select date, valeur from data"}
    assert client.post(URL, sent).status_code == 302
    return client


def _worker_refreshes(language: str, data: bytes, query: str | None = None) -> str:
    """``jalon worker``'s round in ``language`` over a source whose file became ``data``: its line."""
    source = KPISource.objects.get(kpi__key="taux-conversion")
    source_services.source_file(source).write_bytes(data)
    KPISource.objects.filter(pk=source.pk).update(refreshed_at=None, **({"query": query} if query else {}))
    with translation.override(language):
        done = [d for d in source_services.refresh_due_sources() if d.kpi.key == "taux-conversion"]
    return done[0].error


def _page(client: Client, language: str) -> str:
    """The KPI's page read by the editor whose language is ``language``."""
    User.objects.filter(email="editor@example.com").update(language=language)
    return html.unescape(client.get(KPI_PAGE).content.decode()).replace("\u00a0", " ")


@pytest.mark.parametrize(
    ("worker", "reader", "said_by_worker", "read"),
    [
        (
            "fr",
            "en",
            "Les lignes 1 et 2 sont toutes deux datées du 05/01/2026",
            "Rows 1 and 2 are both dated",
        ),
        (
            "en",
            "fr",
            "Rows 1 and 2 are both dated",
            "Les lignes 1 et 2 sont toutes deux datées du 05/01/2026",
        ),
    ],
)
def test_an_error_kept_by_the_worker_is_read_in_the_page_readers_language(
    editor: Client, worker: str, reader: str, said_by_worker: str, read: str
) -> None:
    said = _worker_refreshes(worker, b"date,valeur\n2026-01-05,7\n2026-01-05,9\n")
    assert said.replace("\u00a0", " ").startswith(said_by_worker)  # the worker's own line, its language
    page = _page(editor, reader)
    assert read in page and said_by_worker not in page


@pytest.mark.parametrize(("worker", "reader"), [("fr", "en"), ("en", "fr")])
def test_a_refusal_by_the_kpis_rules_is_read_in_the_page_readers_language(
    editor: Client, worker: str, reader: str
) -> None:
    KPI.objects.filter(key="taux-conversion").update(highest_possible=100)
    # 250 is refused by the KPI's own rules (at most 100), worded by the model
    said = _worker_refreshes(worker, b"date,valeur\n2026-01-05,250\n")
    page = _page(editor, reader)
    expected = {"en": "outside this KPI's possible values", "fr": "hors des valeurs possibles"}
    assert expected[worker] in said.replace("\u00a0", " ")
    assert expected[reader] in page and expected[worker] not in page


def test_an_error_kept_as_text_before_is_shown_as_it_was_written(editor: Client) -> None:
    KPISource.objects.filter(kpi__key="taux-conversion").update(
        error="Une ancienne erreur.", error_params=None
    )
    assert "Une ancienne erreur." in _page(editor, "en")


@pytest.mark.parametrize(
    ("query", "english"),
    [
        ("detach memory", "ATTACH, DETACH and USE are not allowed"),
        ("select date, error('en anglais') from data", "DuckDB could not run the query"),
    ],
)
def test_duckdbs_own_english_never_reaches_the_french_page(editor: Client, query: str, english: str) -> None:
    User.objects.filter(email="editor@example.com").update(language="fr")
    response = editor.post(URL, {"query": query})
    page = html.unescape(response.content.decode())
    assert response.status_code == 422
    assert "Binder Error" not in page and "Parser Error" not in page and "DuckDB)" not in page
    assert "Détail technique" not in page and "default database" not in page and "Invalid Input" not in page
    with translation.override("en"), pytest.raises(SourceError) as caught:
        run_query(source_services.source_file(KPISource.objects.get(kpi__key="taux-conversion")), query)
    assert english in str(caught.value)


@pytest.mark.parametrize("setting", ["temp_directory", "home_directory", "extension_directory"])
def test_a_settings_path_read_by_the_query_never_reaches_the_page(editor: Client, setting: str) -> None:
    query = f"select date, 'in ' || current_setting('temp_directory') || ' and {setting}' from data"
    User.objects.filter(email="editor@example.com").update(language="en")
    response = editor.post(URL, {"query": query})
    page = html.unescape(response.content.decode())
    assert response.status_code == 422 and "is not a number" in page
    assert "jalon-source-" not in page and "/spill" not in page and "in …" in page


def test_utf16_without_its_byte_order_mark_is_said_to_be_an_unread_encoding(tmp_path: Path) -> None:
    path = tmp_path / "mesures.csv"
    path.write_bytes("date;valeur\n2026-01-05;1\n".encode("utf-16-le"))
    for language, words in (("fr", "enregistrez-le en UTF-8"), ("en", "save it as UTF-8")):
        with translation.override(language), pytest.raises(SourceError) as caught:
            run_query(path, "select date, valeur from data")
        assert words in str(caught.value) and "not a table" not in str(caught.value)


@pytest.mark.parametrize(
    ("started_in", "worker", "said", "not_said"),
    [("en", "fr", "deux colonnes", "two columns"), ("fr", "en", "two columns", "deux colonnes")],
)
def test_the_workers_line_for_a_failed_source_job_is_in_its_own_language(
    editor: Client, members: dict[str, Any], monkeypatch: pytest.MonkeyPatch, started_in: str, worker: str,
    said: str, not_said: str,
) -> None:  # fmt: skip
    kpi = KPI.objects.get(key="taux-conversion")
    KPISource.objects.filter(kpi=kpi).update(query="select 1")  # a kept query that fails now
    with translation.override(started_in):
        _job, output = worker_once(kpi, members["editor"], started_in, worker, monkeypatch)
    assert said in output and not_said not in output
