"""Run a KPI source's DuckDB work in a child process (``source_child``), capped in memory and in time.

Measured in the web server's own process, a query whose strings differ per row took about 2 GB per chunk
inside DuckDB whatever its ``memory_limit`` said, for about 50 seconds: the page's refresh or ``jalon
worker`` could run the server out of memory, for every workspace. The child has at most
``JALON_SOURCE_MEMORY_MB`` of data (``RLIMIT_DATA``), and is killed when a step (reading the file, then the
query) lasts ``JALON_SOURCE_SECONDS`` and a few seconds more without DuckDB stopping it itself.

The child is a new interpreter (``python -m``), never a fork: forking a threaded Django process is unsafe.
Its start costs about 0.1 s, mostly DuckDB's import (bench/kpi_sources.py: a plain query 18 ms in
this process, 115 ms through the child, on a quiet machine). The child ends with this process: a server
killed mid-query leaves no DuckDB running (``source_child.end_with_parent``).
"""

from __future__ import annotations

import contextlib
import os
import pickle
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from typing import IO, Any

from django.conf import settings

from jalon.strategy.kpis import source_child
from jalon.strategy.kpis.source_child import MEMORY_EXIT

DEFAULT_MEMORY_MB = 1024
DEFAULT_SECONDS = 60.0
GRACE_SECONDS = 5.0  # past a step's limit, DuckDB's own interruption is waited for this long, then the kill
CHILD = source_child.__name__  # run as a module by a new interpreter: it imports no Django


class ChildOverMemory(Exception):
    """The child ran out of the memory a source may use: refused by the system, or it died of it."""


class ChildTooLong(Exception):
    """The child's step (``what``: "file" or "query") outlasted its limit and was killed."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def memory_mb() -> int:
    """The memory, in MB, a source's child may use (``JALON_SOURCE_MEMORY_MB``)."""
    return int(getattr(settings, "JALON_SOURCE_MEMORY_MB", DEFAULT_MEMORY_MB))


def seconds() -> float:
    """How long reading a source's file, then its query, may each last (``JALON_SOURCE_SECONDS``)."""
    return float(getattr(settings, "JALON_SOURCE_SECONDS", DEFAULT_SECONDS))


def _read_messages(stream: IO[bytes], messages: queue.Queue[tuple[Any, ...] | None]) -> None:
    """Each pickled message on ``stream`` into ``messages``, then ``None`` once it ends."""
    try:
        while True:
            messages.put(pickle.load(stream))
    except (EOFError, OSError, ValueError, pickle.UnpicklingError):
        messages.put(None)


def capped(request: dict[str, Any], budget: float | None) -> tuple[dict[str, Any], float]:
    """``request`` with the memory cap and the seconds of each step, and those seconds: with a ``budget`` (a
    page's inline run) the budget, for reading and query together."""
    limit = seconds() if budget is None else min(budget, seconds())
    return {**request, "memory_mb": memory_mb(), "seconds": limit, "whole": budget is not None}, limit


def run_child(
    request: dict[str, Any], loaded: Callable[[], None] | None = None, *, budget: float | None = None
) -> tuple[Any, ...]:
    """The child's last message for ``request`` (``("rows", …)`` or ``("error", …)``), calling ``loaded``
    when it says the file is read; :class:`ChildTooLong` or :class:`ChildOverMemory` when it was killed or
    died. ``request`` gets the memory cap and the step's seconds here; with a ``budget`` (a page's inline
    run) those seconds are the budget, for reading and query together."""
    request, limit = capped(request, budget)
    process = subprocess.Popen(  # our own module, run by our own interpreter
        [sys.executable, "-m", CHILD, str(os.getpid())],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        close_fds=True,
    )
    assert process.stdin is not None and process.stdout is not None
    messages: queue.Queue[tuple[Any, ...] | None] = queue.Queue()
    reader = threading.Thread(target=_read_messages, args=(process.stdout, messages), daemon=True)
    reader.start()
    step, deadline = "file", time.monotonic() + limit + GRACE_SECONDS
    try:
        with process.stdin, contextlib.suppress(BrokenPipeError):  # a child dead at once says so below
            process.stdin.write(pickle.dumps(request))
        while True:
            try:
                message = messages.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise ChildTooLong(step) from None
            if message is None:  # it ended without an answer
                code = process.wait()
                if code == MEMORY_EXIT or code < 0:  # a signal: the kernel's, or an allocation failed
                    raise ChildOverMemory
                raise RuntimeError(f"The KPI source's child process failed (exit {process.returncode}).")
            if message[0] != "loaded":
                return message
            if loaded is not None:  # first: the time it takes is not the query's
                loaded()
            step, deadline = "query", time.monotonic() + limit + GRACE_SECONDS
    finally:
        if process.poll() is None:
            process.kill()
        process.wait()
        reader.join(timeout=5)  # the pipe ends with the child: the reader meets its end, then it is closed
        process.stdout.close()
