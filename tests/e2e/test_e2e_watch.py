"""The watch every browser test's pages go through (tests/e2e/watch.py) sees what it must and nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import TIMEOUT_MS, VIEWPORT
from .watch import Watch, expected_console_error

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ADD = """([tag, attribute, address]) => new Promise(done => {
  const e = document.createElement(tag);
  if (tag === 'link') e.rel = 'stylesheet';
  e.onload = e.onerror = () => done();
  e[attribute] = address;
  document.head.append(e);
})"""


@pytest.fixture
def watched(browser: Any, live_server: Any) -> Iterator[tuple[Watch, Any]]:
    """A page watched as ``new_context`` watches its pages; the test reads the faults rather than fails."""
    watch = Watch()
    context = watch(browser.new_context(base_url=live_server.url, viewport=VIEWPORT, locale="fr-FR"))
    context.set_default_timeout(TIMEOUT_MS)
    yield watch, context.new_page()
    context.close()


def test_the_watch_sees_an_uncaught_exception_and_a_console_error(watched, demo):
    watch, page = watched
    page.goto("/login/")
    assert watch.report() == ""
    page.evaluate("() => setTimeout(() => { throw new Error('thrown by the page'); })")
    page.evaluate("() => console.error('logged by the page')")
    page.wait_for_timeout(100)
    assert any("uncaught exception" in f and "thrown by the page" in f for f in watch.faults), watch.faults
    assert any("console error: logged by the page" in f for f in watch.faults), watch.faults


def test_the_watch_sees_a_page_opened_by_another_one(watched, demo):
    """A page the first one opens (a link with target=_blank) is watched too."""
    watch, page = watched
    page.goto("/login/")
    with page.context.expect_page() as opened:
        page.evaluate("() => window.open('/login/')")
    opened.value.wait_for_load_state()
    opened.value.evaluate("() => setTimeout(() => { throw new Error('in the second page'); })")
    opened.value.wait_for_timeout(100)
    assert any("in the second page" in f for f in watch.faults), watch.faults


@pytest.mark.parametrize(
    ("tag", "attribute", "address"),
    [
        ("link", "href", "/static/jalon/missing.css"),
        ("script", "src", "/static/jalon/missing.js"),
        ("img", "src", "/static/jalon/missing.png"),
    ],
)
def test_the_watch_sees_a_static_file_that_does_not_load(watched, demo, tag, attribute, address):
    watch, page = watched
    page.goto("/login/")
    with page.expect_response(lambda response: response.url.endswith(address)):  # heard after the watch
        page.evaluate(ADD, [tag, attribute, address])
    assert any(f.startswith("static file answered 404") and address in f for f in watch.faults), watch.faults


def test_a_document_that_names_no_icon_gets_the_sites_mark(watched, demo):
    """Chromium asks for /favicon.ico when a document names no icon (the health check's JSON): the site's
    mark answers, with nothing for the watch to see."""
    watch, page = watched
    page.goto("/healthz")
    loaded = page.evaluate(
        """() => new Promise(done => { const icon = new Image();
             icon.onload = () => done(icon.naturalWidth > 0); icon.onerror = () => done(false);
             icon.src = '/favicon.ico'; })"""
    )
    assert loaded
    page.goto("/login/")
    assert watch.report() == ""


def test_the_watch_lets_refused_pages_and_a_refused_form_pass(watched, demo, settings):
    """A page that does not exist (404), a page refused (403) and a form shown again with its errors (422)
    are what Jalon means to answer: the browser's console lines about them are not faults."""
    watch, page = watched
    settings.JALON_SIGNUP = "closed"
    assert page.goto("/setup/").status == 404  # gone once an account exists
    assert page.goto("/signup/").status == 403
    settings.JALON_SIGNUP = "open"
    page.goto("/signup/")
    page.locator("#id_email").fill("someone@example.com")
    page.locator("#id_password1").fill("a long enough password 1")
    page.locator("#id_password2").fill("another long password 2")
    with page.expect_response(lambda r: r.request.method == "POST") as answer:
        page.locator("main button[type=submit]").click()
    assert answer.value.status == 422
    page.wait_for_load_state()
    assert watch.report() == ""


FAILED = "Failed to load resource: the server responded with a status of "


@pytest.mark.parametrize(
    ("text", "url", "expected"),
    [
        (FAILED + "422 ()", "/w/a/r/b/edit/", True),
        (FAILED + "404 (Not Found)", "/w/x/", True),
        (FAILED + "410 (Gone)", "/w/a/r/b/o/c/", True),
        (FAILED + "500 (Internal Server Error)", "/w/a/r/b/", False),
        (FAILED + "404 (Not Found)", "/static/jalon/a.js", False),
        (FAILED + "404 (Not Found)", "/favicon.ico", False),
        (FAILED + "401 ()", "/w/a/", False),
        ("Uncaught TypeError: x is undefined", "/w/a/", False),
    ],
)
def test_only_an_expected_4xx_answer_is_an_expected_console_error(text, url, expected):
    assert expected_console_error(text, "http://localhost:8000" + url) is expected
