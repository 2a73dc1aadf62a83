"""Commands for whoever runs Jalon for a team: back up and restore, remove unused uploaded files, lift a
login lock, run Django's deployment checks (docs/operations.md)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from jalon.cli.common import fail
from jalon.cli.core import setup_django
from jalon.engines.smart_messages import format_number
from jalon.i18n import cli_language, ngettext
from jalon.i18n import gettext as _


def register(app: typer.Typer) -> None:
    app.command("unlock", help=_("Lift the login lock of an account or an address after failed logins."))(
        unlock
    )
    app.command("check", help=_("Check the installation (with --deploy: the settings for a real server)."))(
        check
    )
    app.command("backup", help=_("Save the database and the uploaded files into one archive."))(backup)
    app.command("restore", help=_("Replace the database and the uploaded files with a backup's."))(restore)
    app.command("cleanup-files", help=_("Remove the uploaded files that no longer belong to anything."))(
        cleanup_files
    )


def backup(
    output: Path | None = typer.Option(
        None, help=_("Archive to write (default: jalon-backup-DATE.tar.gz in the current folder).")
    ),
) -> None:
    setup_django()
    from jalon.backup import BackupError, create_backup

    target = output or Path(f"jalon-backup-{datetime.now():%Y%m%d-%H%M%S}.tar.gz")
    try:
        manifest = create_backup(target)
    except (BackupError, OSError) as error:
        raise fail(_("Nothing was saved: {error}").format(error=error)) from error
    typer.echo(
        _("Backup written to {file} (Jalon {version}, {database}, uploaded files: {uploads}).").format(
            file=target, version=manifest.version, database=manifest.database, uploads=manifest.uploads
        )
    )


def restore(
    file: Path = typer.Argument(..., help=_("A backup written by jalon backup.")),
    yes: bool = typer.Option(False, "--yes", help=_("Replace the current data without asking.")),
) -> None:
    setup_django()
    from jalon.backup import BackupError, restore_backup

    if not yes and not typer.confirm(
        _("Everything in this installation will be replaced by the backup. Continue?"), default=False
    ):
        raise fail(_("Nothing was restored."))
    try:
        manifest = restore_backup(file)
    except (BackupError, OSError) as error:
        raise fail(_("Nothing was restored: {error}").format(error=error)) from error
    typer.echo(
        _("Restored the backup of {date} (Jalon {version}); the database is up to date.").format(
            date=manifest.created_at, version=manifest.version
        )
    )


def file_size(size: int) -> str:
    """``size`` bytes for a reader: ``512 bytes``, ``1.5 MB`` (``1,5 Mo`` in French)."""
    lang = cli_language()
    for factor, label in ((1024**3, _("{number} GB")), (1024**2, _("{number} MB")), (1024, _("{number} KB"))):
        if size >= factor:
            return label.format(number=format_number(round(size / factor, 1), lang))
    return ngettext("{number} byte", "{number} bytes", size).format(number=format_number(size, lang))


def cleanup_files(
    dry_run: bool = typer.Option(False, "--dry-run", help=_("List the files without removing them.")),
) -> None:
    setup_django()
    from jalon.unused_files import remove, scan, uploads_root

    found = scan()
    for file in found.unused:
        typer.echo(f"{file.name} ({file_size(file.size)})")
    count, size = len(found.unused), file_size(found.size)
    if not found.unused:
        typer.echo(_("No unused file in {folder}.").format(folder=uploads_root()))
    elif dry_run:
        typer.echo(
            ngettext(
                "{count} unused file ({size}) would be removed; nothing was removed.",
                "{count} unused files ({size}) would be removed; nothing was removed.",
                count,
            ).format(count=count, size=size)
        )
    if found.recent:
        typer.echo(
            ngettext(
                "{count} file less than an hour old was left alone (an upload may be under way).",
                "{count} files less than an hour old were left alone (an upload may be under way).",
                found.recent,
            ).format(count=found.recent)
        )
    if dry_run or not found.unused:
        return
    failed = remove(found.unused)
    for file, error in failed:
        typer.echo(
            _("{file} could not be removed: {error}").format(file=file.name, error=error.strerror), err=True
        )
    removed = [file for file in found.unused if file not in {f for f, _e in failed}]
    typer.echo(
        ngettext(
            "Removed {count} unused file ({size}).", "Removed {count} unused files ({size}).", len(removed)
        ).format(count=len(removed), size=file_size(sum(file.size for file in removed)))
    )
    if failed:
        raise typer.Exit(2)


def unlock(
    email: str | None = typer.Option(None, help=_("E-mail address of the locked account.")),
    address: str | None = typer.Option(None, help=_("IP address that was locked out.")),
    everyone: bool = typer.Option(False, "--all", help=_("Lift every lock.")),
) -> None:
    if sum((email is not None, address is not None, everyone)) != 1:
        raise fail(_("Give exactly one of --email, --address or --all."))
    setup_django()
    from jalon.accounts.lockout import unlock as lift

    if email is not None:
        removed = lift(email=email.strip().lower())
    elif address is not None:
        removed = lift(address=address.strip())
    else:
        removed = lift()
    typer.echo(_("Failed logins forgotten: {count}. Logging in is open again.").format(count=removed))


def check(
    deploy: bool = typer.Option(False, "--deploy", help=_("Also check the settings for a real server.")),
) -> None:
    setup_django()
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=deploy, fail_level="WARNING")
    except SystemCheckError as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(2) from error
