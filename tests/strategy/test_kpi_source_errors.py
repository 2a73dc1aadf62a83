"""A KPI source's failing query is explained in the reader's language (French first), with what to do, and
DuckDB's English only as a secondary technical detail that never names a place on the server."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation

from jalon.strategy.kpis.sources import SourceError, run_query
from jalon.strategy.models import KPI, KPISource
from tests.strategy.kpi_sources import kpi

# The child's code run in this process, without a new interpreter's start (tests/strategy/conftest.py)
pytestmark = pytest.mark.usefixtures("source_in_this_process")

__all__ = ["kpi"]  # the fixture, shared with the sources' other tests

ORDERS = b"jour;montant;code\n2026-01-05;12,5;A1\n2026-01-12;7;B2\n"

CASES = [
    (
        "select jour::date, montnat from data",
        "La table n’a pas de colonne «\u00a0montnat\u00a0». Ses colonnes\u00a0: jour, montant, code.",
        "The table has no column “montnat”. Its columns: jour, montant, code.",
    ),
    (
        "select jour::date, montant from commandes",
        "Il n’y a pas de table «\u00a0commandes\u00a0»\u00a0: le fichier joint est la table nommée data",
        "There is no table “commandes”: the attached file is the table named data",
    ),
    (
        "select jour::date, montant form data",
        "La syntaxe de la requête casse près de «\u00a0data\u00a0» à la ligne 1",
        "The query’s syntax breaks near “data” on line 1",
    ),
    (
        "select jour::date, cast(code as double) from data",
        "La colonne «\u00a0code\u00a0» contient «\u00a0A1\u00a0», qui n’est pas un nombre",
        "The column “code” holds “A1”, which is not a number",
    ),
    (
        "select jour::date, 1 // 0 from data",
        "La requête divise par zéro",
        "The query divides by zero",
    ),
    (
        "select jour::date, 1 / 0 from data",  # a division of decimals gives infinity, not an error
        "Ligne 1\u00a0: la deuxième colonne est infinie, à cause d’une division par zéro",
        "Row 1: the second column is infinite, from a division by zero",
    ),
    (
        "select jour::date, 12 / nullif(0, 0) from data",
        "Ligne 1\u00a0: la deuxième colonne est vide",
        "Row 1: the second column is empty",
    ),
    (
        "select jour, count(*) from data",
        "La colonne «\u00a0jour\u00a0» doit être groupée ou additionnée",
        "The column “jour” must be grouped or summed",
    ),
    (
        "select * from read_csv('/etc/passwd')",
        "La requête ne peut lire que la table data",
        "The query may only read the table data",
    ),
    (
        "select strptime(code, '%d/%m/%Y'), 1 from data",
        "La valeur «\u00a0A1\u00a0» ne suit pas le format de date «\u00a0%d/%m/%Y\u00a0»",
        "The value “A1” does not match the date format “%d/%m/%Y”",
    ),
    (
        "select jour, montant + 1 from data",  # "12,5" is read as text
        "Un calcul mélange des types (du texte là où un nombre ou une date est attendu)",
        "A calculation mixes types (text where a number or a date is expected)",
    ),
]


@pytest.fixture
def orders(tmp_path: Path) -> Path:
    path = tmp_path / "commandes.csv"
    path.write_bytes(ORDERS)
    return path


@pytest.mark.parametrize(("query", "french", "english"), CASES)
def test_a_failing_query_is_explained_in_french_and_in_english(
    orders: Path, query: str, french: str, english: str
) -> None:
    for language, words in (("fr", french), ("en", english)):
        with translation.override(language), pytest.raises(SourceError) as caught:
            run_query(orders, query)
        assert words in str(caught.value)
        shown = " ".join(caught.value.messages())
        assert "Error:" not in str(caught.value) and str(orders.parent) not in shown


def test_duckdbs_own_line_goes_to_the_log_not_to_the_page(orders: Path, caplog: Any) -> None:
    with translation.override("fr"), caplog.at_level(logging.INFO), pytest.raises(SourceError) as caught:
        run_query(orders, "select jour::date, montant form data")
    assert caught.value.messages() == [str(caught.value)]  # one sentence, ours
    assert str(caught.value).startswith("La syntaxe de la requête casse") and "syntax error" not in str(
        caught.value
    )
    assert 'syntax error at or near "data"' in caplog.text


def test_a_refused_file_access_gives_no_detail_that_could_name_a_path(orders: Path) -> None:
    with translation.override("en"), pytest.raises(SourceError) as caught:
        run_query(orders, "select * from read_csv('/srv/jalon/uploads/other.csv')")
    assert caught.value.messages() == [str(caught.value)] and "/srv" not in str(caught.value)


def test_the_french_kpi_page_explains_an_unknown_column_and_keeps_nothing(
    kpi: KPI, client: Client, members: Any
) -> None:
    client.force_login(members["editor"])
    url = "/w/cloud-kicks/r/cloud-kicks/kpis/revenue/source/"
    upload = SimpleUploadedFile("commandes.csv", ORDERS)
    page = client.post(url, {"file": upload, "query": "select jour::date, montnat from data"})
    content = page.content.decode()
    assert page.status_code == 422 and "Rien n’a été actualisé" in content
    assert "La table n’a pas de colonne «\u00a0montnat\u00a0»" in content
    assert "Binder Error" not in content and "kpi-sources" not in content
    assert not KPISource.objects.filter(kpi=kpi).exists() and not kpi.measurements.exists()
