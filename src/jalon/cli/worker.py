"""`jalon worker`: run background jobs in a process of their own.

Not needed to use Jalon: the web server runs queued jobs itself (``jalon.jobs.runner``). A worker is for
installations that want heavy work out of the web process, or several machines sharing one PostgreSQL
database: each job is claimed by exactly one process, whichever asks first. On each round it also refreshes
the KPI sources that are due (never refreshed, or their KPI's next measurement is due).
"""

from __future__ import annotations

import time

import typer

from jalon.cli.core import setup_django
from jalon.i18n import cli_language, ngettext
from jalon.i18n import gettext as _


def command(
    once: bool = typer.Option(False, "--once", help=_("Run the queued jobs, then stop.")),
    poll: float = typer.Option(1.0, "--poll", min=0.1, help=_("Seconds between two looks at the queue.")),
) -> None:
    setup_django()
    from django.utils import translation

    from jalon.jobs import services
    from jalon.jobs.models import Job, JobStatus
    from jalon.strategy.kpis import source_jobs
    from jalon.strategy.kpis.source_services import refresh_due_sources

    def report(job: Job) -> None:
        with translation.override(cli_language()):
            message = job.message_text
            if job.kind == source_jobs.JOB_KIND and job.status == JobStatus.DONE:
                message = source_jobs.result_words(job.result_data)  # the KPI page's sentence
            elif job.kind == source_jobs.JOB_KIND:  # its source's error in the command's language too
                message = source_jobs.failure_text(job)
            status = job.get_status_display()
        typer.echo(_("Job {id} ({kind}): {status}. {message}").format(
            id=job.pk, kind=job.kind, status=status, message=message
        ))  # fmt: skip

    if not once:
        from jalon import warmup

        warmup.start()  # a long-running worker: its first report or portfolio job need not wait for imports
        typer.echo(_("Waiting for jobs (Ctrl+C to stop)…"))
    try:
        while True:
            services.recover_stale()
            with translation.override(cli_language()):  # a source's words in the command's language
                due = refresh_due_sources()
            for refreshed in due:  # KPI sources, each on its KPI's frequency
                if refreshed.error:
                    typer.echo(_("KPI {kpi}: {error}").format(kpi=refreshed.kpi.name, error=refreshed.error))
                    continue
                line = ngettext(
                    "KPI {kpi}: {count} measurement refreshed from its source.",
                    "KPI {kpi}: {count} measurements refreshed from its source.",
                    refreshed.measurements,
                ).format(kpi=refreshed.kpi.name, count=refreshed.measurements)
                if refreshed.later is not None:
                    with translation.override(cli_language()):
                        line = f"{line} {refreshed.later.words()}"
                typer.echo(line)
            ran = services.run_queued(on_finished=report)
            if once:
                return
            if not ran:
                time.sleep(poll)
    except KeyboardInterrupt:
        return
