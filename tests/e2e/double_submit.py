"""What the double-submit and back/forward browser tests share: a server slow to answer a form, as over a
slow network, and a button pressed twice the way a person double-clicks it."""

from __future__ import annotations

import time
from typing import Any

import pytest

SLOW_POST_S = 0.6  # long enough for the second click to land while the first request is on its way
CLICK_GAP_MS = 150  # a person's double click: two clicks about this far apart


@pytest.fixture
def slow_posts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every form the live server receives is answered ``SLOW_POST_S`` late (the SMART coach's live
    check excepted); the list collects the address of each form posted, the coach's left out."""
    from jalon.headers import PermissionsPolicyMiddleware

    received: list[str] = []
    answer = PermissionsPolicyMiddleware.process_response

    def late(self: Any, request: Any, response: Any) -> Any:
        if request.method == "POST" and not request.path.endswith("/coach/"):
            received.append(request.path)
            time.sleep(SLOW_POST_S)
        return answer(self, request, response)

    monkeypatch.setattr(PermissionsPolicyMiddleware, "process_response", late)
    return received


def click_twice(page: Any, button: Any) -> None:
    """Two clicks at the button's place, ``CLICK_GAP_MS`` apart. Playwright's ``click`` would wait for the
    first click's navigation before the second, and its ``dblclick`` sends both clicks in one task, which
    Chromium folds into one submission; a person's hand does neither."""
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    x, y = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    page.mouse.click(x, y)
    page.wait_for_timeout(CLICK_GAP_MS)
    page.mouse.click(x, y)
