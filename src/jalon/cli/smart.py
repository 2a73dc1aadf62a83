"""`jalon smart …` commands (placeholder until the engine lands)."""

from __future__ import annotations

import typer

app = typer.Typer(no_args_is_help=True)


def command() -> None:
    typer.echo("not implemented yet")
    raise typer.Exit(1)
