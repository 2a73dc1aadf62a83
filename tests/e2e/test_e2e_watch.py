"""The watch every browser test's pages go through (tests/e2e/watch.py) sees what it must and nothing else."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from .conftest import TIMEOUT_MS, VIEWPORT, warm_up
from .watch import Watch, expected_answer

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
    warm_up(live_server)
    watch = Watch()
    context = watch(browser.new_context(base_url=live_server.url, viewport=VIEWPORT, locale="fr-FR"))
    context.set_default_timeout(TIMEOUT_MS)
    yield watch, context.new_page()
    context.close()


@pytest.mark.reads_only
def test_the_watch_sees_an_uncaught_exception_and_a_console_error(watched, demo):
    watch, page = watched
    page.goto("/login/")
    assert watch.report() == ""
    with page.expect_event("pageerror"):  # heard after the watch, which listened first
        page.evaluate("() => setTimeout(() => { throw new Error('thrown by the page'); })")
    with page.expect_console_message():
        page.evaluate("() => console.error('logged by the page')")
    assert any("uncaught exception" in f and "thrown by the page" in f for f in watch.faults), watch.faults
    assert any("console error: logged by the page" in f for f in watch.faults), watch.faults


@pytest.mark.reads_only
def test_the_watch_sees_a_page_opened_by_another_one(watched, demo):
    """A page the first one opens (a link with target=_blank) is watched too."""
    watch, page = watched
    page.goto("/login/")
    with page.context.expect_page() as opened:
        page.evaluate("() => window.open('/login/')")
    opened.value.wait_for_load_state()
    with opened.value.expect_event("pageerror"):
        opened.value.evaluate("() => setTimeout(() => { throw new Error('in the second page'); })")
    assert any("in the second page" in f for f in watch.faults), watch.faults


@pytest.mark.parametrize(
    ("tag", "attribute", "address"),
    [
        ("link", "href", "/static/jalon/missing.css"),
        ("script", "src", "/static/jalon/missing.js"),
        ("img", "src", "/static/jalon/missing.png"),
    ],
)
@pytest.mark.reads_only
def test_the_watch_sees_a_static_file_that_does_not_load(watched, demo, tag, attribute, address):
    watch, page = watched
    page.goto("/login/")
    with page.expect_response(lambda response: response.url.endswith(address)):  # heard after the watch
        page.evaluate(ADD, [tag, attribute, address])
    assert any(f.startswith("static file answered 404") and address in f for f in watch.faults), watch.faults


@pytest.mark.reads_only
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


@pytest.mark.reads_only
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


@pytest.mark.reads_only
def test_the_watch_sees_a_request_of_the_page_that_goes_nowhere(watched, demo):
    """A request of the page (htmx's, a fetch) answered 404 goes nowhere, unlike a page a test asks for."""
    watch, page = watched
    page.goto("/login/")
    assert page.evaluate("() => fetch('/setup/').then(answer => answer.status)") == 404
    page.goto("/setup/")  # the same address as a page: a 404 a test may ask for
    assert watch.report().splitlines() == [f"console error: answered 404 to a fetch: {page.url}"]


@pytest.mark.parametrize(
    ("status", "kinds", "expected"),
    [
        (422, {"document"}, True),
        (404, {"document"}, True),
        (410, {"document"}, True),
        (422, {"xhr"}, True),
        (409, {"fetch"}, True),
        (429, {"document"}, True),
        (503, {"xhr"}, True),
        (429, {"xhr"}, False),
        (404, {"xhr"}, False),
        (403, {"xhr"}, False),
        (500, {"document"}, False),
        (401, {"document"}, False),
        (404, {"?"}, False),  # a request never seen: Chromium's own, for /favicon.ico
    ],
)
def test_only_a_4xx_jalon_gives_on_purpose_is_an_expected_answer(status, kinds, expected):
    assert expected_answer(status, kinds) is expected
