"""Browser tests in real Chromium: Playwright's sync API against pytest-django's live server.

Debian's Chromium is used as is (never `playwright install`). One browser serves each test process; each
test gets a fresh context, so cookies and storage never leak between tests. The screenshots of the pages a
test checks (``shot``, ``screenshot``) are for the people who review the look: drawn into
test-artifacts/screenshots/ only when ``JALON_SCREENSHOTS=1`` (``make screenshots``), since drawing and
PNG-encoding them cost about a fifth of the browser group's CPU and assert nothing. A test that fails leaves
a screenshot of every page it still has open, whatever the setting (``<test-name>-failed-<n>.png``).

To stay fast, a new browser test (the browser group should take six minutes or less, README "Tests"):

- writes nothing? Mark it ``reads_only`` (``@pytest.mark.reads_only``, or in the module's ``pytestmark``): it
  reads the demo and its members as loaded once for all the tests so marked, instead of a database emptied
  and written again after it; the guard fails it, naming the tables, if it wrote (shared_demo.py). Logging in
  and choosing a language are not writes: they are put back. Only a test that asks for the demo (``demo``,
  ``members``, ``logged_in_page``) may be so marked: one that expects an empty database would find the demo
  (it fails at once, saying so).
- checks a property of many pages? Add it to the walk that already opens those pages (one_language's
  ``page_faults``, reflow's ``faults_at_320``, page_quality's ``walk``, ``Look`` in a journey), measured at
  the same load of each page, its failure naming the page and the property; not a new walk loading them again.
- screenshots (drawn with ``JALON_SCREENSHOTS=1`` only): one per page and width looked at; ``full_page=False``
  where only the first screen is worth looking at (a long list); nothing done for a screenshot alone (a width,
  a media) that asserts nothing when none is drawn.
- waits for a condition (an element, a URL, a value), never for a time.
- runs a minute or more (a walk of every page)? Mark it ``slow``: it is handed out first, so that neither
  process waits for it at the end.
"""

from __future__ import annotations

import os

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread with a
# running loop unless told otherwise. The ORM calls here are plain synchronous test code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import base64
import contextlib
import math
import re
import shutil
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_django.fixtures import _django_db_helper as django_db_helper_of_pytest_django

import tests.conftest as common

from . import shared_demo
from .swap_delay import slow_swaps
from .watch import Watch

CHROMIUM = os.environ.get("JALON_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
    # A tile is always rastered whole: with partial raster (Chromium's default), a tile invalidated in part is
    # redrawn only there, clipped, over its old pixels, and rounded corners at the clip's edge came out 1 or 2
    # levels apart from a whole raster of the same drawing: two screenshots of one unchanged page differed
    # (tests/e2e/test_e2e_screenshot.py, whose docstring tells the story).
    "--disable-partial-raster",
]
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
# Draw the screenshots the tests take for the look's review (`make screenshots`); a failed test's, always.
SCREENSHOTS_WANTED = os.environ.get("JALON_SCREENSHOTS") == "1"
_CALL_FAILED = pytest.StashKey[bool]()
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 10_000
SLOW_MS = 90_000  # a step that waits for the server's heavy work (a document, a segmentation)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{shared_demo.MARK}: a browser test that writes nothing: it shares one loaded demo with the others"
        " so marked, and fails if it wrote (tests/e2e/shared_demo.py)",
    )


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Everything under tests/e2e is a browser test, whether or not the test remembers to say so.

    The tests that only read run first, together, on one loaded demo (shared_demo.py): interleaved with the
    others, each change from one kind to the other empties the tables and loads the demo again."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)
    items.sort(key=lambda item: item.get_closest_marker(shared_demo.MARK) is None)  # stable


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Whether the test itself failed, kept for ``new_context``'s teardown (its failure screenshots)."""
    report = yield
    if report.when == "call":
        item.stash[_CALL_FAILED] = report.failed
    return report


_original_db_helper = django_db_helper_of_pytest_django._get_wrapped_function()


