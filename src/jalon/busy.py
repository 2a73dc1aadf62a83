"""When SQLite is busy: a clear "busy, try again" answer (503 with Retry-After) instead of a 500.

SQLite lets one writer at a time; another write waits up to ``SQLITE_BUSY_TIMEOUT_S`` (jalon.config) and
then fails with "database is locked". That is no bug of the page: the same request succeeds a moment
later, so the browser is told to come back rather than shown a server error. The handler also catches
what fails in a middleware (a session saved after the view), since Django turns any uncaught exception
into a call of ``handler500``.

A background job has nobody waiting for it: its writes wait for the lock as long as it takes
(:func:`patiently`, up to two minutes) rather than failing after the busy timeout (the KPIs' forecasts
stored by the import's job while the next import writes, for instance).
"""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from django.db import OperationalError, connection
from django.http import HttpRequest, HttpResponse
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.defaults import server_error

RETRY_AFTER_S = 5
_BUSY_CODES = {sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED}
JOB_PATIENCE_S = 120.0
"""How long a background job's write keeps trying while another connection holds the lock (well under the
jobs' ``STALE_AFTER``: a job waiting is not taken for one whose process stopped)."""
T = TypeVar("T")


def is_busy(error: BaseException | None) -> bool:
    """Whether ``error`` is SQLite saying another connection holds the lock."""
    if not isinstance(error, OperationalError):
        return False
    cause = error.__cause__
    if isinstance(cause, sqlite3.OperationalError):
        code = getattr(cause, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in _BUSY_CODES
    return str(error).startswith(("database is locked", "database table is locked"))


def patiently(write: Callable[[], T], *, within_s: float = JOB_PATIENCE_S) -> T:
    """``write()`` (a whole transaction, or one statement in autocommit), run again while SQLite answers
    busy, each try waiting the busy timeout, until ``within_s`` have passed; any other error at once. Inside
    a transaction it runs once: a busy error there ends the whole transaction, the one to run again."""
    deadline = time.monotonic() + within_s
    pause = 0.05
    while True:
        try:
            return write()
        except OperationalError as error:
            if connection.in_atomic_block or not is_busy(error) or time.monotonic() + pause > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 1.0)


def busy_response(request: HttpRequest) -> HttpResponse:
    if request.headers.get("HX-Request") == "true":
        # An in-place edit: the message goes on top of the page and the form stays as typed.
        body = format_html(
            '<p class="error busy" role="alert">{}</p>',
            _("Jalon is busy saving other changes. Try again in a few seconds; nothing was lost."),
        )
        response = HttpResponse(body, status=503)
        response["HX-Retarget"] = "#main"
        response["HX-Reswap"] = "afterbegin"
    else:
        response = HttpResponse(render_to_string("busy.html", request=request), status=503)
    response["Retry-After"] = str(RETRY_AFTER_S)
    response["Cache-Control"] = "no-store"
    return response


def handler500(request: HttpRequest) -> HttpResponse:
    """The 500 page in the site's layout and the reader's language, or "busy" when the cause is a busy
    database. Should the layout itself fail, Django's plain page is shown instead."""
    if is_busy(sys.exc_info()[1]):
        return busy_response(request)
    try:
        return HttpResponse(render_to_string("500.html", request=request), status=500)
    except Exception:
        return server_error(request)
