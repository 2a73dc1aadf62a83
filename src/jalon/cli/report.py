"""`jalon report`: a roadmap as a PDF report, a slide deck, Markdown, an ICS calendar or an XLSX workbook."""

from __future__ import annotations

from pathlib import Path

import typer

from jalon.cli.common import fail
from jalon.cli.core import roadmap_named, setup_django
from jalon.i18n import cli_language
from jalon.i18n import gettext as _


def register(app: typer.Typer) -> None:
    app.command("report", help=_("Write a roadmap as a PDF report, a slide deck, Markdown, ICS or XLSX."))(
        command
    )


def command(
    workspace: str = typer.Option(..., help=_("Workspace identifier.")),
    roadmap: str = typer.Option(..., help=_("Roadmap identifier.")),
    format: str = typer.Option(..., "--format", help=_("pdf, pptx, md, ics or xlsx.")),
    output: Path = typer.Option(..., help=_("File to write.")),
    lang: str = typer.Option("", help=_("fr or en (default: the roadmap's language).")),
    preset: str = typer.Option("", help=_("A preset: board, team, or one saved on the roadmap.")),
    no_budgets: bool = typer.Option(False, "--no-budgets", help=_("Leave the budgets out.")),
) -> None:
    setup_django()
    from dataclasses import replace

    from jalon.reports.options import FORMATS, BadOptions
    from jalon.reports.presets import UnknownPreset, options_for
    from jalon.reports.services import render_report

    if format not in FORMATS:
        raise fail(_("The format must be one of {formats}.").format(formats=", ".join(FORMATS)))
    found = roadmap_named(workspace, roadmap)
    try:
        options = options_for(found, preset, language=lang or found.language)
        if no_budgets:
            options = replace(options, include_budgets=False)
        document = render_report(actor=None, roadmap=found, fmt=format, options=options)
    except (BadOptions, UnknownPreset) as error:
        raise fail(str(error)) from error
    try:
        output.write_bytes(document.content)
    except OSError as error:
        raise fail(_("Cannot write {file}.").format(file=output)) from error
    from jalon.engines.number_text import localise_digits

    size = localise_digits(f"{len(document.content):,}", french=cli_language() == "fr")
    typer.echo(_("{file} written ({size} bytes).").format(file=output, size=size))
