"""A KPI source's refresh as a background job: a large data file is read and queried by a job thread (or
``jalon worker``) while the KPI's page shows the progress, then the page shows how many measurements
were written, or the query's error in words."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop

from jalon.errors import ValidationFailed
from jalon.jobs.registry import JobContext, JobFailed
from jalon.strategy.kpis.source_services import refresh_source
from jalon.strategy.models import KPI

JOB_KIND = "kpi_source"


def job_params(kpi: KPI, language: str) -> dict[str, Any]:
    """The job's parameters: which KPI, and the language its errors are written in (the reader's)."""
    return {"kpi": kpi.pk, "language": language}


def refresh_job(context: JobContext) -> dict[str, Any]:
    """The "kpi_source" job: run the KPI's query over its file and write the rows as measurements."""
    kpi = KPI.objects.filter(pk=int(context.params.get("kpi") or 0), roadmap=context.roadmap).first()
    if kpi is None or not hasattr(kpi, "source"):
        raise JobFailed(gettext_noop("This KPI has no data source any more."))
    language = str(context.params.get("language") or settings.LANGUAGE_CODE)
    with translation.override(language):
        try:
            outcome = refresh_source(actor=context.actor, kpi=kpi, progress=context.progress)
        except ValidationFailed as error:
            words = " ".join(str(m) for messages in error.errors.values() for m in messages)
            raise JobFailed(gettext_noop("Nothing was refreshed: {error}"), error=words) from error
    return {"kpi": kpi.key, "count": outcome.added + outcome.replaced}
