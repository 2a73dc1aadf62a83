"""A KPI source's child process ends with its parent: a web server or worker killed mid-query (SIGKILL, the
kernel's out-of-memory killer) used to leave its DuckDB child running until the child's own time limit, a
minute and more of a core and up to a gigabyte of memory."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tests.hang import HANG_SECONDS

pytestmark = pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads processes in /proc")

# A parent like the web server's job thread: it runs a query DuckDB works on for minutes, says its child's
# pid, then "running" once the file is read and the query started.
PARENT = textwrap.dedent(
    """
    import subprocess, sys, tempfile
    from pathlib import Path

    import django

    django.setup()
    from django.conf import settings
    from jalon.strategy.kpis import source_process
    from jalon.strategy.kpis.sources import child_request

    settings.JALON_SOURCE_SECONDS = {hang}  # the child's own limit: far beyond the test's deadline

    class Said(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            print(self.pid, flush=True)

    source_process.subprocess.Popen = Said
    folder = tempfile.mkdtemp(prefix="jalon-orphan-test-")
    data = Path(folder) / "data.csv"
    data.write_text("day,value\\n" + "".join(f"2026-01-{1 + n % 28:02d},{n}\\n" for n in range(200)))
    slow = "select current_date, count(*)::double from data a, data b, data c, data d, data e"
    source_process.run_child(child_request(data, folder, slow), lambda: print("running", flush=True))
    """
).replace("{hang}", str(int(HANG_SECONDS)))  # a child that never answers still ends the test


def gone(pid: int) -> bool:
    """Whether ``pid`` ended (a zombie no one reaped yet has ended too)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in {"Z", "X"}


def test_a_source_child_ends_when_its_parent_is_killed_mid_query(tmp_path: Path) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "jalon.settings"}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True, env=env, cwd=tmp_path
    )
    assert parent.stdout is not None
    child = 0
    try:
        child = int(parent.stdout.readline())
        assert parent.stdout.readline().strip() == "running", "the child read the file and runs the query"
        assert not gone(child)
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 2.0
        while not gone(child) and time.monotonic() < deadline:
            time.sleep(0.02)
        assert gone(child), "the child still runs its query after its parent was killed"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if child and not gone(child):
            os.kill(child, signal.SIGKILL)
