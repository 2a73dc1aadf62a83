"""The visual roadmap in real Chromium: drag a bar to move or resize an activity, move one with the keyboard,
see the dependencies a move would break before saving, switch between the executive and operational views
in French and in English; readers get no drag."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from .look import Look

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DEMO = "demo@jalon.local"
ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
TIMELINE = ROADMAP + "timeline/?zoom=month"  # eight pixels a day: a week is 56 px
PER_DAY = 8


def bar(page: Any, key: str) -> Any:
    return page.locator(f'g.tl-bar[data-key="{key}"][tabindex="0"]')


def activity(key: str) -> Any:
    from jalon.planning.models import Activity

    return Activity.objects.get(roadmap__slug="cloud-kicks", key=key)


def wait_for_dates(page: Any, key: str, start: str, end: str) -> None:
    page.wait_for_function(
        """([key, start, end]) => {
             const bar = document.querySelector(`g.tl-bar[data-key="${key}"][tabindex="0"]`);
             return bar && bar.dataset.start === start && bar.dataset.end === end && !bar.dataset.saving;
           }""",
        arg=[key, start, end],
    )


def drag(page: Any, key: str, *, days: int, where: str = "middle") -> None:
    """Press on the bar (its middle or its right edge), move ``days`` days to the right, release."""
    body = bar(page, key).locator("rect.tl-body")
    body.scroll_into_view_if_needed()
    box = body.bounding_box()
    x = box["x"] + (box["width"] / 2 if where == "middle" else box["width"] - 2)
    y = box["y"] + box["height"] / 2
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + days * PER_DAY, y, steps=8)
    page.mouse.up()


def open_timeline(logged_in_page: Any, assets_loaded: Any, email: str = DEMO) -> Any:
    page = logged_in_page(email)
    page.goto(TIMELINE)
    assets_loaded(page)
    return page


def test_dragging_a_bar_moves_the_activity_and_a_reload_shows_the_new_dates(
    logged_in_page, assets_loaded, shot
):
    page = open_timeline(logged_in_page, assets_loaded)
    assert activity("campagne-noel").start == date(2026, 12, 7)
    drag(page, "campagne-noel", days=7)
    wait_for_dates(page, "campagne-noel", "2026-12-14", "2026-12-20")
    moved = activity("campagne-noel")
    assert (moved.start, moved.end) == (date(2026, 12, 14), date(2026, 12, 20))
    assert page.locator("#act-campagne-noel .tl-start").inner_text() == "14/12/2026"  # the list follows
    shot(page, "dropped")

    page.reload()
    assert bar(page, "campagne-noel").get_attribute("data-start") == "2026-12-14"
    assert page.locator("#act-campagne-noel .tl-start").inner_text() == "14/12/2026"
    assert page.locator("#act-campagne-noel .tl-end").inner_text() == "20/12/2026"
    shot(page)


def test_dragging_the_right_edge_changes_only_the_end(logged_in_page, assets_loaded, shot):
    page = open_timeline(logged_in_page, assets_loaded)
    drag(page, "campagne-noel", days=3, where="end")
    wait_for_dates(page, "campagne-noel", "2026-12-07", "2026-12-16")
    moved = activity("campagne-noel")
    assert (moved.start, moved.end) == (date(2026, 12, 7), date(2026, 12, 16))
    shot(page)


def test_keyboard_moves_and_stretches_a_bar_and_enter_saves(logged_in_page, assets_loaded, shot):
    page = open_timeline(logged_in_page, assets_loaded)
    target = bar(page, "campagne-noel")
    target.focus()
    assert page.evaluate("document.activeElement.dataset.key") == "campagne-noel"
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")  # two days later
    page.keyboard.press("]")  # one more day at the end
    assert target.get_attribute("data-start") == "2026-12-07"  # a preview: not saved yet
    assert "09/12/2026" in page.locator("#timeline-live").inner_text()  # announced, in French
    assert activity("campagne-noel").start == date(2026, 12, 7)
    shot(page, "preview")
    page.keyboard.press("Enter")
    wait_for_dates(page, "campagne-noel", "2026-12-09", "2026-12-16")
    moved = activity("campagne-noel")
    assert (moved.start, moved.end) == (date(2026, 12, 9), date(2026, 12, 16))
    # The focus comes back to the moved bar, so the keys keep working.
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.dataset.key === 'campagne-noel'"
    )
    page.keyboard.press("Shift+ArrowLeft")  # a week earlier
    page.keyboard.press("Escape")  # cancelled
    assert bar(page, "campagne-noel").get_attribute("data-start") == "2026-12-09"
    assert activity("campagne-noel").start == date(2026, 12, 9)
    shot(page)


@pytest.mark.parametrize(
    ("language", "announced"),
    [("fr", "09/12/2026 – 16/12/2026"), ("en", "9 Dec 2026 – 16 Dec 2026")],
    ids=["fr", "en"],
)
def test_a_keyboard_move_announces_its_dates_the_way_the_page_writes_them(
    logged_in_page, assets_loaded, shot, language: str, announced: str
) -> None:
    page = logged_in_page(DEMO, language)
    page.goto(TIMELINE)
    assets_loaded(page)
    written = page.locator("#act-campagne-noel .tl-end").inner_text()  # the page's own way: 13 Dec 2026
    assert written == ("13/12/2026" if language == "fr" else "13 Dec 2026")
    target = bar(page, "campagne-noel")
    target.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    page.keyboard.press("]")  # 9 to 16 December
    live = page.locator("#timeline-live")
    assert announced in live.inner_text()
    assert "12/9/2026" not in live.inner_text() and "12/16/2026" not in live.inner_text()  # never month first
    Look(shot, language)(page, "announced")  # 1440 and 1280 px, axe
    page.keyboard.press("Escape")


def test_a_move_that_breaks_a_dependency_is_shown_before_saving(logged_in_page, assets_loaded, shot):
    page = open_timeline(logged_in_page, assets_loaded)
    bar(page, "developpement-preferences").focus()
    for _ in range(10):
        page.keyboard.press("]")  # ends on 28/12: the launch (14 days after) could no longer start on 04/01
    page.keyboard.press("Enter")
    panel = page.locator(".timeline-confirm")
    panel.wait_for()
    assert "Lancement" in panel.inner_text() or "lancement" in panel.inner_text()
    assert activity("developpement-preferences").end == date(2026, 12, 18)  # nothing saved yet
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('.timeline-confirm')"
    )
    shot(page, "warning")
    panel.locator("button[type=submit]").click()  # "Move anyway"
    wait_for_dates(page, "developpement-preferences", "2026-10-12", "2026-12-28")
    assert activity("developpement-preferences").end == date(2026, 12, 28)
    broken = page.locator('path.tl-dependency[data-from="developpement-preferences"]')
    assert broken.get_attribute("data-broken") == "true"  # the chart shows the broken link in red
    shot(page)


@pytest.mark.reads_only
def test_a_reader_cannot_drag(logged_in_page, assets_loaded, members, shot):
    page = open_timeline(logged_in_page, assets_loaded, "viewer@example.com")
    assert page.locator("g.tl-bar[tabindex]").count() == 0
    assert page.locator("#timeline-chart").get_attribute("data-move-url") is None
    body = page.locator('g.tl-bar[data-key="campagne-noel"] rect.tl-body').first
    body.scroll_into_view_if_needed()
    box = body.bounding_box()
    posted: list[str] = []
    page.on("request", lambda request: posted.append(request.url) if request.method == "POST" else None)
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] / 2 + 7 * PER_DAY, box["y"] + box["height"] / 2, steps=5)
    page.mouse.up()
    # A drop saves from its pointerup handler; once the page has run the next frame, it has sent nothing.
    page.evaluate("() => new Promise(resolve => requestAnimationFrame(() => resolve(null)))")
    assert posted == []
    assert activity("campagne-noel").start == date(2026, 12, 7)
    shot(page)


@pytest.mark.reads_only
def test_switch_between_executive_and_operational_views_in_french_then_english(
    logged_in_page, assets_loaded, shot
):
    page = logged_in_page(DEMO)
    page.goto(ROADMAP + "executive/")
    assets_loaded(page)
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("#ex-vision-title").inner_text() == "Énoncé de vision"
    assert page.locator(".ex-themes svg[role=img]").count() == 1
    assert page.locator(".milestone-list li.missed").count() >= 1
    shot(page, "executive-fr")

    page.locator(f'.roadmap-nav a[href="{ROADMAP}timeline/"]').click()
    page.wait_for_url(f"**{ROADMAP}timeline/")
    assert page.locator(".timeline-table thead th").nth(4).inner_text() == "Début"
    assert page.locator("#timeline-chart svg g.tl-bar").count() > 10
    shot(page, "operational-fr")

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".timeline-table thead th").nth(4).inner_text() == "Start"
    assert page.locator("h1").inner_text() == "Operational view"
    assert (page.locator("#timeline-chart svg text.tl-quarter").first.text_content() or "").startswith("Q")
    shot(page, "operational-en")

    page.locator(f'.roadmap-nav a[href="{ROADMAP}executive/"]').click()
    page.wait_for_url(f"**{ROADMAP}executive/")
    assert page.locator("#ex-vision-title").inner_text() == "Vision statement"
    assert page.locator("h1").inner_text() == "Executive view"
    shot(page)


@pytest.mark.reads_only
def test_filters_stay_in_the_address(logged_in_page, assets_loaded, shot):
    page = open_timeline(logged_in_page, assets_loaded)
    page.locator("#tl-theme").select_option(["mobile"])
    page.locator("#tl-lanes").select_option("owner")
    page.locator(".timeline-filters button[type=submit]").click()
    page.wait_for_url("**lanes=owner**")
    assert "theme=mobile" in page.url
    keys = page.locator("#timeline-list tbody tr").evaluate_all("rows => rows.map(r => r.dataset.key)")
    assert keys and all(activity(key).theme.key == "mobile" for key in keys)
    shot(page)


DUPLICATE_IDS = """() => {
  const seen = {}, twice = new Set();
  for (const e of document.querySelectorAll('[id]')) { if (seen[e.id]) twice.add(e.id); seen[e.id] = true; }
  return [...twice];
}"""
OUTSIDE = """svg => { const box = svg.viewBox.baseVal; return [...svg.querySelectorAll('text')]
  .map(t => ({text: t.textContent, b: t.getBBox()}))
  .filter(({b}) => b.x < 0 || b.y < 0 || b.x + b.width > box.width + 0.5 || b.y + b.height > box.height + 0.5)
  .map(({text}) => text); }"""
TEXT_OVER_ITS_BAR = """svg => [...svg.querySelectorAll('g.tl-bar')].filter(g => {
  const text = g.querySelector('text'), body = g.querySelector('rect.tl-body');
  if (!text) return false;
  const t = text.getBBox(), b = body.getBBox();
  return t.x + t.width > b.x + b.width + 0.5; }).map(g => g.dataset.key)"""


@pytest.mark.parametrize(
    "address", ["timeline/", "timeline/?zoom=month&lanes=objective", "timeline/?zoom=year", "executive/"]
)
@pytest.mark.reads_only
def test_no_duplicate_ids_and_every_label_fits(logged_in_page, assets_loaded, address, shot):
    page = logged_in_page(DEMO)
    page.goto(ROADMAP + address)
    assets_loaded(page)
    assert page.evaluate(DUPLICATE_IDS) == []
    chart = page.locator("svg.timeline")
    assert chart.evaluate(OUTSIDE) == []
    assert chart.evaluate(TEXT_OVER_ITS_BAR) == []
    shot(page)


def test_without_javascript_an_editor_changes_dates_with_a_small_form(logged_in_page, shot):
    page = logged_in_page(DEMO, java_script_enabled=False)
    page.goto(ROADMAP + "timeline/?theme=conversion")
    assert page.locator("svg.timeline g.tl-bar").count() > 0  # the chart reads without the script
    page.locator("#act-campagne-noel a").click()
    page.wait_for_url("**/activities/campagne-noel/move/?**")
    page.locator("input[name=start]").fill("2026-12-10")
    page.locator("input[name=end]").fill("2026-12-16")
    shot(page, "form")
    page.locator("form.narrow-form button[type=submit]").click()
    page.wait_for_url("**/timeline/?zoom=quarter&lanes=theme&theme=conversion")
    assert page.locator("#act-campagne-noel .tl-start").inner_text() == "10/12/2026"
    assert activity("campagne-noel").end == date(2026, 12, 16)
    shot(page)


LANE_LABELS = """svg => Array.from(svg.querySelectorAll('g.tl-lane > text')).map(t => {
  const b = t.getBBox();
  return {text: t.textContent, right: b.x + b.width, origin: Number(svg.dataset.origin)}; })"""
# The chart opens scrolled to today; the screenshot shows its left edge, where the lane names are.
TO_THE_LANE_NAMES = """svg => { let box = svg.parentElement;
  while (box && box.scrollWidth <= box.clientWidth) box = box.parentElement;
  if (box) box.scrollLeft = 0; }"""
MONTHS = "svg => Array.from(svg.querySelectorAll('text.tl-month')).map(t => t.textContent)"


@pytest.mark.parametrize("width", [1440, 1280])
def test_lane_names_are_whole_inside_their_column_and_months_read_french(
    logged_in_page, assets_loaded, members, width, shot
):
    from jalon.planning import services
    from jalon.planning.models import Activity
    from jalon.strategy.models import Roadmap

    services.create(
        Activity, actor=members["owner"], roadmap=Roadmap.objects.get(slug="cloud-kicks"), key="sans-theme",
        title="Audit des avis clients", start=date(2026, 9, 7), end=date(2026, 9, 18),
    )  # fmt: skip
    page = logged_in_page(DEMO)
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(ROADMAP + "timeline/?zoom=month")
    assets_loaded(page)
    labels = page.locator("svg.timeline").evaluate(LANE_LABELS)
    assert any(label["text"] == "Hors groupe thématique" for label in labels)  # two <tspan>, a space between
    assert [label["text"] for label in labels if "…" in label["text"]] == []
    assert [label["text"] for label in labels if label["right"] > label["origin"]] == []
    months = page.locator("svg.timeline").evaluate(MONTHS)
    assert months[0] == "août 2026" and months[-1] == "janv. 2027"
    page.locator("svg.timeline").evaluate(TO_THE_LANE_NAMES)
    shot(page)
