"""A KPI source's refresh, or the attachment of a large new data file, as a background job: the file is
read and queried by a job thread (or ``jalon worker``) while the KPI's page shows the progress, then the
page shows how many measurements were written, or the query's error in words. A new file is saved before
the job starts (``keep_file``) and attached by it all or nothing (``attach_kept``)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop

from jalon.errors import ValidationFailed
from jalon.jobs.registry import JobContext, JobFailed
from jalon.strategy.kpis.source_services import (
    KeptFile,
    LaterRows,
    attach_kept,
    refresh_source,
    refreshed_words,
)
from jalon.strategy.kpis.source_words import Words, shown
from jalon.strategy.kpis.sources import SourceError
from jalon.strategy.models import KPI

if TYPE_CHECKING:
    from jalon.jobs.models import Job

JOB_KIND = "kpi_source"


def job_params(
    kpi: KPI, language: str, attach: tuple[KeptFile, str] | None = None, query: str | None = None
) -> dict[str, Any]:
    """The job's parameters: which KPI, the language its errors are written in (the reader's) and, to
    attach a new file, the file saved and the query; or a new ``query`` over the kept file."""
    params: dict[str, Any] = {"kpi": kpi.pk, "language": language}
    if attach is not None:
        kept, query = attach
        params |= {"file": kept.stored, "name": kept.name}
    if query is not None:
        params["query"] = query
    return params


def attaches(params: dict[str, Any]) -> bool:
    """Whether the job of ``params`` attaches a new file (rather than refreshing the source)."""
    return bool(params.get("file"))


def changes_source(params: dict[str, Any]) -> bool:
    """Whether the job of ``params`` brings a new file or a new query, which a failure leaves unkept (so
    the source's own error is not the job's)."""
    return attaches(params) or params.get("query") is not None


def refresh_job(context: JobContext) -> dict[str, Any]:
    """The "kpi_source" job: run the KPI's query over its file and write the rows as measurements."""
    params = dict(context.params)
    kpi = KPI.objects.filter(pk=int(params.get("kpi") or 0), roadmap=context.roadmap).first()
    if kpi is None or not (attaches(params) or hasattr(kpi, "source")):
        raise JobFailed(gettext_noop("This KPI has no data source any more."))
    language = str(params.get("language") or settings.LANGUAGE_CODE)
    with translation.override(language):
        try:
            if attaches(params):
                kept = KeptFile(str(params.get("name") or ""), str(params["file"]))
                query = str(params.get("query") or "")
                attached = attach_kept(
                    actor=context.actor, kpi=kpi, kept=kept, query=query, progress=context.progress
                )
                assert attached.refreshed is not None
                outcome = attached.refreshed
            else:
                new = None if params.get("query") is None else str(params["query"])
                outcome = refresh_source(actor=context.actor, kpi=kpi, progress=context.progress, query=new)
        except ValidationFailed as error:
            said = " ".join(str(m) for messages in error.errors.values() for m in messages)
            # what the error is, for each later reader's language (``failure_text``); ``error`` as said
            cause = _words_of(error)
            extra = (
                {} if cause is None else {"words": {"message": cause.message, "params": cause.params_data()}}
            )
            if attaches(params):
                raise JobFailed(gettext_noop("Nothing was changed: {error}"), error=said, **extra) from error
            raise JobFailed(gettext_noop("Nothing was refreshed: {error}"), error=said, **extra) from error
    result: dict[str, Any] = {"kpi": kpi.key, "count": outcome.count}
    if outcome.later is not None:  # rows dated after today, said in the reader's language by the page
        result["later"] = outcome.later.as_params()
    return result


def _words_of(error: ValidationFailed) -> Words | None:
    """The source's error behind ``error`` as what it is (a message id and its parameters), if it is one."""
    cause = error.__cause__
    return cause.words if isinstance(cause, SourceError) else None


def failure_text(job: Job) -> str:
    """A failed source job's message in the active language, its source's error included (the job's
    ``message_text`` holds that error as said in the language of whoever started it)."""
    words = job.message_params.get("words") if isinstance(job.message_params, dict) else None
    if not isinstance(words, dict) or not job.message:
        return job.message_text
    error = shown(str(words.get("message") or ""), words.get("params") or {})
    return Words(job.message, {**job.message_params, "error": error}).text()


def result_words(result: Mapping[str, Any]) -> str:
    """What a finished job did, from its result, in the active language (``refreshed_words``)."""
    return refreshed_words(int(result.get("count", 0)), LaterRows.from_params(result.get("later")))
