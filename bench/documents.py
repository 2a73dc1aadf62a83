"""Benchmark of the documents (issue 21): seconds and sizes of the deliverable in every format, the exports.

    .venv/bin/python bench/documents.py [--repeat 3] [--synthetic 1000] [--only pdf|pptx|...]
                                        [--roadmap cloud-kicks|synthetic|consultancy]

The Cloud Kicks demo roadmap (with its framing, as ``jalon demo`` loads it) and the synthetic roadmap of
``jalon demo --synthetic N`` are loaded into a fresh SQLite database; each document is made ``--repeat``
times after one warm-up (fonts and templates loaded, as in a running server), every section shown, in
French. The goals: Cloud Kicks PDF ≤ 3 s and PPTX ≤ 1 s; 1,000 activities PDF ≤ 20 s and PPTX ≤ 5 s. The
plain baseline beside them: WeasyPrint on a one-page HTML and python-pptx saving a one-slide deck, the floor
of each library on this machine. ``--only`` makes one format, ``--roadmap`` one roadmap (the synthetic one is
not built when it is not asked for).

``--roadmap consultancy`` (not made unless asked: it takes minutes to build) is the workspace of
``jalon demo --synthetic 1000 --consultancy`` (``jalon.demo.consultancy``: 150 objectives with 2
sub-objectives each, 450 KPIs of 24 measurements, 1,000 activities...), its KPIs' forecasts stored by the
import's background job first, as a server has them. Every format is measured: the deliverable (PDF, PPTX,
XLSX, Markdown, ICS) and the exports (the roadmap file in YAML and JSON, the backlog in CSV and XLSX).
"""

from __future__ import annotations

import argparse
import io
import os
import shutil
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from typing import Any

DELIVERABLE = ("pdf", "pptx", "xlsx", "md", "ics")
EXPORTS = ("export.yaml", "export.json", "backlog.csv", "backlog.xlsx")
FORMATS, ROADMAPS = DELIVERABLE + EXPORTS, ("cloud-kicks", "synthetic", "consultancy")
DEFAULT_FORMATS = ("pdf", "pptx")  # the two whose goals are set for Cloud Kicks and the synthetic roadmap
GOALS_S = {("cloud-kicks", "pdf"): 3.0, ("cloud-kicks", "pptx"): 1.0, ("synthetic", "pdf"): 20.0,
           ("synthetic", "pptx"): 5.0, ("consultancy", "pdf"): 30.0,
           ("consultancy", "pptx"): 10.0}  # fmt: skip
OTHER_GOAL_S = 5.0  # every other format, at any size


def _setup() -> None:
    os.environ["JALON_HOME"] = tempfile.mkdtemp(prefix="jalon-bench-documents-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalon.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _timed(make: Callable[[], Any], repeat: int) -> tuple[float, float, Any]:
    """Median wall-clock and CPU seconds of ``repeat`` runs after a warm-up, and the last result. The CPU
    figure tells the document's own cost when other processes share the machine."""
    made = make()  # warm-up
    wall, cpu = [], []
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        made = make()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return (statistics.median(wall) if wall else 0.0), (statistics.median(cpu) if cpu else 0.0), made


def _pdf_pages(pdf: bytes) -> int:
    """Pages as poppler's pdfinfo counts them (0 when it is not installed)."""
    if shutil.which("pdfinfo") is None:
        return 0
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=False).stdout.decode()
    return next((int(line.split()[-1]) for line in info.splitlines() if line.startswith("Pages:")), 0)


def _baselines(repeat: int, formats: tuple[str, ...]) -> dict[str, float]:
    from pptx import Presentation

    from jalon.reports.pdf import html_to_pdf

    def deck() -> bytes:
        presentation = Presentation()
        presentation.slides.add_slide(presentation.slide_layouts[0]).shapes.title.text = "Jalon"
        buffer = io.BytesIO()
        presentation.save(buffer)
        return buffer.getvalue()

    makers: dict[str, Callable[[], Any]] = {"pdf": lambda: html_to_pdf("<h1>Jalon</h1><p>One page.</p>"),
                                            "pptx": deck}  # fmt: skip
    return {fmt: _timed(makers[fmt], repeat)[0] if fmt in makers else 0.0 for fmt in formats}


