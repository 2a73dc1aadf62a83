"""Time to the first page a reader sees after uploading a 50 MB orders file (the personas page) or a 50 MB
KPI source file, before and after those large first reads moved to background jobs.

    .venv/bin/python bench/large_uploads.py [--mb 50] [--only orders|source]

Both paths run in the same process, one after the other, on the same file, through Django's test client
(the whole request: the multipart upload, the view, the answer; no network):

A 200 kB head of the file is uploaded first, untimed, so that neither side pays the first imports.

- *in the request* (the plain baseline, how every file was read before): the background threshold is
  raised past the file's size, so the request reads the file, segments the customers (or runs the
  query) and answers once the personas (or measurements) are written;
- *background job*: the request saves the file and answers a redirect to the job's page; the figure is
  that request plus the job page's first GET (the progress bar). The job itself is then run in the same
  thread and timed too: the work is the same, the reader no longer waits for it on a spinning page.

The orders file is ``client;date;montant`` lines of 4,000 customers over two years; the KPI source is
the same file read by DuckDB with a weekly revenue query.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent
WEEKLY = "select date_trunc('week', date)::date, sum(montant) from data group by 1 order by 1"


def _setup() -> None:
    os.environ["JALON_HOME"] = tempfile.mkdtemp(prefix="jalon-bench-large-uploads-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jalon.settings")
    os.environ["JALON_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def orders_file(megabytes: int) -> bytes:
    """A ``client;date;montant`` orders file of about ``megabytes`` MB."""
    lines, size, n = ["client;date;montant"], 0, 0
    while size < megabytes * 1024 * 1024 - 64:
        line = f"c{n * 7919 % 4000:05d};{2024 + n % 2}-{n % 12 + 1:02d}-{n % 28 + 1:02d};{n % 190 + 9.5:.2f}"
        lines.append(line)
        size += len(line) + 1
        n += 1
    return ("\n".join(lines) + "\n").encode()


def _timed(action: Callable[[], T]) -> tuple[float, T]:
    started = time.perf_counter()
    answer = action()
    return time.perf_counter() - started, answer


def measure(kind: str, data: bytes) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from jalon.accounts.models import User
    from jalon.demo.loader import load_demo
    from jalon.framing.models import Persona
    from jalon.framing.services import orders as orders_services
    from jalon.jobs import runner
    from jalon.jobs import services as jobs
    from jalon.strategy import services
    from jalon.strategy.kpis import source_services

    roadmap = load_demo(workspace_slug=f"bench-{kind}", password="bench-password").roadmap
    user = User.objects.get(email="demo@jalon.local")
    client = Client()
    client.force_login(user)
    module: Any
    base = f"/w/{roadmap.workspace.slug}/r/{roadmap.slug}/"
    if kind == "orders":
        url, fields, module = base + "framing/personas/", {"op": "upload"}, orders_services
        name = "commandes.csv"
    else:
        services.create_kpi(actor=user, roadmap=roadmap, key="ca-hebdo", name="CA", frequency="weekly")
        url, fields, module = base + "kpis/ca-hebdo/source/", {"query": WEEKLY}, source_services
        name = "commandes.csv"

    def post() -> Any:
        return client.post(url, {**fields, "file": SimpleUploadedFile(name, data)})

    runner.wake = lambda: None  # the job runs below, in this thread, to be timed
    threshold = module.BACKGROUND_FROM_BYTES
    small = data[: data.index(b"\n", 200_000) + 1]  # a warm-up, untimed: imports and first queries
    client.post(url, {**fields, "file": SimpleUploadedFile(name, small)})
    module.BACKGROUND_FROM_BYTES = len(data) + 1  # the baseline: read in the request, as before
    inline, answer = _timed(post)
    assert answer.status_code == 302 and "/jobs/" not in answer["Location"], answer
    module.BACKGROUND_FROM_BYTES = threshold
    queued, answer = _timed(post)
    location = answer["Location"]
    assert "jobs/" in location, location
    page, shown = _timed(lambda: client.get(location))
    assert shown.status_code == 200 and b"progress-bar" in shown.content
    job, ran = _timed(jobs.run_queued)
    assert ran == 1
    size = len(data) / (1024 * 1024)
    written = Persona.objects.filter(framing__roadmap=roadmap).count() if kind == "orders" else None
    print(f"{kind}: {size:.1f} MB file" + (f", {written} personas" if written is not None else ""))
    print(f"  in the request (baseline): first page after {inline:6.2f} s")
    print(
        f"  background job:            first page after {queued + page:6.2f} s (upload and save "
        f"{queued:.2f} s, progress page {page:.2f} s); the job then ran {job:.2f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--mb", type=int, default=50)
    parser.add_argument("--only", choices=("orders", "source"))
    args = parser.parse_args()
    _setup()
    data = orders_file(args.mb)
    for kind in ("orders", "source"):
        if args.only in (None, kind):
            measure(kind, data)


if __name__ == "__main__":
    main()
