"""Running the ``jalon`` command in a test, as a person types it."""

from __future__ import annotations

from typing import Any

from typer.testing import CliRunner

from jalon.cli import app

runner = CliRunner()


def jalon(*args: str, env: dict[str, str] | None = None, input: str | None = None) -> Any:
    return runner.invoke(app, list(args), env=env, input=input)
