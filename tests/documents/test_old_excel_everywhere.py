"""An old Excel workbook (.xls, an OLE2 file starting D0 CF 11 E0) gets the same advice wherever a file is
read: save it as XLSX or CSV (``jalon.documents.tables.old_excel_hint``), not "not UTF-8 text" or "could
not be read"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from typer.testing import CliRunner

from jalon.documents.tables import OLD_OFFICE_SIGNATURE
from jalon.errors import ValidationFailed
from jalon.strategy import services
from jalon.strategy.kpis import source_services
from jalon.strategy.kpis.sources import SourceError, run_query
from jalon.strategy.models import KPI, Roadmap
from jalon.workspaces.models import Workspace

OLD_WORKBOOK = OLD_OFFICE_SIGNATURE + bytes(range(256)) * 8
HINT = {
    "en": "This is an old Excel workbook (.xls), which Jalon does not read: open it in Excel or LibreOffice, "
    "save it as XLSX or CSV, and import that file.",
    "fr": "Ce fichier est un ancien classeur Excel (.xls), que Jalon ne lit pas\u00a0: ouvrez-le dans Excel "
    "ou LibreOffice, enregistrez-le au format XLSX ou CSV, puis importez ce fichier.",
}
LANGUAGES = ["en", "fr"]


@pytest.fixture
def workbook(tmp_path: Path) -> Path:
    path = tmp_path / "plan.xls"
    path.write_bytes(OLD_WORKBOOK)
    return path


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_roadmap_import_page_advises_saving_an_old_workbook_as_xlsx_or_csv(
    client: Client, team: Any, language: str
) -> None:
    owner = team.owner
    owner.language = language
    owner.save(update_fields=["language"])
    client.force_login(owner)
    upload = SimpleUploadedFile("plan.xls", OLD_WORKBOOK)
    response = client.post(reverse("import", args=[team.workspace.slug]), {"file": upload})
    assert response.status_code == 422
    assert HINT[language] in response.content.decode()
    assert not Roadmap.objects.filter(workspace=team.workspace).exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_jalon_import_advises_saving_an_old_workbook_on_one_line(
    team: Any, workbook: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    from jalon.cli import app

    monkeypatch.setenv("JALON_LANGUAGE", language)
    result = CliRunner().invoke(app, ["import", str(workbook), "--workspace", team.workspace.slug])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [result.stderr.strip()]
    assert str(workbook) in result.stderr and HINT[language] in result.stderr
    assert not Roadmap.objects.filter(workspace=Workspace.objects.get(slug=team.workspace.slug)).exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_json_problem_given_as_an_old_workbook_gets_the_same_advice(
    workbook: Path, monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    from jalon.cli.schedule import app

    monkeypatch.setenv("JALON_LANGUAGE", language)
    result = CliRunner().invoke(app, ["solve", str(workbook), "--time-limit", "5"])
    assert result.exit_code == 2 and HINT[language] in result.output


@pytest.fixture
def kpi(members: Any, settings: Any, tmp_path: Path) -> KPI:
    settings.MEDIA_ROOT = tmp_path
    roadmap = KPI.objects.first().roadmap  # type: ignore[union-attr]
    return services.create_kpi(
        actor=members["owner"], roadmap=roadmap, key="revenue", name="Revenue", frequency="weekly"
    )


@pytest.mark.parametrize("name", ["orders.xls", "orders.csv"])  # named as it is, or renamed
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_kpi_source_given_as_an_old_workbook_is_refused_with_the_advice_and_not_kept(
    kpi: KPI, members: Any, tmp_path: Path, language: str, name: str
) -> None:
    with translation.override(language), pytest.raises(ValidationFailed) as refused:
        source_services.attach_source(
            actor=members["editor"], kpi=kpi, upload=SimpleUploadedFile(name, OLD_WORKBOOK), query="select 1"
        )
    assert refused.value.errors == {"file": [HINT[language]]}
    assert not (tmp_path / "kpi-sources").exists() or not any((tmp_path / "kpi-sources").rglob("*.*"))


@pytest.mark.parametrize("language", LANGUAGES)
def test_refreshing_a_source_whose_file_became_an_old_workbook_gives_the_advice(
    tmp_path: Path, language: str
) -> None:
    path = tmp_path / "orders.csv"
    path.write_bytes(OLD_WORKBOOK)
    with translation.override(language), pytest.raises(SourceError) as refused:
        run_query(path, "select * from data")
    assert str(refused.value) == HINT[language]
