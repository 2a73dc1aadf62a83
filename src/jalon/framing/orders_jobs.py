"""Personas seeded from a large orders file as a background job: the file is kept first
(``pending_orders``), a job thread (or ``jalon worker``) reads and segments it while the personas page
shows the progress, then the page shows the personas, the column mapping to choose, or why the file was
refused, in words."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_noop

from jalon.errors import ValidationFailed
from jalon.framing.services.core import MappingNeeded
from jalon.framing.services.orders import seed_from_kept
from jalon.jobs.models import said_param
from jalon.jobs.registry import JobContext, JobFailed
from jalon.strategy.kpis.source_words import said_in_each_language

JOB_KIND = "personas"


def job_params(token: str, filename: str, mapping: dict[str, str] | None, language: str) -> dict[str, Any]:
    """The job's parameters: the kept file's random name, its label, the columns chosen (if any) and the
    language its personas and errors are written in (the reader's)."""
    return {"file": token, "name": filename, "mapping": mapping, "language": language}


def seed_job(context: JobContext) -> dict[str, Any]:
    """The "personas" job: the personas it seeded, or the columns to choose for the file's mapping."""
    if context.actor is None or context.roadmap is None:
        raise JobFailed(gettext_noop("Nothing was changed: upload the file again."))
    params = context.params
    language = str(params.get("language") or settings.LANGUAGE_CODE)
    with translation.override(language):
        try:
            seeded = seed_from_kept(
                actor=context.actor,
                roadmap=context.roadmap,
                token=str(params.get("file") or ""),
                filename=str(params.get("name") or ""),
                mapping=params.get("mapping") or None,
                progress=context.progress,
            )
        except MappingNeeded as needed:
            return {"columns": list(needed.columns), "found": dict(needed.found)}
        except ValidationFailed as error:
            # Worded in each language: a teammate may read the job in another language than the starter's.
            refusal = error
            said = said_in_each_language(
                lambda: " ".join(str(m) for messages in refusal.worded().values() for m in messages)
            )
            raise JobFailed(
                gettext_noop("The orders file was refused: {error}"), error=said_param(said.texts)
            ) from error
    return {"personas": len(seeded)}
