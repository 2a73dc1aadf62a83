"""The `jalon` command line. Each group lives in its own module and is registered here."""

from __future__ import annotations

import typer

from jalon import __version__
from jalon.cli import (
    advise,
    click_i18n,
    core,
    forecast,
    framing,
    lifecycle,
    operations,
    portfolio,
    report,
    schedule,
    smart,
    worker,
)
from jalon.history import origin
from jalon.i18n import gettext as _

click_i18n.install()  # Click's and Typer's own words ("Usage:", "Missing option"...) in JALON_LANGUAGE

app = typer.Typer(
    name="jalon",
    help=_("Jalon, the marketing roadmap studio."),
    no_args_is_help=True,
    rich_markup_mode=None,
    add_completion=False,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"jalon {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    context: typer.Context,
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help=_("Show the version and exit.")
    ),
) -> None:
    """Jalon, the marketing roadmap studio."""
    # Every change a command records comes from the command line (the change log says so), until it ends.
    token = origin.start(origin.Origin.CLI)
    context.call_on_close(lambda: origin.stop(token))


core.register(app)
lifecycle.register(app)
operations.register(app)
report.register(app)
app.command("smart", help=_("Judge a marketing objective against the SMART criteria."))(smart.command)
app.add_typer(portfolio.app, name="portfolio", help=_("Choose the best portfolio of activities."))
app.add_typer(schedule.app, name="schedule", help=_("Schedule activities without overloading anyone."))
app.add_typer(framing.app, name="framing", help=_("Segment customers from orders (e-CRM framing)."))
app.command("forecast", help=_("Forecast a KPI to its deadline and give the odds of reaching its target."))(
    forecast.command
)
app.command("worker", help=_("Run background jobs in a process of their own."))(worker.command)
app.command("advise", help=_("Propose strategies and tactics for an objective, with sourced benchmarks."))(
    advise.command
)


def main() -> None:
    app()
