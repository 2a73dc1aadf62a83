"""Import the heavy libraries of the rarer pages on a daemon thread once a server process has started.

Start-up loads Django, the views and the engines every page needs; the libraries behind an RFM upload
(scikit-learn), a PDF or PPTX report (WeasyPrint, python-pptx) or a portfolio run (OR-Tools' linear
solver) are imported on first use, and the knowledge playbook and each template on first read, so the
first person to use each paid seconds for it (bench/cold_start.py). Each gunicorn worker loads them
here right after the fork instead: the worker answers at once and the loading happens while nobody is
waiting yet. A failing step is logged and skipped; the request that needs it will meet the same error
where it is handled.
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
import threading
import time
from collections.abc import Sequence
from pathlib import Path

logger = logging.getLogger(__name__)

# What the first requests would otherwise load, heaviest first: a module to import, or a
# ``module:function`` to import and call (a loader that caches what it reads).
STEPS = (
    "sklearn.cluster",  # RFM personas: k-means (jalon.engines.rfm imports it when it clusters)
    "threadpoolctl",  # RFM personas: k-means on one thread
    "jalon.reports.pdf",  # WeasyPrint
    "scipy.optimize",  # RFM persona names: linear_sum_assignment
    "jalon.engines.portfolio_mkp",  # OR-Tools' linear solver
    "jalon.reports.slides",  # python-pptx
    "jalon.reports.slides_framing",
    "jalon.reports.slides_timeline",
    "jalon.knowledge.loader:load_knowledge",  # the KPI, advisor and backlog pages: the YAML playbook
    "holidays.countries",  # the portfolio, schedule and calendar pages: every country's holidays
    "jalon.warmup:compile_templates",
)

_ENABLED = "JALON_WARMUP"
# A thread importing holds the interpreter most of the time: started at once, it held up the worker's
# first answers by 0.8 s (bench/cold_start.py --settle 0, quiet machine); a second later the worker is
# already answering and only shares the interpreter with the first requests.
AFTER_SECONDS = 1.0


def enabled() -> bool:
    """On unless JALON_WARMUP says 0/false/no/off (for a measurement or a process short of memory)."""
    return os.environ.get(_ENABLED, "1").strip().lower() not in ("0", "false", "no", "off")


def compile_templates() -> None:
    """Compile every page template into Django's cached loader (each page's first visit would)."""
    from django.template.loader import get_template

    root = Path(__file__).resolve().parent / "templates"
    for path in sorted(root.rglob("*.html")):
        get_template(path.relative_to(root).as_posix())


def warm(steps: Sequence[str] = STEPS) -> list[str]:
    """Run ``steps``; return those that failed (each logged, none raised)."""
    started = time.perf_counter()
    failed: list[str] = []
    for step in steps:
        name, _, function = step.partition(":")
        try:
            module = importlib.import_module(name)
            if function:
                getattr(module, function)()
        except Exception:  # any failure is the request's to report, never the server's
            logger.warning("warm-up: %s failed", step, exc_info=True)
            failed.append(step)
    # What was imported lives as long as the process: out of the full collections, like start-up's
    # (jalon.wsgi; without its collection, which would pause the requests being served meanwhile).
    gc.freeze()
    logger.info("warm-up: %d steps in %.1f s", len(steps) - len(failed), time.perf_counter() - started)
    return failed


def start(steps: Sequence[str] = STEPS, *, after: float = AFTER_SECONDS) -> threading.Thread | None:
    """Run ``steps`` on a daemon thread (it never holds up the process's exit) ``after`` seconds, once
    the process answers requests; None when disabled."""
    if not enabled():
        return None
    thread = threading.Timer(after, warm, args=(steps,))
    thread.name, thread.daemon = "jalon-warmup", True
    thread.start()
    return thread
