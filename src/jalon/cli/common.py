"""What every `jalon` command shares: how a refusal is printed."""

from __future__ import annotations

import typer


def fail(message: str) -> typer.Exit:
    """Print ``message`` on one line of standard error; raise the result to exit with code 2."""
    typer.echo(" ".join(message.splitlines()), err=True)
    return typer.Exit(2)
