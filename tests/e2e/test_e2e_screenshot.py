"""The screenshots every browser test saves are drawn by Chromium directly, PNG compressed for speed
(tests/e2e/conftest.py ``screenshot``): they hold the same pixels as Playwright's own full-page screenshot,
but for the text cursor of a focused field, which Playwright hides."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops

from .conftest import screenshot

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_screenshot_holds_the_whole_page_as_playwright_draws_it(page: Any, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 300})
    page.goto("/login/")
    page.evaluate("document.activeElement.blur()")  # the e-mail field has the focus, and its cursor blinks
    ours = tmp_path / "ours.png"
    screenshot(page, ours)
    theirs = page.screenshot(full_page=True)

    drawn, expected = Image.open(ours).convert("RGB"), Image.open(io.BytesIO(theirs)).convert("RGB")
    assert drawn.size == expected.size and drawn.height > 300  # the page below the window too
    assert ImageChops.difference(drawn, expected).getbbox() is None  # not one pixel apart
    screenshot(page, viewport := tmp_path / "window.png", full_page=False)
    assert Image.open(viewport).size == (1280, 300)
