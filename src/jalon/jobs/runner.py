"""The web process's job threads: ``jalon serve`` (or any WSGI server) runs queued jobs itself, so a
background job needs no other process under ``make run``.

``wake()`` is called after a job's transaction commits. Each wake submits one drain task to a small
thread pool; a drain task claims queued jobs until none is left, so a job queued while another runs is
never forgotten, and a job left queued by a stopped process is picked up by the next wake (or by
``jalon worker``). The pool starts on first use: a process that never starts a job has no thread.

Under ``jalon serve`` each gunicorn worker process has its own pool. A forked child forgets its parent's
pool (threads do not survive a fork; the child starts its own on first use), and several processes can
drain at once safely because each job is claimed by one conditional UPDATE.
"""

from __future__ import annotations

import logging
import os
import threading
from concurrent.futures import ThreadPoolExecutor

from django.db import close_old_connections, connection

logger = logging.getLogger(__name__)

THREADS = 2
"""Jobs that may run at the same time in one web process (the engines use one core each)."""

_lock = threading.Lock()
_pool: ThreadPoolExecutor | None = None


def _forget_parent_pool() -> None:
    global _lock, _pool
    _lock = threading.Lock()
    _pool = None


os.register_at_fork(after_in_child=_forget_parent_pool)


def wake() -> None:
    global _pool
    with _lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(max_workers=THREADS, thread_name_prefix="jalon-job")
        pool = _pool
    pool.submit(drain)


def drain() -> int:
    """Run queued jobs in this thread until the queue is empty; how many ran."""
    from jalon.jobs import services

    close_old_connections()
    try:
        services.recover_stale()
        return services.run_queued()
    except Exception:  # the thread must survive anything, the next wake retries
        logger.exception("job thread failed")
        return 0
    finally:
        connection.close()
