"""The milestone form's lists of objectives and activities take the form's whole width, so that the demo's
titles read whole at 1280 and 1440 px, in French and in English (in one grid column, 266 px at 1280 px, they
were cut)."""

from __future__ import annotations

from typing import Any

import pytest

from .conftest import serious_axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.reads_only]

ROADMAP = "/w/cloud-kicks/r/cloud-kicks/"

# The widest option's text, in the select's own font, against the room inside the select.
WIDEST_AND_ROOM = """select => {
  const style = getComputedStyle(select);
  const pen = document.createElement("canvas").getContext("2d");
  pen.font = style.font;
  const widest = Math.max(...Array.from(select.options, option => pen.measureText(option.text).width));
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return [widest, room];
}"""


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_milestones_activities_and_objectives_read_whole_in_its_form(
    demo: Any, members: dict[str, Any], logged_in_page: Any, assets_loaded: Any, shot: Any, language: str
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    page = logged_in_page("demo@jalon.local", language)
    page.goto(ROADMAP + "milestones/")
    assets_loaded(page)
    for width in (1440, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        whole = page.locator(".register-create .register-fields").bounding_box()
        assert whole is not None
        for name in ("activities", "objectives"):
            select = page.locator(f"#id_new_{name}")
            box = select.bounding_box()
            assert box is not None
            assert box["width"] >= whole["width"] - 1, (width, name, box, whole)
            widest, room = select.evaluate(WIDEST_AND_ROOM)
            assert widest <= room, (width, name, widest, room)
        shot(page, str(width))
    assert serious_axe_violations(Axe(), page) == []