def _maker(roadmap: Any, fmt: str) -> Callable[[], bytes]:
    """The bytes of ``fmt`` for ``roadmap``, as the site makes them (every section of the deliverable)."""
    from jalon.documents.backlog_export import backlog_csv, backlog_xlsx
    from jalon.documents.services import export_roadmap
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    if fmt in DELIVERABLE:
        options = ReportOptions()
        return lambda: render_report(actor=None, roadmap=roadmap, fmt=fmt, options=options).content  # type: ignore[arg-type]
    if fmt.startswith("export."):
        kind = fmt.split(".")[1]
        return lambda: export_roadmap(actor=None, roadmap=roadmap, fmt=kind).encode()  # type: ignore[arg-type]
    return {"backlog.csv": lambda: backlog_csv(actor=None, roadmap=roadmap),
            "backlog.xlsx": lambda: backlog_xlsx(actor=None, roadmap=roadmap)}[fmt]  # fmt: skip


def _pages(fmt: str, made: bytes) -> str:
    from pptx import Presentation

    if fmt == "pdf":
        return str(_pdf_pages(made))
    if fmt == "pptx":
        return str(len(Presentation(io.BytesIO(made)).slides))
    return "-"


def _consultancy() -> Any:
    """The roadmap of ``jalon demo --synthetic 1000 --consultancy``, its forecasts stored by the import's
    job (run here, to its end) as a server's job thread stores them."""
    from jalon.demo.consultancy import CONSULTANCY, create_consultancy
    from jalon.jobs.models import Job, JobStatus
    from jalon.jobs.services import run_queued
    from jalon.strategy.kpis import forecasting

    started = time.perf_counter()
    roadmap = create_consultancy(size=CONSULTANCY, workspace_slug="bench-consultancy", seed=0)
    run_queued()
    while Job.objects.filter(status__in=(JobStatus.QUEUED, JobStatus.RUNNING)).exists():
        time.sleep(0.5)  # one the job thread took first
    forecasting.FORECASTS.clear()
    forecasting.COMBINED.clear()
    print(f"(consultancy built, forecasts stored, in {time.perf_counter() - started:.0f} s)", flush=True)
    return roadmap


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=1000)
    parser.add_argument("--only", choices=FORMATS, help="make only this format")
    parser.add_argument("--all-formats", action="store_true", help="every format, not only the PDF and PPTX")
    parser.add_argument("--roadmap", choices=ROADMAPS, help="make only this roadmap's documents")
    args = parser.parse_args()
    everything = args.all_formats or args.roadmap == "consultancy"
    formats = (args.only,) if args.only else FORMATS if everything else DEFAULT_FORMATS
    _setup()
    from jalon.demo.framing import load_demo_framing
    from jalon.demo.loader import load_demo
    from jalon.demo.synthetic import create_synthetic

    roadmaps = {}
    if args.roadmap in (None, "cloud-kicks"):
        cloud_kicks = load_demo(password="bench-password-1").roadmap
        load_demo_framing(cloud_kicks)  # as `jalon demo` loads it: personas, animation plan, a vote
        roadmaps["cloud-kicks"] = cloud_kicks
    if args.roadmap in (None, "synthetic"):
        roadmaps["synthetic"] = create_synthetic(n=args.synthetic, workspace_slug="bench", seed=0, owner=None)
    if args.roadmap == "consultancy":
        roadmaps["consultancy"] = _consultancy()
    baseline = _baselines(args.repeat, formats)
    print(
        f"{'roadmap':<14}{'format':<14}{'seconds':>9}{'cpu s':>7}{'goal':>7}{'baseline':>10}{'size (kB)':>11}"
        f"{'pages':>7}"
    )
    failed = []
    for name, roadmap in roadmaps.items():
        for fmt in formats:
            seconds, cpu, made = _timed(_maker(roadmap, fmt), args.repeat)
            pages = _pages(fmt, made)
            goal = GOALS_S.get((name, fmt), OTHER_GOAL_S)
            verdict = "" if seconds <= goal else "  over the goal"
            if verdict:
                failed.append(f"{name} {fmt}")
            print(
                f"{name:<14}{fmt:<14}{seconds:>9.2f}{cpu:>7.2f}{goal:>7.0f}{baseline[fmt]:>10.2f}"
                f"{len(made) / 1024:>11.0f}{pages:>7}{verdict}",
                flush=True,
            )
    load = os.getloadavg()[0]
    print(
        f"(synthetic: {args.synthetic} activities; median of {args.repeat} runs after a warm-up; "
        f"load average {load:.1f} on {os.cpu_count()} cores: above it, wall-clock seconds count other "
        "processes' work and the CPU seconds are the documents' own)"
    )
    if failed:
        print("over the goal:", ", ".join(failed))


if __name__ == "__main__":
    main()
