"""What every browser test watches on every page it opens, besides what the test itself asserts.

The ``new_context`` fixture (tests/e2e/conftest.py) hands each browser context it opens to a ``Watch``; at the
end of the test, whatever the watch saw fails the test:

- a Content-Security-Policy refusal (an inline script or handler, a ``<style>`` element, a resource from
  elsewhere), which the browser reports as a console error;
- an uncaught JavaScript exception on any page of the context (Playwright's ``pageerror``);
- any other console error, save the one a page answered with an expected 4xx status makes (``EXPECTED``);
- a static file (a style sheet, a script, a font, an image, the favicon) that does not load: answered with a
  status of 400 or more, or never answered (Playwright's ``requestfailed``).
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

# The one console error a page may show: Chromium's line for a page or an htmx request Jalon answered with
# one of these statuses, on purpose: a form shown again with its errors (422), a stale edit refused (409), a
# file over the upload limit (413), a page refused (403), missing (404) or whose subject another person
# deleted meanwhile (410, views.gone) that a test asks for. Never for a static file: a missing one is a fault.
EXPECTED_STATUSES = frozenset({403, 404, 409, 410, 413, 422})
EXPECTED = re.compile(r"^Failed to load resource: the server responded with a status of (\d{3}) ")
STATIC_TYPES = frozenset({"stylesheet", "script", "font", "image", "media", "manifest"})
STATIC_PATHS = ("/static/", "/favicon.ico")
# A static file whose loading the browser itself stopped: the page it was for was left (a click, a download)
# before it arrived. Nothing on the server's side is at fault.
LEFT_BEHIND = "net::ERR_ABORTED"


def is_static(request: Any) -> bool:
    return request.resource_type in STATIC_TYPES or urlsplit(request.url).path.startswith(STATIC_PATHS)


def expected_console_error(text: str, url: str) -> bool:
    """Whether a console error is the browser's line for a page or request answered with an expected 4xx."""
    found = EXPECTED.match(text)
    if found is None or int(found.group(1)) not in EXPECTED_STATUSES:
        return False
    return not urlsplit(url).path.startswith(STATIC_PATHS)


class Watch:
    """Collects the faults of the contexts it watches (``watch(context)``); ``faults`` lists them."""

    def __init__(self) -> None:
        self.refused: list[str] = []
        self.faults: list[str] = []

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
        if "Content Security Policy" in message.text:
            self.refused.append(f"{message.text} ({url})")
        elif not expected_console_error(message.text, url):
            self.faults.append(f"console error: {message.text} ({url})")

    def response(self, response: Any) -> None:
        if response.status >= 400 and is_static(response.request):
            self.faults.append(f"static file answered {response.status}: {response.url}")

    def request_failed(self, request: Any) -> None:
        failure = request.failure or ""
        if is_static(request) and LEFT_BEHIND not in failure:
            self.faults.append(f"static file not loaded ({failure}): {request.url}")

    def report(self) -> str:
        """What the watch saw, one line each; empty when nothing."""
        lines = [f"the Content-Security-Policy refused: {line}" for line in self.refused] + self.faults
        return "\n".join(lines)
