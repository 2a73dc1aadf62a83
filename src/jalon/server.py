"""`jalon serve`: the web application under gunicorn, several processes with several threads each.

Background jobs need no other process: each worker process runs the jobs it queued on its own job
threads (``jalon.jobs.runner``), and a job is claimed by one conditional UPDATE, so whichever process
asks first runs it and no job runs twice. Gunicorn's gthread workers keep answering their heartbeat from
their main thread while a job thread computes, so a long job never gets its worker killed.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from gunicorn.app.base import BaseApplication

from jalon import warmup


def cpu_count() -> int:
    """Cores this process may use (a container's or a taskset's limit, not the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


@dataclass(frozen=True)
class ServerSize:
    workers: int
    threads: int


def size_for(cpus: int) -> ServerSize:
    """Gunicorn's rule of thumb, 2 x cores + 1 processes, each with 2 threads: a page is mostly Python
    (one core at a time per process) and waits a little on the database, so a second thread keeps the
    process busy while one waits. More threads only queue for the same interpreter lock, and a thread
    holding SQLite's write lock while it waits for its turn makes every other writer wait too."""
    return ServerSize(workers=2 * max(1, cpus) + 1, threads=2)


def options(
    *,
    host: str,
    port: int,
    size: ServerSize,
    trusted_proxies: list[str],
    access_log: bool = True,
) -> dict[str, Any]:
    """Gunicorn's settings for Jalon."""
    return {
        "bind": [f"[{host}]:{port}" if ":" in host else f"{host}:{port}"],
        "workers": size.workers,
        "threads": size.threads,
        "worker_class": "gthread",
        # Load Django once, then fork: workers share its memory and start fast.
        "preload_app": True,
        "timeout": 60,
        "graceful_timeout": 30,
        # Keep an idle connection open longer than a reader looks at a page (gunicorn's 2 s would close
        # it under the browser's feet) and as long as a proxy keeps its own (nginx: 75 s).
        "keepalive": 75,
        "accesslog": "-" if access_log else None,
        "errorlog": "-",
        # Who may say, with X-Forwarded-Proto, that the browser used HTTPS: only the proxy in front.
        "forwarded_allow_ips": ",".join(trusted_proxies) if trusted_proxies else "",
        "proc_name": "jalon",
        "control_socket_disable": True,  # several Jalons may run on one machine; none needs it
        "post_fork": warm_after_fork,
    }


def warm_after_fork(_arbiter: Any, _worker: Any) -> None:
    """Each worker imports the rarer pages' libraries on its own thread (threads do not survive a fork,
    and importing them in the arbiter before forking would delay the server's readiness)."""
    warmup.start()


class JalonServer(BaseApplication):  # type: ignore[misc]
    def __init__(self, load: Callable[[], Any], settings: Mapping[str, Any]) -> None:
        self._load = load
        self._settings = dict(settings)
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._settings.items():
            if value is not None or key == "accesslog":
                self.cfg.set(key, value)

    def load(self) -> Any:
        return self._load()
