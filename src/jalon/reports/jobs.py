"""Large documents as a background job: a PDF or a deck of a roadmap with many activities is written by a
job thread (or ``jalon worker``) while the page shows its progress; the file waits under
``$JALON_HOME/uploads/reports/`` for whoever may read the roadmap, for ``KEEP_FOR``: each new report job
first deletes the files older than that (the job's page then says to make the document again)."""

from __future__ import annotations

import contextlib
import time
from dataclasses import asdict
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext_noop

from jalon.jobs.registry import JobContext, JobFailed
from jalon.reports.collect import collect_report
from jalon.reports.options import FORMATS, BadOptions, ReportOptions
from jalon.reports.services import CONTENT_TYPES, write

JOB_KIND = "report"
BACKGROUND_FROM_ACTIVITIES = 300
"""From this many activities a PDF or a deck is written in the background (several seconds)."""
BACKGROUND_FORMATS = ("pdf", "pptx")
KEEP_FOR = timedelta(days=7)
"""How long a document written in the background waits for its download."""


def reports_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "reports"


def job_file(name: str) -> Path | None:
    """The file a job's result names, if it is still there (never a path out of the folder)."""
    path = reports_dir() / Path(name).name
    return path if name and path.is_file() else None


def remove_old_files(*, now: float | None = None) -> int:
    """Delete the documents written more than ``KEEP_FOR`` ago (by their file's time); how many."""
    folder = reports_dir()
    if not folder.is_dir():
        return 0
    oldest = (time.time() if now is None else now) - KEEP_FOR.total_seconds()
    removed = 0
    for path in folder.glob("job-*.*"):
        with contextlib.suppress(FileNotFoundError):  # another job thread removed it meanwhile
            if path.is_file() and path.stat().st_mtime < oldest:
                path.unlink()
                removed += 1
    return removed


def job_params(fmt: str, options: ReportOptions) -> dict[str, Any]:
    return {"format": fmt, "options": {**asdict(options), "sections": list(options.sections)}}


def report_job(context: JobContext) -> dict[str, Any]:
    """The "report" job: collect the roadmap's report, write the file, keep it for download."""
    if context.roadmap is None:
        raise JobFailed(gettext_noop("This job needs a roadmap."))
    fmt = str(context.params.get("format", ""))
    if fmt not in FORMATS:
        raise JobFailed(gettext_noop("Unknown document format."))
    try:
        saved = dict(context.params.get("options") or {})
        options = ReportOptions(**{**saved, "sections": tuple(saved.get("sections", ()))})
    except (BadOptions, TypeError) as error:
        raise JobFailed(gettext_noop("These document options are not valid.")) from error
    remove_old_files()
    context.progress(10, gettext_noop("Gathering the roadmap…"))
    report = collect_report(context.roadmap, options)
    context.progress(40, gettext_noop("Writing the document…"))
    content = write(report, fmt)
    folder = reports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    name = f"job-{context.job_id}.{fmt}"
    (folder / name).write_bytes(content)
    context.progress(100, gettext_noop("Done."))
    return {
        "file": name,
        "filename": f"{context.roadmap.slug}-{options.language}.{fmt}",
        "content_type": CONTENT_TYPES[fmt],
        "size": len(content),
    }
