"""The race finder: every htmx swap of every browser test put off, to show the tests that read too early.

Playwright's response event (``expect_response``) fires when the answer's headers arrive, before htmx swaps
the new HTML in; on a slow network the body follows later still. A test that waits for the answer and then
for something the OLD content already satisfied (the focused field's id, a row that was there) reads the old
content, and passes only while the swap wins the race. Run the browser tests with

    JALON_E2E_SWAP_DELAY=600 JALON_HOME=/tmp/home .venv/bin/pytest -p no:xdist -m e2e tests/e2e/test_x.py

and htmx's ``defaultSwapDelay`` is set to 600 ms on every page of every browser context (``new_context`` in
conftest.py): each swap comes 600 ms after its answer. A test that still passes waits for what only the new
content satisfies. Off (htmx's own delay, none) when unset or 0.

Only the swap is put off, not the settle: base.html's ``defaultSettleDelay`` of 0 makes htmx settle in the
same task as the swap, so no test (and no person) can act between the two; and htmx makes the new content
live (its ``hx-post``, its triggers) only at the settle, so a settle put off left a form just swapped in
sending itself as a plain POST when clicked at once (test_e2e_back_forward.py's saved text: the no-JS
redirect to the row's anchor), a fault the real page cannot have.

The delay is set by a script Playwright runs in every page before the page's own (``add_init_script``; not
subject to the Content-Security-Policy): on ``DOMContentLoaded`` at the window, after htmx has read its
``<meta name="htmx-config">`` at the document, and again before each request (``htmx:configRequest``),
whatever the order in which the page's scripts loaded. The page says the delay it runs with in
``window.jalonSwapDelay`` (test_e2e_swap_delay.py proves it).
"""

from __future__ import annotations

import os
from typing import Any

VARIABLE = "JALON_E2E_SWAP_DELAY"

SCRIPT = """(delay => {
  window.jalonSwapDelay = delay;
  const slow = () => {
    if (!window.htmx) return;
    window.htmx.config.defaultSwapDelay = delay;
  };
  window.addEventListener("DOMContentLoaded", slow);
  document.addEventListener("htmx:configRequest", slow, true);
})(%d);"""


def delay_ms() -> int:
    """The delay asked for in ``JALON_E2E_SWAP_DELAY`` (milliseconds), 0 when unset."""
    value = os.environ.get(VARIABLE, "").strip()
    if not value:
        return 0
    if not value.isdigit():
        raise ValueError(f"{VARIABLE} must be a whole number of milliseconds, not {value!r}")
    return int(value)


def slow_swaps(context: Any) -> Any:
    """``context`` (a Playwright browser context) with every htmx swap put off by ``delay_ms()``, if any."""
    delay = delay_ms()
    if delay:
        context.add_init_script(SCRIPT % delay)
    return context
