"""`jalon serve` for a team: gunicorn with several processes, each running background jobs on its own
threads; security headers on every page; HTTPS settings that believe X-Forwarded-Proto only from the
trusted proxy. Each test starts the real command on a free port of the loopback."""

from __future__ import annotations

import http.cookiejar
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from jalon import server
from tests.jalon_homes import DEMO_PASSWORD

JALON = str(Path(sys.executable).with_name("jalon"))
PASSWORD = DEMO_PASSWORD  # the demo accounts' in a home copied from the template (tests/jalon_homes.py)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def environment(home: Path, **extra: str) -> dict[str, str]:
    """SQLite in ``home``: the server runs outside the test database, on data of its own."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("JALON_", "DJANGO_"))}
    return {
        **clean,
        "JALON_HOME": str(home),
        "JALON_DEMO_PASSWORD": PASSWORD,
        "JALON_LANGUAGE": "en",
        **extra,
    }


def run(*args: str, env: dict[str, str]) -> None:
    done = subprocess.run([JALON, *args], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr


@contextmanager
def serving(home: Path, *args: str, **env: str) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    port = free_port()
    process = subprocess.Popen(
        [JALON, "serve", "--port", str(port), "--no-access-log", *args],
        env=environment(home, **env),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(base + "/healthz", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError):
                pass
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            assert time.monotonic() < deadline, "jalon serve did not answer in 60 s"
            time.sleep(0.2)
        yield base, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(p) for p in (task / "children").read_text().split()]
    return found


def warmed(pid: int) -> bool:
    """Whether the process has loaded scikit-learn's compiled code (its memory map names the files)."""
    return "/sklearn/" in Path(f"/proc/{pid}/maps").read_text()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def browser() -> urllib.request.OpenerDirector:
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect()
    )
    return opener


def cookie(opener: urllib.request.OpenerDirector, name: str) -> str:
    handlers = opener.handlers  # type: ignore[attr-defined]  # set by build_opener; typeshed omits it
    jar = next(h.cookiejar for h in handlers if isinstance(h, urllib.request.HTTPCookieProcessor))
    return next(c.value for c in jar if c.name == name and c.value is not None)


def fetch(opener: urllib.request.OpenerDirector, url: str, **headers: str) -> tuple[int, dict[str, str], str]:
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=30) as answer:
            return answer.status, dict(answer.headers), answer.read().decode()
    except urllib.error.HTTPError as answer:
        return answer.code, dict(answer.headers), answer.read().decode()


def log_in(opener: urllib.request.OpenerDirector, base: str) -> None:
    fetch(opener, base + "/login/")
    token = cookie(opener, "csrftoken")
    data = urllib.parse.urlencode(
        {"username": "demo@jalon.local", "password": PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(base + "/login/", data=data, headers={"Referer": base + "/login/"})
    try:
        opener.open(request, timeout=30)
    except urllib.error.HTTPError as answer:
        assert answer.code == 302, answer.read()


def queue_a_schedule_job(database: Path) -> int:
    """A job queued by a process that stopped before running it (as after a restart)."""
    long_ago = (datetime.now(UTC) - timedelta(minutes=1)).strftime("%Y-%m-%d %H:%M:%S.%f")
    with sqlite3.connect(database) as db:
        workspace, roadmap = db.execute(
            "SELECT workspace_id, id FROM strategy_roadmap WHERE slug='cloud-kicks'"
        ).fetchone()
        cursor = db.execute(
            "INSERT INTO jobs_job (kind, status, progress, message, message_params, params, error,"
            " created_at, updated_at, workspace_id, roadmap_id)"
            " VALUES ('schedule', 'queued', 0, '', '{}', ?, '', ?, ?, ?, ?)",
            (json.dumps({"start": "2026-04-01", "seconds": 1.0}), long_ago, long_ago, workspace, roadmap),
        )
        return int(cursor.lastrowid or 0)


def test_the_server_is_sized_from_the_cores() -> None:
    assert server.size_for(2) == server.ServerSize(workers=5, threads=2)
    assert server.size_for(1).workers == 3
    assert server.size_for(server.cpu_count()).workers >= 3


def test_jalon_serve_runs_gunicorn_workers_that_answer_pages_and_run_background_jobs(demo_home: Path) -> None:
    home = demo_home  # as `jalon migrate` then `jalon demo` leave it
    job = queue_a_schedule_job(home / "jalon.sqlite3")
    with serving(home, "--workers", "2", "--threads", "2") as (base, process):
        # Two worker processes under the gunicorn arbiter. The arbiter forks them one after the other with
        # a short random pause, so the first may answer /healthz before the second exists: wait for it.
        deadline = time.monotonic() + 30
        while len(children(process.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
        assert len(children(process.pid)) == 2
        # Each worker imports scikit-learn's compiled k-means on its own warm-up thread after the fork.
        deadline = time.monotonic() + 60
        while not all(warmed(pid) for pid in children(process.pid)) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert all(warmed(pid) for pid in children(process.pid))
        opener = browser()
        log_in(opener, base)
        status, headers, page = fetch(opener, base + "/w/cloud-kicks/r/cloud-kicks/")
        assert status == 200 and "Cloud Kicks" in page
        assert headers["Server"].startswith("gunicorn")
        assert "script-src 'self'" in headers["Content-Security-Policy"]
        assert "camera=()" in headers["Permissions-Policy"]
        # The status page wakes the job threads of whichever worker answers it; one of them runs the job.
        status_url = f"{base}/w/cloud-kicks/r/cloud-kicks/schedule/jobs/{job}/status/"
        deadline = time.monotonic() + 90
        while fetch(opener, status_url)[0] == 200 and time.monotonic() < deadline:
            time.sleep(0.5)
    with sqlite3.connect(home / "jalon.sqlite3") as db:
        assert db.execute("SELECT status FROM jobs_job WHERE id=?", (job,)).fetchone() == ("done",)


@pytest.mark.parametrize(("trusted", "redirected"), [("127.0.0.1", False), ("", True)])
def test_with_jalon_https_only_the_trusted_proxy_may_say_the_browser_used_https(
    migrated_home: Path, trusted: str, redirected: bool
) -> None:
    home = migrated_home  # as `jalon migrate` leaves it
    env = {"JALON_HTTPS": "true", "JALON_TRUSTED_PROXY": trusted}
    # An installation with an account: on a fresh one, /login/ leads to creating the first account.
    run("createuser", "--email", "admin@example.com", env=environment(home, **env))
    with serving(home, "--workers", "1", **env) as (base, _):
        status, headers, _page = fetch(browser(), base + "/login/", **{"X-Forwarded-Proto": "https"})
        if redirected:
            assert status == 301 and headers["Location"].startswith("https://")
        else:
            assert status == 200
            assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
            assert "Secure" in headers["Set-Cookie"]
        plain = fetch(browser(), base + "/login/")
        assert (
            plain[0] == 301
            and plain[1]["Location"] == "https://127.0.0.1" + base[base.rindex(":") :] + "/login/"
        )
