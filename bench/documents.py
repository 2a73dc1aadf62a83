"""Benchmark of the documents (issue 21): seconds and sizes of the PDF report and the slide deck.

    .venv/bin/python bench/documents.py [--repeat 3] [--synthetic 1000] [--only pdf|pptx]

The Cloud Kicks demo roadmap (with its framing, as ``jalon demo`` loads it) and the synthetic roadmap of
``jalon demo --synthetic N`` are loaded into a fresh SQLite database; each document is made ``--repeat``
times after one warm-up (fonts and templates loaded, as in a running server), every section shown, in
French. The goals: Cloud Kicks PDF ≤ 3 s and PPTX ≤ 1 s; 1,000 activities PDF ≤ 20 s and PPTX ≤ 5 s. The
plain baseline beside them: WeasyPrint on a one-page HTML and python-pptx saving a one-slide deck, the floor
of each library on this machine.
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

GOALS_S = {("cloud-kicks", "pdf"): 3.0, ("cloud-kicks", "pptx"): 1.0, ("synthetic", "pdf"): 20.0,
           ("synthetic", "pptx"): 5.0}  # fmt: skip


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


def _baselines(repeat: int) -> dict[str, float]:
    from pptx import Presentation

    from jalon.reports.pdf import html_to_pdf

    def deck() -> bytes:
        presentation = Presentation()
        presentation.slides.add_slide(presentation.slide_layouts[0]).shapes.title.text = "Jalon"
        buffer = io.BytesIO()
        presentation.save(buffer)
        return buffer.getvalue()

    pdf = _timed(lambda: html_to_pdf("<h1>Jalon</h1><p>One page.</p>"), repeat)[0]
    pptx = _timed(deck, repeat)[0]
    return {"pdf": pdf, "pptx": pptx}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--synthetic", type=int, default=1000)
    parser.add_argument("--only", choices=("pdf", "pptx"), help="make this format only")
    args = parser.parse_args()
    _setup()
    from pptx import Presentation

    from jalon.demo.framing import load_demo_framing
    from jalon.demo.loader import load_demo
    from jalon.demo.synthetic import create_synthetic
    from jalon.reports.options import ReportOptions
    from jalon.reports.services import render_report

    cloud_kicks = load_demo(password="bench-password-1").roadmap
    load_demo_framing(cloud_kicks)  # as `jalon demo` loads it: personas, animation plan, a vote
    roadmaps = {
        "cloud-kicks": cloud_kicks,
        "synthetic": create_synthetic(n=args.synthetic, workspace_slug="bench", seed=0, owner=None),
    }
    baseline = _baselines(args.repeat)
    print(
        f"{'roadmap':<14}{'format':<8}{'seconds':>9}{'cpu s':>7}{'goal':>7}{'baseline':>10}{'size (kB)':>11}"
        f"{'pages':>7}"
    )
    failed = []
    for name, roadmap in roadmaps.items():
        for fmt in (args.only,) if args.only else ("pdf", "pptx"):
            seconds, cpu, made = _timed(
                lambda roadmap=roadmap, fmt=fmt: render_report(
                    actor=None, roadmap=roadmap, fmt=fmt, options=ReportOptions()
                ),
                args.repeat,
            )
            if fmt == "pdf":
                pages = _pdf_pages(made.content)
            else:
                pages = len(Presentation(io.BytesIO(made.content)).slides)
            goal = GOALS_S[(name, fmt)]
            verdict = "" if seconds <= goal else "  over the goal"
            if verdict:
                failed.append(f"{name} {fmt}")
            print(
                f"{name:<14}{fmt:<8}{seconds:>9.2f}{cpu:>7.2f}{goal:>7.0f}{baseline[fmt]:>10.2f}"
                f"{len(made.content) / 1024:>11.0f}{pages:>7}{verdict}"
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
