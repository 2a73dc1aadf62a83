"""Commands that work on the database: serve, migrate, demo, users, members, import and export."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from jalon.cli.common import day_option, fail, optional, read_text, refused
from jalon.history import origin
from jalon.i18n import gettext as _

if TYPE_CHECKING:
    from jalon.strategy.models import Roadmap
    from jalon.workspaces.models import Workspace


def setup_django() -> None:
    """Configure Django from JALON_* variables; a bad value stops here with one line."""
    from jalon.config import ConfigError

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalon.settings")
    try:
        import django

        django.setup()
    except ConfigError as error:
        typer.echo(_("Configuration error: {error}").format(error=error), err=True)
        raise typer.Exit(2) from error
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


def workspace_named(workspace: str) -> Workspace:
    """The workspace whose identifier is ``workspace``; none is a refusal that names it."""
    from jalon.workspaces.models import Workspace

    found = Workspace.objects.filter(slug=workspace).first()
    if found is None:
        raise fail(_("No workspace {workspace}.").format(workspace=workspace))
    return found


def roadmap_named(workspace: str, roadmap: str) -> Roadmap:
    """The roadmap ``roadmap`` of the workspace ``workspace``; none is a refusal that names both."""
    from jalon.strategy.models import Roadmap

    found = (
        Roadmap.objects.filter(workspace__slug=workspace, slug=roadmap).select_related("workspace").first()
    )
    if found is None:
        raise fail(
            _("No roadmap {roadmap} in workspace {workspace}.").format(roadmap=roadmap, workspace=workspace)
        )
    return found


def register(app: typer.Typer) -> None:
    app.command("serve", help=_("Serve Jalon on the web."))(serve)
    app.command("migrate", help=_("Create or update the database tables."))(migrate)
    app.command("demo", help=_("Create or refresh the Cloud Kicks demo roadmap."))(demo)
    app.command("createuser", help=_("Create a user who can log in."))(createuser)
    member = typer.Typer(help=_("Manage workspace members."), no_args_is_help=True)
    member.command("add", help=_("Add a member to a workspace or change their role."))(member_add)
    app.add_typer(member, name="member")
    app.command("export", help=_("Export a roadmap as a jalon/1 file."))(export)
    app.command("import", help=_("Import a roadmap from a jalon/1 file (all or nothing)."))(import_)


def serve(
    host: str = typer.Option("127.0.0.1", help=_("Address to listen on.")),
    port: int = typer.Option(8000, min=1, max=65535, help=_("Port to listen on.")),
    workers: int = typer.Option(
        0, min=0, max=64, help=_("Server processes (default: twice the cores plus one).")
    ),
    threads: int = typer.Option(0, min=0, max=64, help=_("Threads per process (default: 2).")),
    access_log: bool = typer.Option(True, "--access-log/--no-access-log", help=_("Log every request.")),
) -> None:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from jalon import server

    call_command("collectstatic", interactive=False, verbosity=0)
    default = server.size_for(server.cpu_count())
    size = server.ServerSize(workers=workers or default.workers, threads=threads or default.threads)
    typer.echo(
        _("Jalon is serving on http://{host}:{port}/ ({workers} processes × {threads} threads)").format(
            host=host, port=port, workers=size.workers, threads=size.threads
        )
    )

    def load() -> Any:
        from django.db import connections

        from jalon.wsgi import application

        connections.close_all()  # loaded before the fork: no worker may inherit the parent's connection
        return application

    options = server.options(
        host=host,
        port=port,
        size=size,
        trusted_proxies=list(settings.JALON_TRUSTED_PROXIES),
        access_log=access_log,
    )
    # The workers fork from this command: what the site records is people's doing, not the command line's.
    with origin.acting(origin.Origin.WEB):
        server.JalonServer(load, options).run()


def migrate() -> None:
    setup_django()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    typer.echo(_("Database is up to date."))


def demo(
    workspace: str = typer.Option("cloud-kicks", help=_("Workspace identifier.")),
    synthetic: int = typer.Option(
        0,
        min=0,
        max=100_000,
        help=_("Instead of Cloud Kicks, a synthetic roadmap with this many activities."),
    ),
    seed: int = typer.Option(0, help=_("Random seed of the synthetic roadmap.")),
    consultancy: bool = typer.Option(
        False,
        "--consultancy",
        help=_(
            "With --synthetic: a consultancy's workspace at its real size around the N activities (150 "
            "objectives with their KPIs, 300 risks, 400 plan actions, 20,000 changes, 30 roadmaps)."
        ),
    ),
    today: str | None = optional(
        "--today", _("Day the demo is loaded for, YYYY-MM-DD (default: today): its dates move with it.")
    ),
) -> None:
    day = None if today is None else day_option(today, "--today")
    setup_django()
    password = os.environ.get("JALON_DEMO_PASSWORD") or None
    if synthetic:
        workspace = "bench" if workspace == "cloud-kicks" else workspace
        _synthetic(synthetic, workspace=workspace, seed=seed, password=password, consultancy=consultancy)
        return
    from django.utils import timezone, translation

    from jalon.demo.framing import load_demo_framing
    from jalon.demo.loader import load_demo
    from jalon.demo.review import load_demo_review
    from jalon.documents.roadmap_file import FileProblems
    from jalon.errors import ValidationFailed
    from jalon.i18n import cli_language

    day = day or timezone.localdate()
    with translation.override(cli_language()):  # a refusal in the command's language
        try:
            outcome = load_demo(workspace_slug=workspace, password=password, today=day)
        except ValidationFailed as error:
            raise refused(error) from error
        except FileProblems as error:  # another roadmap of the demo's title saved during the load
            raise fail(" ".join(message for _where, message in error.problems)) from error
    load_demo_framing(outcome.roadmap, today=day)
    load_demo_review(outcome.roadmap, today=day)
    typer.echo(_("Demo roadmap ready: workspace {workspace}, roadmap {roadmap}.").format(
        workspace=outcome.workspace.slug, roadmap=outcome.roadmap.slug))  # fmt: skip
    _demo_login(outcome.email, outcome.generated_password)


def _demo_login(email: str, generated_password: str | None) -> None:
    if generated_password:
        typer.echo(_("Demo login: {email} / password: {password} (shown once)").format(
            email=email, password=generated_password))  # fmt: skip
    else:
        typer.echo(
            _("Demo login: {email} (set JALON_DEMO_PASSWORD to choose a new password)").format(email=email)
        )


def _synthetic(n: int, *, workspace: str, seed: int, password: str | None, consultancy: bool = False) -> None:
    from dataclasses import replace

    from django.utils import translation

    from jalon.demo.consultancy import CONSULTANCY, create_consultancy
    from jalon.demo.loader import demo_owner
    from jalon.demo.synthetic import create_synthetic
    from jalon.errors import ValidationFailed
    from jalon.i18n import cli_language

    owner, generated = demo_owner(password=password)  # the workspace gets an owner, as the demo's has
    with translation.override(cli_language()):
        try:
            if consultancy:
                size = replace(CONSULTANCY, activities=n)
                roadmap = create_consultancy(size=size, workspace_slug=workspace, seed=seed, owner=owner)
            else:
                roadmap = create_synthetic(n=n, workspace_slug=workspace, seed=seed, owner=owner)
        except ValidationFailed as error:
            raise refused(error) from error
    typer.echo(
        _("Synthetic roadmap ready: workspace {workspace}, roadmap {roadmap}, {count} activities.").format(
            workspace=roadmap.workspace.slug, roadmap=roadmap.slug, count=n
        )
    )
    _demo_login(owner.email, generated)


def createuser(
    email: str = typer.Option(..., help=_("E-mail address (the login).")),
    password_stdin: bool = typer.Option(
        False, "--password-stdin", help=_("Read the password from standard input.")
    ),
) -> None:
    setup_django()
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from jalon.accounts.models import User

    try:
        validate_email(email)
    except ValidationError as error:
        raise fail(_("{email} is not a valid e-mail address.").format(email=email)) from error
    if User.objects.filter(email__iexact=email).exists():
        raise fail(_("A user with the e-mail {email} already exists.").format(email=email))
    password = sys.stdin.readline().rstrip("\n") if password_stdin else secrets.token_urlsafe(12)
    if len(password) < 8:
        raise fail(_("The password must have at least 8 characters."))
    from django.db import transaction
    from django.utils import translation

    from jalon.accounts.services import new_account
    from jalon.errors import ValidationFailed
    from jalon.i18n import cli_language

    # The sign-up page's rules (a common password is refused), in the command's language.
    with translation.override(cli_language()), transaction.atomic():
        try:
            new_account(email=email, password=password)
        except ValidationFailed as error:
            raise refused(error) from error
    typer.echo(_("User {email} created.").format(email=email))
    if not password_stdin:
        typer.echo(_("Password: {password} (shown once)").format(password=password))


def member_add(
    workspace: str = typer.Option(..., help=_("Workspace identifier.")),
    email: str = typer.Option(..., help=_("E-mail address of the user.")),
    role: str = typer.Option(..., help=_("owner, editor, viewer or stakeholder.")),
) -> None:
    setup_django()
    from django.utils import translation

    from jalon.accounts.models import User
    from jalon.errors import ValidationFailed
    from jalon.i18n import cli_language
    from jalon.workspaces.models import Role
    from jalon.workspaces.services import set_membership

    found = workspace_named(workspace)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        raise fail(_("No user {email}; create it first with jalon createuser.").format(email=email))
    # The refusal and the role as the members page words them, in the command's language.
    with translation.override(cli_language()):
        try:
            set_membership(actor=None, workspace=found, user=user, role=role)
        except ValidationFailed as error:
            raise refused(error) from error
        said = str(Role(role).label)
    typer.echo(_("{email} is now {role} of {workspace}.").format(email=email, role=said, workspace=workspace))


def export(
    workspace: str = typer.Option(..., help=_("Workspace identifier.")),
    roadmap: str = typer.Option(..., help=_("Roadmap identifier.")),
    format: str = typer.Option("yaml", help=_("yaml or json.")),
    output: Path | None = typer.Option(None, help=_("File to write (standard output by default).")),
) -> None:
    setup_django()
    from jalon.documents.services import export_roadmap

    if format not in ("yaml", "json"):
        raise fail(_("The format must be yaml or json."))
    found = roadmap_named(workspace, roadmap)
    text = export_roadmap(actor=None, roadmap=found, fmt="json" if format == "json" else "yaml")
    if output is None:
        sys.stdout.write(text)
    else:
        output.write_text(text, encoding="utf-8")


def import_(
    file: Path = typer.Argument(..., help=_("A .yaml or .json roadmap file.")),
    workspace: str = typer.Option(..., help=_("Workspace identifier.")),
    replace: bool = typer.Option(False, "--replace", help=_("Replace a roadmap with the same identifier.")),
    yes: bool = typer.Option(
        False, "--yes", help=_("Replace without asking (what is lost is listed, the old roadmap kept).")
    ),
) -> None:
    setup_django()
    from django.utils import translation

    from jalon.documents.replace import ReplaceNeedsConfirmation
    from jalon.documents.roadmap_file import FileProblems, guess_format
    from jalon.documents.services import import_roadmap
    from jalon.i18n import cli_language

    found = workspace_named(workspace)
    text = read_text(file)
    fmt = guess_format(file.name, text)
    confirmed = yes
    while True:
        try:
            with translation.override(cli_language()):  # the file's problems in the command's language
                roadmap = import_roadmap(
                    actor=None, workspace=found, text=text, fmt=fmt, replace=replace, confirmed=confirmed
                )
        except FileProblems as error:
            typer.echo(_("Nothing was imported. Problems found:"), err=True)
            for where, message in error.problems:
                typer.echo(f"  {where}: {message}", err=True)
            raise typer.Exit(2) from error
        except ReplaceNeedsConfirmation as question:
            with translation.override(cli_language()):
                lines = question.losses.lines()
            confirmed = _confirm_replace(lines)
            continue
        break
    typer.echo(
        _("Roadmap {roadmap} imported into {workspace}.").format(roadmap=roadmap.slug, workspace=workspace)
    )


def _confirm_replace(lines: list[str]) -> bool:
    """Ask at a terminal; elsewhere (a script, a pipe) refuse, since nobody can answer."""
    for line in lines:
        typer.echo(line, err=True)
    if sys.stdin.isatty() and typer.confirm(_("Replace it?"), default=False, err=True):
        return True
    typer.echo(_("Nothing was replaced. Add --yes to replace it."), err=True)
    raise typer.Exit(2)
