"""Commands for whoever runs Jalon for a team: lift a login lock, run Django's deployment checks."""

from __future__ import annotations

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
