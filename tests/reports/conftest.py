"""Documents made once per test session and language: each is several seconds of WeasyPrint or LibreOffice,
and the tests only read them."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

TODAY = date(2026, 12, 5)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"
_made: dict[tuple[str, str], bytes] = {}


@pytest.fixture
def document(demo) -> Callable[..., bytes]:
    """``document("pdf", "fr")``: the Cloud Kicks roadmap as that file, with every section."""
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    def make(fmt: str, language: str = "fr") -> bytes:
        if (fmt, language) not in _made:
            options = ReportOptions(language=language)
            made = render_report(actor=None, roadmap=demo.roadmap, fmt=fmt, options=options, today=TODAY)  # type: ignore[arg-type]
            _made[(fmt, language)] = made.content
        return _made[(fmt, language)]

    return make


def run(*command: Any, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a real reader (pdftotext, pdftoppm, soffice); fail the test with its error output."""
    program = shutil.which(str(command[0]))
    assert program is not None, f"{command[0]} is not installed: run `make system-deps`"
    result = subprocess.run([program, *map(str, command[1:])], capture_output=True, cwd=cwd, timeout=180)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return run("pdftotext", "-layout", path, "-").stdout.decode()
