"""`jalon --help` and `jalon <command> --help` answer at once: no command imports the solvers, the data
libraries or the PDF engine before it runs (bench/cli_start.py measures the time)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

# Not pydantic: Typer (0.29) imports it itself to read a command's options, even for --help.
HEAVY = ("ortools", "pandas", "scipy", "weasyprint", "duckdb", "statsforecast", "numpy", "django")

# Runs every help screen in one fresh interpreter and reports, per screen, the heavy packages imported so far.
PROBE = """
import json, sys
import typer.main
from jalon.cli import app, main

HEAVY = {heavy!r}

def screens(command, path):
    yield path
    for name, sub in sorted(getattr(command, "commands", {{}}).items()):
        yield from screens(sub, [*path, name])

found = {{}}
for path in screens(typer.main.get_command(app), []):
    sys.argv = ["jalon", *path, "--help"]
    try:
        main()
    except SystemExit as done:
        assert done.code in (0, None), (path, done.code)
    found[" ".join(path) or "jalon"] = sorted(m for m in HEAVY if m in sys.modules)
print(json.dumps(found))
"""


@pytest.fixture(scope="module")
def heavy_by_screen(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[str]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("JALON_", "DJANGO_"))}
    env["JALON_HOME"] = str(tmp_path_factory.mktemp("home"))
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(heavy=HEAVY)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        cwd=Path(__file__).parent,
    )
    found: dict[str, list[str]] = json.loads(done.stdout.splitlines()[-1])
    return found


def test_jalon_help_imports_no_solver_data_library_or_pdf_engine(
    heavy_by_screen: dict[str, list[str]],
) -> None:
    assert heavy_by_screen["jalon"] == []


def test_no_command_help_imports_a_heavy_dependency(heavy_by_screen: dict[str, list[str]]) -> None:
    assert {
        "forecast",
        "smart",
        "advise",
        "portfolio solve",
        "schedule psplib",
        "framing rfm",
        "report",
    } <= set(heavy_by_screen)
    assert {screen: heavy for screen, heavy in heavy_by_screen.items() if heavy} == {}