@pytest.fixture
def _django_db_helper(
    request: pytest.FixtureRequest, django_db_setup: None, django_db_blocker: Any
) -> Iterator[None]:
    """pytest-django's own (a test's database, emptied after it), except for a test marked ``reads_only``:
    the demo the tests so marked share, and the guard that fails such a test if it wrote (shared_demo.py)."""
    if not shared_demo.reads_only(request):
        with django_db_blocker.unblock():
            shared_demo.leave()
        yield from _original_db_helper(request, django_db_setup, django_db_blocker)
        return

    if "demo" not in request.fixturenames:
        pytest.fail(
            f"{request.node.nodeid} is marked {shared_demo.MARK} but does not ask for the demo: it would find"
            " the shared demo where it expects an empty database; remove the mark",
            pytrace=False,
        )

    def load() -> tuple[int, dict[str, int]]:
        from django.test import override_settings

        # The fast hasher, as the members fixture has it: this runs before the autouse fixtures that set it
        # (Django's own hasher took over a second for the four users).
        with override_settings(PASSWORD_HASHERS=common.FAST_HASHERS):
            outcome = common.demo._get_wrapped_function()(request.getfixturevalue("demo_rows"), None)
            make_user = common.make_user._get_wrapped_function()(None)
            users = common.members._get_wrapped_function()(outcome, make_user)
        return outcome.roadmap.pk, {role: user.pk for role, user in users.items()}

    with django_db_blocker.unblock():
        yield from shared_demo.around(request, load)


@pytest.fixture
def demo(request: pytest.FixtureRequest, demo_rows: Any, db: None) -> Any:
    """tests/conftest.py's, or in a ``reads_only`` test the shared demo, as loaded (shared_demo.py)."""
    if not shared_demo.reads_only(request):
        return common.demo._get_wrapped_function()(demo_rows, db)
    from jalon.demo.loader import DEMO_EMAIL, DemoOutcome
    from jalon.strategy.models import Roadmap

    roadmap = Roadmap.objects.select_related("workspace").get(pk=shared_demo.shared().roadmap_pk)
    return DemoOutcome(roadmap.workspace, roadmap, email=DEMO_EMAIL, generated_password=None)


@pytest.fixture
def members(request: pytest.FixtureRequest, demo: Any, make_user: Any) -> dict[str, Any]:
    """tests/conftest.py's, or in a ``reads_only`` test the shared demo's, as loaded (shared_demo.py)."""
    if not shared_demo.reads_only(request):
        return dict(common.members._get_wrapped_function()(demo, make_user))
    from jalon.accounts.models import User

    keys = shared_demo.shared().members
    users = User.objects.in_bulk(keys.values())
    return {role: users[pk] for role, pk in keys.items()}


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"Chromium not found at {CHROMIUM} (install the Debian package `chromium`)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


_served: list[str] = []  # the live server's address (one per test process), once it has answered a page


def warm_up(live_server: Any) -> None:
    """The first page a fresh live server answers imports the views, templates and catalogues: on a busy
    machine that alone outlasts a browser step's 10 s, so it is asked once without a browser."""
    if live_server.url not in _served:
        urllib.request.urlopen(live_server.url + "/login/", timeout=120).read()
        _served[:] = [live_server.url]


