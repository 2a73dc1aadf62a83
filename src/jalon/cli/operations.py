"""Commands for whoever runs Jalon for a team: back up and restore, lift a login lock, run Django's
deployment checks (docs/operations.md)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import typer

from jalon.cli.common import fail
from jalon.cli.core import setup_django
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
