"""A KPI of the Cloud Kicks roadmap with a data source attached by its owner, for the browser tests of a
KPI's source."""

from __future__ import annotations

from pathlib import Path
from typing import Any


def kpi_with_source(
    uploads: Path, settings: Any, *, key: str, name: str, file: tuple[str, str], query: str
) -> Any:
    """The weekly KPI ``key`` named ``name``, its source the file ``file`` (name, text) under ``uploads``
    and ``query``, attached (and its rows written) by the demo's owner."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jalon.accounts.models import User
    from jalon.strategy import services
    from jalon.strategy.kpis import source_services
    from jalon.strategy.models import Roadmap

    settings.MEDIA_ROOT = uploads
    owner = User.objects.get(email="demo@jalon.local")
    kpi = services.create_kpi(
        actor=owner, roadmap=Roadmap.objects.get(slug="cloud-kicks"), key=key, name=name, frequency="weekly"
    )
    upload = SimpleUploadedFile(file[0], file[1].encode())
    source_services.attach_source(actor=owner, kpi=kpi, upload=upload, query=query)
    return kpi
