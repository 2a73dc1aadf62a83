"""The screenshots the browser tests save (with ``JALON_SCREENSHOTS=1``) are drawn by Chromium directly, PNG
compressed for speed (tests/e2e/conftest.py ``draw``): they hold the same pixels as Playwright's own full-page
screenshot, but for the text cursor of a focused field, which Playwright hides.

Why this once failed under load, and what keeps it from failing (a flake is a bug):
on a busy machine Chromium can focus the autofocus field (the e-mail) before the rest of the first-account
form is parsed, scrolling the then-short page to its bottom (190 px instead of 228); the two password fields
and the button arrive below the window afterwards, painted as invalidations over tiles already rastered.
Chromium's partial raster redraws only the invalidated part of a tile, clipped, over its old pixels, and
the rounded corners at that clip's edge come out one or two levels (of 255) apart from a whole raster of the
same drawing; which of the two a capture shows depends on when each tile was last rastered, so two captures
of the unchanged page differed there (x 441-444 and 839, y 551-684), text never. None in 290 runs beside
two CPU burners; with Chromium's CPU throttled 20 times (DevTools ``Emulation.setCPUThrottlingRate``) and
the page sent in two parts half a second apart, 6 failures in 60 runs (3 in 75 throttled alone), every one
with the page at 190 px, the odd capture now the first, now the second, a third equal to one of them. With
``--disable-partial-raster`` (conftest ``CHROMIUM_ARGS``: a tile always rastered whole, its pixels no
longer depending on its history), none in 50 runs under the same throttling (18 of them at 190 px); partial
raster is the cause inferred from that, not read in Chromium's code. The test also waits for the autofocus
before taking it away, so that the focus (and its blinking cursor) never arrives after the blur."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import expect

from .conftest import draw

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_screenshot_holds_the_whole_page_as_playwright_draws_it(page: Any, tmp_path: Path) -> None:
    page.set_viewport_size({"width": 1280, "height": 300})
    page.goto("/login/")  # the first-account page, on an empty database
    # The e-mail field takes the focus at one of Chromium's frames (autofocus), not at a set moment: wait
    # for it, then take it away, with its blinking cursor.
    expect(page.locator("#id_email")).to_be_focused()
    page.evaluate("document.activeElement.blur()")
    ours = tmp_path / "ours.png"
    draw(page, ours)
    theirs = page.screenshot(full_page=True)

    drawn, expected = Image.open(ours).convert("RGB"), Image.open(io.BytesIO(theirs)).convert("RGB")
    assert drawn.size == expected.size and drawn.height > 300  # the page below the window too
    assert ImageChops.difference(drawn, expected).getbbox() is None  # not one pixel apart
    draw(page, viewport := tmp_path / "window.png", full_page=False)
    assert Image.open(viewport).size == (1280, 300)
