"""A KPI source's error kept by `jalon worker` in French, read on the KPI's page in Chromium by an English
and a French reader: each reads it in their language (screenshots at 1440 and 1280 px, axe, one language)."""

from __future__ import annotations

from typing import Any

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

KPI_PAGE = "/w/cloud-kicks/r/cloud-kicks/kpis/taux-conversion/"
SAID = {
    "en": "Rows 1 and 2 are both dated 5 Jan 2026: a day has one measurement.",
    "fr": "Les lignes 1 et 2 sont toutes deux datées du 05/01/2026 : un jour a une seule mesure.",
}


def test_a_source_error_kept_by_a_french_worker_is_read_in_each_readers_language(
    members: dict[str, Any], logged_in_page: Any, shot: Any, tmp_path: Any, settings: Any
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import translation

    from jalon.strategy.kpis import source_services
    from jalon.strategy.models import KPI, KPISource

    settings.MEDIA_ROOT = tmp_path
    kpi = KPI.objects.get(key="taux-conversion")
    good = SimpleUploadedFile("mesures.csv", b"date,valeur\n2026-01-05,1\n2026-01-12,2\n")
    source = source_services.attach_source(
        actor=members["editor"], kpi=kpi, upload=good, query="select date, valeur from data"
    ).source
    source_services.source_file(source).write_bytes(b"date,valeur\n2026-01-05,7\n2026-01-05,9\n")
    KPISource.objects.filter(pk=source.pk).update(refreshed_at=None)
    with translation.override("fr"):  # jalon worker with JALON_LANGUAGE=fr
        source_services.refresh_due_sources()
    for language in ("en", "fr"):
        page = logged_in_page("editor@example.com", language=language)
        page.goto(KPI_PAGE + "#source")
        shown = " ".join(page.locator("#source .errorlist").inner_text().replace("\u00a0", " ").split())
        assert shown.startswith(SAID[language]), shown
        Look(shot, language)(page, f"source-error-{language}")
