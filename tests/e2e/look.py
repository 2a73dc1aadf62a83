"""What a browser journey checks on every page it reaches (tests/e2e/test_e2e_*_journey.py, first hour)."""

from __future__ import annotations

import re
from typing import Any

from tests.one_language import giveaways

from .conftest import serious_axe_violations

WIDTHS = (1440, 1280)
FITS = "() => document.documentElement.scrollWidth <= window.innerWidth"
UNLABELLED = """() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
    .filter(e => !e.labels || e.labels.length === 0).map(e => e.name || e.id)"""
# Each submit button of a form that has fields on its row, with how far (px) its bottom edge lies from the
# bottom edge of the field just before it on that row: a filter bar's button sits on the fields' line.
BUTTONS_OFF_THEIR_ROW = """() => [...document.querySelectorAll('main form')].flatMap(form => {
    const fields = [...form.querySelectorAll(
        'input:not([type=hidden]):not([type=checkbox]):not([type=radio]), select')]
        .filter(f => f.offsetParent);
    return [...form.querySelectorAll('button[type=submit], button:not([type])')].filter(b => b.offsetParent)
      .flatMap(b => {
        const r = b.getBoundingClientRect();
        const beside = fields.map(f => f.getBoundingClientRect())
            .filter(q => q.bottom > r.top && q.top < r.bottom && q.right <= r.left + 1);
        return beside.length ? [[b.textContent.trim(), Math.round(r.bottom - beside.at(-1).bottom)]] : [];
      });
})"""
# Checkboxes whose label is not on their line (its top below the box's bottom): the label's text, each.
LABELS_BELOW_THEIR_BOX = """() => [...document.querySelectorAll('main input[type=checkbox]')]
    .filter(box => box.offsetParent && box.labels && box.labels.length)
    .filter(box => box.labels[0].getBoundingClientRect().top >= box.getBoundingClientRect().bottom)
    .map(box => box.labels[0].textContent.trim())"""
# The words a reader sees: the page's title and text, and the titles, labels, placeholders and alternatives.
READABLE = """() => [document.title, document.body.innerText, ...[...document.querySelectorAll(
    '[title], [aria-label], [placeholder], img[alt]')]
    .flatMap(e => ['title', 'aria-label', 'placeholder', 'alt'].map(a => e.getAttribute(a) || ''))]
    .join('\\n')"""


class Look:
    """Each page reached: it fits at 1440 and 1280 px (a screenshot ``<test>-<name>-<width>.png`` each), every
    field has a label, axe-core finds no serious or critical fault and, given the page's language, the page is
    in it (``content``: what the journey typed, not checked for the other language's words). Returns the
    page's readable text, its spaces folded."""

    def __init__(self, shot: Any, language: str | None = None, content: tuple[str, ...] = ()) -> None:
        from axe_playwright_python.sync_playwright import Axe

        self.shot, self.axe, self.language, self.content = shot, Axe(), language, content

    def __call__(self, page: Any, name: str) -> str:
        page.wait_for_function("() => document.readyState === 'complete'")
        if self.language:
            assert page.locator("html").get_attribute("lang") == self.language, name
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            assert page.evaluate(FITS), (name, width)
            self.shot(page, f"{name}-{width}")
        page.set_viewport_size({"width": 1280, "height": 900})
        unlabelled = page.evaluate(UNLABELLED)
        assert unlabelled == [], (name, unlabelled)
        violations = serious_axe_violations(self.axe, page)
        assert violations == [], (name, violations)
        text = str(page.evaluate(READABLE))
        if self.language:
            found = giveaways(text, self.language, content=self.content)
            assert found == [], (name, found)
        return " ".join(text.replace("\u202f", " ").replace("\u00a0", " ").split())


def first_account(page: Any, email: str, password: str, language: str) -> None:
    """The first visit to an empty Jalon: the administrator's account, then the page's language."""
    page.goto("/")
    page.wait_for_url(re.compile(r"/setup/$"))
    page.locator("#id_email").fill(email)
    page.locator("#id_password1").fill(password)
    page.locator("#id_password2").fill(password)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"://[^/]+/$"))
    if language == "en":
        page.get_by_role("button", name="English").click()
        page.wait_for_function("() => document.documentElement.lang === 'en'")


def new_roadmap(page: Any, title: str, start: str = "2027-01-01") -> str:
    """On a workspace's page, a roadmap of 12 months from ``start`` through the *New roadmap* form; its
    address (it opens on *Get started*)."""
    page.locator("details:has(#new-roadmap) > summary").click()
    page.locator("#id_title").fill(title)
    page.locator("#id_start").fill(start)
    page.locator("#id_horizon").select_option("12")
    page.locator("#new-roadmap button[type=submit]").click()
    page.wait_for_url(re.compile(r"/start/$"))
    return str(page.url).removesuffix("start/")


def post(page: Any, selector: str, fields: dict[str, str], selects: dict[str, str] | None = None) -> None:
    """Fill the form at ``selector`` and submit it; the page comes back (303 then 200, or 422 refused)."""
    form = page.locator(selector)
    for name, value in fields.items():
        form.locator(f"[name={name}]").fill(value)
    for name, value in (selects or {}).items():
        form.locator(f"[name={name}]").select_option(value)
    with page.expect_navigation():
        form.locator("button[type=submit]").first.click()
