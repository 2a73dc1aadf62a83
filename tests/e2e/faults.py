"""What the browser tests check on every page they open."""

from __future__ import annotations

from typing import Any

from tests.one_language import giveaways

from .conftest import SCREENSHOTS, screenshot, serious_axe_violations

VIEWPORTS = {"1440": (1440, 900), "1280": (1280, 800), "768": (768, 1024)}


# What a reader sees or hears: the visible text, the page's title and the names given to elements.
READABLE_TEXT = """() => {
  const parts = [document.title, document.body.innerText];
  for (const e of document.querySelectorAll('[title], [aria-label], [placeholder], img[alt], svg title')) {
    if (e.closest('[hidden], template')) continue;
    for (const a of ['title', 'aria-label', 'placeholder', 'alt']) {
      const v = e.getAttribute(a);
      if (v) parts.push(v);
    }
    if (e.tagName.toLowerCase() === 'title') parts.push(e.textContent);
  }
  return parts.join('\\n');
}"""


# How far the page reaches past the window's right edge, and the outermost elements that reach there
# without a scroll box of their own to hold them.
PAGE_WIDER_THAN_WINDOW = """() => {
  const over = document.documentElement.scrollWidth - window.innerWidth;
  if (over <= 0) return "";
  const clipped = e => { for (let p = e.parentElement; p && p !== document.body; p = p.parentElement) {
    if (getComputedStyle(p).overflowX !== 'visible') return true; } return false; };
  const wide = [...document.querySelectorAll('body *')]
    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !clipped(e))
    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= window.innerWidth + 1);
  return `${over} px (${wide.slice(0, 3).map(e => e.tagName.toLowerCase() + '.' + e.classList).join(', ')})`;
}"""


def page_faults(
    page: Any, axe: Any, url: str, language: str, name: str, *, full_page: bool = True
) -> list[str]:
    """Axe faults, words of the other language and overflow of one page, in French at every width (with a
    screenshot each) and in English at 1280 px."""
    faults: list[str] = []
    for size, (width, height) in VIEWPORTS.items():
        if language == "en" and size != "1280":
            continue
        page.set_viewport_size({"width": width, "height": height})
        if size == "1440" or language == "en":
            response = page.goto(url)
            assert response is not None and response.status == 200, url
            page.wait_for_function("() => document.readyState === 'complete'")
            assert page.locator("html").get_attribute("lang") == language, url
            faults += [f"{url}: {v}" for v in serious_axe_violations(axe, page)]
            words = giveaways(page.evaluate(READABLE_TEXT), language)
            faults += [f"{url}: words of the other language: {words}"] if words else []
        overflow = page.evaluate(PAGE_WIDER_THAN_WINDOW)
        faults += [f"{url}: wider than a {width} px window by {overflow}"] if overflow else []
        if language == "fr":
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            screenshot(page, SCREENSHOTS / f"{name}-{size}.png", full_page=full_page)
    return faults
