"""Use cases on KPI sources: attach a file and a query, and refresh the KPI's measurements from them.

A refresh writes the query's rows as measurements (a date that already has one takes the new value), all
or nothing; a failing query changes no measurement and its error is kept, in words, for the page. From
the page, a large file is refreshed by a background job with its progress (``source_jobs``).
``refresh_due_sources`` refreshes each source on its KPI's frequency (``jalon worker``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from jalon.accounts.models import User
from jalon.errors import ValidationFailed
from jalon.jobs.registry import Progress
from jalon.strategy.kpis import services as measurements
from jalon.strategy.kpis.sources import SOURCE_SUFFIXES, SourceError, run_query
from jalon.strategy.models import KPI, KPISource
from jalon.workspaces.permissions import require, require_actor

MAX_SOURCE_BYTES = 50 * 1024 * 1024
BACKGROUND_FROM_BYTES = 1_000_000
"""From this file size a refresh asked from the page runs as a background job (the 2 MB CDNOW orders
file takes about 2 seconds); smaller files refresh inline."""


def _folder(kpi: KPI) -> Path:
    return Path(settings.MEDIA_ROOT) / "kpi-sources" / str(kpi.pk)


def attach_source(*, actor: User, kpi: KPI, upload: UploadedFile | None, query: str) -> KPISource:
    """Keep the file (a new one replaces the old) and the query; the first attachment needs a file."""
    require(actor, "edit", kpi.roadmap.workspace)
    existing = KPISource.objects.filter(kpi=kpi).first()
    if upload is None and existing is None:
        raise ValidationFailed({"file": [_("Choose a data file.")]})
    if upload is not None:
        name = Path(upload.name or "").name
        if not name.lower().endswith(SOURCE_SUFFIXES):
            raise ValidationFailed({"file": [_("Choose a CSV, text, XLSX or Parquet file.")]})
        if (upload.size or 0) > MAX_SOURCE_BYTES:
            raise ValidationFailed({"file": [_("The file is larger than 50 MB.")]})
        folder = _folder(kpi)
        folder.mkdir(parents=True, exist_ok=True)
        stored = folder / f"{uuid.uuid4().hex}{Path(name).suffix.lower()}"
        with stored.open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    with transaction.atomic():
        source = existing or KPISource(kpi=kpi)
        if upload is not None:
            if existing is not None:
                Path(existing.stored_path).unlink(missing_ok=True)
            source.file_name, source.stored_path = name, str(stored)
        source.query = query
        source.version = (existing.version + 1) if existing else 1
        source.save()
    return source


def refreshes_in_background(kpi: KPI) -> bool:
    """Whether a refresh of ``kpi``'s source from the page is slow enough for a background job."""
    source = KPISource.objects.filter(kpi=kpi).first()
    if source is None:
        return False
    try:
        return Path(source.stored_path).stat().st_size >= BACKGROUND_FROM_BYTES
    except OSError:  # a missing file fails inline, in words
        return False


def refresh_source(
    *, actor: User | None, kpi: KPI, progress: Progress | None = None
) -> measurements.BulkOutcome:
    """Run the source's query and write its rows as measurements, or keep its error and raise it.
    ``progress`` (a background job's) hears of each stage."""
    require_actor(actor, "edit", kpi.roadmap.workspace)
    source = KPISource.objects.get(kpi=kpi)

    def loaded() -> None:
        if progress is not None:
            progress(40, gettext_noop("Running the query…"))

    if progress is not None:
        progress(5, gettext_noop("Reading the data file…"))
    try:
        rows = run_query(Path(source.stored_path), source.query, loaded=loaded)
    except SourceError as error:
        KPISource.objects.filter(pk=source.pk).update(error=str(error))
        raise ValidationFailed({"query": [str(error)]}) from error
    if not rows:
        KPISource.objects.filter(pk=source.pk).update(error=_("The query returned no row."))
        raise ValidationFailed({"query": [_("The query returned no row.")]})
    if progress is not None:
        progress(80, gettext_noop("Writing the measurements…"))
    with transaction.atomic():
        outcome = measurements.add_measurements(
            actor=actor, kpi=kpi, rows=rows, source=_("query on {file}").format(file=source.file_name)[:200]
        )
        KPISource.objects.filter(pk=source.pk).update(error="", refreshed_at=timezone.now())
    return outcome


@dataclass(frozen=True)
class Refreshed:
    kpi: KPI
    measurements: int
    error: str = ""


def refresh_due_sources(*, today: date | None = None) -> list[Refreshed]:
    """Refresh every source never refreshed, or whose KPI's next measurement is due (``jalon worker``
    calls this on each round, as the terminal's operator)."""
    day = today or timezone.localdate()
    done: list[Refreshed] = []
    for source in KPISource.objects.select_related("kpi__roadmap__workspace"):
        kpi = source.kpi
        if source.refreshed_at is not None and kpi.due_after(timezone.localdate(source.refreshed_at)) > day:
            continue
        try:
            outcome = refresh_source(actor=None, kpi=kpi)
        except ValidationFailed as error:
            message = " ".join(str(m) for msgs in error.errors.values() for m in msgs)
            done.append(Refreshed(kpi, 0, message))
            continue
        done.append(Refreshed(kpi, outcome.added + outcome.replaced))
    return done
