"""Documents made once per test run and language (their tests are one xdist group): each is several seconds
of WeasyPrint or LibreOffice, and the tests only read them. The roadmap is Cloud Kicks as `jalon demo`
makes it (with its framing), plus an experience map and a few ballots, so that every part of the framing
section shows."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

TODAY = date(2026, 12, 5)
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "reports"
_made: dict[tuple[str, str], bytes] = {}
_drawn: dict[str, bytes] = {}  # language -> the PDF LibreOffice drew from that deck


JOURNEY = (  # (step, touchpoint, kind, feels, pains, opportunities)
    ("Découvre la collection", "Instagram", "digital", 1, "", "Lien direct vers la fiche produit"),
    ("Essaie en magasin", "Magasin de Lyon", "store", 2, "", ""),
    (
        "Paie en ligne",
        "Site e-commerce",
        "digital",
        -2,
        "Frais de port surprises",
        "Retrait gratuit en magasin",
    ),
    ("Reçoit la newsletter", "E-mail", "digital", 0, "", ""),
)


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook, which reads the groups
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that read a ``document`` are one xdist group: one worker makes each document once, where two
    workers made each of them once apiece (a PDF is seconds of WeasyPrint, a deck more).
    tests/reports/test_documents_one_language.py is in the same group: its files share these documents."""
    here = Path(__file__).parent
    for item in items:
        if "document" in getattr(item, "fixturenames", ()) and item.path.is_relative_to(here):
            item.add_marker(pytest.mark.xdist_group("documents"))


@pytest.fixture
def framed(demo):
    """The demo roadmap's framing as `jalon demo` loads it (three stakeholders' ballots on its vote), with an
    experience map for the first persona and the demo user's ballot."""
    return frame(demo.roadmap)


def frame(roadmap: Any) -> Any:
    """Load the demo's framing on ``roadmap``, then add an experience map and a ballot (see ``framed``)."""
    from jalon.accounts.models import User
    from jalon.demo.framing import load_demo_framing
    from jalon.framing import services
    from jalon.framing.models import JourneyStep

    framing = load_demo_framing(roadmap)
    persona = framing.personas.first()
    for name, touchpoint, kind, feels, pains, opportunities in JOURNEY:
        services.create(JourneyStep, actor=None, framing=framing, persona=persona, name=name,
                        touchpoint=touchpoint, kind=kind, feels=feels, pains=pains,
                        opportunities=opportunities)  # fmt: skip
    vote = framing.votes.get()
    options = list(vote.options.all())
    owner = User.objects.get(email="demo@jalon.local")
    services.cast(actor=owner, vote=vote, points={options[1].pk: 2, options[0].pk: 1})
    return framing


@pytest.fixture
def document(demo, request: pytest.FixtureRequest) -> Callable[..., bytes]:
    """``document("pdf", "fr")``: the Cloud Kicks roadmap (with its framing) as that file, every section. The
    framing is loaded only to make a document not made yet: a test reading one already made skips it."""
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    def make(fmt: str, language: str = "fr") -> bytes:
        def render() -> bytes:
            request.getfixturevalue("framed")
            options = ReportOptions(language=language)
            made = render_report(actor=None, roadmap=demo.roadmap, fmt=fmt, options=options, today=TODAY)  # type: ignore[arg-type]
            return made.content

        return made_once(fmt, language, render)

    return make


def made_once(fmt: str, language: str, render: Callable[[], bytes]) -> bytes:
    """The Cloud Kicks roadmap (with its framing, on ``TODAY``, every section) as ``fmt`` in ``language``,
    rendered by ``render`` the first time this process asks for it. ``document`` and the files of
    tests/reports/test_documents_one_language.py (one xdist group with the tests reading a ``document``)
    share it: each document made twice cost some 20 s of CPU per test group, SQLite and PostgreSQL."""
    if (fmt, language) not in _made:
        _made[(fmt, language)] = render()
    return _made[(fmt, language)]


@pytest.fixture
def drawn_deck(document: Callable[..., bytes], tmp_path: Path) -> Callable[[str], Path]:
    """``drawn_deck("fr")``: the PDF LibreOffice Impress draws from ``document("pptx", "fr")``, written in the
    test's ``tmp_path``. Drawn the first time this process asks for it, as the deck is made once: the tests
    that look at the whole deck drawn (tests/reports/test_other_files.py, test_framing_section.py) each
    converted the same deck, some 3 s of CPU a conversion, on SQLite and again on PostgreSQL."""

    def draw(language: str) -> Path:
        pdf = tmp_path / f"cloud-kicks-{language}.pdf"
        if language not in _drawn:
            deck = tmp_path / f"cloud-kicks-{language}.pptx"
            deck.write_bytes(document("pptx", language))
            _drawn[language] = deck_as_pdf(deck).read_bytes()
        pdf.write_bytes(_drawn[language])
        return pdf

    return draw


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page, in order."""
    return pdf_text(pdf, tmp_path).split("\f")


def keep_pages(pdf: Path, numbers: dict[str, int], tmp_path: Path, prefix: str) -> None:
    """Draw the pages ``numbers`` names (1-based) and keep them under ``test-artifacts/reports/``."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    for name, number in numbers.items():
        run("pdftoppm", "-r", "60", "-png", "-singlefile", "-f", number, "-l", number, pdf, tmp_path / name)
        shutil.copy(tmp_path / f"{name}.png", ARTIFACTS / f"{prefix}-{name}.png")


def run(*command: Any, cwd: Path | None = None) -> subprocess.CompletedProcess[bytes]:
    """Run a real reader (pdftotext, pdftoppm, soffice); fail the test with its error output."""
    program = shutil.which(str(command[0]))
    assert program is not None, f"{command[0]} is not installed: run `make system-deps`"
    # In a session of its own, killed as a group: ``soffice`` is a script whose ``soffice.bin`` outlived a
    # timeout that killed only the script, and kept a core busy for the rest of the run.
    with subprocess.Popen(
        [program, *map(str, command[1:])],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=cwd,
        start_new_session=True,
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    result = subprocess.CompletedProcess(process.args, process.returncode, stdout, stderr)
    assert result.returncode == 0, result.stderr.decode(errors="replace")
    return result


def deck_as_pdf(deck: Path) -> Path:
    """``deck`` converted by LibreOffice Impress into the PDF beside it. With a profile of its own: two
    LibreOffice processes sharing the default one (the other xdist worker converting a deck at the same
    moment) make the second exit with 1 and no file."""
    profile = (deck.parent / f"{deck.stem}-profile").as_uri()
    run("soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
        deck.parent, deck, cwd=deck.parent)  # fmt: skip
    return deck.with_suffix(".pdf")


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    return run("pdftotext", "-layout", path, "-").stdout.decode()
