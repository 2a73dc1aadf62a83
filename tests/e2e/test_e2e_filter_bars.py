"""Filter bars: a bar's button sits on its fields' line (the workload's *Filtrer* sat 10 px below them, a
stacked form's margin under each field), and a filter checkbox keeps its label beside it (the backlog's
labels fell under their boxes), at 1440 and 1280 px."""

from __future__ import annotations

import pytest

from .look import BUTTONS_OFF_THEIR_ROW, LABELS_BELOW_THEIR_BOX, WIDTHS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"
BARS = ("backlog/", "workload/", "timeline/", "framing/plan/", "portfolio/", "risks/", "documents/")


@pytest.mark.reads_only
def test_every_filter_bars_button_sits_on_its_fields_line(logged_in_page, shot) -> None:
    """Each page is opened once, at 1440 px, then narrowed to 1280 px: laid out again, not loaded again (a
    bar's place is the style sheet's, which a narrower window applies as a fresh load at that width would)."""
    page = logged_in_page("demo@jalon.local")
    measured = 0
    for path in BARS:
        page.set_viewport_size({"width": WIDTHS[0], "height": 900})
        page.goto(ROADMAP + path)
        page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            buttons = page.evaluate(BUTTONS_OFF_THEIR_ROW)
            measured += len(buttons)
            assert [b for b in buttons if abs(b[1]) > 2] == [], (path, width)
            shot(page, f"{path.strip('/').replace('/', '-')}-{width}")
    assert measured >= 2 * 3  # the workload's, the timeline's and the calendar's buttons at least


@pytest.mark.reads_only
def test_the_backlog_filters_keep_each_checkbox_beside_its_label(logged_in_page, shot) -> None:
    page = logged_in_page("demo@jalon.local")
    page.goto(ROADMAP + "backlog/")
    page.locator("details.backlog-filters summary").click()
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert page.locator(".filter-form input[type=checkbox]").count() > 10
        assert page.evaluate(LABELS_BELOW_THEIR_BOX) == [], width
        shot(page, f"{width}")
