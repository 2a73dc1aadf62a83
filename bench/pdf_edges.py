"""Benchmark of the PDF report of a roadmap at the edge of its forms (tests/edge_values.py): texts at their
longest (20,000 characters in table cells, 300-character words), 40 animation plan actions, many rows.

    .venv/bin/python bench/pdf_edges.py [--language fr] [--limit 120]

The roadmap is built in a fresh SQLite database; its PDF (every section) is made twice in the same run, each
in a child process, and timed in wall-clock and CPU seconds (the CPU figure tells the document's own cost when
other processes share the machine): as the report makes it (``pdf_text.breakable`` then WeasyPrint with
``overflow-wrap: break-word``), and as it was made before, the baseline (no break opportunity added, the
html's ``overflow-wrap: anywhere``), stopped after ``--limit`` seconds (it did not finish in minutes). The
goal: the edge roadmap's PDF under 20 s. Printed also: the PDF's pages, and whether every long text's
beginning is in its text (pdftotext).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL_S = 20.0
OLD_RULE = "<style>html { overflow-wrap: anywhere; }</style></head>"


def _setup() -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # tests.edge_values
    os.environ["JALON_HOME"] = tempfile.mkdtemp(prefix="jalon-bench-pdf-edges-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalon.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def _make(html: str, pictures: dict[str, str], out: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from jalon.reports.pdf import StaticOnlyFetcher, html_to_pdf

    started, started_cpu = time.perf_counter(), time.process_time()
    Path(out).write_bytes(html_to_pdf(html, fetcher=StaticOnlyFetcher(pictures)))
    queue.put((time.perf_counter() - started, time.process_time() - started_cpu))


def _timed(html: str, pictures: dict[str, str], out: str, limit: float) -> tuple[float, float] | None:
    """Wall-clock and CPU seconds of one PDF made in a child process, None when it ran past ``limit``."""
    queue: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    child = multiprocessing.get_context("fork").Process(target=_make, args=(html, pictures, out, queue))
    child.start()
    child.join(limit)
    if child.is_alive():
        child.kill()
        child.join()
        return None
    return queue.get(timeout=5)  # type: ignore[no-any-return]


def _said(pdf: Path, beginnings: list[str]) -> str:
    if shutil.which("pdftotext") is None or not pdf.exists():
        return "?"
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    flat = "".join(pages.replace("\u200b", "").split())
    return "yes" if all("".join(b.split()) in flat for b in beginnings) else "NO"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--language", default="fr", choices=("fr", "en"))
    parser.add_argument("--limit", type=float, default=120.0, help="seconds the baseline may take")
    args = parser.parse_args()
    _setup()
    from tests.edge_values import WORD, make_edge_roadmap
    from tests.factories import make_team

    from jalon.reports.collect import collect_report
    from jalon.reports.options import ReportOptions
    from jalon.reports.pdf import pictures_of, report_html
    from jalon.reports.pdf_text import breakable

    roadmap = make_edge_roadmap(make_team())
    report = collect_report(roadmap, ReportOptions(language=args.language))
    html, pictures = report_html(report), pictures_of(report)
    folder = Path(tempfile.mkdtemp(prefix="jalon-pdf-edges-"))
    beginnings = [WORD[:60], "<script>alert('x')</script>"]
    print(f"{'css':<34}{'seconds':>9}{'cpu s':>8}{'goal':>7}{'text':>6}")
    for name, page, limit in (("ours (breakable, break-word)", breakable(html), 10 * GOAL_S),
                              ("baseline (overflow-wrap: anywhere)", html.replace("</head>", OLD_RULE, 1),
                               args.limit)):  # fmt: skip
        out = folder / f"{name.split()[0]}.pdf"
        took = _timed(page, pictures, str(out), limit)
        seconds, cpu = (f"{took[0]:.1f}", f"{took[1]:.1f}") if took else (f">{limit:.0f}", "—")
        print(
            f"{name:<34}{seconds:>9}{cpu:>8}{GOAL_S:>7.0f}{_said(out, beginnings) if took else '—':>6}",
            flush=True,
        )
    print(f"PDFs in {folder}")


if __name__ == "__main__":
    main()