def artifact_name(request: pytest.FixtureRequest) -> str:
    """The test's name as a file name: test-artifacts/screenshots/<this>[-<suffix>].png."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name)


@pytest.fixture
def new_context(
    request: pytest.FixtureRequest, browser: Any, live_server: Any
) -> Iterator[Callable[..., Any]]:
    """Open more browser contexts (another person, another browser) for the test; all close at the end.
    A test that failed leaves a screenshot of each page still open, as it was when the test stopped.

    Every page of every browser test is also watched (tests/e2e/watch.py): a Content-Security-Policy
    refusal, an uncaught JavaScript exception, a console error other than an expected 4xx answer, or a
    static file that does not load fails the test that showed that page."""
    contexts: list[Any] = []
    watch = Watch()
    warm_up(live_server)

    def make(**options: Any) -> Any:
        options = {"viewport": VIEWPORT, "locale": "fr-FR", **options}  # a test may ask for another browser
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(watch(slow_swaps(context)))
        return context

    yield make
    if request.node.stash.get(_CALL_FAILED, False):
        from playwright.sync_api import Error

        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        pages = [page for context in contexts for page in context.pages]
        for number, page in enumerate(pages, start=1):
            with contextlib.suppress(Error):  # a page that crashed or hangs: the failure says enough
                draw(page, SCREENSHOTS / f"{artifact_name(request)}-failed-{number}.png")
    for context in contexts:
        context.close()
    report = watch.report()
    assert not report, "the browser saw:\n" + report


@pytest.fixture
def context(new_context: Callable[..., Any]) -> Any:
    return new_context()


@pytest.fixture
def page(context: Any) -> Any:
    return context.new_page()


def log_in(page: Any, email: str, language: str | None = None) -> Any:
    """``email`` logged in on ``page``'s browser context, which then opens the home page; given a
    ``language`` (``"fr"`` or ``"en"``), the person reads Jalon in it, as if they had chosen it with the
    header's switch (their account keeps it).

    The session is opened server-side, as the login form's view opens it (Django's ``login`` through the
    test client's ``force_login``, with the backend the form's password check names), and its cookie handed
    to the browser: the login page and its POST cost two requests and a redirect in some ninety tests. The
    form itself is proved where it is the subject: test_e2e_login_and_language.py (the keyboard, a wrong
    password, the language kept across a log out and in), test_e2e_server.py, and the journeys where a
    second person logs in (framing, strategy)."""
    from django.conf import settings
    from django.test import Client

    from jalon.accounts.models import User
    from jalon.accounts.views import BACKEND

    user = User.objects.get(email=email)
    if language is not None:
        user.language = language
        user.save(update_fields=["language"])
    client = Client()
    client.force_login(user, backend=BACKEND)
    session = client.cookies[settings.SESSION_COOKIE_NAME].value
    cookie = {"name": settings.SESSION_COOKIE_NAME, "value": session, "url": _served[0], "httpOnly": True}
    page.context.add_cookies([{**cookie, "sameSite": "Lax"}])
    page.goto("/")
    page.wait_for_url(re.compile(r"://[^/]+/$"))  # the home page, not /login/
    if language is not None:
        assert page.locator("html").get_attribute("lang") == language
    return page


@pytest.fixture
def logged_in_page(new_context: Callable[..., Any], members: dict[str, Any]) -> Callable[..., Any]:
    """`logged_in_page("demo@jalon.local")` → a page in a fresh context, logged in, on the home page;
    `logged_in_page(email, language="en")` in English (see ``log_in``)."""

    def make(email: str = "demo@jalon.local", language: str | None = None, **context_options: Any) -> Any:
        page = new_context(**context_options).new_page()
        return log_in(page, email, language)

    return make


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[..., Path]:
    """`shot(page)` saves test-artifacts/screenshots/<test-name>.png; `shot(page, "b")` adds a suffix (only
    with ``JALON_SCREENSHOTS=1``, see ``screenshot``)."""

    def save(page: Any, suffix: str = "") -> Path:
        name = artifact_name(request) + (f"-{suffix}" if suffix else "")
        path = SCREENSHOTS / f"{name}.png"
        screenshot(page, path)
        return path

    return save


def download(target: Any, timeout_ms: int = SLOW_MS) -> Any:
    """Click ``target`` (a locator) and wait for the file it makes; Playwright's download.

    The click waits for the navigation that turns into the download, which lasts as long as the file takes
    to make: a PDF report on a busy machine outlasted the click's 10 s while the download had 90 s
    ("Locator.click: Timeout 10000ms exceeded … waiting for scheduled navigations to finish")."""
    with target.page.expect_download(timeout=timeout_ms) as made:
        target.click(timeout=timeout_ms)
    return made.value


def screenshot(page: Any, path: Path, *, full_page: bool = True) -> None:
    """A screenshot for the look's review (``draw``), drawn only when ``JALON_SCREENSHOTS=1``
    (`make screenshots`): in a browser group of some 1,700 s of Chromium's CPU, the screenshots cost about a
    fifth and assert nothing. What a test asserts at a width (the page fits, …) it asserts either way."""
    if SCREENSHOTS_WANTED:
        path.parent.mkdir(parents=True, exist_ok=True)
        draw(page, path, full_page=full_page)


def draw(page: Any, path: Path, *, full_page: bool = True) -> None:
    """``page.screenshot(path=path, full_page=full_page)``, the same pixels, in a PNG compressed for speed.

    With Chromium's default compression a full page (the objective page: 1280 × 5,800 px) cost 1.5 to 2 s,
    more than half of a browser test's own time; Chromium's ``optimizeForSpeed`` halves it for a file about
    a quarter bigger. Playwright does not offer the option, so its own call is made: the document's whole
    size, drawn beyond the window as Playwright draws a full page."""
    if not full_page:
        page.screenshot(path=str(path))
        return
    session = page.context.new_cdp_session(page)
    try:
        size = session.send("Page.getLayoutMetrics")["cssContentSize"]
        width, height = math.ceil(size["width"]), math.ceil(size["height"])
        clip = {"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
        drawn = session.send(
            "Page.captureScreenshot",
            {"format": "png", "optimizeForSpeed": True, "captureBeyondViewport": True, "clip": clip},
        )
    finally:
        session.detach()
    path.write_bytes(base64.b64decode(drawn["data"]))


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings: Any) -> None:
    """A fast password hasher (five users per test); an existing STATIC_ROOT keeps WhiteNoise quiet.

    Both are plain settings, shared with the live server's thread.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    Path(settings.STATIC_ROOT).mkdir(parents=True, exist_ok=True)


