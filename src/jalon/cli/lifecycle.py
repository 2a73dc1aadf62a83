"""A roadmap copied, archived, restored or deleted from the terminal, as its owners do in the pages
(``docs/roadmap-lifecycle.md``): the same services, run as the installation's operator."""

from __future__ import annotations

import sys

import typer

from jalon.cli.common import fail, refused
from jalon.cli.core import roadmap_named, setup_django, workspace_named
from jalon.i18n import gettext as _

WORKSPACE = typer.Option(..., help=_("Workspace identifier."))
ROADMAP = typer.Option(..., help=_("Roadmap identifier."))


def register(app: typer.Typer) -> None:
    """Under ``jalon roadmap``: ``jalon restore`` and ``jalon backup`` are the installation's own."""
    group = typer.Typer(help=_("Copy, archive, restore or delete a roadmap."), no_args_is_help=True)
    group.command("copy", help=_("Copy a roadmap, every date moved by whole months (all or nothing)."))(copy)
    group.command("archive", help=_("Archive a roadmap: read-only and listed apart until restored."))(archive)
    group.command("restore", help=_("Restore an archived roadmap."))(restore)
    group.command("delete", help=_("Delete a roadmap and its uploaded files."))(delete)
    app.add_typer(group, name="roadmap")


def copy(
    workspace: str = WORKSPACE,
    roadmap: str = ROADMAP,
    title: str = typer.Option(..., help=_("Title of the copy.")),
    months: int = typer.Option(0, help=_("Move every date by this many months (12: next year).")),
    measurements: bool = typer.Option(False, "--measurements", help=_("Also copy the KPI measurements.")),
    into: str = typer.Option("", help=_("Copy into this workspace (its identifier), without the team.")),
) -> None:
    setup_django()
    from django.utils import translation

    from jalon.documents.services import copy_roadmap
    from jalon.errors import ValidationFailed
    from jalon.i18n import cli_language

    found = roadmap_named(workspace, roadmap)
    target = workspace_named(into) if into else None
    try:
        with translation.override(cli_language()):  # a refusal in the command's language
            copied = copy_roadmap(
                actor=None, roadmap=found, title=title, months=months, measurements=measurements, into=target
            )
    except ValidationFailed as error:
        raise refused(error) from error
    typer.echo(
        _("Roadmap {roadmap} copied as {copy} in workspace {workspace}.").format(
            roadmap=roadmap, copy=copied.slug, workspace=copied.workspace.slug
        )
    )


def archive(workspace: str = WORKSPACE, roadmap: str = ROADMAP) -> None:
    setup_django()
    from jalon.strategy.services import archive_roadmap

    archive_roadmap(actor=None, roadmap=roadmap_named(workspace, roadmap))
    typer.echo(_("Roadmap {roadmap} archived.").format(roadmap=roadmap))


def restore(workspace: str = WORKSPACE, roadmap: str = ROADMAP) -> None:
    setup_django()
    from jalon.strategy.services import restore_roadmap

    restore_roadmap(actor=None, roadmap=roadmap_named(workspace, roadmap))
    typer.echo(_("Roadmap {roadmap} restored.").format(roadmap=roadmap))


def delete(
    workspace: str = WORKSPACE,
    roadmap: str = ROADMAP,
    yes: bool = typer.Option(False, "--yes", help=_("Delete without asking.")),
) -> None:
    """At a terminal, asks; in a script, refuses unless ``--yes`` (nobody can answer)."""
    setup_django()
    from jalon.strategy.services import delete_roadmap, deletion_counts

    found = roadmap_named(workspace, roadmap)
    if not yes:
        counts = deletion_counts(found)
        said = _(
            "Deleted with it: {objectives} objectives, {kpis} KPIs, {activities} activities, {files} files."
        )
        typer.echo(said.format(**counts), err=True)
        if not (sys.stdin.isatty() and typer.confirm(_("Delete it?"), default=False, err=True)):
            raise fail(_("Nothing was deleted. Add --yes to delete it."))
    delete_roadmap(actor=None, roadmap=found, typed_title=found.title)
    typer.echo(_("Roadmap {roadmap} deleted.").format(roadmap=roadmap))
