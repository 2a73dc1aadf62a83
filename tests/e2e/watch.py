"""What every browser test watches on every page it opens, besides what the test itself asserts.

The ``new_context`` fixture (tests/e2e/conftest.py) hands each browser context it opens to a ``Watch``; at the
end of the test, whatever the watch saw fails the test:

- a Content-Security-Policy refusal (an inline script or handler, a ``<style>`` element, a resource from
  elsewhere), which the browser reports as a console error;
- an uncaught JavaScript exception on any page of the context (Playwright's ``pageerror``);
- any other console error, save the one a page or an htmx request answered with an expected 4xx status
  makes (``expected_answer``);
- a static file (a style sheet, a script, a font, an image, the favicon) that does not load: answered with a
  status of 400 or more, or never answered (Playwright's ``requestfailed``).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any
from urllib.parse import urlsplit

# The one console error a page may show is Chromium's line for an answer of 400 or more. Jalon answers so on
# purpose, and a test may ask for it: a page (a navigation, a form's POST) refused (403), missing (404), whose
# subject another person deleted meanwhile (410, views.gone), a form shown again with its errors (422), a
# stale edit (409), a file over the upload limit (413), a login locked after failed attempts (429); an htmx
# request (in-place editing) only with a form's errors (422), a stale edit (409), a subject deleted meanwhile
# (410), a file too big (413) or a session that had ended (401, accounts.middleware.SessionEndedMiddleware),
# never 403 or 404 (a request that goes nowhere). Either may be told the database is busy (503, jalon.busy).
# Anything else, and any such line about a static file, is a fault.
PAGE_STATUSES = frozenset({403, 404, 409, 410, 413, 422, 429, 503})
REQUEST_STATUSES = frozenset({401, 409, 410, 413, 422, 503})
ANSWERED = re.compile(r"^Failed to load resource: the server responded with a status of (\d{3}) ")
STATIC_TYPES = frozenset({"stylesheet", "script", "font", "image", "media", "manifest"})
STATIC_PATHS = ("/static/", "/favicon.ico")
# A static file whose loading the browser itself stopped: the page it was for was left (a click, a download)
# before it arrived. Nothing on the server's side is at fault.
LEFT_BEHIND = "net::ERR_ABORTED"


def is_static(request: Any) -> bool:
    return request.resource_type in STATIC_TYPES or urlsplit(request.url).path.startswith(STATIC_PATHS)


def expected_answer(status: int, kinds: Collection[str]) -> bool:
    """Whether an answer ``status`` to a request of these resource types (Playwright's: ``document``,
    ``xhr``, ``fetch``…; ``?`` when the request was not seen) is one Jalon gives on purpose."""
    return ("document" in kinds and status in PAGE_STATUSES) or (
        bool({"xhr", "fetch"} & set(kinds)) and status in REQUEST_STATUSES
    )


class Watch:
    """Collects the faults of the contexts it watches (``watch(context)``); ``report()`` lists them."""

    def __init__(self) -> None:
        self.refused: list[str] = []
        self.faults: list[str] = []
        self.answered: list[tuple[int, str]] = []  # Chromium's "Failed to load resource" lines: status, URL
        self.kinds: dict[tuple[int, str], list[str]] = {}  # the resource types answered so, in order

    def __call__(self, context: Any) -> Any:
        context.on("console", self.console)
        context.on("page", self.page)
        context.on("response", self.response)
        context.on("requestfailed", self.request_failed)
        for page in context.pages:
            self.page(page)
        return context

    def page(self, page: Any) -> None:
        page.on("pageerror", lambda error: self.faults.append(f"uncaught exception on {page.url}: {error}"))

    def console(self, message: Any) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "")
        answered = ANSWERED.match(message.text)
        if "Content Security Policy" in message.text:
            self.refused.append(f"{message.text} ({url})")
        elif answered is not None:
            self.answered.append((int(answered.group(1)), url))  # judged at the end, once its answer is heard
        else:
            self.faults.append(f"console error: {message.text} ({url})")

    def response(self, response: Any) -> None:
        if response.status < 400:
            return
        if is_static(response.request):
            self.faults.append(f"static file answered {response.status}: {response.url}")
        else:
            self.kinds.setdefault((response.status, response.url), []).append(response.request.resource_type)

    def request_failed(self, request: Any) -> None:
        failure = request.failure or ""
        if is_static(request) and LEFT_BEHIND not in failure:
            self.faults.append(f"static file not loaded ({failure}): {request.url}")

    def report(self) -> str:
        """What the watch saw, one line each; empty when nothing."""
        lines = [f"the Content-Security-Policy refused: {line}" for line in self.refused] + self.faults
        told: dict[tuple[int, str], int] = {}
        for status, url in self.answered:  # the n-th line about an address is about its n-th such answer
            n = told[status, url] = told.get((status, url), -1) + 1
            kind = (self.kinds.get((status, url), [])[n:] or ["?"])[0]
            if not expected_answer(status, {kind}):
                lines.append(f"console error: answered {status} to a {kind}: {url}")
        return "\n".join(lines)