@pytest.fixture
def assets_loaded() -> Callable[[Any], None]:
    """Check that the page really has htmx (served by the live server) before testing in-place editing."""

    def check(page: Any) -> None:
        page.wait_for_function("() => window.htmx !== undefined && typeof window.htmx.version === 'string'")
        assert (
            page.evaluate("() => getComputedStyle(document.querySelector('.site-header')).backgroundColor")
            == "rgb(17, 24, 39)"
        ), "jalon.css did not load"

    return check


# The rules whose impact is minor or moderate are left out: axe gives each of its rules one impact, which
# every fault the rule finds takes, so they can report nothing serious or critical (test_e2e_axe.py).
AXE_RUN = """axe.run(document, {resultTypes: ['violations'], rules: Object.fromEntries(axe._audit.rules
        .filter(rule => ['minor', 'moderate'].includes(rule.impact))
        .map(rule => [rule.id, {enabled: false}]))})
    .then(result => ({engine: result.testEngine.name, violations: result.violations}))"""


def serious_axe_violations(axe: Any, page: Any) -> list[str]:
    """What axe-core (the script of axe-playwright-python's ``Axe``) finds serious or critical on the page.

    The script is injected as ``Axe().run`` injects it, and run on the whole document with the same options;
    only the engine's name and the violations come back from the browser: the whole result (every rule
    passed, incomplete or not applicable, some 50 kB a page) cost about a sixth of each run to hand over. The
    28 rules (of 96) that can only find minor or moderate faults (``region``, ``heading-order``, the
    landmarks…) do not run (``AXE_RUN``): on one page, run against run, a fifth of axe's time on the
    timeline or the framing plan; 17.3 s to 16.2 s over the 22 roadmap pages of test_e2e_one_language.py."""
    page.evaluate(axe.axe_script)
    result = page.evaluate(AXE_RUN)
    assert result["engine"] == "axe-core", "axe did not run"
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:3])
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
